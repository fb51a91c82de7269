import type { z } from 'zod';
import type { School } from '../../../../shared/caseload/model';
import type { schoolInput, updateSchoolInput } from '../../../../shared/caseload/contract';
import { AppError } from '../../../../shared/result';
import { type CoreContext, timestamp } from '../../context';
import type { Db } from '../../db/connection';

const COLUMNS = `id, name, level, need_tier AS needTier, district_code AS districtCode`;

export function listSchools(db: Db): School[] {
  return db.prepare(`SELECT ${COLUMNS} FROM schools ORDER BY name_key(name)`).all() as School[];
}

export function getSchool(db: Db, id: number): School | null {
  return (db.prepare(`SELECT ${COLUMNS} FROM schools WHERE id = ?`).get(id) as School | undefined) ?? null;
}

export function findSchoolByCode(db: Db, code: string): School | null {
  return (db.prepare(`SELECT ${COLUMNS} FROM schools WHERE district_code = ?`).get(code) as School | undefined) ?? null;
}

function assertCodeFree(db: Db, code: string | null, exceptId?: number): void {
  const other = code ? findSchoolByCode(db, code) : null;
  if (other && other.id !== exceptId) {
    throw new AppError('duplicate', `${other.name} already has district code ${code}`, 'districtCode');
  }
}

export function insertSchool(ctx: CoreContext, input: z.output<typeof schoolInput>): School {
  assertCodeFree(ctx.db, input.districtCode);
  const { lastInsertRowid } = ctx.db
    .prepare(
      `INSERT INTO schools (name, level, need_tier, district_code, created_at)
       VALUES (@name, @level, @needTier, @districtCode, @at)`,
    )
    .run({ ...input, at: timestamp(ctx) });
  return getSchool(ctx.db, Number(lastInsertRowid))!;
}

export function updateSchool(ctx: CoreContext, input: z.output<typeof updateSchoolInput>): School {
  if (!getSchool(ctx.db, input.id)) throw new AppError('not_found', 'That school is no longer in Fieldbook', 'id');
  assertCodeFree(ctx.db, input.districtCode, input.id);
  ctx.db
    .prepare(`UPDATE schools SET name = @name, level = @level, need_tier = @needTier, district_code = @districtCode WHERE id = @id`)
    .run(input);
  return getSchool(ctx.db, input.id)!;
}
