import { z } from 'zod';
import { type CsvRecord, detectSeparator, parseCsv, restoreFormulaText, SEPARATOR_NAMES } from '../../../../shared/csv';
import type { RosterImportResult, RosterPreview, RosterRowPreview } from '../../../../shared/caseload/model';
import { AppError } from '../../../../shared/result';
import { leaderInput, schoolInput } from '../../../../shared/caseload/contract';
import {
  LEADER_ROLES, LEADER_ROLE_LABELS, NEED_TIERS, NEED_TIER_LABELS, SCHOOL_LEVELS, SCHOOL_LEVEL_LABELS,
  SUPPORT_TIERS, SUPPORT_TIER_LABELS, defaultSupportTier, type SupportTier,
} from '../../../../shared/vocabulary';
import type { CoreContext } from '../../context';
import type { Db } from '../../db/connection';
import { dateOrderOf, readDate } from './rosterDates';
import { findLeaderByEmail, insertLeader } from './caseload';
import { findSchoolByCode, insertSchool, listSchools } from './schools';

/**
 * Roster CSV import: one row per leader. Preview shows every row's problems before anything is
 * written; import writes all rows or none. Duplicates are found by email (leaders) and by
 * district code or name (schools).
 */

type Column = 'name' | 'email' | 'role' | 'roleStartDate' | 'schoolName' | 'schoolCode' | 'schoolLevel' | 'needTier' | 'supportTier' | 'cadenceDays';

/** Header spellings we accept, compared lower-case with spaces, dashes and underscores removed. */
const HEADERS: Record<Column, string[]> = {
  name: ['name', 'leadername', 'fullname', 'leader'],
  email: ['email', 'emailaddress'],
  role: ['role', 'position'],
  roleStartDate: ['rolestartdate', 'startedinrole', 'datestartedinrole', 'startdate'],
  schoolName: ['schoolname', 'school'],
  schoolCode: ['schoolcode', 'districtcode', 'code'],
  schoolLevel: ['schoollevel', 'level'],
  needTier: ['needtier', 'need', 'schoolneed'],
  supportTier: ['supporttier', 'tier'],
  cadenceDays: ['cadencedays', 'cadence', 'visitcadence', 'visitcadencedays'],
};
const REQUIRED: Column[] = ['name', 'role', 'roleStartDate', 'schoolName'];
/** Column names as the template and error messages spell them. */
export const ROSTER_COLUMNS: Record<Column, string> = {
  name: 'name', email: 'email', role: 'role', roleStartDate: 'role_start_date', schoolName: 'school_name',
  schoolCode: 'school_code', schoolLevel: 'school_level', needTier: 'need_tier', supportTier: 'support_tier',
  cadenceDays: 'cadence_days',
};

const squash = (s: string) => s.toLowerCase().replace(/[\s_\-.()]/g, '');

/** Match a cell to a vocabulary key by key or label ("Assistant principal", "assistant_principal", "AP"). */
function vocab<T extends string>(keys: readonly T[], labels: Record<T, string>, extra: Record<string, T> = {}) {
  const lookup = new Map<string, T>();
  for (const k of keys) {
    lookup.set(squash(k), k);
    lookup.set(squash(labels[k]), k);
  }
  for (const [alias, k] of Object.entries(extra)) lookup.set(squash(alias), k);
  return (raw: string): T | undefined => lookup.get(squash(raw));
}
const matchRole = vocab(LEADER_ROLES, LEADER_ROLE_LABELS, { ap: 'assistant_principal', vp: 'assistant_principal', 'vice principal': 'assistant_principal', aspiring: 'aspiring' });
const matchLevel = vocab(SCHOOL_LEVELS, SCHOOL_LEVEL_LABELS, { es: 'elementary', ms: 'middle', hs: 'high', k8: 'span', 'k-8': 'span', 'k-12': 'span', '6-12': 'span' });
const matchNeed = vocab(NEED_TIERS, NEED_TIER_LABELS, { medium: 'moderate', low: 'low', lower: 'low' });
const matchSupport = vocab(SUPPORT_TIERS, SUPPORT_TIER_LABELS);

/** A row LibreOffice or Excel wrote for an empty line of the sheet: nothing but separators. */
const isBlank = (r: CsvRecord) => r.fields.every((f) => f.trim() === '');

interface PlannedSchool { key: string; name: string; level: string; needTier: string; districtCode: string | null }
interface PlannedRow {
  preview: RosterRowPreview;
  leader?: z.output<typeof leaderInput>;
  /** An existing school's id, or the key of a school this import creates. */
  school?: { id: number; adoptCode?: string } | { newKey: string };
  supportTier: SupportTier;
  cadenceDays: number | null;
}
interface Plan { rows: PlannedRow[]; newSchools: Map<string, PlannedSchool>; fileErrors: string[]; notices: string[] }

function firstIssues(result: z.ZodSafeParseResult<unknown>, columns: Partial<Record<string, Column>>) {
  if (result.success) return [];
  return result.error.issues.map((i) => ({ field: ROSTER_COLUMNS[columns[String(i.path[0])] ?? 'name'], message: i.message }));
}

/** Built once: a zod schema compiles itself on first use, and ten thousand rows would compile it ten thousand times. */
const rowLeader = leaderInput.omit({ schoolId: true });

function planRoster(db: Db, csv: string): Plan {
  const separator = detectSeparator(csv);
  const records = parseCsv(csv, separator).filter((r) => !isBlank(r));
  const plan: Plan = { rows: [], newSchools: new Map(), fileErrors: [], notices: [] };
  if (separator !== ',') plan.notices.push(`Columns are separated by ${SEPARATOR_NAMES[separator]}.`);
  if (records.length === 0) {
    plan.fileErrors.push('The file is empty. The first line should name the columns, for example: ' + Object.values(ROSTER_COLUMNS).join(','));
    return plan;
  }
  const [header, ...data] = records;
  const index = {} as Record<Column, number>;
  header.fields.forEach((h, i) => {
    const col = (Object.keys(HEADERS) as Column[]).find((c) => HEADERS[c].includes(squash(h)));
    if (col && index[col] === undefined) index[col] = i;
  });
  const missing = REQUIRED.filter((c) => index[c] === undefined);
  if (missing.length) {
    plan.fileErrors.push(`The first line must name these columns: ${missing.map((c) => ROSTER_COLUMNS[c]).join(', ')}. It reads: ${header.fields.join(SEPARATOR_NAMES[separator] === 'tabs' ? ' | ' : separator).slice(0, 200)}`);
    return plan;
  }
  if (data.length === 0) plan.fileErrors.push('The file has a header line but no leaders.');
  const dates = dateOrderOf(data.map((r) => ({ line: r.line, raw: (r.fields[index.roleStartDate] ?? '').trim() })));
  if (dates.error) plan.fileErrors.push(dates.error);
  if (dates.notice) plan.notices.push(dates.notice);

  const existingSchools = listSchools(db);
  // Names need not be unique: the first school with a name is the one a row means, as before.
  const schoolByName = new Map<string, (typeof existingSchools)[number]>();
  for (const s of existingSchools) if (!schoolByName.has(s.name.toLowerCase())) schoolByName.set(s.name.toLowerCase(), s);
  const schoolById = new Map(existingSchools.map((s) => [s.id, s]));
  const emailsSeen = new Map<string, number>();
  for (const record of data) {
    // A cell Fieldbook's own export protected against running as a formula loses that apostrophe again.
    const cell = (c: Column) => (index[c] === undefined ? '' : restoreFormulaText((record.fields[index[c]] ?? '').trim()));
    const errors: RosterRowPreview['errors'] = [];
    const err = (c: Column, message: string) => errors.push({ field: ROSTER_COLUMNS[c], message });

    const rawRole = cell('role');
    const role = matchRole(rawRole);
    if (!role && rawRole) err('role', `"${rawRole}" is not a role: use principal, assistant principal or aspiring leader`);
    const typedDate = cell('roleStartDate');
    const date = readDate(typedDate, dates.order);
    if (date.error) err('roleStartDate', date.error);
    const parsed = rowLeader.safeParse({
      name: cell('name'),
      role: role ?? rawRole,
      roleStartDate: date.iso ?? typedDate,
      email: cell('email'),
    });
    errors.push(...firstIssues(parsed, { name: 'name', role: 'role', roleStartDate: 'roleStartDate', email: 'email' })
      .filter((e) => !(e.field === 'role' && rawRole) && !(e.field === ROSTER_COLUMNS.roleStartDate && date.error)));

    // The school: matched by code, then by name, to one in Fieldbook or one earlier in this file.
    const schoolName = cell('schoolName');
    const code = cell('schoolCode') || null;
    let school: PlannedRow['school'];
    let schoolStatus: RosterRowPreview['school'] = 'none';
    if (schoolName || code) {
      let existing = code ? findSchoolByCode(db, code) : null;
      let adoptCode: string | undefined;
      const byName = existing || !schoolName ? null : schoolByName.get(schoolName.toLowerCase());
      if (byName) {
        // A school entered by hand without a code is the same school: it takes the file's code.
        if (code && byName.districtCode) err('schoolCode', `${byName.name} has district code ${byName.districtCode} in Fieldbook, not ${code}`);
        else adoptCode = code ?? undefined;
        existing = byName;
      }
      const key = code ? `code:${code.toLowerCase()}` : `name:${schoolName.toLowerCase()}`;
      const planned = plan.newSchools.get(key);
      if (existing) {
        if (schoolName && existing.name.toLowerCase() !== schoolName.toLowerCase()) {
          err('schoolCode', `School code ${code} belongs to ${existing.name} in Fieldbook, not ${schoolName}`);
        }
        school = { id: existing.id, adoptCode };
        schoolStatus = 'existing';
      } else if (planned) {
        if (schoolName && planned.name.toLowerCase() !== schoolName.toLowerCase()) {
          err('schoolCode', `School code ${code} is used for ${planned.name} earlier in the file`);
        }
        school = { newKey: key };
        schoolStatus = 'new';
      } else {
        const rawLevel = cell('schoolLevel');
        const rawNeed = cell('needTier');
        const s = schoolInput.safeParse({
          name: schoolName,
          level: matchLevel(rawLevel) ?? rawLevel,
          needTier: matchNeed(rawNeed) ?? rawNeed,
          districtCode: code,
        });
        if (s.success) {
          plan.newSchools.set(key, { key, ...s.data });
          school = { newKey: key };
          schoolStatus = 'new';
        } else {
          errors.push(...firstIssues(s, { name: 'schoolName', level: 'schoolLevel', needTier: 'needTier', districtCode: 'schoolCode' }).map((e) => ({
            ...e,
            message: e.field === 'school_level' || e.field === 'need_tier' ? `${e.message} for the new school ${schoolName || code}` : e.message,
          })));
        }
      }
    } else if (role && role !== 'aspiring') {
      err('schoolName', 'Enter the school this principal or assistant principal leads');
    }

    const rawSupport = cell('supportTier');
    const supportTier = rawSupport ? matchSupport(rawSupport) : undefined;
    if (rawSupport && !supportTier) err('supportTier', `"${rawSupport}" is not a support tier: use intensive, targeted or standard`);
    const rawCadence = cell('cadenceDays');
    const cadenceDays = rawCadence ? Number(rawCadence) : null;
    if (cadenceDays !== null && !(Number.isInteger(cadenceDays) && cadenceDays >= 1 && cadenceDays <= 365)) {
      err('cadenceDays', `"${rawCadence}" is not a visit cadence: enter a whole number of days from 1 to 365`);
    }

    let status: RosterRowPreview['status'] = errors.length ? 'error' : 'new';
    const email = parsed.success ? parsed.data.email : null;
    if (email) {
      const earlier = emailsSeen.get(email);
      if (earlier) {
        err('email', `Same email as the leader on line ${earlier}`);
        status = 'error';
      } else {
        emailsSeen.set(email, record.line);
        if (status === 'new' && findLeaderByEmail(db, email)) status = 'duplicate';
      }
    }
    const needTier = school && 'newKey' in school ? plan.newSchools.get(school.newKey)?.needTier : school ? schoolById.get(school.id)?.needTier : undefined;
    plan.rows.push({
      preview: {
        line: record.line, name: cell('name'), email, schoolName: schoolName || code || '', status, school: schoolStatus, errors,
        roleStartDate: { typed: typedDate, read: parsed.success ? parsed.data.roleStartDate : null },
      },
      leader: parsed.success ? { ...parsed.data, schoolId: null } : undefined,
      school,
      supportTier: supportTier ?? defaultSupportTier(needTier),
      cadenceDays,
    });
  }
  return plan;
}

export function previewRoster(ctx: CoreContext, csv: string): RosterPreview {
  const plan = planRoster(ctx.db, csv);
  const rows = plan.rows.map((r) => r.preview);
  const count = (s: RosterRowPreview['status']) => rows.filter((r) => r.status === s).length;
  const used = new Set(plan.rows.filter((r) => r.preview.status === 'new' && r.school && 'newKey' in r.school).map((r) => (r.school as { newKey: string }).newKey));
  return { rows, fileErrors: plan.fileErrors, notices: plan.notices, counts: { new: count('new'), duplicate: count('duplicate'), error: count('error'), newSchools: used.size } };
}

/** All or nothing: any row with an error, and nothing is written. Leaders already in Fieldbook are skipped. */
export function importRoster(ctx: CoreContext, csv: string): RosterImportResult {
  return ctx.db.transaction(() => {
    const plan = planRoster(ctx.db, csv);
    const bad = plan.rows.filter((r) => r.preview.status === 'error').length;
    if (plan.fileErrors.length) throw new AppError('roster_invalid', `${plan.fileErrors[0]} Nothing was imported.`, 'csv');
    if (bad) {
      throw new AppError('roster_invalid', `${bad} ${bad === 1 ? 'row has' : 'rows have'} problems. Fix ${bad === 1 ? 'it' : 'them'} and preview again; nothing was imported.`, 'csv');
    }
    const created = new Map<string, number>();
    const result: RosterImportResult = { leadersAdded: 0, schoolsAdded: 0, skippedDuplicates: 0 };
    for (const row of plan.rows) {
      if (row.preview.status === 'duplicate') {
        result.skippedDuplicates++;
        continue;
      }
      let schoolId: number | null = null;
      if (row.school && 'id' in row.school) {
        schoolId = row.school.id;
        if (row.school.adoptCode) {
          ctx.db.prepare(`UPDATE schools SET district_code = ? WHERE id = ? AND district_code IS NULL`).run(row.school.adoptCode, schoolId);
        }
      }
      else if (row.school) {
        const key = row.school.newKey;
        if (!created.has(key)) {
          const { key: _k, ...s } = plan.newSchools.get(key)!;
          created.set(key, insertSchool(ctx, s as Parameters<typeof insertSchool>[1]).id);
          result.schoolsAdded++;
        }
        schoolId = created.get(key)!;
      }
      // planRoster checked every row (schools, emails in the file and in Fieldbook) in this transaction.
      insertLeader(ctx, { ...row.leader!, schoolId, assignment: { supportTier: row.supportTier, cadenceDays: row.cadenceDays } });
      result.leadersAdded++;
    }
    return result;
  })();
}
