import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { renderApp, withDemo } from './harness';

afterEach(() => {
  vi.useRealTimers();
  sessionStorage.clear();
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
    await screen.findByRole('heading', { level: 1, name: 'Marisol Vega' });
    await user.keyboard('{Alt>}n{/Alt}');
    const dialog = await screen.findByRole('dialog', { name: 'Quick note' });
    await user.type(within(dialog).getByLabelText('Note'), 'Asked about the bus schedule');
    // Locked by the clock at once, before the note's own save was due.
    await minutes(6);
    expect(await screen.findByRole('heading', { level: 1, name: 'Fieldbook is locked' })).toBeTruthy();
    await waitFor(() => expect(ctx.db.prepare(`SELECT count(*) FROM notes WHERE body = 'Asked about the bus schedule'`).pluck().get()).toBe(1));
    await waitFor(async () => expect(await dispatch(ctx, 'listLeaderNotes', { leaderId: 1 })).toMatchObject({ ok: false, error: { code: 'app_locked' } }));

    await user.type(screen.getByLabelText('Passphrase'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect((await dispatch(ctx, 'listLeaderNotes', { leaderId: 1 })).ok).toBe(true);
    await user.keyboard('{Escape}');
    expect(await screen.findByText('Asked about the bus schedule')).toBeTruthy();
  });

  it('shows the lock when the core says it is locked (another window locked it)', async () => {
    const ctx = await withDemo();
    const user = userEvent.setup();
    renderApp('/caseload');
    await screen.findByRole('heading', { level: 1, name: 'Caseload' });
    await dispatch(ctx, 'lockNow', {});
    // The next thing this window asks for is refused, and it locks too.
    window.location.hash = '/dashboard';
    expect(await screen.findByRole('heading', { level: 1, name: 'Fieldbook is locked' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Unlock Fieldbook' }));
    // Unlocked, the screen loads what was refused.
    expect(await screen.findByRole('heading', { name: 'Today' })).toBeTruthy();
    expect(await screen.findByText(/No visits planned for today|visits today/)).toBeTruthy();
    expect((await dispatch(ctx, 'getCaseload', {})).ok).toBe(true);
  });
});
