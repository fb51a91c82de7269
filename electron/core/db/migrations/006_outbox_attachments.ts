/**
 * The files an export carries (a PDF summary, a CSV), stored beside its outbox row and written in
 * the same transaction, so a queued export is complete the moment it exists.
 */
export default `
CREATE TABLE outbox_attachments (
  outbox_id TEXT NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
  filename TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 200 AND filename NOT LIKE '%/%' AND filename NOT LIKE '%\\%'),
  media_type TEXT NOT NULL,
  content BLOB NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (outbox_id, filename)
) WITHOUT ROWID;
`;
