/**
 * Evaluation cycles (one per leader per school year), their stages, structured entries, rubric
 * ratings with evidence links, sign-off, lock and addenda; and a generic, append-only audit trail.
 *
 * A locked cycle is immutable below the app too: triggers refuse any UPDATE or DELETE of the cycle
 * and any write to its child rows. The one change allowed on a locked cycle is unlocking it, and
 * only with a stated reason, changing nothing else in the same statement.
 */
const LOCKED = (cycleId: string) => `(SELECT locked_at FROM evaluation_cycles WHERE id = ${cycleId}) IS NOT NULL`;
const REFUSE = `SELECT RAISE(ABORT, 'evaluation_locked: this evaluation is locked; add a dated addendum instead');`;

/** Refuse inserts, updates and deletes of a child table's rows while their cycle is locked. */
const guardChild = (table: string) => `
CREATE TRIGGER ${table}_locked_insert BEFORE INSERT ON ${table} WHEN ${LOCKED('NEW.cycle_id')} BEGIN ${REFUSE} END;
CREATE TRIGGER ${table}_locked_update BEFORE UPDATE ON ${table} WHEN ${LOCKED('OLD.cycle_id')} OR ${LOCKED('NEW.cycle_id')} BEGIN ${REFUSE} END;
CREATE TRIGGER ${table}_locked_delete BEFORE DELETE ON ${table} WHEN ${LOCKED('OLD.cycle_id')} BEGIN ${REFUSE} END;
`;

export default `
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  -- What the entry is about, e.g. ('evaluation_cycle', '12'); other domains add their own types.
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL,
  changes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(changes))
);
CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id, id);
-- A trail that can be rewritten proves nothing: append only.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed'); END;

-- The district's template: stages with due dates (month and day within the school year) and the
-- rating scale's labels, lowest first. One row; absent means the playbook's defaults.
CREATE TABLE evaluation_template (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  stages TEXT NOT NULL CHECK (json_valid(stages)),
  scale TEXT NOT NULL CHECK (json_valid(scale)),
  framework_id TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE evaluation_cycles (
  id INTEGER PRIMARY KEY,
  leader_id INTEGER NOT NULL REFERENCES leaders(id),
  year_label TEXT NOT NULL,
  year_start TEXT NOT NULL,
  year_end TEXT NOT NULL,
  framework_id TEXT NOT NULL,
  framework_name TEXT NOT NULL,
  -- The rating scale's labels, copied from the template when the cycle starts.
  scale TEXT NOT NULL CHECK (json_valid(scale) AND json_array_length(scale) BETWEEN 2 AND 7),
  summary TEXT NOT NULL DEFAULT '',
  strengths TEXT NOT NULL DEFAULT '',
  growth_areas TEXT NOT NULL DEFAULT '',
  support_plan TEXT NOT NULL DEFAULT '',
  next_year_goals TEXT NOT NULL DEFAULT '',
  signed_by TEXT,
  signed_at TEXT,
  ack_name TEXT,
  ack_date TEXT,
  ack_comment TEXT,
  ack_recorded_at TEXT,
  locked_at TEXT,
  lock_count INTEGER NOT NULL DEFAULT 0,
  unlock_reason TEXT,
  -- Bumped by every change, so a lock can tell the cycle did not change while its PDF was made.
  revision INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (leader_id, year_start),
  CHECK (locked_at IS NULL OR (signed_at IS NOT NULL AND ack_recorded_at IS NOT NULL)),
  CHECK (ack_recorded_at IS NULL OR signed_at IS NOT NULL)
);

CREATE TRIGGER evaluation_cycles_locked_update BEFORE UPDATE ON evaluation_cycles
WHEN OLD.locked_at IS NOT NULL AND NOT (
  -- Unlocking: clears the lock, gives a new reason, bumps the revision, and changes nothing else.
  NEW.locked_at IS NULL AND NEW.unlock_reason IS NOT NULL AND length(trim(NEW.unlock_reason)) > 0
  AND NEW.unlock_reason IS NOT OLD.unlock_reason
  AND NEW.leader_id IS OLD.leader_id AND NEW.year_start IS OLD.year_start AND NEW.year_end IS OLD.year_end
  AND NEW.year_label IS OLD.year_label AND NEW.framework_id IS OLD.framework_id AND NEW.framework_name IS OLD.framework_name
  AND NEW.scale IS OLD.scale AND NEW.summary IS OLD.summary AND NEW.strengths IS OLD.strengths
  AND NEW.growth_areas IS OLD.growth_areas AND NEW.support_plan IS OLD.support_plan AND NEW.next_year_goals IS OLD.next_year_goals
  AND NEW.signed_by IS OLD.signed_by AND NEW.signed_at IS OLD.signed_at AND NEW.ack_name IS OLD.ack_name
  AND NEW.ack_date IS OLD.ack_date AND NEW.ack_comment IS OLD.ack_comment AND NEW.ack_recorded_at IS OLD.ack_recorded_at
  AND NEW.lock_count IS OLD.lock_count AND NEW.created_at IS OLD.created_at AND NEW.id IS OLD.id
)
BEGIN ${REFUSE} END;
CREATE TRIGGER evaluation_cycles_locked_delete BEFORE DELETE ON evaluation_cycles WHEN OLD.locked_at IS NOT NULL BEGIN ${REFUSE} END;

CREATE TABLE evaluation_stages (
  id INTEGER PRIMARY KEY,
  cycle_id INTEGER NOT NULL REFERENCES evaluation_cycles(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  due_date TEXT NOT NULL,
  completed_date TEXT,
  UNIQUE (cycle_id, position)
);
${guardChild('evaluation_stages')}

-- Goals (what, measure, target, by when), goal progress notes, communication and work styles,
-- strengths and growth areas: one table, a kind each. A progress note's parent is its goal.
CREATE TABLE evaluation_entries (
  id INTEGER PRIMARY KEY,
  cycle_id INTEGER NOT NULL REFERENCES evaluation_cycles(id),
  kind TEXT NOT NULL CHECK (kind IN ('goal', 'goal_progress', 'style', 'strength', 'growth_area')),
  parent_id INTEGER REFERENCES evaluation_entries(id),
  title TEXT NOT NULL CHECK (length(trim(title)) > 0),
  detail TEXT NOT NULL DEFAULT '',
  measure TEXT NOT NULL DEFAULT '',
  target TEXT NOT NULL DEFAULT '',
  entry_date TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((kind = 'goal_progress') = (parent_id IS NOT NULL))
);
CREATE INDEX evaluation_entries_cycle ON evaluation_entries(cycle_id, kind, id);
${guardChild('evaluation_entries')}

-- One rubric row per framework element, its title copied so the row keeps its meaning.
CREATE TABLE evaluation_ratings (
  id INTEGER PRIMARY KEY,
  cycle_id INTEGER NOT NULL REFERENCES evaluation_cycles(id),
  element_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  rating INTEGER CHECK (rating IS NULL OR rating >= 1),
  rationale TEXT NOT NULL DEFAULT '',
  UNIQUE (cycle_id, element_id)
);
${guardChild('evaluation_ratings')}

-- Evidence cited on a rubric row: a note or a visit, with the quote and how it was cited.
CREATE TABLE evaluation_evidence (
  id INTEGER PRIMARY KEY,
  cycle_id INTEGER NOT NULL REFERENCES evaluation_cycles(id),
  rating_id INTEGER NOT NULL REFERENCES evaluation_ratings(id),
  -- No foreign keys: the citation keeps its own copy of the quote, so it outlives a deleted note.
  note_id INTEGER,
  visit_id INTEGER,
  source_date TEXT NOT NULL,
  source_label TEXT NOT NULL,
  quote TEXT NOT NULL,
  -- 1 when the supervisor deliberately cited a coaching (not evaluative) source: the write-up says so.
  coaching_included INTEGER NOT NULL DEFAULT 0 CHECK (coaching_included IN (0, 1)),
  created_at TEXT NOT NULL
);
CREATE INDEX evaluation_evidence_rating ON evaluation_evidence(rating_id);
${guardChild('evaluation_evidence')}

-- After the lock: dated addenda, never changed or removed.
CREATE TABLE evaluation_addenda (
  id INTEGER PRIMARY KEY,
  cycle_id INTEGER NOT NULL REFERENCES evaluation_cycles(id),
  date TEXT NOT NULL,
  body TEXT NOT NULL CHECK (length(trim(body)) > 0),
  author TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TRIGGER evaluation_addenda_no_update BEFORE UPDATE ON evaluation_addenda BEGIN SELECT RAISE(ABORT, 'An addendum cannot be changed'); END;
CREATE TRIGGER evaluation_addenda_no_delete BEFORE DELETE ON evaluation_addenda BEGIN SELECT RAISE(ABORT, 'An addendum cannot be removed'); END;

-- Support-plan actions are next steps (action_items, source 'evaluation') tied to their growth area.
ALTER TABLE action_items ADD COLUMN evaluation_entry_id INTEGER REFERENCES evaluation_entries(id);
CREATE INDEX action_items_evaluation ON action_items(evaluation_entry_id) WHERE evaluation_entry_id IS NOT NULL;
-- On a locked cycle an action can still be marked done (the plan is followed up), but not rewritten or removed.
CREATE TRIGGER action_items_locked_update BEFORE UPDATE OF leader_id, description, owner, due_date, source, evaluation_entry_id ON action_items
WHEN OLD.evaluation_entry_id IS NOT NULL AND ${LOCKED('(SELECT cycle_id FROM evaluation_entries WHERE id = OLD.evaluation_entry_id)')}
BEGIN ${REFUSE} END;
CREATE TRIGGER action_items_locked_delete BEFORE DELETE ON action_items
WHEN OLD.evaluation_entry_id IS NOT NULL AND ${LOCKED('(SELECT cycle_id FROM evaluation_entries WHERE id = OLD.evaluation_entry_id)')}
BEGIN ${REFUSE} END;
CREATE TRIGGER action_items_locked_insert BEFORE INSERT ON action_items
WHEN NEW.evaluation_entry_id IS NOT NULL AND ${LOCKED('(SELECT cycle_id FROM evaluation_entries WHERE id = NEW.evaluation_entry_id)')}
BEGIN ${REFUSE} END;
`;
