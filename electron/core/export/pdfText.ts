import bidiFactory from 'bidi-js';

/**
 * Text as pdfmake must be given it to show every name: pdfmake has no font fallback, so each run
 * of text gets the font that has its glyphs (by Unicode script), right-to-left words come in the
 * order they are seen, and a run with no place to break is given some, so laying it out stays linear.
 */

export type FontFamily = 'NotoSans' | 'NotoArabic' | 'CJK' | 'Hangul';
export interface Fragment {
  text: string;
  font: FontFamily;
}

const HANGUL = /[\p{Script=Hangul}]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\u30fc\uff00-\uffef\u2e80-\u2fdf\u31c0-\u31ef]/u;
const ARABIC = /\p{Script_Extensions=Arabic}/u;
const MARK = /\p{Script=Inherited}/u;
const SPACE = /\s/u;
const STRONG_RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
/** Bidi controls steer the algorithm but have no glyph: they are never drawn. */
const BIDI_CONTROLS = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/gu;

function fontFor(ch: string): FontFamily | null {
  if (HANGUL.test(ch)) return 'Hangul';
  if (CJK.test(ch)) return 'CJK';
  if (ARABIC.test(ch)) return 'NotoArabic';
  if (MARK.test(ch)) return null; // an accent stays with its letter
  return 'NotoSans';
}

function fontRuns(text: string): Fragment[] {
  const out: Fragment[] = [];
  for (const ch of text) {
    const font = fontFor(ch) ?? out.at(-1)?.font ?? 'NotoSans';
    const last = out.at(-1);
    if (last && last.font === font) last.text += ch;
    else out.push({ text: ch, font });
  }
  return out;
}

const ZWSP = '\u200b';
const LONG_RUN = 40;
/**
 * pdfmake measures ever-shorter prefixes of a word wider than the line, once per line it fills,
 * which is quadratic: a 190,000-character word took 51 s. A zero-width space every 40 characters
 * of a run that long gives it places to break (drawn as nothing, read back as nothing). Ordinary
 * words and Chinese or Japanese text, which break between characters anyway, are left alone.
 */
function breakLongRuns(text: string): string {
  if (text.length <= LONG_RUN) return text;
  return text.replace(new RegExp(`[^\\s${ZWSP}\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}]{${LONG_RUN + 1},}`, 'gu'), (run) => {
    const chars = [...run]; // by code point: a surrogate pair is never cut
    const parts: string[] = [];
    for (let i = 0; i < chars.length; i += LONG_RUN) parts.push(chars.slice(i, i + LONG_RUN).join(''));
    return parts.join(ZWSP);
  });
}

/** A name or other typed value set into a sentence: its direction cannot spill onto the numbers beside it. */
export const isolate = (s: string): string => `\u2068${s}\u2069`;

const bidi = bidiFactory();

/** One line with right-to-left text: words in the order they are seen (fontkit shapes and mirrors each Arabic word itself). */
function visualFragments(line: string): Fragment[] {
  const levels = bidi.getEmbeddingLevels(line, 'ltr');
  const mirrored = bidi.getMirroredCharactersMap(line, levels.levels);
  const order = Array.from({ length: line.length }, (_, i) => i);
  for (const [start, end] of bidi.getReorderSegments(line, levels)) {
    order.splice(start, end - start + 1, ...order.slice(start, end + 1).reverse());
  }
  // Pieces: stretches consecutive in logical order, one direction, split at spaces, so words are laid out one by one.
  const pieces: { start: number; end: number; rtl: boolean }[] = [];
  for (const i of order) {
    if (/[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/u.test(line[i])) continue;
    const rtl = (levels.levels[i] & 1) === 1;
    const last = pieces.at(-1);
    const joins = last && last.rtl === rtl && !SPACE.test(line[i]) && !SPACE.test(line[last.rtl ? last.start : last.end - 1]) && (rtl ? i === last.start - 1 : i === last.end);
    if (joins) {
      if (rtl) last.start = i;
      else last.end = i + 1;
    } else pieces.push({ start: i, end: i + 1, rtl });
  }
  return pieces.flatMap((p) => {
    let text = line.slice(p.start, p.end);
    if (p.rtl && mirrored.size) text = [...text].map((c, k) => mirrored.get(p.start + k) ?? c).join('');
    const runs = fontRuns(text);
    return p.rtl ? runs.reverse() : runs;
  });
}

/**
 * Any typed text as pdfmake fragments, each in a font that has its letters, in visual order.
 * Composed (NFC) first: text typed on a Mac may arrive with accents as separate characters.
 */
export function toFragments(input: string): Fragment[] {
  const text = breakLongRuns(input.normalize('NFC'));
  if (!STRONG_RTL.test(text)) return fontRuns(text.replace(BIDI_CONTROLS, ''));
  const out: Fragment[] = [];
  for (const line of text.split(/(\r?\n)/)) {
    if (line === '\n' || line === '\r\n') out.push({ text: line, font: out.at(-1)?.font ?? 'NotoSans' });
    else out.push(...(STRONG_RTL.test(line) ? visualFragments(line) : fontRuns(line.replace(BIDI_CONTROLS, ''))));
  }
  // Neighbours in one font join up, except Arabic words, which pdfmake must place one by one.
  const merged: Fragment[] = [];
  for (const f of out) {
    const last = merged.at(-1);
    if (last && last.font === f.font && f.font !== 'NotoArabic') last.text += f.text;
    else merged.push({ ...f });
  }
  return merged;
}

/** A pdfmake text node for typed text, with any style (bold, italics, fontSize…). */
export const typed = (text: string, style: Record<string, unknown> = {}) => ({ text: toFragments(text), ...style });
