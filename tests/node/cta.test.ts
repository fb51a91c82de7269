import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { getQueuedExport, readAttachment } from '../../electron/core/sync/outbox';
import { checkMeasureValue, expectedStage, quarterOf, quarterRange } from '../../shared/cta/vocabulary';
import { memoryCore, ok, PROFILE, snapshot, tempDir } from './helpers';
import { getInstallationId } from '../../electron/core/services/settings/settings';

describe('school-year quarters', () => {
  it('puts each date in its school-year quarter, across the year boundary, for any start month', () => {
    const july = (d: string) => quarterOf(d, 7);
    expect(['2026-06-30', '2026-07-01', '2026-09-30', '2026-10-01', '2026-12-31', '2027-01-01', '2027-03-31', '2027-04-01'].map(july)).toEqual([4, 1, 1, 2, 2, 3, 3, 4]);
    // A district whose year starts in August: July is still the old year's last quarter.
    expect(['2026-07-31', '2026-08-01', '2026-10-31', '2026-11-01', '2027-02-01'].map((d) => quarterOf(d, 8))).toEqual([4, 1, 1, 2, 3]);
    // January start: calendar quarters.
    expect(['2026-01-01', '2026-04-01', '2026-12-31'].map((d) => quarterOf(d, 1))).toEqual([1, 2, 4]);
  });

  it('gives each quarter’s first and last day, across the new year', () => {
    expect(quarterRange('2026-07-01', 2)).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(quarterRange('2026-07-01', 3)).toEqual({ start: '2027-01-01', end: '2027-03-31' });
    expect(quarterRange('2026-08-01', 4)).toEqual({ start: '2027-05-01', end: '2027-07-31' });
  });

  it('follows the CTA rhythm: drafted before its year, final at its start, implemented, then checked at mid-year', () => {
    expect(expectedStage('2027-07-01', '2027-04-10')).toBe('spring_draft');
    expect(expectedStage('2026-07-01', '2026-07-20')).toBe('summer_final');
    expect(expectedStage('2026-07-01', '2026-11-23')).toBe('fall_implementation');
    expect(expectedStage('2026-07-01', '2027-02-01')).toBe('winter_midyear');
    expect(expectedStage('2025-07-01', '2026-11-23')).toBeNull();
  });
});

describe('typed measures', () => {
  it('refuses a percentage over 100 and words where a number belongs, and keeps numbers in one form', () => {
    expect(checkMeasureValue('percentage', '140')).toEqual({ ok: false, message: 'A percentage is between 0 and 100; 140% is not possible' });
    expect(checkMeasureValue('percentage', ' 42.5 %')).toEqual({ ok: true, value: '42.5' });
    expect(checkMeasureValue('number', '1,200')).toEqual({ ok: true, value: '1200' });
    expect(checkMeasureValue('number', 'twelve')).toMatchObject({ ok: false });
    expect(checkMeasureValue('text', 'Proficient')).toEqual({ ok: true, value: 'Proficient' });
    expect(checkMeasureValue('number', '  ')).toEqual({ ok: false, message: 'Enter a value' });
  });
});

let ctx: CoreContext;
let schoolId: number;
let planId: number;
let goals: number[];

const GOALS = [
  { title: 'Grade 3 reading at standard', focusArea: 'Teaching and Learning', measure: 'Grade 3 students at or above standard on the spring reading assessment', measureType: 'percentage', dataSource: 'Interim reading assessment', baseline: '38', benchmark: '44', target: '50' },
  { title: 'Fewer chronically absent students', focusArea: 'School Culture and Restorative Communities', measure: 'Students missing 10% or more of days', measureType: 'percentage', direction: 'decrease', baseline: '22', benchmark: '18', target: '15' },
  { title: 'ILT runs data cycles', focusArea: 'Data-driven Instruction', measure: 'Data cycles completed by teacher teams', measureType: 'number', unit: 'cycles', baseline: '0', benchmark: '3', target: '6' },
];

beforeEach(async () => {
  ctx = memoryCore('2026-11-23');
  await ok(ctx, 'saveSettings', PROFILE);
  schoolId = (await ok(ctx, 'addSchool', { name: 'Cedar Grove Elementary', level: 'elementary', needTier: 'high', districtCode: 'RV-104' })).id;
  await ok(ctx, 'addLeader', { name: 'Marisol Vega', role: 'principal', schoolId, roleStartDate: '2025-08-01', assignment: { supportTier: 'intensive' } });
  planId = (await ok(ctx, 'createCtaPlan', { schoolId })).id;
  let plan = await ok(ctx, 'getCtaPlan', { schoolId });
  for (const g of GOALS) plan = await ok(ctx, 'saveCtaGoal', { planId, ...g });
  goals = plan!.goals.map((g) => g.id);
});

async function holdCheckIn(date: string, statuses = ['on_track', 'at_risk', 'off_track'], values = ['41', '20', '2']) {
  const c = await ok(ctx, 'openCtaCheckIn', { planId, date });
  for (const [i, goalId] of goals.entries()) await ok(ctx, 'saveCtaGoalUpdate', { checkinId: c.id, goalId, value: values[i], valueDate: date, status: statuses[i] });
  return c;
}

describe('CTA plans', () => {
  it('makes this school year’s plan with typed goals, in the stage the rhythm expects', async () => {
    const plan = (await ok(ctx, 'getCtaPlan', { schoolId }))!;
    expect(plan).toMatchObject({ schoolYear: { label: '2026–27', start: '2026-07-01' }, stage: 'fall_implementation', school: { name: 'Cedar Grove Elementary' } });
    expect(plan.goals.map((g) => [g.title, g.baseline, g.target])).toEqual([['Grade 3 reading at standard', '38', '50'], ['Fewer chronically absent students', '22', '15'], ['ILT runs data cycles', '0', '6']]);
    expect(await ok(ctx, 'getCtaPlan', { schoolId, schoolYearStart: '2027-07-01' })).toBeNull();
  });

  it('refuses a percentage of 140 with a message at the field, and a sixth goal, changing nothing', async () => {
    const before = snapshot(ctx);
    expect(await dispatch(ctx, 'saveCtaGoal', { planId, ...GOALS[0], target: '140' })).toEqual({
      ok: false, error: { code: 'invalid_input', field: 'target', message: 'A percentage is between 0 and 100; 140% is not possible' },
    });
    await ok(ctx, 'saveCtaGoal', { planId, ...GOALS[0], title: 'Fourth' });
    await ok(ctx, 'saveCtaGoal', { planId, ...GOALS[0], title: 'Fifth' });
    const five = snapshot(ctx);
    expect(await dispatch(ctx, 'saveCtaGoal', { planId, ...GOALS[0], title: 'Sixth' })).toMatchObject({ ok: false, error: { code: 'too_many', field: 'title' } });
    expect(snapshot(ctx)).toEqual(five);
    expect(five.cta_goals).toBe(before.cta_goals + 2);
  });

  it('keeps a goal that check-ins recorded, and its kind of measure', async () => {
    await holdCheckIn('2026-09-15');
    expect(await dispatch(ctx, 'deleteCtaGoal', { goalId: goals[0] })).toMatchObject({ ok: false, error: { code: 'in_use' } });
    expect(await dispatch(ctx, 'saveCtaGoal', { planId, goalId: goals[2], ...GOALS[2], measureType: 'text' })).toMatchObject({ ok: false, error: { field: 'measureType' } });
    // Wording can still be sharpened.
    const plan = await ok(ctx, 'saveCtaGoal', { planId, goalId: goals[2], ...GOALS[2], title: 'Every teacher team runs data cycles' });
    expect(plan.goals[2].title).toBe('Every teacher team runs data cycles');
  });

  it('copies a plan into next school year as a draft that starts from this year’s newest values', async () => {
    const q1 = await holdCheckIn('2026-09-15');
    await ok(ctx, 'addCtaAction', { goalId: goals[0], description: 'Weekly guided reading walkthroughs', owner: 'Principal', timeline: 'Sept–Dec' });
    await ok(ctx, 'finaliseCtaCheckIn', { checkinId: q1.id });
    const next = await ok(ctx, 'copyCtaPlanToNextYear', { planId });
    expect(next).toMatchObject({ schoolYear: { label: '2027–28' }, stage: 'spring_draft', copiedFrom: { id: planId } });
    expect(next.goals.map((g) => [g.title, g.baseline, g.benchmark, g.target])).toEqual([
      ['Grade 3 reading at standard', '41', null, null], ['Fewer chronically absent students', '20', null, null], ['ILT runs data cycles', '2', null, null],
    ]);
    expect(next.goals[0].actions).toMatchObject([{ description: 'Weekly guided reading walkthroughs', owner: 'Principal' }]);
    expect((await ok(ctx, 'getCtaPlan', { schoolId }))!.nextYearPlanId).toBe(next.id);
    expect(await dispatch(ctx, 'copyCtaPlanToNextYear', { planId })).toMatchObject({ ok: false, error: { code: 'duplicate' } });
  });
});

describe('CTA check-ins', () => {
  it('assigns the quarter from the date and refuses a date outside the plan’s school year', async () => {
    expect((await ok(ctx, 'openCtaCheckIn', { planId, date: '2026-10-01' })).quarter).toBe(2);
    const before = snapshot(ctx);
    expect(await dispatch(ctx, 'openCtaCheckIn', { planId, date: '2027-07-01' })).toMatchObject({ ok: false, error: { code: 'wrong_year', field: 'date' } });
    expect(await dispatch(ctx, 'openCtaCheckIn', { planId, date: '2026-06-30' })).toMatchObject({ ok: false, error: { code: 'wrong_year' } });
    expect(await dispatch(ctx, 'openCtaCheckIn', { planId, date: '2026-12-01' })).toMatchObject({ ok: false, error: { code: 'duplicate' } });
    expect(snapshot(ctx)).toEqual(before);
  });

  it('discards an open check-in opened by mistake, but never a finalised one or one a later check-in builds on', async () => {
    const q1 = await holdCheckIn('2026-09-15');
    await ok(ctx, 'addCtaNextStep', { checkinId: q1.id, description: 'Book the room', owner: 'Office' });
    expect(await ok(ctx, 'discardCtaCheckIn', { checkinId: q1.id })).toEqual({ planId, schoolId });
    expect(ctx.db.prepare(`SELECT (SELECT count(*) FROM cta_checkins) + (SELECT count(*) FROM cta_goal_updates) + (SELECT count(*) FROM cta_next_steps)`).pluck().get()).toBe(0);
    const again = await holdCheckIn('2026-09-15');
    await ok(ctx, 'finaliseCtaCheckIn', { checkinId: again.id });
    expect(await dispatch(ctx, 'discardCtaCheckIn', { checkinId: again.id })).toMatchObject({ ok: false, error: { code: 'finalised' } });
    // Q3 opened first, Q2 late: Q2 has a later check-in after it.
    await ok(ctx, 'openCtaCheckIn', { planId, date: '2027-01-12' });
    const q2 = await ok(ctx, 'openCtaCheckIn', { planId, date: '2026-11-20' });
    expect(await dispatch(ctx, 'discardCtaCheckIn', { checkinId: q2.id })).toMatchObject({ ok: false, error: { code: 'in_use' } });
    expect((await ok(ctx, 'getCtaPlan', { schoolId }))!.checkIns.map((c) => c.quarter)).toEqual([1, 2, 3]);
  });

  it('uses the district’s own school-year start for quarters', async () => {
    await ok(ctx, 'saveSettings', { ...PROFILE, schoolYearStartMonth: 8 });
    const plan = await ok(ctx, 'createCtaPlan', { schoolId, schoolYearStart: '2026-08-01' });
    for (const g of GOALS) await ok(ctx, 'saveCtaGoal', { planId: plan.id, ...g });
    expect((await ok(ctx, 'openCtaCheckIn', { planId: plan.id, date: '2026-10-31' })).quarter).toBe(1);
  });

  it('checks a recorded value against the goal’s measure, at the field, and saves only what was sent', async () => {
    const c = await ok(ctx, 'openCtaCheckIn', { planId, date: '2026-09-15' });
    await ok(ctx, 'saveCtaGoalUpdate', { checkinId: c.id, goalId: goals[0], reflection: 'Small groups are working' });
    const before = snapshot(ctx);
    expect(await dispatch(ctx, 'saveCtaGoalUpdate', { checkinId: c.id, goalId: goals[0], value: '140' })).toEqual({
      ok: false, error: { code: 'invalid_input', field: 'value', message: 'A percentage is between 0 and 100; 140% is not possible' },
    });
    expect(snapshot(ctx)).toEqual(before);
    await ok(ctx, 'saveCtaGoalUpdate', { checkinId: c.id, goalId: goals[0], value: '41%', status: 'on_track' });
    const got = await ok(ctx, 'getCtaCheckIn', { checkinId: c.id });
    expect(got.updates).toMatchObject([{ goalId: goals[0], value: '41', status: 'on_track', reflection: 'Small groups are working' }]);
  });

  it('finalises only with a status for every goal, then queues the summary PDF and refuses any change', async () => {
    const c = await ok(ctx, 'openCtaCheckIn', { planId, date: '2026-09-15' });
    await ok(ctx, 'saveCtaAttendees', { checkinId: c.id, attendees: [{ name: 'Marisol Vega', role: 'Principal' }, { name: 'Dana Ruiz', role: 'Grade 3 lead' }] });
    await ok(ctx, 'saveCtaGoalUpdate', { checkinId: c.id, goalId: goals[0], value: '41', status: 'on_track' });
    expect(await dispatch(ctx, 'finaliseCtaCheckIn', { checkinId: c.id })).toMatchObject({ ok: false, error: { code: 'incomplete', message: expect.stringContaining('Fewer chronically absent students') } });
    for (const goalId of goals.slice(1)) await ok(ctx, 'saveCtaGoalUpdate', { checkinId: c.id, goalId, status: 'at_risk' });
    await ok(ctx, 'addCtaNextStep', { checkinId: c.id, goalId: goals[0], description: 'Share small-group protocol', owner: 'Dana Ruiz', dueDate: '2026-10-01' });

    const final = await ok(ctx, 'finaliseCtaCheckIn', { checkinId: c.id });
    expect(final.finalisedAt).not.toBeNull();
    const queued = getQueuedExport(ctx, `cta_checkin:${c.uid}`)!;
    expect(queued.payload).toMatchObject({ schemaVersion: 1, checkinUid: c.uid, school: { name: 'Cedar Grove Elementary', districtCode: 'RV-104' }, quarter: 1 });
    expect(queued.attachments).toMatchObject([{ filename: `cta-checkin-cedar-grove-elementary-2026-27-q1-${c.uid.slice(0, 8)}-${getInstallationId(ctx.db).slice(0, 8)}.pdf`, mediaType: 'application/pdf' }]);
    const file = path.join(tempDir(), 'summary.pdf');
    fs.writeFileSync(file, readAttachment(ctx, queued.id, queued.attachments[0].filename)!);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('Grade 3 reading at standard');
    expect(text).toContain('On track');
    expect(text).toContain('Share small-group protocol');
    expect(text).toContain('Dana Ruiz (Grade 3 lead)');

    // Read-only from every path: the API refuses, and so does the database itself.
    const before = snapshot(ctx);
    for (const [name, input] of [
      ['saveCtaGoalUpdate', { checkinId: c.id, goalId: goals[0], reflection: 'rewritten' }],
      ['saveCtaAttendees', { checkinId: c.id, attendees: [] }],
      ['addCtaNextStep', { checkinId: c.id, description: 'late', owner: 'x' }],
      ['setCtaNextStepDone', { nextStepId: final.nextSteps[0].id, done: true }],
      ['finaliseCtaCheckIn', { checkinId: c.id }],
    ] as const) {
      expect(await dispatch(ctx, name, input)).toMatchObject({ ok: false, error: { code: 'finalised' } });
    }
    for (const sql of [
      `UPDATE cta_goal_updates SET reflection = 'x' WHERE checkin_id = ${c.id}`,
      `DELETE FROM cta_goal_updates WHERE checkin_id = ${c.id}`,
      `UPDATE cta_checkins SET date = '2026-09-16' WHERE id = ${c.id}`,
      `DELETE FROM cta_attendees WHERE checkin_id = ${c.id}`,
      `INSERT INTO cta_next_steps (checkin_id, description, owner, created_at) VALUES (${c.id}, 'x', 'y', 'z')`,
    ]) expect(() => ctx.db.prepare(sql).run()).toThrow(/finalised/);
    expect(snapshot(ctx)).toEqual(before);

    // The summary stays as it was on the day, even when the plan's goal is renamed later.
    await ok(ctx, 'saveCtaGoal', { planId, goalId: goals[0], ...GOALS[0], title: 'Renamed goal' });
    expect((await ok(ctx, 'getCtaCheckInSummary', { checkinId: c.id })).goals[0].title).toBe('Grade 3 reading at standard');

    // A dated addendum is the one way to add to it, and it is queued too.
    const withAddendum = await ok(ctx, 'addCtaAddendum', { checkinId: c.id, body: 'Interim data corrected to 40%' });
    expect(withAddendum.addenda).toMatchObject([{ body: 'Interim data corrected to 40%' }]);
    expect(ctx.db.prepare(`SELECT count(*) FROM outbox WHERE kind = 'cta_checkin_addendum'`).pluck().get()).toBe(1);
    expect((await ok(ctx, 'getCtaCheckInSummary', { checkinId: c.id })).addenda).toMatchObject([{ body: 'Interim data corrected to 40%' }]);
  });

  it('finalises what was typed while the PDF was being made', async () => {
    const c = await holdCheckIn('2026-09-15');
    const finalising = dispatch(ctx, 'finaliseCtaCheckIn', { checkinId: c.id });
    await ok(ctx, 'saveCtaGoalUpdate', { checkinId: c.id, goalId: goals[1], barriers: 'Flu season' });
    expect(await finalising).toMatchObject({ ok: true });
    expect((await ok(ctx, 'getCtaCheckInSummary', { checkinId: c.id })).goals[1].barriers).toBe('Flu season');
  });

  it('starts the next check-in from the last: attendees and open next steps carried forward, last values beside each goal', async () => {
    const q1 = await holdCheckIn('2026-09-15');
    await ok(ctx, 'saveCtaAttendees', { checkinId: q1.id, attendees: [{ name: 'Marisol Vega', role: 'Principal' }] });
    await ok(ctx, 'addCtaNextStep', { checkinId: q1.id, goalId: goals[1], description: 'Call families of absent students weekly', owner: 'Attendance clerk', dueDate: '2026-10-15' });
    const done = await ok(ctx, 'addCtaNextStep', { checkinId: q1.id, description: 'Book the ILT room', owner: 'Office manager' });
    await ok(ctx, 'setCtaNextStepDone', { nextStepId: done.nextSteps.find((n) => n.description === 'Book the ILT room')!.id, done: true });

    expect(await dispatch(ctx, 'openCtaCheckIn', { planId, date: '2026-11-20' })).toMatchObject({ ok: false, error: { code: 'previous_open' } });
    await ok(ctx, 'finaliseCtaCheckIn', { checkinId: q1.id });
    const q2 = await ok(ctx, 'openCtaCheckIn', { planId, date: '2026-11-20' });
    expect(q2.quarter).toBe(2);
    expect(q2.attendees).toEqual([{ name: 'Marisol Vega', role: 'Principal' }]);
    expect(q2.nextSteps).toMatchObject([{ description: 'Call families of absent students weekly', owner: 'Attendance clerk', goalId: goals[1], doneDate: null, carriedFrom: { quarter: 1, date: '2026-09-15' } }]);
    expect(q2.previous).toEqual(expect.arrayContaining([{ goalId: goals[0], quarter: 1, value: '41', status: 'on_track' }]));

    // Marking the carried step done in Q2 leaves Q1's record as it was.
    await ok(ctx, 'setCtaNextStepDone', { nextStepId: q2.nextSteps[0].id, done: true });
    expect((await ok(ctx, 'getCtaCheckIn', { checkinId: q1.id })).nextSteps.find((n) => n.goalId === goals[1])!.doneDate).toBeNull();

    // The plan's trend per goal: Q1 and Q2 in order.
    await ok(ctx, 'saveCtaGoalUpdate', { checkinId: q2.id, goalId: goals[0], value: '45', status: 'on_track' });
    const plan = (await ok(ctx, 'getCtaPlan', { schoolId }))!;
    expect(plan.goals[0].history.map((p) => [p.quarter, p.value, p.status])).toEqual([[1, '41', 'on_track'], [2, '45', 'on_track']]);
    expect(plan.goals[2].latestStatus).toBe('off_track');
  });

  it('lists each caseload school with this quarter’s check-in due, open or final', async () => {
    const other = (await ok(ctx, 'addSchool', { name: 'Harbor View Middle', level: 'middle', needTier: 'low' })).id;
    await ok(ctx, 'addLeader', { name: 'Pat Okafor', role: 'principal', schoolId: other, roleStartDate: '2015-08-01', assignment: { supportTier: 'standard' } });
    let overview = await ok(ctx, 'getCtaOverview');
    expect(overview).toMatchObject({ quarter: 2, quarterRange: { start: '2026-10-01', end: '2026-12-31' } });
    expect(overview.schools.map((s) => [s.school.name, s.planId !== null, s.thisQuarter.state])).toEqual([['Cedar Grove Elementary', true, 'due'], ['Harbor View Middle', false, 'due']]);
    const q1 = await holdCheckIn('2026-09-15');
    await ok(ctx, 'finaliseCtaCheckIn', { checkinId: q1.id });
    await holdCheckIn('2026-11-20', ['on_track', 'on_track', 'at_risk']);
    overview = await ok(ctx, 'getCtaOverview');
    expect(overview.schools[0].thisQuarter.state).toBe('open');
    expect(overview.schools[0].goals.map((g) => g.latestStatus)).toEqual(['on_track', 'on_track', 'at_risk']);
  });
});

describe('demo data', () => {
  it('gives a newcomer two schools with a CTA, one with a finalised Q1 check-in and nothing queued for the district', async () => {
    const demo = memoryCore('2026-11-23');
    await ok(demo, 'loadDemoData');
    const overview = await ok(demo, 'getCtaOverview');
    const cedar = overview.schools.find((s) => s.school.name === 'Cedar Grove Elementary')!;
    expect(cedar.goals.map((g) => g.latestStatus)).toEqual(['on_track', 'at_risk', 'off_track']);
    expect(cedar.thisQuarter.state).toBe('due');
    expect(overview.schools.filter((s) => s.planId !== null)).toHaveLength(2);
    expect(demo.db.prepare(`SELECT count(*) FROM outbox`).pluck().get()).toBe(0);
    // The next check-in starts from it.
    const q2 = await ok(demo, 'openCtaCheckIn', { planId: cedar.planId, date: '2026-11-23' });
    expect(q2.nextSteps.map((n) => n.description)).toContain('Protect Wednesday PLC time for data cycles');
  });
});

describe('guards below the app', () => {
  it('refuses moving a row of an open check-in into a finalised one', async () => {
    const ctx = memoryCore('2026-11-23');
    await ok(ctx, 'loadDemoData');
    const overview = await ok(ctx, 'getCtaOverview');
    const cedar = overview.schools.find((s) => s.school.name === 'Cedar Grove Elementary')!;
    const final = (await ok(ctx, 'getCtaPlan', { schoolId: cedar.school.id }))!.checkIns[0];
    expect(final.finalisedAt).not.toBeNull();
    const open = await ok(ctx, 'openCtaCheckIn', { planId: cedar.planId, date: '2026-11-23' });
    await ok(ctx, 'addCtaNextStep', { checkinId: open.id, description: 'Draft step', owner: 'ILT' });
    for (const table of ['cta_next_steps', 'cta_attendees']) {
      expect(() => ctx.db.prepare(`UPDATE ${table} SET checkin_id = ? WHERE checkin_id = ?`).run(final.id, open.id)).toThrow(/finalised/);
    }
  });
});
