import { useState } from 'react';
import type { SyncItemView } from '../../../shared/sync/model';
import { call } from '../../api';
import { rowSpacer, Windowed } from '../../components/Windowed';
import { ITEM_STATUS_LABELS, whenShort } from './syncText';

/** Targets in use that do not have an export already sent elsewhere. */
const lacking = (item: SyncItemView) => item.deliveries.filter((d) => d.inUse && !d.acknowledgedAt).map((d) => d.targetName);

/** The queue: every waiting export, then the latest sent, with attempts and the last error; Retry also sends a sent one to a target that lacks it. */
export function SyncQueue({ items }: { items: SyncItemView[] }) {
  const [message, setMessage] = useState<string | null>(null);
  if (items.length === 0) return <p className="empty">Nothing has been queued for the district yet.</p>;
  return (
    <>
      {/* Up to 500 waiting (a long time offline) and the latest 50 sent: drawn a window at a time. */}
      <table className="sync-queue" aria-rowcount={items.length + 1}>
        <caption className="visually-hidden">Exports queued for the district</caption>
        <thead>
          <tr><th scope="col">Export</th><th scope="col">Queued</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Last error</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          <Windowed items={items} estimate={44} spacer={rowSpacer(6)} render={(item, i) => (
            <tr key={item.id} className={`sync-${item.status}`} aria-rowindex={i + 2}>
              <th scope="row">{item.label}</th>
              <td>{whenShort(item.createdAt)}</td>
              <td>
                {ITEM_STATUS_LABELS[item.status]}
                {item.status === 'delivered' && item.deliveredAt && <> at {whenShort(item.deliveredAt)}</>}
                {item.deliveries.length > 1 && item.deliveries.some((d) => !d.acknowledgedAt) && (
                  <span className="muted"> ({item.deliveries.filter((d) => d.acknowledgedAt).length} of {item.deliveries.length} targets have it)</span>
                )}
              </td>
              <td>{item.attempts}</td>
              <td>{item.lastError ?? '—'}</td>
              <td>
                {(item.status !== 'delivered' || lacking(item).length > 0) && (
                  <button type="button" aria-label={`Retry ${item.label}`} onClick={async () => {
                    const r = await call('retryExport', { id: item.id });
                    const to = item.status === 'delivered' ? ` to ${lacking(item).join(' and ')}` : ' again';
                    setMessage(r.ok ? `Sending ${item.label}${to} now.` : r.error.message);
                  }}>{item.status === 'delivered' ? `Send to ${lacking(item).join(', ')}` : 'Retry'}</button>
                )}
              </td>
            </tr>
          )} />
        </tbody>
      </table>
      {message && <p role="status">{message}</p>}
    </>
  );
}
