import { addDays } from 'date-fns/addDays';
import { subDays } from 'date-fns/subDays';
import { isoDate, schoolYearOf } from '../../../../shared/schoolYear';
import type { CoreContext } from '../../context';
import { recordConversation } from './conversations';
import { saveCandidate } from './succession';

/**
 * Two retention conversations and a possible successor, so the retention view is not empty on
 * a first look. Leaders by their place in demo.ts: 1 Darnell Brooks, 2 Anh Nguyen, 7 Leah Goldberg.
 */
export function loadDemoRetention(ctx: CoreContext, leaderIds: number[], schoolIds: number[]): void {
  const now = ctx.now();
  const yearStart = schoolYearOf(now).start;
  const daysAgo = (n: number) => {
    const d = isoDate(subDays(now, n));
    return d < yearStart ? yearStart : d;
  };
  const darnellOn = daysAgo(15);
  recordConversation(ctx, {
    leaderId: leaderIds[1], date: darnellOn, kind: 'stay', intent: 'unsure', factors: ['compensation', 'career_growth'],
    threats: 'A neighbouring district has asked him to apply for a director role; after six years he wants to grow beyond one school.',
    wouldHelp: 'A network role alongside the principalship: leading the new-principal mentoring group.',
    notes: '', followUpDate: isoDate(addDays(now, 10)),
    risk: { level: 'medium', reason: 'Approached by another district; open to staying if he can grow here' },
    // No plan-of-support action: the demo's next steps stay as other screens and tests know them.
    actions: [],
  });
  recordConversation(ctx, {
    leaderId: leaderIds[2], date: daysAgo(30), kind: 'check_in', intent: 'likely', factors: ['workload'],
    threats: 'Evenings lost to operations paperwork.', wouldHelp: 'Move the attendance reports to the office manager.', notes: '',
    followUpDate: null, risk: { level: 'low', reason: 'Committed to the school; workload is the one strain' }, actions: [],
  });
  saveCandidate(ctx, { schoolId: schoolIds[2], leaderId: leaderIds[7], readiness: 'ready_soon', note: 'Residency at Mesa Verde; leads the ILT’s attendance work.' });
}
