import type { FormEvent } from 'react';

/**
 * Where the keyboard focus goes once a form is sent or an action taken, so it never falls to the
 * page: after a save, to what came of it (the new record's page, the record, or the confirmation);
 * after a refusal, to the first field in error (or the form's own message). What should take the
 * focus may not be drawn yet (a page still loading, a list reloading): it takes it as it appears,
 * unless the person has moved the focus themselves by then.
 */

/** Finds what should take the focus, once it is on the screen. */
export type Find = () => HTMLElement | null | undefined;

const WAIT_MS = 5000;
/** After taking the focus, how long to watch for the screen drawing it afresh (a form rebuilt from what was saved). */
const SETTLE_MS = 1000;
const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]';

export function focusWhenShown(find: Find): void {
  let done = false;
  let placed: HTMLElement | null = null;
  const observer = new MutationObserver(() => look());
  const stop = () => {
    done = true;
    observer.disconnect();
    clearTimeout(timer);
    document.removeEventListener('focusin', moved);
  };
  // Tabbing or clicking somewhere else meanwhile: the person has chosen where to be.
  const moved = (e: FocusEvent) => e.target !== document.body && e.target !== placed && stop();
  function look() {
    // Placed, and still there (or the person has moved on): nothing to do.
    if (done || (placed && (placed.isConnected || document.activeElement !== document.body))) return;
    const el = find();
    // Not yet: gone, or still behind the lock screen.
    if (!el?.isConnected || el.closest('[inert], [hidden]')) return;
    // A heading or a message takes the focus without joining the Tab order.
    if (!el.matches(FOCUSABLE)) el.tabIndex = -1;
    placed = el;
    el.focus();
    clearTimeout(timer);
    timer = setTimeout(stop, SETTLE_MS);
  }
  let timer = setTimeout(stop, WAIT_MS);
  document.addEventListener('focusin', moved);
  observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-invalid', 'role', 'inert', 'hidden'] });
  // After the frame: by then the screen shows the outcome of the call that just returned, not the one before it.
  requestAnimationFrame(look);
}

/** The first field in error in the form, else its message: where the focus goes after a refusal. */
export const firstProblem = (form: HTMLElement): Find => () =>
  form.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.querySelector<HTMLElement>('.form-error[role="alert"], .field-error[role="alert"]');

/** A confirmation (a success message) inside `container`. */
export const confirmationIn = (container: HTMLElement | null): Find => () => container?.querySelector<HTMLElement>('.success[role="status"]');

/** The main heading of the screen shown next (call it before the action): a new page replaces the one that had the focus. */
export function nextPageHeading(): Find {
  const before = document.querySelector('main h1');
  return () => {
    const heading = document.querySelector<HTMLElement>('main h1');
    return heading !== before ? heading : null;
  };
}

/** What `submitFocus`'s run returns: what takes the focus after a save ('page': the next page's heading), or null after a refusal. */
export type Outcome = Find | 'page' | null;

export const byId = (id: string): Find => () => document.getElementById(id);

/**
 * A form's submit handler that moves the focus to the outcome. `run` saves and returns what should
 * take the focus after a save, or null when the save was refused (the focus then goes to the first
 * field in error, or the form's message).
 */
export function submitFocus(run: (form: HTMLFormElement) => Promise<Outcome>) {
  return async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const page = nextPageHeading();
    const outcome = await run(form);
    focusWhenShown(outcome === 'page' ? page : (outcome ?? firstProblem(form)));
  };
}
