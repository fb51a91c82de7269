/**
 * What the leader tracking view reads beyond migration 2: each roster entry's evaluation cycle of
 * the year (stages with due and done dates, signed, locked: no ratings), a retention summary's
 * vacancy counts and, with named consent, each school's possible successors; and the indexes
 * that keep every page's query fast at district scale (tests/node/districtQueryPlans.test.ts).
 */
export default `
CREATE TABLE roster_evaluations (
  package_id bigint NOT NULL,
  position integer NOT NULL,
  school_year text NOT NULL,
  framework text NOT NULL,
  signed_at timestamptz,
  locked_at timestamptz,
  PRIMARY KEY (package_id, position),
  FOREIGN KEY (package_id, position) REFERENCES roster_entries
);
CREATE TABLE roster_evaluation_stages (
  package_id bigint NOT NULL,
  position integer NOT NULL,
  stage integer NOT NULL,
  name text NOT NULL,
  due_date date NOT NULL,
  completed_on date,
  PRIMARY KEY (package_id, position, stage),
  FOREIGN KEY (package_id, position) REFERENCES roster_evaluations
);

CREATE TABLE retention_vacancy (
  package_id bigint PRIMARY KEY REFERENCES retention_summaries,
  schools integer NOT NULL,
  ready_now integer NOT NULL,
  ready_soon integer NOT NULL,
  developing_only integer NOT NULL,
  no_successor integer NOT NULL
);
CREATE TABLE retention_successors (
  package_id bigint NOT NULL REFERENCES retention_summaries,
  position integer NOT NULL,
  school_id bigint NOT NULL REFERENCES schools,
  leader_id bigint NOT NULL REFERENCES leaders,
  readiness text NOT NULL CHECK (readiness IN ('ready_now', 'ready_soon', 'developing')),
  PRIMARY KEY (package_id, position)
);

-- A weekly visit log's visits added up per school (done, cancelled, missed, hours on site, hours
-- with a principal present, by the roles the leaders had when it arrived), and each leader's days
-- with a done visit: the time page adds up a year of these instead of every visit, and a leader's
-- last visit is one index probe. Filled when a log is loaded (load_visit_facts), and here for the
-- logs loaded before this migration.
CREATE TABLE visit_log_schools (
  package_id bigint NOT NULL REFERENCES visit_logs,
  school_id bigint NOT NULL REFERENCES schools,
  done integer NOT NULL,
  cancelled integer NOT NULL,
  no_show integer NOT NULL,
  hours double precision NOT NULL,
  hours_with_principals double precision NOT NULL,
  PRIMARY KEY (package_id, school_id)
);
CREATE TABLE visit_days (
  package_id bigint NOT NULL REFERENCES visit_logs,
  source_id text NOT NULL REFERENCES sources,
  leader_id bigint NOT NULL REFERENCES leaders,
  date date NOT NULL,
  PRIMARY KEY (package_id, leader_id, date)
);
CREATE INDEX visit_days_leader ON visit_days (leader_id, date);

CREATE FUNCTION load_visit_facts(log bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO visit_log_schools (package_id, school_id, done, cancelled, no_show, hours, hours_with_principals)
  SELECT vi.package_id, vi.school_id, count(*) FILTER (WHERE vi.status = 'done'), count(*) FILTER (WHERE vi.status = 'cancelled'),
    count(*) FILTER (WHERE vi.status = 'no_show'), coalesce(sum(d.hours) FILTER (WHERE vi.status = 'done'), 0),
    coalesce(sum(d.hours) FILTER (WHERE vi.status = 'done' AND EXISTS (
      SELECT 1 FROM visit_leaders x JOIN leaders l ON l.id = x.leader_id WHERE x.package_id = vi.package_id AND x.position = vi.position AND l.role = 'principal')), 0)
  FROM visits vi CROSS JOIN LATERAL (SELECT greatest(0, extract(epoch FROM (vi.end_time::time - vi.start_time::time)) / 3600.0)::float8 AS hours) d
  WHERE vi.package_id = log AND vi.school_id IS NOT NULL
  GROUP BY vi.package_id, vi.school_id;
  INSERT INTO visit_days (package_id, source_id, leader_id, date)
  SELECT DISTINCT vi.package_id, p.source_id, x.leader_id, vi.date
  FROM visits vi JOIN visit_leaders x ON x.package_id = vi.package_id AND x.position = vi.position JOIN packages p ON p.id = vi.package_id
  WHERE vi.package_id = log AND vi.status = 'done';
$$;
SELECT load_visit_facts(package_id) FROM visit_logs;

-- Every page starts from the current packages of one school year (and their supervisors).
CREATE INDEX packages_year_kind ON packages (school_year_start, kind) INCLUDE (source_id, created_at) WHERE is_current;
-- When each supervisor last sent anything: "has sent nothing for 14 days".
CREATE INDEX packages_source_created ON packages (source_id, created_at);
-- A record belongs to the school year it is about, not to the one it was sent in (a June week's
-- log sent in July, a check-in finalised after the year ended): pages find them by that.
CREATE INDEX visit_logs_week ON visit_logs (week_start);
CREATE INDEX cta_checkins_year ON cta_checkins (school_year);
CREATE INDEX evaluations_year ON evaluations (school_year);
`;
