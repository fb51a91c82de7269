import { subDays } from 'date-fns/subDays';
import { subYears } from 'date-fns/subYears';
import { subMonths } from 'date-fns/subMonths';
import { AppError } from '../../../../shared/result';
import { isoDate, schoolYearOf } from '../../../../shared/schoolYear';
import type { NeedTier, SchoolLevel, SupportTier, LeaderRole } from '../../../../shared/vocabulary';
import type { CoreContext } from '../../context';
import { addLeader } from './caseload';
import { saveSettings } from '../settings/settings';
import { insertSchool } from './schools';
import { loadDemoCta } from '../cta/demo';
import { loadDemoRetention } from '../retention/demo';

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

/**
 * A few notes from this school year, tagged against PSEL, so the evaluation screens have evidence to
 * show: evaluative ones, and one coaching note that stays out of the roll-up unless deliberately included.
 */
const NOTES: { leader: number; daysAgo: number; kind: 'coaching' | 'evaluative'; elements: string[]; body: string }[] = [
  { leader: 0, daysAgo: 40, kind: 'evaluative', elements: ['mission-vision-core-values'], body: 'Marisol opened the staff meeting by tying every agenda item back to the school’s reading vision; teachers could restate it in their own words.' },
  { leader: 0, daysAgo: 25, kind: 'evaluative', elements: ['curriculum-instruction-assessment', 'school-improvement'], body: 'In the grade 3 data meeting Marisol had teams sort interim results by standard and plan small-group instruction for the next two weeks.' },
  { leader: 0, daysAgo: 12, kind: 'coaching', elements: ['school-improvement'], body: 'Marisol said she feels stretched thin by the master schedule rebuild; we talked through what to hand to her AP.' },
  { leader: 1, daysAgo: 30, kind: 'evaluative', elements: ['professional-capacity-school-personnel'], body: 'Darnell’s feedback to new teachers was specific and followed up within a week on every walkthrough we looked at.' },
];

function loadDemoNotes(ctx: CoreContext, leaderIds: number[]): void {
  if (!ctx.db.prepare(`SELECT 1 FROM framework_elements WHERE framework_id = 'psel-2015'`).get()) return;
  const yearStart = schoolYearOf(ctx.now()).start;
  const addNote = ctx.db.prepare(`INSERT INTO notes (leader_id, body, evidence_kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`);
  const addTag = ctx.db.prepare(`INSERT INTO tags (note_id, framework_id, element_id, created_at) VALUES (?, 'psel-2015', ?, ?)`);
  for (const n of NOTES) {
    const day = isoDate(subDays(ctx.now(), n.daysAgo));
    const at = `${day < yearStart ? yearStart : day}T15:00:00.000Z`;
    const noteId = Number(addNote.run(leaderIds[n.leader], n.body, n.kind, at, at).lastInsertRowid);
    for (const e of n.elements) addTag.run(noteId, e, at);
  }
}

export function loadDemoData(ctx: CoreContext): { schools: number; leaders: number } {
  return ctx.db.transaction(() => {
    const { n } = ctx.db.prepare(`SELECT (SELECT count(*) FROM settings) + (SELECT count(*) FROM schools) + (SELECT count(*) FROM leaders) AS n`).get() as { n: number };
    if (n > 0) throw new AppError('not_empty', 'Demo data can only be loaded into an empty Fieldbook; yours already has a profile, schools or leaders.');
    saveSettings(ctx, { supervisorName: 'Jordan Ellis', district: 'Riverbend Unified School District', targetRatio: 5, schoolYearStartMonth: 7 });
    const schoolIds = SCHOOLS.map((s) => insertSchool(ctx, s).id);
    const now = ctx.now();
    const leaderIds: number[] = [];
    for (const l of LEADERS) {
      // The aspiring leader started their leadership residency two months ago.
      const started = l.yearsAgo === 0 ? subMonths(now, 2) : subYears(subMonths(now, 3), l.yearsAgo);
      leaderIds.push(addLeader(ctx, {
        name: l.name, role: l.role, schoolId: schoolIds[l.school], roleStartDate: isoDate(started), email: l.email,
        status: 'active', assignment: { supportTier: l.tier, cadenceDays: null },
      }).id);
    }
    loadDemoCta(ctx, schoolIds);
    loadDemoNotes(ctx, leaderIds);
    loadDemoRetention(ctx, leaderIds, schoolIds);
    return { schools: SCHOOLS.length, leaders: LEADERS.length };
  })();
}
