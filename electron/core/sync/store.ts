import { RETENTION_EXPORT_KIND, type RetentionConsent } from '../../../shared/retention/vocabulary';
import type { SyncAuth, SyncTargetKind } from '../../../shared/sync/vocabulary';
import type { CoreContext } from '../context';

/** The sync tables, read and written in small steps the worker and the services share. */

export interface TargetRow {
  id: number;
  kind: SyncTargetKind;
  name: string;
  enabled: number;
  location: string;
  auth: SyncAuth;
  username: string | null;
  secret: Buffer | null;
  stoppedReason: string | null;
  lastError: string | null;
  reachable: number | null;
  lastReachedAt: string | null;
  failures: number;
  retryAt: string | null;
  /** What of retention this target may receive. */
  retentionConsent: RetentionConsent;
  /** A certificate authority file its server's certificate may chain to. */
  caFile: string | null;
  /** Set once when its server answered without a receipt. */
  receiptWarning: string | null;
  createdAt: string;
}

const TARGET_COLUMNS = `id, kind, name, enabled, location, auth, username, secret, stopped_reason AS stoppedReason,
  last_error AS lastError, reachable, last_reached_at AS lastReachedAt, failures, retry_at AS retryAt, retention_consent AS retentionConsent,
  ca_file AS caFile, receipt_warning AS receiptWarning, created_at AS createdAt`;

/**
 * An export a target still owes (SQL over outbox o and a target id @targetId): it has no receipt
 * from the target, and it is still waiting for some target, or the person asked to send it to this
 * one (an export sent before the target was added, or Retry on one it lacks).
 */
export const OWED = `NOT EXISTS (SELECT 1 FROM sync_receipts r WHERE r.outbox_id = o.id AND r.target_id = @targetId)
  AND (o.delivered_at IS NULL OR EXISTS (SELECT 1 FROM sync_deliveries q WHERE q.outbox_id = o.id AND q.target_id = @targetId AND q.requested_at IS NOT NULL))`;

export const listTargetRows = (ctx: CoreContext): TargetRow[] =>
  ctx.db.prepare(`SELECT ${TARGET_COLUMNS} FROM sync_targets ORDER BY id`).all() as TargetRow[];

export const getTargetRow = (ctx: CoreContext, id: number): TargetRow | null =>
  (ctx.db.prepare(`SELECT ${TARGET_COLUMNS} FROM sync_targets WHERE id = ?`).get(id) as TargetRow | undefined) ?? null;

/** Items this target still owes, oldest first, that are due now. */
export function dueFor(ctx: CoreContext, targetId: number, now: string, limit = 50): string[] {
  return ctx.db
    .prepare(
      `SELECT o.id FROM outbox o
       LEFT JOIN sync_deliveries d ON d.outbox_id = o.id AND d.target_id = @targetId
       WHERE ${OWED}
         AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= @now)
       ORDER BY o.created_at, o.id LIMIT @limit`,
    )
    .pluck()
    .all({ targetId, now, limit }) as string[];
}

/** The earliest time anything becomes due again (null: nothing scheduled). */
export function nextDue(ctx: CoreContext): string | null {
  const row = ctx.db
    .prepare(
      `SELECT min(t) FROM (
         SELECT d.next_attempt_at AS t FROM sync_deliveries d JOIN outbox o ON o.id = d.outbox_id JOIN sync_targets s ON s.id = d.target_id
         WHERE (o.delivered_at IS NULL OR d.requested_at IS NOT NULL) AND s.enabled = 1 AND s.stopped_reason IS NULL AND d.next_attempt_at IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM sync_receipts r WHERE r.outbox_id = d.outbox_id AND r.target_id = d.target_id)
         UNION ALL SELECT retry_at FROM sync_targets WHERE enabled = 1 AND stopped_reason IS NULL AND retry_at IS NOT NULL)`,
    )
    .pluck()
    .get() as string | null;
  return row;
}

/**
 * Mark delivered every waiting item that every enabled target has acknowledged. With no enabled
 * target nothing is delivered: the exports wait.
 */
export function markDelivered(ctx: CoreContext, at: string): void {
  ctx.db
    .prepare(
      `UPDATE outbox SET delivered_at = ? WHERE delivered_at IS NULL
         AND EXISTS (SELECT 1 FROM sync_targets WHERE enabled = 1)
         AND NOT EXISTS (SELECT 1 FROM sync_targets t WHERE t.enabled = 1
           AND NOT EXISTS (SELECT 1 FROM sync_receipts r WHERE r.outbox_id = outbox.id AND r.target_id = t.id))`,
    )
    .run(at);
}

export function startAttempt(ctx: CoreContext, outboxId: string, targetId: number, at: string): number {
  return ctx.db.transaction(() => {
    ctx.db
      .prepare(
        `INSERT INTO sync_deliveries (outbox_id, target_id, attempts) VALUES (?, ?, 1)
         ON CONFLICT (outbox_id, target_id) DO UPDATE SET attempts = attempts + 1`,
      )
      .run(outboxId, targetId);
    return Number(ctx.db.prepare(`INSERT INTO sync_attempts (outbox_id, target_id, started_at, outcome) VALUES (?, ?, ?, 'running')`).run(outboxId, targetId, at).lastInsertRowid);
  })();
}

export const attemptsOf = (ctx: CoreContext, outboxId: string, targetId: number): number =>
  (ctx.db.prepare(`SELECT attempts FROM sync_deliveries WHERE outbox_id = ? AND target_id = ?`).pluck().get(outboxId, targetId) as number | undefined) ?? 0;

/** Attempts a killed process left running: they were interrupted. */
export function closeInterruptedAttempts(ctx: CoreContext, at: string): number {
  return ctx.db.prepare(`UPDATE sync_attempts SET outcome = 'interrupted', finished_at = ?, detail = 'Fieldbook stopped during this attempt' WHERE outcome = 'running'`).run(at).changes;
}

/**
 * Make every waiting item due now (or one item), and let stopped targets try again: the person
 * asked, so a refusal gets one more try (a wrong password simply stops the target again).
 */
export function makeDueNow(ctx: CoreContext, outboxId?: string): void {
  if (outboxId) ctx.db.prepare(`UPDATE sync_deliveries SET next_attempt_at = NULL WHERE outbox_id = ?`).run(outboxId);
  else ctx.db.prepare(`UPDATE sync_deliveries SET next_attempt_at = NULL`).run();
  ctx.db.prepare(`UPDATE sync_targets SET stopped_reason = NULL, retry_at = NULL`).run();
}

/** Exports some target in use still owes: not yet sent everywhere, or asked for again by a target that lacks it. */
export const waitingCount = (ctx: CoreContext): number =>
  ctx.db.prepare(
    `SELECT count(*) FROM outbox o WHERE o.delivered_at IS NULL OR EXISTS (
       SELECT 1 FROM sync_deliveries q JOIN sync_targets t ON t.id = q.target_id
       WHERE q.outbox_id = o.id AND q.requested_at IS NOT NULL AND t.enabled = 1
         AND NOT EXISTS (SELECT 1 FROM sync_receipts r WHERE r.outbox_id = o.id AND r.target_id = q.target_id))`,
  ).pluck().get() as number;

/** Not a retention summary for a target that may receive nothing about retention (it would never get one). */
const WANTED = `NOT (o.kind = '${RETENTION_EXPORT_KIND}' AND (SELECT retention_consent FROM sync_targets WHERE id = @targetId) = 'none')`;

/**
 * Ask for exports already sent elsewhere to go to a target that lacks them: the given ones, or all
 * of them. Returns how many were asked for.
 */
export function requestFor(ctx: CoreContext, targetId: number, at: string, outboxIds?: string[]): number {
  return ctx.db.prepare(
    `INSERT INTO sync_deliveries (outbox_id, target_id, attempts, requested_at)
     SELECT o.id, @targetId, 0, @at FROM outbox o
     WHERE o.delivered_at IS NOT NULL AND (@ids IS NULL OR o.id IN (SELECT value FROM json_each(@ids)))
       AND NOT EXISTS (SELECT 1 FROM sync_receipts r WHERE r.outbox_id = o.id AND r.target_id = @targetId) AND ${WANTED}
     ON CONFLICT (outbox_id, target_id) DO UPDATE SET requested_at = coalesce(requested_at, excluded.requested_at), next_attempt_at = NULL`,
  ).run({ targetId, at, ids: outboxIds ? JSON.stringify(outboxIds) : null }).changes;
}

/** Exports sent before this target was added (or while it was paused) that it has not had and nobody asked to send it. */
export const earlierExportsFor = (ctx: CoreContext, targetId: number): number =>
  ctx.db.prepare(
    `SELECT count(*) FROM outbox o WHERE o.delivered_at IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM sync_receipts r WHERE r.outbox_id = o.id AND r.target_id = @targetId)
       AND NOT EXISTS (SELECT 1 FROM sync_deliveries q WHERE q.outbox_id = o.id AND q.target_id = @targetId AND q.requested_at IS NOT NULL) AND ${WANTED}`,
  ).pluck().get({ targetId }) as number;
