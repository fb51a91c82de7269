/** How many automatic backups to keep; one row, created with the defaults. */
export default `
CREATE TABLE backup_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  keep_daily INTEGER NOT NULL DEFAULT 7 CHECK (keep_daily BETWEEN 1 AND 60),
  keep_weekly INTEGER NOT NULL DEFAULT 4 CHECK (keep_weekly BETWEEN 0 AND 52)
);
INSERT INTO backup_settings (id) VALUES (1);
`;
