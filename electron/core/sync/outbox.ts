import crypto from 'node:crypto';
import { AppError } from '../../../shared/result';
import { type CoreContext, timestamp } from '../context';
import { RECORD_KEY } from '../../../shared/exportFormat/common';
import { getInstallationId } from '../services/settings/settings';
import { exportEnvelope } from './envelope';
import { wakeSync } from './wake';

export interface ExportAttachment {
  filename: string;
  mediaType: string;
  content: Buffer;
}

export interface ExportJob {
  /** What is exported, e.g. 'cta_checkin'. */
  kind: string;
  /**
   * The record's own key (a check-in's uid, a cycle's number, a week's Monday): letters, digits
   * and hyphens. With the kind and this data file's installation id it makes the outbox id,
   * which is also the idempotency key the district sees: the same record is the same export,
   * however many times delivery is tried, and no two laptops ever make the same id.
   */
  key: string;
  /** A later version of the same record (an evaluation locked again, a changed week): 2, 3… */
  revision?: number;
  payload: unknown;
  attachments?: ExportAttachment[];
}

const KEY = new RegExp(`^${RECORD_KEY}$`);

/** `<kind>:<installation id>:<key>`, the id all revisions share; revisions 2 on add `.r<N>`. */
export function exportIds(ctx: CoreContext, kind: string, key: string, revision = 1): { record: string; id: string } {
  if (!KEY.test(key)) throw new Error(`An export key is letters, digits and hyphens: ${JSON.stringify(key)}`);
  const record = `${kind}:${getInstallationId(ctx.db)}:${key}`;
  return { record, id: revision === 1 ? record : `${record}.r${revision}` };
}

export const sha256 = (content: Buffer | string): string => crypto.createHash('sha256').update(content).digest('hex');

/**
 * Queue an export. Call it inside the transaction that makes the change being exported, so the
 * record and its export are written together or not at all. Returns the outbox id.
 */
export function enqueueExport(ctx: CoreContext, job: ExportJob): string {
  if (!ctx.db.inTransaction) throw new Error('enqueueExport must run inside the transaction of the change it exports');
  const revision = job.revision ?? 1;
  const { record, id } = exportIds(ctx, job.kind, job.key, revision);
  const exists = ctx.db.prepare(`SELECT 1 FROM outbox WHERE id = ?`).get(id);
  if (exists) throw new AppError('already_exported', 'This record has already been queued for the district export');
  ctx.db
    .prepare(`INSERT INTO outbox (id, kind, payload, created_at, envelope) VALUES (?, ?, ?, ?, ?)`)
    .run(id, job.kind, JSON.stringify(job.payload), timestamp(ctx), JSON.stringify(exportEnvelope(ctx, record, revision)));
  const attach = ctx.db.prepare(`INSERT INTO outbox_attachments (outbox_id, filename, media_type, content, sha256) VALUES (?, ?, ?, ?, ?)`);
  for (const a of job.attachments ?? []) attach.run(id, a.filename, a.mediaType, a.content, sha256(a.content));
  wakeSync(ctx); // it looks once this transaction has committed
  return id;
}

export interface QueuedExport {
  id: string;
  kind: string;
  payload: unknown;
  createdAt: string;
  deliveredAt: string | null;
  attachments: { filename: string; mediaType: string; sha256: string; size: number }[];
}

/** One queued export with its attachments' names and hashes (not their bytes). */
export function getQueuedExport(ctx: CoreContext, id: string): QueuedExport | null {
  const row = ctx.db.prepare(`SELECT id, kind, payload, created_at AS createdAt, delivered_at AS deliveredAt FROM outbox WHERE id = ?`).get(id) as
    | (Omit<QueuedExport, 'payload' | 'attachments'> & { payload: string })
    | undefined;
  if (!row) return null;
  const attachments = ctx.db
    .prepare(`SELECT filename, media_type AS mediaType, sha256, length(content) AS size FROM outbox_attachments WHERE outbox_id = ? ORDER BY filename`)
    .all(id) as QueuedExport['attachments'];
  return { ...row, payload: JSON.parse(row.payload), attachments };
}

/** An attachment's bytes, for delivery. */
export function readAttachment(ctx: CoreContext, outboxId: string, filename: string): Buffer | null {
  const row = ctx.db.prepare(`SELECT content FROM outbox_attachments WHERE outbox_id = ? AND filename = ?`).get(outboxId, filename) as { content: Buffer } | undefined;
  return row?.content ?? null;
}
