import type { visitCalls } from '../../../shared/contract/visits';
import * as notes from '../services/notes';
import * as visits from '../services/visits';
import type { HandlersFor } from './types';

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
