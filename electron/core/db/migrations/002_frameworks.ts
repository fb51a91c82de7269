/**
 * Leadership frameworks that tag notes, visits and (later) rubric rows. The shipped ones come
 * from resources/frameworks; a district can import its own. The document is kept whole (JSON)
 * and its elements are copied into framework_elements for lookups and joins.
 */
export default `
CREATE TABLE frameworks (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  source TEXT NOT NULL,
  version TEXT NOT NULL,
  document TEXT NOT NULL CHECK (json_valid(document)),
  builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  imported_at TEXT NOT NULL
);

CREATE TABLE framework_elements (
  framework_id TEXT NOT NULL REFERENCES frameworks(id) ON DELETE CASCADE,
  element_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (framework_id, element_id)
);
`;
