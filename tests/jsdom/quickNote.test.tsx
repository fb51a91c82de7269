import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { leaderNamed, renderApp, withDemo } from './harness';

describe('Quick note', () => {
  it('on a leader’s page, Alt+N puts the focus in the note box, so typing writes the note about that leader, and Escape gives the focus back', async () => {
    const ctx = await withDemo();
    const marisol = leaderNamed(ctx, 'Marisol Vega');
    const user = userEvent.setup();
    renderApp(`/leaders/${marisol}`);
    const plan = await screen.findByRole('link', { name: 'Plan a visit with this leader' });
    plan.focus();

    await user.keyboard('{Alt>}n{/Alt}');
    const dialog = await screen.findByRole('dialog', { name: 'Quick note' });
    const note = within(dialog).getByLabelText('Note');
    await waitFor(() => expect(document.activeElement).toBe(note));
    // "T" goes into the note, not into the About list (where it would pick Tomás or Thompson).
    await user.keyboard('Tour of grade 3');
    expect((note as HTMLTextAreaElement).value).toBe('Tour of grade 3');
    await waitFor(() => expect(ctx.db.prepare('SELECT leader_id, body FROM notes ORDER BY id DESC LIMIT 1').get()).toEqual({ leader_id: marisol, body: 'Tour of grade 3' }), { timeout: 4000 });

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Quick note' })).toBeNull());
    expect(document.activeElement).toBe(plan);
  });

  it('opened with its button, gives the focus back to the button when done', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/dashboard');
    const button = await screen.findByRole('button', { name: /^Quick note/ });
    await user.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'Quick note' });
    // No leader on screen: choosing one comes first.
    expect(document.activeElement).toBe(within(dialog).getByLabelText('About'));
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(document.activeElement).toBe(button);
  });
});
