import type { Db } from '../db/connection';
import { getInstallationId } from '../services/settings/settings';

/** Letters that do not come apart into a Latin letter and an accent. */
const LATIN: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ŀ: 'l' };

/** Words as a file name can carry them everywhere: "Nguyễn Thị Hoa" is nguyen-thi-hoa; "王小明" has none. */
export function fileWords(text: string, max = 60): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x00-\x7f]/g, (c) => LATIN[c] ?? ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '');
}

/**
 * An attachment's name: readable words, then the record's own id and this Fieldbook's short
 * installation id, so two leaders of the same name, names without Latin letters, or two
 * supervisors' records never give the same name ("evaluation-ana-vega-2026-17-3f2a9c1e.pdf").
 */
export function attachmentName(db: Db, words: (string | null | undefined)[], recordId: string | number, extension: string): string {
  const readable = words.map((w) => fileWords(w ?? '')).filter(Boolean);
  const id = `${String(recordId).replace(/[^A-Za-z0-9.]+/g, '-')}-${getInstallationId(db).slice(0, 8)}`;
  return `${[...readable, id].join('-')}.${extension}`;
}
