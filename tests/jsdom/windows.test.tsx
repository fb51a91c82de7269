import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HTTP_API_PREFIX } from '../../shared/api';
import { dispatch } from '../../electron/core/dispatch';
import { httpClient, setTransport } from '../../renderer/api';
import { resetChangeFeed } from '../../renderer/changeFeed';
import { readyToLock } from '../node/evaluationFixture';
import { ok } from '../node/helpers';
import { leaderNamed, renderApp, withDemo } from './harness';

afterEach(() => resetChangeFeed());

/** What the status poll and a return to the window must do within: a few seconds. */
const FEW_SECONDS = { timeout: 5000 };

describe('other windows', () => {
  it('a lock and an unlock in another window show here within a few seconds, without touching this one', async () => {
    const ctx = await withDemo();
    const marisol = leaderNamed(ctx, 'Marisol Vega');
    const cycle = await ok(ctx, 'startEvaluationCycle', { leaderId: marisol });
    await readyToLock(ctx, cycle.id);
    renderApp(`/evaluations/${cycle.id}`);
    const signOff = await screen.findByRole('region', { name: 'Sign-off' });
    expect(within(signOff).getByRole('button', { name: 'Lock evaluation…' })).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Add goal' })).toBeTruthy();
    // This window's first status poll has seen the feed as it is: the top bar shows the status it brought.
    await screen.findByRole('link', { name: /^Sync: \S/ });

    // Another window (its own calls, straight to the core) locks the evaluation.
    await dispatch(ctx, 'lockEvaluation', { cycleId: cycle.id });
    await waitFor(() => expect(screen.getByRole('heading', { level: 1, name: /^Evaluation: Marisol Vega/ }).closest('header')!.textContent).toContain('Locked'), FEW_SECONDS);
    expect(screen.queryByRole('form', { name: 'Add goal' })).toBeNull();
    expect(within(signOff).queryByRole('button', { name: 'Lock evaluation…' })).toBeNull();

    await dispatch(ctx, 'unlockEvaluation', { cycleId: cycle.id, reason: 'A rating on the wrong row' });
    await waitFor(() => expect(within(signOff).getByRole('button', { name: 'Lock evaluation…' })).toBeTruthy(), FEW_SECONDS);
    expect(within(signOff).getByText('Locked').nextElementSibling!.textContent).toBe('No');
  });

  it('a tab whose browser-mode session ended says so as soon as it is used again, and how to reopen Fieldbook', async () => {
    const ctx = await withDemo();
    let restarted = false;
    // Browser mode's HTTP client over the core; after the "restart" the old key is refused, as the server does.
    const server = async (url: string | URL | Request, init?: RequestInit) => {
      const name = String(url).slice(HTTP_API_PREFIX.length);
      const envelope = restarted
        ? { ok: false, error: { code: 'unauthorized', message: 'This Fieldbook session has ended or the link is incomplete.' } }
        : await dispatch(ctx, name, JSON.parse(String(init?.body ?? '{}')));
      return new Response(JSON.stringify(envelope), { status: restarted ? 401 : 200 });
    };
    setTransport(httpClient('old-token', server as typeof fetch));
    renderApp('/dashboard');
    await screen.findByRole('heading', { level: 1, name: /Good to see you/ });
    expect(screen.queryByRole('alert', { name: 'This Fieldbook session has ended' })).toBeNull();

    restarted = true;
    // The person comes back to the tab.
    window.dispatchEvent(new Event('focus'));
    const alert = await screen.findByRole('alert', { name: 'This Fieldbook session has ended' }, { timeout: 1000 });
    expect(alert.textContent).toMatch(/started again since this tab was opened.*Open the address Fieldbook printed/);
    // What was on screen stays, to copy from.
    expect(screen.getByRole('heading', { level: 1, name: /Good to see you/ })).toBeTruthy();
  });
});
