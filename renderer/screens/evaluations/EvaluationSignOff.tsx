import { useState } from 'react';
import { call } from '../../api';
import { ConfirmAction } from '../../components/ConfirmAction';
import { FormError, TextAreaField, TextField } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { byId, type Find, focusWhenShown, submitFocus } from '../../components/outcomeFocus';
import { downloadPdf, fmt, formatDate } from '../../format';
import { useSettings } from '../../stores';
import type { EvaluationDetail } from '../../../shared/evaluations/model';

/** Sign, record the leader's acknowledgement, lock; after the lock, dated addenda and (with a reason) unlock. */

/** Each step of the sign-off takes its form away: its confirmation is said on the Sign-off section (`done`). */
type Done = (message: string) => Find;

function SignForm({ evaluation, done }: { evaluation: EvaluationDetail; done: Done }) {
  const settings = useSettings((s) => s.data);
  const form = useForm({ name: settings?.supervisorName ?? '' });
  return (
    <form noValidate className="form" aria-label="Sign the write-up" onSubmit={submitFocus(async () => {
      if (!(await form.submit((v) => call('signEvaluation', { cycleId: evaluation.id, name: v.name })))) return null;
      return done('Signed: the ratings and write-up are fixed.');
    })}>
      <TextField label="Your name, as your signature" value={form.values.name} onChange={(v) => form.set('name', v)} error={form.errors.name}
        hint="Signing needs every section written and every rubric row rated. The write-up and ratings are then fixed." />
      <FormError message={form.formError} />
      <button type="submit" className="primary" disabled={form.busy}>Sign the write-up</button>
    </form>
  );
}

function AcknowledgeForm({ evaluation, today, done }: { evaluation: EvaluationDetail; today: string; done: Done }) {
  const form = useForm({ name: '', date: today, comment: '' }, `evaluation-ack-${evaluation.id}`);
  const { values, set, errors } = form;
  return (
    <form noValidate className="form" aria-label="Leader’s acknowledgement" onSubmit={submitFocus(async () => {
      if (!(await form.submit((v) => call('acknowledgeEvaluation', { cycleId: evaluation.id, ...v })))) return null;
      form.reset({ name: '', date: today, comment: '' });
      return done('Acknowledgement recorded: the evaluation is ready to lock.');
    })}>
      <TextField label="Leader’s name, as they typed it" value={values.name} onChange={(v) => set('name', v)} error={errors.name} />
      <TextField label="Acknowledged on" type="date" value={values.date} onChange={(v) => set('date', v)} error={errors.date} />
      <TextAreaField label="Leader’s comment or rebuttal (optional)" value={values.comment} onChange={(v) => set('comment', v)} error={errors.comment} />
      <FormError message={form.formError} />
      <button type="submit" className="primary" disabled={form.busy}>Record acknowledgement</button>
    </form>
  );
}

function ReasonForm({ label, button, onSubmit, onSaved, draftKey, withDate, today }: {
  label: string; button: string; draftKey: string; withDate?: boolean; today: string;
  onSubmit: (v: { text: string; date: string }) => ReturnType<typeof call<'addAddendum'>>;
  onSaved: () => Find;
}) {
  const form = useForm({ text: '', date: today }, draftKey);
  return (
    <form noValidate className="form" aria-label={button} onSubmit={submitFocus(async () => {
      if (!(await form.submit(onSubmit, { body: 'text', reason: 'text' }))) return null;
      form.reset({ text: '', date: today });
      return onSaved();
    })}>
      {withDate && <TextField label="Addendum date" type="date" value={form.values.date} onChange={(v) => form.set('date', v)} error={form.errors.date} />}
      <TextAreaField label={label} value={form.values.text} onChange={(v) => form.set('text', v)} error={form.errors.text} />
      <FormError message={form.formError} />
      <button type="submit" disabled={form.busy}>{button}</button>
    </form>
  );
}

export function EvaluationSignOff({ evaluation, today }: { evaluation: EvaluationDetail; today: string }) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const { status, signature, acknowledgement } = evaluation;
  const say = (text: string, error = false): Find => {
    setMessage({ text, error });
    return byId('signoff-message');
  };
  async function act(run: () => Promise<{ ok: boolean; error?: { message: string } }>, done: string) {
    setBusy(true);
    const r = await run();
    setBusy(false);
    focusWhenShown(say(r.ok ? done : r.error!.message, !r.ok));
  }
  async function download() {
    const r = await call('getEvaluationPdf', { cycleId: evaluation.id });
    if (!r.ok) return void say(r.error.message, true);
    downloadPdf(r.value);
    say(`Saved ${r.value.filename}.`);
  }
  return (
    <section aria-labelledby="signoff-heading">
      <h2 id="signoff-heading">Sign-off</h2>
      <dl className="facts">
        <dt>Supervisor’s signature</dt>
        <dd>{signature ? `${signature.name}, ${fmt().dateTime(signature.at)}` : 'Not signed'}</dd>
        <dt>Leader’s acknowledgement</dt>
        <dd>{acknowledgement ? `${acknowledgement.name}, ${formatDate(acknowledgement.date)}${acknowledgement.comment ? `: “${acknowledgement.comment}”` : ''}` : 'Not recorded'}</dd>
        <dt>Locked</dt>
        <dd>{evaluation.lockedAt ? fmt().dateTime(evaluation.lockedAt) : 'No'}</dd>
      </dl>
      {status === 'open' && <SignForm evaluation={evaluation} done={say} />}
      {status === 'signed' && <AcknowledgeForm evaluation={evaluation} today={today} done={say} />}
      {status === 'acknowledged' && (
        <p className="actions">
          <ConfirmAction label="Lock evaluation…" className="primary" busy={busy} question="Lock this evaluation?"
            explain="This cannot be undone: its write-up PDF is queued for the district export, which keeps it even if you unlock later; after the lock nothing in the evaluation can be changed, and later notes are dated addenda."
            yes="Yes, lock it" no="Not yet" onConfirm={() => act(() => call('lockEvaluation', { cycleId: evaluation.id }), 'Locked. The write-up PDF is queued for the district export.')} />
          <span className="hint"> Once locked nothing can be changed; later notes are dated addenda.</span>
        </p>
      )}
      {(status === 'signed' || status === 'acknowledged') && (
        <button type="button" disabled={busy} onClick={() => void act(() => call('withdrawSignature', { cycleId: evaluation.id }), 'Signature withdrawn: the write-up can be changed again.')}>Withdraw signature</button>
      )}
      <p className="actions"><button type="button" onClick={() => void download()}>Download PDF</button></p>
      {message && <p id="signoff-message" role={message.error ? 'alert' : 'status'} className={message.error ? 'form-error' : 'success'}>{message.text}</p>}
      {status === 'locked' && (
        <>
          <section aria-labelledby="addenda-heading">
            <h3 id="addenda-heading">Addenda</h3>
            {evaluation.addenda.length === 0 ? <p className="empty">No addenda.</p> : (
              <ul className="plain" aria-label="Addenda">
                {evaluation.addenda.map((a) => <li key={a.id}><strong>{formatDate(a.date)}</strong> ({a.author}): {a.body}</li>)}
              </ul>
            )}
            <ReasonForm label="Addendum" button="Add addendum" withDate today={today} draftKey={`evaluation-addendum-${evaluation.id}`}
              onSubmit={(v) => call('addAddendum', { cycleId: evaluation.id, date: v.date, body: v.text })} onSaved={() => say('Addendum added.')} />
          </section>
          <section aria-labelledby="unlock-heading">
            <h3 id="unlock-heading">Unlock</h3>
            <ReasonForm label="Reason for unlocking" button="Unlock evaluation" today={today} draftKey={`evaluation-unlock-${evaluation.id}`}
              onSubmit={(v) => call('unlockEvaluation', { cycleId: evaluation.id, reason: v.text })}
              onSaved={() => say('Unlocked: the evaluation can be changed, and locking it again sends a new export.')} />
          </section>
        </>
      )}
    </section>
  );
}
