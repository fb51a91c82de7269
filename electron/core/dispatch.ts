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
    const disk = diskProblem(err);
    if (disk) {
      console.error(`[fieldbook] ${name} failed: ${disk.code} (${(err as Error).message})`);
      return { ok: false, error: disk };
    }
    console.error(`[fieldbook] ${name} failed:`, err);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Fieldbook; nothing was saved. The details are in the log.' } };
  }
}

/** A write the disk refused, said as what it is (a full disk is not "something went wrong inside"). Nothing was written: SQLite rolled it back. */
function diskProblem(err: unknown): { code: string; message: string } | null {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  const kept = 'What you typed stays on screen and is saved as soon as it can be.';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return { code: 'disk_full', message: `The disk is full, so this was not saved. Free some space on the disk that holds Fieldbook's data. ${kept}` };
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') {
    return { code: 'disk_read_only', message: `The disk that holds Fieldbook's data has become read-only, so this was not saved. ${kept}` };
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return { code: 'disk_error', message: `The disk could not be written (an input/output error), so this was not saved. ${kept}` };
  }
  return null;
}
