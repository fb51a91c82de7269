import type { RetentionOverview } from '../../../shared/retention/model';
import { READINESS_LABELS, READINESS_LEVELS, type Readiness, RISK_LEVEL_LABELS } from '../../../shared/retention/vocabulary';
import { call } from '../../api';
import { FormError, optionsOf, SelectField, TextField } from '../../components/Field';
import { useState } from 'react';
import { useForm } from '../../components/useForm';
import { confirmationIn, submitFocus } from '../../components/outcomeFocus';
import { useQuery } from '../../components/useQuery';
import { AuditTrail } from './AuditTrail';
import { RETENTION_TABLES } from './retentionText';
import { Badge } from '../../components/Badge';

/** Name an aspiring leader as a possible successor at a school, or change how ready they are. */
function SuccessorForm({ data }: { data: RetentionOverview }) {
  const form = useForm({ schoolId: '' as number | '', leaderId: '' as number | '', readiness: 'developing' as Readiness, note: '' }, 'succession');
  const { values, set, errors } = form;
  const [named, setNamed] = useState<string | null>(null);
  return (
    <form noValidate className="form form-inline" aria-label="Name a possible successor" onSubmit={submitFocus(async (el) => {
      const r = await form.submit((v) => call('saveSuccessionCandidate', { schoolId: v.schoolId === '' ? 0 : v.schoolId, leaderId: v.leaderId === '' ? 0 : v.leaderId, readiness: v.readiness, note: v.note }));
      if (!r) return null;
      setNamed(`${r.leaderName} is a possible successor at ${data.succession.find((s) => s.school.id === r.schoolId)?.school.name ?? 'the school'} (${READINESS_LABELS[r.readiness].toLowerCase()}).`);
      form.reset({ schoolId: values.schoolId, leaderId: '', readiness: 'developing', note: '' });
      return confirmationIn(el);
    })}>
      <SelectField label="School" value={values.schoolId} onChange={(v) => set('schoolId', v)} error={errors.schoolId} options={data.succession.map((s) => ({ value: s.school.id, label: s.school.name }))} />
      <SelectField label="Aspiring leader" value={values.leaderId} onChange={(v) => set('leaderId', v)} error={errors.leaderId}
        options={data.aspiringLeaders.map((l) => ({ value: l.leaderId, label: `${l.name}${l.schoolName ? ` · ${l.schoolName}` : ''}` }))} />
      <SelectField label="Readiness" value={values.readiness} onChange={(v) => set('readiness', v)} options={optionsOf(READINESS_LEVELS, READINESS_LABELS)} error={errors.readiness} />
      <TextField label="Note" value={values.note} onChange={(v) => set('note', v)} error={errors.note} />
      <FormError message={form.formError} />
      <button type="submit" disabled={form.busy}>Save successor</button>
      {named && <p role="status" className="success">{named}</p>}
    </form>
  );
}

function Candidates({ s }: { s: RetentionOverview['succession'][number] }) {
  if (s.candidates.length === 0) return <span className="muted">No one named yet</span>;
  return (
    <ul className="plain" aria-label={`Possible successors at ${s.school.name}`}>
      {s.candidates.map((c) => (
        <li key={c.id}>
          <a href={`#/leaders/${c.leaderId}`}>{c.leaderName}</a>{c.currentSchool ? ` (now at ${c.currentSchool})` : ''}: <strong>{READINESS_LABELS[c.readiness]}</strong>{c.note ? ` — ${c.note}` : ''}{' '}
          <button type="button" aria-label={`Remove ${c.leaderName} as a possible successor at ${s.school.name}`} onClick={() => void call('removeSuccessionCandidate', { candidateId: c.id })}>Remove</button>
        </li>
      ))}
    </ul>
  );
}

/** On a school's page: who could step in if its principal left (confidential, like all of retention). */
export function SchoolSuccession({ schoolId }: { schoolId: number }) {
  const { data } = useQuery('getRetentionOverview', {}, RETENTION_TABLES);
  const s = data?.succession.find((x) => x.school.id === schoolId);
  if (!s) return null;
  return (
    <section aria-labelledby="school-succession-heading">
      <h2 id="school-succession-heading">Succession<Badge>Confidential</Badge></h2>
      <Candidates s={s} />
      <p><a href="#/retention">Plan succession on Retention</a></p>
    </section>
  );
}

/** Per school: who leads it now (with your risk judgement), and who could step in, how ready. */
export function Succession({ data }: { data: RetentionOverview }) {
  return (
    <section aria-labelledby="succession-heading">
      <h2 id="succession-heading">Succession</h2>
      <p className="hint">Plan for a departure before it comes: the aspiring leaders who could step in at each school, and how ready they are.</p>
      {data.succession.length === 0 ? <p className="empty">No schools on your caseload yet.</p> : (
        <table>
          <caption className="visually-hidden">Succession by school</caption>
          <thead><tr><th scope="col">School</th><th scope="col">Led by</th><th scope="col">Could step in</th></tr></thead>
          <tbody>
            {data.succession.map((s) => (
              <tr key={s.school.id}>
                <th scope="row"><a href={`#/schools/${s.school.id}`}>{s.school.name}</a></th>
                <td>{s.principals.length === 0 ? <span className="muted">No principal on your caseload</span> : s.principals.map((p) => `${p.name}${p.risk ? ` (${RISK_LEVEL_LABELS[p.risk].toLowerCase()} risk)` : ''}`).join(', ')}</td>
                <td>
                  <Candidates s={s} />
                  <AuditTrail schoolId={s.school.id} label={`Changes to succession at ${s.school.name}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.aspiringLeaders.length > 0 ? <SuccessorForm data={data} /> : <p className="hint">Add aspiring leaders (Caseload → Add leader) to name them here.</p>}
    </section>
  );
}
