import { addDays, format, startOfWeek } from 'date-fns';
import { useEffect, useState } from 'react';
import { call } from '../../api';
import { FormError, TextField } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { confirmationIn, focusWhenShown, submitFocus } from '../../components/outcomeFocus';
import { useQuery } from '../../components/useQuery';
import { plural } from '../../format';
import { useSettings } from '../../stores';
import { SyncQueue } from './SyncQueue';
import { SyncTargets } from './SyncTargets';
import { whenShort } from './syncText';

/** How often the screen looks again: the worker changes the queue in the background. */
const REFRESH_MS = 2_000;

function QueueExports() {
  const lastWeek = format(startOfWeek(addDays(new Date(), -7), { weekStartsOn: 1 }), 'yyyy-MM-dd');
  const form = useForm({ weekOf: lastWeek });
  const [done, setDone] = useState<string | null>(null);
  const [rosterError, setRosterError] = useState<string | null>(null);
  return (
    <section aria-labelledby="sync-queue-exports">
      <h2 id="sync-queue-exports">Send to the district</h2>
      <form noValidate className="form form-inline" aria-label="Send a weekly visit log" onSubmit={submitFocus(async (el) => {
        setDone(null);
        const r = await form.submit((v) => call('queueVisitLog', { weekOf: v.weekOf }));
        if (!r) return null;
        setDone(`Queued: ${r.label}.`);
        return confirmationIn(el);
      })}>
        <TextField label="Week of" type="date" value={form.values.weekOf} onChange={(v) => form.set('weekOf', v)} error={form.errors.weekOf}
          hint="Any day of the week (Monday to Sunday). The log lists the visits you closed that week: done, cancelled and no-show, without your notes." />
        <FormError message={form.formError} />
        <div className="actions">
          <button type="submit" disabled={form.busy}>Queue weekly visit log</button>
          <button type="button" onClick={async (e) => {
            const el = e.currentTarget.form;
            setDone(null);
            setRosterError(null);
            const r = await call('queueCaseloadRoster');
            if (r.ok) setDone(`Queued: ${r.value.label}.`);
            else setRosterError(r.error.message);
            focusWhenShown(r.ok ? confirmationIn(el) : () => el?.querySelector<HTMLElement>('.form-error[role="alert"]'));
          }}>Queue caseload roster</button>
        </div>
        {rosterError && <p className="form-error" role="alert">{rosterError}</p>}
        {done && <p role="status" className="success">{done} It goes out with the next sync.</p>}
      </form>
    </section>
  );
}

/** Sync: the queue of exports for the district, where they go, and sync now. */
export function Sync() {
  const { data, error, reload } = useQuery('getSyncOverview', {}, ['outbox', 'sync_targets']);
  const [syncing, setSyncing] = useState<string | null>(null);
  const settings = useSettings((s) => s.data);
  useEffect(() => {
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  if (error) return <p role="alert">{error}</p>;
  if (!data) return null;
  const summary =
    data.targets.length === 0 ? 'Add a target below: until then exports wait on this computer.'
      : data.waiting > 0 ? `${plural(data.waiting, 'export')} waiting to be sent.`
        : data.lastSyncedAt ? `Everything is sent. Last sent at ${whenShort(data.lastSyncedAt)}.` : 'Nothing is waiting.';
  return (
    <>
      <header className="page-header">
        <h1>Sync</h1>
        <p className="subtitle">
          Fieldbook keeps exports for the district here and sends them whenever a target can be reached. Sending never changes or
          deletes anything in your Fieldbook.
        </p>
      </header>
      {settings && !settings.supervisorEmail && (
        <p className="banner" role="note">
          Add your work email in <a href="#/settings">Settings</a>: exports queued from then on carry it, so the district can tell them
          apart from other supervisors’ and keep them together if you change laptops.
        </p>
      )}
      <div className="sync-summary actions">
        <p role="status">{data.connection === 'offline' ? 'Offline: no target could be reached on its last try. ' : ''}{summary}</p>
        <button type="button" className="primary" disabled={data.targets.length === 0} onClick={async () => {
          const r = await call('syncNow');
          setSyncing(r.ok ? 'Sending now…' : r.error.message);
          void reload();
        }}>Sync now</button>
        {syncing && <span className="muted">{syncing}</span>}
      </div>
      <section aria-labelledby="sync-items">
        <h2 id="sync-items">Queue</h2>
        <SyncQueue items={data.items} />
      </section>
      <QueueExports />
      <SyncTargets targets={data.targets} secretsAvailable={data.secretsAvailable} />
    </>
  );
}
