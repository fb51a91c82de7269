import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { readyToLock } from '../node/evaluationFixture';
import { ok } from '../node/helpers';
import { leaderNamed, renderApp, withDemo } from './harness';

/** Irreversible actions ask first, as Discard does: one press never finalises or locks. */
describe('actions that cannot be undone', () => {
  it('Finalise check-in asks first, says what cannot be undone, and keeps editing on No', async () => {
    const ctx = await withDemo();
    const plan = await ok(ctx, 'createCtaPlan', { schoolId: 3 });
    const goal = await ok(ctx, 'saveCtaGoal', { planId: plan.id, title: 'Grade 3 reading at standard', focusArea: 'Teaching and Learning', measure: 'Grade 3 at standard', measureType: 'percentage', baseline: '38', target: '50' });
    const checkIn = await ok(ctx, 'openCtaCheckIn', { planId: plan.id, date: '2026-11-20' });
    await ok(ctx, 'saveCtaGoalUpdate', { checkinId: checkIn.id, goalId: goal.goals.at(-1)!.id, status: 'on_track' });
    const finalised = () => ctx.db.prepare('SELECT finalised_at FROM cta_checkins WHERE id = ?').pluck().get(checkIn.id);
    const user = userEvent.setup();
    renderApp(`/cta/checkins/${checkIn.id}`);
    await user.click(await screen.findByRole('button', { name: 'Wrap up' }));

    const finalise = await screen.findByRole('button', { name: 'Finalise check-in…' });
    await user.click(finalise);
    const ask = screen.getByRole('group', { name: 'Finalise this check-in?' });
    expect(ask.textContent).toContain('cannot be undone');
    expect(ask.textContent).toContain('the summary is queued for the district');
    expect(finalised()).toBeNull();
    // The safe answer has the focus; taking it puts the focus back on Finalise.
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Keep editing' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Finalise check-in…' })));
    expect(finalised()).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Finalise check-in…' }));
    await user.click(within(screen.getByRole('group', { name: 'Finalise this check-in?' })).getByRole('button', { name: 'Yes, finalise it' }));
    // Finalised, the check-in is shown as its summary, dated, with nothing left to finalise.
    expect(await screen.findByText(/· Finalised \w+/, {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Finalise check-in…' })).toBeNull();
  });

  it('Lock evaluation asks first, says what cannot be undone, and locks nothing on No', async () => {
    const ctx = await withDemo();
    const leaderId = leaderNamed(ctx, 'Marisol Vega');
    const cycle = await ok(ctx, 'startEvaluationCycle', { leaderId });
    await readyToLock(ctx, cycle.id);
    const locked = () => ctx.db.prepare('SELECT locked_at FROM evaluation_cycles WHERE id = ?').pluck().get(cycle.id);
    const user = userEvent.setup();
    renderApp(`/evaluations/${cycle.id}`);

    await user.click(await screen.findByRole('button', { name: 'Lock evaluation…' }));
    const ask = screen.getByRole('group', { name: 'Lock this evaluation?' });
    expect(ask.textContent).toContain('cannot be undone');
    expect(ask.textContent).toContain('district');
    expect(locked()).toBeNull();
    await user.click(within(ask).getByRole('button', { name: 'Not yet' }));
    expect(screen.queryByRole('group', { name: 'Lock this evaluation?' })).toBeNull();
    expect(locked()).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Sign-off' })).getByText('Locked').nextElementSibling!.textContent).toBe('No');

    await user.click(screen.getByRole('button', { name: 'Lock evaluation…' }));
    await user.click(within(screen.getByRole('group', { name: 'Lock this evaluation?' })).getByRole('button', { name: 'Yes, lock it' }));
    expect((await screen.findByRole('status', {}, { timeout: 10_000 })).textContent).toBe('Locked. The write-up PDF is queued for the district export.');
    expect(screen.getByRole('note').textContent).toMatch(/^Locked on .+ Nothing in this evaluation can be changed/);
    expect(screen.queryByRole('button', { name: 'Lock evaluation…' })).toBeNull();
  });
});
