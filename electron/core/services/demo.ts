import { subYears, subMonths } from 'date-fns';
import { AppError } from '../../../shared/result';
import { isoDate } from '../../../shared/schoolYear';
import type { NeedTier, SchoolLevel, SupportTier, LeaderRole } from '../../../shared/vocabulary';
import type { CoreContext } from '../context';
import { addLeader } from './caseload';
import { saveSettings } from './settings';
import { insertSchool } from './schools';
import { loadDemoCta } from './cta/demo';

/**
 * A small, realistic district so a newcomer sees a living app: one supervisor, six schools of
 * every level and need tier, and eight leaders, among them two assistant principals, a novice
 * principal and an aspiring leader. Names are invented.
 */
const SCHOOLS: { name: string; level: SchoolLevel; needTier: NeedTier; districtCode: string }[] = [
  { name: 'Cedar Grove Elementary', level: 'elementary', needTier: 'high', districtCode: 'RV-104' },
  { name: 'Lincoln Park Elementary', level: 'elementary', needTier: 'moderate', districtCode: 'RV-112' },
  { name: 'Mesa Verde Middle School', level: 'middle', needTier: 'high', districtCode: 'RV-210' },
  { name: 'Harbor View Middle School', level: 'middle', needTier: 'low', districtCode: 'RV-214' },
  { name: 'Riverbend High School', level: 'high', needTier: 'moderate', districtCode: 'RV-301' },
  { name: 'Juniper Academy (K–8)', level: 'span', needTier: 'high', districtCode: 'RV-405' },
];

const LEADERS: { name: string; role: LeaderRole; school: number; yearsAgo: number; email: string; tier: SupportTier }[] = [
  { name: 'Marisol Vega', role: 'principal', school: 0, yearsAgo: 1, email: 'mvega@riverbend.k12.example', tier: 'intensive' },
  { name: 'Darnell Brooks', role: 'principal', school: 1, yearsAgo: 6, email: 'dbrooks@riverbend.k12.example', tier: 'standard' },
  { name: 'Anh Nguyen', role: 'principal', school: 2, yearsAgo: 4, email: 'anguyen@riverbend.k12.example', tier: 'targeted' },
  { name: 'Patricia Okafor', role: 'principal', school: 3, yearsAgo: 9, email: 'pokafor@riverbend.k12.example', tier: 'standard' },
  { name: 'Samuel Reyes', role: 'principal', school: 4, yearsAgo: 5, email: 'sreyes@riverbend.k12.example', tier: 'standard' },
  { name: 'Keisha Thompson', role: 'assistant_principal', school: 5, yearsAgo: 2, email: 'kthompson@riverbend.k12.example', tier: 'targeted' },
  { name: 'Owen Castillo', role: 'assistant_principal', school: 4, yearsAgo: 3, email: 'ocastillo@riverbend.k12.example', tier: 'standard' },
  { name: 'Leah Goldberg', role: 'aspiring', school: 2, yearsAgo: 0, email: 'lgoldberg@riverbend.k12.example', tier: 'standard' },
];

export function loadDemoData(ctx: CoreContext): { schools: number; leaders: number } {
  return ctx.db.transaction(() => {
    const { n } = ctx.db.prepare(`SELECT (SELECT count(*) FROM settings) + (SELECT count(*) FROM schools) + (SELECT count(*) FROM leaders) AS n`).get() as { n: number };
    if (n > 0) throw new AppError('not_empty', 'Demo data can only be loaded into an empty Fieldbook; yours already has a profile, schools or leaders.');
    saveSettings(ctx, { supervisorName: 'Jordan Ellis', district: 'Riverbend Unified School District', targetRatio: 5, schoolYearStartMonth: 7 });
    const schoolIds = SCHOOLS.map((s) => insertSchool(ctx, s).id);
    const now = ctx.now();
    for (const l of LEADERS) {
      // The aspiring leader started their leadership residency two months ago.
      const started = l.yearsAgo === 0 ? subMonths(now, 2) : subYears(subMonths(now, 3), l.yearsAgo);
      addLeader(ctx, {
        name: l.name, role: l.role, schoolId: schoolIds[l.school], roleStartDate: isoDate(started), email: l.email,
        status: 'active', assignment: { supportTier: l.tier, cadenceDays: null },
      });
    }
    loadDemoCta(ctx, schoolIds);
    return { schools: SCHOOLS.length, leaders: LEADERS.length };
  })();
}
