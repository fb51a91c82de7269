import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type DistrictDb, openPglite, openPostgres } from '../../district/db/connection';
import { migrateDistrict } from '../../district/db/migrate';
import { sha256 } from '../../district/package/check';
import { packageJsonBytes } from '../../shared/exportFormat/document';
import { tempDir } from './helpers';
import { type TestPostgres, testPostgres } from './postgres';

/** The district's database for a test file: PGlite in memory, or a database of its own on a real server. */
export interface TestDistrictDb {
  db: DistrictDb;
  engine: 'pglite' | 'postgres';
  server: TestPostgres | null;
  /** Empty every table (between tests). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function openTestDistrictDb(engine: 'pglite' | 'postgres'): Promise<TestDistrictDb | { skip: string }> {
  let server: TestPostgres | null = null;
  let db: DistrictDb;
  if (engine === 'postgres') {
    const found = await testPostgres();
    if ('skip' in found) return found;
    server = found;
    db = openPostgres(found.url);
  } else {
    db = await openPglite();
  }
  await migrateDistrict(db);
  const tables = (await db.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`)).rows.map((r) => r.name);
  return {
    db, engine, server,
    reset: () => db.exec(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`),
    close: async () => {
      await db.close();
      await server?.drop();
    },
  };
}

/** Rows in every table: what "the database is unchanged" compares. */
export async function tableCounts(db: DistrictDb, except: string[] = []): Promise<Record<string, number>> {
  const tables = (await db.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).rows.map((r) => r.name);
  const counts: Record<string, number> = {};
  for (const t of tables.filter((x) => !except.includes(x))) counts[t] = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${t}`)).rows[0].n;
  return counts;
}

/** Copies of package folders (by a test of their names) into a new folder a test may change. */
export function copyPackages(from: string, keep: (name: string) => boolean = () => true, into = tempDir()): string {
  for (const name of fs.readdirSync(from).filter((n) => !n.startsWith('.') && keep(n))) fs.cpSync(path.join(from, name), path.join(into, name), { recursive: true });
  return into;
}

export const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** A document a test has just read and reaches into to spoil it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any shape, on purpose
type Loose = Record<string, any>;

/**
 * Change a package's document and make its manifest agree again (sizes and SHA-256s), so the
 * one thing wrong is the change itself; then change the manifest if asked.
 */
export function rewritePackage(dir: string, change: { document?: (doc: Loose) => unknown; manifest?: (m: Loose) => void; raw?: (text: string) => string }): void {
  const docFile = path.join(dir, 'fieldbook-export.json');
  if (change.document) {
    const doc = readJson(docFile);
    const replaced = change.document(doc);
    fs.writeFileSync(docFile, packageJsonBytes(replaced ?? doc));
  }
  if (change.raw) fs.writeFileSync(docFile, change.raw(fs.readFileSync(docFile, 'utf8')));
  const manifestFile = path.join(dir, 'fieldbook-manifest.json');
  const manifest = readJson(manifestFile);
  for (const f of manifest.files) {
    const file = path.join(dir, f.name);
    if (!fs.existsSync(file)) continue;
    const bytes = fs.readFileSync(file);
    f.size = bytes.length;
    f.sha256 = sha256(bytes);
  }
  change.manifest?.(manifest);
  fs.writeFileSync(manifestFile, packageJsonBytes(manifest));
}

/** The package folder in `root` whose name starts with kind-- (the first, or the one matching). */
export function packageDir(root: string, kind: string, match = ''): string {
  const name = fs.readdirSync(root).find((n) => n.startsWith(`${kind}--`) && n.includes(match));
  if (!name) throw new Error(`no ${kind} package in ${root}`);
  return path.join(root, name);
}

/**
 * The district's database for a test file on one engine: opened and set up before its tests, closed
 * after, and each test skipped with the reason when that engine is not there (no PostgreSQL server).
 */
export function districtForTests(engine: 'pglite' | 'postgres', setUp: (t: TestDistrictDb) => Promise<void>, beforeEachTest?: (t: TestDistrictDb) => Promise<void>): () => TestDistrictDb {
  let t: TestDistrictDb | null = null;
  let skip: string | null = null;
  beforeAll(async () => {
    const opened = await openTestDistrictDb(engine);
    if ('skip' in opened) {
      skip = opened.skip;
      return;
    }
    t = opened;
    await setUp(t);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async (test) => {
    if (skip) test.skip(skip);
    await beforeEachTest?.(t!);
  });
  return () => t!;
}
