import { z } from 'zod';
import { NEED_TIERS, SCHOOL_LEVELS } from '../../shared/vocabulary';
import { MIN_PASSWORD_LENGTH } from './routes';
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
  /** It changes something (a password, a session), so it must also carry the session's CSRF token. */
  changes?: true;
  /** Phantom: carries the result type only. */
  result?: R;
}
const call = <R>() => <I extends z.ZodType>(access: ViewCall<I, R>['access'], input: I, changes?: true): ViewCall<I, R> => ({ input, access, changes });

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
  changePassword: call<Session>()('signed_in', changePasswordInput, true),
  signOut: call<null>()('public', z.strictObject({}), true),
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

export * from './routes';
