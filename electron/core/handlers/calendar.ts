import type { calendarCalls } from '../../../shared/contract/calendar';
import type { HandlersFor } from './types';
import { exportVisitsCalendar } from '../services/calendar';

export const calendarHandlers: HandlersFor<keyof typeof calendarCalls> = {
  exportVisitsCalendar,
};
