import type { caseloadCalls } from '../../../shared/contract/caseload';
import type { HandlersFor } from './types';
import * as caseload from '../services/caseload';
import { loadDemoData } from '../services/demo';
import { countExportsWaiting, exportCaseloadCsv } from '../services/exports';
import { syncStatus } from '../services/sync';
import { importRoster, previewRoster } from '../services/roster';
import { listSchools, insertSchool, updateSchool } from '../services/schools';
import { getSettings, saveSettings } from '../services/settings';
import { dataFileCheck } from '../backup/verify';
import { isLocked } from '../services/lock';
import { restoreNotice } from '../services/backups';

/** One handler per call, each a thin line into a service. */
export const caseloadHandlers: HandlersFor<keyof typeof caseloadCalls> = {
  getStatus: (ctx) => ({ exportsWaiting: countExportsWaiting(ctx), dataDir: ctx.dataDir, mode: ctx.mode, dataFileProblem: dataFileCheck(ctx)?.problem ?? null, locked: isLocked(ctx), notice: restoreNotice(ctx), ...syncStatus(ctx) }),
  getSettings: (ctx) => getSettings(ctx.db),
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
