import { useState } from 'react';
import type { RetentionConversation } from '../../../shared/retention/model';
import { CONVERSATION_KIND_LABELS, INTENT_LABELS, RETENTION_FACTOR_LABELS } from '../../../shared/retention/vocabulary';
import { ACTION_OWNER_LABELS, ACTION_OWNERS, type ActionOwner } from '../../../shared/vocabulary';
import { call } from '../../api';
import { FormError, optionsOf, SelectField, TextField } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { byId, confirmationIn, submitFocus } from '../../components/outcomeFocus';
import { useQuery } from '../../components/useQuery';
import { formatDate } from '../../format';
import { navigate } from '../../router';
import { useCaseload } from '../../stores';
import { ConversationForm } from './ConversationForm';
import { RETENTION_TABLES } from './retentionText';
import { Badge } from '../../components/Badge';
import { UserText } from '../../components/UserText';

/** Hold a conversation: with the leader chosen (from their page or the retention view), or choose one. */
export function NewConversation({ leaderId }: { leaderId?: number }) {
  const caseload = useCaseload((s) => s.data);
  if (!caseload) return <p>Loading…</p>;
  const leaders = caseload.entries.filter((e) => e.leader.role !== 'aspiring');
  const leader = leaders.find((e) => e.leader.id === leaderId)?.leader;
  return (
    <>
      <header className="page-header">
        <h1>{leader ? `Retention conversation with ${leader.name}` : 'Hold a retention conversation'}</h1>
        <p className="subtitle">Ask about their plans, what makes the job sustainable, and what would help. Confidential.</p>
      </header>
      {leaders.length === 0 ? <p className="empty">Add principals to your caseload first.</p> : (
        <SelectField label="Leader" value={leader?.id ?? ''} onChange={(id) => navigate(`/retention/new?leader=${id}`)}
          options={leaders.map((e) => ({ value: e.leader.id, label: `${e.leader.name}${e.school ? ` · ${e.school.name}` : ''}` }))} />
      )}
      {leader && <ConversationForm key={leader.id} leaderId={leader.id} leaderName={leader.name} today={caseload.today} />}
      {leader && <p><a href={`#/leaders/${leader.id}`}>{leader.name}’s page: visits, evaluation and earlier conversations</a></p>}
    </>
  );
}

function ActionForm({ conversationId }: { conversationId: number }) {
  const form = useForm({ description: '', owner: 'supervisor' as ActionOwner, dueDate: '' }, `retention-action-${conversationId}`);
  const { values, set, errors } = form;
  const [added, setAdded] = useState<string | null>(null);
  return (
    <form noValidate className="form form-inline" aria-label="Add to the plan of support" onSubmit={submitFocus(async (el) => {
      if (!(await form.submit((v) => call('addRetentionAction', { conversationId, ...v, dueDate: v.dueDate || null })))) return null;
      setAdded(`Added to the plan: ${values.description.trim()}`);
      form.reset({ description: '', owner: values.owner, dueDate: '' });
      return confirmationIn(el);
    })}>
      <TextField label="Action" value={values.description} onChange={(v) => set('description', v)} error={errors.description} />
      <SelectField label="Owner" value={values.owner} onChange={(v) => set('owner', v)} options={optionsOf(ACTION_OWNERS, ACTION_OWNER_LABELS)} error={errors.owner} />
      <TextField type="date" label="Due date" value={values.dueDate} onChange={(v) => set('dueDate', v)} error={errors.dueDate} />
      <FormError message={form.formError} />
      <button type="submit" disabled={form.busy}>Add to plan</button>
      {added && <p role="status" className="success">{added}</p>}
    </form>
  );
}

function FollowUpLine({ c }: { c: RetentionConversation }) {
  const [error, setError] = useState<string | null>(null);
  if (!c.followUpDate) return <p>No follow-up planned.</p>;
  if (c.followUpDoneDate) return <p>Follow-up {formatDate(c.followUpDate)}: held {formatDate(c.followUpDoneDate)}.</p>;
  return (
    <p className="actions">
      <span>Follow-up due {formatDate(c.followUpDate)}.</span>
      <button type="button" onClick={async () => {
        const r = await call('completeRetentionFollowUp', { conversationId: c.id });
        setError(r.ok ? null : r.error.message);
      }}>Mark follow-up held today</button>
      {error && <span role="alert" className="field-error">{error}</span>}
    </p>
  );
}

/** One conversation: what was said, its plan of support and follow-up, and a way to correct it. */
export function ConversationPage({ conversationId }: { conversationId: number }) {
  const { data: c, error } = useQuery('getRetentionConversation', { conversationId }, RETENTION_TABLES);
  const today = useCaseload((s) => s.data?.today);
  const [editing, setEditing] = useState(false);
  if (error) return <p role="alert">{error}</p>;
  if (!c || !today) return <p>Loading…</p>;
  return (
    <>
      <header className="page-header">
        <h1>{CONVERSATION_KIND_LABELS[c.kind]} with <UserText text={c.leaderName} /></h1>
        <p className="subtitle">{formatDate(c.date)} · <a href={`#/leaders/${c.leaderId}`}>{c.leaderName}’s page</a> · <a href="#/retention">Retention</a></p>
      </header>
      {editing ? (
        <ConversationForm leaderId={c.leaderId} leaderName={c.leaderName} today={today} conversation={c} onSaved={() => (setEditing(false), byId('said-heading'))} />
      ) : (
        <section aria-labelledby="said-heading">
          <h2 id="said-heading">What was said</h2>
          <dl className="facts">
            <dt>Intent to stay</dt><dd>{c.intent ? INTENT_LABELS[c.intent] : 'Not discussed'}</dd>
            <dt>Factors discussed</dt><dd>{c.factors.length ? c.factors.map((f) => RETENTION_FACTOR_LABELS[f]).join(', ') : 'None recorded'}</dd>
            <dt>Threats to sustainability</dt><dd className="retention-text">{c.threats || '—'}</dd>
            <dt>What would help</dt><dd className="retention-text">{c.wouldHelp || '—'}</dd>
            <dt>Notes</dt><dd className="retention-text">{c.notes || '—'}</dd>
          </dl>
          <button type="button" onClick={() => setEditing(true)}>Edit conversation</button>
        </section>
      )}
      <section aria-labelledby="plan-heading">
        <h2 id="plan-heading">Plan of support</h2>
        {c.actions.length === 0 ? <p className="empty">No actions yet.</p> : (
          <ul aria-label="Plan of support">
            {c.actions.map((a) => (
              <li key={a.id}>
                {a.description} ({ACTION_OWNER_LABELS[a.owner]}{a.dueDate ? `, due ${formatDate(a.dueDate)}` : ''})
                {a.doneDate ? ` · done ${formatDate(a.doneDate)}` : a.overdue ? <Badge kind="badge-overdue">Overdue</Badge> : null}
              </li>
            ))}
          </ul>
        )}
        <ActionForm conversationId={c.id} />
        <p className="hint">Each action is a next step: mark it done on <a href="#/next-steps">Next steps</a>.</p>
      </section>
      <section aria-labelledby="follow-up-heading">
        <h2 id="follow-up-heading">Follow-up</h2>
        <FollowUpLine c={c} />
      </section>
    </>
  );
}
