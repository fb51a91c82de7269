import { useId } from 'react';
import type { Envelope } from '../../shared/api';
import { saveStateLabel, useAutosave } from './useAutosave';

/**
 * A text box that saves itself; shows whether what is on screen is safely stored. Multi-line by
 * default (notes, reflections); one line for a short value. A refusal marks the box invalid.
 */
export function AutosaveText({ label, initial, save, rows = 8, autoFocus, hint, input, keepKey }: {
  label: string;
  initial: string;
  save: (text: string) => Promise<Envelope<unknown>>;
  rows?: number;
  autoFocus?: boolean;
  hint?: string;
  /** One line instead of a text area: a short value or a date. */
  input?: 'text' | 'date';
  /** Keep refused text on this computer under this key (see useAutosave). */
  keepKey?: string;
}) {
  const id = useId();
  const { text, change, flush, state } = useAutosave(initial, save, keepKey);
  const box = {
    id,
    value: text,
    autoFocus,
    'aria-describedby': `${id}-state`,
    'aria-invalid': state.kind === 'failed' && !state.retrying ? true : undefined,
    onBlur: () => void flush(),
  };
  return (
    <div className={state.kind === 'failed' && !state.retrying ? 'field autosave field-invalid' : 'field autosave'}>
      <label htmlFor={id}>{label}</label>
      {input ? <input type={input} {...box} onChange={(e) => change(e.target.value)} /> : <textarea rows={rows} {...box} onChange={(e) => change(e.target.value)} />}
      <p id={`${id}-state`} className={`save-state save-${state.kind}`} role="status" aria-live="polite">
        {saveStateLabel(state)}
        {hint ? ` · ${hint}` : ''}
      </p>
    </div>
  );
}
