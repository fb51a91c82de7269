import { useState } from 'react';
import { useSettings, useStatus } from '../../stores';
import { ProfileForm } from './ProfileForm';
import { byId } from '../../components/outcomeFocus';
import { FrameworkSettings } from './FrameworkSettings';
import { BackupSettings } from '../backups/BackupSettings';
import { EvaluationTemplateSettings } from '../evaluations/EvaluationTemplateSettings';
import { LockSettings } from '../backups/LockSettings';

export function SettingsScreen() {
  const settings = useSettings((s) => s.data);
  const status = useStatus((s) => s.data);
  const [saved, setSaved] = useState(false);
  return (
    <>
      <header className="page-header"><h1>Settings</h1></header>
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile and school year</h2>
        <ProfileForm key={JSON.stringify(settings)} settings={settings} submitLabel="Save settings" onSaved={() => (setSaved(true), byId('settings-saved'))} />
        {saved && <p id="settings-saved" role="status" className="success">Settings saved.</p>}
      </section>
      <FrameworkSettings />
      <EvaluationTemplateSettings />
      <BackupSettings />
      <LockSettings />
      {status && (
        <section aria-labelledby="data-heading">
          <h2 id="data-heading">Your data</h2>
          <p>Everything is kept on this computer, in <code>{status.dataDir}</code>.</p>
          <p>{status.mode === 'browser' ? 'Running in browser mode (the desktop window is not available on this machine).' : 'Running as the desktop app.'}</p>
        </section>
      )}
    </>
  );
}
