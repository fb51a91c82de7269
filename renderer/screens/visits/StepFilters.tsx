import { SelectField, TextField, optionsOf } from '../../components/Field';
import type { NextStepFilter, NextStepQuery } from '../../../shared/visits/contract';
import {
  ACTION_OWNERS, ACTION_OWNER_LABELS, ACTION_SOURCES, ACTION_SOURCE_LABELS, NEXT_STEP_DUE, NEXT_STEP_DUE_LABELS, NEXT_STEP_WEEK_DAYS,
  type ActionOwner, type ActionSource, type NextStepDue,
} from '../../../shared/vocabulary';
import { compareNames } from '../../../shared/collation';
import { isoDate } from '../../../shared/schoolYear';
import { fmt } from '../../format';
import { addDays, parseISO } from 'date-fns';

/** The Next steps screen's filters as the form holds them ('any' and 0 mean "don't filter"). */
export interface StepFilter {
  leaderId: number;
  status: NextStepFilter;
  source: ActionSource | 'any';
  owner: ActionOwner | 'any';
  due: NextStepDue;
  text: string;
}
export const NO_STEP_FILTER: StepFilter = { leaderId: 0, status: 'open', source: 'any', owner: 'any', due: 'any', text: '' };

/** Anything narrowed besides open/done/all. */
export const isFiltered = (f: StepFilter) => JSON.stringify(f) !== JSON.stringify({ ...NO_STEP_FILTER, status: f.status });

export const toQuery = (f: StepFilter): NextStepQuery => ({
  leaderId: f.leaderId || null,
  status: f.status,
  source: f.source === 'any' ? null : f.source,
  owner: f.owner === 'any' ? null : f.owner,
  due: f.due,
  text: f.text.trim() || null,
});

const STATUS_OPTIONS: { value: NextStepFilter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'done', label: 'Done' },
  { value: 'all', label: 'All' },
];

export const captionFor = (f: StepFilter) => `${STATUS_OPTIONS.find((o) => o.value === f.status)!.label} next steps`;

/** "1,234 next steps, 56 overdue": the whole filtered list, not just the rows drawn. */
export function countLine(total: number, overdue: number, status: NextStepFilter): string {
  const n = (k: number) => k.toLocaleString('en-US');
  const steps = `${n(total)} ${total === 1 ? 'next step' : 'next steps'}`;
  return status !== 'done' && overdue > 0 ? `${steps}, ${n(overdue)} overdue` : steps;
}

/** Leader, status, where it came from, owner, due date and words; a refusal is shown at its field. */
/** The due-date choices, the coming week with its dates: "Due in the next 7 days (Nov 23 – Nov 30)". */
const dueOptions = (today: string) => optionsOf(NEXT_STEP_DUE, {
  ...NEXT_STEP_DUE_LABELS,
  week: `${NEXT_STEP_DUE_LABELS.week} (${fmt().dayMonth(today)} – ${fmt().dayMonth(isoDate(addDays(parseISO(today), NEXT_STEP_WEEK_DAYS)))})`,
});

export function StepFilters({ filter, onChange, leaders, error, today }: {
  filter: StepFilter;
  today: string;
  onChange: (f: StepFilter) => void;
  leaders: { value: number; label: string }[];
  error: { text: string; field?: string } | null;
}) {
  const set = <K extends keyof StepFilter>(key: K) => (value: StepFilter[K]) => onChange({ ...filter, [key]: value });
  const at = (field: keyof StepFilter) => (error?.field === field ? error.text : undefined);
  const sorted = [...leaders].sort((a, b) => compareNames(a.label, b.label));
  return (
    <form className="filters" role="search" aria-label="Filter next steps" noValidate onSubmit={(e) => e.preventDefault()}>
      <SelectField label="Filter by leader" value={filter.leaderId} onChange={set('leaderId')} error={at('leaderId')}
        options={[{ value: 0, label: 'All leaders' }, ...sorted]} />
      <SelectField label="Filter by status" value={filter.status} onChange={set('status')} options={STATUS_OPTIONS} />
      <SelectField label="Filter by due date" value={filter.due} onChange={set('due')} options={dueOptions(today)} />
      <SelectField label="Filter by where it came from" value={filter.source} onChange={set('source')}
        options={[{ value: 'any' as const, label: 'Anywhere' }, ...optionsOf(ACTION_SOURCES, ACTION_SOURCE_LABELS)]} />
      <SelectField label="Filter by owner" value={filter.owner} onChange={set('owner')}
        options={[{ value: 'any' as const, label: 'Anyone' }, ...optionsOf(ACTION_OWNERS, ACTION_OWNER_LABELS)]} />
      <TextField label="Filter by words" value={filter.text} onChange={set('text')} error={at('text')} />
      {isFiltered(filter) && (
        <button type="button" className="link" onClick={() => onChange({ ...NO_STEP_FILTER, status: filter.status })}>Clear filters</button>
      )}
    </form>
  );
}
