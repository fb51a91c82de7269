import { INTENT_LABELS, READINESS_LABELS, RISK_LEVEL_LABELS } from '../../../shared/retention/vocabulary';
import { LEADER_ROLE_LABELS } from '../../../shared/vocabulary';
import type { PageFilter } from '../../contract/contract';
import type { IntentCounts, RiskCounts } from '../../contract/model';
import { PageHeader } from '../components/Filters';
import { AfterFirstPaint, DataTable, Section } from '../components/Section';
import { usePage } from '../components/usePage';
import { count, day, sentence } from '../format';
import { LeaderLink } from './links';

const RISK_HEAD = ['Low', 'Medium', 'High', 'Not judged'];
const INTENT_HEAD = ['Likely to stay', 'Unsure', 'Unlikely to stay', 'Leaving', 'Not asked'];
const riskCells = (r: RiskCounts) => [r.low, r.medium, r.high, r.notJudged];
const intentCells = (i: IntentCounts) => [i.likely, i.unsure, i.unlikely, i.leaving, i.notAsked];

/** Who might leave and who is ready? Counts by risk and intent, named records where consented, and the vacancy outlook. */
export function Retention({ filter }: { filter: PageFilter }) {
  const { data, problem } = usePage('retention', filter);
  const filtered = Boolean(filter.level || filter.needTier);
  return (
    <>
      <PageHeader title="Retention and succession" path="/retention" frame={data} filter={filter} problem={problem} />
      {data && (
        <>
          <Section title="Risk and intent to stay" freshness={data.freshness}>
            <p className="hint">
              Each supervisor’s newest retention summary, exactly as their consent allows: {data.district.named} sent named records, {data.district.countsOnly} counts only.
              {filtered && ' Counts cover each whole caseload: the school level and need tier filters apply to named records only.'}
            </p>
            <DataTable table="retention-counts" params={filter} empty={data.bySupervisor.length === 0 && 'No retention summaries for this school year.'} head={
              <>
                <tr><td colSpan={3} /><th scope="colgroup" colSpan={4}>Risk</th><th scope="colgroup" colSpan={5}>Intent to stay</th></tr>
                <tr><th scope="col">Supervisor</th><th scope="col">As of</th><th scope="col">Leaders</th>{[...RISK_HEAD, ...INTENT_HEAD].map((h) => <th scope="col" key={h}>{h}</th>)}</tr>
              </>
            }>
              {data.bySupervisor.map((r) => (
                <tr key={r.supervisor.id}>
                  <th scope="row">{r.supervisor.name}<br /><span className="hint">{r.consent === 'named' ? 'named records' : 'counts only'}</span></th>
                  <td>{day(r.asOf)}</td><td>{count(r.leaders)}</td>{[...riskCells(r.byRisk), ...intentCells(r.byIntent)].map((c, i) => <td key={i}>{count(c)}</td>)}
                </tr>
              ))}
              {data.bySupervisor.length > 1 && (
                <tr className="total">
                  <th scope="row">District</th><td /><td>{count(data.district.leaders)}</td>
                  {[...riskCells(data.district.byRisk), ...intentCells(data.district.byIntent)].map((c, i) => <td key={i}>{count(c)}</td>)}
                </tr>
              )}
            </DataTable>
          </Section>
          <Section title="Vacancy outlook">
            <p className="headline" role="status">
              {sentence(`${count(data.vacancyCounts.schools)} schools whose principal is judged high risk or says they are leaving: ${count(data.vacancyCounts.readyNow)} with a successor ready now, `
                + `${count(data.vacancyCounts.readySoon)} ready in 1–2 years, ${count(data.vacancyCounts.developingOnly)} with successors still developing, ${count(data.vacancyCounts.noSuccessor)} with none named.`)}
            </p>
            {data.vacancyCounts.withCounts < data.bySupervisor.length && (
              <p className="hint">{data.bySupervisor.length - data.vacancyCounts.withCounts} of {data.bySupervisor.length} summaries came from a Fieldbook that does not send these counts yet.</p>
            )}
            <DataTable table="vacancy-counts" params={filter} head={<tr><th scope="col">Schools at risk</th><th scope="col">Ready now</th><th scope="col">Ready in 1–2 years</th><th scope="col">Developing</th><th scope="col">No successor</th></tr>}>
              <tr><td>{count(data.vacancyCounts.schools)}</td><td>{count(data.vacancyCounts.readyNow)}</td><td>{count(data.vacancyCounts.readySoon)}</td><td>{count(data.vacancyCounts.developingOnly)}</td><td>{count(data.vacancyCounts.noSuccessor)}</td></tr>
            </DataTable>
            {data.vacancy && (
              <DataTable table="vacancy-outlook" params={filter} empty={data.vacancy.length === 0 && 'No principal in the named records is judged high risk or leaving.'} head={
                <tr><th scope="col">School</th><th scope="col">Principal</th><th scope="col">Supervisor</th><th scope="col">Risk</th><th scope="col">Intent</th><th scope="col">Possible successors</th></tr>
              }>
                {data.vacancy.map((v) => (
                  <tr key={`${v.supervisor.id}-${v.principal.leaderId}`}>
                    <th scope="row">{v.school.name}</th><td><LeaderLink leader={v.principal} /></td><td>{v.supervisor.name}</td>
                    <td>{v.risk ? RISK_LEVEL_LABELS[v.risk] : '—'}</td><td>{v.intent ? INTENT_LABELS[v.intent] : '—'}</td>
                    <td>{v.successors.length ? v.successors.map((s) => `${s.name} (${READINESS_LABELS[s.readiness]})`).join('; ') : <strong>none named</strong>}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </Section>
          {data.records && (
            <Section title="Named retention records">
              <p className="hint">Only from supervisors who chose to send named records; the others’ leaders are in the counts above only.</p>
              <AfterFirstPaint>
                <DataTable table="retention-records" params={filter} empty={data.records.length === 0 && 'No named records for these filters.'} head={
                  <tr><th scope="col">Leader</th><th scope="col">Role</th><th scope="col">School</th><th scope="col">Supervisor</th><th scope="col">Risk</th><th scope="col">Intent</th><th scope="col">Last conversation</th><th scope="col">Follow-up due</th></tr>
                }>
                  {data.records.map((r) => (
                    <tr key={`${r.supervisor.id}-${r.leaderId}`}>
                      <th scope="row"><LeaderLink leader={r} /></th><td>{LEADER_ROLE_LABELS[r.role]}</td><td>{r.school?.name ?? '—'}</td><td>{r.supervisor.name}</td>
                      <td>{r.risk ? `${RISK_LEVEL_LABELS[r.risk]}${r.riskReason ? `: ${r.riskReason}` : ''}` : 'not judged'}</td>
                      <td>{r.intent ? INTENT_LABELS[r.intent] : 'not asked'}</td><td>{day(r.lastConversation)}</td><td>{day(r.followUpDue)}</td>
                    </tr>
                  ))}
                </DataTable>
              </AfterFirstPaint>
            </Section>
          )}
        </>
      )}
    </>
  );
}
