import { z } from 'zod';
import { GOAL_STATUSES } from '../cta/vocabulary';
import { INTENTS, RISK_LEVELS } from '../retention/vocabulary';
import { LEADER_ROLES, SUPPORT_TIERS, VISIT_STATUSES, VISIT_TYPES } from '../vocabulary';
import { count, isoDate, isoDateTime, localId, text } from './common';
import { retentionCountsV2 } from './payloadsV2';

/**
 * Each kind's payload as Fieldbook wrote it in schema version 1 (before installation ids). Loose:
 * what the district reads is required, anything else is kept in the raw package and ignored.
 * Version 1 had no leader emails in evaluations and visit logs, so the district joins those by
 * the leader's name and school name.
 */
const nextStep = z.looseObject({ description: text, owner: text, dueDate: isoDate.nullable(), done: z.boolean() });

export const ctaCheckinV1 = z.looseObject({
  checkinUid: z.string().min(1).max(100),
  school: z.looseObject({ name: text, districtCode: z.string().max(100).nullable().optional() }),
  schoolYear: z.string().max(20),
  quarter: z.number().int().min(1).max(4),
  date: isoDate,
  attendees: z.array(z.looseObject({ name: text, role: text })).optional(),
  goals: z.array(z.looseObject({
    title: text,
    focusArea: text.optional(),
    measure: text.optional(),
    baseline: text.optional(),
    benchmark: text.optional(),
    target: text.optional(),
    value: text.optional(),
    valueDate: isoDate.nullable().optional(),
    status: z.enum(GOAL_STATUSES).nullable(),
    nextSteps: z.array(nextStep).optional(),
  })),
  finalisedAt: isoDateTime.nullable(),
});

export const ctaCheckinAddendumV1 = z.looseObject({ checkinUid: z.string().min(1).max(100), body: text, createdAt: isoDateTime });

export const evaluationV1 = z.looseObject({
  cycleId: localId,
  leader: text,
  school: text.nullable(),
  schoolYear: z.string().max(20),
  framework: text,
  ratings: z.array(z.looseObject({ element: z.string().max(100), title: text, rating: z.number().int().min(1).max(7).nullable(), label: text.nullable() })),
  signedBy: text.optional(),
  acknowledgedBy: text.optional(),
  lockedAt: isoDateTime,
});

const ref = z.looseObject({ id: localId, name: text });

export const visitLogV1 = z.looseObject({
  weekStart: isoDate,
  weekEnd: isoDate,
  totals: z.looseObject({ done: count, cancelled: count, noShow: count, hoursDone: z.number().min(0) }),
  visits: z.array(z.looseObject({
    id: localId,
    date: isoDate,
    startTime: z.string().max(10),
    endTime: z.string().max(10),
    type: z.enum(VISIT_TYPES),
    status: z.enum(VISIT_STATUSES),
    statusReason: text.nullable(),
    school: ref,
    leaders: z.array(ref),
    purpose: text,
    focus: text,
  })),
});

export const caseloadRosterV1 = z.looseObject({
  date: isoDate,
  ratio: z.looseObject({ principals: count, assistantPrincipals: count, aspiring: count, target: z.number().int().min(1), overTarget: count }),
  leaders: z.array(z.looseObject({
    id: localId,
    name: text,
    email: z.string().max(320).nullable(),
    role: z.enum(LEADER_ROLES),
    roleStartDate: isoDate,
    school: z.looseObject({ name: text, districtCode: z.string().max(100).nullable(), level: z.string().max(40), needTier: z.string().max(40) }).nullable(),
    supportTier: z.enum(SUPPORT_TIERS),
    cadenceDays: z.number().int().min(1).max(365),
    onCaseloadSince: isoDate,
  })),
});

/** Counts only: as strict as in version 2 (apart from the version), so nothing named rides along. */
export const retentionCountsV1 = retentionCountsV2.extend({ schemaVersion: z.literal(1) });

export const retentionNamedV1 = z.looseObject({
  consent: z.literal('named'),
  date: isoDate,
  schoolYear: z.string().max(20),
  counts: retentionCountsV2.shape.counts,
  leaders: z.array(z.looseObject({
    name: text,
    email: z.string().max(320).nullable(),
    role: z.enum(LEADER_ROLES),
    school: z.looseObject({ name: text, districtCode: z.string().max(100).nullable() }).nullable(),
    risk: z.looseObject({ level: z.enum(RISK_LEVELS), reason: text, date: isoDate }).nullable(),
    intent: z.enum(INTENTS).nullable(),
    conversations: z.array(z.looseObject({ date: isoDate })),
  })),
});

export const retentionSnapshotV1 = z.discriminatedUnion('consent', [retentionCountsV1, retentionNamedV1]);

export const PAYLOADS_V1 = {
  cta_checkin: ctaCheckinV1,
  cta_checkin_addendum: ctaCheckinAddendumV1,
  evaluation: evaluationV1,
  visit_log: visitLogV1,
  caseload_roster: caseloadRosterV1,
  retention_snapshot: retentionSnapshotV1,
} as const;
