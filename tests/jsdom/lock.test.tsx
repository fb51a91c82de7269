import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { renderApp, typeQuickNote, withDemo } from './harness';

afterEach(() => {
  vi.useRealTimers();
});

const minutes = (n: number) => act(() => vi.advanceTimersByTime(n * 60_000));

describe('the idle lock', () => {
  it('starts locked once a passphrase is set, hides everything after the chosen minutes without use, and only the passphrase opens it again', async () => {
    const ctx = await withDemo();
    await dispatch(ctx, 'saveLockSettings', { idleMinutes: 5, newPassphrase: 'correct horse battery' });
    // The clock and the lock's check are fake; everything else runs for real.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const user = userEvent.setup();
    const first = renderApp('/dashboard');

    // A fresh start with a passphrase set opens on the lock: restarting is no way round it.
    expect(await screen.findByRole('heading', { level: 1, name: 'Fieldbook is locked' })).toBeTruthy();
    await user.type(screen.getByLabelText('Passphrase'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await screen.findByRole('heading', { level: 1, name: /Good to see you/ });

    await minutes(4);
    fireEvent.keyDown(window, { key: 'Shift' }); // the person is still here
    await minutes(4);
    expect(screen.queryByRole('heading', { name: 'Fieldbook is locked' })).toBeNull();
    await minutes(1.5);
    expect(await screen.findByRole('heading', { level: 1, name: 'Fieldbook is locked' })).toBeTruthy();
    // Nothing of the app is shown or reachable (it stays mounted, hidden, so nothing typed is lost).
    expect(screen.queryByRole('heading', { name: /Good to see you/ })).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Sections' })).toBeNull();
    expect(document.querySelector('.app')!.hasAttribute('inert')).toBe(true);

    // Reloading does not get round it.
    first.unmount();
    const second = renderApp('/caseload');
    expect(await screen.findByRole('heading', { level: 1, name: 'Fieldbook is locked' })).toBeTruthy();

    await user.type(screen.getByLabelText('Passphrase'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    const field = screen.getByLabelText('Passphrase');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(field.getAttribute('aria-describedby')!)!.textContent).toBe('That passphrase is not right; try again');
    await user.type(field, ' battery');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Caseload' })).toBeTruthy();

    // "Lock" in the top bar locks at once.
    await user.click(screen.getByRole('button', { name: 'Lock' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Fieldbook is locked' })).toBeTruthy();
    second.unmount();
  });

  it('keeps what was typed in a form while locked', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/schools');
    await user.type(await screen.findByLabelText('School name'), 'Willow Creek Elementary');
    await user.click(screen.getByRole('button', { name: 'Lock' }));
    await user.click(await screen.findByRole('button', { name: 'Unlock Fieldbook' }));
    expect((await screen.findByLabelText('School name') as HTMLInputElement).value).toBe('Willow Creek Elementary');
  });

  it('setting a passphrase does not lock the window that set it', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/settings');
    await user.type(await screen.findByLabelText('Passphrase'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Save lock settings' }));
    expect(await screen.findByText('Lock settings and passphrase saved.')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Fieldbook is locked' })).toBeNull();
  });

  it('without a passphrase, a button unlocks it', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/dashboard');
    await user.click(await screen.findByRole('button', { name: 'Lock' }));
    await user.click(await screen.findByRole('button', { name: 'Unlock Fieldbook' }));
    expect(await screen.findByRole('heading', { level: 1, name: /Good to see you/ })).toBeTruthy();
  });

  it('locks the core with the window: what was just typed is saved first, nothing is answered while locked, and the screens load again after', async () => {
    const ctx = await withDemo();
    await dispatch(ctx, 'saveLockSettings', { idleMinutes: 5, newPassphrase: 'correct horse battery' });
    sessionStorage.setItem('fieldbook.opened', '1'); // this window was opened before
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const user = userEvent.setup();
    renderApp('/leaders/1');
    await typeQuickNote(user, 'Asked about the bus schedule');
    // Locked by the clock at once, before the note's own save was due.
    await minutes(6);
    expect(await screen.findByRole('heading', { level: 1, name: 'Fieldbook is locked' })).toBeTruthy();
    await waitFor(() => expect(ctx.db.prepare(`SELECT count(*) FROM notes WHERE body = 'Asked about the bus schedule'`).pluck().get()).toBe(1));
    await waitFor(async () => expect(await dispatch(ctx, 'listLeaderNotes', { leaderId: 1 })).toMatchObject({ ok: false, error: { code: 'app_locked' } }));

    await user.type(screen.getByLabelText('Passphrase'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    // The passphrase is checked by scrypt off the main thread: about half a second, more on a busy machine.
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Fieldbook is locked' })).toBeNull(), { timeout: 20_000 });
    expect((await dispatch(ctx, 'listLeaderNotes', { leaderId: 1 })).ok).toBe(true);
    await user.keyboard('{Escape}');
    expect(await screen.findByText('Asked about the bus schedule')).toBeTruthy();
  });

  it('another window locking Fieldbook locks this one within a few seconds, and this one locking again does not undo an unlock elsewhere', async () => {
    const ctx = await withDemo();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const user = userEvent.setup();
    renderApp('/dashboard');
    expect(await within(await screen.findByRole('region', { name: 'Today' })).findByText(/No visits planned for today|·/)).toBeTruthy();
    expect(screen.queryByText(/^3:00 PM–3:30 PM ·/)).toBeNull();
    // Planned where this window cannot hear of it: after the unlock it must be on screen.
    const school = ctx.db.prepare(`SELECT id FROM schools ORDER BY id LIMIT 1`).pluck().get() as number;
    const leader = ctx.db.prepare(`SELECT leader_id FROM assignments WHERE end_date IS NULL ORDER BY leader_id LIMIT 1`).pluck().get() as number;
    await dispatch(ctx, 'planVisit', { date: '2026-11-23', startTime: '15:00', endTime: '15:30', schoolId: school, leaderIds: [leader], type: 'walkthrough', purpose: 'Look at the new reading corner' });
    await dispatch(ctx, 'lockNow', {});
    // No click, no call of its own: the status poll tells this window.
    await act(() => vi.advanceTimersByTime(5_000));
    expect(await screen.findByRole('heading', { level: 1, name: 'Fieldbook is locked' })).toBeTruthy();

    // Unlocked in the other window: this one, locked and idle, does not lock the core again.
    await dispatch(ctx, 'unlock', {});
    await minutes(20);
    expect((await dispatch(ctx, 'getCaseload', {})).ok).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Unlock Fieldbook' }));
    const today = await screen.findByRole('region', { name: 'Today' });
    expect(await within(today).findByText(/^3:00 PM–3:30 PM ·/)).toBeTruthy();
    expect(screen.queryByText(/Fieldbook is locked/)).toBeNull();
  });
});
