import { useState } from 'react';
import type { RetentionOverview, RetentionRow } from '../../../shared/retention/model';
import { INTENT_LABELS, RETENTION_CONSENT_SHORT, RISK_LEVEL_LABELS, SIGNAL_LABELS } from '../../../shared/retention/vocabulary';
import { call } from '../../api';
import { useQuery } from '../../components/useQuery';
import { formatDate } from '../../format';
import { FollowUpList } from './RetentionGlance';
import { RETENTION_TABLES } from './retentionText';
import { Succession } from './Succession';
import { UserText } from '../../components/UserText';

function Row({ r }: { r: RetentionRow }) {
  return (
    <tr className={r.risk ? `risk-${r.risk.level}` : undefined}>
      <th scope="row"><a href={`#/leaders/${r.leaderId}`}><UserText text={r.leaderName} /></a><br /><span className="hint">{r.school ? <UserText text={r.school.name} /> : 'No school'}</span></th>
      <td>{r.risk ? <><strong>{RISK_LEVEL_LABELS[r.risk.level]}</strong> ({formatDate(r.risk.date)}): {r.risk.reason}</> : <span className="muted">Not judged yet</span>}</td>
      <td>{r.latestIntent ? INTENT_LABELS[r.latestIntent] : <span className="muted">Not asked</span>}</td>
      <td>
        {r.signals.length === 0 ? <span className="muted">None</span> : (
          <ul className="plain" aria-label={`Signals for ${r.leaderName}`}>
            {r.signals.map((s) => <li key={s.kind}><strong>{SIGNAL_LABELS[s.kind]}.</strong> {s.explanation}.</li>)}
          </ul>
        )}
      </td>
      <td>
        {r.lastConversation ? <a href={`#/retention/conversations/${r.lastConversation.id}`}>{formatDate(r.lastConversation.date)}</a> : <span className="muted">None</span>}
        <br /><a href={`#/retention/new?leader=${r.leaderId}`} aria-label={`Hold a conversation with ${r.leaderName}`}>Hold a conversation</a>
      </td>
    </tr>
  );
}

/** What leaves for the district, target by target, and a way to send a summary now. */
function ExportConsent({ targets }: { targets: RetentionOverview['targets'] }) {
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const sending = targets.filter((t) => t.enabled && t.consent !== 'none');
  return (
    <section aria-labelledby="retention-export-heading" className="notice">
      <h2 id="retention-export-heading">Sent to the district</h2>
      {sending.length === 0 ? (
        <p>Nothing. Retention records stay on this computer: no export target may receive them. You can choose “counts only” or “named records” per target on the <a href="#/sync">Sync</a> screen.</p>
      ) : (
        <ul className="plain">
          {targets.filter((t) => t.enabled).map((t) => <li key={t.id}>{t.name}: {RETENTION_CONSENT_SHORT[t.consent].replace('Retention records: ', '')}</li>)}
        </ul>
      )}
      <button type="button" disabled={sending.length === 0} onClick={async () => {
        const r = await call('queueRetentionSnapshot', {});
        setMessage(r.ok ? { text: `Queued: ${r.value.label}. Each target gets only what you chose for it.`, ok: true } : { text: r.error.message, ok: false });
      }}>Send a retention summary</button>
      {message && <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'success' : 'form-error'}>{message.text}</p>}
    </section>
  );
}

/** The caseload by the supervisor's risk judgement, with the signals that should prompt a conversation. */
export function RetentionView() {
  const { data, error } = useQuery('getRetentionOverview', {}, RETENTION_TABLES);
  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p>Loading…</p>;
  return (
    <>
      <header className="page-header">
        <h1>Retention</h1>
        <p className="subtitle">School year {data.schoolYear.label} · Confidential</p>
      </header>
      <p className="actions"><a className="button primary" href="#/retention/new">Hold a conversation</a></p>
      <section aria-labelledby="by-risk-heading">
        <h2 id="by-risk-heading">Your caseload by risk</h2>
        <p className="hint">Risk is your judgement, recorded with a reason. Signals are prompts for a conversation, never a rating.</p>
        {data.caseload.length === 0 ? <p className="empty">No principals or assistant principals on your caseload yet.</p> : (
          <table className="retention-table">
            <caption className="visually-hidden">Caseload by risk, highest first</caption>
            <thead><tr><th scope="col">Leader</th><th scope="col">Your judgement</th><th scope="col">Intent to stay</th><th scope="col">Signals</th><th scope="col">Last conversation</th></tr></thead>
            <tbody>{data.caseload.map((r) => <Row key={r.leaderId} r={r} />)}</tbody>
          </table>
        )}
      </section>
      <div className="frames">
        <section className="frame" aria-labelledby="follow-ups-heading">
          <h2 id="follow-ups-heading">Follow-ups</h2>
          {data.followUps.length === 0 ? <p className="empty">No follow-up is planned.</p> : <FollowUpList items={data.followUps} label="Retention follow-ups" />}
        </section>
        <section className="frame" aria-labelledby="no-talk-heading">
          <h2 id="no-talk-heading">No conversation this school year</h2>
          {data.noConversationThisYear.length === 0 ? <p className="empty">You have talked with everyone on your caseload this year.</p> : (
            <ul className="plain" aria-label="Leaders with no conversation this school year">
              {data.noConversationThisYear.map((l) => (
                <li key={l.leaderId}><a href={`#/retention/new?leader=${l.leaderId}`}>{l.leaderName}</a>{l.schoolName ? `, ${l.schoolName}` : ''}</li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <Succession data={data} />
      <ExportConsent targets={data.targets} />
    </>
  );
}
