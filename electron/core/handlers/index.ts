import type { CallName } from '../../../shared/api';
import { caseloadHandlers } from './caseload';
import { cadenceHandlers, calendarHandlers, searchHandlers, visitHandlers } from './visits';
import { frameworkHandlers } from './settings';
import { backupHandlers, lockHandlers } from './backups';
import { ctaHandlers } from './cta';
import { evaluationHandlers } from './evaluations';
import { syncHandlers } from './sync';
import { retentionHandlers } from './retention';
import { draftHandlers } from './drafts';
import type { HandlersFor } from './types';

/** The core's side of the contract, assembled from one handler file per domain. */
export const handlers: HandlersFor<CallName> = {
  ...caseloadHandlers,
  ...searchHandlers,
  ...calendarHandlers,
  ...cadenceHandlers,
  ...visitHandlers,
  ...frameworkHandlers,
  ...backupHandlers,
  ...ctaHandlers,
  ...lockHandlers,
  ...evaluationHandlers,
  ...syncHandlers,
  ...retentionHandlers,
  ...draftHandlers,
};
