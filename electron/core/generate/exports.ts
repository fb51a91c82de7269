import { addDays } from 'date-fns/addDays';
import { parseISO } from 'date-fns/parseISO';
import { startOfWeek } from 'date-fns/startOfWeek';
import type { CtaCheckInSummary } from '../../../shared/cta/model';
import { AppError } from '../../../shared/result';
import { isoDate, type SchoolYear } from '../../../shared/schoolYear';
import type { CoreContext } from '../context';
import { evaluationPdf } from '../export/evaluationPdf';
import { getCheckIn } from '../services/cta/checkins';
import { enqueueCheckIn, enqueueCheckInAddendum, summaryPdfBytes, summaryTitle } from '../services/cta/summary';
import { formatterOf, pdfSetting } from '../services/settings/settings';
import { enqueueEvaluation } from '../services/evaluations/signoff';
import { getEvaluation } from '../services/evaluations/cycles';
import { queueRetentionSnapshot } from '../services/retention/export';
import { queueCaseloadRoster, queueVisitLog } from '../services/sync/exports';

/**
 * A decade of a supervisor's district exports, queued through the app's own export code in the
 * order they would have been made: each finalised check-in and addendum, each locked evaluation
 * with its PDF, every week's visit log, the caseload roster at the start and middle of each school
 * year, and this year's retention summary. Each is queued "on its day" (the context's clock), so
 * its createdAt and school year are those of then.
 */
interface Event {
  at: string;
  kind: string;
  run: () => unknown;
}

const atTime = (ctx: CoreContext, iso: string) => (ctx.now = () => new Date(iso));

/** The caseload as it stood on a day: assignments and leaders set to then for the length of fn, and back. */
function onDay<T>(ctx: CoreContext, day: string, fn: () => T): T {
  return ctx.db.transaction(() => {
    const assignments = ctx.db.prepare(`SELECT id, leader_id AS leaderId, start_date AS start, end_date AS "end" FROM assignments`).all() as { id: number; leaderId: number; start: string; end: string | null }[];
    const statuses = ctx.db.prepare(`SELECT id, status FROM leaders`).all() as { id: number; status: string }[];
    const setEnd = ctx.db.prepare(`UPDATE assignments SET end_date = ? WHERE id = ?`);
    const setStatus = ctx.db.prepare(`UPDATE leaders SET status = ? WHERE id = ?`);
    for (const a of assignments) {
      const held = a.start <= day && (a.end === null || day <= a.end);
      setEnd.run(held ? null : '0001-01-01', a.id);
      setStatus.run(held ? 'active' : 'left', a.leaderId);
    }
    try {
      return fn();
    } finally {
      for (const a of assignments) setEnd.run(a.end, a.id);
      for (const l of statuses) setStatus.run(l.status, l.id);
    }
  })();
}

export async function queueExportHistory(ctx: CoreContext, years: SchoolYear[], today: string): Promise<Record<string, number>> {
  const events: Event[] = [];
  const checkins = ctx.db.prepare(`SELECT id, finalised_at AS at, summary FROM cta_checkins WHERE finalised_at IS NOT NULL`).all() as { id: number; at: string; summary: string }[];
  for (const c of checkins) {
    events.push({
      at: c.at, kind: 'cta_checkin', run: async () => {
        // The summary as it was snapshotted when the check-in was finalised, before any addendum.
        const summary = JSON.parse(c.summary) as CtaCheckInSummary;
        const pdf = await summaryPdfBytes(summary, formatterOf(ctx));
        ctx.db.transaction(() => enqueueCheckIn(ctx, getCheckIn(ctx, c.id), summary, pdf))();
      },
    });
  }
  const addenda = ctx.db.prepare(`SELECT a.uid, a.body, a.created_at AS at, c.uid AS checkinUid, c.summary FROM cta_addenda a JOIN cta_checkins c ON c.id = a.checkin_id`).all() as
    { uid: string; body: string; at: string; checkinUid: string; summary: string }[];
  for (const a of addenda) {
    const title = summaryTitle(JSON.parse(a.summary) as CtaCheckInSummary);
    events.push({ at: a.at, kind: 'cta_checkin_addendum', run: () => ctx.db.transaction(() => enqueueCheckInAddendum(ctx, { uid: a.uid, checkinUid: a.checkinUid, title, body: a.body, createdAt: a.at }))() });
  }
  const cycles = ctx.db.prepare(`SELECT id, locked_at AS at FROM evaluation_cycles WHERE locked_at IS NOT NULL`).all() as { id: number; at: string }[];
  for (const c of cycles) {
    events.push({
      at: c.at, kind: 'evaluation', run: async () => {
        const detail = getEvaluation(ctx, c.id);
        const pdf = await evaluationPdf(detail, pdfSetting(ctx));
        ctx.db.transaction(() => enqueueEvaluation(ctx, detail, c.at, 1, pdf))();
      },
    });
  }
  // Every week with a closed visit, sent the Monday after.
  for (let monday = isoDate(startOfWeek(parseISO(years[0].start), { weekStartsOn: 1 })); monday <= today; monday = isoDate(addDays(parseISO(monday), 7))) {
    const sent = isoDate(addDays(parseISO(monday), 7));
    if (sent > today) break;
    events.push({ at: `${sent}T16:00:00.000Z`, kind: 'visit_log', run: () => ctx.db.transaction(() => queueVisitLog(ctx, monday))() });
  }
  for (const y of years) {
    for (const day of [isoDate(addDays(parseISO(y.start), 45)), isoDate(addDays(parseISO(y.start), 200))]) {
      if (day <= today) events.push({ at: `${day}T15:00:00.000Z`, kind: 'caseload_roster', run: () => onDay(ctx, day, () => queueCaseloadRoster(ctx)) });
    }
  }
  events.push({ at: `${today}T17:00:00.000Z`, kind: 'retention_snapshot', run: () => ctx.db.transaction(() => queueRetentionSnapshot(ctx))() });

  const counts: Record<string, number> = {};
  for (const e of events.sort((a, b) => a.at.localeCompare(b.at))) {
    atTime(ctx, e.at);
    try {
      await e.run();
      counts[e.kind] = (counts[e.kind] ?? 0) + 1;
    } catch (err) {
      // A week with nothing closed, a retention summary no target may receive: nothing to send, as in the app.
      if (!(err instanceof AppError && ['nothing_to_send', 'no_consent'].includes(err.code))) throw err;
    }
  }
  return counts;
}
