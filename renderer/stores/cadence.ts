import { parseISO, subDays } from 'date-fns';
import type { Table } from '../../shared/api';
import { isoDate } from '../../shared/schoolYear';
import { load } from '../api';
import { domainStore } from './domainStore';

/** What cadence, next steps and time use read: a change to any of these can move a figure. */
export const CADENCE_TABLES: readonly Table[] = ['visits', 'action_items', 'assignments', 'leaders', 'settings', 'schools'];

/** The dashboard's frames, with the last 30 days of time use. */
export const useDashboard = domainStore(CADENCE_TABLES, async () => {
  const dashboard = await load('getDashboard');
  const from = isoDate(subDays(parseISO(dashboard.today), 29));
  const timeUse = await load('getTimeUse', { from, to: dashboard.today });
  return { ...dashboard, timeUse };
});
