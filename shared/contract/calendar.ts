import type { CalendarFile } from '../model/search';
import { checkRangeOrder, dateRange } from './search';
import { query } from './define';

/** Planned visits as an iCalendar file: from today on unless a range is chosen. */
export const calendarCalls = {
  exportVisitsCalendar: query<CalendarFile>()(checkRangeOrder(dateRange)),
} as const;
