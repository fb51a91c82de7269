import { beforeEach, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { insertVisit, memoryCore, ok, PROFILE, type VisitRow } from './helpers';

const AT = '2026-11-20T10:00:00.000Z';

const addVisit = (ctx: CoreContext, v: VisitRow): number => insertVisit(ctx, { status: 'planned', end: '10:30', at: AT, ...v });

/** The events in an .ics file as property maps, after undoing line folding (RFC 5545 §3.1). */
function parseEvents(ics: string): Record<string, string>[] {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      events.push(current!);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon)] = line.slice(colon + 1);
    }
  }
  return events;
}
const unescape = (v: string) => v.replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1');

let ctx: CoreContext;
let mesa: number;
let oak: number;
let ana: number;
let ben: number;

beforeEach(async () => {
  ctx = memoryCore('2026-11-23');
  await ok(ctx, 'saveSettings', PROFILE);
  mesa = (await ok(ctx, 'addSchool', { name: 'Mesa Verde Elementary', level: 'elementary', needTier: 'high' })).id;
  oak = (await ok(ctx, 'addSchool', { name: 'Oak Ridge High, North Campus', level: 'high', needTier: 'low' })).id;
  ana = (await ok(ctx, 'addLeader', { name: 'Ana Lopez', role: 'principal', schoolId: mesa, roleStartDate: '2022-08-01' })).id;
  ben = (await ok(ctx, 'addLeader', { name: 'Ben Okafor', role: 'assistant_principal', schoolId: mesa, roleStartDate: '2015-08-01' })).id;
});

describe('calendar export', () => {
  it('exports planned visits from today on, one event each with a stable UID and wall-clock times', async () => {
    const coaching = addVisit(ctx, { schoolId: mesa, date: '2026-11-24', start: '08:15', end: '09:45', purpose: 'Feedback on the ILT agenda', focus: 'Data cycles', leaders: [ben, ana] });
    const checkin = addVisit(ctx, { schoolId: oak, date: '2026-12-02', start: '13:00', end: '14:00', type: 'cta_checkin' });
    addVisit(ctx, { schoolId: mesa, date: '2026-11-20' }); // planned, but in the past
    addVisit(ctx, { schoolId: mesa, date: '2026-11-25', status: 'cancelled' });
    addVisit(ctx, { schoolId: mesa, date: '2026-11-26', status: 'done' });
    addVisit(ctx, { schoolId: mesa, date: '2026-11-27', status: 'in_progress' });

    const file = await ok(ctx, 'exportVisitsCalendar', {});
    expect(file.filename).toBe('fieldbook-planned-visits-2026-11-23.ics');
    expect(file.ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(file.ics.match(/^BEGIN:VEVENT$/gm)).toHaveLength(2);
    expect(file.events).toBe(2);

    const [first, second] = parseEvents(file.ics);
    expect(first).toMatchObject({ UID: `visit-${coaching}@fieldbook`, DTSTART: '20261124T081500', DTEND: '20261124T094500' });
    expect(first.SUMMARY).toBe('Side-by-side coaching · Mesa Verde Elementary');
    expect(unescape(first.DESCRIPTION)).toContain('Purpose: Feedback on the ILT agenda\nFocus: Data cycles\nWith: Ana Lopez, Ben Okafor');
    expect(second).toMatchObject({ UID: `visit-${checkin}@fieldbook`, DTSTART: '20261202T130000', DTEND: '20261202T140000' });
    expect(unescape(second.SUMMARY)).toBe('CTA check-in · Oak Ridge High, North Campus');
  });

  it('keeps each visit’s UID across exports, so importing again updates the event', async () => {
    const visit = addVisit(ctx, { schoolId: mesa, date: '2026-11-24' });
    const before = parseEvents((await ok(ctx, 'exportVisitsCalendar', {})).ics)[0];
    ctx.db.prepare(`UPDATE visits SET start_time = '11:00', end_time = '12:00', updated_at = '2026-11-22T08:00:00.000Z' WHERE id = ?`).run(visit);
    const after = parseEvents((await ok(ctx, 'exportVisitsCalendar', {})).ics)[0];
    expect(after.UID).toBe(before.UID);
    expect(after.DTSTART).toBe('20261124T110000');
    expect(Number(after.SEQUENCE)).toBeGreaterThan(Number(before.SEQUENCE));
  });

  it('exports a chosen range, past dates included', async () => {
    addVisit(ctx, { schoolId: mesa, date: '2026-11-10' });
    const inRange = addVisit(ctx, { schoolId: mesa, date: '2026-11-20' });
    addVisit(ctx, { schoolId: mesa, date: '2026-12-20' });
    const file = await ok(ctx, 'exportVisitsCalendar', { from: '2026-11-15', to: '2026-11-30' });
    expect(parseEvents(file.ics).map((e) => e.UID)).toEqual([`visit-${inRange}@fieldbook`]);
    expect(file.filename).toBe('fieldbook-planned-visits-2026-11-15-to-2026-11-30.ics');
  });

  it('gives an empty calendar when nothing is planned, and explains a reversed range on "to"', async () => {
    const empty = await ok(ctx, 'exportVisitsCalendar', {});
    expect(empty.events).toBe(0);
    expect(empty.ics).toContain('BEGIN:VCALENDAR');
    expect(empty.ics).not.toContain('BEGIN:VEVENT');
    const r = await dispatch(ctx, 'exportVisitsCalendar', { from: '2026-12-01', to: '2026-11-01' });
    expect(r).toMatchObject({ ok: false, error: { field: 'to', message: 'The last date must be on or after the first date' } });
  });
});
