import os from 'node:os';
import path from 'node:path';
import { type DistrictDb, openPglite, openPostgres } from './db/connection';
import { migrateDistrict } from './db/migrate';

/**
 * Where the district keeps things (docs/district.md): its data folder (PGlite's database when
 * there is no DATABASE_URL, the quarantine folder, the default drop folder) and its database.
 */
export interface DistrictConfig {
  dataDir: string;
  dropDir: string;
  quarantineDir: string;
  databaseUrl: string | null;
}

export function districtConfig(env: NodeJS.ProcessEnv = process.env): DistrictConfig {
  const dataDir = path.resolve(env.FIELDBOOK_DISTRICT_DATA_DIR || path.join(os.homedir(), '.local', 'share', 'fieldbook-district'));
  return {
    dataDir,
    dropDir: path.resolve(env.FIELDBOOK_DISTRICT_DROP || path.join(dataDir, 'drop')),
    quarantineDir: path.join(dataDir, 'quarantine'),
    databaseUrl: env.DATABASE_URL || null,
  };
}

/** Open the database and bring its schema up to date (refusing one a newer district made). */
export async function openDistrictDb(config: DistrictConfig, log: (line: string) => void = () => undefined): Promise<DistrictDb> {
  const db = config.databaseUrl ? openPostgres(config.databaseUrl) : await openPglite(path.join(config.dataDir, 'pglite'));
  try {
    await migrateDistrict(db, log);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
