import { beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/csv';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { memoryCore, ok, PROFILE, snapshot } from './helpers';
import { getInstallationId } from '../../electron/core/services/settings/settings';

let ctx: CoreContext;
beforeEach(() => {
  ctx = memoryCore('2026-11-23');
});

const school = (name: string, districtCode?: string) => ok(ctx, 'addSchool', { name, level: 'middle', needTier: 'high', districtCode });
const leader = (name: string, schoolId: number, role = 'principal', roleStartDate = '2015-08-01', extra = {}) =>
  ok(ctx, 'addLeader', { name, role, schoolId, roleStartDate, email: `${name.toLowerCase()}@d.org`, assignment: { supportTier: 'standard' }, ...extra });

describe('settings', () => {
  it('starts empty, then keeps the profile with the playbook defaults', async () => {
    expect(await ok(ctx, 'getSettings')).toBeNull();
    const saved = await ok(ctx, 'saveSettings', { supervisorName: ' Robin Diaz ', supervisorEmail: ' Robin.Diaz@Lakeside.example ', district: 'Lakeside USD' });
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(saved).toEqual({ supervisorName: 'Robin Diaz', supervisorEmail: 'robin.diaz@lakeside.example', district: 'Lakeside USD', targetRatio: 5, schoolYearStartMonth: 7, timeZone: zone, locale: expect.any(String), display: { locale: expect.any(String), timeZone: zone } });
  });

  it('needs a work email that is an email, naming the field, and changes nothing', async () => {
    await ok(ctx, 'saveSettings', PROFILE);
    for (const [supervisorEmail, message] of [[undefined, 'Enter your work email'], ['  ', 'Enter your work email'], ['robin at lakeside', 'Enter a valid email address, like name@district.org']] as const) {
      const r = await dispatch(ctx, 'saveSettings', { ...PROFILE, supervisorName: 'Someone Else', supervisorEmail });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'supervisorEmail', message } });
    }
    expect(await ok(ctx, 'getSettings')).toMatchObject({ supervisorName: 'Robin Diaz', supervisorEmail: PROFILE.supervisorEmail });
  });

  it('keeps a profile saved before the email was asked for, without one, until it is saved again', async () => {
    ctx.db.prepare(`INSERT INTO settings (id, supervisor_name, district, target_ratio, school_year_start_month, updated_at) VALUES (1, 'Robin Diaz', 'Lakeside USD', 5, 7, '2026-01-01T00:00:00.000Z')`).run();
    expect(await ok(ctx, 'getSettings')).toMatchObject({ supervisorName: 'Robin Diaz', supervisorEmail: null });
  });

  it('keeps the date format the shell gave (the system’s) at the first start, then the one chosen in Settings, whatever the computer says later', async () => {
    ctx.locale = 'en-GB';
    expect((await ok(ctx, 'saveSettings', PROFILE)).display.locale).toBe('en-GB');
    // Another session on a computer set otherwise: the saved format holds, so a record's PDF reads the same.
    ctx.locale = 'tr-TR';
    expect((await ok(ctx, 'getSettings'))!).toMatchObject({ locale: 'en-GB', display: { locale: 'en-GB' } });
    expect((await ok(ctx, 'saveSettings', { ...PROFILE, locale: 'en-US' })).display.locale).toBe('en-US');
    expect(await dispatch(ctx, 'saveSettings', { ...PROFILE, locale: 'not a locale' })).toMatchObject({ ok: false, error: { field: 'locale', message: 'Choose a date and time format from the list' } });
    expect((await ok(ctx, 'getSettings'))!.locale).toBe('en-US');
    // The zone is the one chosen in Settings (at the first save, this computer's).
    expect((await ok(ctx, 'saveSettings', { ...PROFILE, timeZone: 'America/Chicago' })).display.timeZone).toBe('America/Chicago');
  });

  it('starts a data file from before with this computer’s format and zone, until the profile is saved', async () => {
    await ok(ctx, 'saveSettings', PROFILE);
    ctx.db.prepare('UPDATE settings SET locale = NULL, time_zone = NULL').run();
    ctx.locale = 'en-GB';
    expect((await ok(ctx, 'getSettings'))!).toMatchObject({ timeZone: null, display: { locale: 'en-GB' } });
    await ok(ctx, 'saveSettings', PROFILE);
    ctx.locale = undefined;
    expect((await ok(ctx, 'getSettings'))!).toMatchObject({ timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, display: { locale: 'en-GB' } });
  });

  it('refuses a bad target, naming the field, and changes nothing', async () => {
    await ok(ctx, 'saveSettings', PROFILE);
    const r = await dispatch(ctx, 'saveSettings', { ...PROFILE, targetRatio: 0 });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'targetRatio' } });
    expect((await ok(ctx, 'getSettings'))!.targetRatio).toBe(5);
  });
});

describe('caseload', () => {
  it('counts principals against the target and warns above it', async () => {
    await ok(ctx, 'saveSettings', { ...PROFILE, targetRatio: 2 });
    const s = await school('Mesa');
    await leader('Ana', s.id);
    await leader('Ben', s.id);
    await leader('Cy', s.id, 'assistant_principal');
    await leader('Dee', s.id, 'aspiring');
    expect((await ok(ctx, 'getCaseload')).ratio).toEqual({ principals: 2, assistantPrincipals: 1, aspiring: 1, target: 2, overTarget: 0 });
    await leader('Eve', s.id);
    expect((await ok(ctx, 'getCaseload')).ratio).toMatchObject({ principals: 3, overTarget: 1 });
  });

  it('defaults the visit cadence from support tier, more often for a leader new in role', async () => {
    const s = await school('Mesa');
    const veteran = await leader('Vet', s.id, 'principal', '2010-08-01');
    const novice = await leader('Nov', s.id, 'principal', '2025-08-01');
    const custom = await leader('Cus', s.id, 'principal', '2010-08-01', { assignment: { supportTier: 'intensive', cadenceDays: 3 } });
    const byId = async (id: number) => (await ok(ctx, 'getLeader', { leaderId: id }));
    expect((await byId(veteran.id)).assignment).toMatchObject({ supportTier: 'standard', cadenceDays: 28 });
    expect(await byId(novice.id)).toMatchObject({ newInRole: true, yearsInRole: 1, assignment: { cadenceDays: 14 } });
    expect((await byId(custom.id)).assignment).toMatchObject({ supportTier: 'intensive', cadenceDays: 3 });
    // Changing the tier without a cadence takes the new tier's default.
    await ok(ctx, 'assignLeader', { leaderId: veteran.id, supportTier: 'targeted' });
    expect((await byId(veteran.id)).assignment!.cadenceDays).toBe(14);
  });

  it('takes a leader off the caseload, and one who leaves the role leaves it too', async () => {
    const s = await school('Mesa');
    const a = await leader('Ana', s.id);
    const b = await leader('Ben', s.id);
    await ok(ctx, 'unassignLeader', { leaderId: a.id });
    await ok(ctx, 'updateLeader', { ...b, status: 'left' });
    expect((await ok(ctx, 'getCaseload')).entries).toHaveLength(0);
    expect((await ok(ctx, 'listUnassignedLeaders')).map((l) => l.name)).toEqual(['Ana']);
    const back = await ok(ctx, 'assignLeader', { leaderId: a.id, supportTier: 'targeted' });
    expect(back.assignment).toMatchObject({ supportTier: 'targeted', startDate: '2026-11-23' });
  });

  it('refuses duplicates and bad references with the field named, writing nothing', async () => {
    const s = await school('Mesa', 'M-1');
    await leader('Ana', s.id);
    const before = snapshot(ctx);
    const cases: [string, unknown, string][] = [
      ['addSchool', { name: 'Other', level: 'high', needTier: 'low', districtCode: 'm-1' }, 'districtCode'],
      ['addSchool', { name: '', level: 'high', needTier: 'low' }, 'name'],
      ['addSchool', { name: 'X', level: 'college', needTier: 'low' }, 'level'],
      ['addLeader', { name: 'Dup', role: 'principal', schoolId: s.id, roleStartDate: '2020-01-01', email: 'ANA@d.org' }, 'email'],
      ['addLeader', { name: 'NoSchool', role: 'principal', schoolId: 999, roleStartDate: '2020-01-01' }, 'schoolId'],
      ['addLeader', { name: 'NoSchool', role: 'principal', roleStartDate: '2020-01-01' }, 'schoolId'],
      ['addLeader', { name: 'BadDate', role: 'principal', schoolId: s.id, roleStartDate: '2020-13-45' }, 'roleStartDate'],
      ['addLeader', { name: 'BadCadence', role: 'principal', schoolId: s.id, roleStartDate: '2020-01-01', assignment: { supportTier: 'standard', cadenceDays: 0 } }, 'assignment.cadenceDays'],
    ];
    for (const [name, input, field] of cases) {
      const r = await dispatch(ctx, name, input);
      expect(r.ok, `${name} ${JSON.stringify(input)}`).toBe(false);
      if (!r.ok) {
        expect(r.error.field).toBe(field);
        expect(r.error.message.length).toBeGreaterThan(5);
      }
    }
    expect(snapshot(ctx)).toEqual(before);
  });

  it('exports the caseload as CSV with formulas neutralised', async () => {
    const s = await school('=cmd|calc');
    await leader('+Ana', s.id);
    const file = await ok(ctx, 'exportCaseloadCsv');
    expect(file.filename).toBe(`fieldbook-caseload-2026-11-23-${getInstallationId(ctx.db).slice(0, 8)}.csv`);
    const [header, row] = parseCsv(file.csv).map((r) => r.fields);
    expect(header[0]).toBe('name');
    expect(row[0]).toBe("'+Ana");
    expect(row[header.indexOf('school_name')]).toBe("'=cmd|calc");
  });
});

describe('demo data', () => {
  it('fills a realistic district once, and refuses to mix into real data', async () => {
    expect(await ok(ctx, 'loadDemoData')).toEqual({ schools: 6, leaders: 8 });
    const { entries, ratio } = await ok(ctx, 'getCaseload');
    expect(ratio).toMatchObject({ principals: 5, assistantPrincipals: 2, aspiring: 1 });
    expect(new Set(entries.map((e) => e.school!.level))).toEqual(new Set(['elementary', 'middle', 'high', 'span']));
    expect(new Set(entries.map((e) => e.school!.needTier))).toEqual(new Set(['high', 'moderate', 'low']));
    expect(entries.filter((e) => e.leader.role === 'principal' && e.newInRole)).toHaveLength(1);
    const r = await dispatch(ctx, 'loadDemoData', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'not_empty' } });
    // A supervisor who has only set up a profile keeps it.
    const fresh = memoryCore();
    await ok(fresh, 'saveSettings', PROFILE);
    expect(await dispatch(fresh, 'loadDemoData', {})).toMatchObject({ ok: false, error: { code: 'not_empty' } });
    expect((await ok(fresh, 'getSettings'))!.supervisorName).toBe(PROFILE.supervisorName);
  });
});
