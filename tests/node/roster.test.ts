import { beforeEach, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { memoryCore, ok, snapshot } from './helpers';

let ctx: CoreContext;
beforeEach(() => {
  ctx = memoryCore('2026-11-23');
});

const HEADER = 'name,email,role,role_start_date,school_name,school_code,school_level,need_tier,support_tier,cadence_days';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

describe('roster import', () => {
  it('previews every row, with each bad row’s problems by line and column, and writes nothing', async () => {
    const text = csv(
      'Ana Vega,ana@d.org,Principal,2024-08-01,Mesa Middle,M-1,middle,high,,',
      'Ben Cho,ben@d.org,principle,08/01/2019,Mesa Middle,M-1,,,,',
      'Cy Dunn,not-an-email,AP,2020-13-01,,,,,weekly,0',
    );
    const before = snapshot(ctx);
    const preview = await ok(ctx, 'previewRoster', { csv: text });
    expect(preview.counts).toEqual({ new: 1, duplicate: 0, error: 2, newSchools: 1 });
    expect(preview.rows[0]).toMatchObject({ line: 2, status: 'new', school: 'new', errors: [] });
    expect(preview.rows[1]).toMatchObject({ line: 3, status: 'error', school: 'new' });
    expect(preview.rows[1].errors).toEqual([{ field: 'role', message: expect.stringContaining('"principle" is not a role') }]);
    const fields = preview.rows[2].errors.map((e) => e.field).sort();
    expect(fields).toEqual(['cadence_days', 'email', 'role_start_date', 'school_name', 'support_tier']);
    expect(snapshot(ctx)).toEqual(before);

    const r = await dispatch(ctx, 'importRoster', { csv: text });
    expect(r).toMatchObject({ ok: false, error: { code: 'roster_invalid', field: 'csv', message: expect.stringContaining('2 rows have problems') } });
    expect(snapshot(ctx)).toEqual(before);
  });

  it('imports all rows at once once fixed, creating each school once and putting everyone on the caseload', async () => {
    const text = csv(
      'Ana Vega,ana@d.org,Principal,2024-08-01,Mesa Middle,M-1,middle,high,,',
      'Ben Cho,ben@d.org,assistant principal,8/1/2019,Mesa Middle,M-1,,,intensive,5',
      'Cy Dunn,,aspiring leader,2026-09-01,,,,,,',
    );
    expect(await ok(ctx, 'importRoster', { csv: text })).toEqual({ leadersAdded: 3, schoolsAdded: 1, skippedDuplicates: 0 });
    const { entries } = await ok(ctx, 'getCaseload');
    const by = Object.fromEntries(entries.map((e) => [e.leader.name, e]));
    // A novice at a high-need school: targeted support by default, and more often while new.
    expect(by['Ana Vega']).toMatchObject({ school: { name: 'Mesa Middle', districtCode: 'M-1' }, newInRole: true, assignment: { supportTier: 'targeted', cadenceDays: 7 } });
    expect(by['Ben Cho']).toMatchObject({ leader: { role: 'assistant_principal', roleStartDate: '2019-08-01' }, assignment: { supportTier: 'intensive', cadenceDays: 5 } });
    expect(by['Cy Dunn']).toMatchObject({ school: null, leader: { role: 'aspiring', email: null } });
    expect(await ok(ctx, 'listSchools')).toHaveLength(1);
  });

  it('finds duplicates: emails already in Fieldbook are skipped, repeats in the file are errors, school codes match', async () => {
    await ok(ctx, 'importRoster', { csv: csv('Ana Vega,ana@d.org,principal,2024-08-01,Mesa Middle,M-1,middle,high,,') });
    const preview = await ok(ctx, 'previewRoster', {
      csv: csv(
        'Ana Vega,ANA@d.org,principal,2024-08-01,Mesa Middle,M-1,,,,',
        'Dee Park,dee@d.org,principal,2012-08-01,Mesa Middle,m-1,,,,',
        'Dee Again,dee@d.org,principal,2012-08-01,Oak High,O-1,high,low,,',
        'Eli Ro,eli@d.org,principal,2012-08-01,Wrong Name,M-1,,,,',
      ),
    });
    expect(preview.rows.map((r) => [r.status, r.school])).toEqual([
      ['duplicate', 'existing'],
      ['new', 'existing'],
      ['error', 'new'],
      ['error', 'existing'],
    ]);
    expect(preview.rows[2].errors[0]).toMatchObject({ field: 'email', message: 'Same email as the leader on line 3' });
    expect(preview.rows[3].errors[0]).toMatchObject({ field: 'school_code', message: expect.stringContaining('belongs to Mesa Middle') });
  });

  it('matches a school entered by hand by its name, and gives it the file’s code', async () => {
    const oak = await ok(ctx, 'addSchool', { name: 'Oak Middle', level: 'middle', needTier: 'low' });
    const preview = await ok(ctx, 'previewRoster', { csv: csv('Ana Vega,ana@d.org,principal,2024-08-01,Oak Middle,OAK-7,,,,') });
    expect(preview.rows[0]).toMatchObject({ status: 'new', school: 'existing' });
    await ok(ctx, 'importRoster', { csv: csv('Ana Vega,ana@d.org,principal,2024-08-01,Oak Middle,OAK-7,,,,') });
    expect(await ok(ctx, 'listSchools')).toEqual([{ ...oak, districtCode: 'OAK-7' }]);
    const clash = await ok(ctx, 'previewRoster', { csv: csv('Ben Cho,ben@d.org,principal,2024-08-01,Oak Middle,OAK-9,,,,') });
    expect(clash.rows[0].errors[0]).toMatchObject({ field: 'school_code', message: expect.stringContaining('OAK-7') });
  });

  it('reads spreadsheet CSV: BOM, header spellings, quoted commas, quotes and line breaks', async () => {
    const text =
      '\ufeffName,Email,Role,Started in role,School,School code,Level,Need tier\r\n' +
      '"Vega, Ana ""Annie""",ana@d.org,Principal,2024-08-01,"Mesa Middle, Campus ""B""\nNorth",M-1,Middle,High need\r\n';
    const preview = await ok(ctx, 'previewRoster', { csv: text });
    expect(preview.fileErrors).toEqual([]);
    expect(preview.rows[0]).toMatchObject({ status: 'new', name: 'Vega, Ana "Annie"', schoolName: 'Mesa Middle, Campus "B"\nNorth' });
    await ok(ctx, 'importRoster', { csv: text });
    expect((await ok(ctx, 'getCaseload')).entries[0].school!.name).toBe('Mesa Middle, Campus "B"\nNorth');
  });

  it('explains a file without the required columns or rows', async () => {
    expect((await ok(ctx, 'previewRoster', { csv: '' })).fileErrors[0]).toMatch(/file is empty/);
    expect((await ok(ctx, 'previewRoster', { csv: 'full name,phone\nAna,555' })).fileErrors[0]).toMatch(/role, role_start_date, school_name/);
    expect((await ok(ctx, 'previewRoster', { csv: HEADER })).fileErrors[0]).toMatch(/no leaders/);
    expect(await dispatch(ctx, 'importRoster', { csv: HEADER })).toMatchObject({ ok: false, error: { field: 'csv' } });
  });
});
