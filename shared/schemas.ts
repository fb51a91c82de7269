import { z } from 'zod';
import {
  DEFAULT_SCHOOL_YEAR_START_MONTH,
  DEFAULT_TARGET_RATIO,
  LEADER_ROLES,
  LEADER_STATUSES,
  NEED_TIERS,
  SCHOOL_LEVELS,
  SUPPORT_TIERS,
} from './vocabulary';

/** Input schemas for every call. Messages are written for the person who typed the value. */

export const id = z.number({ error: 'Choose one' }).int().positive('Choose one');
export const required = (what: string, max = 200) =>
  z.string({ error: `Enter ${what}` }).trim().min(1, `Enter ${what}`).max(max, `Keep ${what} under ${max} characters`);
/** Blank means "not given": stored as null. */
export const optionalText = (max = 200) =>
  z.string().trim().max(max, `Keep this under ${max} characters`).nullish().transform((v) => (v ? v : null));
export const isoDateSchema = (what: string) =>
  z.iso.date({ error: `Enter ${what} as a date, for example 2024-08-01` });
const optionalEmail = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? v.toLowerCase() : null))
  .refine((v) => v === null || z.email().safeParse(v).success, 'Enter a valid email address, like name@district.org');
const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: `Choose ${what}` });

export const settingsInput = z.object({
  supervisorName: required('your name'),
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

export const leaderRef = z.object({ leaderId: id });
export const noInput = z.object({}).default({});

export const rosterCsvInput = z.object({
  csv: z.string({ error: 'Choose a roster file or paste its contents' }).max(5_000_000, 'The roster file is too large (5 MB at most)'),
});

export type SettingsInput = z.input<typeof settingsInput>;
export type SchoolInput = z.input<typeof schoolInput>;
export type LeaderInput = z.input<typeof leaderInput>;
export type AddLeaderInput = z.input<typeof addLeaderInput>;
export type AssignLeaderInput = z.input<typeof assignLeaderInput>;

/** No disk allows a folder or file name (one part of a path) over 255 bytes: said at the field, before any disk is asked. */
export const pathPartsFit = (p: string | null | undefined): boolean =>
  !p || p.split(/[\\/]/).every((part) => new TextEncoder().encode(part).length <= 255);
export const nameTooLong = (what: string) => `A folder or file name in ${what} is longer than 255 characters, which no disk allows: use a shorter one`;
