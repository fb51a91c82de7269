import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type DistrictDb, openPglite, openPostgres } from '../../district/db/connection';
import { migrateDistrict } from '../../district/db/migrate';
import { ingestFolder, summaryLine } from '../../district/ingest';
import { SCHEMA_VERSION } from '../../electron/core/db/connection';
import { GENERATOR_VERSION } from '../../electron/core/generate';
import { generateSupervisors } from '../../electron/core/generate/supervisors';
import { startThrowawayPostgres } from '../node/postgres';
import { BENCH_DIR } from './data';
import { round, type Row } from './stats';

/**
 * The district's side at district scale: N supervisors' decade of exports (generated once and
 * kept, for a fixed day), loaded into a fresh database on PGlite and on a real PostgreSQL server
 * in the same run, then loaded again (everything "already had"). Budgets (issue 15): the whole
 * decade for 40 supervisors in under 5 minutes on real PostgreSQL, and loading it again at least
 * ten times faster than the first time.
 */
export const DAY = '2026-12-01';
const LOAD_BUDGET_S = 300;

export async function districtDataFor(supervisors: number, seed = 1): Promise<{ exportsDir: string; packages: number; generatedSeconds: number | null }> {
  const dir = path.join(BENCH_DIR, `district-${supervisors}-seed${seed}-${DAY}-v${SCHEMA_VERSION}-g${GENERATOR_VERSION}`);
  const done = path.join(dir, 'generated.json');
  if (!fs.existsSync(done)) {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const old of fs.existsSync(BENCH_DIR) ? fs.readdirSync(BENCH_DIR) : []) {
      if (old.startsWith(`district-${supervisors}-`)) fs.rmSync(path.join(BENCH_DIR, old), { recursive: true, force: true });
    }
    console.log(`Generating ${supervisors} supervisors' decade of exports into ${dir} (a few seconds per supervisor)…`);
    const report = await generateSupervisors({ out: dir, supervisors, seed, today: DAY, progress: (m) => console.log(`  ${m}`) });
    fs.writeFileSync(done, JSON.stringify(report, null, 2));
    return { exportsDir: path.join(dir, 'exports'), packages: report.packages, generatedSeconds: report.seconds };
  }
  const report = JSON.parse(fs.readFileSync(done, 'utf8')) as { packages: number };
  return { exportsDir: path.join(dir, 'exports'), packages: report.packages, generatedSeconds: null };
}

const single = (size: string, operation: string, value: number, unit: Row['unit'], budget: number | null, note?: string): Row =>
  ({ size, operation, unit, p50: round(value), p95: round(value), budget, samples: 1, note });

async function loadTwice(db: DistrictDb, exportsDir: string, concurrency: number): Promise<{ first: number; again: number; line: string; againLine: string }> {
  await migrateDistrict(db);
  const quarantineRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-bench-quarantine-'));
  let t = performance.now();
  const first = await ingestFolder(db, exportsDir, { channel: 'ingest', quarantineRoot, concurrency, commitEvery: 25 });
  const firstS = (performance.now() - t) / 1000;
  t = performance.now();
  const again = await ingestFolder(db, exportsDir, { channel: 'ingest', quarantineRoot, concurrency, commitEvery: 25 });
  const againS = (performance.now() - t) / 1000;
  if (first.counts.quarantined) throw new Error(`The bench's packages were refused: ${first.reports.find((r) => r.refusal)?.line}`);
  return { first: firstS, again: againS, line: summaryLine(first.counts), againLine: summaryLine(again.counts) };
}

/** Rows for one engine: the whole load, its throughput, the load again, and again ÷ first. */
function rowsFor(engine: string, scale: string, packages: number, r: { first: number; again: number; line: string; againLine: string }, budget: number | null): Row[] {
  return [
    single('district', `ingest ${scale}, ${engine}: the whole decade`, r.first, 's', budget, r.line),
    single('district', `ingest throughput, ${engine}`, packages / r.first, 'per s', null, `${packages} packages`),
    single('district', `ingest everything again, ${engine}`, r.again, 's', null, r.againLine),
    single('district', `ingest again ÷ first ingest, ${engine}`, r.again / r.first, 'x', 0.1, `${round(r.first / r.again)}× faster`),
  ];
}

/** `measure`: more rows from each engine's database once it holds the district (the leader tracking view's). */
export async function districtBench(supervisors: number, engines: string[], log: (line: string) => void, measure?: (db: DistrictDb, engine: string) => Promise<Row[]>): Promise<Row[]> {
  const data = await districtDataFor(supervisors);
  const scale = `${supervisors} supervisors × 10 school years`;
  const rows: Row[] = [];
  log(`District: ${data.packages} packages in ${data.exportsDir}`);

  if (engines.includes('pglite')) {
    const liteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-bench-pglite-'));
    const lite = await openPglite(path.join(liteDir, 'pglite'));
    try {
      log('  loading into PGlite…');
      rows.push(...rowsFor('PGlite', scale, data.packages, await loadTwice(lite, data.exportsDir, 1), null));
      if (measure) rows.push(...(await measure(lite, 'PGlite')));
    } finally {
      await lite.close();
      fs.rmSync(liteDir, { recursive: true, force: true });
    }
  }
  if (!engines.includes('postgres')) return rows;

  // A real server: FIELDBOOK_BENCH_DATABASE_URL (an empty database), or a throwaway cluster with PostgreSQL's default durability (fsync on).
  const own = process.env.FIELDBOOK_BENCH_DATABASE_URL ? null : await startThrowawayPostgres();
  const server = openPostgres(process.env.FIELDBOOK_BENCH_DATABASE_URL ?? own!.url);
  try {
    const version = (await server.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v;
    log(`  loading into PostgreSQL ${version}…`);
    rows.push(...rowsFor(`PostgreSQL ${version.split(' ')[0]}`, scale, data.packages, await loadTwice(server, data.exportsDir, 4), LOAD_BUDGET_S));
    if (measure) rows.push(...(await measure(server, `PostgreSQL ${version.split(' ')[0]}`)));
  } finally {
    await server.close();
    await own?.stop();
  }
  return rows;
}
