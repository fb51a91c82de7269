import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { decodeSpreadsheetText, parseCsv } from '../../shared/csv';
import { memoryCore, ok, snapshot, tempDir } from './helpers';
import { type Cell, CSV_IMPORT_EVALUATING_FORMULAS, csvFilter, soffice, workbook } from './libreoffice';

/**
 * Spreadsheets in and out, with LibreOffice Calc in the loop: the tests build a workbook, Calc
 * writes it as CSV with its own filters (Windows-1252, semicolons, blank rows, its date formats),
 * and Fieldbook reads that; Calc then opens Fieldbook's export with formulas switched on.
 */

const HEADER: Cell[] = ['name', 'email', 'role', 'role_start_date', 'school_name', 'school_code', 'school_level', 'need_tier'];
const date = (iso: string, format: 'MM/DD/YY' | 'MM/DD/YYYY' | 'DD/MM/YYYY' = 'MM/DD/YYYY'): Cell => ({ date: iso, format });

/** Western European names, each with a letter Windows-1252 writes differently from UTF-8 (Œ is not even Latin-1). */
const NAMES = ['José Núñez', 'François Œuvre', 'Zoë Brontë', 'Ana María Peña'];

function roster(dates: Cell[]): Cell[][] {
  return [
    HEADER,
    [NAMES[0], 'jose@d.org', 'Principal', dates[0], 'Escuela Año Nuevo', 'E-1', 'elementary', 'high'],
    [NAMES[1], 'francois@d.org', 'Assistant principal', dates[1], 'Escuela Año Nuevo', 'E-1', '', ''],
    [], // an empty line in the sheet: Calc writes ",,,,,,,"
    [NAMES[2], 'zoe@d.org', 'Principal', dates[2], 'Lycée Côte', 'L-2', 'high', 'moderate'],
    [NAMES[3], '', 'Aspiring leader', dates[3], '', '', '', ''],
  ];
}
const STARTS = ['2024-08-01', '2019-01-08', '2021-07-15', '2026-09-01'];

/** The bytes Calc writes for a workbook, and the text Fieldbook reads from them. */
function calcCsv(rows: Cell[][], separator: ',' | ';', charset: 'windows-1252' | 'utf-8') {
  const bytes = soffice(workbook(rows), csvFilter(separator, charset), { outExt: 'csv' });
  return { bytes, ...decodeSpreadsheetText(bytes) };
}

let ctx: CoreContext;
beforeEach(() => {
  ctx = memoryCore('2026-11-23');
});

// Each LibreOffice conversion starts Calc: a few seconds, more on a busy machine.
describe('a roster saved by a spreadsheet', { timeout: 60_000 }, () => {
  it('reads plain “CSV (Comma delimited)” in Windows-1252 as Windows-1252 and imports every name intact; a blank row is skipped', async () => {
    const file = calcCsv(roster(STARTS.map((d) => date(d))), ',', 'windows-1252');
    // What Fieldbook used to do: read it as UTF-8, and every accented letter became U+FFFD.
    expect(new TextDecoder().decode(file.bytes)).toContain('\ufffd');
    expect(file.bytes.includes(0x8c)).toBe(true); // Œ in Windows-1252
    expect(file.encoding).toBe('windows-1252');
    expect(file.text).not.toContain('\ufffd');
    expect(file.text).toMatch(/\r?\n,,,,,,,\r?\n/); // the blank row, as Calc wrote it

    const preview = await ok(ctx, 'previewRoster', { csv: file.text });
    expect(preview.fileErrors).toEqual([]);
    expect(preview.rows.map((r) => [r.name, r.status, r.errors])).toEqual(NAMES.map((n) => [n, 'new', []]));
    expect(preview.rows.map((r) => r.roleStartDate.read)).toEqual(STARTS);

    await ok(ctx, 'importRoster', { csv: file.text });
    const { entries } = await ok(ctx, 'getCaseload');
    expect(entries.map((e) => e.leader.name).sort()).toEqual([...NAMES].sort());
    expect((await ok(ctx, 'listSchools')).map((s) => s.name).sort()).toEqual(['Escuela Año Nuevo', 'Lycée Côte']);
  });

  it('decodes every Windows-1252 byte as the C library’s iconv does (Node’s own decoder reads it as Latin-1)', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i).filter((b) => b >= 0x20 && ![0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b));
    const iconv = spawnSync('iconv', ['-f', 'WINDOWS-1252', '-t', 'UTF-8'], { input: bytes });
    expect(iconv.status).toBe(0);
    expect(decodeSpreadsheetText(bytes)).toEqual({ text: iconv.stdout.toString('utf8'), encoding: 'windows-1252' });
  });

  it('reads UTF-8 as UTF-8, with or without a byte-order mark, and UTF-16 by its mark', () => {
    const text = 'name\r\nNguyễn Thị Hoa\r\n王小明\r\n';
    expect(decodeSpreadsheetText(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeSpreadsheetText(Buffer.from(`\ufeff${text}`))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeSpreadsheetText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toEqual({ text, encoding: 'utf-16le' });
  });

  it('reads a file separated by semicolons, as a spreadsheet set to a European language writes it, and says so', async () => {
    const file = calcCsv(roster(STARTS.map((d) => date(d))), ';', 'utf-8');
    expect(file.text.split(/\r?\n/)[0]).toBe('"name";"email";"role";"role_start_date";"school_name";"school_code";"school_level";"need_tier"');
    const preview = await ok(ctx, 'previewRoster', { csv: file.text });
    expect(preview.fileErrors).toEqual([]);
    expect(preview.notices).toContain('Columns are separated by semicolons (;).');
    expect(preview.counts).toEqual({ new: 4, duplicate: 0, error: 0, newSchools: 2 });
    expect(await ok(ctx, 'importRoster', { csv: file.text })).toEqual({ leadersAdded: 4, schoolsAdded: 2, skippedDuplicates: 0 });
  });

  it('refuses a two-digit year and says why, and shows each date as read next to what was typed', async () => {
    const file = calcCsv(roster([date('2024-08-01', 'MM/DD/YY'), ...STARTS.slice(1).map((d) => date(d))]), ',', 'utf-8');
    const before = snapshot(ctx);
    const preview = await ok(ctx, 'previewRoster', { csv: file.text });
    expect(preview.rows[0].roleStartDate).toEqual({ typed: '08/01/24', read: null });
    expect(preview.rows[0].errors).toEqual([{ field: 'role_start_date', message: '"08/01/24" has a two-digit year: write the year with four digits (for example 08/01/2024), since 24 could be 1924 or 2024' }]);
    // 01/08/2019 could be either way round: it is read month first, shown as read, and the preview says so.
    expect(preview.rows[1].roleStartDate).toEqual({ typed: '01/08/2019', read: '2019-01-08' });
    expect(preview.notices).toContain('Dates such as 01/08/2019 are read month first (January 8, 2019), as US spreadsheets write them. Check the dates below.');
    expect((await dispatch(ctx, 'importRoster', { csv: file.text })).ok).toBe(false);
    expect(snapshot(ctx)).toEqual(before);
  });

  it('reads dates day first when the file can only mean that, and refuses a file that writes them both ways', async () => {
    const dayFirst = calcCsv(roster(STARTS.map((d) => date(d, 'DD/MM/YYYY'))), ';', 'utf-8');
    const preview = await ok(ctx, 'previewRoster', { csv: dayFirst.text });
    expect(preview.rows.map((r) => r.roleStartDate)).toEqual([
      { typed: '01/08/2024', read: '2024-08-01' }, { typed: '08/01/2019', read: '2019-01-08' },
      { typed: '15/07/2021', read: '2021-07-15' }, { typed: '01/09/2026', read: '2026-09-01' },
    ]);
    expect(preview.notices).toContain('Dates are read day first (15/07/2021 on line 5 can only be read that way): 01/08/2024 is August 1, 2024. Check the dates below.');

    const mixed = roster([date('2024-08-31', 'MM/DD/YYYY'), date('2019-01-13', 'DD/MM/YYYY'), date('2021-07-15'), date('2026-09-01')]);
    const refused = await ok(ctx, 'previewRoster', { csv: calcCsv(mixed, ',', 'utf-8').text });
    expect(refused.fileErrors).toEqual(['The dates in this file are written both day first (line 3: 13/01/2019) and month first (line 2: 08/31/2024). Write them all one way, or as 2024-08-31.']);
  });
});

describe('the caseload, out to a spreadsheet and back', { timeout: 60_000 }, () => {
  /** Names a spreadsheet would run as formulas: the export protects them, the import must give them back exactly. */
  const RISKY = [`=cmd|' /C calc'!A0`, '+1 Maria', '-Ana-', '@Home Principal', '=HYPERLINK("http://x","y")'];

  async function caseloadWithRiskyNames(c: CoreContext) {
    await ok(c, 'saveSettings', { supervisorName: 'Robin Diaz', district: 'Lakeside USD', targetRatio: 5, schoolYearStartMonth: 7 });
    const school = (await ok(c, 'addSchool', { name: '=Mesa Middle', level: 'middle', needTier: 'high', districtCode: '-M1' })).id;
    for (const [i, name] of RISKY.entries()) {
      await ok(c, 'addLeader', { name, email: `p${i}@d.org`, role: 'principal', schoolId: school, roleStartDate: '2022-08-01', assignment: { supportTier: 'standard' } });
    }
    return (await ok(c, 'exportCaseloadCsv')).csv;
  }

  it('imports its own export again exactly, the protective apostrophes dropped', async () => {
    const csv = await caseloadWithRiskyNames(ctx);
    expect(csv).toContain(`'=cmd|' /C calc'!A0`);
    const fresh = memoryCore('2026-11-23');
    expect(await ok(fresh, 'importRoster', { csv })).toMatchObject({ leadersAdded: RISKY.length, schoolsAdded: 1 });
    const { entries } = await ok(fresh, 'getCaseload');
    expect(entries.map((e) => e.leader.name).sort()).toEqual([...RISKY].sort());
    expect(entries.map((e) => [e.school?.name, e.school?.districtCode])).toEqual(RISKY.map(() => ['=Mesa Middle', '-M1']));
    // Exporting the imported caseload gives the same file, row for row.
    const again = (await ok(fresh, 'exportCaseloadCsv')).csv;
    const rows = (text: string) => parseCsv(text).map((r) => r.fields).sort((a, b) => a[0].localeCompare(b[0]));
    expect(rows(again)).toEqual(rows(csv));
  });

  it('opens in LibreOffice, with formulas switched on, without a single formula cell', async () => {
    const csv = await caseloadWithRiskyNames(ctx);
    const dir = tempDir();
    const exported = path.join(dir, 'fieldbook-caseload.csv');
    fs.writeFileSync(exported, csv);
    const opened = soffice(exported, 'fods', { infilter: CSV_IMPORT_EVALUATING_FORMULAS, outExt: 'fods' }).toString('utf8');
    expect(opened).not.toMatch(/table:formula=/);
    for (const name of RISKY) expect(opened).toContain(`'${name}`.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));

    // The same names written without protection do become formulas in Calc: the check above can fail.
    const naive = path.join(dir, 'naive.csv');
    fs.writeFileSync(naive, ['name', ...RISKY.map((n) => `"${n.replace(/"/g, '""')}"`)].join('\r\n'));
    expect(soffice(naive, 'fods', { infilter: CSV_IMPORT_EVALUATING_FORMULAS, outExt: 'fods' }).toString('utf8')).toMatch(/table:formula=/);
  });
});
