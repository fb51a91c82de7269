import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { DistrictDb } from '../../district/db/connection';
import { openTestDistrictDb, type TestDistrictDb } from './districtFixture';
import { JORDAN, loadTwoSupervisors, SAM } from './leaderViewFixture';
import { signedIn, type Staff } from './leaderViewHelpers';

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

export type StaffName = 'chief' | 'analyst' | 'jordan' | 'sam' | 'nobody';

/** The two supervisors' district, and someone of every role signed in (a supervisor whose exports have not arrived too). */
export async function twoSupervisorsAndStaff(db: DistrictDb, staff: Record<StaffName, Staff>): Promise<void> {
  await loadTwoSupervisors(db);
  staff.chief = await signedIn(db, 'chief@riverbend.example', 'chief');
  staff.analyst = await signedIn(db, 'analyst@riverbend.example', 'analyst');
  staff.jordan = await signedIn(db, JORDAN.supervisorEmail, 'supervisor');
  staff.sam = await signedIn(db, SAM.supervisorEmail, 'supervisor');
  staff.nobody = await signedIn(db, 'new.supervisor@riverbend.example', 'supervisor');
}
