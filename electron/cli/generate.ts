import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/result';
import { dataFolderProblem } from '../core/dataFolder';
import { lockDataFolder } from '../core/dataFolderLock';
import { DB_FILENAME, openDatabase } from '../core/db/connection';
import { createPrivateFile, makePrivateFolder } from '../core/durable';
import { generateDistrictData, isSizeName, SIZE_NAMES, SIZES } from '../core/generate';
import { generateSupervisors } from '../core/generate/supervisors';
import { isoDate } from '../../shared/schoolYear';

/**
 * `npm run generate -- --size medium --out DIR [--seed N] [--today YYYY-MM-DD]`: a data folder with
 * a generated district, for demos and the benchmark. Open it with FIELDBOOK_DATA_DIR=DIR npm start.
 * `npm run generate -- --district 40 --out DIR`: forty supervisors' Fieldbooks and a decade of their
 * exports in DIR/exports, for the district's side (npm run district -- ingest DIR/exports).
 */
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'small' }, out: { type: 'string' }, seed: { type: 'string', default: '1' }, today: { type: 'string' }, district: { type: 'string' },
  },
});
const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};
if (!isSizeName(values.size!)) fail(`--size must be one of ${SIZE_NAMES.join(', ')}`);
if (!values.out) fail('--out DIR: the data folder to fill (a new or empty one)');
if (values.today && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) fail('--today must be a date like 2026-12-01');
const seed = Number(values.seed);
if (!Number.isInteger(seed)) fail('--seed must be a whole number');

const dir = path.resolve(values.out!);
if (values.district !== undefined) {
  const supervisors = Number(values.district);
  if (!Number.isInteger(supervisors) || supervisors < 1 || supervisors > 200) fail('--district N: how many supervisors, 1 to 200');
  if (fs.existsSync(dir) && fs.readdirSync(dir).length) fail(`${dir} is not empty: choose a new folder`);
  console.log(`Generating ${supervisors} supervisors' Fieldbooks and a decade of their exports into ${dir}, seed ${seed}…`);
  const report = await generateSupervisors({ out: dir, supervisors, seed, today: values.today ?? isoDate(new Date()), progress: (m) => console.log(`  ${m}`) });
  console.log(`Done in ${report.seconds} s: ${report.packages} packages (${Object.entries(report.byKind).map(([k, n]) => `${n} ${k}`).join(', ')}) in ${path.join(dir, 'exports')}.`);
  console.log(`Load them with: npm run district -- ingest ${path.join(dir, 'exports')}`);
  process.exit(0);
}
const file = path.join(dir, DB_FILENAME);
if (fs.existsSync(file)) fail(`${file} already exists: choose a new folder (generated data only goes into an empty Fieldbook)`);
const size = values.size as keyof typeof SIZES;
console.log(`Generating ${size} (${SIZES[size].label}) into ${dir}, seed ${seed}…`);
let folderLock: ReturnType<typeof lockDataFolder>;
try {
  makePrivateFolder(dir);
  folderLock = lockDataFolder(dir, 'tool');
} catch (err) {
  fail(err instanceof AppError ? err.message : dataFolderProblem(err, dir).message);
}
createPrivateFile(file);
const db = openDatabase(file);
// Building, not typing: nothing is lost if this is interrupted (start again in a new folder).
db.pragma('synchronous = OFF');
db.pragma('cache_size = -262144');
try {
  const report = generateDistrictData({ db, now: () => new Date(), dataDir: dir, mode: 'browser' }, {
    size, seed, today: values.today, progress: (m) => console.log(`  ${m}`),
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  console.log(`Done in ${report.seconds} s (${Object.entries(report.steps).map(([step, s]) => `${step}: ${s} s`).join('; ')}):`);
  console.log(`  ${Object.entries(report.counts).map(([t, n]) => `${n} ${t}`).join(', ')}.`);
  console.log(`Open it with: FIELDBOOK_DATA_DIR=${dir} npm start`);
} catch (err) {
  fail(err instanceof AppError ? err.message : String(err instanceof Error ? err.stack : err));
} finally {
  db.close();
  folderLock!.release();
}
