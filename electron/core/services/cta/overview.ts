import { quarterOf, quarterRange } from '../../../../shared/cta';
import type { CtaOverview, CtaSchoolGlance } from '../../../../shared/model/cta';
import { type CoreContext, today } from '../../context';
import { schoolYearStartMonth } from '../cadence';
import { currentYear, getPlan } from './plans';

/**
 * Every school on the caseload this school year at a glance: its plan's stage, each goal's newest
 * status, and whether this quarter's check-in is still due. The CTA screen and the dashboard read it.
 */
export function getOverview(ctx: CoreContext): CtaOverview {
  const year = currentYear(ctx);
  const quarter = quarterOf(today(ctx), schoolYearStartMonth(ctx.db));
  const schools = ctx.db
    .prepare(
      `SELECT s.id, s.name, p.id AS planId FROM schools s
       LEFT JOIN cta_plans p ON p.school_id = s.id AND p.school_year_start = @start
       WHERE p.id IS NOT NULL OR s.id IN (
         SELECT l.school_id FROM leaders l JOIN assignments a ON a.leader_id = l.id AND a.end_date IS NULL WHERE l.status = 'active')
       ORDER BY s.name COLLATE NOCASE`,
    )
    .all({ start: year.start }) as { id: number; name: string; planId: number | null }[];
  return {
    schoolYear: year,
    quarter,
    quarterRange: quarterRange(year.start, quarter),
    schools: schools.map(({ id, name, planId }): CtaSchoolGlance => {
      const plan = planId === null ? null : getPlan(ctx, planId);
      const held = plan?.checkIns.find((c) => c.quarter === quarter);
      return {
        school: { id, name },
        planId,
        stage: plan?.stage ?? null,
        goals: plan?.goals.map((g) => ({ id: g.id, title: g.title, latestStatus: g.latestStatus })) ?? [],
        thisQuarter: { quarter, state: held ? (held.finalisedAt ? 'final' : 'open') : 'due', checkinId: held?.id ?? null },
      };
    }),
  };
}
