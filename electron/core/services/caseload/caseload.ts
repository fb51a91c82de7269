import type { z } from 'zod';
import type { Assignment, Caseload, CaseloadEntry, CaseloadRatio, Leader } from '../../../../shared/caseload/model';
import type { addLeaderInput, assignLeaderInput, leaderInput, updateLeaderInput } from '../../../../shared/caseload/contract';
import { AppError } from '../../../../shared/result';
import { isNewInRole, yearsInRole } from '../../../../shared/schoolYear';
import { DEFAULT_TARGET_RATIO, defaultCadenceDays } from '../../../../shared/vocabulary';
import { type CoreContext, timestamp, today } from '../../context';
import type { Db } from '../../db/connection';
import { getSettings } from '../settings/settings';
import { getSchool } from './schools';
import { compareNames } from '../../../../shared/collation';

const LEADER_COLUMNS = `id, name, role, school_id AS schoolId, role_start_date AS roleStartDate, email, status`;
const ASSIGNMENT_COLUMNS = `id, leader_id AS leaderId, support_tier AS supportTier, cadence_days AS cadenceDays,
  start_date AS startDate, end_date AS endDate`;

export function getLeaderRow(db: Db, id: number): Leader | null {
  return (db.prepare(`SELECT ${LEADER_COLUMNS} FROM leaders WHERE id = ?`).get(id) as Leader | undefined) ?? null;
}

function requireLeader(db: Db, id: number): Leader {
  const leader = getLeaderRow(db, id);
  if (!leader) throw new AppError('not_found', 'That leader is no longer in Fieldbook', 'leaderId');
  return leader;
}

export function findLeaderByEmail(db: Db, email: string): Leader | null {
  return (db.prepare(`SELECT ${LEADER_COLUMNS} FROM leaders WHERE email = ?`).get(email) as Leader | undefined) ?? null;
}

function currentAssignment(db: Db, leaderId: number): Assignment | null {
  return (
    (db.prepare(`SELECT ${ASSIGNMENT_COLUMNS} FROM assignments WHERE leader_id = ? AND end_date IS NULL`).get(leaderId) as
      | Assignment
      | undefined) ?? null
  );
}

function checkLeader(db: Db, input: z.output<typeof leaderInput>, exceptId?: number): void {
  if (input.schoolId !== null && !getSchool(db, input.schoolId)) {
    throw new AppError('not_found', 'Choose a school that is in Fieldbook', 'schoolId');
  }
  if (input.schoolId === null && input.role !== 'aspiring') {
    throw new AppError('invalid_input', 'Choose the school this leader leads', 'schoolId');
  }
  const other = input.email ? findLeaderByEmail(db, input.email) : null;
  if (other && other.id !== exceptId) {
    throw new AppError('duplicate', `${other.name} already uses ${input.email}`, 'email');
  }
}

/** Add a leader, and put them on the caseload in the same transaction when asked. */
export function addLeader(ctx: CoreContext, input: z.output<typeof addLeaderInput>): Leader {
  return ctx.db.transaction(() => {
    checkLeader(ctx.db, input);
    return getLeaderRow(ctx.db, insertLeader(ctx, input))!;
  })();
}

/**
 * Write a leader checked already (by addLeader, or a roster's preview in the same transaction)
 * and their place on the caseload when asked; returns the new id. A roster writes thousands, so
 * nothing is read back.
 */
export function insertLeader(ctx: CoreContext, input: z.output<typeof addLeaderInput>): number {
  if (input.assignment && input.status === 'left') {
    throw new AppError('invalid_input', `${input.name} has left the role; mark them active first`, 'leaderId');
  }
  const { lastInsertRowid } = ctx.db
    .prepare(
      `INSERT INTO leaders (name, role, school_id, role_start_date, email, status, created_at)
       VALUES (@name, @role, @schoolId, @roleStartDate, @email, @status, @at)`,
    )
    .run({ ...input, at: timestamp(ctx) });
  const id = Number(lastInsertRowid);
  if (input.assignment) {
    const { supportTier, cadenceDays } = input.assignment;
    const cadence = cadenceDays ?? defaultCadenceDays(supportTier, isNewInRole(input.roleStartDate, today(ctx)));
    ctx.db.prepare(`INSERT INTO assignments (leader_id, support_tier, cadence_days, start_date) VALUES (?, ?, ?, ?)`).run(id, supportTier, cadence, today(ctx));
  }
  return id;
}

export function updateLeader(ctx: CoreContext, input: z.output<typeof updateLeaderInput>): Leader {
  return ctx.db.transaction(() => {
    requireLeader(ctx.db, input.id);
    checkLeader(ctx.db, input, input.id);
    ctx.db
      .prepare(
        `UPDATE leaders SET name = @name, role = @role, school_id = @schoolId, role_start_date = @roleStartDate,
         email = @email, status = @status WHERE id = @id`,
      )
      .run(input);
    // A leader who has left the role leaves the caseload with it.
    if (input.status === 'left') endAssignment(ctx, input.id);
    return getLeaderRow(ctx.db, input.id)!;
  })();
}

/** Put a leader on the caseload, or change their tier and cadence if already on it. */
export function assignLeader(ctx: CoreContext, input: z.output<typeof assignLeaderInput>): CaseloadEntry {
  return ctx.db.transaction(() => {
    const leader = requireLeader(ctx.db, input.leaderId);
    if (leader.status === 'left') {
      throw new AppError('invalid_input', `${leader.name} has left the role; mark them active first`, 'leaderId');
    }
    const cadence = input.cadenceDays ?? defaultCadenceDays(input.supportTier, isNewInRole(leader.roleStartDate, today(ctx)));
    const current = currentAssignment(ctx.db, leader.id);
    if (current) {
      ctx.db
        .prepare(`UPDATE assignments SET support_tier = ?, cadence_days = ? WHERE id = ?`)
        .run(input.supportTier, cadence, current.id);
    } else {
      ctx.db
        .prepare(`INSERT INTO assignments (leader_id, support_tier, cadence_days, start_date) VALUES (?, ?, ?, ?)`)
        .run(leader.id, input.supportTier, cadence, today(ctx));
    }
    return getCaseloadEntry(ctx, leader.id);
  })();
}

function endAssignment(ctx: CoreContext, leaderId: number): void {
  ctx.db.prepare(`UPDATE assignments SET end_date = ? WHERE leader_id = ? AND end_date IS NULL`).run(today(ctx), leaderId);
}

export function unassignLeader(ctx: CoreContext, leaderId: number): CaseloadEntry {
  requireLeader(ctx.db, leaderId);
  endAssignment(ctx, leaderId);
  return getCaseloadEntry(ctx, leaderId);
}

function entryFor(leader: Leader, ctx: CoreContext, schools: Map<number, ReturnType<typeof getSchool>>, assignment: Assignment | null): CaseloadEntry {
  const day = today(ctx);
  return {
    leader,
    school: leader.schoolId === null ? null : (schools.get(leader.schoolId) ?? null),
    assignment,
    yearsInRole: yearsInRole(leader.roleStartDate, day),
    newInRole: isNewInRole(leader.roleStartDate, day),
  };
}

export function getCaseloadEntry(ctx: CoreContext, leaderId: number): CaseloadEntry {
  const leader = requireLeader(ctx.db, leaderId);
  const school = leader.schoolId === null ? null : getSchool(ctx.db, leader.schoolId);
  return entryFor(leader, ctx, new Map(school ? [[school.id, school]] : []), currentAssignment(ctx.db, leaderId));
}

/** Everyone on the caseload now, and the ratio the supervisor carries against their target. */
export function getCaseload(ctx: CoreContext): Caseload {
  const rows = ctx.db
    .prepare(
      `SELECT ${ASSIGNMENT_COLUMNS} FROM assignments WHERE end_date IS NULL
       AND leader_id IN (SELECT id FROM leaders WHERE status = 'active')`,
    )
    .all() as Assignment[];
  // Only the caseload's own leaders and schools: a district's thousands of others are not read.
  const leaders = new Map(
    (ctx.db.prepare(`SELECT ${LEADER_COLUMNS} FROM leaders WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(rows.map((a) => a.leaderId))) as Leader[])
      .map((l) => [l.id, l]),
  );
  const schoolIds = new Set([...leaders.values()].flatMap((l) => (l.schoolId === null ? [] : [l.schoolId])));
  const schools = new Map([...schoolIds].map((id) => [id, getSchool(ctx.db, id)]));
  const entries = rows
    .map((a) => entryFor(leaders.get(a.leaderId)!, ctx, schools, a))
    .sort((a, b) => compareNames(a.leader.name, b.leader.name));
  return { today: today(ctx), entries, ratio: caseloadRatio(entries, getSettings(ctx.db)?.targetRatio ?? DEFAULT_TARGET_RATIO) };
}

export function caseloadRatio(entries: CaseloadEntry[], target: number): CaseloadRatio {
  const count = (role: Leader['role']) => entries.filter((e) => e.leader.role === role).length;
  const principals = count('principal');
  return {
    principals,
    assistantPrincipals: count('assistant_principal'),
    aspiring: count('aspiring'),
    target,
    overTarget: Math.max(0, principals - target),
  };
}

/** Leaders in Fieldbook who are not on the caseload now, to add from the caseload screen. */
export function listUnassignedLeaders(ctx: CoreContext): Leader[] {
  return ctx.db
    .prepare(
      `SELECT ${LEADER_COLUMNS} FROM leaders WHERE status = 'active'
       AND id NOT IN (SELECT leader_id FROM assignments WHERE end_date IS NULL) ORDER BY name_key(name)`,
    )
    .all() as Leader[];
}
