import type { caseloadCalls } from '../../../shared/caseload/contract';
import type { HandlersFor } from './types';
import * as caseload from '../services/caseload/caseload';
import { loadDemoData } from '../services/caseload/demo';
import { countExportsWaiting } from '../services/sync/status';
import { exportCaseloadCsv } from '../services/caseload/exports';
import { syncStatus } from '../services/sync/targets';
import { importRoster, previewRoster } from '../services/caseload/roster';
import { listSchools, insertSchool, updateSchool } from '../services/caseload/schools';
import { saveSettings, settingsView } from '../services/settings/settings';
import { dataFileCheck } from '../backup/verify';
import { isLocked } from '../services/backups/lock';
import { restoreNotice } from '../services/backups/backups';
import { changeFeed } from '../changes';

/** One handler per call, each a thin line into a service. */
export const caseloadHandlers: HandlersFor<keyof typeof caseloadCalls> = {
  getStatus: (ctx) => ({
    exportsWaiting: countExportsWaiting(ctx), dataDir: ctx.dataDir, mode: ctx.mode, dataFileProblem: dataFileCheck(ctx)?.problem ?? null, locked: isLocked(ctx),
    notice: restoreNotice(ctx), changes: changeFeed(ctx), ...syncStatus(ctx),
  }),
  getSettings: (ctx) => settingsView(ctx),
  saveSettings,
  loadDemoData: (ctx) => loadDemoData(ctx),

  listSchools: (ctx) => listSchools(ctx.db),
  addSchool: insertSchool,
  updateSchool,

  getCaseload: (ctx) => caseload.getCaseload(ctx),
  getLeader: (ctx, { leaderId }) => caseload.getCaseloadEntry(ctx, leaderId),
  listUnassignedLeaders: (ctx) => caseload.listUnassignedLeaders(ctx),
  addLeader: caseload.addLeader,
  updateLeader: caseload.updateLeader,
  assignLeader: caseload.assignLeader,
  unassignLeader: (ctx, { leaderId }) => caseload.unassignLeader(ctx, leaderId),

  previewRoster: (ctx, { csv }) => previewRoster(ctx, csv),
  importRoster: (ctx, { csv }) => importRoster(ctx, csv),
  exportCaseloadCsv: (ctx) => exportCaseloadCsv(ctx),
};
