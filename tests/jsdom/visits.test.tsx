import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FieldbookClient } from '../../shared/api';
import { dispatch } from '../../electron/core/dispatch';
import { setTransport } from '../../renderer/api';
import { type connectCore, coreClient, renderApp, withDemo } from './harness';

// Notes on visits: the demo's own notes are about leaders.
const notesIn = (ctx: ReturnType<typeof connectCore>) => ctx.db.prepare('SELECT body FROM notes WHERE visit_id IS NOT NULL ORDER BY id').pluck().all();

async function plannedVisit(ctx: ReturnType<typeof connectCore>) {
  const r = await dispatch(ctx, 'planVisit', { date: '2026-11-23', startTime: '09:00', endTime: '10:00', schoolId: 1, leaderIds: [1], type: 'side_by_side', purpose: 'Coach the ILT' });
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { id: number }).id;
}

describe('planning a visit', () => {
  it('shows a time problem next to the end time, then plans the visit and opens it', async () => {
    const ctx = await withDemo();
    const user = userEvent.setup();
    renderApp('/visits/new');
    await user.selectOptions(await screen.findByLabelText('School'), 'Cedar Grove Elementary');
    await user.click(screen.getByRole('checkbox', { name: /Marisol Vega/ }));
    await user.selectOptions(screen.getByLabelText('Kind of visit'), 'Classroom walkthrough');
    const end = screen.getByLabelText('Ends at');
    await user.clear(end);
    await user.type(end, '08:00');
    await user.click(screen.getByRole('button', { name: 'Plan visit' }));
    await waitFor(() => expect(end.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('The visit must end after it starts')).toBeTruthy();
    expect(ctx.db.prepare('SELECT count(*) FROM visits').pluck().get()).toBe(0);

    await user.clear(end);
    await user.type(end, '11:00');
    await user.click(screen.getByRole('button', { name: 'Plan visit' }));
    expect(await screen.findByRole('heading', { name: 'Classroom walkthrough at Cedar Grove Elementary' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Marisol Vega' })).toBeTruthy();
  });
});

/** A visit with one saved note, open in the editor; `state` is the line that says whether it is saved. */
async function editSavedNote(body: string) {
  const ctx = await withDemo();
  const visitId = await plannedVisit(ctx);
  await dispatch(ctx, 'createNote', { visitId, body });
  const user = userEvent.setup();
  renderApp(`/visits/${visitId}`);
  await user.click(await screen.findByRole('button', { name: 'Edit note' }));
  const note = (await screen.findByLabelText('Note')) as HTMLTextAreaElement;
  return { ctx, user, note, state: document.getElementById(note.getAttribute('aria-describedby')!)! };
}

describe('the note editor', () => {
  it('saves while typing and says so', async () => {
    const ctx = await withDemo();
    const visitId = await plannedVisit(ctx);
    const user = userEvent.setup();
    renderApp(`/visits/${visitId}`);
    await user.click(await screen.findByRole('button', { name: 'Add a note' }));
    const note = await screen.findByLabelText('Note');
    await user.type(note, 'Marisol named two *teacher leaders*');
    const state = document.getElementById(note.getAttribute('aria-describedby')!)!;
    await waitFor(() => expect(state.textContent).toMatch(/^Saved at/), { timeout: 3000 });
    expect(notesIn(ctx)).toEqual(['Marisol named two *teacher leaders*']);

    await user.click(screen.getByRole('button', { name: 'Done editing' }));
    const card = screen.getByRole('article', { name: /Note from/ });
    expect(within(card).getByText('teacher leaders').tagName).toBe('EM');
  });

  it('keeps unsaved text on screen and retries when the core cannot be reached', async () => {
    const { ctx, user, note, state } = await editSavedNote('first');

    // The local server goes away: saves fail, the text stays, and the editor says it is not saved.
    const down = new Proxy({} as FieldbookClient, { get: () => async () => ({ ok: false, error: { code: 'unreachable', message: 'Fieldbook’s local server is not running.' } }) });
    setTransport(down);
    await user.type(note, ' and second');
    await waitFor(() => expect(state.textContent).toMatch(/Not saved yet/), { timeout: 3000 });
    expect(note.value).toBe('first and second');
    expect(notesIn(ctx)).toEqual(['first']);

    // It comes back: the retry saves without another keystroke.
    setTransport(coreClient(ctx));
    await waitFor(() => expect(notesIn(ctx)).toEqual(['first and second']), { timeout: 6000 });
    await waitFor(() => expect(state.textContent).toMatch(/^Saved at/));
  });

  it('says plainly when a save cannot succeed, without retrying forever', async () => {
    const { ctx, user, note, state } = await editSavedNote('first');
    ctx.db.prepare('DELETE FROM notes').run(); // deleted meanwhile, e.g. from another window
    await user.type(note, '!');
    await waitFor(() => expect(state.textContent).toMatch(/^Not saved: That note is no longer in Fieldbook ·/), { timeout: 3000 });
    expect(note.value).toBe('first!');
  });
});
