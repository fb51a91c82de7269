import { useState } from 'react';
import type { SyncTargetView } from '../../../shared/sync/model';
import { RETENTION_CONSENT_LABELS, RETENTION_CONSENTS, type RetentionConsent } from '../../../shared/retention/vocabulary';
import { SYNC_AUTH_LABELS, SYNC_AUTHS, SYNC_TARGET_KIND_LABELS, SYNC_TARGET_KINDS, type SyncAuth, type SyncTargetKind } from '../../../shared/sync/vocabulary';
import { call, isBrowserMode } from '../../api';
import { CheckField, FormError, optionsOf, PasswordField, SelectField, TextField } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { byId, submitFocus } from '../../components/outcomeFocus';

const LOCATION_HINTS: Record<SyncTargetKind, string> = {
  folder: 'The full path of a folder on this computer: a district-synced drive (OneDrive, Google Drive) or a USB stick.',
  webdav: 'The address of the folder on the server, for example https://files.district.org/remote.php/dav/files/robin/Fieldbook/',
  https: 'The address the district gave you for Fieldbook exports, starting with https://',
};

/** Add or edit a target. The password is never kept in the form's draft or shown again. */
export function SyncTargetForm({ target, secretsAvailable, onDone }: { target: SyncTargetView | null; secretsAvailable: boolean; onDone: () => void }) {
  const form = useForm(
    {
      kind: (target?.kind ?? 'folder') as SyncTargetKind,
      name: target?.name ?? '',
      location: target?.location ?? '',
      auth: (target?.auth ?? 'none') as SyncAuth,
      username: target?.username ?? '',
      enabled: target?.enabled ?? true,
      keepForSessionOnly: false,
      secret: '',
      retentionConsent: (target?.retentionConsent ?? 'none') as RetentionConsent,
      caFile: target?.caFile ?? '',
    },
  );
  // Kept out of useForm's values so it can never land in a draft.
  const [secret, setSecret] = useState('');
  const { values, set, errors } = form;
  const secretWord = values.auth === 'bearer' ? 'Access token' : 'Password';
  const kept = target && target.auth === values.auth && target.secret !== 'missing' && target.secret !== 'none';
  return (
    <form
      noValidate
      className="form"
      aria-label={target ? `Edit ${target.name}` : 'Add a target'}
      onSubmit={submitFocus(async () => {
        const r = await form.submit(
          (v) => call('saveSyncTarget', {
            id: target?.id, kind: v.kind, name: v.name, enabled: v.enabled, auth: v.kind === 'folder' ? 'none' : v.auth, username: v.username,
            folder: v.kind === 'folder' ? v.location : null, url: v.kind === 'folder' ? null : v.location, secret, keepForSessionOnly: v.keepForSessionOnly, retentionConsent: v.retentionConsent,
            caFile: v.kind === 'folder' ? null : v.caFile,
          }),
          { folder: 'location', url: 'location' },
        );
        if (!r) return null;
        setSecret('');
        onDone();
        // The form closes; the target's card (new, or changed) takes the focus.
        return byId(`target-${r.id}`);
      })}
    >
      <h3>{target ? `Edit ${target.name}` : 'Add a target'}</h3>
      <SelectField label="Where exports go" value={values.kind} onChange={(v) => set('kind', v)} options={optionsOf(SYNC_TARGET_KINDS, SYNC_TARGET_KIND_LABELS)} error={errors.kind} />
      <TextField label="Name" value={values.name} onChange={(v) => set('name', v)} error={errors.name} hint="How this target is listed, for example “District file server”." />
      <TextField label={values.kind === 'folder' ? 'Folder' : 'Address'} value={values.location} onChange={(v) => set('location', v)} error={errors.location}
        hint={`${LOCATION_HINTS[values.kind]}${values.kind === 'folder' && isBrowserMode() ? ' In browser mode Fieldbook cannot show a folder picker, so type or paste the path.' : ''}`} />
      {values.kind !== 'folder' && (
        <>
          <SelectField label="Sign-in" value={values.auth} onChange={(v) => set('auth', v)} options={optionsOf(SYNC_AUTHS, SYNC_AUTH_LABELS)} error={errors.auth} />
          {values.auth === 'basic' && <TextField label="User name" value={values.username} onChange={(v) => set('username', v)} error={errors.username} />}
          {values.auth !== 'none' && (
            <>
              <PasswordField autoComplete="off" label={secretWord} value={secret} onChange={(v) => { setSecret(v); set('secret', ''); }} error={errors.secret}
                hint={kept ? `Leave blank to keep the ${secretWord.toLowerCase()} Fieldbook has.` : undefined} />
              {!secretsAvailable && (
                <div className="notice" role="note">
                  <p>This computer cannot keep passwords encrypted here{isBrowserMode() ? ' (browser mode has no access to the system keychain)' : ' (no keyring is available)'}. Fieldbook can keep it for this session only: in memory, never written to disk. After Fieldbook restarts you type it again, and exports wait until you do.</p>
                  <CheckField label="Keep it for this session only" checked={values.keepForSessionOnly} onChange={(v) => set('keepForSessionOnly', v)} error={errors.keepForSessionOnly} />
                </div>
              )}
            </>
          )}
          <TextField label="Certificate authority file (optional)" value={values.caFile} onChange={(v) => set('caFile', v)} error={errors.caFile}
            hint="Only if the district's server uses a certificate from the district's own authority: the full path of that authority's certificate (a .pem or .crt file the district gives you). Leave blank for an ordinary https:// server." />
        </>
      )}
      <SelectField label="Retention records" value={values.retentionConsent} onChange={(v) => set('retentionConsent', v)} options={optionsOf(RETENTION_CONSENTS, RETENTION_CONSENT_LABELS)}
        error={errors.retentionConsent} hint="Retention conversations are confidential: a target receives none of them unless you choose counts or named records here. A summary is sent only when you ask for one on the Retention screen." />
      <CheckField label="Send exports here" checked={values.enabled} onChange={(v) => set('enabled', v)} hint="Untick to pause this target. Exports count as sent once every target in use has them." />
      <FormError message={form.formError} />
      <div className="actions">
        <button type="submit" className="primary" disabled={form.busy}>{target ? 'Save target' : 'Add target'}</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
