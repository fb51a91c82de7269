import { useState } from 'react';
import type { Session } from '../../contract/model';
import { MIN_PASSWORD_LENGTH } from '../../contract/routes';
import { call } from '../api';
import { FormError, TextField } from '../components/Field';

type Errors = Partial<Record<string, string>>;
const errorsOf = (e: { message: string; field?: string }, fields: string[]): [Errors, string | null] =>
  e.field && fields.includes(e.field) ? [{ [e.field]: e.message }, null] : [{}, e.message];

/** District staff sign in with the email their account was made for. */
export function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main className="narrow">
      <h1>Sign in</h1>
      <p className="hint">The leader tracking view for the district’s staff. Ask whoever runs it for an account.</p>
      <form className="form" onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const r = await call('signIn', { email, password });
        setBusy(false);
        if (r.ok) return onSignedIn(r.value);
        const [fieldErrors, general] = errorsOf(r.error, ['email', 'password']);
        setErrors(fieldErrors);
        setFormError(general);
      }}>
        <TextField label="Email" type="email" autoComplete="username" autoFocus value={email} onChange={setEmail} error={errors.email} />
        <TextField label="Password" type="password" autoComplete="current-password" value={password} onChange={setPassword} error={errors.password} />
        <FormError message={formError} />
        <button type="submit" className="primary" disabled={busy}>Sign in</button>
      </form>
    </main>
  );
}

/** At the first sign-in (and whenever asked): a password of their own instead of the one-time one. */
export function ChangePassword({ session, onChanged, onCancel }: { session: Session; onChanged: (s: Session) => void; onCancel: () => void }) {
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (k: keyof typeof values) => (v: string) => setValues({ ...values, [k]: v });
  return (
    <main className="narrow">
      <h1>Choose your password</h1>
      <p className="hint">{session.mustChangePassword ? `You signed in as ${session.email} with a one-time password. Choose your own before anything else; the one-time password then stops working.` : `Signed in as ${session.email}.`}</p>
      <form className="form" onSubmit={async (e) => {
        e.preventDefault();
        const r = await call('changePassword', values);
        if (r.ok) return onChanged(r.value);
        const [fieldErrors, general] = errorsOf(r.error, Object.keys(values));
        setErrors(fieldErrors);
        setFormError(general);
      }}>
        <TextField label={session.mustChangePassword ? 'One-time password' : 'Current password'} type="password" autoComplete="current-password" value={values.currentPassword} onChange={set('currentPassword')} error={errors.currentPassword} />
        <TextField label="New password" type="password" autoComplete="new-password" value={values.newPassword} onChange={set('newPassword')} error={errors.newPassword} hint={`At least ${MIN_PASSWORD_LENGTH} characters.`} />
        <TextField label="New password again" type="password" autoComplete="new-password" value={values.confirmPassword} onChange={set('confirmPassword')} error={errors.confirmPassword} />
        <FormError message={formError} />
        <div className="actions">
          <button type="submit" className="primary">Save the new password</button>
          {!session.mustChangePassword && <button type="button" onClick={onCancel}>Cancel</button>}
        </div>
      </form>
    </main>
  );
}
