import crypto from 'node:crypto';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatMeasure, GOAL_STATUS_LABELS, quarterLabel } from '../../../../shared/cta/vocabulary';
import type { CtaCheckIn, CtaCheckInSummary, CtaCheckInSummaryView } from '../../../../shared/cta/model';
import type { CtaCheckinAddendumPayloadV2, CtaCheckinPayloadV2 } from '../../../../shared/exportFormat/payloadsV2';
import { AppError } from '../../../../shared/result';
import { PACKAGE_SCHEMA_VERSION } from '../../../../shared/sync/vocabulary';
import { type CoreContext, timestamp } from '../../context';
import type { Db } from '../../db/connection';
import { attachmentName, downloadName } from '../../export/fileName';
import { renderPdf } from '../../export/pdf';
import { isolate, toFragments, typed } from '../../export/pdfText';
import { enqueueExport } from '../../sync/outbox';
import { getSchool } from '../caseload/schools';
import { formatterOf, getSettings } from '../settings/settings';
import type { Formatter } from '../../../../shared/format';
import { checkInRow, getCheckIn, requireOpenCheckIn } from './checkins';

/**
 * The one-page check-in summary: the print view, the PDF and the district export all come from
 * this one structure. A finalised check-in keeps the summary of its day, so later edits to the
 * plan's goals never rewrite it.
 */

type Step = CtaCheckInSummary['otherNextSteps'][number];
const step = (n: CtaCheckIn['nextSteps'][number]): Step => ({ description: n.description, owner: n.owner, dueDate: n.dueDate, done: n.doneDate !== null });

function liveSummary(ctx: CoreContext, c: CtaCheckIn): CtaCheckInSummary {
  const settings = getSettings(ctx.db);
  const school = getSchool(ctx.db, c.school.id)!;
  return {
    schemaVersion: 1,
    checkinUid: c.uid,
    school: { name: school.name, districtCode: school.districtCode },
    schoolYear: c.schoolYear.label,
    quarter: c.quarter,
    date: c.date,
    supervisor: settings?.supervisorName ?? null,
    district: settings?.district ?? null,
    attendees: c.attendees,
    goals: c.goals.map((g) => {
      const u = c.updates.find((x) => x.goalId === g.id);
      const f = (v: string | null) => formatMeasure(g.measureType, v, g.unit);
      return {
        title: g.title,
        focusArea: g.focusArea,
        measure: g.measure,
        baseline: f(g.baseline),
        benchmark: f(g.benchmark),
        target: f(g.target),
        value: f(u?.value ?? null),
        valueDate: u?.valueDate ?? null,
        valueSource: u?.valueSource || g.dataSource,
        status: u?.status ?? null,
        working: u?.working ?? '',
        barriers: u?.barriers ?? '',
        reflection: u?.reflection ?? '',
        adjustments: u?.adjustments ?? '',
        nextSteps: c.nextSteps.filter((n) => n.goalId === g.id).map(step),
      };
    }),
    otherNextSteps: c.nextSteps.filter((n) => n.goalId === null).map(step),
    finalisedAt: c.finalisedAt,
    addenda: c.addenda.map((a) => ({ body: a.body, createdAt: a.createdAt })),
  };
}

function summaryOf(ctx: CoreContext, c: CtaCheckIn): CtaCheckInSummary {
  const saved = ctx.db.prepare(`SELECT summary FROM cta_checkins WHERE id = ?`).pluck().get(c.id) as string | null;
  if (saved === null) return liveSummary(ctx, c);
  return { ...(JSON.parse(saved) as CtaCheckInSummary), addenda: c.addenda.map((a) => ({ body: a.body, createdAt: a.createdAt })) };
}

export function getSummary(ctx: CoreContext, checkinId: number): CtaCheckInSummaryView {
  const c = getCheckIn(ctx, checkinId);
  return { ...summaryOf(ctx, c), schoolId: c.school.id };
}

const statusText = (s: CtaCheckInSummary['goals'][number]['status']) => (s ? GOAL_STATUS_LABELS[s] : 'No status');
const stepLine = (f: Formatter) => (n: Step) => typed(`${n.done ? '[done] ' : ''}${n.description} (${n.owner}${n.dueDate ? `, by ${f.date(n.dueDate)}` : ''})`);
const labelled = (label: string, text: string): Content[] => (text.trim() ? [{ text: [{ text: `${label}: `, bold: true }, ...toFragments(text)], margin: [0, 1, 0, 1] }] : []);

export function summaryDocument(s: CtaCheckInSummary, f: Formatter): TDocumentDefinitions {
  const goals: Content[] = s.goals.flatMap((g, i): Content[] => [
    typed(`${i + 1}. ${g.title}`, { style: 'goal' }),
    {
      table: {
        widths: ['*', 50, 56, 50, 72, 54],
        body: [
          ['Measure', 'Baseline', 'Benchmark', 'Target', 'Latest', 'Status'].map((h) => ({ text: h, bold: true })),
          [typed(g.measure), typed(g.baseline), typed(g.benchmark), typed(g.target), typed(`${g.value}${g.valueDate ? ` (${f.date(g.valueDate)})` : ''}`), { text: statusText(g.status), bold: true }],
        ],
      },
      layout: 'lightHorizontalLines',
      fontSize: 9,
    },
    ...labelled('Source', g.valueSource),
    ...labelled('Working', g.working),
    ...labelled('Barriers', g.barriers),
    ...labelled('ILT reflection', g.reflection),
    ...labelled('Adjustments', g.adjustments),
    ...(g.nextSteps.length ? [{ text: 'Next steps', bold: true, margin: [0, 2, 0, 0] } as Content, { ul: g.nextSteps.map(stepLine(f)) } as Content] : []),
  ]);
  return {
    content: [
      typed(`${isolate(s.school.name)}: CTA check-in, ${quarterLabel(s.quarter)} ${s.schoolYear}`, { style: 'title' }),
      typed([`Held ${f.date(s.date)}`, s.supervisor ? `, facilitated by ${isolate(s.supervisor)}` : '', s.district ? ` (${s.district})` : '', s.finalisedAt ? `. Finalised ${f.date(s.finalisedAt)}.` : '. Draft: not yet finalised.'].join('')),
      { text: [{ text: 'Attendees: ', bold: true }, ...toFragments(s.attendees.length ? s.attendees.map((a) => (a.role ? `${isolate(a.name)} (${a.role})` : a.name)).join(', ') : 'none recorded')], margin: [0, 4, 0, 0] },
      ...goals,
      ...(s.otherNextSteps.length ? [{ text: 'Other next steps', style: 'goal' } as Content, { ul: s.otherNextSteps.map(stepLine(f)) } as Content] : []),
      ...(s.addenda.length ? [{ text: 'Addenda', style: 'goal' } as Content, { ul: s.addenda.map((a) => typed(`${f.date(a.createdAt)}: ${a.body}`)) } as Content] : []),
    ],
    styles: { title: { fontSize: 15, bold: true, margin: [0, 0, 0, 4] }, goal: { fontSize: 11, bold: true, margin: [0, 10, 0, 3] } },
    defaultStyle: { fontSize: 9.5 },
  };
}

/** The summary as PDF bytes: the school and quarter on every page, dated by the check-in itself. */
export const summaryPdfBytes = (s: CtaCheckInSummary, f: Formatter): Promise<Buffer> =>
  renderPdf(summaryDocument(s, f), {
    title: `CTA check-in: ${summaryTitle(s)}`,
    date: s.finalisedAt ?? `${s.date}T00:00:00.000Z`,
    running: {
      header: toFragments(`CTA check-in · ${isolate(s.school.name)} · ${quarterLabel(s.quarter)} · School year ${s.schoolYear}`),
      footer: toFragments([s.district, s.supervisor && `Facilitated by ${s.supervisor}`].filter(Boolean).join(' · ')),
    },
  });

/** "Cedar Grove Elementary, Q1 2026–27": how the check-in is named on the Sync screen and in the PDF. */
export const summaryTitle = (s: CtaCheckInSummary) => `${s.school.name}, ${quarterLabel(s.quarter)} ${s.schoolYear}`;

const pdfName = (db: Db, s: CtaCheckInSummary) => attachmentName(db, ['cta-checkin', s.school.name, s.schoolYear, `q${s.quarter}`], s.checkinUid.slice(0, 8), 'pdf');

export async function summaryPdf(ctx: CoreContext, checkinId: number): Promise<{ filename: string; base64: string }> {
  const s = summaryOf(ctx, getCheckIn(ctx, checkinId));
  return { filename: downloadName(['cta-checkin', s.school.name, s.schoolYear, `q${s.quarter}`], checkinId, 'pdf'), base64: (await summaryPdfBytes(s, formatterOf(ctx))).toString('base64') };
}

/** Mark the check-in finalised with the summary of this moment; returns that summary. */
export function snapshotSummary(ctx: CoreContext, checkinId: number, finalisedAt: string): CtaCheckInSummary {
  const summary = { ...liveSummary(ctx, getCheckIn(ctx, checkinId)), finalisedAt };
  ctx.db.prepare(`UPDATE cta_checkins SET finalised_at = ?, summary = ?, updated_at = ? WHERE id = ?`).run(finalisedAt, JSON.stringify(summary), finalisedAt, checkinId);
  return summary;
}

/**
 * Finalise: every goal needs a status. The PDF is rendered first (it takes a moment and cannot
 * run inside a database transaction), then the check-in is finalised and its export queued in one
 * transaction, provided nothing changed while the PDF was made; if it did, render again.
 */
export async function finaliseCheckIn(ctx: CoreContext, checkinId: number): Promise<CtaCheckIn> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = getCheckIn(ctx, checkinId);
    requireOpenCheckIn(ctx.db, checkinId);
    const missing = c.goals.find((g) => !c.updates.find((u) => u.goalId === g.id)?.status);
    if (missing) throw new AppError('incomplete', `Choose a status for “${missing.title}” before finalising`, 'status');
    const finalisedAt = timestamp(ctx);
    const summary = { ...liveSummary(ctx, c), finalisedAt };
    const pdf = await summaryPdfBytes(summary, formatterOf(ctx));
    const done = ctx.db.transaction(() => {
      if (JSON.stringify(getCheckIn(ctx, checkinId)) !== JSON.stringify(c)) return false;
      snapshotSummary(ctx, checkinId, finalisedAt);
      enqueueCheckIn(ctx, c, summary, pdf);
      return true;
    })();
    if (done) return getCheckIn(ctx, checkinId);
  }
  throw new AppError('busy', 'The check-in kept changing while it was being finalised; try again in a moment', 'checkinId');
}

/** The district export of a finalised check-in (schema version 2: with the school's own id and each goal's). */
export function checkInPayload(c: CtaCheckIn, summary: CtaCheckInSummary): CtaCheckinPayloadV2 {
  return {
    schemaVersion: PACKAGE_SCHEMA_VERSION,
    title: summaryTitle(summary),
    checkinUid: summary.checkinUid,
    school: { id: c.school.id, name: summary.school.name, districtCode: summary.school.districtCode },
    schoolYear: summary.schoolYear,
    quarter: summary.quarter,
    date: summary.date,
    supervisor: summary.supervisor,
    district: summary.district,
    attendees: summary.attendees.map(({ name, role }) => ({ name, role })),
    // The summary lists the goals in the check-in's order.
    goals: summary.goals.map((g, i) => ({ id: c.goals[i].id, ...g })),
    otherNextSteps: summary.otherNextSteps,
    finalisedAt: summary.finalisedAt!,
    addenda: summary.addenda,
  };
}

/** Queue a finalised check-in and its PDF for the district; inside the transaction that finalised it. */
export function enqueueCheckIn(ctx: CoreContext, c: CtaCheckIn, summary: CtaCheckInSummary, pdf: Buffer): string {
  return enqueueExport(ctx, {
    kind: 'cta_checkin',
    key: c.uid,
    payload: checkInPayload(c, summary),
    attachments: [{ filename: pdfName(ctx.db, summary), mediaType: 'application/pdf', content: pdf }],
  });
}

/** An addendum as the district gets it: it belongs to the record `cta_checkin:<installation>:<checkinUid>`. */
export function enqueueCheckInAddendum(ctx: CoreContext, a: { uid: string; checkinUid: string; title: string; body: string; createdAt: string }): string {
  const payload: CtaCheckinAddendumPayloadV2 = { schemaVersion: PACKAGE_SCHEMA_VERSION, title: a.title, checkinUid: a.checkinUid, body: a.body, createdAt: a.createdAt };
  return enqueueExport(ctx, { kind: 'cta_checkin_addendum', key: a.uid, payload });
}

/** After finalising, the record grows only by dated addenda; each is queued for the district too. */
export function addAddendum(ctx: CoreContext, checkinId: number, body: string): CtaCheckIn {
  const row = checkInRow(ctx.db, checkinId);
  if (!row.finalisedAt) throw new AppError('not_finalised', 'This check-in is still open: change it directly; addenda are for finalised check-ins', 'body');
  const uid = crypto.randomUUID();
  const createdAt = timestamp(ctx);
  ctx.db.prepare(`INSERT INTO cta_addenda (uid, checkin_id, body, created_at) VALUES (?, ?, ?, ?)`).run(uid, checkinId, body, createdAt);
  const title = summaryTitle(summaryOf(ctx, getCheckIn(ctx, checkinId)));
  enqueueCheckInAddendum(ctx, { uid, checkinUid: row.uid, title, body, createdAt });
  return getCheckIn(ctx, checkinId);
}
