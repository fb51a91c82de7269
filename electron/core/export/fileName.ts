import type { Db } from '../db/connection';
import { getInstallationId } from '../services/settings/settings';

/**
 * File names, two kinds. An attachment inside an export package travels to district servers and
 * their tools: Latin letters only, then the record's id and this Fieldbook's installation id. A file
 * a person saves keeps the letters of its words as they are written (Siobhán, Juárez), then the
 * record's id. Both are safe on every file system.
 */

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

const MAX_WORD_BYTES = 120;
const utf8 = new TextEncoder();

/** Cut to at most `max` UTF-8 bytes without splitting a letter (or a letter from its marks). */
function cut(text: string, max: number): string {
  let out = '';
  for (const piece of text.match(/\P{M}\p{M}*/gu) ?? []) {
    if (utf8.encode(out + piece).length > max) break;
    out += piece;
  }
  return out;
}

/**
 * The name of a file a person saves: the words in lower case, hyphens between them, Unicode NFC
 * (the bytes macOS, Windows and Linux agree on), letters, marks and digits only (no / \ : * ? " < > |,
 * no control characters, no leading or trailing dot or space), the record's id last, and well under
 * 255 bytes. downloadName(['evaluation', "Siobhán O'Connor-Nguyen", '2026–27'], 12, 'pdf') is
 * evaluation-siobhán-oconnor-nguyen-2026-27-id12.pdf.
 */
export function downloadName(words: readonly (string | number)[], id: number | string, extension: string): string {
  const slug = words
    .map(String)
    .join(' ')
    .normalize('NFC')
    .toLowerCase()
    // O'Connor is one word: apostrophes go without a hyphen in their place.
    .replace(/['’ʼ`]/g, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-');
  const text = cut(slug.replace(/^[-\p{M}]+/u, ''), MAX_WORD_BYTES).replace(/-+$/, '');
  const record = String(id).replace(/[^\p{L}\p{N}]+/gu, '-');
  return `${text ? `${text}-` : ''}id${record}.${extension.replace(/[^a-z0-9]/gi, '').toLowerCase()}`;
}
