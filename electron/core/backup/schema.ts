import Database from 'better-sqlite3';
import { MIGRATIONS } from '../db/migrations';

/**
 * What a Fieldbook database at a given version holds: every table with its columns, every index,
 * trigger and view, as the migrations up to that version make them (built once per version in
 * memory). A file that claims a version must hold all of it, or it is not a Fieldbook database a
 * restore may put in place: a file with only a `settings` table once passed the old checks,
 * replaced the data and then stopped Fieldbook from starting.
 */
type Shape = Map<string, string>;

const shapes = new Map<number, Shape>();

function shapeOf(db: Database.Database): Shape {
  const shape: Shape = new Map();
  const objects = db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { type: string; name: string; sql: string | null }[];
  // A full-text index's own tables are laid out by SQLite's version, not by Fieldbook: only their presence counts.
  const virtual = objects.filter((o) => o.sql?.startsWith('CREATE VIRTUAL TABLE')).map((o) => `${o.name}_`);
  for (const { type, name } of objects) {
    const shadow = virtual.some((prefix) => name.startsWith(prefix));
    const columns = type === 'table' && !shadow ? (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(name) as string[]).join(', ') : '';
    shape.set(`${type} ${name}`, columns);
  }
  return shape;
}

function expectedAt(version: number): Shape {
  let shape = shapes.get(version);
  if (!shape) {
    const db = new Database(':memory:');
    try {
      for (const sql of MIGRATIONS.slice(0, version)) db.exec(sql);
      shape = shapeOf(db);
    } finally {
      db.close();
    }
    shapes.set(version, shape);
  }
  return shape;
}

/** What is missing or different in db against Fieldbook's schema at `version`, in words; null when it is all there. */
export function schemaProblem(db: Database.Database, version: number): string | null {
  const found = shapeOf(db);
  for (const [object, columns] of expectedAt(version)) {
    const [type, name] = object.split(' ');
    if (!found.has(object)) return `the ${type} ${name} is missing`;
    if (found.get(object) !== columns) return `the table ${name} does not have the columns it should`;
  }
  return null;
}
