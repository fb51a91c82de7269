/**
 * Text someone typed or imported, shown so it cannot pass for something else. Invisible characters
 * that change how text reads (right-to-left overrides and embeddings, isolates, direction marks) or
 * hide in it (control characters, zero-width joiners of words, a byte-order mark) are shown as their
 * code, so "\u202Egnp.exe" reads "U+202Egnp.exe", not "exe.png"; and the text sits in its own
 * bidirectional isolate (<bdi>), so a name in Arabic or Hebrew never reorders the sentence around it.
 * Joiners that emoji and scripts need (U+200C, U+200D) are left as they are.
 */
const INVISIBLE = '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF]';
const isInvisible = new RegExp(`^${INVISIBLE}$`);
const split = new RegExp(`(${INVISIBLE})`);

export const codeOf = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
/** The text in parts: plain runs, and each invisible character on its own. */
export const invisibleParts = (text: string): { text: string; invisible: boolean }[] =>
  text.split(split).filter(Boolean).map((part) => ({ text: part, invisible: isInvisible.test(part) }));

export const INVISIBLE_TITLE = 'An invisible character that can change how the text around it reads';

/** For labels and other places that take a plain string: each invisible character written out as [U+202E]. */
export const visibleText = (text: string): string =>
  invisibleParts(text).map((p) => (p.invisible ? `[${codeOf(p.text)}]` : p.text)).join('');

export function UserText({ text }: { text: string }) {
  return (
    <bdi>
      {invisibleParts(text).map((p, i) => (p.invisible ? <span key={i} className="invisible-char" title={INVISIBLE_TITLE}>{codeOf(p.text)}</span> : p.text))}
    </bdi>
  );
}
