import ICAL from 'ical.js';
import nodeIcal, { type VEvent } from 'node-ical';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { getInstallationId } from '../../electron/core/services/settings/settings';
import { insertVisit, memoryCore, ok, PROFILE, type VisitRow } from './helpers';

/**
 * The calendar file as calendars read it: every assertion goes through two independent parsers,
 * ical.js (Thunderbird's, which converts times with the file's own VTIMEZONE) and node-ical
 * (which knows the zone by its name), never through Fieldbook's own code.
 */

const AT = '2026-11-20T10:00:00.000Z';

interface Parsed {
  uid: string;
  summary: string;
  description: string;
  location: string | null;
  status: string | null;
  sequence: number;
  klass: string | null;
  /** The instant ical.js computes from the file's VTIMEZONE. */
  start: string;
  end: string;
  startZone: string | null;
}

/** ical.js: the events, with times resolved through the VTIMEZONE the file itself carries. */
function readWithIcalJs(ics: string): Parsed[] {
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const e = new ICAL.Event(component);
    return {
      uid: e.uid,
      summary: e.summary,
      description: e.description,
      location: e.location ?? null,
      status: (component.getFirstPropertyValue('status') as string | null) ?? null,
      sequence: e.sequence,
      klass: (component.getFirstPropertyValue('class') as string | null) ?? null,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      startZone: e.startDate.zone?.tzid ?? null,
    };
  });
}

/** node-ical: the same file, zones resolved by their IANA names. */
function readWithNodeIcal(ics: string) {
  return Object.values(nodeIcal.sync.parseICS(ics))
    .filter((c): c is VEvent => c?.type === 'VEVENT')
    .map((e) => ({ uid: e.uid, start: e.start.toISOString(), tz: (e.start as Date & { tz?: string }).tz, status: e.status ?? null, sequence: Number(e.sequence) }));
}

const addVisit = (ctx: CoreContext, v: VisitRow): number => insertVisit(ctx, { status: 'planned', end: '10:30', at: AT, ...v });
const exportCalendar = async (c: CoreContext, input: object = {}) => {
  const file = await ok(c, 'exportVisitsCalendar', input);
  return { file, events: readWithIcalJs(file.ics), checked: readWithNodeIcal(file.ics) };
};

let ctx: CoreContext;
let mesa: number;
let oak: number;
let ana: number;
let ben: number;

beforeEach(async () => {
  ctx = memoryCore('2026-11-23');
  await ok(ctx, 'saveSettings', { ...PROFILE, timeZone: 'America/Chicago' });
  mesa = (await ok(ctx, 'addSchool', { name: 'Mesa Verde Elementary', level: 'elementary', needTier: 'high' })).id;
  oak = (await ok(ctx, 'addSchool', { name: 'Oak Ridge High, North Campus', level: 'high', needTier: 'low' })).id;
  ana = (await ok(ctx, 'addLeader', { name: 'Ana Lopez', role: 'principal', schoolId: mesa, roleStartDate: '2022-08-01' })).id;
  ben = (await ok(ctx, 'addLeader', { name: 'Ben Okafor', role: 'assistant_principal', schoolId: mesa, roleStartDate: '2015-08-01' })).id;
});

describe('calendar export, as independent calendar parsers read it', () => {
  it('exports planned visits from today on, one event each, at the supervisor’s wall-clock time in their zone', async () => {
    const coaching = addVisit(ctx, { schoolId: mesa, date: '2026-11-24', start: '08:15', end: '09:45', purpose: 'Feedback on the ILT agenda', focus: 'Data cycles', leaders: [ben, ana] });
    const checkin = addVisit(ctx, { schoolId: oak, date: '2027-05-04', start: '13:00', end: '14:00', type: 'cta_checkin' });
    addVisit(ctx, { schoolId: mesa, date: '2026-11-20' }); // planned, but in the past
    addVisit(ctx, { schoolId: mesa, date: '2026-11-25', status: 'cancelled' }); // cancelled before it was ever exported
    addVisit(ctx, { schoolId: mesa, date: '2026-11-26', status: 'done' });
    addVisit(ctx, { schoolId: mesa, date: '2026-11-27', status: 'in_progress' });

    const { file, events, checked } = await exportCalendar(ctx);
    expect(file).toMatchObject({ filename: 'fieldbook-planned-visits-2026-11-23.ics', events: 2, cancelled: 0, timeZone: 'America/Chicago' });
    const installation = getInstallationId(ctx.db);
    expect(events.map((e) => e.uid)).toEqual([`visit-${coaching}.${installation}@fieldbook`, `visit-${checkin}.${installation}@fieldbook`]);

    const [first, second] = events;
    // 08:15 in Chicago in November is CST (UTC−6); 13:00 in May is CDT (UTC−5).
    expect(first).toMatchObject({ startZone: 'America/Chicago', start: '2026-11-24T14:15:00.000Z', end: '2026-11-24T15:45:00.000Z', status: 'CONFIRMED', sequence: 0, klass: 'PUBLIC' });
    expect(first.summary).toBe('Side-by-side coaching · Mesa Verde Elementary');
    expect(first.location).toBe('Mesa Verde Elementary');
    expect(first.description).toBe('Purpose: Feedback on the ILT agenda\nFocus: Data cycles\nWith: Ana Lopez, Ben Okafor\nPlanned in Fieldbook.');
    expect(second).toMatchObject({ summary: 'CTA check-in · Oak Ridge High, North Campus', start: '2027-05-04T18:00:00.000Z', end: '2027-05-04T19:00:00.000Z' });
    // node-ical, which resolves America/Chicago from its own zone data, agrees with what the file's VTIMEZONE says.
    expect(checked.map((e) => [e.uid, e.start, e.tz])).toEqual(events.map((e) => [e.uid, e.start, 'America/Chicago']));
  });

  it('keeps a visit at 09:00 at 09:00 in its zone, summer and winter, for zones with and without daylight time', async () => {
    const days = ['2026-12-01', '2027-01-12', '2027-03-30', '2027-06-15'];
    for (const d of days) addVisit(ctx, { schoolId: mesa, date: d, start: '09:00', end: '10:00' });
    for (const zone of ['America/Chicago', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata', 'America/Phoenix', 'Africa/Casablanca']) {
      await ok(ctx, 'saveSettings', { ...PROFILE, timeZone: zone });
      const { events, checked } = await exportCalendar(ctx);
      const wall = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
      expect(events.map((e) => wall(e.start)), zone).toEqual(days.map((d) => `${d} 09:00`));
      expect(checked.map((e) => e.start), zone).toEqual(events.map((e) => e.start));
    }
  });

  it('takes this computer’s zone when none is chosen, and refuses a zone that does not exist at the field', async () => {
    await ok(ctx, 'saveSettings', { ...PROFILE, timeZone: null });
    addVisit(ctx, { schoolId: mesa, date: '2026-11-24' });
    const { file, events } = await exportCalendar(ctx);
    expect(file.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(events[0].startZone).toBe(file.timeZone);
    const before = await ok(ctx, 'getSettings', {});
    expect(await dispatch(ctx, 'saveSettings', { ...PROFILE, timeZone: 'Mars/Olympus_Mons' })).toMatchObject({ ok: false, error: { field: 'timeZone', message: expect.stringContaining('Choose a time zone') } });
    expect(await ok(ctx, 'getSettings', {})).toEqual(before);
  });

  it('sends a visit cancelled after an export as cancelled, with a higher SEQUENCE, instead of leaving it out', async () => {
    const visit = addVisit(ctx, { schoolId: mesa, date: '2026-11-24' });
    const sent = (await exportCalendar(ctx)).events[0];
    await ok(ctx, 'finishVisit', { visitId: visit, outcome: 'cancelled', reason: 'Principal called in sick' });

    const { file, events, checked } = await exportCalendar(ctx);
    expect(file).toMatchObject({ events: 0, cancelled: 1 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ uid: sent.uid, status: 'CANCELLED', start: sent.start });
    expect(events[0].sequence).toBeGreaterThan(sent.sequence);
    expect(checked[0]).toMatchObject({ uid: sent.uid, status: 'CANCELLED', sequence: events[0].sequence });
    // Exporting again repeats the cancellation without raising the sequence: nothing changed.
    expect((await exportCalendar(ctx)).events[0]).toMatchObject({ status: 'CANCELLED', sequence: events[0].sequence });
  });

  it('raises SEQUENCE with every change, even two changes in the same minute, and keeps it when nothing changed', async () => {
    const visit = addVisit(ctx, { schoolId: mesa, date: '2026-11-24', leaders: [ana] });
    const edit = (changes: object) => ok(ctx, 'updateVisit', { visitId: visit, schoolId: mesa, date: '2026-11-24', startTime: '09:00', endTime: '10:30', type: 'side_by_side', purpose: '', focus: '', evidenceKind: 'coaching', leaderIds: [ana], ...changes });
    const sequences: number[] = [];
    const uids = new Set<string>();
    const take = async () => {
      const e = (await exportCalendar(ctx)).events[0];
      sequences.push(e.sequence);
      uids.add(e.uid);
    };
    await take();
    await take(); // unchanged: same sequence
    await edit({ startTime: '11:00', endTime: '12:00' }); // the clock of this core never moves: all in the same minute
    await take();
    await edit({ startTime: '11:00', endTime: '12:00', leaderIds: [ana, ben] });
    await take();
    await edit({ startTime: '11:00', endTime: '12:00', leaderIds: [ana, ben], purpose: 'Walkthrough debrief' });
    await take();
    expect(sequences).toEqual([0, 0, 1, 2, 3]);
    expect(uids.size).toBe(1);
  });

  it('gives every installation its own UIDs, so two laptops’ visit 1 never overwrite each other', async () => {
    const other = memoryCore('2026-11-23');
    await ok(other, 'saveSettings', { ...PROFILE, timeZone: 'America/Chicago' });
    const school = (await ok(other, 'addSchool', { name: 'Mesa Verde Elementary', level: 'elementary', needTier: 'high' })).id;
    const mine = addVisit(ctx, { schoolId: mesa, date: '2026-11-24' });
    const theirs = addVisit(other, { schoolId: school, date: '2026-11-24' });
    expect(mine).toBe(theirs);
    const [a] = (await exportCalendar(ctx)).events;
    const [b] = (await exportCalendar(other)).events;
    expect(a.uid).not.toBe(b.uid);
    expect(a.uid).toContain(getInstallationId(ctx.db));
  });

  it('shows a planned retention conversation as a private appointment: no purpose, focus, school or leader', async () => {
    addVisit(ctx, { schoolId: mesa, date: '2026-11-24', type: 'retention_conversation', purpose: 'Ana is thinking of leaving', focus: 'Workload and family', leaders: [ana] });
    const { file, events } = await exportCalendar(ctx);
    expect(events[0]).toMatchObject({ summary: 'Private appointment', description: 'Details are in Fieldbook.', location: null, klass: 'PRIVATE', start: '2026-11-24T15:00:00.000Z' });
    const unfolded = file.ics.replace(/\r\n[ \t]/g, '');
    for (const secret of ['Retention', 'retention', 'leaving', 'Workload', 'Mesa Verde', 'Ana Lopez']) expect(unfolded).not.toContain(secret);
  });

  it('exports a chosen range, past dates included, and explains a reversed range on "to"', async () => {
    addVisit(ctx, { schoolId: mesa, date: '2026-11-10' });
    const inRange = addVisit(ctx, { schoolId: mesa, date: '2026-11-20' });
    addVisit(ctx, { schoolId: mesa, date: '2026-12-20' });
    const { file, events } = await exportCalendar(ctx, { from: '2026-11-15', to: '2026-11-30' });
    expect(events.map((e) => e.uid)).toEqual([`visit-${inRange}.${getInstallationId(ctx.db)}@fieldbook`]);
    expect(file.filename).toBe('fieldbook-planned-visits-2026-11-15-to-2026-11-30.ics');
    const r = await dispatch(ctx, 'exportVisitsCalendar', { from: '2026-12-01', to: '2026-11-01' });
    expect(r).toMatchObject({ ok: false, error: { field: 'to', message: 'The last date must be on or after the first date' } });
  });

  it('gives an empty calendar when nothing is planned', async () => {
    const { file, events } = await exportCalendar(ctx);
    expect(file).toMatchObject({ events: 0, cancelled: 0 });
    expect(events).toEqual([]);
    expect(file.ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  });

  it('folds long lines at 75 octets without splitting a character', async () => {
    addVisit(ctx, { schoolId: mesa, date: '2026-11-24', purpose: 'Nguyễn Thị Hoa, 王小明 and Şebnem Yılmaz: '.repeat(8) });
    const { file, events } = await exportCalendar(ctx);
    for (const line of file.ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(events[0].description).toContain(`Purpose: ${'Nguyễn Thị Hoa, 王小明 and Şebnem Yılmaz: '.repeat(8).trim()}`);
  });
});
