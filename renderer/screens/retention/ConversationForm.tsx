import type { RetentionConversation } from '../../../shared/retention/model';
import {
  CONVERSATION_KIND_LABELS, CONVERSATION_KINDS, INTENT_LABELS, INTENTS, RETENTION_FACTOR_LABELS, RETENTION_FACTORS, RISK_LEVEL_LABELS, RISK_LEVELS,
  type ConversationKind, type Intent, type RetentionFactor, type RiskLevel,
} from '../../../shared/retention/vocabulary';
import { ACTION_OWNER_LABELS, ACTION_OWNERS, type ActionOwner } from '../../../shared/vocabulary';
import { call } from '../../api';
import { FormError, optionsOf, SelectField, TextAreaField, TextField } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { type Find, submitFocus } from '../../components/outcomeFocus';
import { navigate } from '../../router';

type Draft = { description: string; owner: ActionOwner; dueDate: string };
const NONE = 'none' as const;
const intentOptions = [{ value: NONE, label: 'Not discussed' }, ...optionsOf(INTENTS, INTENT_LABELS)];
const riskOptions = [{ value: NONE, label: 'No new judgement' }, ...optionsOf(RISK_LEVELS, RISK_LEVEL_LABELS)];

function Factors({ chosen, onChange }: { chosen: RetentionFactor[]; onChange: (f: RetentionFactor[]) => void }) {
  return (
    <fieldset className="field retention-factors">
      <legend>Factors discussed</legend>
      {RETENTION_FACTORS.map((f) => (
        <label key={f} className="check">
          <input type="checkbox" checked={chosen.includes(f)} onChange={(e) => onChange(e.target.checked ? [...chosen, f] : chosen.filter((x) => x !== f))} />
          {RETENTION_FACTOR_LABELS[f]}
        </label>
      ))}
    </fieldset>
  );
}

/** The plan of support written with the conversation: each action becomes a next step. */
function PlanRows({ rows, onChange }: { rows: Draft[]; onChange: (rows: Draft[]) => void }) {
  const change = (i: number, patch: Partial<Draft>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="field">
      <legend>Plan of support</legend>
      {rows.length === 0 && <p className="hint">Actions you agree on become next steps with an owner and a date.</p>}
      {rows.map((r, i) => (
        <div key={i} className="field-row" role="group" aria-label={`Action ${i + 1} of the plan`}>
          <TextField label={`Action ${i + 1}`} value={r.description} onChange={(v) => change(i, { description: v })} />
          <SelectField label={`Owner of action ${i + 1}`} value={r.owner} onChange={(v) => change(i, { owner: v })} options={optionsOf(ACTION_OWNERS, ACTION_OWNER_LABELS)} />
          <TextField type="date" label={`Due date of action ${i + 1}`} value={r.dueDate} onChange={(v) => change(i, { dueDate: v })} />
          <button type="button" aria-label={`Remove action ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>Remove</button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, { description: '', owner: 'supervisor', dueDate: '' }])}>Add an action</button>
    </fieldset>
  );
}

/**
 * Hold or edit a conversation. What is typed is kept as a draft on this computer until it is
 * recorded, so a closed window or a crash loses nothing.
 */
export function ConversationForm({ leaderId, leaderName, today, conversation, onSaved }: {
  leaderId: number; leaderName: string; today: string; conversation?: RetentionConversation; onSaved?: (c: RetentionConversation) => Find;
}) {
  const c = conversation;
  const form = useForm({
    date: c?.date ?? today,
    kind: (c?.kind ?? 'stay') as ConversationKind,
    intent: (c?.intent ?? NONE) as Intent | typeof NONE,
    factors: (c?.factors ?? []) as RetentionFactor[],
    threats: c?.threats ?? '',
    wouldHelp: c?.wouldHelp ?? '',
    notes: c?.notes ?? '',
    followUpDate: c?.followUpDate ?? '',
    riskLevel: NONE as RiskLevel | typeof NONE,
    riskReason: '',
    actions: [] as Draft[],
  }, c ? `retention-conversation-${c.id}` : `retention-new-${leaderId}`);
  const { values: v, set, errors } = form;
  return (
    <form noValidate className="form" aria-label={c ? `Edit the conversation of ${c.date}` : `Conversation with ${leaderName}`} onSubmit={submitFocus(async () => {
      const fields = {
        date: v.date, kind: v.kind, intent: v.intent === NONE ? null : v.intent, factors: v.factors,
        threats: v.threats, wouldHelp: v.wouldHelp, notes: v.notes, followUpDate: v.followUpDate || null,
      };
      const saved = await form.submit(() => (c
        ? call('updateRetentionConversation', { conversationId: c.id, ...fields })
        : call('recordRetentionConversation', {
          leaderId, ...fields,
          risk: v.riskLevel === NONE ? null : { level: v.riskLevel, reason: v.riskReason },
          actions: v.actions.map((a) => ({ ...a, dueDate: a.dueDate || null })),
        })), { 'risk.reason': 'riskReason', 'risk.level': 'riskLevel' });
      if (!saved) return null;
      if (onSaved) return onSaved(saved);
      navigate(`/retention/conversations/${saved.id}`);
      return 'page';
    })}>
      <div className="field-row">
        <TextField type="date" label="Date" value={v.date} onChange={(x) => set('date', x)} error={errors.date} />
        <SelectField label="Kind of conversation" value={v.kind} onChange={(x) => set('kind', x)} options={optionsOf(CONVERSATION_KINDS, CONVERSATION_KIND_LABELS)} error={errors.kind} />
        <SelectField label="Intent to stay next year" value={v.intent} onChange={(x) => set('intent', x)} options={intentOptions} error={errors.intent} />
      </div>
      <Factors chosen={v.factors} onChange={(x) => set('factors', x)} />
      <TextAreaField label="Threats to sustainability they named" value={v.threats} onChange={(x) => set('threats', x)} error={errors.threats} rows={4} />
      <TextAreaField label="What would help" value={v.wouldHelp} onChange={(x) => set('wouldHelp', x)} error={errors.wouldHelp} rows={3} />
      <TextAreaField label="Notes" value={v.notes} onChange={(x) => set('notes', x)} error={errors.notes} rows={4} hint="Confidential: stays on this computer unless you choose otherwise for an export target." />
      <TextField type="date" label="Follow-up date" value={v.followUpDate} onChange={(x) => set('followUpDate', x)} error={errors.followUpDate} hint="When you will check in again. It shows on the dashboard when due." />
      {!c && (
        <>
          <div className="field-row">
            <SelectField label="Your judgement of risk" value={v.riskLevel} onChange={(x) => set('riskLevel', x)} options={riskOptions} error={errors.riskLevel}
              hint="Your own judgement; the signals on the retention view only prompt it." />
            {v.riskLevel !== NONE && <TextField label="Why this risk level" value={v.riskReason} onChange={(x) => set('riskReason', x)} error={errors.riskReason} />}
          </div>
          <PlanRows rows={v.actions} onChange={(x) => set('actions', x)} />
        </>
      )}
      <FormError message={form.formError} />
      <div className="actions">
        <button type="submit" className="primary" disabled={form.busy}>{c ? 'Save changes' : 'Record conversation'}</button>
      </div>
    </form>
  );
}
