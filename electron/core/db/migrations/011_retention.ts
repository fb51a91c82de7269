/**
 * Retention: conversations about staying (factors discussed, threats to sustainability, what would
 * help, intent, a follow-up), the supervisor's risk judgement with its history, possible successors
 * per school, and per export target what of all this may leave (nothing unless chosen).
 */
export default `
CREATE TABLE retention_conversations (
  id INTEGER PRIMARY KEY,
  leader_id INTEGER NOT NULL REFERENCES leaders(id),
  date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('stay', 'check_in', 'exit')),
  intent TEXT CHECK (intent IN ('likely', 'unsure', 'unlikely', 'leaving')),
  threats TEXT NOT NULL DEFAULT '',
  would_help TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  follow_up_date TEXT CHECK (follow_up_date IS NULL OR follow_up_date >= date),
  -- When the follow-up happened (marked, or a later conversation held).
  follow_up_done_date TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX retention_conversations_leader ON retention_conversations(leader_id, date);
CREATE INDEX retention_follow_ups_open ON retention_conversations(follow_up_date) WHERE follow_up_date IS NOT NULL AND follow_up_done_date IS NULL;

CREATE TABLE retention_factors (
  conversation_id INTEGER NOT NULL REFERENCES retention_conversations(id) ON DELETE CASCADE,
  factor TEXT NOT NULL CHECK (factor IN ('workload', 'compensation', 'family', 'career_growth', 'school_context', 'district_support', 'other')),
  PRIMARY KEY (conversation_id, factor)
) WITHOUT ROWID;

-- The supervisor's judgement, never computed: the newest row is the current one.
CREATE TABLE retention_risk (
  id INTEGER PRIMARY KEY,
  leader_id INTEGER NOT NULL REFERENCES leaders(id),
  level TEXT NOT NULL CHECK (level IN ('low', 'medium', 'high')),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  date TEXT NOT NULL,
  conversation_id INTEGER REFERENCES retention_conversations(id),
  created_at TEXT NOT NULL
);
CREATE INDEX retention_risk_leader ON retention_risk(leader_id, date, id);

-- Aspiring leaders who could step in at a school, and how ready they are.
CREATE TABLE succession_candidates (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  leader_id INTEGER NOT NULL REFERENCES leaders(id),
  readiness TEXT NOT NULL CHECK (readiness IN ('ready_now', 'ready_soon', 'developing')),
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (school_id, leader_id)
);

-- A plan of support's actions are next steps (action_items, source 'retention') of their conversation.
ALTER TABLE action_items ADD COLUMN retention_conversation_id INTEGER REFERENCES retention_conversations(id);
CREATE INDEX action_items_retention ON action_items(retention_conversation_id) WHERE retention_conversation_id IS NOT NULL;

-- Confidential by default: what of retention a target receives.
ALTER TABLE sync_targets ADD COLUMN retention_consent TEXT NOT NULL DEFAULT 'none' CHECK (retention_consent IN ('none', 'counts', 'named'));
`;
