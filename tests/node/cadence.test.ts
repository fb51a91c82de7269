import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { insertVisit, memoryCore, ok, PROFILE, snapshot, type VisitRow } from './helpers';

/**
 * Cadence, the visit strip, the heatmap, time use, next steps and the dashboard. Visits are
 * written with SQL here so these reads are tested on their own, apart from how visits get planned.
 */

let ctx: CoreContext;
let schoolId: number;

async function setUp(today: string, startMonth = 7) {
  ctx = memoryCore(today);
  await ok(ctx, 'saveSettings', { ...PROFILE, schoolYearStartMonth: startMonth });
  schoolId = (await ok(ctx, 'addSchool', { name: 'Mesa Verde Middle', level: 'middle', needTier: 'high' })).id;
}

/** A leader on the caseload since `since`, visited every `cadenceDays`. */
async function leader(name: string, since: string, cadenceDays = 28, role = 'principal') {
  const l = await ok(ctx, 'addLeader', {
    name, role, schoolId, roleStartDate: '2015-08-01', assignment: { supportTier: 'standard', cadenceDays },
  });
  ctx.db.prepare(`UPDATE assignments SET start_date = ? WHERE leader_id = ?`).run(since, l.id);
  return l.id;
}

const visit = (date: string, leaders: number[], opts: Omit<VisitRow, 'schoolId' | 'date' | 'leaders'> = {}) =>
  insertVisit(ctx, { schoolId, date, leaders, ...opts });

/** Every table these calls could write, to show a refused call wrote nothing. */
function counts() {
  const n = (t: string) => (ctx.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  const open = (ctx.db.prepare(`SELECT count(*) AS n FROM action_items WHERE done_date IS NULL`).get() as { n: number }).n;
  return { ...snapshot(ctx), visits: n('visits'), action_items: n('action_items'), open };
}

describe('cadence', () => {
  it('counts from the last done visit across the school-year boundary', async () => {
    await setUp('2026-07-25');
    const vega = await leader('Marisol Vega', '2026-01-10', 28);
    visit('2026-05-02', [vega]);
    visit('2026-06-20', [vega]); // last visit of the 2025–26 school year
    const [c] = await ok(ctx, 'getCadence', { leaderId: vega });
    expect(c).toMatchObject({ leaderName: 'Marisol Vega', cadenceDays: 28, lastVisit: '2026-06-20', nextDue: '2026-07-18', overdueDays: 7 });
  });

  it('counts across the turn of the calendar year', async () => {
    await setUp('2027-01-05');
    const a = await leader('Ana', '2026-08-01', 14);
    visit('2026-12-18', [a]);
    expect((await ok(ctx, 'getCadence', { leaderId: a }))[0]).toMatchObject({ nextDue: '2027-01-01', overdueDays: 4 });
  });

  it('is due one cadence after joining the caseload when never visited', async () => {
    await setUp('2026-11-23');
    await leader('Ana', '2026-11-01', 14);
    const b = await leader('Ben', '2026-11-20', 14);
    const cadence = await ok(ctx, 'getCadence');
    expect(cadence.map((c) => [c.leaderName, c.lastVisit, c.nextDue, c.overdueDays])).toEqual([
      ['Ana', null, '2026-11-15', 8],
      ['Ben', null, '2026-12-04', 0],
    ]);
    // A visit before they joined does not make them overdue on arrival.
    visit('2026-01-05', [b]);
    expect((await ok(ctx, 'getCadence', { leaderId: b }))[0]).toMatchObject({ lastVisit: '2026-01-05', nextDue: '2026-12-04', overdueDays: 0 });
  });

  it('counts only done visits with that leader', async () => {
    await setUp('2026-11-23');
    const a = await leader('Ana', '2026-09-01', 14);
    const b = await leader('Ben', '2026-09-01', 14);
    visit('2026-11-01', [a]);
    visit('2026-11-20', [a], { status: 'cancelled' });
    visit('2026-11-21', [a], { status: 'no_show' });
    visit('2026-11-22', [a], { status: 'planned' });
    visit('2026-11-22', [b]); // Ben's, not Ana's
    visit('2026-11-30', [a], { status: 'done' }); // a future date is not a visit yet
    const cadence = await ok(ctx, 'getCadence');
    expect(cadence.map((c) => [c.leaderName, c.lastVisit, c.overdueDays])).toEqual([
      ['Ana', '2026-11-01', 8],
      ['Ben', '2026-11-22', 0],
    ]);
  });

  it('lists overdue leaders first, most overdue first, and leaves out leaders off the caseload', async () => {
    await setUp('2026-11-23');
    const a = await leader('Ana', '2026-09-01', 28);
    const b = await leader('Ben', '2026-09-01', 7);
    const c = await leader('Cy', '2026-09-01', 7);
    const d = await leader('Dee', '2026-09-01', 7);
    visit('2026-11-20', [a]);
    visit('2026-11-10', [b]);
    visit('2026-11-01', [c]);
    await ok(ctx, 'unassignLeader', { leaderId: d });
    expect((await ok(ctx, 'getCadence')).map((x) => [x.leaderName, x.overdueDays])).toEqual([['Cy', 15], ['Ben', 6], ['Ana', 0]]);
    expect(await ok(ctx, 'getCadence', { leaderId: d })).toEqual([]);
  });
});

describe('visit strip', () => {
  it('shows the school year month by month from a July start', async () => {
    await setUp('2026-11-23');
    const a = await leader('Ana', '2026-08-01', 30);
    visit('2026-06-28', [a]); // last school year: not on this strip
    visit('2026-08-20', [a]);
    visit('2026-09-15', [a]);
    visit('2026-09-16', [a], { status: 'cancelled' });
    // 30 days after Sep 15 is Oct 15: overdue from Oct 16 until the Nov 10 visit.
    visit('2026-11-10', [a]);
    visit('2026-12-03', [a], { status: 'planned' });
    const strip = await ok(ctx, 'getVisitStrip', { leaderId: a });
    expect(strip.schoolYear.label).toBe('2026–27');
    expect(strip.months.map((m) => m.month.slice(0, 7))).toEqual([
      '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06',
    ]);
    const row = (ym: string) => strip.months.find((m) => m.month.startsWith(ym))!;
    expect(row('2026-07')).toMatchObject({ done: 0, planned: 0, metCadence: null }); // before joining the caseload
    expect(row('2026-08')).toMatchObject({ done: 1, metCadence: true });
    expect(row('2026-09')).toMatchObject({ done: 1, planned: 0, metCadence: true });
    expect(row('2026-10')).toMatchObject({ done: 0, metCadence: false });
    expect(row('2026-11')).toMatchObject({ done: 1, metCadence: false, current: true });
    expect(row('2026-12')).toMatchObject({ done: 0, planned: 1, metCadence: null, current: false });
  });

  it('follows an August start: in late July the year shown is the one ending', async () => {
    await setUp('2026-07-25', 8);
    const a = await leader('Ana', '2025-08-01', 28);
    visit('2026-07-02', [a]);
    visit('2025-08-10', [a]);
    const strip = await ok(ctx, 'getVisitStrip', { leaderId: a });
    expect(strip.schoolYear).toEqual({ label: '2025–26', start: '2025-08-01', end: '2026-07-31' });
    expect(strip.months[0]).toMatchObject({ month: '2025-08-01', done: 1 });
    expect(strip.months[11]).toMatchObject({ month: '2026-07-01', done: 1, current: true, metCadence: false });
  });

  it('names the field for an unknown leader', async () => {
    await setUp('2026-11-23');
    expect(await dispatch(ctx, 'getVisitStrip', { leaderId: 999 })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'leaderId' } });
  });
});

describe('caseload heatmap', () => {
  it('counts done visits and hours by leader and month of the school year', async () => {
    await setUp('2026-11-23');
    const a = await leader('Ana', '2026-08-01');
    const b = await leader('Ben', '2026-08-01');
    visit('2026-09-02', [a, b], { start: '08:00', end: '09:30' });
    visit('2026-09-20', [a], { start: '13:00', end: '13:45' });
    visit('2026-10-05', [b], { status: 'cancelled' });
    visit('2026-06-30', [a]); // previous school year
    const map = await ok(ctx, 'getCaseloadHeatmap');
    expect(map.months[0]).toBe('2026-07-01');
    expect(map.rows.map((r) => r.leaderName)).toEqual(['Ana', 'Ben']);
    const [ana, ben] = map.rows;
    expect(ana.cells[2]).toEqual({ month: '2026-09-01', visits: 2, hours: 2.25 });
    expect(ben.cells[2]).toEqual({ month: '2026-09-01', visits: 1, hours: 1.5 });
    expect(ben.cells[3].visits).toBe(0);
    expect([ana.totalVisits, ben.totalVisits, map.maxVisits]).toEqual([2, 1, 2]);
    const last = await ok(ctx, 'getCaseloadHeatmap', { schoolYear: 2025 });
    expect(last.schoolYear.label).toBe('2025–26');
    expect(last.rows.find((r) => r.leaderName === 'Ana')!.cells[11]).toMatchObject({ month: '2026-06-01', visits: 1, hours: 1 });
  });
});

describe('time use', () => {
  it('shares the hours logged with principals and by visit type', async () => {
    await setUp('2026-11-23');
    const p = await leader('Pat Principal', '2026-08-01');
    const ap = await leader('Al Assistant', '2026-08-01', 28, 'assistant_principal');
    visit('2026-11-02', [p, ap], { start: '08:00', end: '11:00', type: 'side_by_side' }); // 3 h, with a principal
    visit('2026-11-03', [ap], { start: '09:00', end: '10:00', type: 'walkthrough' }); // 1 h, no principal
    visit('2026-11-04', [p], { start: '14:00', end: '14:30', type: 'walkthrough', status: 'cancelled' });
    visit('2026-11-24', [p], { start: '08:00', end: '12:00', status: 'planned' });
    visit('2026-10-01', [p], { start: '08:00', end: '12:00' }); // outside the range
    const t = await ok(ctx, 'getTimeUse', { from: '2026-11-01', to: '2026-11-30' });
    expect(t).toMatchObject({ visits: 2, hours: 4, hoursWithPrincipals: 3, shareWithPrincipals: 0.75 });
    expect(t.byType).toEqual([
      { type: 'side_by_side', visits: 1, hours: 3, share: 0.75 },
      { type: 'walkthrough', visits: 1, hours: 1, share: 0.25 },
    ]);
    const empty = await ok(ctx, 'getTimeUse', { from: '2026-12-01', to: '2026-12-31' });
    expect(empty).toMatchObject({ visits: 0, hours: 0, shareWithPrincipals: 0, byType: [] });
  });

  it('refuses a range that ends before it starts, at the last day', async () => {
    await setUp('2026-11-23');
    expect(await dispatch(ctx, 'getTimeUse', { from: '2026-11-30', to: '2026-11-01' })).toMatchObject({
      ok: false, error: { code: 'invalid_input', field: 'to', message: 'The last day must be on or after the first day' },
    });
    expect(await dispatch(ctx, 'getTimeUse', { from: 'soon', to: '2026-11-01' })).toMatchObject({ ok: false, error: { field: 'from' } });
  });
});

describe('next steps', () => {
  it('lists open ones overdue first, then by due date, and marks them done and open again', async () => {
    await setUp('2026-11-23');
    const a = await leader('Ana', '2026-08-01');
    const b = await leader('Ben', '2026-08-01');
    const v = visit('2026-11-02', [a]);
    const later = await ok(ctx, 'addNextStep', { leaderId: a, description: 'Share walkthrough data with the ILT', owner: 'leader', dueDate: '2026-12-01', visitId: v });
    const none = await ok(ctx, 'addNextStep', { leaderId: b, description: 'Find a mentor principal', owner: 'supervisor', dueDate: '' });
    const late = await ok(ctx, 'addNextStep', { leaderId: b, description: 'Send the master schedule', owner: 'leader', dueDate: '2026-11-10' });
    const soon = await ok(ctx, 'addNextStep', { leaderId: a, description: 'Plan the PD day', owner: 'supervisor', dueDate: '2026-11-23' });
    const alsoLate = await ok(ctx, 'addNextStep', { leaderId: a, description: 'Call the family liaison', owner: 'leader', dueDate: '2026-11-20' });
    expect(later).toMatchObject({ source: 'visit', visit: { id: v, date: '2026-11-02' }, leaderName: 'Ana', schoolName: 'Mesa Verde Middle', overdue: false });
    expect(none).toMatchObject({ source: 'other', visit: null, dueDate: null });

    const open = await ok(ctx, 'listNextSteps');
    expect(open.map((s) => [s.description, s.overdue])).toEqual([
      ['Send the master schedule', true],
      ['Call the family liaison', true],
      ['Plan the PD day', false], // due today is not overdue
      ['Share walkthrough data with the ILT', false],
      ['Find a mentor principal', false],
    ]);
    expect((await ok(ctx, 'listNextSteps', { leaderId: b })).map((s) => s.id)).toEqual([late.id, none.id]);

    const done = await ok(ctx, 'completeNextStep', { id: late.id });
    expect(done).toMatchObject({ doneDate: '2026-11-23', overdue: false });
    await ok(ctx, 'completeNextStep', { id: soon.id, doneDate: '2026-11-20' });
    expect((await ok(ctx, 'listNextSteps')).map((s) => s.id)).toEqual([alsoLate.id, later.id, none.id]);
    expect((await ok(ctx, 'listNextSteps', { status: 'done' })).map((s) => s.id)).toEqual([late.id, soon.id]);
    expect((await ok(ctx, 'listNextSteps', { status: 'all' })).map((s) => s.id)).toEqual([alsoLate.id, later.id, none.id, late.id, soon.id]);

    const reopened = await ok(ctx, 'reopenNextStep', { id: late.id });
    expect(reopened).toMatchObject({ doneDate: null, overdue: true });
    expect((await ok(ctx, 'listNextSteps'))[0].id).toBe(late.id);
  });

  it('names the field that is wrong and writes nothing', async () => {
    await setUp('2026-11-23');
    const a = await leader('Ana', '2026-08-01');
    const step = await ok(ctx, 'addNextStep', { leaderId: a, description: 'Observe the ILT', owner: 'leader' });
    const b = await leader('Ben', '2020-08-01');
    const withBen = visit('2026-11-20', [b]);
    const before = counts();
    const refused = async (name: 'addNextStep' | 'completeNextStep' | 'reopenNextStep', input: unknown, field: string) => {
      const r = await dispatch(ctx, name, input);
      expect(r.ok ? null : r.error.field, JSON.stringify(input)).toBe(field);
      expect(counts()).toEqual(before);
    };
    await refused('addNextStep', { leaderId: 999, description: 'x', owner: 'leader' }, 'leaderId');
    await refused('addNextStep', { leaderId: a, description: '   ', owner: 'leader' }, 'description');
    await refused('addNextStep', { leaderId: a, description: 'x', owner: 'leader', dueDate: '2026-02-30' }, 'dueDate');
    await refused('addNextStep', { leaderId: a, description: 'x', owner: 'leader', dueDate: 'next week' }, 'dueDate');
    await refused('addNextStep', { leaderId: a, description: 'x', owner: 'the district' }, 'owner');
    await refused('addNextStep', { leaderId: a, description: 'x', owner: 'leader', visitId: 999 }, 'visitId');
    await refused('addNextStep', { leaderId: a, description: 'Ana was not there', owner: 'leader', visitId: withBen }, 'leaderId');
    await refused('completeNextStep', { id: 999 }, 'id');
    await refused('completeNextStep', { id: step.id, doneDate: '2026-12-01' }, 'doneDate');
    await refused('reopenNextStep', { id: 999 }, 'id');
    const r = await dispatch(ctx, 'addNextStep', { leaderId: a, description: '', owner: 'leader' });
    expect(r).toMatchObject({ ok: false, error: { message: 'Describe the next step' } });
  });
});

describe('dashboard', () => {
  it('gathers today, this week (Monday to Sunday), overdue leaders and overdue next steps', async () => {
    await setUp('2026-11-25'); // a Wednesday
    const a = await leader('Ana', '2026-09-01', 14);
    const b = await leader('Ben', '2026-11-20', 14);
    visit('2026-11-01', [a]);
    const todayVisit = visit('2026-11-25', [a, b], { status: 'planned', start: '10:00', end: '11:00' });
    const early = visit('2026-11-25', [b], { status: 'in_progress', start: '08:00', end: '09:00' });
    const monday = visit('2026-11-23', [b], { status: 'planned' }); // earlier this week, never closed
    const sunday = visit('2026-11-29', [a], { status: 'planned' });
    visit('2026-11-27', [a], { status: 'cancelled' });
    visit('2026-11-30', [a], { status: 'planned' }); // next week
    visit('2026-11-22', [a], { status: 'planned' }); // last week's Sunday
    await ok(ctx, 'addNextStep', { leaderId: b, description: 'Send the master schedule', owner: 'leader', dueDate: '2026-11-24' });
    await ok(ctx, 'addNextStep', { leaderId: b, description: 'Plan the PD day', owner: 'leader', dueDate: '2026-11-25' });

    const d = await ok(ctx, 'getDashboard');
    expect(d.week).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    expect(d.todayVisits.map((v) => v.id)).toEqual([early, todayVisit]);
    expect(d.todayVisits[1]).toMatchObject({ startTime: '10:00', school: { name: 'Mesa Verde Middle' }, leaders: [{ name: 'Ana' }, { name: 'Ben' }] });
    expect(d.weekVisits.map((v) => v.id)).toEqual([monday, sunday]);
    expect(d.overdueLeaders.map((l) => [l.leaderName, l.lastVisit, l.overdueDays])).toEqual([['Ana', '2026-11-01', 10]]);
    expect(d.overdueNextSteps.map((s) => s.description)).toEqual(['Send the master schedule']);
    expect(d.counts).toEqual({ visitsToday: 2, visitsThisWeek: 4, overdueLeaders: 1, overdueNextSteps: 1, openNextSteps: 2 });
  });
});
