import { AppError } from '../../shared/result';
import { type Core, startCore } from '../core';
import { resolveDataDir } from '../core/dataDir';

/** `npm run demo`: fill an empty Fieldbook with the demo district, then `npm start` shows it. */
const dataDir = resolveDataDir();
let core: Core;
try {
  core = startCore({ dataDir, mode: 'browser', holder: 'tool', sync: false });
} catch (err) {
  if (!(err instanceof AppError)) throw err;
  console.error(err.message);
  process.exit(1);
}
const r = await core.call('loadDemoData', {});
core.close();
if (r.ok) {
  const { schools, leaders } = r.value as { schools: number; leaders: number };
  console.log(`Demo district loaded into ${dataDir}: ${schools} schools, ${leaders} leaders. Run npm start to see it.`);
} else {
  console.error(`${r.error.message} (data folder: ${dataDir}; set FIELDBOOK_DATA_DIR to use another one)`);
  process.exit(1);
}
