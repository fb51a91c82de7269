/**
 * Time-zone facts from the runtime's own zone database (Intl), for calendar files and PDFs: the
 * offset in force at an instant, the zone's changes over a span of years, and a readable time.
 */

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC, in minutes, at an instant (America/Chicago in July: -300). */
export function offsetAt(zone: string, at: number): number {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormats.set(zone, format);
  }
  const name = format.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

export interface Transition {
  /** The instant of the change (UTC milliseconds). */
  at: number;
  from: number;
  to: number;
}

const DAY = 86_400_000;

/** Every change of offset from the start of one year to the end of another, found day by day, then to the minute. */
export function transitions(zone: string, fromYear: number, toYear: number): Transition[] {
  const out: Transition[] = [];
  const end = Date.UTC(toYear + 1, 0, 1);
  let t = Date.UTC(fromYear, 0, 1);
  let offset = offsetAt(zone, t);
  for (; t < end; t += DAY) {
    const next = offsetAt(zone, t + DAY);
    if (next === offset) continue;
    let lo = t;
    let hi = t + DAY;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(zone, mid) === offset) lo = mid;
      else hi = mid;
    }
    out.push({ at: hi, from: offset, to: next });
    offset = next;
  }
  return out;
}

/** The zone name this runtime knows, or null (a zone removed from the database, a typo). */
export function knownZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The computer's own zone, as the core process sees it. */
export const computerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
