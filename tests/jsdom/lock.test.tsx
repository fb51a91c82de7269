import { act, fireEvent, screen, waitFor } from '@testing-library/react';
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
});
