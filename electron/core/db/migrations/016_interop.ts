/**
 * What leaves Fieldbook for other software: the supervisor's time zone (calendar times, PDF
 * signature times); what each calendar export said about each visit, so the next export can
 * cancel an event it sent and raise SEQUENCE only when the event changed; and for district
 * servers, a certificate authority per target, a server's missing receipts, the day a server
 * began answering "still working on it", and exports the person asked to send to a target that
 * lacks them.
 */
export default `
-- An IANA zone such as America/Chicago; NULL: this computer's zone.
ALTER TABLE settings ADD COLUMN time_zone TEXT CHECK (time_zone IS NULL OR length(time_zone) BETWEEN 1 AND 64);

CREATE TABLE calendar_events (
  visit_id INTEGER PRIMARY KEY REFERENCES visits(id) ON DELETE CASCADE,
  sequence INTEGER NOT NULL CHECK (sequence >= 0),
  -- SHA-256 of what the event said (times, zone, words, status): a change raises the sequence.
  fingerprint TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('CONFIRMED', 'CANCELLED')),
  exported_at TEXT NOT NULL
);

-- A PEM file of the certificate authority the target's server certificate chains to (a district's own).
ALTER TABLE sync_targets ADD COLUMN ca_file TEXT CHECK (ca_file IS NULL OR length(ca_file) BETWEEN 1 AND 4000);
-- Set when the server answered 2xx without a receipt: the target's card warns about it.
ALTER TABLE sync_targets ADD COLUMN receipt_warning TEXT;
-- When the server first answered 409/412/425 to a retry of this export (it is still storing it).
ALTER TABLE sync_deliveries ADD COLUMN in_progress_since TEXT;
-- Set when the person asked to send an export already sent elsewhere to this target.
ALTER TABLE sync_deliveries ADD COLUMN requested_at TEXT;
`;
