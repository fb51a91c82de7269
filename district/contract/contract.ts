import { z } from 'zod';
import { NEED_TIERS, SCHOOL_LEVELS } from '../../shared/vocabulary';
import type {
  CapacityPage, CtaPage, EvaluationsPage, LeaderRecord, LeaderSearch, RetentionPage, Session, TimePage,
} from './model';

/**
 * The one contract between the district's web view and its server: every call's input schema
 * (checked at the edge, errors name the field) and its result type. The server answers
 * POST /api/view/<call> with `{ ok, value } | { ok: false, error: { code, message, field? } }`.
 */
export interface ViewCall<I extends z.ZodType, R> {
  input: I;
  /** Who may make it: the signed-out may only sign in; a password change comes before anything else. */
  access: 'public' | 'signed_in' | 'ready';
  /** Phantom: carries the result type only. */
  result?: R;
}
const call = <R>() => <I extends z.ZodType>(access: ViewCall<I, R>['access'], input: I): ViewCall<I, R> => ({ input, access });

export const MIN_PASSWORD_LENGTH = 12;

const email = z.string({ error: 'Enter your email' }).trim().min(1, 'Enter your email').max(320, 'Keep the email under 320 characters')
  .pipe(z.email('Enter an email address, like name@district.org')).transform((v) => v.toLowerCase());

export const signInInput = z.strictObject({
  email,
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1024, 'That password is too long'),
});

export const changePasswordInput = z.strictObject({
  currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password').max(1024, 'That password is too long'),
  newPassword: z.string({ error: 'Choose a new password' }).min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`).max(1024, 'Keep it under 1,024 characters'),
  confirmPassword: z.string({ error: 'Type the new password again' }),
}).refine((v) => v.newPassword === v.confirmPassword, { message: 'The two new passwords differ', path: ['confirmPassword'] })
  .refine((v) => v.newPassword !== v.currentPassword, { message: 'Choose a password other than the one you have now', path: ['newPassword'] });

/** Every page: a school year (its first day; the newest with data when left out) and three filters. */
export const pageFilter = z.strictObject({
  year: z.iso.date({ error: 'Choose a school year' }).optional(),
  supervisorId: z.number({ error: 'Choose a supervisor' }).int().positive('Choose a supervisor').optional(),
  level: z.enum(SCHOOL_LEVELS, { error: 'Choose a school level' }).optional(),
  needTier: z.enum(NEED_TIERS, { error: 'Choose a need tier' }).optional(),
});
export type PageFilter = z.infer<typeof pageFilter>;

export const leaderSearchInput = z.strictObject({
  query: z.string().trim().max(200, 'Keep the search under 200 characters'),
});
export const leaderInput = z.strictObject({ leaderId: z.number({ error: 'Choose a leader' }).int().positive('Choose a leader') });

export const viewCalls = {
  session: call<Session | null>()('public', z.strictObject({})),
  signIn: call<Session>()('public', signInInput),
  changePassword: call<Session>()('signed_in', changePasswordInput),
  signOut: call<null>()('public', z.strictObject({})),
  capacity: call<CapacityPage>()('ready', pageFilter),
  timeInSchools: call<TimePage>()('ready', pageFilter),
  cta: call<CtaPage>()('ready', pageFilter),
  evaluations: call<EvaluationsPage>()('ready', pageFilter),
  retention: call<RetentionPage>()('ready', pageFilter),
  findLeaders: call<LeaderSearch>()('ready', leaderSearchInput),
  leader: call<LeaderRecord>()('ready', leaderInput),
} as const;

export type ViewCalls = typeof viewCalls;
export type ViewCallName = keyof ViewCalls;
export const isViewCallName = (name: unknown): name is ViewCallName => typeof name === 'string' && Object.prototype.hasOwnProperty.call(viewCalls, name);
export type ViewInput<N extends ViewCallName> = z.input<ViewCalls[N]['input']>;
export type ViewParsed<N extends ViewCallName> = z.output<ViewCalls[N]['input']>;
export type ViewResult<N extends ViewCallName> = ViewCalls[N] extends ViewCall<z.ZodType, infer R> ? R : never;

/** Where the calls, the CSV downloads and the original files are. */
export const VIEW_API_PREFIX = '/api/view/';
export const CSV_PREFIX = '/csv/';
export const FILE_PREFIX = '/files/';
/** Sent with every call: the session's CSRF token, which a page on another site cannot read. */
export const CSRF_HEADER = 'x-fieldbook-csrf';

/** The address of a stored package's original file. */
export const fileLink = (packageId: number, name: string): string => `${FILE_PREFIX}${packageId}/${encodeURIComponent(name)}`;

/**
 * Every table a page shows can be downloaded as CSV. `named`: it names leaders, so an analyst is
 * refused it (and does not see the table at all).
 */
export const CSV_TABLES = {
  caseloads: { page: 'capacity', named: false, title: 'Caseloads against target' },
  unsupervised: { page: 'capacity', named: true, title: 'Principals with no supervisor' },
  'time-by-supervisor': { page: 'timeInSchools', named: false, title: 'Hours on site per supervisor' },
  'time-by-week': { page: 'timeInSchools', named: false, title: 'Hours on site per week' },
  'cadence-by-supervisor': { page: 'timeInSchools', named: false, title: 'Leaders not visited within cadence, per supervisor' },
  'cadence-overdue': { page: 'timeInSchools', named: true, title: 'Leaders not visited within cadence' },
  'cta-quarters': { page: 'cta', named: false, title: 'Check-ins per quarter' },
  'cta-goals': { page: 'cta', named: true, title: 'Every school’s goals by quarter' },
  'cta-off-track': { page: 'cta', named: true, title: 'Goals off track two quarters running' },
  'evaluation-stages': { page: 'evaluations', named: false, title: 'Cycles by stage and supervisor' },
  'evaluation-late': { page: 'evaluations', named: true, title: 'Late stages' },
  'evaluation-locked': { page: 'evaluations', named: true, title: 'Locked write-ups' },
  'evaluation-ratings': { page: 'evaluations', named: false, title: 'Ratings per framework element' },
  'retention-counts': { page: 'retention', named: false, title: 'Retention counts per supervisor' },
  'retention-records': { page: 'retention', named: true, title: 'Named retention records' },
  'vacancy-counts': { page: 'retention', named: false, title: 'Vacancy outlook, counts' },
  'vacancy-outlook': { page: 'retention', named: true, title: 'Vacancy outlook' },
  'leader-record': { page: 'leader', named: true, title: 'A leader’s record' },
} as const satisfies Record<string, { page: PageCallName | 'leader'; named: boolean; title: string }>;
export type CsvTable = keyof typeof CSV_TABLES;
export type PageCallName = 'capacity' | 'timeInSchools' | 'cta' | 'evaluations' | 'retention';
export const isCsvTable = (t: string): t is CsvTable => Object.prototype.hasOwnProperty.call(CSV_TABLES, t);

/** A table's download address for a page's filters (or a leader). */
export function csvLink(table: CsvTable, params: PageFilter | { leaderId: number }): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) q.set(k, String(v));
  const query = q.toString();
  return `${CSV_PREFIX}${table}.csv${query ? `?${query}` : ''}`;
}
