import type { AuditEntry } from '../../shared/evaluations/model';
import { type CoreContext, timestamp } from './context';

/**
 * The audit trail: who changed what, when, on records that must account for themselves
 * (evaluation cycles now; retention conversations can use the same table with their own type).
 * Append-only: triggers refuse any UPDATE or DELETE of audit_log.
 */
/** Evaluation cycles; a leader's retention records; a school's succession plan; a target's retention consent. */
export type AuditEntity = 'evaluation_cycle' | 'leader_retention' | 'school_succession' | 'sync_target';

export interface AuditRecord {
  entityType: AuditEntity;
  entityId: number | string;
  /** What happened, as a short verb phrase: 'rated', 'signed', 'locked'. */
  action: string;
  /** What changed, e.g. { element: 'School improvement', from: null, to: 'Effective' }. */
  changes?: Record<string, unknown>;
}

/** Fieldbook has one user: the supervisor named in Settings. */
export function currentActor(ctx: CoreContext): string {
  const name = ctx.db.prepare(`SELECT supervisor_name FROM settings WHERE id = 1`).pluck().get() as string | undefined;
  return name ?? 'Supervisor';
}

/** Write an entry; call it in the transaction of the change it records. */
export function recordAudit(ctx: CoreContext, r: AuditRecord): void {
  ctx.db
    .prepare(`INSERT INTO audit_log (at, actor, entity_type, entity_id, action, changes) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(timestamp(ctx), currentActor(ctx), r.entityType, String(r.entityId), r.action, JSON.stringify(r.changes ?? {}));
}

/** The latest entry for a record, to fold a burst of autosaves into one entry. */
export function lastAudit(ctx: CoreContext, entityType: AuditEntity, entityId: number | string): (AuditEntry & { at: string }) | null {
  return listAudit(ctx, entityType, entityId, 1)[0] ?? null;
}

/** A record's trail, newest first. */
export function listAudit(ctx: CoreContext, entityType: AuditEntity, entityId: number | string, limit = 1000): AuditEntry[] {
  const rows = ctx.db
    .prepare(`SELECT id, at, actor, action, changes FROM audit_log WHERE entity_type = ? AND entity_id = ? ORDER BY id DESC LIMIT ?`)
    .all(entityType, String(entityId), limit) as (Omit<AuditEntry, 'changes'> & { changes: string })[];
  return rows.map((r) => ({ ...r, changes: JSON.parse(r.changes) as Record<string, unknown> }));
}
