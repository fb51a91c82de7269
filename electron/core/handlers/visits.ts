import type { visitCalls, cadenceCalls, calendarCalls, searchCalls } from '../../../shared/visits/contract';
import * as notes from '../services/visits/notes';
import * as visits from '../services/visits/visits';
import type { HandlersFor } from './types';
import { getCadence, getCaseloadHeatmap, getVisitStrip } from '../services/visits/cadence';
import { getDashboard } from '../services/dashboard/dashboard';
import { addNextStep, completeNextStep, listNextStepLeaders, listNextSteps, listNextStepsPage, reopenNextStep } from '../services/visits/nextSteps';
import { getTimeUse } from '../services/visits/timeUse';
import { exportVisitsCalendar } from '../services/visits/calendar';
import { search } from '../services/visits/search';

export const visitHandlers: HandlersFor<keyof typeof visitCalls> = {
  listVisits: visits.listVisits,
  getVisit: (ctx, { visitId }) => visits.getVisit(ctx, visitId),
  planVisit: visits.planVisit,
  updateVisit: visits.updateVisit,
  startVisit: (ctx, { visitId }) => visits.startVisit(ctx, visitId),
  finishVisit: visits.finishVisit,
  saveVisitEvidence: (ctx, { visitId, evidence }) => visits.saveVisitEvidence(ctx, visitId, evidence),
  setVisitTags: (ctx, { visitId, tags }) => visits.setVisitTags(ctx, visitId, tags),

  createNote: notes.createNote,
  saveNote: notes.saveNote,
  deleteNote: (ctx, { noteId }) => notes.deleteNote(ctx, noteId),
  setNoteTags: (ctx, { noteId, tags }) => notes.setNoteTags(ctx, noteId, tags),
  listLeaderNotes: (ctx, { leaderId, limit }) => notes.listLeaderNotes(ctx, leaderId, limit),
};



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



export const calendarHandlers: HandlersFor<keyof typeof calendarCalls> = {
  exportVisitsCalendar,
};



export const searchHandlers: HandlersFor<keyof typeof searchCalls> = {
  search,
};
