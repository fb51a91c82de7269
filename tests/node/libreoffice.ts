import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from './helpers';

/**
 * A real spreadsheet in the loop: LibreOffice Calc, headless, converting with its own filters.
 * Debian: apt-get install -y libreoffice-calc-nogui (.ci/run installs it).
 */

/** Its own profile folder, so it never waits on (or disturbs) another LibreOffice running here. */
const profile = pathToFileURL(tempDir()).href;

/** Convert a file with LibreOffice and return the bytes it wrote. */
export function soffice(file: string, convertTo: string, options: { infilter?: string; outExt: string }): Buffer {
  const outDir = tempDir();
  const args = [`-env:UserInstallation=${profile}`, '--headless', '--norestore', ...(options.infilter ? [`--infilter=${options.infilter}`] : []), '--convert-to', convertTo, '--outdir', outDir, file];
  const r = spawnSync('soffice', args, { encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw new Error('LibreOffice (soffice) is missing: apt-get install -y libreoffice-calc-nogui (.ci/run installs it)');
  const out = path.join(outDir, `${path.parse(file).name}.${options.outExt}`);
  if (!fs.existsSync(out)) throw new Error(`LibreOffice did not convert ${file}: ${r.stdout} ${r.stderr}`);
  return fs.readFileSync(out);
}

/** LibreOffice's CSV filter options: separator, quote, character set (1: Windows-1252, 76: UTF-8), first line. */
export const csvFilter = (separator: ',' | ';', charset: 'windows-1252' | 'utf-8') =>
  `csv:Text - txt - csv (StarCalc):${separator.charCodeAt(0)},34,${charset === 'utf-8' ? 76 : 1},1`;

/** Import options that make Calc run every cell that looks like a formula, as a careless import would. */
export const CSV_IMPORT_EVALUATING_FORMULAS = 'Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1,true';

export type Cell = string | { date: string; format: 'MM/DD/YY' | 'MM/DD/YYYY' | 'DD/MM/YYYY' } | null;

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const DATE_STYLES: Record<string, string> = {
  'MM/DD/YY': '<number:month number:style="long"/><number:text>/</number:text><number:day number:style="long"/><number:text>/</number:text><number:year/>',
  'MM/DD/YYYY': '<number:month number:style="long"/><number:text>/</number:text><number:day number:style="long"/><number:text>/</number:text><number:year number:style="long"/>',
  'DD/MM/YYYY': '<number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/>',
};

/**
 * A one-sheet workbook (OpenDocument flat XML) as a person would fill it in: text cells, real date
 * cells shown in a chosen format, and empty rows. LibreOffice decides how each is written out.
 */
export function workbook(rows: Cell[][]): string {
  const formats = Object.keys(DATE_STYLES);
  const styles = formats.map((f, i) => `<number:date-style style:name="N${i}">${DATE_STYLES[f]}</number:date-style><style:style style:name="ce${i}" style:family="table-cell" style:data-style-name="N${i}"/>`).join('');
  const width = Math.max(...rows.map((r) => r.length));
  const cell = (c: Cell) => {
    if (c === null || c === '') return '<table:table-cell/>';
    if (typeof c === 'string') return `<table:table-cell office:value-type="string"><text:p>${xml(c)}</text:p></table:table-cell>`;
    return `<table:table-cell office:value-type="date" office:date-value="${c.date}" table:style-name="ce${formats.indexOf(c.format)}"/>`;
  };
  const body = rows.map((r) => (r.length === 0 ? `<table:table-row><table:table-cell table:number-columns-repeated="${width}"/></table:table-row>` : `<table:table-row>${r.map(cell).join('')}</table:table-row>`)).join('\n');
  const file = path.join(tempDir(), 'roster.fods');
  fs.writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>${styles}</office:automatic-styles>
<office:body><office:spreadsheet><table:table table:name="Roster">
${body}
</table:table></office:spreadsheet></office:body></office:document>
`);
  return file;
}
