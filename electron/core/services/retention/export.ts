import type { QueuedExportRef } from '../../../../shared/sync/model';
import { INTENTS, RETENTION_EXPORT_KIND, RISK_LEVELS } from '../../../../shared/retention/vocabulary';
import { AppError } from '../../../../shared/result';
import { type CoreContext, today } from '../../context';
import { getCaseload } from '../caseload/caseload';
import { listConversations, riskHistory } from './conversations';
import { schoolYearStartMonth } from '../visits/cadence';
import { schoolYearOf } from '../../../../shared/schoolYear';
import { enqueueRevision } from '../sync/exports';
import { PACKAGE_SCHEMA_VERSION } from '../../../../shared/sync/vocabulary';
import type { RetentionNamedPayloadV2, VacancyCountsV2 } from '../../../../shared/exportFormat/payloadsV2';
import { formatterOf } from '../settings/settings';

/**
 * A retention summary of the caseload, queued on request from the retention view. The outbox
 * holds the named version; each target's package is cut down to what its consent allows
 * (sync/consent.ts), so a target that was never given consent receives nothing.
 */
export function queueRetentionSnapshot(ctx: CoreContext): QueuedExportRef {
  const consenting = ctx.db.prepare(`SELECT count(*) FROM sync_targets WHERE enabled = 1 AND retention_consent <> 'none'`).pluck().get() as number;
  if (consenting === 0) {
    throw new AppError('no_consent', 'No export target may receive retention records. On the Sync screen, choose “Counts only” or “Named records” for a target first');
  }
  const date = today(ctx);
  const year = schoolYearOf(date, schoolYearStartMonth(ctx.db));
  const entries = getCaseload(ctx).entries.filter((e) => e.leader.role !== 'aspiring');
  if (entries.length === 0) throw new AppError('nothing_to_send', 'Your caseload has no principals or assistant principals yet');
  const conversations = listConversations(ctx, null).filter((c) => c.date >= year.start && c.date <= year.end);
  const risks = riskHistory(ctx, null);
  const leaders = entries.map(({ leader, school }) => {
    const mine = conversations.filter((c) => c.leaderId === leader.id);
    const risk = risks.find((r) => r.leaderId === leader.id);
    return {
      id: leader.id, name: leader.name, email: leader.email, role: leader.role,
      school: school ? { name: school.name, districtCode: school.districtCode } : null,
      risk: risk ? { level: risk.level, reason: risk.reason, date: risk.date } : null,
      intent: mine.find((c) => c.intent !== null)?.intent ?? null,
      conversations: mine.map((c) => ({
        date: c.date, kind: c.kind, intent: c.intent, factors: c.factors, threats: c.threats, wouldHelp: c.wouldHelp, notes: c.notes,
        followUpDate: c.followUpDate, followUpDoneDate: c.followUpDoneDate,
        planOfSupport: c.actions.map((a) => ({ description: a.description, owner: a.owner, dueDate: a.dueDate, doneDate: a.doneDate })),
      })),
    };
  });
  const tally = <K extends string>(keys: readonly K[], of: (l: (typeof leaders)[number]) => K | null, none: string) =>
    Object.fromEntries([...keys.map((k) => [k, leaders.filter((l) => of(l) === k).length]), [none, leaders.filter((l) => of(l) === null).length]]);
  const succession = successionOf(ctx, entries);
  const counts = {
    leaders: leaders.length,
    byRisk: tally(RISK_LEVELS, (l) => l.risk?.level ?? null, 'notJudged'),
    byIntent: tally(INTENTS, (l) => l.intent, 'notAsked'),
    vacancy: vacancyCounts(leaders, succession),
  };
  const title = `Caseload on ${formatterOf(ctx).date(date)}`;
  return enqueueRevision(ctx, RETENTION_EXPORT_KIND, date, title, { schemaVersion: PACKAGE_SCHEMA_VERSION, date, schoolYear: year.label, counts, leaders, succession }, []);
}

type Succession = NonNullable<RetentionNamedPayloadV2['succession']>;

/** Each caseload school with the aspiring leaders named as its possible successors, readiest first. */
function successionOf(ctx: CoreContext, entries: { school: { id: number; name: string; districtCode: string | null } | null }[]): Succession {
  const candidates = ctx.db.prepare(`SELECT l.name, l.email, c.readiness FROM succession_candidates c JOIN leaders l ON l.id = c.leader_id
    WHERE c.school_id = ? AND l.status = 'active' ORDER BY CASE c.readiness WHEN 'ready_now' THEN 0 WHEN 'ready_soon' THEN 1 ELSE 2 END, l.name`);
  const schools = new Map(entries.flatMap((e) => (e.school ? [[e.school.id, e.school] as const] : [])));
  return [...schools.values()].map((school) => ({
    school: { name: school.name, districtCode: school.districtCode },
    candidates: candidates.all(school.id) as Succession[number]['candidates'],
  }));
}

/** Schools whose principal is judged high risk or leaving, by the readiness of the readiest successor named. */
function vacancyCounts(leaders: { role: string; risk: { level: string } | null; intent: string | null; school: { name: string; districtCode: string | null } | null }[], succession: Succession): VacancyCountsV2 {
  const key = (s: { name: string; districtCode: string | null }) => `${s.districtCode ?? ''}|${s.name}`;
  const best = new Map(succession.map((s) => [key(s.school), s.candidates[0]?.readiness ?? null]));
  const atRisk = new Set(leaders.filter((l) => l.role === 'principal' && l.school && (l.risk?.level === 'high' || l.intent === 'leaving')).map((l) => key(l.school!)));
  const of = (readiness: string | null) => [...atRisk].filter((k) => (best.get(k) ?? null) === readiness).length;
  return { schools: atRisk.size, readyNow: of('ready_now'), readySoon: of('ready_soon'), developingOnly: of('developing'), noSuccessor: of(null) };
}
