import type { CalendarFile } from '../model/search';
import { checkRangeOrder, dateRange } from './search';
import { mutation } from './define';

/**
 * Planned visits as an iCalendar file: from today on unless a range is chosen. It records what each
 * event said, so the next file can cancel an event or raise its SEQUENCE.
 */
export const calendarCalls = {
  exportVisitsCalendar: mutation<CalendarFile>()(checkRangeOrder(dateRange), ['calendar_events']),
} as const;
