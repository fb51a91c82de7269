import { useEffect, useState } from 'react';
import type { BackupFile, BackupKind, DataFileCheck, BackupSettings as Keep } from '../../../shared/backups/model';
import { call, isBrowserMode } from '../../api';
import { FormError, PasswordField, TextField, numberFrom } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { useQuery } from '../../components/useQuery';
import { byId, confirmationIn, submitFocus } from '../../components/outcomeFocus';
import { fmt } from '../../format';
import { visibleText } from '../../components/UserText';

const KIND_LABELS: Record<BackupKind, string> = {
  daily: 'Daily (automatic)',
  weekly: 'Weekly (automatic)',
  manual: 'Backed up now',
  'before-restore': 'Kept before a restore',
  'before-upgrade': 'Kept before an update',
};

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
const when = (createdAt: string) => (createdAt.length === 10 ? fmt().date(createdAt) : fmt().dateTime(createdAt));

function dataFileText(check: DataFileCheck): string {
  if (check.state === 'damaged') return check.problem ?? '';
  const last = `read in full and found sound on ${when(check.lastFullRead)}`;
  return check.state === 'checking' ? `Fieldbook is reading its data file in the background to check it (last ${last}).` : `Fieldbook's data file was last ${last}.`;
}

function BackUpNowForm({ onDone }: { onDone: () => void }) {
  const form = useForm({ folder: '', passphrase: '', confirmPassphrase: '' });
  const { values, set, errors } = form;
  const [made, setMade] = useState<BackupFile | null>(null);
  const [mismatch, setMismatch] = useState<string | undefined>();
  return (
    <form
      noValidate
      className="form backup-now"
      aria-label="Back up now"
      onSubmit={submitFocus(async (el) => {
        setMade(null);
        if (values.passphrase !== values.confirmPassphrase) {
          setMismatch('The two passphrases are not the same');
          return null;
        }
        setMismatch(undefined);
        const r = await form.submit((v) => call('backUpNow', { folder: v.folder, passphrase: v.passphrase }));
        if (!r) return null;
        setMade(r);
        form.reset({ folder: values.folder, passphrase: '', confirmPassphrase: '' });
        onDone();
        return confirmationIn(el);
      })}
    >
      <h3>Back up now</h3>
      <TextField
        label="Folder (optional)"
        value={values.folder}
        onChange={(v) => set('folder', v)}
        error={errors.folder}
        hint={`Type or paste the full path of a folder, for example a USB drive. Leave it blank to use Fieldbook's backups folder.${isBrowserMode() ? ' In browser mode Fieldbook cannot show a folder picker, so type or paste the path.' : ''}`}
      />
      <PasswordField label="Passphrase (optional)" value={values.passphrase} onChange={(v) => set('passphrase', v)} error={errors.passphrase}
        hint="With a passphrase the backup is encrypted (at least 8 characters). If you forget the passphrase, nobody can restore this backup: keep it somewhere safe." />
      {values.passphrase && (
        <PasswordField label="Type the passphrase again" value={values.confirmPassphrase} onChange={(v) => { setMismatch(undefined); set('confirmPassphrase', v); }} error={mismatch} />
      )}
      <FormError message={form.formError} />
      <button type="submit" className="primary" disabled={form.busy}>{form.busy ? 'Backing up…' : 'Back up now'}</button>
      {made && <p role="status" className="success">Backed up to {made.file}{made.encrypted ? ' (encrypted)' : ''}.</p>}
    </form>
  );
}

function RestoreForm({ file, setFile, backups }: { file: string; setFile: (f: string) => void; backups: BackupFile[] }) {
  const form = useForm({ file, passphrase: '' });
  const [confirming, setConfirming] = useState(false);
  const [restored, setRestored] = useState<string | null>(null);
  const value = file;
  const encrypted = value.endsWith('.enc') || backups.some((b) => b.file === value && b.encrypted);
  const fileError = form.errors.file;
  return (
    <form
      noValidate
      className="form backup-restore"
      aria-label="Restore a backup"
      onSubmit={submitFocus(async (el) => {
        // First the question: the focus goes to the safe answer.
        if (!confirming) {
          setConfirming(true);
          return () => el.querySelector<HTMLElement>('.restore-confirm button[type="button"]');
        }
        setRestored(null);
        const r = await form.submit(() => call('restoreBackup', { file: value, passphrase: form.values.passphrase }));
        setConfirming(false);
        if (!r) return null;
        setRestored(`Restored ${r.restoredFrom}. The data that was open before is kept in ${r.previousKeptAt}.`);
        form.reset({ file: '', passphrase: '' });
        setFile('');
        return confirmationIn(el);
      })}
    >
      <h3>Restore a backup</h3>
      <TextField label="Backup file" value={value} onChange={(v) => { setConfirming(false); setFile(v); form.set('file', v); }} error={fileError}
        hint="Choose Restore next to a backup above, or type or paste the full path of a backup file." />
      {encrypted && <PasswordField label="Backup passphrase" value={form.values.passphrase} onChange={(v) => form.set('passphrase', v)} error={form.errors.passphrase} />}
      <FormError message={form.formError} />
      {confirming ? (
        <div role="alertdialog" aria-labelledby="restore-confirm" className="restore-confirm">
          <p id="restore-confirm">
            Restoring replaces the data Fieldbook has open now with this backup. Your current data is kept as a backup first
            (a file named fieldbook-before-restore-…), so you can go back to it.
          </p>
          <button type="submit" className="danger" disabled={form.busy}>Yes, restore this backup</button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>Cancel</button>
        </div>
      ) : (
        <button type="submit" disabled={!value.trim()}>Restore…</button>
      )}
      {restored && <p role="status" className="success">{restored}</p>}
    </form>
  );
}

/** saved lives in the parent: saving reloads the settings, which remounts this form with them. */
function KeepForm({ keep, saved, setSaved }: { keep: Keep; saved: boolean; setSaved: (s: boolean) => void }) {
  const form = useForm({ keepDaily: String(keep.keepDaily), keepWeekly: String(keep.keepWeekly) });
  return (
    <form
      noValidate
      className="form backup-keep"
      aria-label="How many backups to keep"
      onSubmit={submitFocus(async () => {
        setSaved(false);
        const r = await form.submit((v) => call('saveBackupSettings', { keepDaily: numberFrom(v.keepDaily), keepWeekly: numberFrom(v.keepWeekly) }));
        if (!r) return null;
        setSaved(true);
        // Saving draws this form afresh from the saved settings: the confirmation is found by its id.
        return byId('backup-keep-saved');
      })}
    >
      <h3>Automatic backups</h3>
      <TextField label="Daily backups to keep" type="number" min={1} max={60} value={form.values.keepDaily} onChange={(v) => form.set('keepDaily', v)} error={form.errors.keepDaily} />
      <TextField label="Weekly backups to keep" type="number" min={0} max={52} value={form.values.keepWeekly} onChange={(v) => form.set('keepWeekly', v)} error={form.errors.keepWeekly}
        hint="A weekly backup is the first one of each week." />
      <FormError message={form.formError} />
      <button type="submit" disabled={form.busy}>Save backup settings</button>
      {saved && <p id="backup-keep-saved" role="status" className="success">Backup settings saved.</p>}
    </form>
  );
}

/** Settings: the backups list, Back up now, restore, and how many automatic backups to keep. */
export function BackupSettings() {
  const overview = useQuery('listBackups', {}, ['backup_settings', 'settings']);
  // The background read of the data file changes no table: look again until it has finished.
  const checking = overview.data?.dataFile?.state === 'checking';
  const { reload } = overview;
  useEffect(() => {
    if (!checking) return;
    const timer = setInterval(() => void reload(), 2000);
    return () => clearInterval(timer);
  }, [checking, reload]);
  const keep = useQuery('getBackupSettings', {}, ['backup_settings']);
  const [file, setFile] = useState('');
  const [keepSaved, setKeepSaved] = useState(false);
  const data = overview.data;
  return (
    <section aria-labelledby="backups-heading" className="backup-settings">
      <h2 id="backups-heading">Backups</h2>
      <p>
        Fieldbook backs up your data once a day when it starts{data ? <>, into <code>{data.folder}</code></> : ''}, and keeps the latest daily
        and weekly backups, by the order they were made. Automatic backups are not encrypted; for an encrypted copy use Back up now with a passphrase. Backups you make,
        and those kept before a restore or an update, are never deleted by Fieldbook.
      </p>
      {overview.error && <p className="form-error" role="alert">{overview.error}</p>}
      {data?.lastAutomatic && (
        <p role={data.lastAutomatic.ok ? 'status' : 'alert'} className={data.lastAutomatic.ok ? 'muted' : 'form-error'}>{data.lastAutomatic.message}</p>
      )}
      {data?.restoreNotice && <p role="status" className="notice">{data.restoreNotice}</p>}
      {data?.clockWarning && <p role="alert" className="form-error">{data.clockWarning}</p>}
      {data?.dataFile && (
        <p role={data.dataFile.state === 'damaged' ? 'alert' : undefined} className={data.dataFile.state === 'damaged' ? 'form-error' : 'muted'}>{dataFileText(data.dataFile)}</p>
      )}
      {data && (data.backups.length === 0 ? <p>No backups yet.</p> : (
        <table className="backup-list" aria-label="Backups">
          <thead><tr><th scope="col">Made</th><th scope="col">Kind</th><th scope="col">Size</th><th scope="col">Encrypted</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {data.backups.map((b) => (
              <tr key={b.file}>
                <td>{when(b.createdAt)}</td>
                <td>{KIND_LABELS[b.kind]}</td>
                <td>{size(b.sizeBytes)}</td>
                <td>{b.encrypted ? 'Yes' : 'No'}</td>
                <td><button type="button" aria-label={`Restore the backup ${visibleText(b.name)}`} onClick={() => setFile(b.file)}>Restore</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <BackUpNowForm onDone={() => void overview.reload()} />
      <RestoreForm file={file} setFile={setFile} backups={data?.backups ?? []} />
      {keep.data && <KeepForm key={JSON.stringify(keep.data)} keep={keep.data} saved={keepSaved} setSaved={setKeepSaved} />}
    </section>
  );
}
