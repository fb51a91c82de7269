import type { z } from 'zod';
import type { evaluationTemplateInput } from '../../../../shared/evaluations/contract';
import { DEFAULT_EVALUATION_FRAMEWORK, DEFAULT_SCALE, DEFAULT_STAGES } from '../../../../shared/evaluations/vocabulary';
import type { EvaluationTemplate } from '../../../../shared/evaluations/model';
import { AppError } from '../../../../shared/result';
import { type CoreContext, timestamp } from '../../context';
import type { Db } from '../../db/connection';

/** The district's cycle template: stages with due dates, the rating scale and the rubric framework. */

export function getEvaluationTemplate(db: Db): EvaluationTemplate {
  const row = db.prepare(`SELECT stages, scale, framework_id AS frameworkId FROM evaluation_template WHERE id = 1`).get() as
    | { stages: string; scale: string; frameworkId: string }
    | undefined;
  if (!row) return { stages: DEFAULT_STAGES.map((s) => ({ ...s })), scale: [...DEFAULT_SCALE], frameworkId: DEFAULT_EVALUATION_FRAMEWORK };
  return { stages: JSON.parse(row.stages), scale: JSON.parse(row.scale), frameworkId: row.frameworkId };
}

export function requireFramework(db: Db, frameworkId: string): { id: string; name: string } {
  const f = db.prepare(`SELECT id, name FROM frameworks WHERE id = ?`).get(frameworkId) as { id: string; name: string } | undefined;
  if (!f) throw new AppError('not_found', 'Choose a framework that is in Fieldbook', 'frameworkId');
  return f;
}

/** Cycles already started keep the stages and scale they were started with. */
export function saveEvaluationTemplate(ctx: CoreContext, input: z.output<typeof evaluationTemplateInput>): EvaluationTemplate {
  requireFramework(ctx.db, input.frameworkId);
  ctx.db
    .prepare(
      `INSERT INTO evaluation_template (id, stages, scale, framework_id, updated_at) VALUES (1, @stages, @scale, @frameworkId, @at)
       ON CONFLICT (id) DO UPDATE SET stages = excluded.stages, scale = excluded.scale, framework_id = excluded.framework_id, updated_at = excluded.updated_at`,
    )
    .run({ stages: JSON.stringify(input.stages), scale: JSON.stringify(input.scale), frameworkId: input.frameworkId, at: timestamp(ctx) });
  return getEvaluationTemplate(ctx.db);
}
