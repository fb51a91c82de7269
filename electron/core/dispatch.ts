import { api, type Envelope, isCallName } from '../../shared/api';
import { CALLS_WHILE_LOCKED, LOCKED_MESSAGE } from '../../shared/backups/contract';
import { AppError } from '../../shared/result';
import type { CoreContext } from './context';
import { noteChanges } from './changes';
import { handlers } from './handlers';
import { isLocked } from './services/backups/lock';

/**
 * The one entry point both transports use: find the call, validate its input against the
 * contract, run its handler, and wrap the outcome. Invalid input names the field and writes nothing;
 * a locked Fieldbook answers only the lock's own calls.
 */
export async function dispatch(ctx: CoreContext, name: unknown, rawInput: unknown): Promise<Envelope<unknown>> {
  if (!isCallName(name)) {
    return { ok: false, error: { code: 'unknown_call', message: `Fieldbook has no call named ${String(name)}` } };
  }
  if (isLocked(ctx) && !CALLS_WHILE_LOCKED.has(name)) return { ok: false, error: { code: 'app_locked', message: LOCKED_MESSAGE } };
  const spec = api[name];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: { code: 'invalid_input', message: issue.message, field: issue.path.length ? issue.path.join('.') : undefined },
    };
  }
  try {
    const handler = handlers[name] as (c: CoreContext, i: unknown) => unknown;
    // A mutation runs in one transaction: if anything in it fails, nothing it wrote is kept.
    const run = () => handler(ctx, parsed.data);
    // Restore swaps the connection itself, so it cannot run inside a transaction on the old one.
    const value = spec.changes.length && !('outsideTransaction' in spec) ? ctx.db.transaction(run)() : await run();
    return spec.changes.length ? { ok: true, value, changed: [...spec.changes], seq: noteChanges(ctx, spec.changes) } : { ok: true, value };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message, field: err.field } };
    console.error(`[fieldbook] ${name} failed:`, err);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Fieldbook; nothing was saved. The details are in the log.' } };
  }
}
