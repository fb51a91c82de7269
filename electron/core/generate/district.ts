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
export function generateDistrict(g: GenContext, slots: number, profile: SupervisorProfile = DEFAULT_PROFILE): void {
  const { db, r } = g;
  const first = g.years[0].start;
  db.prepare(`INSERT INTO settings (id, supervisor_name, supervisor_email, district, target_ratio, school_year_start_month, updated_at) VALUES (1, ?, ?, ?, 5, ?, ?)`)
    .run(profile.name, profile.email, profile.district, g.startMonth, stamp(first));
  // Principal posts on this caseload, in order: the first ones are where movers leave from or arrive at.
  let principalPost = 0;
  const leaving = profile.leaving ?? [];
  const arriving = profile.arriving ?? [];
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
    const id = Number(addSchool.run(name, level, r.pick(NEEDS), `${profile.schoolCodePrefix}-${1000 + n}`, stamp(first)).lastInsertRowid);
    g.schools.push({ id, name, mine });
    count(g, 'schools');
    return id;
  };
  const holdSlot = (role: LeaderRole, schoolId: number, mine: boolean) => {
    const post = mine && role === 'principal' ? principalPost++ : -1;
    // A leader who moves to another supervisor holds this post first, and leaves after their year;
    // one who comes from another supervisor takes this post from their year on.
    const leaver = post >= 0 ? leaving[post] : undefined;
    const arrival = post >= 0 ? arriving[post - leaving.length] : undefined;
    let fromYear = 0;
    while (fromYear < g.years.length) {
      let toYear = fromYear;
      while (toYear < g.years.length - 1 && !r.chance(TURNOVER)) toYear++;
      if (leaver && fromYear === 0) toYear = Math.min(leaver.year, g.years.length - 1);
      if (arrival && fromYear < arrival.year) toYear = Math.min(toYear, arrival.year - 1);
      const mover = leaver && fromYear === 0 ? leaver : arrival && fromYear === arrival.year ? arrival : null;
      const person = mover ? { full: mover.name, first: mover.firstName } : personName(r);
      const joined = g.years[fromYear].start;
      // The first holder may have been in the role for years already; a successor starts with the year.
      const roleStart = fromYear === 0 ? isoDate(subYears(parseISO(joined), r.int(0, 12))) : joined;
      const newInRole = isoDate(addDays(parseISO(roleStart), 3 * 365)) > joined;
      const tier: SupportTier = newInRole ? r.pick(['intensive', 'targeted'] as const) : r.pick(['targeted', 'standard', 'standard'] as const);
      const left = toYear < g.years.length - 1;
      const email = mover?.email ?? `${person.full.toLowerCase().replace(/[^a-z]+/g, '.')}.${profile.emailTag}${g.holdings.length + 1}@riverbend.k12.example`;
      const id = Number(addLeader.run(person.full, role, schoolId, roleStart, email, left ? 'left' : 'active', stamp(joined)).lastInsertRowid);
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
      left = profile.caseloadOnly ? 0 : left - size;
    }
  })();
}

/** Someone who moves between supervisors: they leave one caseload after `year` (an index into the years) or join another in it. */
export interface Mover {
  name: string;
  firstName: string;
  email: string;
  year: number;
}

/** Whose Fieldbook is generated: the profile, and what keeps its schools and leaders apart from other supervisors'. */
export interface SupervisorProfile {
  name: string;
  email: string;
  district: string;
  /** School codes are <prefix>-1001, <prefix>-1002…: unique to this supervisor. */
  schoolCodePrefix: string;
  /** Part of every generated leader's email, so two supervisors' leaders never share one. */
  emailTag: string;
  leaving?: Mover[];
  arriving?: Mover[];
  /** Only this supervisor's caseload in the file, not the district's other caseloads (one Fieldbook per supervisor). */
  caseloadOnly?: boolean;
}

export const DEFAULT_PROFILE: SupervisorProfile = {
  name: 'Jordan Ellis', email: 'jordan.ellis@riverbend.k12.example', district: 'Riverbend Unified School District', schoolCodePrefix: 'RV', emailTag: '',
};

/** The holdings active in school year y. */
export const holdingsIn = (g: GenContext, y: number): Holding[] => g.holdings.filter((h) => h.fromYear <= y && y <= h.toYear);
