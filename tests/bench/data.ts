import fs from 'node:fs';
import path from 'node:path';
import { DB_FILENAME, openDatabase, SCHEMA_VERSION } from '../../electron/core/db/connection';
import { GENERATOR_VERSION, generateDistrictData, type SizeName } from '../../electron/core/generate';
import { isoDate } from '../../shared/schoolYear';

export const BENCH_DIR = path.resolve(import.meta.dirname, '.data');

/**
 * The data folder for a size, generated once a day and kept (tests/bench/.data is not committed):
 * the large set takes a few minutes to build, and every run of the day measures the same data.
 */
export function dataFor(size: SizeName, seed = 1): { dir: string; generatedSeconds: number | null } {
  const today = isoDate(new Date());
  const dir = path.join(BENCH_DIR, `${size}-seed${seed}-${today}-v${SCHEMA_VERSION}-g${GENERATOR_VERSION}`);
  const done = path.join(dir, 'generated.json');
  if (fs.existsSync(done)) return { dir, generatedSeconds: null };
  fs.rmSync(dir, { recursive: true, force: true });
  for (const old of fs.existsSync(BENCH_DIR) ? fs.readdirSync(BENCH_DIR) : []) {
    if (old.startsWith(`${size}-`)) fs.rmSync(path.join(BENCH_DIR, old), { recursive: true, force: true });
  }
  console.log(`Generating the ${size} data set into ${dir}…`);
  const db = openDatabase(path.join(dir, DB_FILENAME));
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const report = generateDistrictData({ db, now: () => new Date(), dataDir: dir, mode: 'browser' }, { size, seed, today, progress: (m) => console.log(`  ${m}`) });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  fs.writeFileSync(done, JSON.stringify(report, null, 2));
  console.log(`  generated in ${report.seconds} s`);
  return { dir, generatedSeconds: report.seconds };
}
