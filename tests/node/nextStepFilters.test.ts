import { addDays, parseISO } from 'date-fns';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import type { NextStep } from '../../shared/visits/model';
import { isoDate } from '../../shared/schoolYear';
import { memoryCore, ok, PROFILE, snapshot } from './helpers';
import { addManySteps } from './manySteps';

/**
 * The Next steps screen's filters run in the core: leader, status, where a step came from, owner,
 * due date and words in it, one page at a time with the totals. Each filter is checked against
 * the whole list filtered here, so the rows, their order and the counts must all agree.
 */
const TODAY = '2026-11-23';
// The seventh day after today is in "the next 7 days" too.
const WEEK_END = isoDate(addDays(parseISO(TODAY), 7));
let ctx: CoreContext;
let leaders: number[];
let all: NextStep[];

beforeAll(async () => {
  ctx = memoryCore(TODAY);
  await ok(ctx, 'saveSettings', PROFILE);
  const school = (await ok(ctx, 'addSchool', { name: 'Mesa Verde Middle', level: 'middle', needTier: 'high' })).id;
  leaders = [];
  for (const name of ['Ana Ortiz', 'Ben Okafor', 'Chen Li']) {
    leaders.push((await ok(ctx, 'addLeader', { name, role: 'principal', schoolId: school, roleStartDate: '2015-08-01', assignment: { supportTier: 'standard', cadenceDays: 28 } })).id);
  }
  await addManySteps(ctx, leaders, 1200, TODAY);
  // Two from elsewhere, so the source filter has something to tell apart.
  ctx.db.prepare(`UPDATE action_items SET source = 'retention' WHERE id IN (7, 8)`).run();
  all = await ok(ctx, 'listNextSteps', { status: 'all' });
});

const pageOf = (input: Record<string, unknown>) => ok(ctx, 'listNextStepsPage', { limit: 500, ...input });

describe('next steps filtered in the core', () => {
  it('keeps the old inputs: open ones by due date, done after them most recent first', async () => {
    expect(all).toHaveLength(1200);
    const open = await ok(ctx, 'listNextSteps');
    expect(open.every((s) => s.doneDate === null)).toBe(true);
    expect(open).toEqual(all.filter((s) => s.doneDate === null));
    const due = open.map((s) => s.dueDate ?? '9999');
    expect(due).toEqual([...due].sort());
    const done = all.filter((s) => s.doneDate !== null).map((s) => s.doneDate!);
    expect(done).toEqual([...done].sort().reverse());
    expect(all.findIndex((s) => s.doneDate !== null)).toBe(open.length);
  });

  const cases: [string, Record<string, unknown>, (s: NextStep) => boolean][] = [
    ['a leader', { status: 'all', leaderId: 0 }, (s) => s.leaderId === leaders[0]],
    ['done ones of a leader', { status: 'done', leaderId: 1 }, (s) => s.doneDate !== null && s.leaderId === leaders[1]],
    ['overdue', { due: 'overdue' }, (s) => s.overdue],
    ['due in the next 7 days, open or done', { status: 'all', due: 'week' }, (s) => s.dueDate !== null && s.dueDate >= TODAY && s.dueDate <= WEEK_END],
    ['no due date', { due: 'none' }, (s) => s.doneDate === null && s.dueDate === null],
    ['owned by me', { status: 'all', owner: 'supervisor' }, (s) => s.owner === 'supervisor'],
    ['from a retention conversation', { status: 'all', source: 'retention' }, (s) => s.source === 'retention'],
    ['words, in any case', { status: 'all', text: '  ATTENDANCE ' }, (s) => s.description.includes('attendance')],
    ['everything at once', { leaderId: 2, due: 'overdue', owner: 'leader', text: 'team' }, (s) => s.overdue && s.leaderId === leaders[2] && s.owner === 'leader' && s.description.includes('team')],
  ];
  for (const [what, input, keep] of cases) {
    it(`filters by ${what}, with the right total and overdue count`, async () => {
      const f: Record<string, unknown> = { ...input, ...(typeof input.leaderId === 'number' ? { leaderId: leaders[input.leaderId] } : {}) };
      const expected = all.filter((s) => (f.status === 'all' || f.status === 'done' ? true : s.doneDate === null) && keep(s));
      expect(expected.length).toBeGreaterThan(0);
      expect(await ok(ctx, 'listNextSteps', f)).toEqual(expected);
      const page = await pageOf(f);
      expect(page.steps).toEqual(expected.slice(0, 500));
      expect(page.total).toBe(expected.length);
      expect(page.overdue).toBe(expected.filter((s) => s.overdue).length);
    });
  }

  it('takes the words literally: % and _ are not wildcards', async () => {
    expect((await pageOf({ status: 'all', text: '%' })).total).toBe(0);
    expect((await pageOf({ status: 'all', text: 'Step_1' })).total).toBe(0);
    expect((await pageOf({ status: 'all', text: 'Step 1:' })).total).toBe(1);
  });

  it('pages through thousands: the pages put together are the whole list', async () => {
    const pages: NextStep[] = [];
    for (let offset = 0; ; offset += 250) {
      const page = await pageOf({ status: 'all', offset, limit: 250 });
      expect(page).toMatchObject({ offset, total: 1200 });
      if (page.steps.length === 0) break;
      pages.push(...page.steps);
    }
    expect(pages).toEqual(all);
    const past = await pageOf({ status: 'all', offset: 5000 });
    expect(past).toMatchObject({ steps: [], total: 1200, offset: 5000 });
    expect((await ok(ctx, 'listNextStepsPage')).steps).toHaveLength(100);
  });

  it('refuses bad filters at the field they are in and changes nothing', async () => {
    const before = snapshot(ctx);
    const bad: [Record<string, unknown>, string, string][] = [
      [{ status: 'late' }, 'status', 'Choose open, done or all'],
      [{ due: 'yesterday' }, 'due', 'Choose overdue, due in the next 7 days or no due date'],
      [{ source: 'email' }, 'source', 'Choose where the next steps came from'],
      [{ owner: 'principal' }, 'owner', 'Choose who owns the next steps'],
      [{ text: 'x'.repeat(201) }, 'text', 'Keep the words to look for under 200 characters'],
      [{ offset: -1 }, 'offset', 'Start from row 0 or later'],
      [{ offset: 2.5 }, 'offset', 'Start from a whole row number'],
      [{ limit: 0 }, 'limit', 'Show at least 1 next step'],
      [{ limit: 501 }, 'limit', 'Show at most 500 next steps at a time'],
      [{ leaderId: 9999 }, 'leaderId', 'That leader is no longer in Fieldbook'],
    ];
    for (const [input, field, message] of bad) {
      const r = await dispatch(ctx, 'listNextStepsPage', input);
      expect(r.ok ? null : { field: r.error.field, message: r.error.message }).toEqual({ field, message });
    }
    const r = await dispatch(ctx, 'listNextSteps', { text: 'x'.repeat(201) });
    expect(r.ok ? null : r.error.field).toBe('text');
    expect(snapshot(ctx)).toEqual(before);
  });
});

describe('the dashboard with many overdue next steps', () => {
  it('lists the ten most overdue and counts them all', async () => {
    const d = await ok(ctx, 'getDashboard');
    const overdue = all.filter((s) => s.overdue);
    expect(overdue.length).toBeGreaterThan(100);
    expect(d.overdueNextSteps).toEqual(overdue.slice(0, 10));
    expect(d.counts.overdueNextSteps).toBe(overdue.length);
    expect(d.counts.openNextSteps).toBe(all.filter((s) => s.doneDate === null).length);
  });
});

describe('leaders to filter by', () => {
  it('are everyone with a next step, a leader who has left among them', async () => {
    const c = memoryCore(TODAY);
    await ok(c, 'saveSettings', PROFILE);
    const school = (await ok(c, 'addSchool', { name: 'Oak Park Elementary', level: 'elementary', needTier: 'low' })).id;
    const add = (name: string) => ok(c, 'addLeader', { name, role: 'principal', schoolId: school, roleStartDate: '2015-08-01', assignment: { supportTier: 'standard', cadenceDays: 28 } });
    const ana = await add('Ana Ortiz');
    const ben = await add('Ben Okafor');
    await add('Chen Li'); // no next steps: nothing to filter
    await ok(c, 'addNextStep', { leaderId: ana.id, description: 'Share the ILT agenda', owner: 'leader', dueDate: null });
    await ok(c, 'addNextStep', { leaderId: ben.id, description: 'Hand over the master schedule', owner: 'leader', dueDate: null });
    await ok(c, 'updateLeader', { ...ben, status: 'left' });
    expect(await ok(c, 'listNextStepLeaders', {})).toEqual([
      { id: ana.id, name: 'Ana Ortiz', left: false },
      { id: ben.id, name: 'Ben Okafor', left: true },
    ]);
    expect((await ok(c, 'listNextStepsPage', { leaderId: ben.id, status: 'all' })).total).toBe(1);
  });
});
