import { useState } from 'react';
import { call } from '../../api';
import { downloadText, plural } from '../../format';

/**
 * "Export planned visits to calendar (.ics)": planned visits from today on (or from/to when
 * given) as a calendar file. Importing it again updates the same events rather than adding copies,
 * and cancels those whose visit was cancelled since.
 */
export function CalendarExportButton({ from, to }: { from?: string; to?: string }) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  async function exportCalendar() {
    setBusy(true);
    try {
      const r = await call('exportVisitsCalendar', { from: from ?? null, to: to ?? null });
      if (!r.ok) return setMessage({ text: r.error.message, error: true });
      const { events, cancelled, filename, timeZone } = r.value;
      if (events + cancelled === 0) return setMessage({ text: 'No planned visits to export for these dates.', error: false });
      downloadText(filename, r.value.ics, 'text/calendar;charset=utf-8');
      const what = [events && plural(events, 'planned visit'), cancelled && `${plural(cancelled, 'cancellation')} of visits sent before`].filter(Boolean).join(' and ');
      setMessage({ text: `${what} saved to ${filename}, times in ${timeZone}. Open it with your calendar app.`, error: false });
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="calendar-export">
      <button type="button" onClick={() => void exportCalendar()} disabled={busy}>Export planned visits to calendar (.ics)</button>
      {message && <span className={message.error ? 'form-error' : 'hint'} role={message.error ? 'alert' : 'status'}>{message.text}</span>}
    </span>
  );
}
