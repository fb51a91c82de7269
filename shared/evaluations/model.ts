import type { LinkedCtaGoal } from '../cta/model';
import type { TemplateStage, WriteUpSection } from './vocabulary';
import type { ActionOwner, EvidenceKind } from '../vocabulary';

/** What the evaluation calls return. Dates are ISO yyyy-MM-dd; times are ISO timestamps. */

export interface EvaluationTemplate {
  stages: TemplateStage[];
  /** Rating labels, lowest first: rating n is scale[n - 1]. */
  scale: string[];
  frameworkId: string;
}

export type CycleStatus = 'open' | 'signed' | 'acknowledged' | 'locked';

export interface CycleSummary {
  id: number;
  leaderId: number;
  leaderName: string;
  schoolName: string | null;
  yearLabel: string;
  frameworkName: string;
  status: CycleStatus;
  stagesDone: number;
  stagesTotal: number;
  /** The first stage not yet complete (none once the cycle is locked: it is complete). */
  nextStage: { name: string; dueDate: string; late: boolean } | null;
}

export interface EvaluationList {
  schoolYear: { label: string; start: string; end: string };
  cycles: CycleSummary[];
  /** Caseload leaders with no cycle this school year yet. */
  withoutCycle: { leaderId: number; leaderName: string }[];
}

export interface EvaluationStage {
  id: number;
  position: number;
  name: string;
  dueDate: string;
  completedDate: string | null;
  /** Not marked complete, but the cycle is locked: a locked cycle is complete, every stage with it. */
  completeWithLock: boolean;
  late: boolean;
}

export interface SupportAction {
  id: number;
  description: string;
  owner: ActionOwner;
  dueDate: string | null;
  doneDate: string | null;
}

export interface EvaluationEntry {
  id: number;
  kind: 'goal' | 'style' | 'strength' | 'growth_area';
  title: string;
  detail: string;
  measure: string;
  target: string;
  /** A goal's "by when". */
  byDate: string | null;
  /** The school's CTA goal this goal serves, with its newest status. */
  ctaGoal: LinkedCtaGoal | null;
  progress: { id: number; date: string; note: string }[];
  actions: SupportAction[];
}

export interface RatingEvidence {
  id: number;
  source: 'note' | 'visit';
  sourceId: number | null;
  /** Where the source opens: a visit, or the leader's page for a note about them. */
  href: string | null;
  date: string;
  label: string;
  quote: string;
  coachingIncluded: boolean;
}

export interface RubricRow {
  id: number;
  elementId: string;
  title: string;
  rating: number | null;
  rationale: string;
  evidence: RatingEvidence[];
}

export interface Addendum {
  id: number;
  date: string;
  body: string;
  author: string;
  createdAt: string;
}

export interface EvaluationDetail {
  id: number;
  leader: { id: number; name: string; schoolName: string | null };
  yearLabel: string;
  yearStart: string;
  yearEnd: string;
  frameworkId: string;
  frameworkName: string;
  scale: string[];
  status: CycleStatus;
  stages: EvaluationStage[];
  entries: EvaluationEntry[];
  /** The CTA goals of the leader's school for the cycle's year: what a goal can be linked to. */
  ctaGoals: LinkedCtaGoal[];
  rubric: RubricRow[];
  writeUp: Record<WriteUpSection, string>;
  signature: { name: string; at: string } | null;
  acknowledgement: { name: string; date: string; comment: string; recordedAt: string } | null;
  lockedAt: string | null;
  addenda: Addendum[];
  revision: number;
}

/** A note or visit offered as evidence for a rubric row. */
export interface EvidenceItem {
  source: 'note' | 'visit';
  id: number;
  date: string;
  kind: EvidenceKind;
  label: string;
  excerpt: string;
  href: string;
}

export interface RubricEvidence {
  elementId: string;
  items: EvidenceItem[];
}

export interface EvaluationDeadline {
  cycleId: number;
  leaderId: number;
  leaderName: string;
  stageName: string;
  dueDate: string;
  late: boolean;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  changes: Record<string, unknown>;
}

export type WriteUpOutline = Record<WriteUpSection, string>;
