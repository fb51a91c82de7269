import { addDays, parseISO } from 'date-fns';
import type { FollowUp } from '../../../shared/retention/model';
import { isoDate } from '../../../shared/schoolYear';
import { useQuery } from '../../components/useQuery';
import { formatDate } from '../../format';
import { RETENTION_TABLES } from './retentionText';
import { Badge } from '../../components/Badge';

export function FollowUpList({ items, label }: { items: FollowUp[]; label: string }) {
  return (
    <ul className="plain" aria-label={label}>
      {items.map((f) => (
        <li key={f.conversationId}>
          <a href={`#/retention/conversations/${f.conversationId}`}>{f.leaderName}</a> — follow-up {f.overdue ? 'was due' : 'due'} {formatDate(f.date)}
          {f.overdue && <Badge kind="badge-overdue">Overdue</Badge>}
        </li>
      ))}
    </ul>
  );
}

/** The dashboard's retention frame: follow-ups overdue or due within a week. Names only, no details. */
export function RetentionGlance() {
  const { data } = useQuery('getRetentionOverview', {}, RETENTION_TABLES);
  if (!data) return null;
  const until = isoDate(addDays(parseISO(data.today), 7));
  const due = data.followUps.filter((f) => f.date <= until);
  return (
    <section className="frame" aria-labelledby="retention-due-heading">
      <h2 id="retention-due-heading">Retention follow-ups</h2>
      {due.length === 0 ? <p className="empty">No retention follow-up is due this week.</p> : <FollowUpList items={due} label="Retention follow-ups due" />}
      <p><a href="#/retention">Retention</a></p>
    </section>
  );
}
