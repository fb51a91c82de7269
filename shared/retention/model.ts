import type { ActionOwner, LeaderRole, NeedTier } from '../vocabulary';
import type { ConversationKind, Intent, Readiness, RetentionConsent, RetentionFactor, RiskLevel, SignalKind } from './vocabulary';

export interface RetentionAction {
  id: number;
  description: string;
  owner: ActionOwner;
  dueDate: string | null;
  doneDate: string | null;
  overdue: boolean;
}

export interface RetentionConversation {
  id: number;
  leaderId: number;
  leaderName: string;
  date: string;
  kind: ConversationKind;
  intent: Intent | null;
  factors: RetentionFactor[];
  threats: string;
  wouldHelp: string;
  notes: string;
  followUpDate: string | null;
  followUpDoneDate: string | null;
  /** The plan of support. */
  actions: RetentionAction[];
  createdAt: string;
  updatedAt: string;
}

export interface RiskJudgement {
  id: number;
  level: RiskLevel;
  reason: string;
  date: string;
  conversationId: number | null;
}

export interface RetentionSignal {
  kind: SignalKind;
  /** Why the signal is there, in a sentence. */
  explanation: string;
}

export interface FollowUp {
  conversationId: number;
  leaderId: number;
  leaderName: string;
  date: string;
  overdue: boolean;
}

export interface RetentionRow {
  leaderId: number;
  leaderName: string;
  role: LeaderRole;
  school: { id: number; name: string; needTier: NeedTier } | null;
  risk: RiskJudgement | null;
  latestIntent: Intent | null;
  lastConversation: { id: number; date: string } | null;
  openFollowUp: FollowUp | null;
  signals: RetentionSignal[];
}

export interface SuccessionCandidate {
  id: number;
  schoolId: number;
  leaderId: number;
  leaderName: string;
  /** Where the aspiring leader is now. */
  currentSchool: string | null;
  readiness: Readiness;
  note: string;
  updatedAt: string;
}

export interface SchoolSuccession {
  school: { id: number; name: string; needTier: NeedTier };
  /** The school's principals on the caseload, with their current risk. */
  principals: { leaderId: number; name: string; risk: RiskLevel | null }[];
  candidates: SuccessionCandidate[];
}

export interface RetentionOverview {
  today: string;
  schoolYear: { label: string; start: string; end: string };
  /** Principals and assistant principals on the caseload: high risk first, then medium, not yet judged, low. */
  caseload: RetentionRow[];
  /** Open follow-ups, earliest first. */
  followUps: FollowUp[];
  /** On the caseload with no conversation dated in this school year. */
  noConversationThisYear: { leaderId: number; leaderName: string; schoolName: string | null }[];
  succession: SchoolSuccession[];
  /** Aspiring leaders in Fieldbook, to name as possible successors. */
  aspiringLeaders: { leaderId: number; name: string; schoolName: string | null }[];
  /** Where a retention summary could go, and what each target may receive. */
  targets: { id: number; name: string; enabled: boolean; consent: RetentionConsent }[];
}

export interface LeaderRetention {
  leaderId: number;
  leaderName: string;
  onCaseload: boolean;
  risk: RiskJudgement | null;
  /** Newest first. */
  riskHistory: RiskJudgement[];
  /** Newest first. */
  conversations: RetentionConversation[];
  signals: RetentionSignal[];
  openFollowUp: FollowUp | null;
}
