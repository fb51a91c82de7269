/**
 * Who and what: the people and schools packages name, where packages come from, and every
 * package as it arrived (its document and the exact bytes of every file), with the revision of
 * its record that is current. Nothing is ever deleted: a later revision marks the earlier one
 * superseded. docs/district.md describes each table.
 */
export default `
CREATE TABLE supervisors (
  id bigserial PRIMARY KEY,
  name text,
  -- Lowercase; NULL for version 1 packages and profiles saved before Fieldbook asked for it.
  email text UNIQUE CHECK (email = lower(email)),
  district text,
  named_at timestamptz NOT NULL,
  first_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervisors_name ON supervisors (lower(name));

-- Where packages come from: one Fieldbook data file (its installation id), or for version 1
-- packages, which have none, the supervisor's name and district ('v1:<name>|<district>').
CREATE TABLE sources (
  id text PRIMARY KEY,
  installation_id uuid UNIQUE,
  supervisor_id bigint NOT NULL REFERENCES supervisors,
  first_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sources_supervisor ON sources (supervisor_id);

CREATE TABLE schools (
  id bigserial PRIMARY KEY,
  -- The district's school code, the join key; NULL while no package has given one.
  code text UNIQUE,
  name text NOT NULL,
  name_key text NOT NULL,
  level text,
  need_tier text,
  -- When the package its name and details came from was made: an older package never renames it.
  named_at timestamptz NOT NULL,
  first_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX schools_name_key ON schools (name_key);

CREATE TABLE leaders (
  id bigserial PRIMARY KEY,
  -- Lowercase, the join key across supervisors; NULL while every package named them without one.
  email text UNIQUE CHECK (email = lower(email)),
  name text NOT NULL,
  role text,
  -- The school they were last seen at.
  school_id bigint REFERENCES schools,
  named_at timestamptz NOT NULL,
  first_seen_at timestamptz NOT NULL DEFAULT now()
);

-- Every name and school a leader has been seen with, so a package without an email (version 1,
-- or a leader with none) joins the same person: by name and school.
CREATE TABLE leader_names (
  leader_id bigint NOT NULL REFERENCES leaders,
  name_key text NOT NULL,
  school_id bigint REFERENCES schools
);
CREATE UNIQUE INDEX leader_names_key ON leader_names (name_key, coalesce(school_id, 0));
CREATE INDEX leader_names_leader ON leader_names (leader_id);

-- File contents by SHA-256, stored once however many packages hold the same bytes.
CREATE TABLE blobs (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size integer NOT NULL,
  content bytea NOT NULL
);
-- PDFs and the like are compressed already: store them as they are.
ALTER TABLE blobs ALTER COLUMN content SET STORAGE EXTERNAL;

CREATE TABLE packages (
  id bigserial PRIMARY KEY,
  source_id text NOT NULL REFERENCES sources,
  export_id text NOT NULL,
  -- The id every revision of the record shares, and this package's revision of it.
  record_id text NOT NULL,
  revision integer NOT NULL CHECK (revision >= 1),
  kind text NOT NULL,
  schema_version smallint NOT NULL,
  created_at timestamptz NOT NULL,
  school_year text NOT NULL,
  school_year_start date NOT NULL,
  school_year_end date NOT NULL,
  supervisor_name text,
  supervisor_email text,
  district text,
  manifest_sha256 text NOT NULL,
  document jsonb NOT NULL,
  -- What the district answered when it arrived: loaded, superseded (an earlier revision), held
  -- (an addendum waiting for its check-in).
  outcome text NOT NULL CHECK (outcome IN ('loaded', 'superseded', 'held')),
  is_current boolean NOT NULL,
  superseded_by bigint REFERENCES packages,
  received_via text NOT NULL CHECK (received_via IN ('https', 'drop', 'ingest')),
  received_from text,
  stored_at timestamptz NOT NULL DEFAULT now(),
  -- How it was joined, in words (for example version 1's joining by name).
  note text NOT NULL DEFAULT '',
  UNIQUE (source_id, export_id)
);
CREATE UNIQUE INDEX packages_current_record ON packages (source_id, record_id) WHERE is_current;
CREATE INDEX packages_export ON packages (export_id);
CREATE INDEX packages_kind_year ON packages (kind, school_year_start) WHERE is_current;

-- Every file of a package, the manifest too, so the package can be given back byte for byte.
CREATE TABLE package_files (
  package_id bigint NOT NULL REFERENCES packages,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('manifest', 'document', 'attachment')),
  media_type text NOT NULL,
  size integer NOT NULL,
  sha256 text NOT NULL REFERENCES blobs,
  PRIMARY KEY (package_id, name)
);

-- Packages refused, with the reason. Nothing of them is loaded. A folder package is moved to the
-- quarantine folder (moved_to); an HTTPS body is kept here when it is under the size limit.
CREATE TABLE quarantine (
  id bigserial PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now(),
  received_via text NOT NULL CHECK (received_via IN ('https', 'drop', 'ingest')),
  received_from text,
  export_id text,
  code text NOT NULL,
  reason text NOT NULL,
  field text,
  size bigint,
  body_sha256 text,
  body bytea,
  moved_to text
);
`;
