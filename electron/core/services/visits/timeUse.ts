import type { TimeUse, TimeUseByType } from '../../../../shared/visits/model';
import { AppError } from '../../../../shared/result';
import { VISIT_TYPES, type VisitType } from '../../../../shared/vocabulary';
import type { CoreContext } from '../../context';
import { hoursOf, VISIT_MINUTES_SQL } from './cadence';

/**
 * Where the supervisor's logged time goes: hours in done visits (end - start) between two days,
 * how much of it was with a principal present, and by visit type. A figure, not a verdict.
 */
export function getTimeUse(ctx: CoreContext, from: string, to: string): TimeUse {
  if (from > to) throw new AppError('invalid_input', 'The last day must be on or after the first day', 'to');
  const visits = ctx.db
    .prepare(
      `SELECT v.type, ${VISIT_MINUTES_SQL} AS minutes,
         EXISTS (SELECT 1 FROM visit_leaders vl JOIN leaders l ON l.id = vl.leader_id
                 WHERE vl.visit_id = v.id AND l.role = 'principal') AS withPrincipal
       FROM visits v WHERE v.status = 'done' AND v.date BETWEEN ? AND ?`,
    )
    .all(from, to) as { type: VisitType; minutes: number; withPrincipal: number }[];
  const total = visits.reduce((n, v) => n + v.minutes, 0);
  const withPrincipals = visits.filter((v) => v.withPrincipal).reduce((n, v) => n + v.minutes, 0);
  const share = (minutes: number) => (total === 0 ? 0 : minutes / total);
  const byType: TimeUseByType[] = VISIT_TYPES.map((type) => {
    const ofType = visits.filter((v) => v.type === type);
    const minutes = ofType.reduce((n, v) => n + v.minutes, 0);
    return { type, visits: ofType.length, hours: hoursOf(minutes), share: share(minutes), minutes };
  })
    .filter((t) => t.visits > 0)
    .sort((a, b) => b.minutes - a.minutes)
    .map(({ minutes: _m, ...t }) => t);
  return {
    from,
    to,
    visits: visits.length,
    hours: hoursOf(total),
    hoursWithPrincipals: hoursOf(withPrincipals),
    shareWithPrincipals: share(withPrincipals),
    byType,
  };
}
