import type { cadenceCalls } from '../../../shared/contract/cadence';
import type { HandlersFor } from './types';
import { getCadence, getCaseloadHeatmap, getVisitStrip } from '../services/cadence';
import { getDashboard } from '../services/dashboard';
import { addNextStep, completeNextStep, listNextStepLeaders, listNextSteps, listNextStepsPage, reopenNextStep } from '../services/nextSteps';
import { getTimeUse } from '../services/timeUse';

export const cadenceHandlers: HandlersFor<keyof typeof cadenceCalls> = {
  getCadence: (ctx, { leaderId }) => getCadence(ctx, leaderId),
  getVisitStrip: (ctx, { leaderId }) => getVisitStrip(ctx, leaderId),
  getCaseloadHeatmap: (ctx, { schoolYear }) => getCaseloadHeatmap(ctx, schoolYear),
  getTimeUse: (ctx, { from, to }) => getTimeUse(ctx, from, to),
  getDashboard: (ctx) => getDashboard(ctx),

  listNextSteps,
  listNextStepsPage,
  listNextStepLeaders,
  addNextStep,
  completeNextStep: (ctx, { id, doneDate }) => completeNextStep(ctx, id, doneDate),
  reopenNextStep: (ctx, { id }) => reopenNextStep(ctx, id),
};
