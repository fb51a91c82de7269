import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../api';
import { ConfirmAction } from '../../components/ConfirmAction';
import { byId, focusWhenShown, nextPageHeading } from '../../components/outcomeFocus';
import { loadDraft, keepDraft } from '../../components/drafts';
import { useAutosave, saveStateLabel } from '../../components/useAutosave';
import { useQuery } from '../../components/useQuery';
import { formatDate } from '../../format';
import { navigate } from '../../router';
import { GOAL_STATUS_LABELS, quarterLabel } from '../../../shared/cta/vocabulary';
import type { CtaAttendee, CtaCheckIn } from '../../../shared/cta/model';
import { GoalStep } from './GoalStep';
import { CheckInNextSteps, NextStepForm } from './NextSteps';
import { CTA_TABLES } from './PlanSection';
import { SummaryView } from './SummaryView';

export const NEXT_KEYS = 'Alt+PageDown';
export const PREVIOUS_KEYS = 'Alt+PageUp';

/** Who is in the room. Saved as it is typed; the next check-in starts with the same team. */
function Attendees({ checkIn }: { checkIn: CtaCheckIn }) {
  const save = useCallback(
    (text: string) => call('saveCtaAttendees', { checkinId: checkIn.id, attendees: (JSON.parse(text) as CtaAttendee[]).filter((a) => a.name.trim()) }),
    [checkIn.id],
  );
  const { text, change, flush, state } = useAutosave(JSON.stringify(checkIn.attendees.length ? checkIn.attendees : [{ name: '', role: '' }]), save);
  const rows = JSON.parse(text) as CtaAttendee[];
  const edit = (i: number, patch: Partial<CtaAttendee>) => change(JSON.stringify(rows.map((r, j) => (j === i ? { ...r, ...patch } : r))));
  const list = useRef<HTMLTableSectionElement>(null);
  return (
    <div className="attendees" onBlur={() => void flush()}>
      <table>
        <caption className="visually-hidden">Attendees</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Role on the ILT</th><th scope="col"><span className="visually-hidden">Remove</span></th></tr></thead>
        <tbody ref={list}>
          {rows.map((r, i) => (
            <tr key={i}>
              <td><input aria-label={`Attendee ${i + 1} name`} value={r.name} onChange={(e) => edit(i, { name: e.target.value })} /></td>
              <td><input aria-label={`Attendee ${i + 1} role`} value={r.role} onChange={(e) => edit(i, { role: e.target.value })} /></td>
              <td><button type="button" className="link" onClick={() => change(JSON.stringify(rows.filter((_, j) => j !== i)))}>Remove attendee {i + 1}{r.name ? `: ${r.name}` : ''}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => {
        change(JSON.stringify([...rows, { name: '', role: '' }]));
        requestAnimationFrame(() => list.current?.querySelector<HTMLInputElement>('tr:last-child input')?.focus());
      }}>Add attendee</button>
      <p className={`save-state save-${state.kind}`} role="status">{saveStateLabel(state)}</p>
    </div>
  );
}

function WrapUp({ checkIn }: { checkIn: CtaCheckIn }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="wrap-up">
      <h3 id="standing-heading">Where each goal stands</h3>
      <ul className="plain" aria-labelledby="standing-heading">
        {checkIn.goals.map((g) => {
          const status = checkIn.updates.find((u) => u.goalId === g.id)?.status;
          return <li key={g.id}>{g.title}: <strong>{status ? GOAL_STATUS_LABELS[status] : 'no status yet'}</strong></li>;
        })}
      </ul>
      <h3>Other next steps</h3>
      <CheckInNextSteps steps={checkIn.nextSteps.filter((n) => n.goalId === null)} />
      <NextStepForm checkinId={checkIn.id} goalId={null} />
      <h3>Finish</h3>
      <p className="hint">Finalising makes this check-in the record: it can no longer be changed (an addendum can be added), and its summary is queued for the district.</p>
      <div className="actions">
        <a className="button" href={`#/cta/checkins/${checkIn.id}/summary`}>Preview the summary</a>
        <ConfirmAction label="Finalise check-in…" className="primary" question="Finalise this check-in?"
          explain="This cannot be undone: nothing in it can be changed afterwards (only an addendum added), and the summary is queued for the district."
          yes="Yes, finalise it" no="Keep editing" onConfirm={async () => {
            const page = nextPageHeading();
            const r = await call('finaliseCtaCheckIn', { checkinId: checkIn.id });
            setError(r.ok ? null : r.error.message);
            // Finalised, the check-in is shown as its summary: the record it now is.
            focusWhenShown(r.ok ? page : byId('finalise-error'));
          }} />
      </div>
      {error && <p id="finalise-error" className="form-error" role="alert">{error}</p>}
    </div>
  );
}

/** Two steps, so a slip of the finger never throws away what the ILT said. */
function DiscardCheckIn({ checkIn }: { checkIn: CtaCheckIn }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <ConfirmAction label="Discard check-in…" question="Discard this check-in?" explain="Everything typed in it goes, and this cannot be undone."
        yes="Yes, discard it" no="Keep it" onConfirm={async () => {
          const r = await call('discardCtaCheckIn', { checkinId: checkIn.id });
          if (r.ok) navigate(`/schools/${r.value.schoolId}`);
          else setError(r.error.message);
        }} />
      {error && <span role="alert"> {error}</span>}
    </>
  );
}

/** The step facilitation was left at, kept by the core like a draft. */
const stepKey = (id: number) => `facilitate-${id}-step`;

/**
 * Facilitation mode: a clean, full-window agenda for the check-in with the ILT. It steps through
 * who is here, each goal in turn, and the wrap-up; everything saves as it is typed. It reopens on
 * the step it was left at, even after a restart.
 */
export function Facilitation({ checkinId }: { checkinId: number }) {
  const { data: checkIn, error } = useQuery('getCtaCheckIn', { checkinId }, CTA_TABLES);
  const [step, setStepState] = useState(0);
  const moved = useRef(false);
  useEffect(() => {
    void loadDraft<number>(stepKey(checkinId)).then((kept) => typeof kept === 'number' && !moved.current && setStepState(kept));
  }, [checkinId]);
  const [fullScreen, setFullScreen] = useState(Boolean(document.fullscreenElement));
  const heading = useRef<HTMLHeadingElement>(null);
  const steps = checkIn ? checkIn.goals.length + 2 : 0;
  const setStep = useCallback((n: number) => {
    moved.current = true;
    setStepState(n);
    keepDraft(stepKey(checkinId), n);
    requestAnimationFrame(() => heading.current?.focus());
  }, [checkinId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || (e.key !== 'PageDown' && e.key !== 'PageUp')) return;
      e.preventDefault();
      // Leaving a field saves it (blur), then the next goal shows.
      (document.activeElement as HTMLElement | null)?.blur();
      setStep(Math.max(0, Math.min(steps - 1, step + (e.key === 'PageDown' ? 1 : -1))));
    };
    const onFullScreen = () => setFullScreen(Boolean(document.fullscreenElement));
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullScreen);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullScreen);
    };
  }, [step, steps, setStep]);

  if (error) return <p role="alert">{error}</p>;
  if (!checkIn) return <p>Loading the check-in…</p>;
  if (checkIn.finalisedAt) return <SummaryView checkinId={checkinId} />;
  const current = Math.min(step, steps - 1);
  const goal = current >= 1 && current <= checkIn.goals.length ? checkIn.goals[current - 1] : null;
  const title = current === 0 ? 'Who is here' : goal ? `Goal ${current} of ${checkIn.goals.length}: ${goal.title}` : 'Wrap up';
  const label = (i: number) => (i === 0 ? 'Who is here' : i <= checkIn.goals.length ? `Goal ${i}: ${checkIn.goals[i - 1].title}` : 'Wrap up');
  return (
    <div className="facilitate" role="region" aria-label="Facilitation mode">
      <header className="facilitate-bar">
        <p className="facilitate-title">
          <strong>{checkIn.school.name}</strong> · CTA check-in {quarterLabel(checkIn.quarter)} {checkIn.schoolYear.label} · {formatDate(checkIn.date)}
        </p>
        <p className="facilitate-who">{checkIn.attendees.length ? checkIn.attendees.map((a) => (a.role ? `${a.name} (${a.role})` : a.name)).join(', ') : 'No attendees recorded yet'}</p>
        <div className="actions">
          {document.fullscreenEnabled && (
            <button type="button" onClick={() => void (fullScreen ? document.exitFullscreen() : document.documentElement.requestFullscreen())}>
              {fullScreen ? 'Leave full screen' : 'Full screen'}
            </button>
          )}
          <DiscardCheckIn checkIn={checkIn} />
          <button type="button" onClick={() => navigate(`/schools/${checkIn.school.id}`)}>Leave facilitation mode</button>
        </div>
      </header>
      <nav className="agenda" aria-label="Agenda">
        <ol>
          {Array.from({ length: steps }, (_, i) => (
            <li key={i}><button type="button" aria-current={i === current ? 'step' : undefined} onClick={() => setStep(i)}>{label(i)}</button></li>
          ))}
        </ol>
      </nav>
      <section className="facilitate-step" aria-labelledby="step-heading">
        <h2 id="step-heading" ref={heading} tabIndex={-1}>{title}</h2>
        {current === 0 ? <Attendees checkIn={checkIn} /> : goal ? <GoalStep key={goal.id} checkIn={checkIn} goal={goal} /> : <WrapUp checkIn={checkIn} />}
        <div className="actions step-nav">
          <button type="button" disabled={current === 0} aria-keyshortcuts={PREVIOUS_KEYS} onClick={() => setStep(current - 1)}>Previous <kbd>Alt+PgUp</kbd></button>
          <button type="button" className="primary" disabled={current === steps - 1} aria-keyshortcuts={NEXT_KEYS} onClick={() => setStep(current + 1)}>
            {current === steps - 2 ? 'Wrap up' : 'Next goal'} <kbd>Alt+PgDn</kbd>
          </button>
        </div>
      </section>
    </div>
  );
}
