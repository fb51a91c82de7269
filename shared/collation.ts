/**
 * How names are put in order, the same on every screen and in every list the core sends: the
 * Unicode default order (CLDR root, which English uses unchanged), so Ánimo Juárez sorts with the
 * A's, case and accents only break ties, and School 9 comes before School 10. Screens compare with
 * Intl.Collator; SQL orders by name_key(), a key whose plain byte order is the collator's order.
 */

const COLLATOR = new Intl.Collator('en', { usage: 'sort', numeric: true });

/** The order for names on screen: compareNames(a, b) < 0 when a comes first. */
export const compareNames = (a: string, b: string): number => COLLATOR.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/**
 * Letters the default order treats as a base letter (or two) that no Unicode decomposition gives:
 * ß is ss, æ is ae, ø is o and so on; dotless ı is a letter of its own, between i and j.
 */
const FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ħ: 'h', ŧ: 't', ĸ: 'q', ŀ: 'l', ı: 'i\uffff' };

/**
 * Space and punctuation come before digits, digits before letters, in the collator's own order of
 * the punctuation marks names and school names hold. The key writes each as one character below
 * '0', in that order; marks not listed sort together just before the digits.
 */
const MARKS = [...' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$’‘“”–—'];
const PRIMARY = new Intl.Collator('en', { sensitivity: 'base' });
const MARK_KEY = new Map<string, string>();
let rank = 0;
[...MARKS].sort((a, b) => COLLATOR.compare(a, b)).forEach((m, i, sorted) => {
  // Marks the collator tells apart only by their look (’ and ') share a rank, as they share its first level.
  if (i > 0 && PRIMARY.compare(sorted[i - 1], m) !== 0) rank++;
  MARK_KEY.set(m, String.fromCharCode(0x01 + rank));
});
const OTHER_MARK = String.fromCharCode(0x02 + rank);

/** A digit run by value: its length (as one character) then its digits, so 9 < 10 as the collator has it. */
const number = (digits: string): string => {
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  return String.fromCharCode(0x30 + Math.min(trimmed.length, 40)) + trimmed;
};

const cache = new Map<string, string>();
const CACHE_MAX = 20_000;

/**
 * A sort key for a name: comparing keys as plain strings (SQLite's default BINARY) gives the
 * collator's order for differing names. Base letters first (accents and case dropped), then the
 * name itself to break ties between names that differ only in accents or case.
 */
export function nameSortKey(name: string): string {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const base = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđħŧıĸŀ]/g, (c) => FOLDS[c]);
  let key = '';
  for (const part of base.match(/\d+|[^\d]/gu) ?? []) {
    if (/^\d/.test(part)) key += number(part);
    else if (/\p{L}/u.test(part) || part === '\uffff') key += part;
    else if (/\s/u.test(part)) key += MARK_KEY.get(' ');
    else key += MARK_KEY.get(part) ?? OTHER_MARK;
  }
  // Ties: accents (unaccented first), then case (lower case first), as the collator breaks them.
  const nfd = name.normalize('NFD');
  const swapped = [...nfd].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
  const full = `${key}\u0000${nfd.toLowerCase()}\u0000${swapped}`;
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(name, full);
  return full;
}
