import { AppError, type Result } from '../../shared/result';
import { isViewCallName, type PageCallName, type ViewCallName, viewCalls, type ViewParsed, type ViewResult } from '../contract/contract';
import type { Session } from '../contract/model';
import { type DistrictDb, isDbUnavailable } from '../db/connection';
import { changePassword, signIn, signOut, type Viewer, viewerFor } from './accounts';
import { loadFrame } from './frame';
import { capacityPage } from './pages/capacity';
import { ctaPage } from './pages/cta';
import { evaluationsPage } from './pages/evaluations';
import { findLeaders, leaderRecord } from './pages/leader';
import { retentionPage } from './pages/retention';
import { timePage } from './pages/time';

/**
 * The view's one entry point: find the call, check who is asking, validate the input against the
 * contract, run it. Every page is one call that answers everything the page shows.
 */

export interface ViewContext {
  db: DistrictDb;
  now: () => Date;
}

interface Caller {
  /** The session cookie's secret, if any. */
  token: string | null;
  address: string | null;
}

export interface Dispatched {
  envelope: Result<unknown>;
  /** A session to set (the cookie's secret) or end (null); undefined leaves the cookie alone. */
  session?: string | null;
}

const sessionOf = (v: Viewer): Session => ({ email: v.email, role: v.role, mustChangePassword: v.mustChangePassword, csrfToken: v.csrfToken, supervisor: v.supervisor });

type Handler<N extends ViewCallName> = (ctx: ViewContext, viewer: Viewer, input: ViewParsed<N>) => Promise<ViewResult<N>>;

const page = <N extends PageCallName>(build: (db: DistrictDb, frame: Awaited<ReturnType<typeof loadFrame>>) => Promise<ViewResult<N>>): Handler<N> =>
  async (ctx, viewer, input) => build(ctx.db, await loadFrame(ctx.db, viewer, input as ViewParsed<PageCallName>, ctx.now()));

const handlers: { [N in Exclude<ViewCallName, 'session' | 'signIn' | 'signOut' | 'changePassword'>]: Handler<N> } = {
  capacity: page<'capacity'>(capacityPage),
  timeInSchools: page<'timeInSchools'>(timePage),
  cta: page<'cta'>(ctaPage),
  evaluations: page<'evaluations'>(evaluationsPage),
  retention: page<'retention'>(retentionPage),
  findLeaders: (ctx, viewer, input) => findLeaders(ctx.db, viewer, input.query),
  leader: (ctx, viewer, input) => leaderRecord(ctx.db, viewer, input.leaderId),
};

/** Run a page's call for a signed-in viewer (the CSV downloads use the same answers). */
export async function runPage<N extends keyof typeof handlers>(ctx: ViewContext, viewer: Viewer, name: N, input: ViewParsed<N>): Promise<ViewResult<N>> {
  return (handlers[name] as Handler<N>)(ctx, viewer, input);
}

export const NOT_SIGNED_IN = 'Sign in to see the district’s leader tracking view.';
export const CHANGE_PASSWORD_FIRST = 'Choose a new password first: the one you were given works only once.';

export async function dispatchView(ctx: ViewContext, caller: Caller, name: unknown, raw: unknown): Promise<Dispatched> {
  if (!isViewCallName(name)) return { envelope: { ok: false, error: { code: 'unknown_call', message: `The district view has no call named ${String(name)}` } } };
  const spec = viewCalls[name];
  try {
    const now = ctx.now();
    // Who is asking comes first: the signed-out learn nothing about a call but that they must sign in.
    const viewer = spec.access === 'public' ? null : await viewerFor(ctx.db, caller.token, now);
    if (spec.access !== 'public' && !viewer) return { envelope: { ok: false, error: { code: 'not_signed_in', message: NOT_SIGNED_IN } }, session: caller.token ? null : undefined };
    if (spec.access === 'ready' && viewer!.mustChangePassword) return { envelope: { ok: false, error: { code: 'password_change_required', message: CHANGE_PASSWORD_FIRST } } };
    const parsed = spec.input.safeParse(raw ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { envelope: { ok: false, error: { code: 'invalid_input', message: issue.message, field: issue.path.length ? issue.path.join('.') : undefined } } };
    }
    switch (name) {
      case 'signIn': {
        const { token, viewer: signedIn } = await signIn(ctx.db, { ...(parsed.data as ViewParsed<'signIn'>), address: caller.address }, now);
        return { envelope: { ok: true, value: sessionOf(signedIn) }, session: token };
      }
      case 'session': {
        const current = await viewerFor(ctx.db, caller.token, now);
        return { envelope: { ok: true, value: current ? sessionOf(current) : null }, session: current || !caller.token ? undefined : null };
      }
      case 'signOut':
        await signOut(ctx.db, caller.token);
        return { envelope: { ok: true, value: null }, session: null };
      case 'changePassword':
        await changePassword(ctx.db, viewer!, parsed.data as ViewParsed<'changePassword'>, now);
        return { envelope: { ok: true, value: sessionOf({ ...viewer!, mustChangePassword: false }) } };
      default:
        return { envelope: { ok: true, value: await runPage(ctx, viewer!, name, parsed.data as never) } };
    }
  } catch (err) {
    if (err instanceof AppError) return { envelope: { ok: false, error: { code: err.code, message: err.message, field: err.field } } };
    if (isDbUnavailable(err)) return { envelope: { ok: false, error: { code: 'database_unavailable', message: 'The district database cannot be reached right now. Try again in a minute.' } } };
    console.error(`[district view] ${name} failed:`, err);
    return { envelope: { ok: false, error: { code: 'internal', message: 'Something went wrong in the district server; the details are in its log.' } } };
  }
}

/** A download (a CSV or an original file) for whoever holds this session: 401 signed out, 403 before the password change. */
export async function downloadFor<T>(ctx: ViewContext, token: string | null, make: (viewer: Viewer) => Promise<Result<T>>): Promise<Result<T>> {
  const viewer = await viewerFor(ctx.db, token, ctx.now());
  if (!viewer) return { ok: false, error: { code: 'not_signed_in', message: NOT_SIGNED_IN } };
  if (viewer.mustChangePassword) return { ok: false, error: { code: 'password_change_required', message: CHANGE_PASSWORD_FIRST } };
  return make(viewer);
}

/** The HTTP status for an answer: the envelope says what happened, the status says it to the browser and to proxies. */
export function statusOf(envelope: Result<unknown>): number {
  if (envelope.ok) return 200;
  const byCode: Record<string, number> = {
    invalid_input: 400, unknown_call: 404, not_found: 404, not_signed_in: 401, wrong_password: 401, forbidden: 403,
    password_change_required: 403, too_many_attempts: 429, database_unavailable: 503, exists: 409,
  };
  return byCode[envelope.error.code] ?? 500;
}
