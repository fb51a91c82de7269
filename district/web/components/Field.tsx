import { type ReactNode, useId } from 'react';

/** A labelled form field with its error (or hint) under it, tied to it for screen readers. */
function Shell({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="field-error" id={`${id}-error`} role="alert">{error}</p>}
    </div>
  );
}
const describedBy = (id: string, error?: string, hint?: string) => (error ? `${id}-error` : hint ? `${id}-hint` : undefined);

export function TextField({ label, value, onChange, error, hint, type = 'text', autoComplete, autoFocus }: {
  label: string; value: string; onChange: (v: string) => void; error?: string; hint?: string;
  type?: 'text' | 'email' | 'password' | 'search'; autoComplete?: string; autoFocus?: boolean;
}) {
  const id = useId();
  return (
    <Shell id={id} label={label} error={error} hint={hint}>
      <input id={id} type={type} value={value} autoComplete={autoComplete} autoFocus={autoFocus} aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)} onChange={(e) => onChange(e.target.value)} />
    </Shell>
  );
}

export function SelectField({ label, value, onChange, options, error, disabled }: {
  label: string; value: string; onChange: (v: string) => void; options: readonly { value: string; label: string }[]; error?: string; disabled?: boolean;
}) {
  const id = useId();
  return (
    <Shell id={id} label={label} error={error}>
      <select id={id} value={value} disabled={disabled} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error)} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </Shell>
  );
}

export const FormError = ({ message }: { message: string | null }) => (message ? <p className="form-error" role="alert">{message}</p> : null);
