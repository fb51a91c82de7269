import { useState } from 'react';
import { call } from '../../api';
import { AutosaveText } from '../../components/NoteEditor';
import { SelectField } from '../../components/Field';
import { useQuery } from '../../components/useQuery';
import type { EvaluationDetail, EvidenceItem, RubricRow } from '../../../shared/evaluations/model';
import { Badge } from '../../components/Badge';

/** Per framework element: a rating on the cycle's scale, a rationale that saves itself, and cited evidence. */

function EvidenceOffer({ item, row, cycleId, onError }: { item: EvidenceItem; row: RubricRow; cycleId: number; onError: (m: string | null) => void }) {
  const cited = row.evidence.some((e) => e.source === item.source && e.sourceId === item.id);
  const coaching = item.kind === 'coaching';
  return (
    <li className={coaching ? 'evidence evidence-coaching' : 'evidence'}>
      <a href={item.href}>{item.label}</a>
      {coaching && <Badge kind="kind-coaching">Coaching note</Badge>}
      <blockquote>{item.excerpt}</blockquote>
      {cited ? <span className="hint">Cited</span> : (
        <button type="button" aria-label={`${coaching ? 'Include this coaching note' : 'Cite as evidence'}: ${item.label}`} onClick={async () => {
          const r = await call('citeEvidence', { cycleId, elementId: row.elementId, source: item.source, sourceId: item.id });
          onError(r.ok ? null : r.error.message);
        }}>{coaching ? 'Include this coaching note' : 'Cite as evidence'}</button>
      )}
    </li>
  );
}

function Row({ row, evaluation, offered }: { row: RubricRow; evaluation: EvaluationDetail; offered: EvidenceItem[] }) {
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const frozen = evaluation.status !== 'open';
  const headingId = `rubric-${row.id}`;
  const options = [{ value: 0, label: 'Not rated' }, ...evaluation.scale.map((label, i) => ({ value: i + 1, label: `${i + 1} – ${label}` }))];
  return (
    <section className="rubric-row" aria-labelledby={headingId}>
      <h3 id={headingId}>{row.title}</h3>
      {frozen ? (
        <>
          <p><strong>Rating:</strong> {row.rating ? `${row.rating} – ${evaluation.scale[row.rating - 1]}` : 'Not rated'}</p>
          <p><strong>Rationale:</strong> {row.rationale || '—'}</p>
        </>
      ) : (
        <>
          <SelectField label={`Rating for ${row.title}`} value={row.rating ?? 0} options={options}
            error={error?.field === 'rating' ? error.message : undefined}
            onChange={async (v) => {
              const r = await call('rateElement', { cycleId: evaluation.id, elementId: row.elementId, rating: v === 0 ? null : v });
              setError(r.ok ? null : { field: 'rating', message: r.error.message });
            }} />
          <AutosaveText label={`Rationale for ${row.title}`} rows={3} initial={row.rationale}
            save={(rationale) => call('rateElement', { cycleId: evaluation.id, elementId: row.elementId, rationale })} />
        </>
      )}
      <h4>Cited evidence</h4>
      {row.evidence.length === 0 ? <p className="empty">None cited yet.</p> : (
        <ul className="plain" aria-label={`Evidence cited for ${row.title}`}>
          {row.evidence.map((e) => (
            <li key={e.id} className="evidence">
              {e.href ? <a href={e.href}>{e.label}</a> : e.label}
              {e.coachingIncluded && <Badge kind="kind-coaching">Coaching note, included deliberately</Badge>}
              <blockquote>{e.quote}</blockquote>
              {!frozen && (
                <button type="button" aria-label={`Remove citation: ${e.label}`} onClick={async () => {
                  const r = await call('removeEvidence', { evidenceId: e.id });
                  setError(r.ok ? null : { field: 'evidence', message: r.error.message });
                }}>Remove citation</button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!frozen && (
        <details>
          <summary>Evidence from {evaluation.yearLabel} tagged with this standard ({offered.length})</summary>
          {offered.length === 0 ? <p className="empty">No evaluative notes or visits about {evaluation.leader.name} are tagged with this standard yet.</p> : (
            <ul className="plain" aria-label={`Evidence for ${row.title}`}>
              {offered.map((item) => <EvidenceOffer key={`${item.source}-${item.id}`} item={item} row={row} cycleId={evaluation.id}
                onError={(m) => setError(m ? { field: 'evidence', message: m } : null)} />)}
            </ul>
          )}
        </details>
      )}
      {error?.field === 'evidence' && <p role="alert" className="form-error">{error.message}</p>}
    </section>
  );
}

export function EvaluationRubric({ evaluation }: { evaluation: EvaluationDetail }) {
  const [includeCoaching, setIncludeCoaching] = useState(false);
  const evidence = useQuery('listRubricEvidence', { cycleId: evaluation.id, includeCoaching }, ['evaluations', 'notes', 'tags', 'visits']);
  const offered = new Map((evidence.data ?? []).map((r) => [r.elementId, r.items]));
  return (
    <section aria-labelledby="rubric-heading">
      <h2 id="rubric-heading">Rubric: {evaluation.frameworkName}</h2>
      <p className="hint">Scale: {evaluation.scale.map((l, i) => `${i + 1} ${l}`).join(' · ')}. Evidence offered is evaluative only: coaching notes stay out unless you choose to include one, and then the write-up says so.</p>
      {evaluation.status === 'open' && (
        <label className="checkbox">
          <input type="checkbox" checked={includeCoaching} onChange={(e) => setIncludeCoaching(e.target.checked)} />
          Also offer coaching notes (to include one deliberately)
        </label>
      )}
      {evidence.error && <p role="alert">{evidence.error}</p>}
      {evaluation.rubric.map((row) => <Row key={row.id} row={row} evaluation={evaluation} offered={offered.get(row.elementId) ?? []} />)}
    </section>
  );
}
