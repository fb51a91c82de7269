import type { syncCalls } from '../../../shared/sync/contract';
import type { HandlersFor } from './types';
import { getSyncOverview, openSyncFolder, removeSyncTarget, saveSyncTarget, sendEarlierExports, syncNow } from '../services/sync/targets';
import { queueCaseloadRoster, queueVisitLog } from '../services/sync/exports';

export const syncHandlers: HandlersFor<keyof typeof syncCalls> = {
  getSyncOverview: (ctx) => getSyncOverview(ctx),
  saveSyncTarget: (ctx, input) => saveSyncTarget(ctx, input),
  removeSyncTarget: (ctx, input) => removeSyncTarget(ctx, input.targetId),
  syncNow: (ctx) => syncNow(ctx),
  retryExport: (ctx, input) => syncNow(ctx, input.id),
  sendEarlierExports: (ctx, input) => sendEarlierExports(ctx, input.targetId),
  openSyncFolder: (ctx, input) => openSyncFolder(ctx, input.targetId),
  queueVisitLog: (ctx, input) => queueVisitLog(ctx, input.weekOf),
  queueCaseloadRoster: (ctx) => queueCaseloadRoster(ctx),
};
