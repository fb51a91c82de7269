import type { ctaCalls } from '../../../shared/cta/contract';
import * as checkins from '../services/cta/checkins';
import { getOverview } from '../services/cta/overview';
import * as plans from '../services/cta/plans';
import * as summary from '../services/cta/summary';
import type { HandlersFor } from './types';

export const ctaHandlers: HandlersFor<keyof typeof ctaCalls> = {
  getCtaOverview: getOverview,
  getCtaPlan: plans.findPlan,
  createCtaPlan: plans.createPlan,
  setCtaPlanStage: plans.setStage,
  copyCtaPlanToNextYear: (ctx, { planId }) => plans.copyToNextYear(ctx, planId),
  saveCtaGoal: plans.saveGoal,
  deleteCtaGoal: (ctx, { goalId }) => plans.deleteGoal(ctx, goalId),
  addCtaAction: plans.addAction,
  deleteCtaAction: (ctx, { actionId }) => plans.deleteAction(ctx, actionId),

  openCtaCheckIn: checkins.openCtaCheckIn,
  getCtaCheckIn: (ctx, { checkinId }) => checkins.getCheckIn(ctx, checkinId),
  discardCtaCheckIn: (ctx, { checkinId }) => checkins.discardCheckIn(ctx, checkinId),
  saveCtaAttendees: checkins.saveAttendees,
  saveCtaGoalUpdate: checkins.saveGoalUpdate,
  addCtaNextStep: checkins.addNextStep,
  setCtaNextStepDone: checkins.setNextStepDone,
  deleteCtaNextStep: (ctx, { nextStepId }) => checkins.deleteNextStep(ctx, nextStepId),
  finaliseCtaCheckIn: (ctx, { checkinId }) => summary.finaliseCheckIn(ctx, checkinId),
  addCtaAddendum: (ctx, { checkinId, body }) => summary.addAddendum(ctx, checkinId, body),
  getCtaCheckInSummary: (ctx, { checkinId }) => summary.getSummary(ctx, checkinId),
  getCtaCheckInPdf: (ctx, { checkinId }) => summary.summaryPdf(ctx, checkinId),
};
