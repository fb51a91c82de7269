import type { CoreContext } from '../context';
import { consentFilter } from './consent';
import { buildPackage, type PackageFilter } from './package';
import { readSecret } from './secrets';
import { registerWaker } from './wake';
import { attemptsOf, closeInterruptedAttempts, dueFor, getTargetRow, listTargetRows, markDelivered, nextDue, startAttempt, type TargetRow } from './store';
import { folderDriver } from './targets/folder';
import { httpsDriver } from './targets/https';
import { DeliveryError, type TargetConfig, type TargetDriver } from './targets/types';
import { webdavDriver } from './targets/webdav';

export interface SyncWorkerOptions {
  /** First retry waits up to this long; each further one doubles it (full jitter), up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Each request's deadline: a slow answer counts as no answer. */
  requestTimeoutMs?: number;
  /** How often the worker looks again when nothing is scheduled (a folder may have been plugged in). */
  idleMs?: number;
  random?: () => number;
  clock?: () => number;
  drivers?: Partial<Record<TargetRow['kind'], TargetDriver>>;
  /** Per-target filter; by default retention summaries reach a target only as far as its consent allows. */
  filterFor?: (target: TargetRow) => PackageFilter;
  /** Tests drive runOnce themselves: no background loop. */
  manual?: boolean;
  /** How long a server may keep answering "still working on it" before the target stops (24 hours). */
  inProgressLimitMs?: number;
}

export interface SyncWorker {
  /** Look now (after Sync now, a new export, a saved target). */
  wake(): void;
  stop(): Promise<void>;
  /** One pass over every due item, for tests: resolves when it is done. */
  runOnce(): Promise<void>;
}

const DRIVERS: Record<TargetRow['kind'], TargetDriver> = { folder: folderDriver, webdav: webdavDriver, https: httpsDriver };

export const NO_RECEIPT_WARNING = 'This server does not confirm what it stored: its answers carry no receipt, so Fieldbook counts each export as sent once the server says yes, but cannot prove it arrived whole. Ask the district to update its server (see the receipt in Fieldbook’s export format)';
export { wakeSync } from './wake';

/** Full jitter: a random wait between 0 and the capped exponential step. */
export const backoffMs = (attempt: number, base: number, max: number, random: () => number): number =>
  Math.floor(random() * Math.min(max, base * 2 ** Math.max(0, attempt - 1)));

/**
 * The sync worker: runs in the core, one delivery at a time, never in a call's way (network waits
 * are async; its database writes are small transactions). Everything it knows is in the database,
 * so after a restart it carries on where it was.
 */
export function startSyncWorker(ctx: CoreContext, options: SyncWorkerOptions = {}): SyncWorker {
  const base = options.baseDelayMs ?? 5_000;
  const max = options.maxDelayMs ?? 15 * 60_000;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const idleMs = options.idleMs ?? 60_000;
  const inProgressLimitMs = options.inProgressLimitMs ?? 24 * 3_600_000;
  const random = options.random ?? Math.random;
  const clock = options.clock ?? Date.now;
  const drivers = { ...DRIVERS, ...options.drivers };
  const iso = (ms = clock()) => new Date(ms).toISOString();
  const abort = new AbortController();
  let stopped = false;
  let wakeUp: (() => void) | null = null;
  let woken = false;

  closeInterruptedAttempts(ctx, iso());

  function configOf(t: TargetRow): TargetConfig | null {
    const secret = t.auth === 'none' ? null : readSecret(ctx, t);
    if (t.auth !== 'none' && secret === null) return null;
    return { id: t.id, kind: t.kind, location: t.location, auth: t.auth, username: t.username, secret };
  }

  function recordSuccess(target: TargetRow, outboxId: string, attemptId: number, receipt: Record<string, unknown>): void {
    const at = iso();
    ctx.db.transaction(() => {
      // After a restore the item may be gone: a receipt only for an item that exists.
      ctx.db.prepare(`INSERT OR IGNORE INTO sync_receipts (outbox_id, target_id, received_at, detail) SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM outbox WHERE id = ?) AND EXISTS (SELECT 1 FROM sync_targets WHERE id = ?)`)
        .run(outboxId, target.id, at, JSON.stringify(receipt), outboxId, target.id);
      ctx.db.prepare(`UPDATE sync_attempts SET outcome = 'delivered', finished_at = ?, detail = ? WHERE id = ?`).run(at, JSON.stringify(receipt), attemptId);
      ctx.db.prepare(`UPDATE sync_deliveries SET last_error = NULL, next_attempt_at = NULL, in_progress_since = NULL WHERE outbox_id = ? AND target_id = ?`).run(outboxId, target.id);
      ctx.db.prepare(`UPDATE sync_targets SET reachable = 1, last_reached_at = ?, failures = 0, retry_at = NULL, last_error = NULL WHERE id = ?`).run(at, target.id);
      // A server that answers without a receipt is warned about once, on its card; one that sends receipts again clears it.
      if (receipt.confirmed === false) ctx.db.prepare(`UPDATE sync_targets SET receipt_warning = coalesce(receipt_warning, ?) WHERE id = ?`).run(NO_RECEIPT_WARNING, target.id);
      if (receipt.confirmed === true) ctx.db.prepare(`UPDATE sync_targets SET receipt_warning = NULL WHERE id = ?`).run(target.id);
      markDelivered(ctx, at);
    })();
  }

  function recordFailure(target: TargetRow, outboxId: string, attemptId: number, failure: DeliveryError): void {
    const at = iso();
    const err = failure.kind === 'in_progress' ? inProgressFor(target, outboxId, failure) : failure;
    const outcome = err.kind === 'refused' ? 'stopped' : 'retry';
    ctx.db.transaction(() => {
      ctx.db.prepare(`UPDATE sync_attempts SET outcome = ?, finished_at = ?, detail = ? WHERE id = ?`).run(outcome, at, `${err.kind}: ${err.message}`, attemptId);
      const attempts = attemptsOf(ctx, outboxId, target.id);
      const next = err.kind === 'busy' || err.kind === 'in_progress' ? iso(clock() + backoffMs(attempts, base, max, random)) : null;
      ctx.db.prepare(`UPDATE sync_deliveries SET last_error = ?, next_attempt_at = ?, in_progress_since = CASE WHEN ? THEN coalesce(in_progress_since, ?) END WHERE outbox_id = ? AND target_id = ?`)
        .run(err.message, next, err.kind === 'in_progress' ? 1 : 0, at, outboxId, target.id);
      if (err.kind === 'unreachable') {
        const failures = target.failures + 1;
        ctx.db.prepare(`UPDATE sync_targets SET reachable = 0, failures = ?, retry_at = ?, last_error = ? WHERE id = ?`)
          .run(failures, iso(clock() + backoffMs(failures, base, max, random)), err.message, target.id);
      } else {
        ctx.db.prepare(`UPDATE sync_targets SET reachable = 1, last_reached_at = ?, failures = 0, retry_at = NULL, last_error = ?, stopped_reason = ? WHERE id = ?`)
          .run(at, err.message, err.kind === 'refused' ? err.message : null, target.id);
      }
    })();
  }

  /** "Still working on it" is patience for a day; after that the target stops and quotes the server. */
  function inProgressFor(target: TargetRow, outboxId: string, err: DeliveryError): DeliveryError {
    const since = ctx.db.prepare(`SELECT in_progress_since FROM sync_deliveries WHERE outbox_id = ? AND target_id = ?`).pluck().get(outboxId, target.id) as string | null;
    if (!since || clock() - Date.parse(since) < inProgressLimitMs) return err;
    const hours = Math.round((clock() - Date.parse(since)) / 3_600_000);
    return new DeliveryError('refused', `${err.message.replace(/; Fieldbook will ask again$/, '')}, and has said so for ${hours} hours. Fieldbook stopped asking: ask the district to check ${outboxId}, then press Retry`);
  }

  async function deliverTo(initial: TargetRow): Promise<void> {
    for (const outboxId of dueFor(ctx, initial.id, iso())) {
      const target = getTargetRow(ctx, initial.id);
      if (stopped || !target || !target.enabled || target.stoppedReason || (target.retryAt && target.retryAt > iso())) return;
      const config = configOf(target);
      if (!config) return;
      const attemptId = startAttempt(ctx, outboxId, target.id, iso());
      const attempt = attemptsOf(ctx, outboxId, target.id);
      let outcome: { receipt: Record<string, unknown> } | { error: DeliveryError };
      try {
        const pkg = buildPackage(ctx, outboxId, (options.filterFor ?? consentFilter)(target));
        const receipt = pkg ? await drivers[target.kind].deliver(pkg, config, { timeoutMs, signal: abort.signal, attempt, caFile: target.caFile }) : { skipped: 'not sent to this target' };
        outcome = { receipt };
      } catch (err) {
        outcome = { error: err instanceof DeliveryError ? err : new DeliveryError('busy', `Something went wrong while sending (${(err as Error).message}); Fieldbook will try again`) };
      }
      if (stopped) return; // closing: the database may be gone; the attempt stays "running" and counts as interrupted next start
      if ('receipt' in outcome) recordSuccess(target, outboxId, attemptId, outcome.receipt);
      else {
        recordFailure(target, outboxId, attemptId, outcome.error);
        if (outcome.error.kind === 'unreachable' || outcome.error.kind === 'refused') return;
      }
    }
  }

  async function runOnce(): Promise<void> {
    for (const target of listTargetRows(ctx)) {
      if (stopped) return;
      if (!target.enabled || target.stoppedReason || (target.retryAt && target.retryAt > iso())) continue;
      await deliverTo(target);
    }
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      woken = false;
      try {
        await runOnce();
      } catch (err) {
        if (!stopped) console.error('[fieldbook] sync pass failed:', err);
      }
      if (stopped) return;
      if (woken) continue;
      const due = nextDueSafely();
      const wait = Math.max(0, Math.min(idleMs, due === null ? idleMs : Date.parse(due) - clock()));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        timer.unref(); // never keeps a tool that opened the core running
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
  }
  const nextDueSafely = (): string | null => {
    try {
      return nextDue(ctx);
    } catch {
      return null;
    }
  };

  let running: Promise<void> = Promise.resolve();
  const worker: SyncWorker = {
    wake: () => {
      woken = true;
      setImmediate(() => wakeUp?.());
    },
    stop: async () => {
      stopped = true;
      abort.abort();
      wakeUp?.();
      registerWaker(ctx, null);
      await running;
    },
    runOnce,
  };
  registerWaker(ctx, worker.wake);
  if (!options.manual) running = loop();
  return worker;
}
