/**
 * The one way Fieldbook writes dates and times for a person: on screens, in PDFs and in the titles
 * of exports. One date format and one time format, both from the supervisor's locale (en-US:
 * "Dec 2, 2026" and "5:16 PM"; en-GB: "2 Dec 2026" and "17:16"); the shorter forms (no year, a
 * weekday, a month) are the same format with parts left out. Values that programs read (the
 * database, CSV cells, package files) stay ISO 8601.
 */

export interface DisplayFormat {
  /** A BCP 47 locale, e.g. en-US. */
  locale: string;
  /** An IANA zone: instants (a save, a signature, a lock) are shown at this zone's wall-clock time. */
  timeZone: string;
}

/** This computer's locale and zone, as the JavaScript runtime knows them. */
export function computerDisplayFormat(): DisplayFormat {
  const { locale, timeZone } = Intl.DateTimeFormat().resolvedOptions();
  return { locale, timeZone: timeZone || 'UTC' };
}

/** A locale this runtime can format in, or null (a typo in a setting must not break every screen). */
export function knownLocale(locale: string): string | null {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length ? Intl.getCanonicalLocales(locale)[0] : null;
  } catch {
    return null;
  }
}

const DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
const SHAPES = {
  date: DATE,
  time: TIME,
  dateTime: { ...DATE, ...TIME },
  weekdayDate: { weekday: 'long', ...DATE },
  dayMonth: { month: 'short', day: 'numeric' },
  weekdayDayMonth: { weekday: 'short', month: 'short', day: 'numeric' },
  weekday: { weekday: 'long' },
  weekdayLongDayMonth: { weekday: 'long', month: 'long', day: 'numeric' },
  monthYear: { month: 'short', year: 'numeric' },
  month: { month: 'short' },
  zoneName: { timeZoneName: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
type Shape = keyof typeof SHAPES;

// Making a formatter costs far more than using one: keep one per locale, zone and shape.
const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(f: DisplayFormat, shape: Shape, zone: string): Intl.DateTimeFormat {
  const key = `${f.locale}|${zone}|${shape}`;
  let made = cache.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(f.locale, { ...SHAPES[shape], timeZone: zone });
    cache.set(key, made);
  }
  return made;
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^(\d{2}):(\d{2})(?::\d{2})?$/;

/**
 * A calendar date (2026-12-02) is a day, not an instant: it is shown as that day wherever the
 * computer is. An instant (2026-12-02T17:16:00Z) is shown at the supervisor's zone.
 */
function point(value: string, f: DisplayFormat): { at: Date; zone: string } {
  const day = CALENDAR_DATE.exec(value);
  if (day) return { at: new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))), zone: 'UTC' };
  const clock = CLOCK.exec(value);
  if (clock) return { at: new Date(Date.UTC(2000, 0, 1, Number(clock[1]), Number(clock[2]))), zone: 'UTC' };
  return { at: new Date(value), zone: f.timeZone };
}

// ICU puts a narrow no-break space before AM/PM: an ordinary space reads (and searches) the same everywhere.
const plainSpaces = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

function write(value: string, f: DisplayFormat, shape: Shape): string {
  const { at, zone } = point(value, f);
  return Number.isNaN(at.getTime()) ? value : plainSpaces(formatter(f, shape, zone).format(at));
}

/** "Dec 2, 2026, 11:16 AM CST (America/Chicago)": for papers that leave the computer, the zone said. */
function withZone(value: string, f: DisplayFormat): string {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  const abbreviation = formatter(f, 'zoneName', f.timeZone).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
  return `${write(value, f, 'dateTime')} ${abbreviation && abbreviation !== f.timeZone ? `${abbreviation} (${f.timeZone})` : f.timeZone}`;
}

/** The formatting functions for one locale and zone. Each takes a calendar date, an instant or (time) a clock time. */
export function displayFormat(f: DisplayFormat) {
  return {
    format: f,
    /** "Dec 2, 2026" */
    date: (v: string) => write(v, f, 'date'),
    /** "5:16 PM": a visit's clock time (17:16) or an instant's time */
    time: (v: string) => write(v, f, 'time'),
    /** "9:00 AM–10:00 AM" */
    timeRange: (from: string, to: string) => `${write(from, f, 'time')}–${write(to, f, 'time')}`,
    /** "Dec 2, 2026, 5:16 PM" */
    dateTime: (v: string) => write(v, f, 'dateTime'),
    /** "Dec 2, 2026, 5:16 PM CST (America/Chicago)": an instant on a paper that leaves this computer. */
    dateTimeWithZone: (v: string) => withZone(v, f),
    /** "Wednesday, Dec 2, 2026" */
    weekdayDate: (v: string) => write(v, f, 'weekdayDate'),
    /** "Dec 2" */
    dayMonth: (v: string) => write(v, f, 'dayMonth'),
    /** "Wed, Dec 2" */
    weekdayDayMonth: (v: string) => write(v, f, 'weekdayDayMonth'),
    /** "Wednesday" */
    weekday: (v: string) => write(v, f, 'weekday'),
    /** "Wednesday, December 2" */
    weekdayLongDayMonth: (v: string) => write(v, f, 'weekdayLongDayMonth'),
    /** "Dec 2026" */
    monthYear: (v: string) => write(v, f, 'monthYear'),
    /** "Dec" */
    month: (v: string) => write(v, f, 'month'),
    /** "Dec 2, 2026 – Dec 9, 2026" */
    dateRange: (from: string, to: string) => `${write(from, f, 'date')} – ${write(to, f, 'date')}`,
  };
}

export type Formatter = ReturnType<typeof displayFormat>;
