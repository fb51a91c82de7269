import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { districtConfig, openDistrictDb } from '../../district/config';
import { ingestFolder } from '../../district/ingest';
import { districtSuite } from './districtSuite';
import { tempDir } from './helpers';

/** The district's side on PGlite, the embedded default (tests/node/districtSuite.ts), and its data folder. */
districtSuite('pglite');

const inOtherProcess = (folder: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures/openDistrictFolder.ts'), folder], { encoding: 'utf8' }).stdout.trim();

describe('PGlite in the district data folder', { timeout: 120_000 }, () => {
  it('keeps what was loaded across a restart, lets one process at a time use it, and takes over from one that died', async () => {
    const config = districtConfig({ FIELDBOOK_DISTRICT_DATA_DIR: tempDir() });
    const db = await openDistrictDb(config);
    const v1 = path.resolve(import.meta.dirname, 'fixtures/v1-packages/jordan');
    const { counts } = await ingestFolder(db, v1, { channel: 'ingest', quarantineRoot: config.quarantineDir });
    expect(counts.loaded + counts.superseded).toBe(7);
    expect(inOtherProcess(path.join(config.dataDir, 'pglite'))).toMatch(/^refused: The district database in .* is in use by another Fieldbook district process \(pid \d+\)/);
    await db.close();
    expect(inOtherProcess(path.join(config.dataDir, 'pglite'))).toBe('opened: 7 packages');
    // A lock file left by a process that no longer exists.
    fs.writeFileSync(path.join(config.dataDir, 'pglite.lock'), '999999');
    expect(inOtherProcess(path.join(config.dataDir, 'pglite'))).toBe('opened: 7 packages');
  });
});
