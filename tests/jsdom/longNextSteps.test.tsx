import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { addManySteps, caseloadLeaders } from '../node/manySteps';
import { setTransport } from '../../renderer/api';
import { coreClient, renderApp, withDemo } from './harness';

/**
 * The Next steps screen with thousands of steps (made through the real core): the list is drawn a
 * window at a time and loaded a page at a time, Tab reaches rows past the first window and page,
 * and the filters give the core's rows and counts.
 */
async function withManySteps(n: number): Promise<CoreContext> {
  const ctx = await withDemo();
  await addManySteps(ctx, caseloadLeaders(ctx), n);
  return ctx;
}
const count = (ctx: CoreContext, where: string) =>
  (ctx.db.prepare(`SELECT count(*) AS n FROM action_items WHERE ${where}`).get() as { n: number }).n;
const table = () => screen.getByRole('table', { name: /next steps/ });
const drawn = () => within(table()).getAllByRole('rowheader').map((th) => th.textContent!);

describe('the Next steps screen with thousands of steps', () => {
  it('draws only a window of the open ones and says how many there are in all', async () => {
    const ctx = await withManySteps(3000);
    const open = count(ctx, 'done_date IS NULL');
    const overdue = count(ctx, `done_date IS NULL AND due_date < '2026-11-23'`);
    expect(open).toBeGreaterThan(2000);
    renderApp('/next-steps');
    await screen.findByText(`${open.toLocaleString('en-US')} next steps, ${overdue.toLocaleString('en-US')} overdue`);
    await waitFor(() => expect(drawn().length).toBeGreaterThan(10));
    expect(drawn().length).toBeLessThan(100);
    expect(table().getAttribute('aria-rowcount')).toBe(String(open + 1));
    // Overdue first: the first row drawn is the one due longest ago.
    expect(within(table()).getAllByRole('row')[1].textContent).toContain('Overdue');
  });

  // Tabs through hundreds of rows: about 20 s on a busy two-core machine.
  it('Tab goes on past the first window and the first page, loading rows as it goes', async () => {
    await withManySteps(3000);
    const user = userEvent.setup();
    renderApp('/next-steps');
    const first = await screen.findAllByRole('button', { name: /^Mark done: / });
    first[0].focus();
    let row = 0;
    for (let i = 0; i < 400 && row < 125; i++) {
      await user.tab();
      const tr = document.activeElement?.closest('tr');
      expect(tr, 'focus stays in the list').toBeTruthy();
      row = Number(tr!.getAttribute('aria-rowindex'));
    }
    expect(row).toBeGreaterThanOrEqual(125);
    // Still a window (jsdom has no layout, so it reaches from the top to just past the focus), not 2,000 rows.
    expect(drawn().length).toBeLessThan(250);
    expect(within(table()).queryAllByText('Loading…')).toEqual([]);
    expect(document.activeElement!.closest('tr')!.getAttribute('aria-rowindex')).toBe(String(row));
  }, 120_000);

  it('filters by due date, owner, where it came from and words, with the core’s counts', async () => {
    const ctx = await withManySteps(3000);
    const user = userEvent.setup();
    renderApp('/next-steps');
    await screen.findByRole('table', { name: 'Open next steps' });

    await user.selectOptions(screen.getByLabelText('Filter by due date'), 'Overdue');
    const overdue = count(ctx, `done_date IS NULL AND due_date < '2026-11-23'`);
    await screen.findByText(`${overdue.toLocaleString('en-US')} next steps, ${overdue.toLocaleString('en-US')} overdue`);

    await user.type(screen.getByLabelText('Filter by words'), 'ATTENDANCE');
    await user.selectOptions(screen.getByLabelText('Filter by owner'), 'Me');
    const both = count(ctx, `done_date IS NULL AND due_date < '2026-11-23' AND description LIKE '%attendance%' AND owner = 'supervisor'`);
    expect(both).toBeGreaterThan(0);
    expect(both).toBeLessThan(200);
    await screen.findByText(`${both} next steps, ${both} overdue`);
    await waitFor(() => expect(drawn()).toHaveLength(both));
    for (const name of drawn()) expect(name).toMatch(/^Step \d+: attendance plan$/);

    await user.selectOptions(screen.getByLabelText('Filter by where it came from'), 'A retention conversation');
    expect(await screen.findByText('No next steps match.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    const open = count(ctx, 'done_date IS NULL');
    await screen.findByText(new RegExp(`^${open.toLocaleString('en-US')} next steps`));
    expect((screen.getByLabelText('Filter by words') as HTMLInputElement).value).toBe('');

    await user.selectOptions(screen.getByLabelText('Filter by status'), 'Done');
    await screen.findByText(`${count(ctx, 'done_date IS NOT NULL').toLocaleString('en-US')} next steps`);
  });

  it('refuses words too long at the field and keeps the list', async () => {
    await withManySteps(300);
    renderApp('/next-steps');
    await screen.findByRole('table', { name: 'Open next steps' });
    const box = screen.getByLabelText('Filter by words');
    const user = userEvent.setup();
    await user.click(box);
    await user.paste('x'.repeat(201));
    await waitFor(() => expect(box.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(box.getAttribute('aria-describedby')!)!.textContent).toBe('Keep the words to look for under 200 characters');
  });
});

describe('a page the core cannot give', () => {
  it('says why, and asks again only after a pause, not in a stream of calls', async () => {
    const ctx = await withManySteps(300);
    const real = coreClient(ctx);
    let failed = 0;
    // The first page comes; the second cannot.
    setTransport({
      ...real,
      listNextStepsPage: async (input: { offset?: number }) => {
        if (!input.offset) return real.listNextStepsPage(input as never);
        failed++;
        return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Fieldbook; nothing was saved.' } };
      },
    } as typeof real);
    renderApp('/next-steps');
    expect((await screen.findByRole('alert')).textContent).toMatch(/Something went wrong/);
    await waitFor(() => expect(drawn().length).toBeGreaterThan(10));
    const first = failed;
    await new Promise((r) => setTimeout(r, 1000));
    expect(first).toBeGreaterThan(0);
    expect(failed - first).toBeLessThanOrEqual(2);
  });
});
