import fs from 'node:fs';
import path from 'node:path';
import { DB_FILENAME, openDatabase } from '../../electron/core/db/connection';

/**
 * `tsx tests/bench/stat1.ts DIR`: the planner's statistics of a generated large data folder, as the
 * fixture the query-plan test plans with (tests/node/fixtures/large-stat1.json). Run it again
 * after adding an index, so the test knows the index's shape too.
 */
const dir = process.argv[2];
if (!dir) throw new Error('usage: tsx tests/bench/stat1.ts DATA_DIR');
const db = openDatabase(path.join(dir, DB_FILENAME));
db.exec('ANALYZE');
const rows = db.prepare(`SELECT tbl, idx, stat FROM sqlite_stat1 ORDER BY tbl, idx`).all();
db.close();
const out = path.resolve(import.meta.dirname, '../node/fixtures/large-stat1.json');
fs.writeFileSync(out, `${JSON.stringify(rows, null, 1)}\n`);
console.log(`Wrote ${rows.length} rows to ${out}`);
