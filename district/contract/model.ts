import type { GoalStatus } from '../../shared/cta/vocabulary';
import type { Intent, Readiness, RiskLevel } from '../../shared/retention/vocabulary';
import type { LeaderRole, NeedTier, SchoolLevel, SupportTier } from '../../shared/vocabulary';

/** What the district's web view shows, as the server answers it. */

export type Role = 'chief' | 'supervisor' | 'analyst';

export interface Session {
  email: string;
  role: Role;
  /** A first sign-in with a one-time password: nothing else until it is changed. */
  mustChangePassword: boolean;
  /** Sent back in a header with every call (contract.ts CSRF_HEADER). */
  csrfToken: string;
  /** For a supervisor: whose exports are theirs (null until one with their email has arrived). */
  supervisor: { id: number; name: string } | null;
}

/** An analyst never sees a group of fewer than five leaders as a number. */
export const FEWER_THAN_5 = 'fewer than 5';
export const SMALL_GROUP = 5;
export type LeaderCount = number | typeof FEWER_THAN_5;

/** A share (0–1) of `of`, or how few there were to give one honestly. */
export type Share = { value: number; of: number } | { tooFew: number };
/** Fewer than this many in the base, and a rate is not given. */
export const MIN_BASE = 5;

export interface SchoolYearRef {
  start: string;
  end: string;
  label: string;
}

export interface SupervisorRef {
  id: number;
  name: string;
}

/** Where a figure comes from and how fresh it is. */
export interface Freshness {
  /** What the figure is built from, in words: "caseload rosters". */
  from: string;
  /** The newest export counted (its date), or null when there is none. */
  newestExport: string | null;
  /** The supervisors whose exports are counted, with the date of the newest counted. */
  included: (SupervisorRef & { newestExport: string })[];
  /** Supervisors in view with nothing of this kind for the year. */
  missing: SupervisorRef[];
  /** Only for the current school year: supervisors who have sent nothing at all for SILENT_DAYS or more. */
  silent: (SupervisorRef & { lastExport: string | null; days: number | null })[];
}
export const SILENT_DAYS = 14;

export interface PageFrame {
  year: SchoolYearRef;
  /** Every school year the district has exports for, newest first. */
  years: SchoolYearRef[];
  /** The day figures like "not visited within cadence" are judged on: today, or the year's last day. */
  asOf: string;
  /** The supervisors this viewer may filter by. */
  supervisors: SupervisorRef[];
  filter: { supervisorId: number | null; level: SchoolLevel | null; needTier: NeedTier | null };
  /** false for an analyst: nothing that names a leader is in the answer, and its CSV is refused. */
  named: boolean;
}

export interface SchoolRef {
  id: number;
  name: string;
  code: string | null;
}
export interface LeaderRef {
  leaderId: number;
  name: string;
}

/** A stored original file (a check-in's or an evaluation's PDF): its download address. */
export type FileLink = string | null;

// ---- Supervision capacity ------------------------------------------------------------------
export interface CaseloadRow {
  supervisor: SupervisorRef;
  asOf: string;
  principals: LeaderCount;
  assistantPrincipals: LeaderCount;
  aspiring: LeaderCount;
  target: number;
  /** Principals above the target on the whole caseload (0 when at or under). */
  overTarget: number;
}
export interface CapacityPage extends PageFrame {
  freshness: Freshness;
  district: { supervisors: number; principals: LeaderCount; perSupervisor: number | null; target: number | null; overTarget: number };
  caseloads: CaseloadRow[];
  /** Principals seen on an earlier roster whose school has no principal on any supervisor's latest roster. */
  unsupervisedCount: LeaderCount;
  unsupervised: (LeaderRef & { school: SchoolRef | null; lastSeen: string; lastSupervisor: SupervisorRef })[] | null;
}

// ---- Time in schools ------------------------------------------------------------------------
export interface WeekHours {
  weekStart: string;
  hours: number;
}
export interface TimeRow {
  supervisor: SupervisorRef;
  weeks: number;
  hours: number;
  hoursPerWeek: number | null;
  /** Hours of done visits with a principal present, of all hours of done visits. */
  withPrincipals: Share;
  done: number;
  cancelled: number;
  noShow: number;
  recent: WeekHours[];
}
export interface OverdueLeader extends LeaderRef {
  school: SchoolRef | null;
  supervisor: SupervisorRef;
  cadenceDays: number;
  lastVisit: string | null;
  daysSince: number;
}
export interface TimePage extends PageFrame {
  freshness: Freshness;
  district: { hoursPerWeek: number | null; withPrincipals: Share };
  rows: TimeRow[];
  weeks: { weekStart: string; supervisors: number; hours: number }[];
  cadenceFreshness: Freshness;
  onRosters: number;
  overdueCount: LeaderCount;
  overdueBySupervisor: { supervisor: SupervisorRef; onRoster: number; overdue: LeaderCount }[];
  overdue: OverdueLeader[] | null;
}

// ---- CTA ------------------------------------------------------------------------------------
export type GoalCounts = Record<GoalStatus | 'none', number>;
export interface QuarterSummary {
  quarter: 1 | 2 | 3 | 4;
  start: string;
  end: string;
  /** The quarter has ended by asOf: a school without a check-in missed it. */
  over: boolean;
  expected: number;
  onTime: number;
  late: number;
  notHeld: number;
  /** null while the quarter is still running. */
  onTimeShare: Share | null;
  goals: GoalCounts;
}
export interface CheckinCell {
  packageId: number;
  heldOn: string;
  onTime: boolean;
  pdf: FileLink;
  goals: GoalCounts;
}
export interface CtaGoalRow {
  title: string;
  focusArea: string | null;
  statuses: (GoalStatus | 'none' | null)[];
}
export interface CtaSchoolRow {
  school: SchoolRef & { level: SchoolLevel | null; needTier: NeedTier | null };
  supervisor: SupervisorRef | null;
  quarters: (CheckinCell | null)[];
  goals: CtaGoalRow[];
}
export interface OffTrackGoal {
  school: SchoolRef;
  supervisor: SupervisorRef | null;
  title: string;
  quarters: number[];
}
export interface CtaPage extends PageFrame {
  freshness: Freshness;
  quarters: QuarterSummary[];
  offTrackTwiceCount: number;
  offTrackTwice: OffTrackGoal[] | null;
  schools: CtaSchoolRow[] | null;
}

// ---- Evaluations ----------------------------------------------------------------------------
export interface StageCount {
  stage: string;
  count: LeaderCount;
}
export interface EvaluationSupervisorRow {
  supervisor: SupervisorRef;
  leaders: LeaderCount;
  notStarted: LeaderCount;
  byStage: StageCount[];
  allStagesDone: LeaderCount;
  locked: LeaderCount;
  late: LeaderCount;
}
export interface LateStage extends LeaderRef {
  school: SchoolRef | null;
  supervisor: SupervisorRef;
  stage: string;
  dueDate: string;
  daysLate: number;
}
export interface LockedWriteUp extends LeaderRef {
  school: SchoolRef | null;
  supervisor: SupervisorRef;
  lockedAt: string;
  signedBy: string | null;
  lock: number;
  pdf: FileLink;
}
export interface RatingElement {
  element: string;
  title: string;
  counts: { rating: number; label: string; count: LeaderCount }[];
  notRated: LeaderCount;
  rated: LeaderCount;
}
export interface EvaluationsPage extends PageFrame {
  stagesFreshness: Freshness;
  lockedFreshness: Freshness;
  stageNames: string[];
  /** Supervisors whose newest roster came from a Fieldbook that does not send evaluation stages: their cycles count as not started. */
  rostersWithoutStages: SupervisorRef[];
  bySupervisor: EvaluationSupervisorRow[];
  lateCount: LeaderCount;
  late: LateStage[] | null;
  lockedCount: LeaderCount;
  locked: LockedWriteUp[] | null;
  ratings: { framework: string; evaluations: LeaderCount; elements: RatingElement[] }[];
}

// ---- Retention and succession ---------------------------------------------------------------
export type RiskCounts = Record<RiskLevel | 'notJudged', LeaderCount>;
export type IntentCounts = Record<Intent | 'notAsked', LeaderCount>;
export interface RetentionCountsRow {
  supervisor: SupervisorRef;
  consent: 'counts' | 'named';
  asOf: string;
  leaders: LeaderCount;
  byRisk: RiskCounts;
  byIntent: IntentCounts;
}
export interface NamedRetention extends LeaderRef {
  role: LeaderRole;
  school: SchoolRef | null;
  supervisor: SupervisorRef;
  asOf: string;
  risk: RiskLevel | null;
  riskReason: string | null;
  riskDate: string | null;
  intent: Intent | null;
  lastConversation: string | null;
  followUpDue: string | null;
}
export interface Successor {
  leaderId: number | null;
  name: string;
  readiness: Readiness;
}
export interface VacancyRow {
  school: SchoolRef;
  principal: LeaderRef;
  supervisor: SupervisorRef;
  risk: RiskLevel | null;
  intent: Intent | null;
  successors: Successor[];
}
export interface VacancyCounts {
  /** Schools whose principal is judged high risk or leaving. */
  schools: LeaderCount;
  readyNow: LeaderCount;
  readySoon: LeaderCount;
  developingOnly: LeaderCount;
  noSuccessor: LeaderCount;
  /** Summaries that carried these counts (a Fieldbook from before them sends none). */
  withCounts: number;
}
export interface RetentionPage extends PageFrame {
  freshness: Freshness;
  district: Omit<RetentionCountsRow, 'supervisor' | 'consent' | 'asOf'> & { named: number; countsOnly: number };
  bySupervisor: RetentionCountsRow[];
  /** The named records of the supervisors who consented to send them; the rest sent counts only. */
  records: NamedRetention[] | null;
  vacancyCounts: VacancyCounts;
  vacancy: VacancyRow[] | null;
}

// ---- Leaders ---------------------------------------------------------------------------------
export interface LeaderSearch {
  leaders: (LeaderRef & { role: LeaderRole | null; school: SchoolRef | null })[];
  /** More matched than are listed: narrow the search. */
  more: boolean;
}
export interface Placement {
  supervisor: SupervisorRef;
  asOf: string;
  school: SchoolRef | null;
  role: LeaderRole;
  supportTier: SupportTier;
  cadenceDays: number;
}
export interface LeaderEvaluation {
  supervisor: SupervisorRef;
  stages: { name: string; dueDate: string; completedOn: string | null }[];
  lockedAt: string | null;
  signedBy: string | null;
  ratings: { element: string; title: string; rating: number | null; label: string | null }[];
  pdf: FileLink;
}
export interface LeaderYear {
  year: SchoolYearRef;
  placements: Placement[];
  visits: { supervisor: SupervisorRef; done: number; lastVisit: string | null }[];
  ctaGoals: { school: SchoolRef; quarter: number; title: string; status: GoalStatus | null; pdf: FileLink }[];
  evaluations: LeaderEvaluation[];
  retention: { supervisor: SupervisorRef; asOf: string; risk: RiskLevel | null; riskReason: string | null; intent: Intent | null; conversations: number }[];
}
export interface LeaderRecord {
  leader: LeaderRef & { email: string | null; role: LeaderRole | null; school: SchoolRef | null };
  /** 'own': a supervisor sees only what their own exports hold about this leader. */
  scope: 'all' | 'own';
  years: LeaderYear[];
}
