/**
 * School-site visits, coaching notes, framework tags and next steps (action items).
 * Times are local wall-clock 'HH:mm' on an ISO date, as a supervisor plans them.
 */
export default `
CREATE TABLE visits (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  date TEXT NOT NULL,
  start_time TEXT NOT NULL,
  end_time TEXT NOT NULL CHECK (end_time > start_time),
  type TEXT NOT NULL CHECK (type IN ('side_by_side', 'walkthrough', 'meeting_observation', 'cta_checkin',
    'evaluation_observation', 'retention_conversation', 'other')),
  purpose TEXT NOT NULL DEFAULT '',
  focus TEXT NOT NULL DEFAULT '',
  -- coaching (the default) stays out of evaluations; only evaluative evidence is offered to them.
  evidence_kind TEXT NOT NULL DEFAULT 'coaching' CHECK (evidence_kind IN ('coaching', 'evaluative')),
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled', 'no_show')),
  status_reason TEXT,
  evidence TEXT NOT NULL DEFAULT '',
  started_at TEXT,
  finished_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX visits_date ON visits(date, start_time);
CREATE INDEX visits_school ON visits(school_id, date);
CREATE INDEX visits_status_date ON visits(status, date);

CREATE TABLE visit_leaders (
  visit_id INTEGER NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
  leader_id INTEGER NOT NULL REFERENCES leaders(id),
  PRIMARY KEY (visit_id, leader_id)
) WITHOUT ROWID;
CREATE INDEX visit_leaders_leader ON visit_leaders(leader_id, visit_id);

CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  visit_id INTEGER REFERENCES visits(id),
  leader_id INTEGER REFERENCES leaders(id),
  body TEXT NOT NULL DEFAULT '',
  evidence_kind TEXT NOT NULL DEFAULT 'coaching' CHECK (evidence_kind IN ('coaching', 'evaluative')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (visit_id IS NOT NULL OR leader_id IS NOT NULL)
);
CREATE INDEX notes_visit ON notes(visit_id);
CREATE INDEX notes_leader ON notes(leader_id, created_at);

-- A tag links a note or a visit to one framework element.
CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  note_id INTEGER REFERENCES notes(id) ON DELETE CASCADE,
  visit_id INTEGER REFERENCES visits(id) ON DELETE CASCADE,
  framework_id TEXT NOT NULL,
  element_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK ((note_id IS NULL) <> (visit_id IS NULL)),
  FOREIGN KEY (framework_id, element_id) REFERENCES framework_elements(framework_id, element_id)
);
CREATE UNIQUE INDEX tags_note ON tags(note_id, framework_id, element_id) WHERE note_id IS NOT NULL;
CREATE UNIQUE INDEX tags_visit ON tags(visit_id, framework_id, element_id) WHERE visit_id IS NOT NULL;
CREATE INDEX tags_element ON tags(framework_id, element_id);

-- Next steps from a visit (later also from check-ins, evaluations and retention conversations).
CREATE TABLE action_items (
  id INTEGER PRIMARY KEY,
  leader_id INTEGER NOT NULL REFERENCES leaders(id),
  description TEXT NOT NULL CHECK (length(trim(description)) > 0),
  owner TEXT NOT NULL CHECK (owner IN ('supervisor', 'leader')),
  due_date TEXT,
  done_date TEXT,
  source TEXT NOT NULL CHECK (source IN ('visit', 'checkin', 'evaluation', 'retention', 'other')),
  visit_id INTEGER REFERENCES visits(id),
  created_at TEXT NOT NULL
);
CREATE INDEX action_items_open ON action_items(due_date) WHERE done_date IS NULL;
CREATE INDEX action_items_leader ON action_items(leader_id, done_date);
CREATE INDEX action_items_visit ON action_items(visit_id);
`;
