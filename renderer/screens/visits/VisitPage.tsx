import { useState } from 'react';
import { call } from '../../api';
import { FormError, SelectField, TextField, optionsOf } from '../../components/Field';
import { Markdown } from '../../components/Markdown';
import { AutosaveText } from '../../components/NoteEditor';
import { TagPicker } from '../../components/TagPicker';
import { useForm } from '../../components/useForm';
import { byId, submitFocus } from '../../components/outcomeFocus';
import { useQuery } from '../../components/useQuery';
import { fmt, formatDate, formatLongDate } from '../../format';
import type { Note, VisitDetail } from '../../../shared/visits/model';
import {
  EVIDENCE_KINDS, EVIDENCE_KIND_LABELS, VISIT_STATUS_LABELS, VISIT_TYPE_LABELS, type EvidenceKind,
} from '../../../shared/vocabulary';
import { AddNextStepForm } from './NextSteps';
import { VisitForm } from './VisitForm';
import { Badge } from '../../components/Badge';
import { UserText } from '../../components/UserText';

function NoteCard({ note, editing, setEditing }: { note: Note; editing: boolean; setEditing: (on: boolean) => void }) {
  const title = `Note from ${formatDate(note.createdAt)}`;
  return (
    <article className="note" aria-label={title}>
      {editing ? (
        <>
          <AutosaveText
            label="Note"
            initial={note.body}
            autoFocus
            rows={10}
            save={(body) => call('saveNote', { noteId: note.id, body })}
            hint="Markdown: **bold**, - lists, [links](https://…)"
          />
          <SelectField
            label="This note is"
            value={note.evidenceKind}
            onChange={(kind: EvidenceKind) => void call('saveNote', { noteId: note.id, evidenceKind: kind })}
            options={optionsOf(EVIDENCE_KINDS, EVIDENCE_KIND_LABELS)}
          />
          <TagPicker label="Tag this note" selected={note.tags} onChange={(tags) => call('setNoteTags', { noteId: note.id, tags })} />
          <div className="actions">
            <button type="button" onClick={() => setEditing(false)}>Done editing</button>
            <button type="button" className="danger" onClick={() => window.confirm('Delete this note? This cannot be undone.') && void call('deleteNote', { noteId: note.id })}>
              Delete note
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="note-meta">
            <Badge kind={`kind-${note.evidenceKind}`}>{EVIDENCE_KIND_LABELS[note.evidenceKind]}</Badge>
          </p>
          <Markdown text={note.body} />
          {/* Tagging is not editing the words: a saved note is tagged as it is. */}
          <TagPicker label="Tag this note" selected={note.tags} onChange={(tags) => call('setNoteTags', { noteId: note.id, tags })} />
          <button type="button" onClick={() => setEditing(true)}>Edit note</button>
        </>
      )}
    </article>
  );
}

function NextSteps({ visit }: { visit: VisitDetail }) {
  return (
    <section aria-labelledby="steps-heading">
      <h2 id="steps-heading">Next steps</h2>
      {visit.nextSteps.length === 0 ? <p className="empty">No next steps yet.</p> : (
        <ul className="plain">
          {visit.nextSteps.map((s) => (
            <li key={s.id}>
              {s.doneDate ? <s>{s.description}</s> : s.description} — {s.owner === 'supervisor' ? 'me' : s.leaderName}
              {s.dueDate ? `, due ${formatDate(s.dueDate)}` : ''}{s.doneDate ? ` (done ${formatDate(s.doneDate)})` : ''}
            </li>
          ))}
        </ul>
      )}
      {visit.leaders.length > 0 && <AddNextStepForm leaders={visit.leaders.map((l) => ({ value: l.id, label: l.name }))} visitId={visit.id} />}
    </section>
  );
}

/** Closing takes this form away: the confirmation is on the page. */
function FinishVisit({ visit, onClosed }: { visit: VisitDetail; onClosed: (message: string) => void }) {
  const form = useForm({ outcome: 'done' as 'done' | 'cancelled' | 'no_show', reason: '' });
  const { values, set, errors } = form;
  return (
    <form
      noValidate
      className="form form-inline"
      aria-label="Close this visit"
      onSubmit={submitFocus(async () => {
        const closed = await form.submit(() => call('finishVisit', { visitId: visit.id, ...values }));
        if (!closed) return null;
        onClosed(`Visit closed: ${VISIT_STATUS_LABELS[closed.status]}${closed.statusReason ? ` (${closed.statusReason})` : ''}.`);
        return byId('visit-closed');
      })}
    >
      <SelectField
        label="How did it end?"
        value={values.outcome}
        onChange={(v) => set('outcome', v)}
        options={[{ value: 'done', label: 'Done' }, { value: 'cancelled', label: 'Cancelled' }, { value: 'no_show', label: 'No-show' }]}
      />
      {values.outcome !== 'done' && <TextField label="Reason" value={values.reason} onChange={(v) => set('reason', v)} error={errors.reason} />}
      <FormError message={form.formError} />
      <button type="submit" className="primary">Close visit</button>
    </form>
  );
}

export function VisitPage({ visitId, edit }: { visitId: number; edit?: boolean }) {
  const { data: visit, error } = useQuery('getVisit', { visitId }, ['visits', 'notes', 'tags', 'action_items']);
  const [editing, setEditing] = useState<Set<number>>(new Set());
  const [closed, setClosed] = useState<string | null>(null);
  if (error) return <p role="alert">{error}</p>;
  if (!visit) return <p>Loading visit…</p>;
  if (edit) {
    return (
      <>
        <header className="page-header"><h1>Change visit</h1></header>
        <VisitForm visit={visit} />
      </>
    );
  }
  const open = visit.status === 'planned' || visit.status === 'in_progress';
  const setNoteEditing = (id: number, on: boolean) =>
    setEditing((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <>
      <header className="page-header">
        <h1>{VISIT_TYPE_LABELS[visit.type]} at <UserText text={visit.school.name} /></h1>
        <p className="subtitle">
          {formatLongDate(visit.date)}, {fmt().timeRange(visit.startTime, visit.endTime)}
          {visit.leaders.length > 0 && <> · with {visit.leaders.map((l, i) => <span key={l.id}>{i ? ', ' : ''}<a href={`#/leaders/${l.id}`}><UserText text={l.name} /></a></span>)}</>}
          <Badge kind={`status-${visit.status}`}>{VISIT_STATUS_LABELS[visit.status]}</Badge>
          {visit.statusReason ? ` (${visit.statusReason})` : ''}
          {' · '}{EVIDENCE_KIND_LABELS[visit.evidenceKind]}
        </p>
        <div className="actions">
          {visit.status === 'planned' && <button type="button" className="primary" onClick={() => void call('startVisit', { visitId })}>Start visit</button>}
          {open && <a className="button" href={`#/visits/${visitId}/edit`}>Change details</a>}
        </div>
        {closed && <p id="visit-closed" role="status" className="success">{closed}</p>}
      </header>
      {(visit.purpose || visit.focus) && (
        <dl className="facts">
          {visit.purpose && (<><dt>Purpose</dt><dd>{visit.purpose}</dd></>)}
          {visit.focus && (<><dt>Focus</dt><dd>{visit.focus}</dd></>)}
        </dl>
      )}
      <section aria-labelledby="notes-heading">
        <h2 id="notes-heading">Notes</h2>
        {visit.notes.length === 0 && <p className="empty">No notes yet.</p>}
        {visit.notes.map((n) => <NoteCard key={n.id} note={n} editing={editing.has(n.id)} setEditing={(on) => setNoteEditing(n.id, on)} />)}
        <button
          type="button"
          onClick={async () => {
            const r = await call('createNote', { visitId });
            if (r.ok) setNoteEditing(r.value.id, true);
          }}
        >
          Add a note
        </button>
      </section>
      <section aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">Evidence</h2>
        <AutosaveText label="Evidence observed" initial={visit.evidence} rows={4} save={(evidence) => call('saveVisitEvidence', { visitId, evidence })} />
        <TagPicker label="Tag this visit" selected={visit.tags} onChange={(tags) => call('setVisitTags', { visitId, tags })} />
      </section>
      <NextSteps visit={visit} />
      {open && (
        <section aria-labelledby="close-heading">
          <h2 id="close-heading">Close the visit</h2>
          <FinishVisit visit={visit} onClosed={setClosed} />
        </section>
      )}
    </>
  );
}
