/** The domain's words, with the labels a supervisor reads. One place, used by schemas and screens. */

export const SCHOOL_LEVELS = ['elementary', 'middle', 'high', 'span'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];
export const SCHOOL_LEVEL_LABELS: Record<SchoolLevel, string> = {
  elementary: 'Elementary',
  middle: 'Middle',
  high: 'High',
  span: 'Span (K–8, 6–12, K–12)',
};

/** How much the school needs, for equity-based differentiation of support. */
export const NEED_TIERS = ['high', 'moderate', 'low'] as const;
export type NeedTier = (typeof NEED_TIERS)[number];
export const NEED_TIER_LABELS: Record<NeedTier, string> = {
  high: 'High need',
  moderate: 'Moderate need',
  low: 'Lower need',
};

export const LEADER_ROLES = ['principal', 'assistant_principal', 'aspiring'] as const;
export type LeaderRole = (typeof LEADER_ROLES)[number];
export const LEADER_ROLE_LABELS: Record<LeaderRole, string> = {
  principal: 'Principal',
  assistant_principal: 'Assistant principal',
  aspiring: 'Aspiring leader',
};

export const LEADER_STATUSES = ['active', 'left'] as const;
export type LeaderStatus = (typeof LEADER_STATUSES)[number];
export const LEADER_STATUS_LABELS: Record<LeaderStatus, string> = { active: 'Active', left: 'Left the role' };

/** Differentiated support: how often the supervisor is on site with this leader. */
export const SUPPORT_TIERS = ['intensive', 'targeted', 'standard'] as const;
export type SupportTier = (typeof SUPPORT_TIERS)[number];
export const SUPPORT_TIER_LABELS: Record<SupportTier, string> = {
  intensive: 'Intensive',
  targeted: 'Targeted',
  standard: 'Standard',
};
export const TIER_CADENCE_DAYS: Record<SupportTier, number> = { intensive: 7, targeted: 14, standard: 28 };
/** A leader's support tier when none is chosen: more of the supervisor's time at a high-need school. */
export const defaultSupportTier = (needTier: NeedTier | string | null | undefined): SupportTier => (needTier === 'high' ? 'targeted' : 'standard');

/**
 * Default visit cadence: the tier's, and one step more frequent for a leader new in role
 * (a novice on standard support is seen every two weeks, not every four).
 */
export function defaultCadenceDays(tier: SupportTier, newInRole: boolean): number {
  if (!newInRole) return TIER_CADENCE_DAYS[tier];
  const i = SUPPORT_TIERS.indexOf(tier);
  return TIER_CADENCE_DAYS[SUPPORT_TIERS[Math.max(0, i - 1)]];
}

/** The playbook's preferred caseload: five principals per supervisor. */
export const DEFAULT_TARGET_RATIO = 5;
export const DEFAULT_SCHOOL_YEAR_START_MONTH = 7;

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** School-site visits. */
export const VISIT_TYPES = [
  'side_by_side', 'walkthrough', 'meeting_observation', 'cta_checkin', 'evaluation_observation', 'retention_conversation', 'other',
] as const;
export type VisitType = (typeof VISIT_TYPES)[number];
export const VISIT_TYPE_LABELS: Record<VisitType, string> = {
  side_by_side: 'Side-by-side coaching',
  walkthrough: 'Classroom walkthrough',
  meeting_observation: 'ILT or team meeting observation',
  cta_checkin: 'CTA check-in',
  evaluation_observation: 'Evaluation observation',
  retention_conversation: 'Retention conversation',
  other: 'Other',
};

export const VISIT_STATUSES = ['planned', 'in_progress', 'done', 'cancelled', 'no_show'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const VISIT_STATUS_LABELS: Record<VisitStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

/** Coaching stays safe to be honest in: only evaluative evidence is offered to evaluations. */
export const EVIDENCE_KINDS = ['coaching', 'evaluative'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = { coaching: 'Coaching', evaluative: 'Evaluative evidence' };

export const ACTION_OWNERS = ['supervisor', 'leader'] as const;
export type ActionOwner = (typeof ACTION_OWNERS)[number];
export const ACTION_OWNER_LABELS: Record<ActionOwner, string> = { supervisor: 'Me', leader: 'The leader' };

export const ACTION_SOURCES = ['visit', 'checkin', 'evaluation', 'retention', 'other'] as const;
export type ActionSource = (typeof ACTION_SOURCES)[number];
/** Where a next step came from, as the Next steps screen's "From" filter says it. */
export const ACTION_SOURCE_LABELS: Record<ActionSource, string> = {
  visit: 'A visit',
  checkin: 'A CTA check-in',
  evaluation: 'An evaluation support plan',
  retention: 'A retention conversation',
  other: 'Added on its own',
};
/** Next steps by due date: past due (and still open), due in the coming week, or with no date. */
export const NEXT_STEP_DUE = ['any', 'overdue', 'week', 'none'] as const;
/** "Due in the next 7 days": from today to the same weekday next week, both days included. */
export const NEXT_STEP_WEEK_DAYS = 7;
export type NextStepDue = (typeof NEXT_STEP_DUE)[number];
export const NEXT_STEP_DUE_LABELS: Record<NextStepDue, string> = {
  any: 'Any due date',
  overdue: 'Overdue',
  week: 'Due in the next 7 days',
  none: 'No due date',
};
