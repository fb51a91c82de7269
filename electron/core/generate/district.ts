import { addDays } from 'date-fns/addDays';
import { parseISO } from 'date-fns/parseISO';
import { subYears } from 'date-fns/subYears';
import { isoDate } from '../../../shared/schoolYear';
import { defaultCadenceDays, type LeaderRole, type NeedTier, type SchoolLevel, type SupportTier } from '../../../shared/vocabulary';
import { count, type GenContext, type Holding, stamp } from './context';
import { personName } from './text';
import { PLACES, SCHOOL_SUFFIX } from './words';

const LEVELS: SchoolLevel[] = ['elementary', 'elementary', 'elementary', 'elementary', 'elementary', 'middle', 'middle', 'high', 'high', 'span'];
const NEEDS: NeedTier[] = ['high', 'high', 'moderate', 'moderate', 'low'];
/** A principal leaves the role at the end of about one school year in nine. */
const TURNOVER = 0.11;

/**
 * The supervisor's profile, schools and leaders: the district's caseloads of 5 to 25 leaders
 * (mostly principals, some assistant principals and aspiring leaders), each slot held by one
 * person at a time; a leader who leaves is marked so and a successor takes the slot. The first
 * caseload is this supervisor's (assignments); the others are the rest of the district, whose
 * visits and notes are in the file too (so the volume grows while a caseload stays 5 to 25).
 */
export function generateDistrict(g: GenContext, slots: number): void {
  const { db, r } = g;
  const first = g.years[0].start;
  db.prepare(`INSERT INTO settings (id, supervisor_name, supervisor_email, district, target_ratio, school_year_start_month, updated_at) VALUES (1, ?, ?, ?, 5, ?, ?)`)
    .run('Jordan Ellis', 'jordan.ellis@riverbend.k12.example', 'Riverbend Unified School District', g.startMonth, stamp(first));
  const addSchool = db.prepare(`INSERT INTO schools (name, level, need_tier, district_code, created_at) VALUES (?, ?, ?, ?, ?)`);
  const addLeader = db.prepare(
    `INSERT INTO leaders (name, role, school_id, role_start_date, email, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const addAssignment = db.prepare(
    `INSERT INTO assignments (leader_id, support_tier, cadence_days, start_date, end_date) VALUES (?, ?, ?, ?, ?)`,
  );
  const newSchool = (mine: boolean): number => {
    const level = r.pick(LEVELS);
    const n = g.schools.length + 1;
    const name = `${r.pick(PLACES)} ${SCHOOL_SUFFIX[level]}${n > PLACES.length ? ` ${n}` : ''}`;
    const id = Number(addSchool.run(name, level, r.pick(NEEDS), `RV-${1000 + n}`, stamp(first)).lastInsertRowid);
    g.schools.push({ id, name, mine });
    count(g, 'schools');
    return id;
  };
  const holdSlot = (role: LeaderRole, schoolId: number, mine: boolean) => {
    let fromYear = 0;
    while (fromYear < g.years.length) {
      let toYear = fromYear;
      while (toYear < g.years.length - 1 && !r.chance(TURNOVER)) toYear++;
      const person = personName(r);
      const joined = g.years[fromYear].start;
      // The first holder may have been in the role for years already; a successor starts with the year.
      const roleStart = fromYear === 0 ? isoDate(subYears(parseISO(joined), r.int(0, 12))) : joined;
      const newInRole = isoDate(addDays(parseISO(roleStart), 3 * 365)) > joined;
      const tier: SupportTier = newInRole ? r.pick(['intensive', 'targeted'] as const) : r.pick(['targeted', 'standard', 'standard'] as const);
      const left = toYear < g.years.length - 1;
      const id = Number(addLeader.run(person.full, role, schoolId, roleStart,
        `${person.full.toLowerCase().replace(/[^a-z]+/g, '.')}.${g.holdings.length + 1}@riverbend.k12.example`,
        left ? 'left' : 'active', stamp(joined)).lastInsertRowid);
      const cadenceDays = defaultCadenceDays(tier, newInRole);
      if (mine) addAssignment.run(id, tier, cadenceDays, joined, left ? g.years[toYear].end : null);
      g.holdings.push({ leaderId: id, name: person.full, firstName: person.first, role, schoolId, tier, cadenceDays, mine, fromYear, toYear });
      count(g, 'leaders');
      fromYear = toYear + 1;
    }
  };
  db.transaction(() => {
    let left = slots;
    for (let caseload = 0; left > 0; caseload++) {
      const mine = caseload === 0;
      // Yours is a typical district caseload (16 to 24 is common); the others range from 5 to 25.
      const size = Math.min(left, mine ? r.int(16, 24) : r.int(5, 25));
      const caseloadSchools: number[] = [];
      let aspiring = 0;
      for (let i = 0; i < size; i++) {
        const roll = r.next();
        let role: LeaderRole = caseloadSchools.length === 0 || roll < 0.78 ? 'principal' : roll < 0.93 ? 'assistant_principal' : 'aspiring';
        // Your caseload includes a couple of aspiring leaders (residents), the pool successors come from.
        if (mine && i >= size - 2 && aspiring < 2) role = 'aspiring';
        if (role === 'aspiring') aspiring++;
        const schoolId = role === 'principal' ? newSchool(mine) : r.pick(caseloadSchools);
        if (role === 'principal') caseloadSchools.push(schoolId);
        holdSlot(role, schoolId, mine);
      }
      left -= size;
    }
  })();
}

/** The holdings active in school year y. */
export const holdingsIn = (g: GenContext, y: number): Holding[] => g.holdings.filter((h) => h.fromYear <= y && y <= h.toYear);
