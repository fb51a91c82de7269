import type { CaseloadEntry } from '../../../../shared/caseload/model';
import type { LeaderCadence } from '../../../../shared/visits/model';
import type { FollowUp, LeaderRetention, RetentionConversation, RetentionOverview, RetentionRow, RetentionSignal, RiskJudgement } from '../../../../shared/retention/model';
import { INTENT_LABELS, INTENT_NEEDS_TALK, type RetentionConsent, type RiskLevel } from '../../../../shared/retention/vocabulary';
import { schoolYearOf } from '../../../../shared/schoolYear';
import { type CoreContext, today } from '../../context';
import { getCadence, schoolYearStartMonth } from '../visits/cadence';
import { getCaseload, getCaseloadEntry } from '../caseload/caseload';
import { ctaGoalsOfSchoolYear } from '../cta/plans';
import { listConversations, riskHistory } from './conversations';
import { listSuccession } from './succession';
import { formatterOf } from '../settings/settings';
import { compareNames } from '../../../../shared/collation';

/**
 * What the retention view and a leader's page show: the supervisor's own risk judgement and,
 * beside it, signals that should prompt a conversation. Signals explain themselves and never
 * add up to a rating.
 */

interface Inputs {
  entry: CaseloadEntry;
  conversations: RetentionConversation[];
  cadence: LeaderCadence | undefined;
  today: string;
  yearStart: string;
}

function signalsFor(ctx: CoreContext, { entry, conversations, cadence, today: now, yearStart }: Inputs): RetentionSignal[] {
  const signals: RetentionSignal[] = [];
  const day = formatterOf(ctx).date;
  const { leader, school } = entry;
  if (entry.newInRole && leader.role !== 'aspiring') {
    signals.push({ kind: 'new_in_role', explanation: `Started ${day(leader.roleStartDate)}: within their first three years in the role, when most principals who leave do` });
  }
  if (school?.needTier === 'high') signals.push({ kind: 'high_need', explanation: `Leads at ${school.name}, a high-need school, where turnover runs highest` });
  const latest = conversations.find((c) => c.intent !== null);
  if (latest?.intent && INTENT_NEEDS_TALK.includes(latest.intent)) {
    signals.push({ kind: 'intent', explanation: `“${INTENT_LABELS[latest.intent]}” in the conversation of ${day(latest.date)}` });
  }
  const lateFollowUps = conversations.filter((c) => c.followUpDate && !c.followUpDoneDate && c.followUpDate < now);
  const lateActions = conversations.flatMap((c) => c.actions).filter((a) => a.overdue);
  if (lateFollowUps.length || lateActions.length) {
    const parts = [
      ...lateFollowUps.map((c) => `The follow-up due ${day(c.followUpDate!)} has not happened`),
      ...(lateActions.length ? [`${lateActions.length} plan-of-support action${lateActions.length === 1 ? ' is' : 's are'} past due`] : []),
    ];
    signals.push({ kind: 'follow_up_overdue', explanation: parts.join('; ') });
  }
  if (cadence && cadence.overdueDays > 0) {
    signals.push({
      kind: 'no_visit',
      explanation: cadence.lastVisit
        ? `No visit since ${day(cadence.lastVisit)}, longer than their cadence of every ${cadence.cadenceDays} days`
        : `Not visited since joining your caseload; a visit was due ${day(cadence.nextDue)} (every ${cadence.cadenceDays} days)`,
    });
  }
  const offTrack = ctaGoalsOfSchoolYear(ctx.db, school?.id ?? null, yearStart).filter((g) => g.latestStatus === 'off_track');
  if (offTrack.length && leader.role !== 'aspiring') {
    signals.push({ kind: 'cta_off_track', explanation: `${offTrack.map((g) => `“${g.title}”`).join(', ')}, at the newest check-in this school year` });
  }
  return signals;
}

function openFollowUp(conversations: RetentionConversation[], now: string): FollowUp | null {
  const open = conversations.filter((c) => c.followUpDate && !c.followUpDoneDate).sort((a, b) => a.followUpDate!.localeCompare(b.followUpDate!))[0];
  return open ? { conversationId: open.id, leaderId: open.leaderId, leaderName: open.leaderName, date: open.followUpDate!, overdue: open.followUpDate! < now } : null;
}

/** High first, then medium, then leaders not yet judged (their signals may call for it), then low. */
const RANK: Record<RiskLevel | 'none', number> = { high: 0, medium: 1, none: 2, low: 3 };

function context(ctx: CoreContext) {
  const now = today(ctx);
  const year = schoolYearOf(now, schoolYearStartMonth(ctx.db));
  const cadence = new Map(getCadence(ctx, null).map((c) => [c.leaderId, c]));
  const conversations = listConversations(ctx, null);
  const risks = riskHistory(ctx, null);
  return { now, year, cadence, conversationsOf: (id: number) => conversations.filter((c) => c.leaderId === id), risksOf: (id: number) => risks.filter((r) => r.leaderId === id) };
}

const judgement = ({ leaderId: _l, ...r }: RiskJudgement & { leaderId: number }): RiskJudgement => r;

export function getRetentionOverview(ctx: CoreContext): RetentionOverview {
  const c = context(ctx);
  const entries = getCaseload(ctx).entries.filter((e) => e.leader.role !== 'aspiring');
  const caseload: RetentionRow[] = entries.map((entry) => {
    const conversations = c.conversationsOf(entry.leader.id);
    const risk = c.risksOf(entry.leader.id)[0];
    return {
      leaderId: entry.leader.id, leaderName: entry.leader.name, role: entry.leader.role,
      school: entry.school ? { id: entry.school.id, name: entry.school.name, needTier: entry.school.needTier } : null,
      risk: risk ? judgement(risk) : null,
      latestIntent: conversations.find((x) => x.intent !== null)?.intent ?? null,
      lastConversation: conversations[0] ? { id: conversations[0].id, date: conversations[0].date } : null,
      openFollowUp: openFollowUp(conversations, c.now),
      signals: signalsFor(ctx, { entry, conversations, cadence: c.cadence.get(entry.leader.id), today: c.now, yearStart: c.year.start }),
    };
  });
  caseload.sort((a, b) => RANK[a.risk?.level ?? 'none'] - RANK[b.risk?.level ?? 'none'] || b.signals.length - a.signals.length || compareNames(a.leaderName, b.leaderName));
  const followUps = caseload.flatMap((r) => (r.openFollowUp ? [r.openFollowUp] : [])).sort((a, b) => a.date.localeCompare(b.date));
  const noConversationThisYear = caseload
    .filter((r) => !c.conversationsOf(r.leaderId).some((x) => x.date >= c.year.start && x.date <= c.year.end))
    .map((r) => ({ leaderId: r.leaderId, leaderName: r.leaderName, schoolName: r.school?.name ?? null }))
    .sort((a, b) => compareNames(a.leaderName, b.leaderName));
  const targets = ctx.db.prepare(`SELECT id, name, enabled, retention_consent AS consent FROM sync_targets ORDER BY id`).all() as { id: number; name: string; enabled: number; consent: RetentionConsent }[];
  return {
    today: c.now, schoolYear: c.year, caseload, followUps, noConversationThisYear, ...listSuccession(ctx, caseload),
    targets: targets.map((t) => ({ ...t, enabled: t.enabled === 1 })),
  };
}

export function getLeaderRetention(ctx: CoreContext, leaderId: number): LeaderRetention {
  const entry = getCaseloadEntry(ctx, leaderId);
  const c = context(ctx);
  const conversations = c.conversationsOf(leaderId);
  const history = c.risksOf(leaderId).map(judgement);
  return {
    leaderId, leaderName: entry.leader.name, onCaseload: entry.assignment !== null, risk: history[0] ?? null, riskHistory: history, conversations,
    signals: signalsFor(ctx, { entry, conversations, cadence: c.cadence.get(leaderId), today: c.now, yearStart: c.year.start }),
    openFollowUp: openFollowUp(conversations, c.now),
  };
}
