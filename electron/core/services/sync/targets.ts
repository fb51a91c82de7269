import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { syncTargetInput } from '../../../../shared/sync/contract';
import type { OpenFolderOutcome, SecretKeeping, SyncDeliveryView, SyncItemView, SyncOverview, SyncTargetView } from '../../../../shared/sync/model';
import { AppError } from '../../../../shared/result';
import { exportKindLabel } from '../../../../shared/sync/vocabulary';
import { type CoreContext, timestamp } from '../../context';
import { recordAudit } from '../../audit';
import { hasSessionSecret, keepForSession, secretsAvailable } from '../../sync/secrets';
import { earlierExportsFor, getTargetRow, listTargetRows, makeDueNow, markDelivered, OWED, requestFor, type TargetRow, waitingCount } from '../../sync/store';
import { readCaFile } from '../../sync/targets/trust';
import { wakeSync } from '../../sync/worker';

type TargetInput = z.output<typeof syncTargetInput>;

function secretKeeping(ctx: CoreContext, t: TargetRow): SecretKeeping {
  if (t.auth === 'none') return 'none';
  if (hasSessionSecret(ctx, t)) return 'session';
  return t.secret && secretsAvailable(ctx) ? 'encrypted' : 'missing';
}

function toView(ctx: CoreContext, t: TargetRow): SyncTargetView {
  const waiting = ctx.db.prepare(`SELECT count(*) FROM outbox o WHERE ${OWED}`).pluck().get({ targetId: t.id }) as number;
  return {
    id: t.id, kind: t.kind, name: t.name, enabled: t.enabled === 1, location: t.location, auth: t.auth, username: t.username,
    secret: secretKeeping(ctx, t), stoppedReason: t.stoppedReason, lastError: t.lastError,
    reachable: t.reachable === null ? null : t.reachable === 1, lastReachedAt: t.lastReachedAt, waiting, retentionConsent: t.retentionConsent,
    caFile: t.caFile, receiptWarning: t.receiptWarning, earlierExports: earlierExportsFor(ctx, t.id),
  };
}

/** A folder Fieldbook can write in, given as a full path. */
function checkFolder(folder: string): string {
  if (!path.isAbsolute(folder)) throw new AppError('invalid_folder', 'Enter the full path of the folder, starting with / (or a drive letter on Windows)', 'folder');
  const resolved = path.resolve(folder);
  let isDir = false;
  try {
    isDir = fs.statSync(resolved).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new AppError('invalid_folder', `There is no folder at ${resolved}. Connect the drive or create the folder first`, 'folder');
  try {
    fs.accessSync(resolved, fs.constants.W_OK);
  } catch {
    throw new AppError('invalid_folder', `Fieldbook may not write in ${resolved}. Choose a folder you can write to`, 'folder');
  }
  return resolved;
}

/** A certificate authority file Fieldbook can read and that holds certificates. */
function checkCaFile(file: string): string {
  if (!path.isAbsolute(file)) throw new AppError('invalid_ca_file', 'Enter the full path of the certificate file, starting with / (or a drive letter on Windows)', 'caFile');
  const resolved = path.resolve(file);
  const read = readCaFile(resolved);
  if ('problem' in read) throw new AppError('invalid_ca_file', read.problem, 'caFile');
  return resolved;
}

/** The secret to store: encrypted bytes, one for this session only, or the one already kept. */
function secretFor(ctx: CoreContext, input: TargetInput, existing: TargetRow | null): { stored: Buffer | null; session: string | null | undefined } {
  if (input.auth === 'none') return { stored: null, session: null };
  const what = input.auth === 'bearer' ? 'the access token' : 'the password';
  if (input.secret) {
    if (secretsAvailable(ctx)) return { stored: ctx.secrets!.encrypt(input.secret), session: null };
    if (!input.keepForSessionOnly) {
      throw new AppError('session_only_unconfirmed', `This computer cannot keep ${what} encrypted here. Tick “Keep it for this session only” to use it until Fieldbook closes (it is never written to disk), or leave it blank`, 'keepForSessionOnly');
    }
    return { stored: null, session: input.secret };
  }
  const kept = existing && existing.auth === input.auth && (existing.secret !== null || hasSessionSecret(ctx, existing));
  if (!kept) throw new AppError('secret_required', `Enter ${what}`, 'secret');
  return { stored: existing.secret, session: undefined };
}

export function saveSyncTarget(ctx: CoreContext, input: TargetInput): SyncTargetView {
  const existing = input.id ? getTargetRow(ctx, input.id) : null;
  if (input.id && !existing) throw new AppError('not_found', 'That sync target is no longer in Fieldbook', 'id');
  const location = input.kind === 'folder' ? checkFolder(input.folder!) : input.url!;
  const caFile = input.kind === 'folder' || !input.caFile ? null : checkCaFile(input.caFile);
  const { stored, session } = secretFor(ctx, input, existing);
  const at = timestamp(ctx);
  const values = { kind: input.kind, name: input.name, enabled: input.enabled ? 1 : 0, location, auth: input.auth, username: input.auth === 'basic' ? input.username : null, secret: stored, consent: input.retentionConsent, caFile, at };
  let id = existing?.id;
  if (id) {
    // New settings: whatever stopped the target may be fixed, so it tries again at once.
    ctx.db.prepare(
      `UPDATE sync_targets SET kind = @kind, name = @name, enabled = @enabled, location = @location, auth = @auth, username = @username, secret = @secret, retention_consent = @consent,
         ca_file = @caFile, stopped_reason = NULL, last_error = NULL, reachable = NULL, failures = 0, retry_at = NULL, updated_at = @at WHERE id = @id`,
    ).run({ ...values, id });
    ctx.db.prepare(`UPDATE sync_deliveries SET next_attempt_at = NULL WHERE target_id = ?`).run(id);
  } else {
    id = Number(ctx.db.prepare(
      `INSERT INTO sync_targets (kind, name, enabled, location, auth, username, secret, retention_consent, ca_file, created_at, updated_at)
       VALUES (@kind, @name, @enabled, @location, @auth, @username, @secret, @consent, @caFile, @at, @at)`,
    ).run(values).lastInsertRowid);
  }
  if ((existing?.retentionConsent ?? 'none') !== input.retentionConsent) {
    recordAudit(ctx, { entityType: 'sync_target', entityId: id, action: 'retention consent changed', changes: { target: input.name, from: existing?.retentionConsent ?? 'none', to: input.retentionConsent } });
  }
  markDelivered(ctx, at);
  const row = getTargetRow(ctx, id)!;
  if (session !== undefined) keepForSession(ctx, row, session);
  wakeSync(ctx);
  return toView(ctx, row);
}

export function removeSyncTarget(ctx: CoreContext, targetId: number): { removed: number } {
  const row = getTargetRow(ctx, targetId);
  if (!row) throw new AppError('not_found', 'That sync target is no longer in Fieldbook', 'targetId');
  ctx.db.prepare(`DELETE FROM sync_targets WHERE id = ?`).run(targetId);
  keepForSession(ctx, row, null);
  markDelivered(ctx, timestamp(ctx));
  return { removed: targetId };
}

export function syncNow(ctx: CoreContext, outboxId?: string): { waiting: number } {
  if (outboxId && !ctx.db.prepare(`SELECT 1 FROM outbox WHERE id = ?`).get(outboxId)) throw new AppError('not_found', 'That export is not in the queue', 'id');
  // An export already sent: Retry sends it to every target in use that lacks it.
  if (outboxId) for (const t of listTargetRows(ctx).filter((row) => row.enabled)) requestFor(ctx, t.id, timestamp(ctx), [outboxId]);
  makeDueNow(ctx, outboxId);
  wakeSync(ctx);
  return { waiting: waitingCount(ctx) };
}

/** A target added later: send it every export already sent elsewhere that it has not had. */
export function sendEarlierExports(ctx: CoreContext, targetId: number): { requested: number; waiting: number } {
  const row = getTargetRow(ctx, targetId);
  if (!row) throw new AppError('not_found', 'That sync target is no longer in Fieldbook', 'targetId');
  const requested = requestFor(ctx, targetId, timestamp(ctx));
  wakeSync(ctx);
  return { requested, waiting: waitingCount(ctx) };
}

export async function openSyncFolder(ctx: CoreContext, targetId: number): Promise<OpenFolderOutcome> {
  const row = getTargetRow(ctx, targetId);
  if (!row || row.kind !== 'folder') throw new AppError('not_found', 'Choose a folder target', 'targetId');
  if (!ctx.openFolder) return { opened: false, folder: row.location, message: `Fieldbook cannot open folders here. The exports are in ${row.location}` };
  const failure = await ctx.openFolder(row.location);
  return failure
    ? { opened: false, folder: row.location, message: `Could not open ${row.location} (${failure})` }
    : { opened: true, folder: row.location, message: `Opened ${row.location}` };
}

interface ItemRow {
  id: string;
  kind: string;
  payload: string;
  createdAt: string;
  deliveredAt: string | null;
}

function titleOf(row: ItemRow): string {
  let title: unknown;
  try {
    const payload = JSON.parse(row.payload) as { title?: unknown; leader?: unknown; schoolYear?: unknown } | null;
    // Evaluations locked before they carried a title still name the leader and the year.
    title = payload?.title ?? (typeof payload?.leader === 'string' && typeof payload.schoolYear === 'string' ? `${payload.leader}, ${payload.schoolYear}` : undefined);
  } catch {
    title = undefined;
  }
  const key = row.id.slice(row.kind.length + 1);
  return `${exportKindLabel(row.kind)} · ${typeof title === 'string' && title ? title : key}`;
}

function deliveriesOf(ctx: CoreContext, ids: string[]): Map<string, SyncDeliveryView[]> {
  const rows = ctx.db
    .prepare(
      `SELECT t.id AS targetId, t.name AS targetName, o.value AS outboxId, r.received_at AS acknowledgedAt,
         coalesce(d.attempts, 0) AS attempts, d.last_error AS lastError, d.next_attempt_at AS nextAttemptAt, d.requested_at AS requestedAt, t.enabled
       FROM json_each(?) o CROSS JOIN sync_targets t
       LEFT JOIN sync_deliveries d ON d.outbox_id = o.value AND d.target_id = t.id
       LEFT JOIN sync_receipts r ON r.outbox_id = o.value AND r.target_id = t.id
       WHERE t.enabled = 1 OR r.received_at IS NOT NULL OR d.attempts > 0
       ORDER BY t.id`,
    )
    .all(JSON.stringify(ids)) as (Omit<SyncDeliveryView, 'inUse'> & { outboxId: string; enabled: number })[];
  const byItem = new Map<string, SyncDeliveryView[]>();
  for (const { outboxId, enabled, ...d } of rows) byItem.set(outboxId, [...(byItem.get(outboxId) ?? []), { ...d, inUse: enabled === 1 }]);
  return byItem;
}

export function getSyncOverview(ctx: CoreContext): SyncOverview {
  const targets = listTargetRows(ctx);
  const rows = ctx.db
    .prepare(
      `SELECT * FROM (SELECT id, kind, payload, created_at AS createdAt, delivered_at AS deliveredAt FROM outbox WHERE delivered_at IS NULL ORDER BY created_at LIMIT 500)
       UNION ALL SELECT * FROM (SELECT id, kind, payload, created_at, delivered_at FROM outbox WHERE delivered_at IS NOT NULL ORDER BY delivered_at DESC LIMIT 50)`,
    )
    .all() as ItemRow[];
  const deliveries = deliveriesOf(ctx, rows.map((r) => r.id));
  const blocked = new Set(targets.filter((t) => t.enabled && (t.stoppedReason || secretKeeping(ctx, t) === 'missing')).map((t) => t.id));
  const items: SyncItemView[] = rows.map((row) => {
    const ds = deliveries.get(row.id) ?? [];
    const attempts = ds.reduce((n, d) => n + d.attempts, 0);
    // Sent everywhere it was due, unless the person asked to send it to a target that lacks it.
    const waitingOn = ds.filter((d) => !d.acknowledgedAt && (!row.deliveredAt || (d.requestedAt && d.inUse)));
    const status = row.deliveredAt && waitingOn.length === 0 ? 'delivered'
      : waitingOn.some((d) => blocked.has(d.targetId)) ? 'stopped' : waitingOn.some((d) => d.attempts > 0) || (!row.deliveredAt && attempts > 0) ? 'retrying' : 'waiting';
    return {
      id: row.id, kind: row.kind, label: titleOf(row), createdAt: row.createdAt, deliveredAt: row.deliveredAt, status, attempts,
      lastError: waitingOn.find((d) => d.lastError)?.lastError ?? null, deliveries: ds,
    };
  });
  return { targets: targets.map((t) => toView(ctx, t)), items, waiting: waitingCount(ctx), secretsAvailable: secretsAvailable(ctx), ...syncStatus(ctx) };
}

/** For the header: when the district last acknowledged something, and whether any target answers. */
export function syncStatus(ctx: CoreContext): Pick<SyncOverview, 'lastSyncedAt' | 'connection' | 'needsAttention'> {
  const lastSyncedAt = ctx.db.prepare(`SELECT max(received_at) FROM sync_receipts`).pluck().get() as string | null;
  const enabled = listTargetRows(ctx).filter((t) => t.enabled);
  const reach = enabled.map((t) => t.reachable);
  const connection = enabled.length === 0 ? 'not_set_up' : reach.includes(1) ? 'online' : reach.every((r) => r === 0) ? 'offline' : 'unknown';
  const needsAttention = enabled.some((t) => t.stoppedReason || secretKeeping(ctx, t) === 'missing');
  return { lastSyncedAt, connection, needsAttention };
}
