/** Retention vocabulary: conversation kinds, intent to stay, factors, risk, succession readiness, export consent. */
export const CONVERSATION_KINDS = ['stay', 'check_in', 'exit'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];
export const CONVERSATION_KIND_LABELS: Record<ConversationKind, string> = {
  stay: 'Stay conversation',
  check_in: 'Check-in',
  exit: 'Exit conversation',
};

/** Intent to stay next school year, most to least likely. */
export const INTENTS = ['likely', 'unsure', 'unlikely', 'leaving'] as const;
export type Intent = (typeof INTENTS)[number];
export const INTENT_LABELS: Record<Intent, string> = {
  likely: 'Likely to stay',
  unsure: 'Unsure',
  unlikely: 'Unlikely to stay',
  leaving: 'Leaving',
};
/** Intents that should prompt a conversation. */
export const INTENT_NEEDS_TALK: readonly Intent[] = ['unsure', 'unlikely', 'leaving'];

export const RETENTION_FACTORS = ['workload', 'compensation', 'family', 'career_growth', 'school_context', 'district_support', 'other'] as const;
export type RetentionFactor = (typeof RETENTION_FACTORS)[number];
export const RETENTION_FACTOR_LABELS: Record<RetentionFactor, string> = {
  workload: 'Workload and time',
  compensation: 'Compensation',
  family: 'Family and personal',
  career_growth: 'Career growth',
  school_context: 'School context and climate',
  district_support: 'District support and supervision',
  other: 'Other',
};

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { low: 'Low', medium: 'Medium', high: 'High' };

export const READINESS_LEVELS = ['ready_now', 'ready_soon', 'developing'] as const;
export type Readiness = (typeof READINESS_LEVELS)[number];
export const READINESS_LABELS: Record<Readiness, string> = {
  ready_now: 'Ready now',
  ready_soon: 'Ready in 1–2 years',
  developing: 'Developing',
};

/** What of retention an export target receives. Nothing unless the supervisor chooses. */
export const RETENTION_CONSENTS = ['none', 'counts', 'named'] as const;
export type RetentionConsent = (typeof RETENTION_CONSENTS)[number];
export const RETENTION_CONSENT_LABELS: Record<RetentionConsent, string> = {
  none: 'Nothing: retention stays on this computer',
  counts: 'Counts only: by risk level and intent, no names',
  named: 'Named records: each leader’s conversations, risk and plan',
};
export const RETENTION_CONSENT_SHORT: Record<RetentionConsent, string> = {
  none: 'Retention records: never sent here',
  counts: 'Retention records: counts only, no names',
  named: 'Retention records: named records',
};

export const RETENTION_EXPORT_KIND = 'retention_snapshot';

/** Signals that should prompt a conversation: each explained, never a rating. */
export const SIGNAL_KINDS = ['new_in_role', 'high_need', 'intent', 'follow_up_overdue', 'no_visit', 'cta_off_track'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];
export const SIGNAL_LABELS: Record<SignalKind, string> = {
  new_in_role: 'New in role',
  high_need: 'High-need school',
  intent: 'Intent to stay',
  follow_up_overdue: 'Follow-up overdue',
  no_visit: 'No recent visit',
  cta_off_track: 'CTA goal off track',
};
