/** The evaluation cycle's words and the playbook's defaults. */

/** A stage of the district's template: due on a month and day of the school year. */
export interface TemplateStage {
  name: string;
  month: number;
  day: number;
}

/** The playbook's cycle: goals first, the summative write-up at the end of the year. */
export const DEFAULT_STAGES: readonly TemplateStage[] = [
  { name: 'Set goals', month: 9, day: 30 },
  { name: 'Communication and work styles', month: 10, day: 15 },
  { name: 'Strengths to leverage', month: 10, day: 31 },
  { name: 'Growth areas and support plan', month: 11, day: 15 },
  { name: 'Progress monitoring and reflection', month: 12, day: 15 },
  { name: 'Mid-year review', month: 1, day: 31 },
  { name: 'End-of-year summative', month: 6, day: 15 },
];

/** Four levels, lowest first. A district may rename them or use 2 to 7 levels. */
export const DEFAULT_SCALE: readonly string[] = ['Ineffective', 'Developing', 'Effective', 'Highly effective'];
export const DEFAULT_EVALUATION_FRAMEWORK = 'psel-2015';
export const MAX_STAGES = 20;
export const SCALE_LEVELS = { min: 2, max: 7 } as const;

/** The structured entries of a cycle. */
export const ENTRY_KINDS = ['goal', 'style', 'strength', 'growth_area'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const ENTRY_KIND_LABELS: Record<EntryKind, string> = {
  goal: 'Goal',
  style: 'Communication or work style',
  strength: 'Strength to leverage',
  growth_area: 'Growth area',
};

/** The summative write-up's sections, in the order they are written and printed. */
export const WRITE_UP_SECTIONS = ['summary', 'strengths', 'growthAreas', 'supportPlan', 'nextYearGoals'] as const;
export type WriteUpSection = (typeof WRITE_UP_SECTIONS)[number];
export const WRITE_UP_SECTION_LABELS: Record<WriteUpSection, string> = {
  summary: 'Summary',
  strengths: 'Strengths',
  growthAreas: 'Growth areas',
  supportPlan: 'Support plan',
  nextYearGoals: 'Goals for next year',
};

/** Days ahead a stage counts as "due soon" on the dashboard. */
export const DUE_SOON_DAYS = 14;

export const daysInMonth = (month: number): number => [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;

/** The date a template stage falls on in the school year that starts on yearStart (yyyy-MM-01). */
export function stageDueDate(stage: Pick<TemplateStage, 'month' | 'day'>, yearStart: string): string {
  const startYear = Number(yearStart.slice(0, 4));
  const startMonth = Number(yearStart.slice(5, 7));
  const year = stage.month >= startMonth ? startYear : startYear + 1;
  return `${year}-${String(stage.month).padStart(2, '0')}-${String(stage.day).padStart(2, '0')}`;
}

/** A quote in the write-up keeps a link to its source, and says when it came from a coaching note. */
export const quoteMarkdown = (q: { quote: string; label: string; href: string | null; coachingIncluded?: boolean }): string =>
  `> “${q.quote}”\n> — ${q.href ? `[${q.label}](${q.href})` : q.label}${q.coachingIncluded ? ' (coaching note, included deliberately)' : ''}`;
