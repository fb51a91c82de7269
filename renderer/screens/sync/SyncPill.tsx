import type { AppStatus } from '../../../shared/caseload/model';
import { plural } from '../../format';
import { whenShort } from './syncText';

/**
 * The header's word on sync: offline (the browser says so, or no target answered), N exports
 * waiting, or when the district last got something. Links to the Sync screen.
 */
export function SyncPill({ status, browserOnline }: { status: AppStatus | null; browserOnline: boolean }) {
  const offline = !browserOnline || status?.connection === 'offline';
  const parts: string[] = [];
  if (offline) parts.push('Offline: everything still saves on this computer');
  if (status) {
    if (status.exportsWaiting > 0) parts.push(`${plural(status.exportsWaiting, 'export')} waiting`);
    else if (status.lastSyncedAt) parts.push(`Synced at ${whenShort(status.lastSyncedAt)}`);
    else if (!offline) parts.push('No exports waiting');
    if (status.needsAttention) parts.push('Sync stopped: needs you');
  }
  return (
    <a href="#/sync" className={`pill ${offline ? 'pill-offline' : 'pill-online'}${status?.needsAttention ? ' pill-attention' : ''}`} aria-label={`Sync: ${parts.join('. ')}`}>
      {parts.join(' · ')}
    </a>
  );
}
