import type { CallName } from '../../../shared/api';
import { caseloadHandlers } from './caseload';
import { searchHandlers } from './search';
import { calendarHandlers } from './calendar';
import { cadenceHandlers } from './cadence';
import { visitHandlers } from './visits';
import { frameworkHandlers } from './frameworks';
import { backupHandlers } from './backups';
import { ctaHandlers } from './cta';
import { lockHandlers } from './lock';
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
