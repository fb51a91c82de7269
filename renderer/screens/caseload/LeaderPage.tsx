import { useEffect, useState } from 'react';
import { call } from '../../api';
import { FormError } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { byId, submitFocus } from '../../components/outcomeFocus';
import { formatDate, yearsLabel } from '../../format';
import { useCaseload } from '../../stores';
import type { CaseloadEntry } from '../../../shared/caseload/model';
import {
  LEADER_ROLE_LABELS, LEADER_STATUS_LABELS, NEED_TIER_LABELS, SCHOOL_LEVEL_LABELS, SUPPORT_TIER_LABELS, type SupportTier,
} from '../../../shared/vocabulary';
import { LeaderEvaluationLink } from '../evaluations/EvaluationDeadlines';
import { LeaderActivity } from '../visits/LeaderActivity';
import { SchoolCtaGlance } from '../cta/CtaGlance';
import { LeaderCadence } from '../visits/LeaderCadence';
import { LeaderForm, SupportFields } from './LeaderForm';
import { LeaderRetention } from '../retention/LeaderRetention';
import { UserText } from '../../components/UserText';

/** The confirmation lives on the page: a saved change of support draws this form afresh. */
function SupportForm({ entry, onSaved }: { entry: CaseloadEntry; onSaved: (message: string) => void }) {
  const a = entry.assignment;
  const form = useForm({ supportTier: (a?.supportTier ?? 'standard') as SupportTier, cadenceDays: a ? String(a.cadenceDays) : '' });
  const { values, set, errors } = form;
  return (
    <form
      noValidate
      className="form form-inline"
      aria-label="Support on your caseload"
      onSubmit={submitFocus(async () => {
        const r = await form.submit(() =>
          call('assignLeader', { leaderId: entry.leader.id, supportTier: values.supportTier, cadenceDays: values.cadenceDays === '' ? null : Number(values.cadenceDays) }),
        );
        if (!r) return null;
        form.reset({ supportTier: r.assignment!.supportTier, cadenceDays: String(r.assignment!.cadenceDays) });
        onSaved(a ? 'Support updated.' : `${entry.leader.name} is on your caseload.`);
        return byId('support-saved');
      })}
    >
      <SupportFields values={values} set={set} errors={errors} newInRole={entry.newInRole} />
      <FormError message={form.formError} />
      <button type="submit" className="primary" disabled={form.busy}>{a ? 'Save support' : 'Add to my caseload'}</button>
    </form>
  );
}

export function LeaderPage({ leaderId }: { leaderId: number }) {
  const [entry, setEntry] = useState<CaseloadEntry | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [detailsSaved, setDetailsSaved] = useState(false);
  const [supportSaved, setSupportSaved] = useState<string | null>(null);
  const version = useCaseload((s) => s.data);
  useEffect(() => {
    void call('getLeader', { leaderId }).then((r) => (r.ok ? (setEntry(r.value), setError(null)) : setError(r.error.message)));
  }, [leaderId, version]);

  if (error) return <p role="alert">{error}</p>;
  if (!entry) return <p>Loading…</p>;
  const { leader, school, assignment } = entry;
  return (
    <>
      <header className="page-header">
        <h1><UserText text={leader.name} /></h1>
        <p className="subtitle">
          {LEADER_ROLE_LABELS[leader.role]}
          {school ? <> · <UserText text={school.name} /></> : ''}
          {leader.status === 'left' ? ` · ${LEADER_STATUS_LABELS.left}` : ''}
        </p>
      </header>
      <dl className="facts">
        <dt>School</dt>
        <dd>{school ? <><a href={`#/schools/${school.id}`}><UserText text={school.name} /></a> ({SCHOOL_LEVEL_LABELS[school.level]}, {NEED_TIER_LABELS[school.needTier].toLowerCase()})</> : 'None'}</dd>
        <dt>In this role since</dt>
        <dd>{formatDate(leader.roleStartDate)} ({yearsLabel(entry.yearsInRole)}){entry.newInRole && leader.role !== 'aspiring' ? ' · new in role' : ''}</dd>
        <dt>Email</dt>
        <dd>{leader.email ?? 'Not given'}</dd>
        <dt>Support tier</dt>
        <dd>{assignment ? SUPPORT_TIER_LABELS[assignment.supportTier] : 'Not on your caseload'}</dd>
        <dt>Visit cadence</dt>
        <dd>{assignment ? `Every ${assignment.cadenceDays} days` : '—'}</dd>
        {assignment && (
          <>
            <dt>On your caseload since</dt>
            <dd>{formatDate(assignment.startDate)}</dd>
          </>
        )}
      </dl>
      <LeaderCadence leaderId={leaderId} />
      <LeaderEvaluationLink leaderId={leaderId} />
      {school && <SchoolCtaGlance schoolId={school.id} schoolName={school.name} />}
      {leader.status === 'active' && (
        <section aria-labelledby="support-heading">
          <h2 id="support-heading">Support</h2>
          <SupportForm key={`${assignment?.id}-${assignment?.supportTier}-${assignment?.cadenceDays}`} entry={entry} onSaved={setSupportSaved} />
          {supportSaved && <p id="support-saved" role="status" className="success">{supportSaved}</p>}
          {assignment && (
            <button type="button" className="danger" onClick={() => void call('unassignLeader', { leaderId })}>
              Remove from my caseload
            </button>
          )}
        </section>
      )}
      <LeaderActivity key={leaderId} leaderId={leaderId} />
      {version && <LeaderRetention leaderId={leaderId} today={version.today} />}
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        <LeaderForm key={JSON.stringify(leader)} leader={leader} onSaved={() => (setDetailsSaved(true), byId('details-saved'))} />
        {detailsSaved && <p id="details-saved" role="status" className="success">Details saved.</p>}
      </section>
    </>
  );
}
