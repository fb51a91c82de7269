import type { RetentionOverview, SchoolSuccession } from '../../../shared/model/retention';
import { READINESS_LABELS, READINESS_LEVELS, type Readiness, RISK_LEVEL_LABELS } from '../../../shared/retention';
import { call } from '../../api';
import { FormError, optionsOf, SelectField, TextField } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { AuditTrail } from './AuditTrail';

function AddSuccessor({ school, aspiring }: { school: SchoolSuccession['school']; aspiring: RetentionOverview['aspiringLeaders'] }) {
  const form = useForm({ leaderId: '' as number | '', readiness: 'developing' as Readiness, note: '' }, `succession-${school.id}`);
  const { values, set, errors } = form;
  return (
    <form noValidate className="form form-inline" aria-label={`Possible successor at ${school.name}`} onSubmit={async (e) => {
      e.preventDefault();
      const r = await form.submit((v) => call('saveSuccessionCandidate', { schoolId: school.id, leaderId: v.leaderId === '' ? 0 : v.leaderId, readiness: v.readiness, note: v.note }));
      if (r) form.reset({ leaderId: '', readiness: 'developing', note: '' });
    }}>
      <SelectField label="Aspiring leader" value={values.leaderId} onChange={(v) => set('leaderId', v)} error={errors.leaderId}
        options={aspiring.map((l) => ({ value: l.leaderId, label: `${l.name}${l.schoolName ? ` · ${l.schoolName}` : ''}` }))} />
      <SelectField label="Readiness" value={values.readiness} onChange={(v) => set('readiness', v)} options={optionsOf(READINESS_LEVELS, READINESS_LABELS)} error={errors.readiness} />
      <TextField label="Note" value={values.note} onChange={(v) => set('note', v)} error={errors.note} />
      <FormError message={form.formError} />
      <button type="submit" disabled={form.busy}>Save successor</button>
    </form>
  );
}

/** Per school: who leads it now (with your risk judgement), and who could step in, how ready. */
export function Succession({ data }: { data: RetentionOverview }) {
  return (
    <section aria-labelledby="succession-heading">
      <h2 id="succession-heading">Succession</h2>
      <p className="hint">Plan for a departure before it comes: the aspiring leaders who could step in at each school, and how ready they are.</p>
      {data.succession.length === 0 ? <p className="empty">No schools on your caseload yet.</p> : data.succession.map((s) => (
        <section key={s.school.id} className="frame" aria-labelledby={`succession-${s.school.id}`}>
          <h3 id={`succession-${s.school.id}`}><a href={`#/schools/${s.school.id}`}>{s.school.name}</a></h3>
          <p>
            {s.principals.length === 0 ? 'No principal on your caseload. ' : `Led by ${s.principals.map((p) => `${p.name}${p.risk ? ` (${RISK_LEVEL_LABELS[p.risk].toLowerCase()} risk)` : ''}`).join(', ')}. `}
          </p>
          {s.candidates.length === 0 ? <p className="empty">No possible successor named.</p> : (
            <ul className="plain" aria-label={`Possible successors at ${s.school.name}`}>
              {s.candidates.map((c) => (
                <li key={c.id}>
                  <a href={`#/leaders/${c.leaderId}`}>{c.leaderName}</a>{c.currentSchool ? ` (now at ${c.currentSchool})` : ''}: <strong>{READINESS_LABELS[c.readiness]}</strong>{c.note ? ` — ${c.note}` : ''}{' '}
                  <button type="button" aria-label={`Remove ${c.leaderName} as a possible successor at ${s.school.name}`} onClick={() => void call('removeSuccessionCandidate', { candidateId: c.id })}>Remove</button>
                </li>
              ))}
            </ul>
          )}
          {data.aspiringLeaders.length > 0 ? <AddSuccessor school={s.school} aspiring={data.aspiringLeaders} /> : <p className="hint">Add aspiring leaders (Caseload → Add leader) to name them here.</p>}
          <AuditTrail schoolId={s.school.id} label={`Changes to succession at ${s.school.name}`} />
        </section>
      ))}
    </section>
  );
}
