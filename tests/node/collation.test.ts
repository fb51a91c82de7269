import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames, nameSortKey } from '../../shared/collation';
import { memoryCore, ok, PROFILE } from './helpers';

/** Letters, marks and digits that names and school names hold, in several scripts. */
const NAME_CHARS = [...'aAbBeEiInNoOsSzZáÁéÉíñÑóöüçßæøłŁİı ’\'-.,&()0123456789ΑαЖж–'];
const name = fc.array(fc.constantFrom(...NAME_CHARS), { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));
const binary = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('the order of names', () => {
  it('puts accented names with their letter, numbers by value, case and accents only as tie-breaks', () => {
    const names = ['Riverside Elementary', 'Zeta Academy', 'Ánimo Juárez High', 'école Ouest', 'PS 10', 'PS 9', 'Oakridge', "O'Connor-Nguyen"];
    expect([...names].sort(compareNames)).toEqual(['Ánimo Juárez High', 'école Ouest', "O'Connor-Nguyen", 'Oakridge', 'PS 9', 'PS 10', 'Riverside Elementary', 'Zeta Academy']);
  });

  it('gives SQL a key whose plain byte order is the screens’ Intl.Collator order', () => {
    fc.assert(fc.property(name, name, (a, b) => Math.sign(binary(nameSortKey(a), nameSortKey(b))) === Math.sign(compareNames(a, b))), { numRuns: 20_000 });
  });
});

describe('lists the core orders by name', () => {
  it('sort accented names as the screens do, in every list', async () => {
    const ctx = memoryCore();
    await ok(ctx, 'saveSettings', PROFILE);
    const names = ['Riverside Elementary', 'Ánimo Juárez High', 'Zeta Academy'];
    const expected = ['Ánimo Juárez High', 'Riverside Elementary', 'Zeta Academy'];
    const schools = [];
    for (const n of names) schools.push(await ok(ctx, 'addSchool', { name: n, level: 'high', needTier: 'high' }));
    expect((await ok(ctx, 'listSchools')).map((s) => s.name)).toEqual(expected);

    // One principal per school, named after it: leaders and schools must come back in the same order.
    const leaders = [];
    for (const [i, s] of schools.entries()) {
      leaders.push(await ok(ctx, 'addLeader', { name: `${names[i]} Principal`, role: 'principal', schoolId: s.id, roleStartDate: '2020-08-01', assignment: { supportTier: 'standard' } }));
    }
    const principals = expected.map((n) => `${n} Principal`);
    expect((await ok(ctx, 'getCaseload')).entries.map((e) => e.leader.name)).toEqual(principals);
    expect((await ok(ctx, 'listEvaluations')).withoutCycle.map((l) => l.leaderName)).toEqual(principals);
    expect((await ok(ctx, 'getCtaOverview', {})).schools.map((s) => s.school.name)).toEqual(expected);
    expect((await ok(ctx, 'getCadence', {})).map((c) => c.leaderName)).toEqual(principals);
    expect((await ok(ctx, 'getRetentionOverview', {})).succession.map((s) => s.school.name)).toEqual(expected);
    for (const l of leaders) await ok(ctx, 'addNextStep', { leaderId: l.id, description: 'Walk the building', owner: 'leader', dueDate: null });
    expect((await ok(ctx, 'listNextStepLeaders', {})).map((l) => l.name)).toEqual(principals);
    for (const l of leaders) await ok(ctx, 'unassignLeader', { leaderId: l.id });
    expect((await ok(ctx, 'listUnassignedLeaders')).map((l) => l.name)).toEqual(principals);
  });
});
