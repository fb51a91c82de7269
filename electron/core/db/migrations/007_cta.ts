/**
 * The Call-to-Action: each school's yearly plan (3–5 goals with a typed measure and action plans)
 * and the quarterly check-ins the supervisor facilitates with the ILT. A finalised check-in is
 * a record of what the team said: triggers refuse any change to it or its rows; only addenda grow.
 */
const frozen = (table: string, checkin: string) => `
CREATE TRIGGER ${table}_final_update BEFORE UPDATE ON ${table}
  WHEN (SELECT finalised_at FROM cta_checkins WHERE id = OLD.${checkin}) IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'This check-in is finalised and cannot be changed; add an addendum instead'); END;
CREATE TRIGGER ${table}_final_delete BEFORE DELETE ON ${table}
  WHEN (SELECT finalised_at FROM cta_checkins WHERE id = OLD.${checkin}) IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'This check-in is finalised and cannot be changed; add an addendum instead'); END;
CREATE TRIGGER ${table}_final_insert BEFORE INSERT ON ${table}
  WHEN (SELECT finalised_at FROM cta_checkins WHERE id = NEW.${checkin}) IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'This check-in is finalised and cannot be changed; add an addendum instead'); END;`;

export default `
CREATE TABLE cta_plans (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  -- The first day of the plan's school year, e.g. 2026-07-01.
  school_year_start TEXT NOT NULL,
  stage TEXT NOT NULL DEFAULT 'spring_draft' CHECK (stage IN ('spring_draft', 'summer_final', 'fall_implementation', 'winter_midyear')),
  copied_from_plan_id INTEGER REFERENCES cta_plans(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (school_id, school_year_start)
);
CREATE INDEX cta_plans_year ON cta_plans(school_year_start);

CREATE TABLE cta_goals (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES cta_plans(id),
  position INTEGER NOT NULL,
  title TEXT NOT NULL CHECK (length(trim(title)) > 0),
  focus_area TEXT NOT NULL,
  measure TEXT NOT NULL,
  measure_type TEXT NOT NULL CHECK (measure_type IN ('percentage', 'number', 'text')),
  unit TEXT NOT NULL DEFAULT '',
  direction TEXT NOT NULL DEFAULT 'increase' CHECK (direction IN ('increase', 'decrease')),
  data_source TEXT NOT NULL DEFAULT '',
  baseline TEXT,
  benchmark TEXT,
  target TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX cta_goals_plan ON cta_goals(plan_id, position);

-- A goal's action plan: what the school will do, who owns it, by when.
CREATE TABLE cta_actions (
  id INTEGER PRIMARY KEY,
  goal_id INTEGER NOT NULL REFERENCES cta_goals(id) ON DELETE CASCADE,
  description TEXT NOT NULL CHECK (length(trim(description)) > 0),
  owner TEXT NOT NULL DEFAULT '',
  timeline TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX cta_actions_goal ON cta_actions(goal_id);

CREATE TABLE cta_checkins (
  id INTEGER PRIMARY KEY,
  -- Stable across devices and restores: the id the district sees in exports.
  uid TEXT NOT NULL UNIQUE,
  plan_id INTEGER NOT NULL REFERENCES cta_plans(id),
  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  date TEXT NOT NULL,
  finalised_at TEXT,
  -- What the summary said on the day it was finalised (JSON), so later edits to the plan's goals
  -- never rewrite a finalised record.
  summary TEXT CHECK (summary IS NULL OR json_valid(summary)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (plan_id, quarter)
);
CREATE INDEX cta_checkins_date ON cta_checkins(date);

CREATE TABLE cta_attendees (
  id INTEGER PRIMARY KEY,
  checkin_id INTEGER NOT NULL REFERENCES cta_checkins(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  role TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cta_attendees_checkin ON cta_attendees(checkin_id, position);

-- Per goal, per check-in: the latest data and what the ILT made of it.
CREATE TABLE cta_goal_updates (
  checkin_id INTEGER NOT NULL REFERENCES cta_checkins(id),
  goal_id INTEGER NOT NULL REFERENCES cta_goals(id),
  value TEXT,
  value_date TEXT,
  value_source TEXT NOT NULL DEFAULT '',
  status TEXT CHECK (status IN ('on_track', 'at_risk', 'off_track')),
  working TEXT NOT NULL DEFAULT '',
  barriers TEXT NOT NULL DEFAULT '',
  reflection TEXT NOT NULL DEFAULT '',
  adjustments TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (checkin_id, goal_id)
) WITHOUT ROWID;
CREATE INDEX cta_goal_updates_goal ON cta_goal_updates(goal_id);

-- Next steps agreed at a check-in. An open one is carried into the next check-in as a copy
-- (carried_from_id), so the finalised record keeps what was true on its day.
CREATE TABLE cta_next_steps (
  id INTEGER PRIMARY KEY,
  checkin_id INTEGER NOT NULL REFERENCES cta_checkins(id),
  goal_id INTEGER REFERENCES cta_goals(id),
  description TEXT NOT NULL CHECK (length(trim(description)) > 0),
  owner TEXT NOT NULL CHECK (length(trim(owner)) > 0),
  due_date TEXT,
  done_date TEXT,
  carried_from_id INTEGER REFERENCES cta_next_steps(id),
  created_at TEXT NOT NULL
);
CREATE INDEX cta_next_steps_checkin ON cta_next_steps(checkin_id);
CREATE INDEX cta_next_steps_open ON cta_next_steps(due_date) WHERE done_date IS NULL;

CREATE TABLE cta_addenda (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  checkin_id INTEGER NOT NULL REFERENCES cta_checkins(id),
  body TEXT NOT NULL CHECK (length(trim(body)) > 0),
  created_at TEXT NOT NULL
);
CREATE TRIGGER cta_addenda_no_update BEFORE UPDATE ON cta_addenda
  BEGIN SELECT RAISE(ABORT, 'An addendum is part of the record and cannot be changed'); END;
CREATE TRIGGER cta_addenda_no_delete BEFORE DELETE ON cta_addenda
  BEGIN SELECT RAISE(ABORT, 'An addendum is part of the record and cannot be changed'); END;

-- A finalised check-in itself: only its own finalising write may touch it.
CREATE TRIGGER cta_checkins_final_update BEFORE UPDATE ON cta_checkins
  WHEN OLD.finalised_at IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'This check-in is finalised and cannot be changed; add an addendum instead'); END;
CREATE TRIGGER cta_checkins_final_delete BEFORE DELETE ON cta_checkins
  WHEN OLD.finalised_at IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'This check-in is finalised and cannot be changed; add an addendum instead'); END;
${frozen('cta_attendees', 'checkin_id')}
${frozen('cta_goal_updates', 'checkin_id')}
${frozen('cta_next_steps', 'checkin_id')}
`;
