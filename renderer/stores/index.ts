import { load } from '../api';
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

export const useStatus = domainStore(['outbox', 'sync_targets'], () => load('getStatus'));
