import type { CtaFocusArea, CtaStage, GoalDirection, GoalStatus, MeasureType, Quarter } from './vocabulary';
import type { SchoolYear } from '../schoolYear';

/** A CTA goal as another record links to it (an evaluation goal): its title and newest status. */
export interface LinkedCtaGoal {
  id: number;
  title: string;
  latestStatus: GoalStatus | null;
}

export interface CtaAction {
  id: number;
  description: string;
  owner: string;
  timeline: string;
}

export interface CtaGoal {
  id: number;
  position: number;
  title: string;
  focusArea: CtaFocusArea;
  measure: string;
  measureType: MeasureType;
  unit: string;
  direction: GoalDirection;
  dataSource: string;
  baseline: string | null;
  benchmark: string | null;
  target: string | null;
  actions: CtaAction[];
}

/** One goal's year so far: what each quarter's check-in recorded. */
export interface GoalPoint {
  quarter: Quarter;
  checkinId: number;
  date: string;
  value: string | null;
  valueDate: string | null;
  status: GoalStatus | null;
  finalised: boolean;
}

export interface CtaGoalWithHistory extends CtaGoal {
  history: GoalPoint[];
  /** The newest status recorded for the goal this year, if any. */
  latestStatus: GoalStatus | null;
}

export interface CtaCheckInSummaryRow {
  id: number;
  quarter: Quarter;
  date: string;
  finalisedAt: string | null;
}

export interface CtaPlan {
  id: number;
  school: { id: number; name: string };
  schoolYear: SchoolYear;
  stage: CtaStage;
  /** Where the CTA rhythm says the plan should be by now (null once its year is over). */
  expectedStage: CtaStage | null;
  copiedFrom: { id: number; schoolYear: SchoolYear } | null;
  goals: CtaGoalWithHistory[];
  checkIns: CtaCheckInSummaryRow[];
  /** Whether next school year already has a plan (so "copy into next year" is offered only once). */
  nextYearPlanId: number | null;
}

export interface CtaAttendee {
  name: string;
  role: string;
}

export interface CtaNextStep {
  id: number;
  goalId: number | null;
  description: string;
  owner: string;
  dueDate: string | null;
  doneDate: string | null;
  /** Carried forward from an earlier check-in, where it was agreed. */
  carriedFrom: { quarter: Quarter; date: string } | null;
}

export interface CtaGoalUpdate {
  goalId: number;
  value: string | null;
  valueDate: string | null;
  valueSource: string;
  status: GoalStatus | null;
  working: string;
  barriers: string;
  reflection: string;
  adjustments: string;
}

export interface CtaAddendum {
  id: number;
  body: string;
  createdAt: string;
}

export interface CtaCheckIn {
  id: number;
  uid: string;
  planId: number;
  school: { id: number; name: string };
  schoolYear: SchoolYear;
  quarter: Quarter;
  date: string;
  finalisedAt: string | null;
  attendees: CtaAttendee[];
  goals: CtaGoal[];
  updates: CtaGoalUpdate[];
  /** Per goal, what the check-in before this one recorded (carried forward for comparison). */
  previous: { goalId: number; quarter: Quarter; value: string | null; status: GoalStatus | null }[];
  nextSteps: CtaNextStep[];
  addenda: CtaAddendum[];
}

/** The one-page summary: what the print view, the PDF and the district export all show. */
export interface CtaCheckInSummary {
  schemaVersion: 1;
  checkinUid: string;
  school: { name: string; districtCode: string | null };
  schoolYear: string;
  quarter: Quarter;
  date: string;
  supervisor: string | null;
  district: string | null;
  attendees: CtaAttendee[];
  goals: {
    title: string;
    focusArea: string;
    measure: string;
    baseline: string;
    benchmark: string;
    target: string;
    value: string;
    valueDate: string | null;
    valueSource: string;
    status: GoalStatus | null;
    working: string;
    barriers: string;
    reflection: string;
    adjustments: string;
    nextSteps: { description: string; owner: string; dueDate: string | null; done: boolean }[];
  }[];
  /** Next steps not tied to one goal. */
  otherNextSteps: { description: string; owner: string; dueDate: string | null; done: boolean }[];
  finalisedAt: string | null;
  addenda: { body: string; createdAt: string }[];
}

/** The summary as the screen shows it: with the local school, for the way back to its plan. */
export type CtaCheckInSummaryView = CtaCheckInSummary & { schoolId: number };

/** One school on the CTA overview and the dashboard. */
export interface CtaSchoolGlance {
  school: { id: number; name: string };
  planId: number | null;
  stage: CtaStage | null;
  goals: LinkedCtaGoal[];
  /** This quarter's check-in: not held yet (due), opened, or finalised. */
  thisQuarter: { quarter: Quarter; state: 'due' | 'open' | 'final'; checkinId: number | null };
}

export interface CtaOverview {
  schoolYear: SchoolYear;
  quarter: Quarter;
  quarterRange: { start: string; end: string };
  schools: CtaSchoolGlance[];
}
