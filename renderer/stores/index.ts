import type { AppStatus } from '../../shared/caseload/model';
import { load } from '../api';
import { followChanges } from '../changeFeed';
import { setDisplayFormat } from '../format';
import { domainStore } from './domainStore';

/** The profile, with the locale and zone every date on screen is written in (set before any screen draws them). */
export const useSettings = domainStore(['settings'], async () => {
  const settings = await load('getSettings');
  if (settings) setDisplayFormat(settings.display);
  return settings;
});

export const useCaseload = domainStore(['settings', 'schools', 'leaders', 'assignments'], async () => {
  const [caseload, schools, unassigned] = await Promise.all([load('getCaseload'), load('listSchools'), load('listUnassignedLeaders')]);
  return { ...caseload, schools, unassigned };
});

/** The top bar's status, polled: it also brings what other windows changed (changeFeed.ts). */
export const useStatus = domainStore(['outbox', 'sync_targets'], async (): Promise<AppStatus> => {
  const status = await load('getStatus');
  followChanges(status.changes);
  // The same status again keeps the same object, so a poll with nothing new redraws nothing.
  const before: AppStatus | null = useStatus.getState().data;
  return before && JSON.stringify(before) === JSON.stringify(status) ? before : status;
});
