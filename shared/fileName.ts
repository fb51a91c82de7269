/**
 * The name of a file a person saves: the record's words as they are written (Siobhán, Juárez,
 * 2026–27), in lower case with hyphens between words, then the record's id, so two records with the
 * same words never share a name. Safe on every file system: Unicode NFC (the bytes macOS, Windows
 * and Linux agree on), letters, marks and digits only (no / \ : * ? " < > | or control characters,
 * no leading or trailing dot or space), and short enough for any of them (255 bytes).
 */

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

/** downloadName(['evaluation', "Siobhán O'Connor-Nguyen", '2026–27'], 12, 'pdf') → evaluation-siobhán-oconnor-nguyen-2026-27-id12.pdf */
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
