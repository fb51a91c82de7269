import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { WRITE_UP_SECTIONS, WRITE_UP_SECTION_LABELS } from '../../../shared/evaluations/vocabulary';
import type { EvaluationDetail } from '../../../shared/evaluations/model';
import type { Formatter } from '../../../shared/format';
import type { Db } from '../db/connection';
import type { PdfSetting } from '../services/settings/settings';
import { attachmentName } from './fileName';
import { markdownContent } from './markdownPdf';
import { renderPdf } from './pdf';
import { isolate, toFragments, typed } from './pdfText';

const margin = (top: number, bottom: number): [number, number, number, number] => [0, top, 0, bottom];

function rubricTable(e: EvaluationDetail): Content {
  const body: Content[][] = [[{ text: 'Standard', bold: true }, { text: 'Rating', bold: true }, { text: 'Rationale and evidence', bold: true }]];
  for (const row of e.rubric) {
    const evidence = row.evidence.map((ev) => typed(`Evidence: ${ev.label}${ev.coachingIncluded ? ' (coaching note, included deliberately)' : ''}: “${ev.quote}”`, { italics: true, margin: margin(2, 0) }));
    body.push([
      typed(row.title),
      typed(row.rating === null ? 'Not rated' : `${row.rating} – ${e.scale[row.rating - 1]}`),
      { stack: [...(row.rationale.trim() ? markdownContent(row.rationale) : [{ text: 'No rationale given', italics: true }]), ...evidence] },
    ]);
  }
  return { table: { headerRows: 1, widths: ['25%', 118, '*'], body }, layout: 'lightHorizontalLines', margin: margin(4, 12) };
}

function entriesBlock(e: EvaluationDetail, f: Formatter): Content[] {
  const goals = e.entries.filter((x) => x.kind === 'goal');
  const areas = e.entries.filter((x) => x.kind === 'growth_area');
  const out: Content[] = [];
  if (goals.length) {
    out.push({ text: 'Professional goals this year', style: 'h2' });
    out.push({
      ul: goals.map((g) => typed([g.title, g.measure || g.target || g.byDate ? `Measure: ${g.measure || '—'} · Target: ${g.target || '—'} · By: ${g.byDate ? f.date(g.byDate) : '—'}` : '',
        ...g.progress.map((p) => `Progress ${f.date(p.date)}: ${p.note}`)].filter(Boolean).join('\n'))),
    });
  }
  if (areas.some((a) => a.actions.length)) {
    out.push({ text: 'Support-plan actions', style: 'h2' });
    out.push({ ul: areas.flatMap((a) => a.actions.map((x) => typed(`${a.title}: ${x.description} (${x.owner}${x.dueDate ? `, due ${f.date(x.dueDate)}` : ''}${x.doneDate ? `, done ${f.date(x.doneDate)}` : ''})`))) });
  }
  return out;
}

function signatures(e: EvaluationDetail, f: Formatter): Content[] {
  const ack = e.acknowledgement;
  return [
    { text: 'Signatures', style: 'h2' },
    typed(e.signature ? `Supervisor: ${isolate(e.signature.name)}, signed ${f.dateTimeWithZone(e.signature.at)}` : 'Supervisor: not signed'),
    typed(ack ? `Leader acknowledgement: ${isolate(ack.name)}, ${f.date(ack.date)}` : 'Leader acknowledgement: not yet recorded'),
    ...(ack?.comment ? [typed(`Leader’s comment: ${ack.comment}`, { margin: margin(2, 0) })] : []),
    { text: e.lockedAt ? `Locked ${f.dateTimeWithZone(e.lockedAt)}` : 'Not locked: this is a draft', margin: margin(6, 0) },
  ];
}

/** The summative write-up as a PDF: rubric table, ratings, rationales, evidence citations, the write-up's Markdown set out, signatures, addenda. */
export function evaluationPdf(e: EvaluationDetail, setting: PdfSetting): Promise<Buffer> {
  const school = e.leader.schoolName ?? 'No school';
  const f = setting.format;
  const doc: TDocumentDefinitions = {
    content: [
      typed(`Summative evaluation: ${isolate(e.leader.name)}`, { style: 'h1' }),
      typed(`${isolate(school)} · School year ${e.yearLabel} · Rubric: ${e.frameworkName}`, { margin: margin(0, 4) }),
      typed(`Rating scale: ${e.scale.map((l, i) => `${i + 1} ${l}`).join(', ')}`, { margin: margin(0, 10) }),
      { text: 'Rubric', style: 'h2' },
      rubricTable(e),
      ...WRITE_UP_SECTIONS.flatMap((s): Content[] => [{ text: WRITE_UP_SECTION_LABELS[s], style: 'h2' }, ...markdownContent(e.writeUp[s])]),
      ...entriesBlock(e, f),
      ...signatures(e, f),
      ...(e.addenda.length
        ? [{ text: 'Addenda', style: 'h2' } as Content, ...e.addenda.map((a): Content => typed(`${f.date(a.date)} (${a.author}): ${a.body}`, { margin: margin(0, 4) }))]
        : []),
    ],
    styles: { h1: { fontSize: 16, bold: true, margin: margin(0, 4) }, h2: { fontSize: 12, bold: true, margin: margin(10, 4) } },
  };
  return renderPdf(doc, {
    title: `Summative evaluation: ${e.leader.name}, ${e.yearLabel}`,
    // The record's own moment: locked, else signed, else its school year; the same record gives the same bytes.
    date: e.lockedAt ?? e.signature?.at ?? `${e.yearStart}T00:00:00.000Z`,
    running: {
      header: toFragments(`Summative evaluation · ${isolate(e.leader.name)} · School year ${e.yearLabel}`),
      footer: toFragments([setting.district, school].filter(Boolean).join(' · ')),
    },
  });
}

export const evaluationPdfName = (db: Db, e: EvaluationDetail): string => attachmentName(db, ['evaluation', e.leader.name, e.yearStart.slice(0, 4)], e.id, 'pdf');
