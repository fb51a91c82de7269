/**
 * What leaves Fieldbook for other software: the supervisor's time zone (calendar times, PDF
 * signature times), and what each calendar export said about each visit, so the next export can
 * cancel an event it sent and raise SEQUENCE only when the event changed.
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
`;
