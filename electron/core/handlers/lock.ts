import type { lockCalls } from '../../../shared/contract/lock';
import * as lock from '../services/lock';
import type { HandlersFor } from './types';

export const lockHandlers: HandlersFor<keyof typeof lockCalls> = {
  getLockSettings: lock.getLockSettings,
  saveLockSettings: lock.saveLockSettings,
  lockNow: (ctx) => lock.lockNow(ctx),
  unlock: (ctx, { passphrase }) => lock.unlock(ctx, passphrase),
};
