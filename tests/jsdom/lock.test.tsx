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
  it('hides everything after the chosen minutes without use, and only the passphrase opens it again', async () => {
    const ctx = await withDemo();
    await dispatch(ctx, 'saveLockSettings', { idleMinutes: 5, newPassphrase: 'correct horse battery' });
    // The clock and the lock's check are fake; everything else runs for real.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const user = userEvent.setup();
    const first = renderApp('/dashboard');
    await screen.findByRole('heading', { level: 1, name: /Good to see you/ });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Lock' })).toBeTruthy());
    await act(() => new Promise((r) => setTimeout(r, 50))); // the lock settings have loaded

    await minutes(4);
    fireEvent.keyDown(window, { key: 'Shift' }); // the person is still here
    await minutes(4);
    expect(screen.queryByRole('heading', { name: 'Fieldbook is locked' })).toBeNull();
    await minutes(1.5);
    expect(await screen.findByRole('heading', { level: 1, name: 'Fieldbook is locked' })).toBeTruthy();
    expect(screen.queryByText(/Good to see you/)).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Sections' })).toBeNull();

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

  it('without a passphrase, a button unlocks it', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/dashboard');
    await user.click(await screen.findByRole('button', { name: 'Lock' }));
    await user.click(await screen.findByRole('button', { name: 'Unlock Fieldbook' }));
    expect(await screen.findByRole('heading', { level: 1, name: /Good to see you/ })).toBeTruthy();
  });
});
