/** The caseload: the supervisor's profile, schools, leaders and who is on the caseload. */
export default `
CREATE TABLE settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  supervisor_name TEXT NOT NULL,
  district TEXT NOT NULL,
  target_ratio INTEGER NOT NULL DEFAULT 5 CHECK (target_ratio BETWEEN 1 AND 60),
  school_year_start_month INTEGER NOT NULL DEFAULT 7 CHECK (school_year_start_month BETWEEN 1 AND 12),
  updated_at TEXT NOT NULL
);

CREATE TABLE schools (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('elementary', 'middle', 'high', 'span')),
  need_tier TEXT NOT NULL CHECK (need_tier IN ('high', 'moderate', 'low')),
  district_code TEXT UNIQUE COLLATE NOCASE,
  created_at TEXT NOT NULL
);

CREATE TABLE leaders (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('principal', 'assistant_principal', 'aspiring')),
  school_id INTEGER REFERENCES schools(id),
  role_start_date TEXT NOT NULL,
  email TEXT UNIQUE COLLATE NOCASE,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'left')),
  created_at TEXT NOT NULL
);
CREATE INDEX leaders_school ON leaders(school_id);

-- A leader's time on this supervisor's caseload. end_date NULL: on it now.
CREATE TABLE assignments (
  id INTEGER PRIMARY KEY,
  leader_id INTEGER NOT NULL REFERENCES leaders(id),
  support_tier TEXT NOT NULL CHECK (support_tier IN ('intensive', 'targeted', 'standard')),
  cadence_days INTEGER NOT NULL CHECK (cadence_days BETWEEN 1 AND 365),
  start_date TEXT NOT NULL,
  end_date TEXT
);
CREATE UNIQUE INDEX assignments_current ON assignments(leader_id) WHERE end_date IS NULL;

-- Exports waiting for delivery; written in the same transaction as the record they export.
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  created_at TEXT NOT NULL,
  delivered_at TEXT
);
CREATE INDEX outbox_waiting ON outbox(created_at) WHERE delivered_at IS NULL;
`;
