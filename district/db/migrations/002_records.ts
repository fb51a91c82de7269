/**
 * What each kind of package holds, as rows the district's questions can be asked of, and views
 * for the common ones. Every row belongs to one package: a superseded package keeps its rows
 * (the history), and the views read current packages only. Leaders and schools are the
 * district-wide people and schools of migration 1, so one leader is one person across
 * supervisors and years.
 */
export default `
CREATE TABLE rosters (
  package_id bigint PRIMARY KEY REFERENCES packages,
  as_of date NOT NULL,
  principals integer NOT NULL,
  assistant_principals integer NOT NULL,
  aspiring integer NOT NULL,
  target_ratio integer NOT NULL,
  over_target integer NOT NULL
);
CREATE TABLE roster_entries (
  package_id bigint NOT NULL REFERENCES packages,
  position integer NOT NULL,
  leader_id bigint NOT NULL REFERENCES leaders,
  school_id bigint REFERENCES schools,
  role text NOT NULL,
  role_start_date date,
  support_tier text NOT NULL,
  cadence_days integer NOT NULL,
  on_caseload_since date,
  PRIMARY KEY (package_id, position)
);
CREATE INDEX roster_entries_leader ON roster_entries (leader_id);

CREATE TABLE visit_logs (
  package_id bigint PRIMARY KEY REFERENCES packages,
  week_start date NOT NULL,
  week_end date NOT NULL,
  done integer NOT NULL,
  cancelled integer NOT NULL,
  no_show integer NOT NULL,
  hours_done numeric(8, 1) NOT NULL
);
CREATE TABLE visits (
  package_id bigint NOT NULL REFERENCES packages,
  position integer NOT NULL,
  local_id integer NOT NULL,
  date date NOT NULL,
  start_time text NOT NULL,
  end_time text NOT NULL,
  type text NOT NULL,
  status text NOT NULL,
  status_reason text,
  school_id bigint REFERENCES schools,
  purpose text NOT NULL,
  focus text NOT NULL,
  PRIMARY KEY (package_id, position)
);
CREATE TABLE visit_leaders (
  package_id bigint NOT NULL REFERENCES packages,
  position integer NOT NULL,
  leader_id bigint NOT NULL REFERENCES leaders,
  PRIMARY KEY (package_id, position, leader_id)
);
CREATE INDEX visit_leaders_leader ON visit_leaders (leader_id);

CREATE TABLE cta_checkins (
  package_id bigint PRIMARY KEY REFERENCES packages,
  checkin_uid text NOT NULL,
  school_id bigint NOT NULL REFERENCES schools,
  school_year text NOT NULL,
  quarter smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  held_on date NOT NULL,
  finalised_at timestamptz
);
CREATE INDEX cta_checkins_uid ON cta_checkins (checkin_uid);
CREATE INDEX cta_checkins_school ON cta_checkins (school_id, school_year);
CREATE TABLE cta_goal_statuses (
  package_id bigint NOT NULL REFERENCES packages,
  position integer NOT NULL,
  local_goal_id integer,
  title text NOT NULL,
  focus_area text,
  measure text,
  baseline text,
  benchmark text,
  target text,
  value text,
  value_date date,
  status text CHECK (status IN ('on_track', 'at_risk', 'off_track')),
  PRIMARY KEY (package_id, position)
);
-- An addendum is its own package; it amends the check-in with the same uid from the same source.
-- Until that check-in arrives it is held (checkin_package_id NULL), then applied.
CREATE TABLE cta_addenda (
  package_id bigint PRIMARY KEY REFERENCES packages,
  checkin_uid text NOT NULL,
  body text NOT NULL,
  written_at timestamptz NOT NULL,
  checkin_package_id bigint REFERENCES packages,
  applied_at timestamptz
);
CREATE INDEX cta_addenda_held ON cta_addenda (checkin_uid) WHERE checkin_package_id IS NULL;

CREATE TABLE evaluations (
  package_id bigint PRIMARY KEY REFERENCES packages,
  leader_id bigint NOT NULL REFERENCES leaders,
  school_id bigint REFERENCES schools,
  school_year text NOT NULL,
  year_start date,
  year_end date,
  framework_id text,
  framework_name text NOT NULL,
  scale jsonb,
  signed_by text,
  signed_at timestamptz,
  acknowledged_by text,
  acknowledged_on date,
  locked_at timestamptz NOT NULL
);
CREATE INDEX evaluations_leader ON evaluations (leader_id);
CREATE TABLE evaluation_stages (
  package_id bigint NOT NULL REFERENCES packages,
  position integer NOT NULL,
  name text NOT NULL,
  due_date date NOT NULL,
  completed_on date,
  PRIMARY KEY (package_id, position)
);
CREATE TABLE evaluation_ratings (
  package_id bigint NOT NULL REFERENCES packages,
  position integer NOT NULL,
  element text NOT NULL,
  title text NOT NULL,
  rating smallint,
  label text,
  PRIMARY KEY (package_id, position)
);

-- Exactly as the supervisor's consent cut it: counts only, or named records too.
CREATE TABLE retention_summaries (
  package_id bigint PRIMARY KEY REFERENCES packages,
  as_of date NOT NULL,
  school_year text NOT NULL,
  consent text NOT NULL CHECK (consent IN ('counts', 'named')),
  leaders integer NOT NULL,
  by_risk jsonb NOT NULL,
  by_intent jsonb NOT NULL
);
CREATE TABLE retention_records (
  package_id bigint NOT NULL REFERENCES packages,
  position integer NOT NULL,
  leader_id bigint NOT NULL REFERENCES leaders,
  school_id bigint REFERENCES schools,
  role text NOT NULL,
  risk text,
  risk_reason text,
  risk_date date,
  intent text,
  conversations jsonb NOT NULL,
  PRIMARY KEY (package_id, position)
);
CREATE INDEX retention_records_leader ON retention_records (leader_id);

-- The current revision of every record, with the supervisor it belongs to.
CREATE VIEW current_packages AS
  SELECT p.*, s.supervisor_id FROM packages p JOIN sources s ON s.id = p.source_id WHERE p.is_current;

-- Each supervisor's newest caseload against their target ratio.
CREATE VIEW supervisor_caseloads AS
  SELECT DISTINCT ON (p.supervisor_id) p.supervisor_id, sup.name AS supervisor, r.as_of, r.principals, r.assistant_principals,
    r.aspiring, r.target_ratio, r.over_target, p.id AS package_id
  FROM rosters r JOIN current_packages p ON p.id = r.package_id JOIN supervisors sup ON sup.id = p.supervisor_id
  ORDER BY p.supervisor_id, r.as_of DESC, p.created_at DESC;

-- Visits closed per supervisor per week (Monday to Sunday).
CREATE VIEW weekly_visits AS
  SELECT p.supervisor_id, v.week_start, v.week_end, v.done, v.cancelled, v.no_show, v.hours_done, p.school_year, p.id AS package_id
  FROM visit_logs v JOIN current_packages p ON p.id = v.package_id;

-- Each CTA goal's status at each quarter's check-in.
CREATE VIEW cta_goal_status_by_quarter AS
  SELECT p.supervisor_id, c.school_id, c.school_year, c.quarter, c.held_on, g.position, g.title, g.focus_area, g.status, g.value,
    g.target, c.checkin_uid, p.id AS package_id
  FROM cta_goal_statuses g JOIN cta_checkins c ON c.package_id = g.package_id JOIN current_packages p ON p.id = c.package_id;

-- Every locked evaluation (its newest lock), with how many stages were done and the ratings given.
CREATE VIEW evaluation_overview AS
  SELECT p.supervisor_id, e.leader_id, e.school_id, e.school_year, e.framework_name, e.signed_at, e.locked_at, p.revision AS lock,
    (SELECT count(*) FROM evaluation_stages st WHERE st.package_id = e.package_id AND st.completed_on IS NOT NULL) AS stages_done,
    (SELECT count(*) FROM evaluation_stages st WHERE st.package_id = e.package_id) AS stages,
    (SELECT jsonb_agg(jsonb_build_object('element', r.element, 'title', r.title, 'rating', r.rating, 'label', r.label) ORDER BY r.position)
       FROM evaluation_ratings r WHERE r.package_id = e.package_id) AS ratings,
    p.id AS package_id
  FROM evaluations e JOIN current_packages p ON p.id = e.package_id;

-- One leader across years and supervisors: every current package that names them.
CREATE VIEW leader_history AS
  SELECT re.leader_id, p.supervisor_id, p.school_year, p.kind, re.school_id, p.created_at, p.id AS package_id
    FROM roster_entries re JOIN current_packages p ON p.id = re.package_id
  UNION ALL
  SELECT e.leader_id, p.supervisor_id, p.school_year, p.kind, e.school_id, p.created_at, p.id
    FROM evaluations e JOIN current_packages p ON p.id = e.package_id
  UNION ALL
  SELECT rr.leader_id, p.supervisor_id, p.school_year, p.kind, rr.school_id, p.created_at, p.id
    FROM retention_records rr JOIN current_packages p ON p.id = rr.package_id
  UNION ALL
  SELECT DISTINCT vl.leader_id, p.supervisor_id, p.school_year, p.kind, v.school_id, p.created_at, p.id
    FROM visit_leaders vl JOIN visits v ON v.package_id = vl.package_id AND v.position = vl.position
    JOIN current_packages p ON p.id = vl.package_id;
`;
