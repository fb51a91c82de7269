import { useState } from 'react';
import { call } from '../../api';
import { FormError } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { confirmationIn, submitFocus } from '../../components/outcomeFocus';
import { useQuery } from '../../components/useQuery';
import { downloadPdf, formatDate } from '../../format';
import { GOAL_STATUS_LABELS, quarterLabel } from '../../../shared/cta/vocabulary';
import type { CtaCheckInSummary } from '../../../shared/cta/model';
import { CTA_TABLES } from './PlanSection';

type Step = CtaCheckInSummary['otherNextSteps'][number];

function Steps({ steps }: { steps: Step[] }) {
  if (steps.length === 0) return null;
  return (
    <ul className="summary-steps">
      {steps.map((n, i) => <li key={i}>{n.done ? '✓ ' : ''}{n.description} — {n.owner}{n.dueDate ? `, by ${formatDate(n.dueDate)}` : ''}</li>)}
    </ul>
  );
}

function AddendumForm({ checkinId }: { checkinId: number }) {
  const form = useForm({ body: '' }, `cta-addendum-${checkinId}`);
  const [added, setAdded] = useState(false);
  return (
    <form
      noValidate
      className="form no-print"
      aria-label="Add an addendum"
      onSubmit={submitFocus(async (el) => {
        if (!(await form.submit((v) => call('addCtaAddendum', { checkinId, body: v.body })))) return null;
        form.reset({ body: '' });
        setAdded(true);
        return confirmationIn(el);
      })}
    >
      <div className={form.errors.body ? 'field field-invalid' : 'field'}>
        <label htmlFor="addendum-body">Addendum</label>
        <textarea id="addendum-body" rows={3} value={form.values.body} aria-invalid={form.errors.body ? true : undefined}
          aria-describedby={form.errors.body ? 'addendum-error' : 'addendum-hint'} onChange={(e) => form.set('body', e.target.value)} />
        {form.errors.body ? <p className="field-error" id="addendum-error" role="alert">{form.errors.body}</p>
          : <p className="hint" id="addendum-hint">A finalised check-in stays as it was; an addendum adds to it, dated today, and goes to the district too.</p>}
      </div>
      <FormError message={form.formError} />
      <button type="submit" disabled={form.busy}>Add addendum</button>
      {added && <p role="status" className="success">Addendum added. It goes to the district with the next sync.</p>}
    </form>
  );
}

/**
 * The one-page check-in summary, as it prints: school, date, who was there, each goal with its
 * value, status and next steps. The same page as a PDF comes from the core.
 */
export function SummaryView({ checkinId }: { checkinId: number }) {
  const { data: s, error } = useQuery('getCtaCheckInSummary', { checkinId }, CTA_TABLES);
  const [pdfError, setPdfError] = useState<string | null>(null);
  if (error) return <p role="alert">{error}</p>;
  if (!s) return <p>Loading the summary…</p>;
  return (
    <article className="cta-summary" aria-labelledby="summary-heading">
      <header className="page-header">
        <h1 id="summary-heading">{s.school.name}: CTA check-in {quarterLabel(s.quarter)} {s.schoolYear}</h1>
        <p className="subtitle">
          Held {formatDate(s.date)}{s.supervisor ? `, facilitated by ${s.supervisor}` : ''} ·{' '}
          {s.finalisedAt ? `Finalised ${formatDate(s.finalisedAt)}` : 'Draft: not finalised yet'}
        </p>
        <div className="actions no-print">
          <button type="button" onClick={() => window.print()}>Print summary</button>
          <button type="button" onClick={async () => {
            const r = await call('getCtaCheckInPdf', { checkinId });
            if (r.ok) downloadPdf(r.value);
            setPdfError(r.ok ? null : r.error.message);
          }}>Download PDF</button>
          {!s.finalisedAt && <a className="button" href={`#/cta/checkins/${checkinId}`}>Back to facilitation</a>}
          <a className="button" href={`#/schools/${s.schoolId}`}>{s.school.name}’s CTA plan</a>
        </div>
        <FormError message={pdfError} />
      </header>
      <p><strong>Attendees:</strong> {s.attendees.length ? s.attendees.map((a) => (a.role ? `${a.name} (${a.role})` : a.name)).join(', ') : 'none recorded'}</p>
      <table className="summary-goals">
        <caption className="visually-hidden">Goals</caption>
        <thead><tr><th scope="col">Goal</th><th scope="col">Baseline</th><th scope="col">Benchmark</th><th scope="col">Target</th><th scope="col">Latest</th><th scope="col">Status</th></tr></thead>
        <tbody>
          {s.goals.map((g, i) => (
            <tr key={i}>
              <th scope="row">
                {g.title}
                {[['Working', g.working], ['Barriers', g.barriers], ['Reflection', g.reflection], ['Adjustments', g.adjustments]].filter(([, t]) => t.trim()).map(([label, t]) => (
                  <p key={label} className="summary-note"><strong>{label}:</strong> {t}</p>
                ))}
                <Steps steps={g.nextSteps} />
              </th>
              <td>{g.baseline}</td>
              <td>{g.benchmark}</td>
              <td>{g.target}</td>
              <td>{g.value}{g.valueDate ? ` (${formatDate(g.valueDate)})` : ''}</td>
              <td><span className={`status status-${g.status ?? 'none'}`}>{g.status ? GOAL_STATUS_LABELS[g.status] : 'No status'}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.otherNextSteps.length > 0 && (<><h2>Other next steps</h2><Steps steps={s.otherNextSteps} /></>)}
      {s.addenda.length > 0 && (
        <section aria-labelledby="addenda-heading">
          <h2 id="addenda-heading">Addenda</h2>
          <ul>{s.addenda.map((a, i) => <li key={i}>{formatDate(a.createdAt)}: {a.body}</li>)}</ul>
        </section>
      )}
      {s.finalisedAt && <AddendumForm checkinId={checkinId} />}
    </article>
  );
}
