import type { SecretKeeping, SyncItemStatus } from '../../../shared/sync/model';
import { fmt } from '../../format';

/** When something happened, briefly: a time today, else a date and time. */
export const whenShort = (iso: string, now = new Date()): string =>
  (fmt().date(iso) === fmt().date(now.toISOString()) ? fmt().time(iso) : fmt().dateTime(iso));

export const ITEM_STATUS_LABELS: Record<SyncItemStatus, string> = {
  delivered: 'Sent',
  waiting: 'Waiting',
  retrying: 'Waiting to try again',
  stopped: 'Stopped: needs you',
};

export const SECRET_LABELS: Record<SecretKeeping, string> = {
  none: 'No sign-in',
  encrypted: 'Password kept encrypted by this computer',
  session: 'Password kept for this session only: you will type it again after Fieldbook restarts',
  missing: 'Password needed: edit this target and type it again',
};
