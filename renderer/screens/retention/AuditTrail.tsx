import { useQuery } from '../../components/useQuery';
import { fmt } from '../../format';
import { RETENTION_TABLES } from './retentionText';

const detail = (changes: Record<string, unknown>) =>
  Object.entries(changes)
    .filter(([k]) => k !== 'conversationId')
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');

/** Every change to a leader's retention records, or to a school's succession plan, newest first. */
export function AuditTrail({ leaderId, schoolId, label }: { leaderId?: number; schoolId?: number; label: string }) {
  const { data } = useQuery('listRetentionAudit', leaderId !== undefined ? { leaderId } : { schoolId }, RETENTION_TABLES);
  if (!data || data.length === 0) return null;
  return (
    <details className="status-history">
      <summary>{label} ({data.length})</summary>
      <ol aria-label={label}>
        {data.map((e) => <li key={e.id}>{fmt().dateTime(e.at)}, {e.actor}: {e.action}{detail(e.changes) ? ` — ${detail(e.changes)}` : ''}</li>)}
      </ol>
    </details>
  );
}
