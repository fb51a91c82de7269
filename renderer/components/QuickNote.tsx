import { useEffect, useRef, useState } from 'react';
import { call } from '../api';
import { useCaseload } from '../stores';
import { SelectField } from './Field';
import { AutosaveText } from './NoteEditor';

/** Alt+N from any screen: jot a note about a leader. It saves as you type, like every note. */
export const QUICK_NOTE_SHORTCUT = 'Alt+N';
export const isQuickNoteKey = (e: KeyboardEvent) => e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN';

export function QuickNote({ leaderId, onClose }: { leaderId?: number; onClose: () => void }) {
  const caseload = useCaseload((s) => s.data);
  const [leader, setLeader] = useState<number | ''>(leaderId ?? '');
  const noteId = useRef<number | null>(null);
  const [started, setStarted] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);
  // What had the focus when the note was asked for, read before the dialog takes it.
  const [opener] = useState(() => document.activeElement as HTMLElement | null);

  useEffect(() => {
    // The note box when the leader is known (typing writes the note); the About list when not.
    (dialog.current?.querySelector<HTMLElement>('textarea') ?? dialog.current?.querySelector<HTMLElement>('select'))?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') return onClose();
      // A modal dialog keeps Tab inside it.
      if (e.key !== 'Tab' || !dialog.current) return;
      const focusable = [...dialog.current.querySelectorAll<HTMLElement>('select, textarea, button, input, a[href]')];
      const [first, last] = [focusable[0], focusable[focusable.length - 1]];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      const back = opener && opener !== document.body && opener.isConnected ? opener : document.getElementById('main');
      back?.focus();
    };
  }, [onClose, opener]);

  const save = async (body: string) => {
    if (noteId.current !== null) return call('saveNote', { noteId: noteId.current, body });
    const r = await call('createNote', { leaderId: leader === '' ? undefined : leader, body });
    if (r.ok) {
      noteId.current = r.value.id;
      setStarted(true);
    }
    return r;
  };

  return (
    <div className="overlay">
      <div ref={dialog} role="dialog" aria-modal="true" aria-labelledby="quick-note-title" className="dialog">
        <h2 id="quick-note-title">Quick note</h2>
        {started ? (
          <p>About <strong>{caseload?.entries.find((e) => e.leader.id === leader)?.leader.name}</strong></p>
        ) : (
          <SelectField
            label="About"
            value={leader}
            onChange={setLeader}
            options={(caseload?.entries ?? []).map((e) => ({ value: e.leader.id, label: e.leader.name }))}
          />
        )}
        {leader !== '' && <AutosaveText label="Note" initial="" rows={8} save={save} autoFocus={leaderId !== undefined} hint="Saves as you type" />}
        <div className="actions">
          <button type="button" className="primary" onClick={onClose}>Done</button>
        </div>
      </div>
    </div>
  );
}
