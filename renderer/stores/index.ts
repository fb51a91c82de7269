import { load } from '../api';
import { domainStore } from './domainStore';

export const useSettings = domainStore(['settings'], () => load('getSettings'));

export const useCaseload = domainStore(['settings', 'schools', 'leaders', 'assignments'], async () => {
  const [caseload, schools, unassigned] = await Promise.all([load('getCaseload'), load('listSchools'), load('listUnassignedLeaders')]);
  return { ...caseload, schools, unassigned };
});

export const useStatus = domainStore(['outbox', 'sync_targets'], () => load('getStatus'));
