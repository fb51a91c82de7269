import { addDays, parseISO } from 'date-fns';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { isoDate } from '../../shared/schoolYear';

/**
 * `n` next steps added through the real core (addNextStep, then completeNextStep for some), spread
 * over the given leaders, owners and due dates around `today`, with a predictable description:
 * "Step 17: observe the 9th-grade team" and every 10th about "attendance". Used by the node,
 * jsdom and e2e tests of long next-step lists.
 */
export async function addManySteps(ctx: CoreContext, leaderIds: number[], n: number, today = '2026-11-23') {
  for (let i = 1; i <= n; i++) {
    const due = i % 5 === 0 ? null : isoDate(addDays(parseISO(today), (i % 40) - 20));
    const topic = i % 10 === 3 ? 'attendance plan' : 'observe the 9th-grade team';
    const r = await dispatch(ctx, 'addNextStep', {
      leaderId: leaderIds[i % leaderIds.length], description: `Step ${i}: ${topic}`, owner: i % 3 === 0 ? 'supervisor' : 'leader', dueDate: due,
    });
    if (!r.ok) throw new Error(r.error.message);
    if (i % 4 === 0) {
      const done = await dispatch(ctx, 'completeNextStep', { id: (r.value as { id: number }).id, doneDate: isoDate(addDays(parseISO(today), -(i % 30))) });
      if (!done.ok) throw new Error(done.error.message);
    }
  }
}

/** The leaders on the caseload now, to spread the steps over. */
export const caseloadLeaders = (ctx: CoreContext): number[] =>
  ctx.db.prepare(`SELECT leader_id FROM assignments WHERE end_date IS NULL ORDER BY leader_id`).pluck().all() as number[];
