import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormula, parseCsv, toCsv } from '../../shared/csv';

describe('CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, with or without a BOM', () => {
    const text = '\ufeffname,note\r\n"Vega, Marisol","said ""hi""\nthen left"\r\nOkafor,plain\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Vega, Marisol', 'said "hi"\nthen left'] },
      { line: 4, fields: ['Okafor', 'plain'] },
    ]);
    expect(parseCsv(text.slice(1))).toEqual(parseCsv(text));
  });

  it('skips blank lines and keeps empty trailing fields', () => {
    expect(parseCsv('a,b,\n\n1,,\n')).toEqual([
      { line: 1, fields: ['a', 'b', ''] },
      { line: 3, fields: ['1', '', ''] },
    ]);
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const bad of ['=1+1', '+SUM(A1)', '-2', '@cmd', '\tx', '\rx']) expect(neutraliseFormula(bad)).toBe(`'${bad}`);
    expect(neutraliseFormula('Marisol')).toBe('Marisol');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('round-trips what it writes', () => {
    const rows = [['name', 'note'], ['Vega, Marisol', 'line\nbreak "quoted"']];
    expect(parseCsv(toCsv(rows)).map((r) => r.fields)).toEqual(rows);
  });
});
