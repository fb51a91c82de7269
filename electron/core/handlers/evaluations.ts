import type { evaluationCalls } from '../../../shared/evaluations/contract';
import { listAudit } from '../audit';
import * as entries from '../services/evaluations/entries';
import { outlineWriteUp } from '../services/evaluations/outline';
import * as rubric from '../services/evaluations/rubric';
import * as signoff from '../services/evaluations/signoff';
import { getEvaluationTemplate, saveEvaluationTemplate } from '../services/evaluations/template';
import * as cycles from '../services/evaluations/cycles';
import type { HandlersFor } from './types';

export const evaluationHandlers: HandlersFor<keyof typeof evaluationCalls> = {
  getEvaluationTemplate: (ctx) => getEvaluationTemplate(ctx.db),
  saveEvaluationTemplate,
  listEvaluations: (ctx) => cycles.listEvaluations(ctx),
  listEvaluationDeadlines: (ctx) => cycles.listEvaluationDeadlines(ctx),
  getEvaluation: (ctx, { cycleId }) => cycles.getEvaluation(ctx, cycleId),
  startEvaluationCycle: cycles.startEvaluationCycle,

  completeEvaluationStage: entries.completeEvaluationStage,
  reopenEvaluationStage: (ctx, { stageId }) => entries.reopenEvaluationStage(ctx, stageId),
  addEvaluationEntry: entries.addEvaluationEntry,
  updateEvaluationEntry: entries.updateEvaluationEntry,
  removeEvaluationEntry: (ctx, { entryId }) => entries.removeEvaluationEntry(ctx, entryId),
  addGoalProgress: entries.addGoalProgress,
  addSupportAction: entries.addSupportAction,

  rateElement: rubric.rateElement,
  listRubricEvidence: rubric.listRubricEvidence,
  citeEvidence: rubric.citeEvidence,
  removeEvidence: (ctx, { evidenceId }) => rubric.removeEvidence(ctx, evidenceId),

  saveWriteUp: signoff.saveWriteUp,
  outlineWriteUp: (ctx, { cycleId }) => outlineWriteUp(ctx, cycleId),
  signEvaluation: signoff.signEvaluation,
  withdrawSignature: (ctx, { cycleId }) => signoff.withdrawSignature(ctx, cycleId),
  acknowledgeEvaluation: signoff.acknowledgeEvaluation,
  lockEvaluation: (ctx, { cycleId }) => signoff.lockEvaluation(ctx, cycleId),
  unlockEvaluation: signoff.unlockEvaluation,
  addAddendum: signoff.addAddendum,
  getEvaluationPdf: (ctx, { cycleId }) => signoff.getEvaluationPdf(ctx, cycleId),
  listAuditTrail: (ctx, { entityType, entityId }) => listAudit(ctx, entityType, entityId),
};
