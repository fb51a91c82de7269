import { useState } from 'react';
import { GOAL_STATUS_LABELS } from '../../../shared/cta/vocabulary';
import { INTENT_LABELS, RISK_LEVEL_LABELS } from '../../../shared/retention/vocabulary';
import { LEADER_ROLE_LABELS, SUPPORT_TIER_LABELS } from '../../../shared/vocabulary';
import { TextField } from '../components/Field';
import { usePage } from '../components/usePage';
import { day, plural } from '../format';
import { navigate } from '../router';
import { LeaderLink, PdfLink } from './links';

/** Find a leader by name or email (chief: anyone; a supervisor: those on their own caseloads). */
export function Leaders({ query }: { query: string }) {
  const [text, setText] = useState(query);
  const { data, problem } = usePage('findLeaders', { query });
  return (
    <>
      <header className="page-header"><h1>Leaders</h1></header>
      <form role="search" className="filters" onSubmit={(e) => { e.preventDefault(); navigate(`/leaders?q=${encodeURIComponent(text)}`); }}>
        <TextField label="Name or email" type="search" value={text} onChange={setText} error={problem?.message} />
        <button type="submit">Search</button>
      </form>
      {data && (
        data.leaders.length === 0 ? <p className="empty">No leader matches {query ? `“${query}”` : 'yet'}.</p> : (
          <ul className="leader-list">
            {data.leaders.map((l) => (
              <li key={l.leaderId}><LeaderLink leader={l} /> <span className="hint">{[l.role && LEADER_ROLE_LABELS[l.role], l.school?.name].filter(Boolean).join(', ')}</span></li>
            ))}
          </ul>
        )
      )}
      {data?.more && <p className="hint">More leaders match: type more of the name.</p>}
    </>
  );
}

/** One leader across years and supervisors. */
export function LeaderPage({ leaderId }: { leaderId: number }) {
  const { data, problem } = usePage('leader', { leaderId });
  if (problem) return <><header className="page-header"><h1>A leader’s record</h1></header><p className="form-error" role="alert">{problem.message}</p></>;
  if (!data) return <p className="hint" role="status">Loading…</p>;
  const l = data.leader;
  return (
    <>
      <header className="page-header">
        <h1>{l.name}</h1>
        <p className="subtitle">{[l.role && LEADER_ROLE_LABELS[l.role], l.school?.name, l.email].filter(Boolean).join(' · ')}</p>
        {data.scope === 'own' && <p className="hint">What your own exports hold about this leader.</p>}
        <a className="download" href={`/csv/leader-record.csv?leaderId=${l.leaderId}`} download aria-label={`Download the record of ${l.name} as CSV`}>Download CSV</a>
      </header>
      {data.years.length === 0 && <p className="empty">No export names this leader yet.</p>}
      {data.years.map((y) => (
        <section key={y.year.start} aria-labelledby={`year-${y.year.start}`} className="section">
          <h2 id={`year-${y.year.start}`}>{y.year.label}</h2>
          {y.placements.length > 0 && (
            <div className="table-wrap">
              <table>
                <caption>Caseloads in {y.year.label}</caption>
                <thead><tr><th scope="col">Supervisor</th><th scope="col">School</th><th scope="col">Role</th><th scope="col">Support</th><th scope="col">Roster of</th></tr></thead>
                <tbody>
                  {y.placements.map((p) => (
                    <tr key={p.supervisor.id}><th scope="row">{p.supervisor.name}</th><td>{p.school?.name ?? '—'}</td><td>{LEADER_ROLE_LABELS[p.role]}</td>
                      <td>{SUPPORT_TIER_LABELS[p.supportTier]}, a visit every {p.cadenceDays} days</td><td>{day(p.asOf)}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p>Visits: {y.visits.length ? y.visits.map((v) => `${v.done} done with ${v.supervisor.name}${v.lastVisit ? `, the last on ${day(v.lastVisit)}` : ''}`).join('; ') : 'none in the visit logs'}.</p>
          {y.ctaGoals.length > 0 && (
            <>
              <h3>CTA goals of {y.ctaGoals[0].school.name}</h3>
              <ul>{y.ctaGoals.map((g, i) => <li key={i}>Q{g.quarter}: {g.title}: {g.status ? GOAL_STATUS_LABELS[g.status] : 'no status'} <PdfLink href={g.pdf} label={`Q${g.quarter} check-in PDF`} /></li>)}</ul>
            </>
          )}
          {y.evaluations.map((e) => (
            <div key={e.supervisor.id}>
              <h3>Evaluation ({e.supervisor.name}){e.lockedAt ? `, locked ${day(e.lockedAt)}` : ''} {e.pdf && <PdfLink href={e.pdf} label={`Evaluation of ${l.name}, ${y.year.label}: PDF`} />}</h3>
              {e.stages.length > 0 && <ul>{e.stages.map((s) => <li key={s.name}>{s.name}: due {day(s.dueDate)}, {s.completedOn ? `done ${day(s.completedOn)}` : 'not done'}</li>)}</ul>}
              {e.ratings.length > 0 && <ul>{e.ratings.map((r) => <li key={r.element}>{r.title}: {r.label ?? 'not rated'}</li>)}</ul>}
            </div>
          ))}
          {y.retention.map((r) => (
            <p key={r.supervisor.id}>Retention ({r.supervisor.name}, {day(r.asOf)}): risk {r.risk ? RISK_LEVEL_LABELS[r.risk] : 'not judged'}{r.riskReason ? ` (${r.riskReason})` : ''}; {r.intent ? INTENT_LABELS[r.intent] : 'intent not asked'}; {plural(r.conversations, 'conversation')} this year.</p>
          ))}
        </section>
      ))}
    </>
  );
}
