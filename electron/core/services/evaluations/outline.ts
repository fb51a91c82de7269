import type { EvaluationDetail, EvidenceItem, RubricRow, WriteUpOutline } from '../../../../shared/evaluations/model';
import { quoteMarkdown } from '../../../../shared/evaluations/vocabulary';
import type { CoreContext } from '../../context';
import { getEvaluation, requireCycle } from './cycles';
import { rubricEvidence } from './rubric';
import { formatterOf } from '../settings/settings';

/**
 * "Start from evidence": an outline of each write-up section built from the cycle's own material
 * (entries, ratings, cited and tagged evidence). Headings and quotes only, with a link to each
 * quote's source; the supervisor writes the words. Each rating is listed once, in the summary; a
 * standard gets a heading only where it has evidence, under Strengths or Growth areas by its rating
 * (in the summary while it is not rated), so no quote is repeated.
 */

const QUOTES_PER_ROW = 2;


function quotesFor(row: RubricRow, tagged: EvidenceItem[]): string[] {
  const cited = row.evidence.map((e) => quoteMarkdown(e));
  const more = tagged
    .filter((t) => !row.evidence.some((e) => e.source === t.source && e.sourceId === t.id))
    .map((t) => quoteMarkdown({ quote: t.excerpt, label: t.label, href: t.href }));
  return [...cited, ...more].slice(0, Math.max(QUOTES_PER_ROW, cited.length));
}

const ratingLabel = (e: EvaluationDetail, r: RubricRow) => (r.rating ? e.scale[r.rating - 1] : 'not yet rated');
const rowBlock = (r: RubricRow, tagged: EvidenceItem[]) => [`### ${r.title}`, ...quotesFor(r, tagged)].join('\n\n');
const bullets = (lines: string[], empty: string) => (lines.length ? lines.map((l) => `- ${l}`).join('\n') : `- ${empty}`);

export function outlineWriteUp(ctx: CoreContext, cycleId: number): WriteUpOutline {
  const e = getEvaluation(ctx, cycleId);
  const readableDate = formatterOf(ctx).date;
  const evidence = new Map(rubricEvidence(ctx, requireCycle(ctx.db, cycleId), false).map((r) => [r.elementId, r.items]));
  const tagged = (r: RubricRow) => evidence.get(r.elementId) ?? [];
  const of = (kind: string) => e.entries.filter((x) => x.kind === kind);
  const withEvidence = (r: RubricRow) => r.evidence.length > 0 || tagged(r).length > 0;
  const evidenced = (keep: (r: RubricRow) => boolean) => e.rubric.filter((r) => withEvidence(r) && keep(r)).map((r) => rowBlock(r, tagged(r)));
  const upper = (r: RubricRow) => r.rating !== null && r.rating > e.scale.length / 2;
  const lower = (r: RubricRow) => r.rating !== null && r.rating <= e.scale.length / 2;

  const summary = [
    `## ${e.leader.name}, ${e.yearLabel}`,
    bullets(e.rubric.map((r) => `${r.title}: ${ratingLabel(e, r)}`), 'No rubric rows'),
    ...evidenced((r) => r.rating === null),
  ];
  const strengths = [
    '## Strengths to leverage',
    bullets(of('strength').map((s) => (s.detail ? `${s.title}: ${s.detail}` : s.title)), 'Name the strengths you identified this year'),
    ...evidenced(upper),
  ];
  const growthAreas = [
    '## Growth areas',
    bullets(of('growth_area').map((g) => (g.detail ? `${g.title}: ${g.detail}` : g.title)), 'Name the growth areas you worked on'),
    ...evidenced(lower),
  ];
  const supportPlan = [
    '## Support plan',
    ...of('growth_area').map((g) => [`### ${g.title}`, bullets(g.actions.map((a) => `${a.description} (${a.owner === 'supervisor' ? 'supervisor' : 'leader'}${a.dueDate ? `, due ${readableDate(a.dueDate)}` : ''}${a.doneDate ? `, done ${readableDate(a.doneDate)}` : ''})`), 'No actions yet')].join('\n\n')),
  ];
  const nextYearGoals = [
    '## Goals for next year',
    '### This year’s goals',
    bullets(of('goal').map((g) => {
      const latest = g.progress.at(-1);
      return `${g.title}${g.target ? ` (target: ${g.target})` : ''}${latest ? `: latest progress ${readableDate(latest.date)}: ${latest.note}` : ''}`;
    }), 'No goals recorded this year'),
  ];
  const join = (parts: string[]) => parts.join('\n\n');
  return { summary: join(summary), strengths: join(strengths), growthAreas: join(growthAreas), supportPlan: join(supportPlan), nextYearGoals: join(nextYearGoals) };
}
