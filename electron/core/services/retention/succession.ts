import type { RetentionOverview, RetentionRow, SchoolSuccession, SuccessionCandidate } from '../../../../shared/retention/model';
import type { Readiness } from '../../../../shared/retention/vocabulary';
import { AppError } from '../../../../shared/result';
import { type CoreContext, timestamp } from '../../context';
import { recordAudit } from '../../audit';
import { compareNames } from '../../../../shared/collation';

/**
 * Succession: per school, the aspiring leaders who could step in and how ready they are, so a
 * departure is planned for. Confidential like the rest of retention, and in the school's trail.
 */

const SELECT = `SELECT c.id, c.school_id AS schoolId, c.leader_id AS leaderId, l.name AS leaderName, s.name AS currentSchool,
    c.readiness, c.note, c.updated_at AS updatedAt
  FROM succession_candidates c JOIN leaders l ON l.id = c.leader_id LEFT JOIN schools s ON s.id = l.school_id`;

const READINESS_ORDER: Record<Readiness, number> = { ready_now: 0, ready_soon: 1, developing: 2 };

export function listSuccession(ctx: CoreContext, caseload: RetentionRow[]): Pick<RetentionOverview, 'succession' | 'aspiringLeaders'> {
  const candidates = (ctx.db.prepare(`${SELECT} WHERE l.status = 'active'`).all() as SuccessionCandidate[])
    .sort((a, b) => READINESS_ORDER[a.readiness] - READINESS_ORDER[b.readiness] || compareNames(a.leaderName, b.leaderName));
  const schoolIds = new Set([...caseload.flatMap((r) => (r.school ? [r.school.id] : [])), ...candidates.map((c) => c.schoolId)]);
  const schools = ctx.db.prepare(`SELECT id, name, need_tier AS needTier FROM schools WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name_key(name)`)
    .all(JSON.stringify([...schoolIds])) as SchoolSuccession['school'][];
  const succession = schools.map((school) => ({
    school,
    principals: caseload.filter((r) => r.school?.id === school.id && r.role === 'principal').map((r) => ({ leaderId: r.leaderId, name: r.leaderName, risk: r.risk?.level ?? null })),
    candidates: candidates.filter((c) => c.schoolId === school.id),
  }));
  const aspiringLeaders = ctx.db
    .prepare(`SELECT l.id AS leaderId, l.name, s.name AS schoolName FROM leaders l LEFT JOIN schools s ON s.id = l.school_id
      WHERE l.role = 'aspiring' AND l.status = 'active' ORDER BY name_key(l.name)`)
    .all() as RetentionOverview['aspiringLeaders'];
  return { succession, aspiringLeaders };
}

function getCandidate(ctx: CoreContext, id: number): SuccessionCandidate {
  const row = ctx.db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as SuccessionCandidate | undefined;
  if (!row) throw new AppError('not_found', 'That possible successor is no longer listed', 'candidateId');
  return row;
}

/** Name an aspiring leader as a possible successor at a school, or change their readiness. */
export function saveCandidate(ctx: CoreContext, input: { schoolId: number; leaderId: number; readiness: Readiness; note: string }): SuccessionCandidate {
  if (!ctx.db.prepare(`SELECT 1 FROM schools WHERE id = ?`).get(input.schoolId)) throw new AppError('not_found', 'That school is no longer in Fieldbook', 'schoolId');
  const leader = ctx.db.prepare(`SELECT role, status FROM leaders WHERE id = ?`).get(input.leaderId) as { role: string; status: string } | undefined;
  if (!leader) throw new AppError('not_found', 'That leader is no longer in Fieldbook', 'leaderId');
  if (leader.role !== 'aspiring' || leader.status !== 'active') throw new AppError('invalid_input', 'Choose an aspiring leader who is still in Fieldbook', 'leaderId');
  const before = ctx.db.prepare(`SELECT id, readiness, note FROM succession_candidates WHERE school_id = ? AND leader_id = ?`).get(input.schoolId, input.leaderId) as
    | { id: number; readiness: Readiness; note: string } | undefined;
  const at = timestamp(ctx);
  let id = before?.id;
  if (before) {
    if (before.readiness === input.readiness && before.note === input.note) return getCandidate(ctx, before.id);
    ctx.db.prepare(`UPDATE succession_candidates SET readiness = ?, note = ?, updated_at = ? WHERE id = ?`).run(input.readiness, input.note, at, before.id);
  } else {
    id = Number(ctx.db.prepare(`INSERT INTO succession_candidates (school_id, leader_id, readiness, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(input.schoolId, input.leaderId, input.readiness, input.note, at, at).lastInsertRowid);
  }
  const candidate = getCandidate(ctx, id!);
  recordAudit(ctx, {
    entityType: 'school_succession', entityId: input.schoolId, action: before ? 'successor readiness changed' : 'possible successor named',
    changes: { leader: candidate.leaderName, readiness: before ? { from: before.readiness, to: input.readiness } : input.readiness, note: input.note },
  });
  return candidate;
}

export function removeCandidate(ctx: CoreContext, candidateId: number): { removed: number } {
  const c = getCandidate(ctx, candidateId);
  ctx.db.prepare(`DELETE FROM succession_candidates WHERE id = ?`).run(candidateId);
  recordAudit(ctx, { entityType: 'school_succession', entityId: c.schoolId, action: 'possible successor removed', changes: { leader: c.leaderName, readiness: c.readiness } });
  return { removed: candidateId };
}
