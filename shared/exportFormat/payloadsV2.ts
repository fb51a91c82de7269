import { z } from 'zod';
import { GOAL_STATUSES } from '../cta/vocabulary';
import { CONVERSATION_KINDS, INTENTS, READINESS_LEVELS, RETENTION_FACTORS, RISK_LEVELS } from '../retention/vocabulary';
import { ACTION_OWNERS, LEADER_ROLES, NEED_TIERS, SCHOOL_LEVELS, SUPPORT_TIERS, VISIT_TYPES } from '../vocabulary';
import { clockTime, count, email, isoDate, isoDateTime, localId, sha256Hex, text } from './common';

/**
 * Each kind's payload in schema version 2. Strict: a field that is not listed here is refused, so
 * a new field means a new version. `id`s are the supervisor's own numbers for a record (the same in
 * every export from one Fieldbook data file, meaningless elsewhere); the district joins on leader
 * emails and school codes (docs/export-format.md).
 */
const version = z.literal(2);
export const CLOSED_VISIT_STATUSES = ['done', 'cancelled', 'no_show'] as const;
const title = z.string().min(1).max(300);

export const schoolRefV2 = z.strictObject({ id: localId, name: text, districtCode: z.string().max(100).nullable() });
export const leaderRefV2 = z.strictObject({ id: localId, name: text, email: email.nullable() });

const nextStep = z.strictObject({ description: text, owner: text, dueDate: isoDate.nullable(), done: z.boolean() });

export const ctaCheckinV2 = z.strictObject({
  schemaVersion: version,
  title,
  checkinUid: z.uuid(),
  school: schoolRefV2,
  schoolYear: z.string().max(20),
  quarter: z.number().int().min(1).max(4),
  date: isoDate,
  supervisor: text.nullable(),
  district: text.nullable(),
  attendees: z.array(z.strictObject({ name: text, role: text })),
  goals: z.array(z.strictObject({
    id: localId,
    title: text,
    focusArea: text,
    measure: text,
    baseline: text,
    benchmark: text,
    target: text,
    value: text,
    valueDate: isoDate.nullable(),
    valueSource: text,
    status: z.enum(GOAL_STATUSES).nullable(),
    working: text,
    barriers: text,
    reflection: text,
    adjustments: text,
    nextSteps: z.array(nextStep),
  })),
  otherNextSteps: z.array(nextStep),
  finalisedAt: isoDateTime,
  addenda: z.array(z.strictObject({ body: text, createdAt: isoDateTime })),
});

export const ctaCheckinAddendumV2 = z.strictObject({
  schemaVersion: version,
  title,
  /** The check-in it adds to: the record `cta_checkin:<installation id>:<checkinUid>`. */
  checkinUid: z.uuid(),
  body: text,
  createdAt: isoDateTime,
});

export const evaluationV2 = z.strictObject({
  schemaVersion: version,
  title,
  cycleId: localId,
  leader: leaderRefV2,
  school: schoolRefV2.nullable(),
  schoolYear: z.string().max(20),
  yearStart: isoDate,
  yearEnd: isoDate,
  framework: z.strictObject({ id: z.string().max(100), name: text }),
  /** The rating scale's labels, lowest first: a rating of 1 is scale[0]. */
  scale: z.array(text).min(2).max(7),
  stages: z.array(z.strictObject({ name: text, dueDate: isoDate, completedDate: isoDate.nullable() })),
  ratings: z.array(z.strictObject({ element: z.string().max(100), title: text, rating: z.number().int().min(1).max(7).nullable(), label: text.nullable() })),
  signedBy: text,
  signedAt: isoDateTime,
  acknowledgedBy: text,
  acknowledgedOn: isoDate,
  lockedAt: isoDateTime,
});

export const visitLogV2 = z.strictObject({
  schemaVersion: version,
  title,
  weekStart: isoDate,
  weekEnd: isoDate,
  totals: z.strictObject({ done: count, cancelled: count, noShow: count, hoursDone: z.number().min(0) }),
  visits: z.array(z.strictObject({
    id: localId,
    date: isoDate,
    startTime: clockTime,
    endTime: clockTime,
    type: z.enum(VISIT_TYPES),
    /** Only closed visits are in a log. */
    status: z.enum(CLOSED_VISIT_STATUSES),
    statusReason: text.nullable(),
    school: schoolRefV2,
    leaders: z.array(leaderRefV2),
    purpose: text,
    focus: text,
  })),
  /** The app's own check that something changed since the last revision; ignore it. */
  fingerprint: sha256Hex,
});

/**
 * The leader's evaluation cycle of the roster's school year, as far as it has gone: its stages with
 * their due dates and when each was done, and when it was signed and locked. No ratings or write-up:
 * those travel only in the locked evaluation. null: no cycle started this year. Added within version
 * 2: absent in rosters from a Fieldbook before it.
 */
export const rosterEvaluationV2 = z.strictObject({
  schoolYear: z.string().max(20),
  framework: text,
  stages: z.array(z.strictObject({ name: text, dueDate: isoDate, completedDate: isoDate.nullable() })).max(50),
  signedAt: isoDateTime.nullable(),
  lockedAt: isoDateTime.nullable(),
});

export const caseloadRosterV2 = z.strictObject({
  schemaVersion: version,
  title,
  date: isoDate,
  ratio: z.strictObject({ principals: count, assistantPrincipals: count, aspiring: count, target: z.number().int().min(1), overTarget: count }),
  leaders: z.array(z.strictObject({
    id: localId,
    name: text,
    email: email.nullable(),
    role: z.enum(LEADER_ROLES),
    roleLabel: text,
    roleStartDate: isoDate,
    school: z.strictObject({ id: localId, name: text, districtCode: z.string().max(100).nullable(), level: z.enum(SCHOOL_LEVELS), needTier: z.enum(NEED_TIERS) }).nullable(),
    supportTier: z.enum(SUPPORT_TIERS),
    supportTierLabel: text,
    cadenceDays: z.number().int().min(1).max(365),
    onCaseloadSince: isoDate,
    evaluation: rosterEvaluationV2.nullable().optional(),
  })),
  fingerprint: sha256Hex,
});

/**
 * The vacancy outlook as counts: schools on the caseload whose principal is judged high risk or
 * says they are leaving, by the readiness of the best successor named for the school. Counts only,
 * so it travels with either consent. Added within version 2: absent from earlier summaries.
 */
export const vacancyCountsV2 = z.strictObject({ schools: count, readyNow: count, readySoon: count, developingOnly: count, noSuccessor: count });

const retentionCounts = z.strictObject({
  leaders: count,
  byRisk: z.strictObject({ low: count, medium: count, high: count, notJudged: count }),
  byIntent: z.strictObject({ likely: count, unsure: count, unlikely: count, leaving: count, notAsked: count }),
  vacancy: vacancyCountsV2.optional(),
});

/**
 * Named consent only: for each school on the caseload, the aspiring leaders named as its possible
 * successors and how ready each is. Added within version 2: absent from earlier summaries.
 */
export const successionV2 = z.array(z.strictObject({
  school: z.strictObject({ name: text, districtCode: z.string().max(100).nullable() }),
  candidates: z.array(z.strictObject({ name: text, email: email.nullable(), readiness: z.enum(READINESS_LEVELS) })).max(100),
})).max(1000);

/** Counts only: exactly these fields, so nothing named can ride along. */
export const retentionCountsV2 = z.strictObject({
  title,
  schemaVersion: version,
  consent: z.literal('counts'),
  date: isoDate,
  schoolYear: z.string().max(20),
  counts: retentionCounts,
});

export const retentionNamedV2 = z.strictObject({
  title,
  schemaVersion: version,
  consent: z.literal('named'),
  date: isoDate,
  schoolYear: z.string().max(20),
  counts: retentionCounts,
  leaders: z.array(z.strictObject({
    id: localId,
    name: text,
    email: email.nullable(),
    role: z.enum(LEADER_ROLES),
    school: z.strictObject({ name: text, districtCode: z.string().max(100).nullable() }).nullable(),
    risk: z.strictObject({ level: z.enum(RISK_LEVELS), reason: text, date: isoDate }).nullable(),
    intent: z.enum(INTENTS).nullable(),
    conversations: z.array(z.strictObject({
      date: isoDate,
      kind: z.enum(CONVERSATION_KINDS),
      intent: z.enum(INTENTS).nullable(),
      factors: z.array(z.enum(RETENTION_FACTORS)),
      threats: text,
      wouldHelp: text,
      notes: text,
      followUpDate: isoDate.nullable(),
      followUpDoneDate: isoDate.nullable(),
      planOfSupport: z.array(z.strictObject({ description: text, owner: z.enum(ACTION_OWNERS), dueDate: isoDate.nullable(), doneDate: isoDate.nullable() })),
    })),
  })),
  succession: successionV2.optional(),
  fingerprint: sha256Hex,
});

export const retentionSnapshotV2 = z.discriminatedUnion('consent', [retentionCountsV2, retentionNamedV2]);

export const PAYLOADS_V2 = {
  cta_checkin: ctaCheckinV2,
  cta_checkin_addendum: ctaCheckinAddendumV2,
  evaluation: evaluationV2,
  visit_log: visitLogV2,
  caseload_roster: caseloadRosterV2,
  retention_snapshot: retentionSnapshotV2,
} as const;

export type CtaCheckinPayloadV2 = z.infer<typeof ctaCheckinV2>;
export type CtaCheckinAddendumPayloadV2 = z.infer<typeof ctaCheckinAddendumV2>;
export type EvaluationPayloadV2 = z.infer<typeof evaluationV2>;
export type VisitLogPayloadV2 = z.infer<typeof visitLogV2>;
export type CaseloadRosterPayloadV2 = z.infer<typeof caseloadRosterV2>;
export type RetentionNamedPayloadV2 = z.infer<typeof retentionNamedV2>;
export type RosterEvaluationV2 = z.infer<typeof rosterEvaluationV2>;
export type VacancyCountsV2 = z.infer<typeof vacancyCountsV2>;
