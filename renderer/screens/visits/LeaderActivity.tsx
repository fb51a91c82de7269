import { memo, useCallback, useState } from 'react';
import { Markdown } from '../../components/Markdown';
import { blockSpacer, itemSpacer, Windowed } from '../../components/Windowed';
import { TagList } from '../../components/TagPicker';
import { useQuery } from '../../components/useQuery';
import { formatDate } from '../../format';
import { LEADER_NOTES_PAGE } from '../../../shared/visits/contract';
import { EVIDENCE_KIND_LABELS, VISIT_STATUS_LABELS, VISIT_TYPE_LABELS } from '../../../shared/vocabulary';
import type { NoteWithContext } from '../../../shared/visits/model';
import { Badge } from '../../components/Badge';
import { UserText } from '../../components/UserText';

/**
 * A note's text and tags, drawn again only when that note changed: every autosave while a note is
 * typed reloads the list, and fifty notes of Markdown redrawn each time would hold up the typing.
 */
const NoteContent = memo(
  function NoteContent({ note }: { note: NoteWithContext }) {
    return (
      <>
        <Markdown text={note.body} />
        <TagList tags={note.tags} />
      </>
    );
  },
  (a, b) => a.note.id === b.note.id && a.note.updatedAt === b.note.updatedAt && JSON.stringify(a.note.tags) === JSON.stringify(b.note.tags),
);

/** A leader's visits and every note about them, newest first, on their page. */
export function LeaderActivity({ leaderId }: { leaderId: number }) {
  const visits = useQuery('listVisits', { leaderId }, ['visits']);
  // The newest notes first; older ones a page at a time when asked for, so a decade of notes opens at once.
  const [limit, setLimit] = useState(LEADER_NOTES_PAGE);
  const notes = useQuery('listLeaderNotes', { leaderId, limit }, ['notes', 'tags', 'visits']);
  const shown = notes.data?.notes ?? [];
  const older = (notes.data?.total ?? 0) - shown.length;
  // After "Show older notes", the first of them takes the focus as it is drawn (the button may be gone).
  const [focusAt, setFocusAt] = useState<number | null>(null);
  const takeFocus = useCallback((el: HTMLElement | null) => {
    if (!el) return;
    el.focus();
    setFocusAt(null);
  }, []);
  return (
    <>
      <section aria-labelledby="leader-visits-heading">
        <h2 id="leader-visits-heading">Visits</h2>
        <p className="actions"><a className="button" href={`#/visits/new?leader=${leaderId}`}>Plan a visit with this leader</a></p>
        {visits.data && visits.data.length === 0 && <p className="empty">No visits yet.</p>}
        <ul className="plain">
          <Windowed items={[...(visits.data ?? [])].reverse()} estimate={32} spacer={itemSpacer} render={(v, i) => (
            <li key={v.id} aria-setsize={visits.data!.length} aria-posinset={i + 1}>
              <a href={`#/visits/${v.id}`}>{formatDate(v.date)} · {VISIT_TYPE_LABELS[v.type]} at <UserText text={v.school.name} /></a> · {VISIT_STATUS_LABELS[v.status]}
            </li>
          )} />
        </ul>
      </section>
      <section aria-labelledby="leader-notes-heading">
        <h2 id="leader-notes-heading">Notes</h2>
        {notes.data && notes.data.total === 0 && <p className="empty">No notes yet. Press Alt+N on any screen for a quick note.</p>}
        {older > 0 && <p className="muted">The newest {shown.length} of {notes.data!.total.toLocaleString('en-US')} notes.</p>}
        <Windowed items={shown} keep={focusAt} estimate={220} spacer={blockSpacer} render={(n, i) => (
          <article key={n.id} ref={i === focusAt ? takeFocus : undefined} tabIndex={-1} className="note" aria-label={`Note from ${formatDate(n.visit?.date ?? n.createdAt)}`}>
            <p className="note-meta">
              {n.visit ? <a href={`#/visits/${n.visit.id}`}>{formatDate(n.visit.date)} · {VISIT_TYPE_LABELS[n.visit.type]} at {n.visit.schoolName}</a> : formatDate(n.createdAt)}
              <Badge kind={`kind-${n.evidenceKind}`}>{EVIDENCE_KIND_LABELS[n.evidenceKind]}</Badge>
            </p>
            <NoteContent note={n} />
          </article>
        )} />
        {older > 0 && (
          <p className="actions">
            <button type="button" onClick={() => { setFocusAt(shown.length); setLimit(shown.length + LEADER_NOTES_PAGE); }}>
              Show {Math.min(older, LEADER_NOTES_PAGE)} older notes ({older.toLocaleString('en-US')} not shown)
            </button>
          </p>
        )}
      </section>
    </>
  );
}
