/**
 * Full-text search over notes and visits (FTS5, external content). Triggers keep the index in
 * the same transaction as every write, so search never disagrees with the data.
 */
export default `
CREATE VIRTUAL TABLE notes_fts USING fts5(body, content='notes', content_rowid='id', tokenize='porter unicode61');
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
  INSERT INTO notes_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
  INSERT INTO notes_fts(notes_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF body ON notes BEGIN
  INSERT INTO notes_fts(notes_fts, rowid, body) VALUES ('delete', old.id, old.body);
  INSERT INTO notes_fts(rowid, body) VALUES (new.id, new.body);
END;

CREATE VIRTUAL TABLE visits_fts USING fts5(purpose, focus, evidence, content='visits', content_rowid='id', tokenize='porter unicode61');
CREATE TRIGGER visits_fts_insert AFTER INSERT ON visits BEGIN
  INSERT INTO visits_fts(rowid, purpose, focus, evidence) VALUES (new.id, new.purpose, new.focus, new.evidence);
END;
CREATE TRIGGER visits_fts_delete AFTER DELETE ON visits BEGIN
  INSERT INTO visits_fts(visits_fts, rowid, purpose, focus, evidence) VALUES ('delete', old.id, old.purpose, old.focus, old.evidence);
END;
CREATE TRIGGER visits_fts_update AFTER UPDATE OF purpose, focus, evidence ON visits BEGIN
  INSERT INTO visits_fts(visits_fts, rowid, purpose, focus, evidence) VALUES ('delete', old.id, old.purpose, old.focus, old.evidence);
  INSERT INTO visits_fts(rowid, purpose, focus, evidence) VALUES (new.id, new.purpose, new.focus, new.evidence);
END;
`;
