import { useState } from 'react';
import { call } from '../../api';
import { FormError, PasswordField, SelectField } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { byId, type Find, firstProblem, focusWhenShown, submitFocus } from '../../components/outcomeFocus';
import { useQuery } from '../../components/useQuery';
import { IDLE_LOCK_CHOICES, type LockSettings as Settings } from '../../../shared/backups/contract';

const label = (m: number) => (m === 0 ? 'Never' : m === 60 ? 'After an hour without use' : `After ${m} minutes without use`);

function LockForm({ settings, onSaved }: { settings: Settings; onSaved: (message: string | null) => void }) {
  const form = useForm({ idleMinutes: settings.idleMinutes, newPassphrase: '', currentPassphrase: '' });
  const { values, set, errors } = form;
  const save = async (newPassphrase: string | undefined, done: string): Promise<Find | null> => {
    onSaved(null);
    const r = await form.submit((v) => call('saveLockSettings', { idleMinutes: v.idleMinutes, newPassphrase, currentPassphrase: v.currentPassphrase || undefined }));
    if (!r) return null;
    form.reset({ idleMinutes: r.idleMinutes, newPassphrase: '', currentPassphrase: '' });
    onSaved(done);
    return byId('lock-saved');
  };
  return (
    <form noValidate className="form" aria-label="Lock" onSubmit={submitFocus(() =>
      save(values.newPassphrase || undefined, values.newPassphrase ? 'Lock settings and passphrase saved.' : 'Lock settings saved.'))}>
      <SelectField label="Lock Fieldbook" value={values.idleMinutes} onChange={(v) => set('idleMinutes', v)} options={IDLE_LOCK_CHOICES.map((m) => ({ value: m, label: label(m) }))} error={errors.idleMinutes} />
      <PasswordField label={settings.hasPassphrase ? 'New passphrase' : 'Passphrase'} value={values.newPassphrase} onChange={(v) => set('newPassphrase', v)} error={errors.newPassphrase}
        hint={settings.hasPassphrase ? 'Leave blank to keep the one you have.' : 'Optional, at least 8 characters. Without one, a button unlocks Fieldbook.'} />
      {settings.hasPassphrase && (
        <PasswordField label="Current passphrase" autoComplete="current-password" value={values.currentPassphrase} onChange={(v) => set('currentPassphrase', v)} error={errors.currentPassphrase} hint="Needed to change or remove the passphrase." />
      )}
      <FormError message={form.formError} />
      <div className="actions">
        <button type="submit" className="primary" disabled={form.busy}>Save lock settings</button>
        {settings.hasPassphrase && (
          <button type="button" disabled={form.busy} onClick={(e) => {
            const formEl = e.currentTarget.form!;
            void save('', 'Passphrase removed.').then((outcome) => focusWhenShown(outcome ?? firstProblem(formEl)));
          }}>Remove passphrase</button>
        )}
      </div>
    </form>
  );
}

/** Settings → Lock: when the window hides its content, and the passphrase that opens it. */
export function LockSettings() {
  const { data } = useQuery('getLockSettings', {}, ['lock_settings']);
  // Kept here: a save reloads the settings, which draws the form afresh.
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section aria-labelledby="lock-heading">
      <h2 id="lock-heading">Lock</h2>
      <p className="hint">When you step away, Fieldbook hides everything on screen. It does not encrypt your data: turn on your computer’s disk encryption for that (see the README).</p>
      {data ? <LockForm key={JSON.stringify(data)} settings={data} onSaved={setSaved} /> : <p>Loading…</p>}
      {saved && <p id="lock-saved" role="status" className="success">{saved}</p>}
    </section>
  );
}
