import { id, required, optionalText, isoDateSchema, optionalEmail, oneOf, leaderRef, noInput } from '../schemas';
import { z } from 'zod';
import { DEFAULT_SCHOOL_YEAR_START_MONTH, DEFAULT_TARGET_RATIO, LEADER_ROLES, LEADER_STATUSES, NEED_TIERS, SCHOOL_LEVELS, SUPPORT_TIERS } from '../vocabulary';
import type { AppStatus, Caseload, CaseloadEntry, CsvFile, Leader, RosterImportResult, RosterPreview, School, SettingsView } from './model';
import { mutation, query } from '../define';
import { knownLocale } from '../format';

/** A zone name this computer's time-zone database knows (America/Chicago, Europe/Madrid). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.includes('/') || name === 'UTC';
  } catch {
    return false;
  }
}

/** The profile, schools and leaders as a person types them; the roster as a file. */
export const settingsInput = z.object({
  supervisorName: required('your name'),
  /** The district joins your exports on it (docs/export-format.md). */
  supervisorEmail: z
    .string({ error: 'Enter your work email' })
    .trim()
    .min(1, 'Enter your work email')
    .max(320, 'Keep your email under 320 characters')
    .pipe(z.email('Enter a valid email address, like name@district.org'))
    .transform((v) => v.toLowerCase()),
  district: required('your district'),
  targetRatio: z
    .number({ error: 'Enter a number of principals' })
    .int('Enter a whole number of principals')
    .min(1, 'The target must be at least 1 principal')
    .max(60, 'The target must be 60 principals or fewer')
    .default(DEFAULT_TARGET_RATIO),
  schoolYearStartMonth: z
    .number({ error: 'Choose the month the school year starts' })
    .int()
    .min(1, 'Choose a month')
    .max(12, 'Choose a month')
    .default(DEFAULT_SCHOOL_YEAR_START_MONTH),
  /** An IANA zone; blank or null: this computer's zone (saved as the data's); left out: unchanged (at the first save, this computer's). */
  timeZone: z
    .string()
    .trim()
    .max(64)
    .nullish()
    .transform((v) => (v === undefined ? undefined : v || null))
    .refine((v) => !v || isTimeZone(v), 'Choose a time zone from the list, for example America/Chicago'),
  /** How dates and times are written, a locale such as en-US; left out: unchanged (at the first start, this computer's). */
  locale: z
    .string()
    .trim()
    .max(35)
    .optional()
    .refine((v) => v === undefined || knownLocale(v) !== null, 'Choose a date and time format from the list'),
});

export const schoolInput = z.object({
  name: required('the school name'),
  level: oneOf(SCHOOL_LEVELS, 'the school level'),
  needTier: oneOf(NEED_TIERS, 'the need tier'),
  districtCode: optionalText(40),
});
export const updateSchoolInput = schoolInput.extend({ id });

export const leaderInput = z.object({
  name: required('the leader’s name'),
  role: oneOf(LEADER_ROLES, 'a role'),
  schoolId: id.nullish().transform((v) => v ?? null),
  roleStartDate: isoDateSchema('the date they started in this role'),
  email: optionalEmail,
  status: oneOf(LEADER_STATUSES, 'a status').default('active'),
});
export const updateLeaderInput = leaderInput.extend({ id });

const cadenceDays = z
  .number({ error: 'Enter the visit cadence in days' })
  .int('Enter a whole number of days')
  .min(1, 'Visit at least every 1 day')
  .max(365, 'Visit at least once a year (365 days)');

/** Put a leader on the supervisor's caseload; cadence defaults from tier and time in role when left out. */
export const assignLeaderInput = z.object({
  leaderId: id,
  supportTier: oneOf(SUPPORT_TIERS, 'a support tier'),
  cadenceDays: cadenceDays.nullish().transform((v) => v ?? null),
});

export const addLeaderInput = leaderInput.extend({
  /** Also put the new leader on the caseload. */
  assignment: assignLeaderInput.omit({ leaderId: true }).nullish().transform((v) => v ?? null),
});

export const rosterCsvInput = z.object({
  csv: z.string({ error: 'Choose a roster file or paste its contents' }).max(5_000_000, 'The roster file is too large (5 MB at most)'),
});

export type SettingsInput = z.input<typeof settingsInput>;
export type SchoolInput = z.input<typeof schoolInput>;
export type LeaderInput = z.input<typeof leaderInput>;
export type AddLeaderInput = z.input<typeof addLeaderInput>;
export type AssignLeaderInput = z.input<typeof assignLeaderInput>;

/** The foundation's calls: status, profile, schools, leaders, the caseload and the roster. */
export const caseloadCalls = {
  getStatus: query<AppStatus>()(noInput),
  getSettings: query<SettingsView | null>()(noInput),
  saveSettings: mutation<SettingsView>()(settingsInput, ['settings']),
  loadDemoData: mutation<{ schools: number; leaders: number }>()(noInput, ['settings', 'schools', 'leaders', 'assignments']),

  listSchools: query<School[]>()(noInput),
  addSchool: mutation<School>()(schoolInput, ['schools']),
  updateSchool: mutation<School>()(updateSchoolInput, ['schools']),

  getCaseload: query<Caseload>()(noInput),
  getLeader: query<CaseloadEntry>()(leaderRef),
  listUnassignedLeaders: query<Leader[]>()(noInput),
  addLeader: mutation<Leader>()(addLeaderInput, ['leaders', 'assignments']),
  updateLeader: mutation<Leader>()(updateLeaderInput, ['leaders', 'assignments']),
  assignLeader: mutation<CaseloadEntry>()(assignLeaderInput, ['assignments']),
  unassignLeader: mutation<CaseloadEntry>()(leaderRef, ['assignments']),

  previewRoster: query<RosterPreview>()(rosterCsvInput),
  importRoster: mutation<RosterImportResult>()(rosterCsvInput, ['schools', 'leaders', 'assignments']),
  exportCaseloadCsv: query<CsvFile>()(noInput),
} as const;
