import { parseISO } from 'date-fns/parseISO';
import { schoolYearOf } from '../schoolYear';

/** The Call-to-Action's words: its yearly rhythm, goal statuses and how a goal is measured. */

/** The CTA's yearly rhythm, in order: drafted in spring, final by summer, lived in fall, checked in winter. */
export const CTA_STAGES = ['spring_draft', 'summer_final', 'fall_implementation', 'winter_midyear'] as const;
export type CtaStage = (typeof CTA_STAGES)[number];
export const CTA_STAGE_LABELS: Record<CtaStage, string> = {
  spring_draft: 'Spring: drafting next year’s goals',
  summer_final: 'Summer: goals and action plans final',
  fall_implementation: 'Fall: implementing, early monitoring',
  winter_midyear: 'Winter: mid-year check and course correction',
};

export const GOAL_STATUSES = ['on_track', 'at_risk', 'off_track'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = { on_track: 'On track', at_risk: 'At risk', off_track: 'Off track' };

export const MEASURE_TYPES = ['percentage', 'number', 'text'] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];
export const MEASURE_TYPE_LABELS: Record<MeasureType, string> = { percentage: 'Percentage', number: 'Number', text: 'Words (a rubric level, a milestone)' };

export const GOAL_DIRECTIONS = ['increase', 'decrease'] as const;
export type GoalDirection = (typeof GOAL_DIRECTIONS)[number];
export const GOAL_DIRECTION_LABELS: Record<GoalDirection, string> = { increase: 'Higher is better', decrease: 'Lower is better' };

/** The focus areas a CTA goal belongs to: the Partnership Implementation Framework's six, and room for the district's own. */
export const CTA_FOCUS_AREAS = [
  'Instructional Leadership',
  'Teaching and Learning',
  'Data-driven Instruction',
  'School Culture and Restorative Communities',
  'Family and Community Engagement',
  'Operations and Talent',
  'Other',
] as const;
export type CtaFocusArea = (typeof CTA_FOCUS_AREAS)[number];

/** A CTA holds three to five goals: enough to matter, few enough that the ILT can focus. */
export const CTA_MIN_GOALS = 3;
export const CTA_MAX_GOALS = 5;

export type MeasureCheck = { ok: true; value: string } | { ok: false; message: string };

/**
 * A measured value as typed, checked against the goal's kind of measure. Numbers are kept as
 * plain decimal text ("42.5"); a percentage may be typed with its sign ("42%").
 */
export function checkMeasureValue(type: MeasureType, raw: string): MeasureCheck {
  const text = raw.trim();
  if (!text) return { ok: false, message: 'Enter a value' };
  if (type === 'text') return text.length > 200 ? { ok: false, message: 'Keep the value under 200 characters' } : { ok: true, value: text };
  const numeric = type === 'percentage' ? text.replace(/\s*%$/, '') : text.replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(numeric)) return { ok: false, message: type === 'percentage' ? 'Enter a percentage as a number, like 42 or 42.5' : 'Enter a number, like 12 or 3.5' };
  const n = Number(numeric);
  if (!Number.isFinite(n) || Math.abs(n) > 1e12) return { ok: false, message: 'Enter a number of a sensible size' };
  if (type === 'percentage' && (n < 0 || n > 100)) return { ok: false, message: `A percentage is between 0 and 100; ${numeric}% is not possible` };
  return { ok: true, value: String(n) };
}

/** How a stored value reads: "42%", "12 referrals", "Proficient". */
export function formatMeasure(type: MeasureType, value: string | null, unit = ''): string {
  if (value === null || value === '') return '—';
  if (type === 'percentage') return `${value}%`;
  return unit && type === 'number' ? `${value} ${unit}` : value;
}

export const QUARTERS = [1, 2, 3, 4] as const;
export type Quarter = (typeof QUARTERS)[number];

/** The school-year quarter (1–4) a date falls in: three-month blocks from the year's first month. */
export function quarterOf(date: string, startMonth = 7): Quarter {
  const d = parseISO(date);
  const offset = (d.getMonth() + 1 - startMonth + 12) % 12;
  return (Math.floor(offset / 3) + 1) as Quarter;
}

/** The first and last day of quarter q of the school year that starts on schoolYearStart. */
export function quarterRange(schoolYearStart: string, q: Quarter): { start: string; end: string } {
  const start = parseISO(schoolYearStart);
  const first = new Date(start.getFullYear(), start.getMonth() + (q - 1) * 3, 1);
  const last = new Date(first.getFullYear(), first.getMonth() + 3, 0);
  const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { start: iso(first), end: iso(last) };
}

/**
 * Where in the CTA rhythm a plan for the school year starting planYearStart should be on `today`:
 * drafted before its year, final in the year's first two months, implemented to mid-year, then
 * checked and corrected. null once its year is over.
 */
export function expectedStage(planYearStart: string, today: string, startMonth = 7): CtaStage | null {
  const current = schoolYearOf(today, startMonth).start;
  if (current < planYearStart) return 'spring_draft';
  if (current > planYearStart) return null;
  const monthInYear = (parseISO(today).getMonth() + 1 - startMonth + 12) % 12;
  return monthInYear < 2 ? 'summer_final' : monthInYear < 6 ? 'fall_implementation' : 'winter_midyear';
}

export const quarterLabel = (q: number): string => `Q${q}`;
