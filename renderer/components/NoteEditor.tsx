import { useId } from 'react';
import type { Envelope } from '../../shared/api';
import { saveStateLabel, useAutosave } from './useAutosave';

/** A Markdown text box that saves itself; shows whether what is on screen is safely stored. */
export function AutosaveText({ label, initial, save, rows = 8, autoFocus, hint }: {
  label: string;
  initial: string;
  save: (text: string) => Promise<Envelope<unknown>>;
  rows?: number;
  autoFocus?: boolean;
  hint?: string;
}) {
  const id = useId();
  const { text, change, flush, state } = useAutosave(initial, save);
  return (
    <div className="field autosave">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        value={text}
        autoFocus={autoFocus}
        aria-describedby={`${id}-state`}
        onChange={(e) => change(e.target.value)}
        onBlur={() => void flush()}
      />
      <p id={`${id}-state`} className={`save-state save-${state.kind}`} role="status" aria-live="polite">
        {saveStateLabel(state)}
        {hint ? ` · ${hint}` : ''}
      </p>
    </div>
  );
}
