import { z } from 'zod';
import type { LeaderNotes, Note, VisitDetail, VisitSummary } from '../model';
import { id, isoDateSchema } from '../schemas';
import { EVIDENCE_KINDS, VISIT_TYPES } from '../vocabulary';
import { mutation, query } from './define';

/** How many of a leader's notes their page shows at first, and adds each time a person asks for older ones. */
export const LEADER_NOTES_PAGE = 50;

/** Visits, their notes and their framework tags. */

const time = (what: string) => z.string({ error: `Enter ${what}` }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `Enter ${what} as a time, like 09:30`);
const evidenceKind = z.enum(EVIDENCE_KINDS, { error: 'Choose coaching or evaluative evidence' });
const text = (max: number) => z.string().max(max, `Keep this under ${max.toLocaleString('en-US')} characters`).default('');
/** A note may be long (a whole morning's walkthrough); 2 MB is far beyond any typed note. */
export const NOTE_MAX_CHARS = 2_000_000;

export const visitFields = z
  .object({
    date: isoDateSchema('the visit date'),
    startTime: time('the start time'),
    endTime: time('the end time'),
    schoolId: id,
    leaderIds: z.array(id).max(50).default([]),
    type: z.enum(VISIT_TYPES, { error: 'Choose the kind of visit' }),
    purpose: text(2000),
    focus: text(2000),
    evidenceKind: evidenceKind.default('coaching'),
  })
  .refine((v) => v.endTime > v.startTime, { message: 'The visit must end after it starts', path: ['endTime'] });

export const visitRef = z.object({ visitId: id });
export const tagRef = z.object({ frameworkId: z.string().min(1), elementId: z.string().min(1) });

export const visitFilter = z
  .object({
    from: isoDateSchema('the first date').optional(),
    to: isoDateSchema('the last date').optional(),
    leaderId: id.optional(),
    schoolId: id.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'The last date must be on or after the first', path: ['to'] })
  .default({});

export const visitCalls = {
  listVisits: query<VisitSummary[]>()(visitFilter),
  getVisit: query<VisitDetail>()(visitRef),
  planVisit: mutation<VisitSummary>()(visitFields, ['visits']),
  updateVisit: mutation<VisitSummary>()(z.intersection(visitRef, visitFields), ['visits']),
  startVisit: mutation<VisitSummary>()(visitRef, ['visits']),
  finishVisit: mutation<VisitSummary>()(
    z
      .object({ visitId: id, outcome: z.enum(['done', 'cancelled', 'no_show'], { error: 'Choose how the visit ended' }), reason: z.string().trim().max(2000).default('') })
      .refine((v) => v.outcome === 'done' || v.reason.length > 0, { message: 'Say why, so the record explains itself', path: ['reason'] }),
    ['visits'],
  ),
  saveVisitEvidence: mutation<{ updatedAt: string }>()(z.object({ visitId: id, evidence: text(NOTE_MAX_CHARS) }), ['visits']),
  setVisitTags: mutation<VisitDetail>()(z.object({ visitId: id, tags: z.array(tagRef).max(100) }), ['tags']),

  createNote: mutation<Note>()(
    z
      .object({ visitId: id.optional(), leaderId: id.optional(), body: text(NOTE_MAX_CHARS), evidenceKind: evidenceKind.optional() })
      .refine((n) => n.visitId !== undefined || n.leaderId !== undefined, { message: 'Choose the leader this note is about', path: ['leaderId'] }),
    ['notes'],
  ),
  /** Autosave: called while the person types. */
  saveNote: mutation<{ id: number; updatedAt: string }>()(
    z.object({ noteId: id, body: z.string().max(NOTE_MAX_CHARS, `Keep this under ${NOTE_MAX_CHARS.toLocaleString('en-US')} characters`).optional(), evidenceKind: evidenceKind.optional() }),
    ['notes'],
  ),
  deleteNote: mutation<{ id: number }>()(z.object({ noteId: id }), ['notes', 'tags']),
  setNoteTags: mutation<Note>()(z.object({ noteId: id, tags: z.array(tagRef).max(100) }), ['tags']),
  /** The newest `limit` notes about a leader: a decade of them is thousands, and the page shows the newest first. */
  listLeaderNotes: query<LeaderNotes>()(z.object({
    leaderId: id,
    limit: z.number({ error: 'Choose how many notes to show' }).int().min(1).max(10_000).default(LEADER_NOTES_PAGE),
  })),
} as const;
