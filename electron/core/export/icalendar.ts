import { offsetAt, type Transition, transitions } from './timeZone';

/**
 * An RFC 5545 calendar file, written by hand so every line is ours: events at wall-clock times in a
 * named zone (TZID) described by a VTIMEZONE, STATUS and SEQUENCE for updates and cancellations.
 */

export interface CalendarEvent {
  uid: string;
  /** Local date and time at the event, in the calendar's zone: 2026-11-24 and 08:15. */
  date: string;
  startTime: string;
  endTime: string;
  summary: string;
  location: string | null;
  description: string;
  status: 'CONFIRMED' | 'CANCELLED';
  sequence: number;
  lastModified: string | null;
  /** Shown as busy time only by calendars that honour CLASS (shared Outlook and Google calendars do). */
  private: boolean;
}

/** TEXT values: backslash, semicolon and comma escaped, line breaks as \n (RFC 5545 §3.3.11). */
const text = (s: string): string => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');

/** Lines of at most 75 octets, continued with CRLF and a space, never splitting a character (§3.1). */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (octets + size > 75) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** A UTC instant as 20261124T160500Z. */
const utcStamp = (at: number): string => {
  const d = new Date(at);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
};
/** Wall-clock fields held in a Date's UTC fields, as 20261124T081500. */
const wallStamp = (wall: number) => utcStamp(wall).slice(0, -1);
const localStamp = (date: string, time: string) => `${date.replaceAll('-', '')}T${time.replace(':', '')}00`;
const offsetText = (minutes: number) => `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** A change's yearly rule, as RRULE parts, if it falls on the same weekday of the month each year. */
function yearlyRule(changes: Transition[], years: number): string | null {
  if (changes.length !== years) return null;
  const walls = changes.map((c) => new Date(c.at + c.from * 60_000));
  const same = <T>(f: (d: Date) => T) => walls.every((d) => f(d) === f(walls[0]));
  if (!same((d) => d.getUTCMonth()) || !same((d) => d.getUTCDay()) || !same((d) => d.getUTCHours() * 60 + d.getUTCMinutes())) return null;
  const nth = (d: Date) => Math.ceil(d.getUTCDate() / 7);
  const last = (d: Date) => d.getUTCDate() + 7 > new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  const day = WEEKDAYS[walls[0].getUTCDay()];
  const month = walls[0].getUTCMonth() + 1;
  if (same(nth) && nth(walls[0]) <= 4) return `FREQ=YEARLY;BYMONTH=${month};BYDAY=${nth(walls[0])}${day}`;
  if (walls.every(last)) return `FREQ=YEARLY;BYMONTH=${month};BYDAY=-1${day}`;
  return null;
}

function observance(zone: string, standard: number, change: Transition, rule: string | null): string[] {
  const kind = change.to > standard ? 'DAYLIGHT' : 'STANDARD';
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(change.at + 60_000).find((p) => p.type === 'timeZoneName')?.value;
  return [
    `BEGIN:${kind}`,
    `DTSTART:${wallStamp(change.at + change.from * 60_000)}`,
    ...(rule ? [`RRULE:${rule}`] : []),
    `TZOFFSETFROM:${offsetText(change.from)}`,
    `TZOFFSETTO:${offsetText(change.to)}`,
    ...(name && /^[A-Z]{2,5}$/.test(name) ? [`TZNAME:${name}`] : []),
    `END:${kind}`,
  ];
}

/**
 * The zone's definition for the years the events span: a yearly rule per kind of change where the
 * zone follows one (as most do), else each change listed; a zone with no changes gets one offset.
 * The rules are read from the year before to at least three years after, so they are the zone's
 * real pattern, and an event in January is already covered by the previous autumn's change.
 */
export function vtimezone(zone: string, fromYear: number, toYear: number): string[] {
  const lo = fromYear - 1;
  const hi = Math.max(toYear, fromYear + 3);
  const changes = transitions(zone, lo, hi);
  const initial = offsetAt(zone, Date.UTC(lo, 0, 1));
  const first = { at: Date.UTC(1970, 0, 1), from: initial, to: initial };
  const standard = Math.min(initial, ...changes.flatMap((c) => [c.from, c.to]));
  const forward = changes.filter((c) => c.to > c.from);
  const back = changes.filter((c) => c.to < c.from);
  const rules = [yearlyRule(forward, hi - lo + 1), yearlyRule(back, hi - lo + 1)];
  const body = changes.length === 0
    ? observance(zone, standard, first, null)
    : rules.every(Boolean)
      ? [...observance(zone, standard, forward[0], rules[0]), ...observance(zone, standard, back[0], rules[1])]
      : [first, ...changes].flatMap((c) => observance(zone, standard, c, null));
  return ['BEGIN:VTIMEZONE', `TZID:${zone}`, ...body, 'END:VTIMEZONE'];
}

/** The whole file, CRLF line ends, with one VTIMEZONE for the zone the events are in. */
export function calendarFile(options: { name: string; product: string; zone: string; stamp: number; events: CalendarEvent[] }): string {
  const { zone, events } = options;
  const years = events.map((e) => Number(e.date.slice(0, 4)));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Fieldbook//${options.product}//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(options.name)}`,
    `X-WR-TIMEZONE:${zone}`,
    ...(events.length ? vtimezone(zone, Math.min(...years), Math.max(...years)) : []),
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${utcStamp(options.stamp)}`,
      `DTSTART;TZID=${zone}:${localStamp(e.date, e.startTime)}`,
      `DTEND;TZID=${zone}:${localStamp(e.date, e.endTime)}`,
      `SUMMARY:${text(e.summary)}`,
      ...(e.location ? [`LOCATION:${text(e.location)}`] : []),
      `DESCRIPTION:${text(e.description)}`,
      `STATUS:${e.status}`,
      `SEQUENCE:${e.sequence}`,
      ...(e.lastModified && Number.isFinite(Date.parse(e.lastModified)) ? [`LAST-MODIFIED:${utcStamp(Date.parse(e.lastModified))}`] : []),
      `CLASS:${e.private ? 'PRIVATE' : 'PUBLIC'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
