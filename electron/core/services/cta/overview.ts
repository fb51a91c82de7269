import { type CtaStage, quarterOf, quarterRange } from '../../../../shared/cta/vocabulary';
import type { CtaOverview, CtaSchoolGlance } from '../../../../shared/cta/model';
import { type CoreContext, today } from '../../context';
import { currentSchoolYear, schoolYearStartMonth } from '../visits/cadence';
import { ctaGoalsOfSchoolYear } from './plans';

/**
 * Every school on the caseload this school year at a glance: its plan's stage, each goal's newest
 * status, and whether this quarter's check-in is still due. The CTA screen and the dashboard read it.
 */
export function getOverview(ctx: CoreContext): CtaOverview {
  const year = currentSchoolYear(ctx);
  const quarter = quarterOf(today(ctx), schoolYearStartMonth(ctx.db));
  const schools = ctx.db
    .prepare(
      `SELECT s.id, s.name, p.id AS planId, p.stage, c.id AS checkinId, c.finalised_at AS finalisedAt FROM schools s
       LEFT JOIN cta_plans p ON p.school_id = s.id AND p.school_year_start = @start
       LEFT JOIN cta_checkins c ON c.plan_id = p.id AND c.quarter = @quarter
       WHERE p.id IS NOT NULL OR s.id IN (
         SELECT l.school_id FROM leaders l JOIN assignments a ON a.leader_id = l.id AND a.end_date IS NULL WHERE l.status = 'active')
       ORDER BY name_key(s.name)`,
    )
    .all({ start: year.start, quarter }) as { id: number; name: string; planId: number | null; stage: CtaStage | null; checkinId: number | null; finalisedAt: string | null }[];
  return {
    schoolYear: year,
    quarter,
    quarterRange: quarterRange(year.start, quarter),
    schools: schools.map((s): CtaSchoolGlance => ({
      school: { id: s.id, name: s.name },
      planId: s.planId,
      stage: s.stage,
      goals: s.planId === null ? [] : ctaGoalsOfSchoolYear(ctx.db, s.id, year.start),
      thisQuarter: { quarter, state: s.checkinId === null ? 'due' : s.finalisedAt ? 'final' : 'open', checkinId: s.checkinId },
    })),
  };
}
