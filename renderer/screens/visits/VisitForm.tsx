import { call } from '../../api';
import { FormError, SelectField, TextField, optionsOf } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { submitFocus } from '../../components/outcomeFocus';
import { navigate } from '../../router';
import { useCaseload } from '../../stores';
import type { VisitSummary } from '../../../shared/visits/model';
import {
  EVIDENCE_KINDS, EVIDENCE_KIND_LABELS, VISIT_TYPES, VISIT_TYPE_LABELS, type EvidenceKind, type VisitType,
} from '../../../shared/vocabulary';

interface Values extends Record<string, unknown> {
  date: string;
  startTime: string;
  endTime: string;
  schoolId: number | '';
  leaderIds: number[];
  type: VisitType | '';
  purpose: string;
  focus: string;
  evidenceKind: EvidenceKind;
}

const blank = (date: string, leaderId?: number, schoolId?: number): Values => ({
  date, startTime: '09:00', endTime: '10:00', schoolId: schoolId ?? '', leaderIds: leaderId ? [leaderId] : [], type: '',
  purpose: '', focus: '', evidenceKind: 'coaching',
});

/** Plan a visit, or change a planned one. */
export function VisitForm({ visit, date, leaderId }: { visit?: VisitSummary; date?: string; leaderId?: number }) {
  const caseload = useCaseload((s) => s.data);
  const preset = leaderId ? caseload?.entries.find((e) => e.leader.id === leaderId) : undefined;
  const form = useForm<Values>(
    visit
      ? { ...visit, schoolId: visit.school.id, leaderIds: visit.leaders.map((l) => l.id) }
      : blank(date ?? caseload?.today ?? '', leaderId, preset?.school?.id),
    // A draft belongs to the day and leader it was started for, so "+ Plan" on Thursday opens clean.
    visit ? `visit-${visit.id}` : `plan-visit-${date ?? ''}-${leaderId ?? ''}`,
  );
  const { values, set, errors } = form;
  if (!caseload) return <p>Loading…</p>;
  // Leaders at the chosen school first: the people a supervisor usually sees on that visit.
  const people = [...caseload.entries].sort((a, b) => Number(b.school?.id === values.schoolId) - Number(a.school?.id === values.schoolId));
  const toggle = (id: number, on: boolean) => set('leaderIds', on ? [...values.leaderIds, id] : values.leaderIds.filter((x) => x !== id));

  return (
    <form
      noValidate
      className="form"
      aria-label={visit ? 'Change this visit' : 'Plan a visit'}
      onSubmit={submitFocus(async () => {
        const input = { ...values, schoolId: values.schoolId === '' ? 0 : values.schoolId, type: values.type as VisitType };
        const saved = await form.submit(() => (visit ? call('updateVisit', { ...input, visitId: visit.id }) : call('planVisit', input)));
        if (!saved) return null;
        form.reset(blank(values.date));
        navigate(`/visits/${saved.id}`);
        return 'page';
      })}
    >
      <TextField label="Date" type="date" value={values.date} onChange={(v) => set('date', v)} error={errors.date} />
      <div className="row">
        <TextField label="Starts at" type="time" value={values.startTime} onChange={(v) => set('startTime', v)} error={errors.startTime} />
        <TextField label="Ends at" type="time" value={values.endTime} onChange={(v) => set('endTime', v)} error={errors.endTime} />
      </div>
      <SelectField label="School" value={values.schoolId} onChange={(v) => set('schoolId', v)} options={caseload.schools.map((s) => ({ value: s.id, label: s.name }))} error={errors.schoolId} />
      <fieldset aria-describedby={errors.leaderIds ? 'leaders-error' : undefined}>
        <legend>Leaders present</legend>
        {people.length === 0 && <p className="empty">Nobody is on your caseload yet.</p>}
        {people.map((e) => (
          <label key={e.leader.id} className="check">
            <input type="checkbox" checked={values.leaderIds.includes(e.leader.id)} onChange={(ev) => toggle(e.leader.id, ev.target.checked)}
              aria-invalid={errors.leaderIds ? true : undefined} />
            {e.leader.name}
            {e.school ? <span className="muted"> · {e.school.name}</span> : null}
          </label>
        ))}
        {errors.leaderIds && <p className="field-error" id="leaders-error" role="alert">{errors.leaderIds}</p>}
      </fieldset>
      <SelectField label="Kind of visit" value={values.type} onChange={(v) => set('type', v)} options={optionsOf(VISIT_TYPES, VISIT_TYPE_LABELS)} error={errors.type} />
      <TextField label="Purpose" value={values.purpose} onChange={(v) => set('purpose', v)} error={errors.purpose} hint="What you and the leader want from this visit." />
      <TextField label="Focus" value={values.focus} onChange={(v) => set('focus', v)} error={errors.focus} hint="For example: feedback cycles in 7th-grade math." />
      <SelectField
        label="Notes from this visit are"
        value={values.evidenceKind}
        onChange={(v) => set('evidenceKind', v)}
        options={optionsOf(EVIDENCE_KINDS, EVIDENCE_KIND_LABELS)}
        error={errors.evidenceKind}
        hint="Coaching notes stay out of evaluations. Only evaluative evidence is offered to a leader's evaluation."
      />
      <FormError message={form.formError} />
      <button type="submit" className="primary" disabled={form.busy}>{visit ? 'Save visit' : 'Plan visit'}</button>
    </form>
  );
}
