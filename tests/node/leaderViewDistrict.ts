import type { DistrictDb } from '../../district/db/connection';
import { JORDAN, loadTwoSupervisors, SAM } from './leaderViewFixture';
import { signedIn, type Staff } from './leaderViewHelpers';

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
