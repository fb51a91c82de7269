/**
 * The idle lock: after this many minutes without use the window hides its content (0: never),
 * and, when a passphrase is set, only it opens the window again. The passphrase is kept as a
 * salted scrypt hash, never as text.
 */
export default `
CREATE TABLE lock_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  idle_minutes INTEGER NOT NULL DEFAULT 15 CHECK (idle_minutes BETWEEN 0 AND 240),
  passphrase_salt BLOB,
  passphrase_hash BLOB,
  CHECK ((passphrase_salt IS NULL) = (passphrase_hash IS NULL))
);
INSERT INTO lock_settings (id) VALUES (1);
`;
