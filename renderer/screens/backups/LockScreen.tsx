import { call } from '../../api';
import { FormError, PasswordField } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { type Find, focusWhenShown, submitFocus } from '../../components/outcomeFocus';

/**
 * What the window shows while Fieldbook is locked: nothing of the data. With a passphrase set,
 * only it opens the window again; without one, a button does (the lock then only guards the screen
 * from passers-by).
 */
export function LockScreen({ hasPassphrase, onUnlock }: { hasPassphrase: boolean; onUnlock: () => Find }) {
  const form = useForm({ passphrase: '' });
  return (
    <main className="lock-screen">
      <h1>Fieldbook is locked</h1>
      <p>Your work is saved. Nothing is shown until you unlock it.</p>
      {hasPassphrase ? (
        <form
          noValidate
          className="form"
          aria-label="Unlock Fieldbook"
          onSubmit={submitFocus(async () => {
            if (!(await form.submit((v) => call('unlock', { passphrase: v.passphrase })))) return null;
            return onUnlock();
          })}
        >
          <PasswordField label="Passphrase" autoComplete="current-password" value={form.values.passphrase} onChange={(v) => form.set('passphrase', v)} error={form.errors.passphrase} />
          <FormError message={form.formError} />
          <button type="submit" className="primary" disabled={form.busy}>Unlock</button>
        </form>
      ) : (
        <>
          <button type="button" className="primary" autoFocus onClick={async () => (await call('unlock', {})).ok && focusWhenShown(onUnlock())}>Unlock Fieldbook</button>
          <p className="hint">To make only you able to unlock it, set a passphrase in Settings, under “Lock”.</p>
        </>
      )}
    </main>
  );
}
