import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { NO_FILTERS, useSearch } from '../../renderer/stores/search';
import { addManySteps, caseloadLeaders as leaders } from '../node/manySteps';
import { renderApp, withDemo } from './harness';

/** Search results, the dashboard and the week of visits when the data holds thousands of rows (made through the real core). */

async function must(ctx: CoreContext, name: string, input: unknown) {
  const r = await dispatch(ctx, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as { id: number };
}

describe('long lists', () => {
  it('search draws a window of its results, each with its place, and Tab reaches the last one', async () => {
    const ctx = await withDemo();
    useSearch.setState({ filters: NO_FILTERS });
    const ids = leaders(ctx);
    for (let i = 0; i < 2000; i++) {
      await must(ctx, 'createNote', { leaderId: ids[i % ids.length], body: i % 20 === 0 ? `Walkthrough ${i}: calibrate feedback with the coach` : `Quick note ${i} about the master schedule` });
    }
    const user = userEvent.setup();
    renderApp('/search');
    await user.type(await screen.findByLabelText('Search notes and visits'), 'calibrate');
    const results = screen.getByRole('region', { name: 'Search results' });
    await waitFor(() => expect(within(results).getByRole('status').textContent).toBe('The best 50 results. Add a word or a filter to narrow them down.'));
    const list = within(results).getByRole('list', { name: 'Results' });
    const items = () => within(list).getAllByRole('listitem');
    expect(items().length).toBeLessThan(50);
    expect(items()[0].getAttribute('aria-posinset')).toBe('1');
    expect(items()[0].getAttribute('aria-setsize')).toBe('50');

    within(list).getAllByRole('link')[0].focus();
    for (let i = 0; i < 60 && document.activeElement?.closest('li')?.getAttribute('aria-posinset') !== '50'; i++) await user.tab();
    expect(document.activeElement!.closest('li')!.getAttribute('aria-posinset')).toBe('50');
    expect(document.activeElement!.textContent).toMatch(/^Note on /);
  });

  it('the dashboard lists ten overdue next steps and links to all of them, filtered', async () => {
    const ctx = await withDemo();
    await addManySteps(ctx, leaders(ctx), 1500);
    const overdue = ctx.db.prepare(`SELECT count(*) FROM action_items WHERE done_date IS NULL AND due_date < '2026-11-23'`).pluck().get() as number;
    const user = userEvent.setup();
    renderApp('/dashboard');
    const list = await screen.findByRole('list', { name: 'Overdue next steps' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(10);
    await user.click(screen.getByRole('link', { name: `Show all ${overdue.toLocaleString('en-US')} overdue next steps` }));
    await screen.findByText(`${overdue.toLocaleString('en-US')} next steps, ${overdue.toLocaleString('en-US')} overdue`);
    expect((screen.getByLabelText('Filter by due date') as HTMLSelectElement).value).toBe('overdue');
  });

  it('a busy day in the week view shows its first visits and opens the whole day, windowed', async () => {
    const ctx = await withDemo();
    const school = ctx.db.prepare(`SELECT id FROM schools ORDER BY id LIMIT 1`).pluck().get() as number;
    const ids = leaders(ctx);
    for (let i = 0; i < 300; i++) {
      const h = String(7 + (i % 10)).padStart(2, '0');
      await must(ctx, 'planVisit', { schoolId: school, leaderIds: [ids[i % ids.length]], date: '2026-11-25', startTime: `${h}:00`, endTime: `${h}:30`, type: 'walkthrough', purpose: `Visit ${i}` });
    }
    const user = userEvent.setup();
    renderApp('/visits');
    const day = await screen.findByRole('region', { name: 'Wednesday, November 25' });
    const list = await within(day).findByRole('list', { name: 'Visits on Wednesday' });
    const planned = ctx.db.prepare(`SELECT count(*) FROM visits WHERE date = '2026-11-25'`).pluck().get() as number;
    expect(within(list).getAllByRole('listitem')).toHaveLength(8);
    expect(within(list).getAllByRole('listitem')[0].getAttribute('aria-setsize')).toBe(String(planned));
    await user.click(within(day).getByRole('button', { name: `Show all ${planned} visits on Wednesday` }));
    const drawn = within(list).getAllByRole('listitem').length;
    expect(drawn).toBeGreaterThan(8);
    expect(drawn).toBeLessThan(planned);
    expect(within(day).getByRole('button', { name: 'Show the first 8' }).getAttribute('aria-expanded')).toBe('true');

    // The dashboard's week frame gets only the first twelve from the core, and the count of them all.
    const { counts, weekVisits } = (await must(ctx, 'getDashboard', {})) as unknown as { counts: { visitsThisWeek: number; visitsToday: number }; weekVisits: unknown[] };
    expect(weekVisits).toHaveLength(12);
    window.location.hash = '/dashboard';
    const week = await screen.findByRole('region', { name: 'This week' });
    expect(within(week).getAllByRole('listitem')).toHaveLength(12);
    expect(within(week).getByRole('link', { name: `Show all ${counts.visitsThisWeek - counts.visitsToday} other visits this week` })).toBeTruthy();
  });
});
