import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';

/** Dates as spreadsheets write them in a roster: read the way the file means them, or refused with the reason. */

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** 8/1/2024, 08-01-2024, 1.8.2024, and the two-digit years a spreadsheet writes when asked to (8/1/24). */
const NUMERIC_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})$/;
const longDate = (iso: string) => format(parseISO(iso), 'MMMM d, yyyy');
const isoOf = (y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;

export type DateOrder = 'month' | 'day';

/**
 * Which way round the file writes 01/08/2024. A date like 31/08/2024 can only be day first and
 * 08/31/2024 only month first; with no such date, month first, as US spreadsheets write it. Dots
 * (1.8.2024) are always day first. Returns a notice for the preview, or a file error when the file
 * mixes both ways.
 */
export function dateOrderOf(dates: { line: number; raw: string }[]): { order: DateOrder; notice?: string; error?: string } {
  let dayOnly: { line: number; raw: string } | undefined;
  let monthOnly: { line: number; raw: string } | undefined;
  let ambiguous: string | undefined;
  for (const d of dates) {
    const m = NUMERIC_DATE.exec(d.raw);
    if (!m || m[2] === '.' || m[4].length !== 4) continue;
    const [a, b] = [Number(m[1]), Number(m[3])];
    if (a > 12 && b <= 12) dayOnly ??= d;
    else if (b > 12 && a <= 12) monthOnly ??= d;
    else if (a !== b) ambiguous ??= d.raw;
  }
  if (dayOnly && monthOnly) {
    return { order: 'month', error: `The dates in this file are written both day first (line ${dayOnly.line}: ${dayOnly.raw}) and month first (line ${monthOnly.line}: ${monthOnly.raw}). Write them all one way, or as 2024-08-31.` };
  }
  if (dayOnly) {
    return { order: 'day', notice: `Dates are read day first (${dayOnly.raw} on line ${dayOnly.line} can only be read that way): 01/08/2024 is ${longDate('2024-08-01')}. Check the dates below.` };
  }
  if (ambiguous) {
    const [, a, , b, y] = NUMERIC_DATE.exec(ambiguous)!;
    return { order: 'month', notice: `Dates such as ${ambiguous} are read month first (${longDate(isoOf(y, a, b))}), as US spreadsheets write them. Check the dates below.` };
  }
  return { order: 'month' };
}

/** A typed date as ISO, or why it cannot be read; anything else is left for the schema to refuse. */
export function readDate(raw: string, order: DateOrder): { iso: string | null; error?: string } {
  const iso = ISO_DATE.exec(raw);
  if (iso) return { iso: isoOf(iso[1], iso[2], iso[3]) };
  const m = NUMERIC_DATE.exec(raw);
  if (!m) return { iso: null };
  const [, a, sep, b, year] = m;
  if (year.length === 2) {
    return { iso: null, error: `"${raw}" has a two-digit year: write the year with four digits (for example ${a}${sep}${b}${sep}20${year}), since ${year} could be 19${year} or 20${year}` };
  }
  return { iso: sep === '.' || order === 'day' ? isoOf(year, b, a) : isoOf(year, a, b) };
}
