/**
 * Sync: where exports go (targets), what each target acknowledged (receipts), and every attempt.
 * An outbox row is delivered (delivered_at) once every enabled target holds a receipt for it.
 */
export default `
CREATE TABLE sync_targets (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('folder', 'webdav', 'https')),
  name TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  -- A folder path, or an https:// address.
  location TEXT NOT NULL,
  auth TEXT NOT NULL DEFAULT 'none' CHECK (auth IN ('none', 'basic', 'bearer')),
  username TEXT,
  -- The password or token, encrypted by the operating system's secret store; never plain text.
  secret BLOB,
  -- Set by a refusal the person must fix (bad password, forbidden): the target waits for them.
  stopped_reason TEXT,
  last_error TEXT,
  -- 1: reached on the last try, 0: not reached, NULL: not tried yet.
  reachable INTEGER CHECK (reachable IN (0, 1)),
  last_reached_at TEXT,
  -- While unreachable: consecutive failures, and when to knock again (backoff for the whole target).
  failures INTEGER NOT NULL DEFAULT 0,
  retry_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Where each export stands with each target.
CREATE TABLE sync_deliveries (
  outbox_id TEXT NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
  target_id INTEGER NOT NULL REFERENCES sync_targets(id) ON DELETE CASCADE,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error TEXT,
  PRIMARY KEY (outbox_id, target_id)
) WITHOUT ROWID;

CREATE TABLE sync_attempts (
  id INTEGER PRIMARY KEY,
  outbox_id TEXT NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
  target_id INTEGER NOT NULL REFERENCES sync_targets(id) ON DELETE CASCADE,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('running', 'delivered', 'retry', 'stopped', 'interrupted')),
  detail TEXT
);
CREATE INDEX sync_attempts_item ON sync_attempts(outbox_id, target_id);

-- What a target acknowledged: the package it holds (path or response) and when.
CREATE TABLE sync_receipts (
  outbox_id TEXT NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
  target_id INTEGER NOT NULL REFERENCES sync_targets(id) ON DELETE CASCADE,
  received_at TEXT NOT NULL,
  detail TEXT NOT NULL CHECK (json_valid(detail)),
  PRIMARY KEY (outbox_id, target_id)
) WITHOUT ROWID;

-- Who and which school year an export belongs to, frozen when it is queued.
ALTER TABLE outbox ADD COLUMN envelope TEXT CHECK (envelope IS NULL OR json_valid(envelope));
`;
