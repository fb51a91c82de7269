import ccssoSupervisor from '../../../../resources/frameworks/ccsso-supervisor-2015.json';
import celPrincipalSupport from '../../../../resources/frameworks/cel-principal-support.json';
import districtLeadership from '../../../../resources/frameworks/district-leadership-practices.json';
import plasImplementation from '../../../../resources/frameworks/plas-implementation.json';
import psel from '../../../../resources/frameworks/psel-2015.json';
import wallacePipeline from '../../../../resources/frameworks/wallace-pipeline.json';
import { checkFrameworkJson, type FrameworkFile, frameworkFileSchema } from '../../../../shared/settings/frameworks';
import type { FrameworkInfo } from '../../../../shared/settings/model';
import { AppError } from '../../../../shared/result';
import { type CoreContext, timestamp } from '../../context';
import type { Db } from '../../db/connection';
import { compareNames } from '../../../../shared/collation';

/**
 * Leadership frameworks. The shipped files are bundled (static JSON imports) and synced into the
 * database at every start; a district imports its own. Tags point at framework_elements, so an
 * element a tag uses is never deleted.
 */

/** The shipped frameworks, in the order Settings lists them. A broken file fails at start, loudly. */
export const BUILTIN_FRAMEWORKS: readonly FrameworkFile[] = [
  psel, ccssoSupervisor, wallacePipeline, districtLeadership, celPrincipalSupport, plasImplementation,
].map((f) => frameworkFileSchema.parse(f));

const BUILTIN_ORDER = new Map(BUILTIN_FRAMEWORKS.map((f, i) => [f.id, i]));

interface FrameworkRow {
  id: string;
  name: string;
  source: string;
  version: string;
  document: string;
  builtin: number;
  active: number;
  imported_at: string;
}

/** How many tags use each element of a framework. */
function tagCounts(db: Db, frameworkId: string): Map<string, number> {
  const rows = db
    .prepare(`SELECT element_id AS elementId, count(*) AS n FROM tags WHERE framework_id = ? GROUP BY element_id`)
    .all(frameworkId) as { elementId: string; n: number }[];
  return new Map(rows.map((r) => [r.elementId, r.n]));
}

/**
 * Write a framework and its elements. Elements missing from the new file are removed unless a tag
 * uses them; those are kept (after the others) so no tag loses its meaning.
 */
function writeFramework(ctx: CoreContext, f: FrameworkFile, builtin: boolean): void {
  const { db } = ctx;
  db.prepare(
    `INSERT INTO frameworks (id, name, source, version, document, builtin, active, imported_at)
     VALUES (@id, @name, @source, @version, @document, @builtin, 1, @now)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, source = excluded.source, version = excluded.version,
       document = excluded.document, builtin = excluded.builtin, imported_at = excluded.imported_at`,
  ).run({ id: f.id, name: f.name, source: f.source, version: f.version, document: JSON.stringify(f), builtin: builtin ? 1 : 0, now: timestamp(ctx) });

  const upsert = db.prepare(
    `INSERT INTO framework_elements (framework_id, element_id, position, title, description) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (framework_id, element_id) DO UPDATE SET position = excluded.position, title = excluded.title, description = excluded.description`,
  );
  f.elements.forEach((e, i) => upsert.run(f.id, e.id, i, e.title, e.description));

  const keep = new Set(f.elements.map((e) => e.id));
  const used = tagCounts(db, f.id);
  const stale = (db.prepare(`SELECT element_id AS id FROM framework_elements WHERE framework_id = ? ORDER BY position`).all(f.id) as { id: string }[])
    .map((r) => r.id)
    .filter((id) => !keep.has(id));
  const remove = db.prepare(`DELETE FROM framework_elements WHERE framework_id = ? AND element_id = ?`);
  const moveToEnd = db.prepare(`UPDATE framework_elements SET position = ? WHERE framework_id = ? AND element_id = ?`);
  let position = f.elements.length;
  for (const id of stale) {
    if (used.has(id)) moveToEnd.run(position++, f.id, id);
    else remove.run(f.id, id);
  }
}

const isUnchanged = (row: FrameworkRow | undefined, f: FrameworkFile): boolean =>
  row !== undefined && row.builtin === 1 && row.document === JSON.stringify(f);

/** At start: insert the shipped frameworks, or bring them up to date. Keeps each one's active choice. */
export function syncBuiltinFrameworks(ctx: CoreContext): void {
  const find = ctx.db.prepare(`SELECT * FROM frameworks WHERE id = ?`);
  ctx.db.transaction(() => {
    for (const f of BUILTIN_FRAMEWORKS) {
      if (!isUnchanged(find.get(f.id) as FrameworkRow | undefined, f)) writeFramework(ctx, f, true);
    }
  })();
}

function toInfo(db: Db, row: FrameworkRow): FrameworkInfo {
  const elements = db
    .prepare(`SELECT element_id AS id, title, description FROM framework_elements WHERE framework_id = ? ORDER BY position`)
    .all(row.id) as FrameworkInfo['elements'];
  const document = JSON.parse(row.document) as { description?: unknown };
  return {
    id: row.id,
    name: row.name,
    source: row.source,
    version: row.version,
    description: typeof document.description === 'string' ? document.description : null,
    builtin: row.builtin === 1,
    active: row.active === 1,
    importedAt: row.imported_at,
    elements,
  };
}

function getFramework(db: Db, id: string): FrameworkInfo | null {
  const row = db.prepare(`SELECT * FROM frameworks WHERE id = ?`).get(id) as FrameworkRow | undefined;
  return row ? toInfo(db, row) : null;
}

/** Shipped frameworks first, in their own order, then the district's by name. */
export function listFrameworks(db: Db): FrameworkInfo[] {
  const rows = db.prepare(`SELECT * FROM frameworks`).all() as FrameworkRow[];
  const rank = (r: FrameworkRow) => (r.builtin ? (BUILTIN_ORDER.get(r.id) ?? BUILTIN_ORDER.size) : Infinity);
  rows.sort((a, b) => rank(a) - rank(b) || compareNames(a.name, b.name));
  return rows.map((r) => toInfo(db, r));
}

/**
 * Import a district's framework file. Invalid: every problem listed, nothing written. The id of a
 * shipped framework is refused; importing the same id again updates it, as long as every element
 * a tag uses is still in the file.
 */
export function importFramework(ctx: CoreContext, json: string): FrameworkInfo {
  const check = checkFrameworkJson(json);
  if (!check.ok) {
    throw new AppError('invalid_framework', `Nothing was imported. Fix these in the file: ${check.problems.join('; ')}`, 'json');
  }
  const f = check.framework;
  const builtin = BUILTIN_FRAMEWORKS.find((b) => b.id === f.id);
  const existing = ctx.db.prepare(`SELECT * FROM frameworks WHERE id = ?`).get(f.id) as FrameworkRow | undefined;
  if (builtin || existing?.builtin === 1) {
    throw new AppError(
      'framework_id_taken',
      `Nothing was imported: "${f.id}" is the id of ${builtin?.name ?? existing?.name}, which comes with Fieldbook. Give your district's framework an id of its own, like "${f.id}-district".`,
      'json',
    );
  }
  if (existing) {
    const keep = new Set(f.elements.map((e) => e.id));
    const titles = new Map((getFramework(ctx.db, f.id)?.elements ?? []).map((e) => [e.id, e.title]));
    const missing = [...tagCounts(ctx.db, f.id)].filter(([id]) => !keep.has(id));
    if (missing.length) {
      const list = missing.map(([id, n]) => `"${id}" (${titles.get(id) ?? id}, used by ${n} ${n === 1 ? 'tag' : 'tags'})`).join(', ');
      throw new AppError(
        'framework_element_in_use',
        `Nothing was imported: the new file leaves out ${list}. Notes and visits are tagged with ${missing.length === 1 ? 'it' : 'them'}, so keep ${missing.length === 1 ? 'that element' : 'those elements'} in the file with the same id.`,
        'json',
      );
    }
  }
  writeFramework(ctx, f, false);
  return getFramework(ctx.db, f.id)!;
}

export function setFrameworkActive(ctx: CoreContext, frameworkId: string, active: boolean): FrameworkInfo {
  const r = ctx.db.prepare(`UPDATE frameworks SET active = ? WHERE id = ?`).run(active ? 1 : 0, frameworkId);
  if (r.changes === 0) throw new AppError('not_found', 'Fieldbook has no framework with that id', 'frameworkId');
  return getFramework(ctx.db, frameworkId)!;
}
