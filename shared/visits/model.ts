import type { ActionOwner, EvidenceKind, LeaderRole, VisitStatus, VisitType, ActionSource } from '../vocabulary';

export interface TagRef {
  frameworkId: string;
  elementId: string;
  /** The element's title, for display. */
  title: string;
}

export interface VisitSummary {
  id: number;
  date: string;
  startTime: string;
  endTime: string;
  type: VisitType;
  status: VisitStatus;
  statusReason: string | null;
  evidenceKind: EvidenceKind;
  purpose: string;
  focus: string;
  school: { id: number; name: string };
  leaders: { id: number; name: string }[];
}

export interface Note {
  id: number;
  visitId: number | null;
  leaderId: number | null;
  body: string;
  evidenceKind: EvidenceKind;
  createdAt: string;
  updatedAt: string;
  tags: TagRef[];
}

/** A note with where it came from, for a leader's page. */
export interface NoteWithContext extends Note {
  visit: { id: number; date: string; type: VisitType; schoolName: string } | null;
}

/** The newest of a leader's notes, and how many there are in all. */
export interface LeaderNotes {
  notes: NoteWithContext[];
  total: number;
}

export interface VisitNextStep {
  id: number;
  leaderId: number;
  leaderName: string;
  description: string;
  owner: ActionOwner;
  dueDate: string | null;
  doneDate: string | null;
}

export interface VisitDetail extends VisitSummary {
  evidence: string;
  startedAt: string | null;
  finishedAt: string | null;
  tags: TagRef[];
  notes: Note[];
  nextSteps: VisitNextStep[];
}




/** What the cadence, dashboard, next-steps and time-use calls return. Dates are ISO yyyy-MM-dd. */

/** One leader on the caseload against their visit cadence. */
export interface LeaderCadence {
  leaderId: number;
  leaderName: string;
  role: LeaderRole;
  schoolName: string | null;
  cadenceDays: number;
  /** When they joined the caseload (the current assignment's start). */
  onCaseloadSince: string;
  /** The latest done visit with this leader, on or before today; null if never visited. */
  lastVisit: string | null;
  /** lastVisit + cadence; never visited: the day they joined the caseload + cadence. */
  nextDue: string;
  /** Days today is past nextDue; 0 when not overdue. */
  overdueDays: number;
}

export interface VisitStripMonth {
  /** First day of the month, yyyy-MM-01. */
  month: string;
  /** "Sep 2026" style label is the renderer's job; this is the month's number, 1–12. */
  monthNumber: number;
  done: number;
  planned: number;
  /**
   * Whether the leader was never past due during the month (up to today): true / false;
   * null for months still ahead, or when they were not on the caseload in that month.
   */
  metCadence: boolean | null;
  /** The month containing today: its verdict is "so far". */
  current: boolean;
}

export interface VisitStrip {
  leaderId: number;
  schoolYear: { label: string; start: string; end: string };
  /** null when the leader is not on the caseload now. */
  cadenceDays: number | null;
  months: VisitStripMonth[];
}

export interface HeatmapRow {
  leaderId: number;
  leaderName: string;
  schoolName: string | null;
  /** Per month of the school year, in order: done visits and hours on site with this leader. */
  cells: { month: string; visits: number; hours: number }[];
  totalVisits: number;
  totalHours: number;
}

export interface CaseloadHeatmap {
  schoolYear: { label: string; start: string; end: string };
  /** First day of each month of the school year, in order. */
  months: string[];
  rows: HeatmapRow[];
  /** The largest cell count, to scale shading. */
  maxVisits: number;
}

export interface TimeUseByType {
  type: VisitType;
  visits: number;
  hours: number;
  /** Share of all logged hours in the range, 0–1. */
  share: number;
}

export interface TimeUse {
  from: string;
  to: string;
  /** Done visits in the range and the hours logged in them (end - start). */
  visits: number;
  hours: number;
  /** Hours in visits with at least one principal present, and their share of all hours (0–1; 0 when no hours). */
  hoursWithPrincipals: number;
  shareWithPrincipals: number;
  byType: TimeUseByType[];
}

export interface NextStep {
  id: number;
  leaderId: number;
  leaderName: string;
  schoolName: string | null;
  description: string;
  owner: ActionOwner;
  dueDate: string | null;
  doneDate: string | null;
  source: ActionSource;
  /** The visit it came from, if any. */
  visit: { id: number; date: string } | null;
  /** Open and due before today. */
  overdue: boolean;
  createdAt: string;
}

/** A page of a filtered next-step list and how many match in all. */
export interface NextStepPage {
  steps: NextStep[];
  /** Row number of the first step in the whole filtered list (0-based). */
  offset: number;
  total: number;
  /** How many of the `total` are overdue. */
  overdue: number;
}

export interface Dashboard {
  today: string;
  /** Monday to Sunday of the week containing today. */
  week: { start: string; end: string };
  /** Planned or in-progress visits today, by start time: the first DASHBOARD_VISITS (counts.visitsToday says how many). */
  todayVisits: VisitSummary[];
  /** Planned or in-progress visits on the other days of this week, by date and time: the first DASHBOARD_VISITS. */
  weekVisits: VisitSummary[];
  /** Leaders past their cadence, most overdue first. */
  overdueLeaders: LeaderCadence[];
  /** Open next steps past their due date, oldest due first: the first ten (counts.overdueNextSteps says how many in all). */
  overdueNextSteps: NextStep[];
  counts: { visitsToday: number; visitsThisWeek: number; overdueLeaders: number; overdueNextSteps: number; openNextSteps: number };
}

export interface NextStepLeader {
  id: number;
  name: string;
  /** No longer in their role in the district (their steps stay). */
  left: boolean;
}



/** A piece of a search snippet: the screen marks `hit` pieces (as <mark>), always as text, never HTML. */
export interface SnippetSegment {
  text: string;
  hit: boolean;
}

export interface SearchResult {
  kind: 'note' | 'visit';
  noteId: number | null;
  visitId: number | null;
  /** ISO date: the visit's date, or the day a note on a leader was written. */
  date: string;
  visitType: VisitType | null;
  evidenceKind: EvidenceKind;
  schoolId: number | null;
  schoolName: string | null;
  leaders: { id: number; name: string }[];
  snippet: SnippetSegment[];
  /** Where the source opens: '#/visits/<id>' for a visit or a note on one, '#/leaders/<id>' for a note on a leader. */
  route: string;
}

export interface SearchResults {
  results: SearchResult[];
  /** More matched than the limit: the best ones are shown. */
  more: boolean;
}

export interface CalendarFile {
  filename: string;
  ics: string;
  /** How many planned visits it holds. */
  events: number;
  /** How many visits sent in an earlier export it cancels. */
  cancelled: number;
  /** The zone its times are in (America/Chicago). */
  timeZone: string;
}
