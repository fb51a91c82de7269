/**
 * RFC 4180 CSV, as spreadsheets write it: UTF-8 with or without BOM (or the older encodings Excel
 * still writes), quoted fields with separators, quotes and line breaks, and the separator of the
 * spreadsheet's language (a comma, or a semicolon where the comma is the decimal mark).
 */

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

export type Separator = ',' | ';' | '\t';
export const SEPARATOR_NAMES: Record<Separator, string> = { ',': 'commas', ';': 'semicolons (;)', '\t': 'tabs' };

/**
 * The separator the first line uses: the one of comma, semicolon and tab it holds most of, outside
 * quotes (a comma by default). A header names columns and has no numbers with decimal commas.
 */
export function detectSeparator(text: string): Separator {
  const counts: Record<Separator, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of text.slice(0, 10_000)) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (counts[','] + counts[';'] + counts['\t'] > 0) break;
    } else if (!quoted && c in counts) counts[c as Separator]++;
  }
  return (Object.keys(counts) as Separator[]).reduce((best, s) => (counts[s] > counts[best] ? s : best), ',');
}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export const ENCODING_NAMES: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8', 'utf-16le': 'Unicode (UTF-16)', 'utf-16be': 'Unicode (UTF-16)', 'windows-1252': 'Western European (Windows-1252)',
};

/**
 * A spreadsheet file's bytes as text. UTF-8 when they are valid UTF-8 (with or without a BOM);
 * UTF-16 when a BOM says so (Excel's "Unicode Text"); otherwise Windows-1252, which is what Excel
 * on Windows writes for plain "CSV (Comma delimited)" in the Americas and Western Europe.
 */
export function decodeSpreadsheetText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const decode = (encoding: TextEncodingName, fatal = false) => ({ text: new TextDecoder(encoding, { fatal }).decode(bytes), encoding });
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode('utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode('utf-16be');
  try {
    return decode('utf-8', true);
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** Windows-1252's bytes 0x80 to 0x9F (€, ‚, ƒ, „, …, Œ, ‘, ’, “, ”, –, —, ™, š, œ, Ÿ…); the five unused ones stay as they are. */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f'
  + '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * By table rather than TextDecoder: Node's decoder (which the core and the tests run on) reads
 * "windows-1252" as Latin-1, turning Œ, € and curly quotes into control characters.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b)));
    out += chunk.join('');
  }
  return out;
}

export function parseCsv(text: string, separator: Separator = ','): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0].trim() === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === separator) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/**
 * A spreadsheet treats a cell starting with = + - @ (or a tab or carriage return) as a formula.
 * Prefix such cells with an apostrophe so an exported name can never run as one.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Undo neutraliseFormula: the one apostrophe written before a formula-like cell comes off again on import. */
export function restoreFormulaText(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export function csvCell(value: string | number | null | undefined): string {
  const text = neutraliseFormula(value == null ? '' : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CRLF line ends and a BOM, so Excel opens accented names correctly. */
export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return '\ufeff' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
