import { useState } from 'react';
import type { SyncTargetView } from '../../../shared/sync/model';
import { RETENTION_CONSENT_SHORT } from '../../../shared/retention/vocabulary';
import { SYNC_TARGET_KIND_LABELS } from '../../../shared/sync/vocabulary';
import { call } from '../../api';
import { ConfirmAction } from '../../components/ConfirmAction';
import { plural } from '../../format';
import { SyncTargetForm } from './SyncTargetForm';
import { SECRET_LABELS, whenShort } from './syncText';
import { Badge } from '../../components/Badge';
import { UserText } from '../../components/UserText';

function TargetCard({ target, onEdit }: { target: SyncTargetView; onEdit: () => void }) {
  const [message, setMessage] = useState<string | null>(null);
  const reach = target.reachable === null ? 'Not tried yet' : target.reachable ? `Reached${target.lastReachedAt ? ` at ${whenShort(target.lastReachedAt)}` : ''}` : 'Could not be reached on the last try';
  return (
    <li className="sync-target" aria-labelledby={`target-${target.id}`}>
      <h3 id={`target-${target.id}`}><UserText text={target.name} />{!target.enabled && <Badge>Paused</Badge>}</h3>
      <p className="muted">{SYNC_TARGET_KIND_LABELS[target.kind]}: <span className="sync-location">{target.location}</span></p>
      <p className="muted">{RETENTION_CONSENT_SHORT[target.retentionConsent]}.</p>
      {target.caFile && <p className="muted">Trusts the certificate authority in <span className="sync-location">{target.caFile}</span>.</p>}
      <p>{reach}. {target.waiting === 0 ? 'Has every export.' : `${plural(target.waiting, 'export')} still to send here.`}</p>
      {target.auth !== 'none' && <p className={target.secret === 'missing' ? 'field-error' : 'muted'}>{SECRET_LABELS[target.secret]}</p>}
      {target.receiptWarning && <p className="notice" role="note">{target.receiptWarning}.</p>}
      {target.earlierExports > 0 && (
        <div className="notice" role="group" aria-label={`Earlier exports for ${target.name}`}>
          <p>{plural(target.earlierExports, 'export')} sent to other targets {target.earlierExports === 1 ? 'has' : 'have'} not been sent here (they went before this target was added, or while it was paused).</p>
          <button type="button" onClick={async () => {
            const r = await call('sendEarlierExports', { targetId: target.id });
            setMessage(r.ok ? `Sending ${plural(r.value.requested, 'earlier export')} to ${target.name}.` : r.error.message);
          }}>Send {target.earlierExports === 1 ? 'it' : `these ${target.earlierExports}`} to {target.name}</button>
        </div>
      )}
      {target.stoppedReason ? (
        <p className="form-error" role="alert">Stopped: {target.stoppedReason}. Fix it, then press Sync now or Retry.</p>
      ) : target.lastError ? (
        <p className="sync-last-error">Last problem: {target.lastError}</p>
      ) : null}
      <div className="actions">
        <button type="button" onClick={onEdit} aria-label={`Edit ${target.name}`}>Edit</button>
        {target.kind === 'folder' && (
          <button type="button" aria-label={`Open folder ${target.name}`} onClick={async () => {
            const r = await call('openSyncFolder', { targetId: target.id });
            setMessage(r.ok ? r.value.message : r.error.message);
          }}>Open folder</button>
        )}
        <ConfirmAction label="Remove…" name={`Remove ${target.name}`} question={`Remove ${target.name}?`} explain="Exports already sent there stay there."
          yes={`Yes, remove ${target.name}`} no="Keep it" onConfirm={async () => {
            const r = await call('removeSyncTarget', { targetId: target.id });
            if (!r.ok) setMessage(r.error.message);
          }} />
      </div>
      {message && <p role="status">{message}</p>}
    </li>
  );
}

/** The targets, each with its state and actions, and the form to add or edit one. */
export function SyncTargets({ targets, secretsAvailable }: { targets: SyncTargetView[]; secretsAvailable: boolean }) {
  const [editing, setEditing] = useState<number | 'new' | null>(targets.length === 0 ? 'new' : null);
  const current = typeof editing === 'number' ? (targets.find((t) => t.id === editing) ?? null) : null;
  return (
    <section aria-labelledby="sync-targets">
      <h2 id="sync-targets">Where exports go</h2>
      {targets.length === 0 && <p className="empty">No target yet: exports wait on this computer until you add one.</p>}
      <ul className="sync-targets">
        {targets.map((t) => <TargetCard key={t.id} target={t} onEdit={() => setEditing(t.id)} />)}
      </ul>
      {editing === null ? (
        <button type="button" onClick={() => setEditing('new')}>Add a target</button>
      ) : (
        <SyncTargetForm key={String(editing)} target={current} secretsAvailable={secretsAvailable} onDone={() => setEditing(null)} />
      )}
    </section>
  );
}
