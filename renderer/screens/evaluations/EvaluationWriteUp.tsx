import { useEffect, useId, useState } from 'react';
import { call } from '../../api';
import { Markdown } from '../../components/Markdown';
import { saveStateLabel, useAutosave } from '../../components/useAutosave';
import { WRITE_UP_SECTIONS, WRITE_UP_SECTION_LABELS, quoteMarkdown, type WriteUpSection } from '../../../shared/evaluations/vocabulary';
import type { EvaluationDetail, WriteUpOutline } from '../../../shared/evaluations/model';

interface Quote {
  key: string;
  label: string;
  markdown: string;
}

/** One section of the write-up: saves itself as the person types; can take an evidence quote with its source link. */
function Section({ evaluation, section, draft, quotes }: { evaluation: EvaluationDetail; section: WriteUpSection; draft: string | null; quotes: Quote[] }) {
  const id = useId();
  const label = WRITE_UP_SECTION_LABELS[section];
  const { text, change, flush, state } = useAutosave(evaluation.writeUp[section], (t) => call('saveWriteUp', { cycleId: evaluation.id, section, text: t }));
  const [quote, setQuote] = useState('');
  // "Start from evidence" fills only a section that is still empty: typed text is never replaced.
  // It runs when a new outline arrives, not as the text changes.
  useEffect(() => {
    if (draft && text.trim() === '') change(draft);
  }, [draft]);
  return (
    <div className="field autosave write-up-section">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={8} value={text} aria-describedby={`${id}-state`} onChange={(e) => change(e.target.value)} onBlur={() => void flush()} />
      <p id={`${id}-state`} className={`save-state save-${state.kind}`} role="status" aria-live="polite">{saveStateLabel(state)}</p>
      {quotes.length > 0 && (
        <span className="inline-action">
          <label htmlFor={`${id}-quote`}>Evidence quote for {label}</label>
          <select id={`${id}-quote`} value={quote} onChange={(e) => setQuote(e.target.value)}>
            <option value="">Choose a cited quote…</option>
            {quotes.map((q) => <option key={q.key} value={q.key}>{q.label}</option>)}
          </select>
          <button type="button" disabled={!quote} onClick={() => {
            const q = quotes.find((x) => x.key === quote);
            if (q) change(`${text.trimEnd()}${text.trim() ? '\n\n' : ''}${q.markdown}\n`);
            setQuote('');
          }}>Insert quote into {label}</button>
        </span>
      )}
    </div>
  );
}

/** The summative write-up: five sections, drafted from evidence on request, then read-only once signed. */
export function EvaluationWriteUp({ evaluation }: { evaluation: EvaluationDetail }) {
  const [outline, setOutline] = useState<WriteUpOutline | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const editable = evaluation.status === 'open';
  const quotes: Quote[] = evaluation.rubric.flatMap((r) => r.evidence.map((e) => ({
    key: String(e.id), label: `${r.title}: ${e.label}`, markdown: quoteMarkdown(e),
  })));
  async function startFromEvidence() {
    const r = await call('outlineWriteUp', { cycleId: evaluation.id });
    if (!r.ok) return setMessage({ text: r.error.message, error: true });
    const empty = WRITE_UP_SECTIONS.filter((s) => evaluation.writeUp[s].trim() === '');
    setOutline(r.value);
    setMessage({ text: empty.length ? `Outlined ${empty.map((s) => WRITE_UP_SECTION_LABELS[s]).join(', ')} from the evidence and goals: edit them into your own words.` : 'Every section already has text; nothing was replaced.', error: false });
  }
  return (
    <section aria-labelledby="write-up-heading">
      <h2 id="write-up-heading">Summative write-up</h2>
      {editable ? (
        <>
          <p className="actions">
            <button type="button" onClick={() => void startFromEvidence()}>Start from evidence</button>
            <span className="hint"> Fills empty sections with headings and quotes from the cited and tagged evidence and goals.</span>
          </p>
          {message && <p role={message.error ? 'alert' : 'status'} className={message.error ? 'form-error' : 'success'}>{message.text}</p>}
          {WRITE_UP_SECTIONS.map((s) => <Section key={s} evaluation={evaluation} section={s} draft={outline?.[s] ?? null} quotes={quotes} />)}
        </>
      ) : (
        WRITE_UP_SECTIONS.map((s) => (
          <section key={s} aria-label={WRITE_UP_SECTION_LABELS[s]}>
            <h3>{WRITE_UP_SECTION_LABELS[s]}</h3>
            <Markdown text={evaluation.writeUp[s]} />
          </section>
        ))
      )}
    </section>
  );
}
