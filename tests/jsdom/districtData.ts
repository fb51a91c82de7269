import { openPglite } from '../../district/db/connection';
import { migrateDistrict } from '../../district/db/migrate';
import { loadTwoSupervisors } from '../node/leaderViewFixture';

/**
 * Run by node (not in jsdom, whose Uint8Array is not Node's, so PGlite cannot store files there):
 * the two supervisors' district, loaded into a PGlite data folder the component tests then open.
 */
const db = await openPglite(process.argv[2]);
await migrateDistrict(db);
await loadTwoSupervisors(db);
await db.close();
