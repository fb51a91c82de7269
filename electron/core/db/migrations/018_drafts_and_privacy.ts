/**
 * Confidential stays confidential:
 * - drafts of forms being typed live in the core, not in the browser's storage (which any tab at
 *   the app's address could read, and which a new port in browser mode lost); encrypted at rest
 *   with a key from the lock's passphrase when one is set;
 * - the lock keeps the cost of its passphrase hash (older hashes were made with N = 2^15) and its
 *   failed tries, so the wait after wrong guesses holds across restarts;
 * - the retention audit trail says that a conversation's free text was written or edited, not what
 *   it said: text a supervisor removes must be gone from the file (what was in the trail already
 *   is reduced the same way).
 */
const reduced = (field: string) => `
UPDATE audit_log SET changes = json_set(changes, '$.${field}', 'edited')
  WHERE entity_type = 'leader_retention' AND action = 'conversation changed' AND json_type(changes, '$.${field}') IS NOT NULL;`;

export default `
CREATE TABLE drafts (
  key TEXT PRIMARY KEY,
  body BLOB NOT NULL,
  encrypted INTEGER NOT NULL DEFAULT 0 CHECK (encrypted IN (0, 1)),
  updated_at TEXT NOT NULL
);

ALTER TABLE lock_settings ADD COLUMN passphrase_log_n INTEGER NOT NULL DEFAULT 15;
ALTER TABLE lock_settings ADD COLUMN failed_unlocks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE lock_settings ADD COLUMN last_failed_at TEXT;

DROP TRIGGER audit_log_no_update;
UPDATE audit_log SET changes = json_remove(changes, '$.threats', '$.wouldHelp', '$.notes')
  WHERE entity_type = 'leader_retention' AND action = 'conversation recorded';
${reduced('threats')}
${reduced('wouldHelp')}
${reduced('notes')}
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed'); END;
`;
