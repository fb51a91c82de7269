import { type ReactNode, useId } from 'react';

interface BaseProps {
  label: string;
  error?: string;
  hint?: string;
}

function FieldShell({ id, label, error, hint, children }: BaseProps & { id: string; children: ReactNode }) {
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

export function TextField({ label, error, hint, value, onChange, type = 'text', ...rest }: BaseProps & {
  value: string | number;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'date' | 'time' | 'number';
  min?: number;
  max?: number;
  required?: boolean;
  autoFocus?: boolean;
}) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        type={type}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(e) => onChange(e.target.value)}
        {...rest}
      />
    </FieldShell>
  );
}

export function TextAreaField({ label, error, hint, value, onChange, rows = 4 }: BaseProps & {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
}) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <textarea
        id={id}
        rows={rows}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(e) => onChange(e.target.value)}
      />
    </FieldShell>
  );
}

export function SelectField<V extends string | number>({ label, error, hint, value, onChange, options }: BaseProps & {
  value: V | '';
  onChange: (value: V) => void;
  options: readonly { value: V; label: string }[];
}) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <select
        id={id}
        value={String(value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(e) => {
          const picked = options.find((o) => String(o.value) === e.target.value);
          if (picked) onChange(picked.value);
        }}
      >
        {value === '' && <option value="">Choose…</option>}
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>{o.label}</option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A password or passphrase box. Its value belongs in component state, never in a form draft. */
export function PasswordField({ label, error, hint, value, onChange, autoComplete = 'new-password' }: BaseProps & {
  value: string;
  onChange: (value: string) => void;
  autoComplete?: 'new-password' | 'current-password' | 'off';
}) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <input id={id} type="password" autoComplete={autoComplete} value={value} aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)} onChange={(e) => onChange(e.target.value)} />
    </FieldShell>
  );
}

/** A checkbox with its label beside it, and the error or hint under it. */
export function CheckField({ label, error, hint, checked, onChange }: BaseProps & { checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label className="check" htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error, hint)} />
        {label}
      </label>
      {hint && !error && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="field-error" id={`${id}-error`} role="alert">{error}</p>}
    </div>
  );
}

export function FormError({ message }: { message: string | null }) {
  return message ? <p className="form-error" role="alert">{message}</p> : null;
}

/** Options for a vocabulary: keys with their labels. */
export const optionsOf = <K extends string>(keys: readonly K[], labels: Record<K, string>) =>
  keys.map((k) => ({ value: k, label: labels[k] }));

/** A number box's text as the core expects it: blank is NaN, so the core's own message names the field. */
export const numberFrom = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));
