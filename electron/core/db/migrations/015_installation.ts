/**
 * A stable identity for this Fieldbook data file: a random UUID made once, when the file is
 * created or first upgraded. Exports carry it so that the district can tell two supervisors'
 * laptops apart (their local row numbers mean nothing outside this file); a restored backup keeps it.
 */
const uuidV4 = `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
  || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;

export default `
CREATE TABLE installation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  installation_id TEXT NOT NULL CHECK (length(installation_id) = 36),
  created_at TEXT NOT NULL
);
INSERT INTO installation (id, installation_id, created_at) VALUES (1, ${uuidV4}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
`;
