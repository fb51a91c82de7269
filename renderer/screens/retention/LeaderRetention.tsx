import type { RiskLevel } from '../../../shared/retention/vocabulary';
import { CONVERSATION_KIND_LABELS, INTENT_LABELS, RISK_LEVEL_LABELS, RISK_LEVELS, SIGNAL_LABELS } from '../../../shared/retention/vocabulary';
import { call } from '../../api';
import { FormError, optionsOf, SelectField, TextField } from '../../components/Field';
import { useState } from 'react';
import { useForm } from '../../components/useForm';
import { confirmationIn, submitFocus } from '../../components/outcomeFocus';
import { useQuery } from '../../components/useQuery';
import { formatDate } from '../../format';
import { AuditTrail } from './AuditTrail';
import { RETENTION_TABLES, riskLine } from './retentionText';
import { Badge } from '../../components/Badge';

function RiskForm({ leaderId, today }: { leaderId: number; today: string }) {
  const form = useForm({ level: '' as RiskLevel | '', reason: '', date: today }, `retention-risk-${leaderId}`);
  const { values, set, errors } = form;
  const [recorded, setRecorded] = useState<string | null>(null);
  return (
    <form noValidate className="form form-inline" aria-label="Record your judgement of risk" onSubmit={submitFocus(async (el) => {
      const r = await form.submit((v) => call('recordRetentionRisk', { leaderId, level: v.level as RiskLevel, reason: v.reason, date: v.date }));
      if (!r) return null;
      setRecorded(`Judgement recorded: ${RISK_LEVEL_LABELS[r.level].toLowerCase()} risk.`);
      form.reset({ level: '', reason: '', date: today });
      return confirmationIn(el);
    })}>
      <SelectField label="Risk" value={values.level} onChange={(v) => set('level', v)} options={optionsOf(RISK_LEVELS, RISK_LEVEL_LABELS)} error={errors.level} />
      <TextField label="Reason" value={values.reason} onChange={(v) => set('reason', v)} error={errors.reason} />
      <TextField type="date" label="Judged on" value={values.date} onChange={(v) => set('date', v)} error={errors.date} />
      <FormError message={form.formError} />
      <button type="submit" disabled={form.busy}>Record judgement</button>
      {recorded && <p role="status" className="success">{recorded}</p>}
    </form>
  );
}

/** On a leader's page: their retention history next to visits and evaluation, to prepare a conversation. */
export function LeaderRetention({ leaderId, today }: { leaderId: number; today: string }) {
  const { data, error } = useQuery('getLeaderRetention', { leaderId }, RETENTION_TABLES);
  if (error) return <p role="alert">{error}</p>;
  if (!data) return null;
  return (
    <section aria-labelledby="retention-heading">
      <h2 id="retention-heading">Retention<Badge>Confidential</Badge></h2>
      <p><strong>Your judgement:</strong> {riskLine(data.risk)}</p>
      {data.signals.length > 0 && (
        <ul className="plain" aria-label={`Signals for ${data.leaderName}`}>
          {data.signals.map((s) => <li key={s.kind}><strong>{SIGNAL_LABELS[s.kind]}.</strong> {s.explanation}.</li>)}
        </ul>
      )}
      {data.openFollowUp && <p>Follow-up {data.openFollowUp.overdue ? 'was due' : 'due'} <a href={`#/retention/conversations/${data.openFollowUp.conversationId}`}>{formatDate(data.openFollowUp.date)}</a>.</p>}
      <p className="actions"><a className="button" href={`#/retention/new?leader=${leaderId}`}>Hold a retention conversation</a></p>
      <h3>Conversations</h3>
      {data.conversations.length === 0 ? <p className="empty">No retention conversation yet.</p> : (
        <ul className="plain" aria-label={`Retention conversations with ${data.leaderName}`}>
          {data.conversations.map((c) => (
            <li key={c.id}>
              <a href={`#/retention/conversations/${c.id}`}>{formatDate(c.date)}, {CONVERSATION_KIND_LABELS[c.kind].toLowerCase()}</a>
              {c.intent ? ` · ${INTENT_LABELS[c.intent]}` : ''}{c.actions.length ? ` · plan of support: ${c.actions.map((a) => a.description).join('; ')}` : ''}
            </li>
          ))}
        </ul>
      )}
      <h3>Risk over time</h3>
      {data.riskHistory.length === 0 ? <p className="empty">No judgement recorded.</p> : (
        <ul className="plain" aria-label="Risk judgements, newest first">
          {data.riskHistory.map((r) => <li key={r.id}>{formatDate(r.date)}: {RISK_LEVEL_LABELS[r.level]} — {r.reason}</li>)}
        </ul>
      )}
      <RiskForm leaderId={leaderId} today={today} />
      <AuditTrail leaderId={leaderId} label="Changes to retention records" />
    </section>
  );
}
