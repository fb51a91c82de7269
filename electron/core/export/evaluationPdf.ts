import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { WRITE_UP_SECTIONS, WRITE_UP_SECTION_LABELS } from '../../../shared/evaluations/vocabulary';
import type { EvaluationDetail } from '../../../shared/evaluations/model';
import type { Formatter } from '../../../shared/format';
import { markdownContent } from './markdownPdf';
import { renderPdf } from './pdf';


function rubricTable(e: EvaluationDetail): Content {
  const body: Content[][] = [[{ text: 'Standard', bold: true }, { text: 'Rating', bold: true }, { text: 'Rationale and evidence', bold: true }]];
  for (const row of e.rubric) {
    const evidence = row.evidence.map((ev) => ({
      text: `Evidence: ${ev.label}${ev.coachingIncluded ? ' (coaching note, included deliberately)' : ''}: “${ev.quote}”`,
      italics: true,
      margin: [0, 2, 0, 0] as [number, number, number, number],
    }));
    body.push([
      row.title,
      row.rating === null ? 'Not rated' : `${row.rating} – ${e.scale[row.rating - 1]}`,
      { stack: [...(row.rationale.trim() ? markdownContent(row.rationale) : [{ text: 'No rationale given', italics: true }]), ...evidence] },
    ]);
  }
  return { table: { headerRows: 1, widths: ['28%', '17%', '*'], body }, layout: 'lightHorizontalLines', margin: [0, 4, 0, 12] };
}

function entriesBlock(e: EvaluationDetail, f: Formatter): Content[] {
  const goals = e.entries.filter((x) => x.kind === 'goal');
  const areas = e.entries.filter((x) => x.kind === 'growth_area');
  const out: Content[] = [];
  if (goals.length) {
    out.push({ text: 'Professional goals this year', style: 'h2' });
    out.push({
      ul: goals.map((g) => [g.title, g.measure || g.target || g.byDate ? `Measure: ${g.measure || '—'} · Target: ${g.target || '—'} · By: ${g.byDate ? f.date(g.byDate) : '—'}` : '',
        ...g.progress.map((p) => `Progress ${f.date(p.date)}: ${p.note}`)].filter(Boolean).join('\n')),
    });
  }
  if (areas.some((a) => a.actions.length)) {
    out.push({ text: 'Support-plan actions', style: 'h2' });
    out.push({ ul: areas.flatMap((a) => a.actions.map((x) => `${a.title}: ${x.description} (${x.owner}${x.dueDate ? `, due ${f.date(x.dueDate)}` : ''}${x.doneDate ? `, done ${f.date(x.doneDate)}` : ''})`)) });
  }
  return out;
}

function signatures(e: EvaluationDetail, f: Formatter): Content[] {
  const ack = e.acknowledgement;
  return [
    { text: 'Signatures', style: 'h2' },
    { text: e.signature ? `Supervisor: ${e.signature.name}, signed ${f.dateTime(e.signature.at)}` : 'Supervisor: not signed' },
    { text: ack ? `Leader acknowledgement: ${ack.name}, ${f.date(ack.date)}` : 'Leader acknowledgement: not yet recorded' },
    ...(ack?.comment ? [{ text: `Leader’s comment: ${ack.comment}`, margin: [0, 2, 0, 0] as [number, number, number, number] }] : []),
    { text: e.lockedAt ? `Locked ${f.dateTime(e.lockedAt)}` : 'Not locked: this is a draft', margin: [0, 6, 0, 0] },
  ];
}

/** The summative write-up as a PDF: rubric table, ratings, rationales, evidence citations, signatures, addenda. */
export function evaluationPdf(e: EvaluationDetail, f: Formatter): Promise<Buffer> {
  const doc: TDocumentDefinitions = {
    info: { title: `Summative evaluation: ${e.leader.name}, ${e.yearLabel}` },
    content: [
      { text: `Summative evaluation: ${e.leader.name}`, style: 'h1' },
      { text: `${e.leader.schoolName ?? 'No school'} · School year ${e.yearLabel} · Rubric: ${e.frameworkName}`, margin: [0, 0, 0, 4] },
      { text: `Rating scale: ${e.scale.map((l, i) => `${i + 1} ${l}`).join(', ')}`, margin: [0, 0, 0, 10] },
      { text: 'Rubric', style: 'h2' },
      rubricTable(e),
      ...WRITE_UP_SECTIONS.flatMap((s): Content[] => [{ text: WRITE_UP_SECTION_LABELS[s], style: 'h2' }, ...markdownContent(e.writeUp[s])]),
      ...entriesBlock(e, f),
      ...signatures(e, f),
      ...(e.addenda.length
        ? [{ text: 'Addenda', style: 'h2' } as Content, ...e.addenda.map((a): Content => ({ text: `${f.date(a.date)} (${a.author}): ${a.body}`, margin: [0, 0, 0, 4] }))]
        : []),
    ],
    styles: { h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] }, h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] } },
  };
  return renderPdf(doc);
}

export const evaluationPdfName = (e: EvaluationDetail): string =>
  `evaluation-${e.leader.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'leader'}-${e.yearStart.slice(0, 4)}.pdf`;
