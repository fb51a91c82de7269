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
