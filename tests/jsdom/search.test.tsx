import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { NO_FILTERS, useSearch } from '../../renderer/stores/search';
import { renderApp, withDemo } from './harness';

const AT = '2026-11-20T15:00:00.000Z';
const idOf = (ctx: CoreContext, sql: string, ...args: unknown[]) => ctx.db.prepare(sql).pluck().get(...args) as number;

/** A done visit to Samuel Reyes at Riverbend with a note, and a note on Anh Nguyen; written with SQL as the core stores them. */
async function withNotes() {
  const ctx = await withDemo();
  useSearch.setState({ filters: NO_FILTERS });
  const samuel = idOf(ctx, `SELECT id FROM leaders WHERE name = 'Samuel Reyes'`);
  const anh = idOf(ctx, `SELECT id FROM leaders WHERE name = 'Anh Nguyen'`);
  const riverbend = idOf(ctx, `SELECT id FROM schools WHERE name = 'Riverbend High School'`);
  const visit = Number(ctx.db.prepare(
    `INSERT INTO visits (school_id, date, start_time, end_time, type, purpose, status, created_at, updated_at)
     VALUES (?, '2026-11-18', '09:00', '10:00', 'side_by_side', 'Ninth-grade on-track review', 'done', ?, ?)`,
  ).run(riverbend, AT, AT).lastInsertRowid);
  ctx.db.prepare(`INSERT INTO visit_leaders (visit_id, leader_id) VALUES (?, ?)`).run(visit, samuel);
  ctx.db.prepare(`INSERT INTO notes (visit_id, body, created_at, updated_at) VALUES (?, ?, ?, ?)`)
    .run(visit, 'Samuel will pilot a <b>reteach</b> block for algebra next week.', AT, AT);
  ctx.db.prepare(`INSERT INTO notes (leader_id, body, created_at, updated_at) VALUES (?, ?, ?, ?)`)
    .run(anh, 'Anh asked for a model reteach lesson plan.', AT, AT);
  return { ctx, visit, anh };
}

describe('search screen', () => {
  it('finds a note by a word, highlights it and links to where it was written', async () => {
    const { visit, anh } = await withNotes();
    const user = userEvent.setup();
    renderApp('/search');
    await user.type(await screen.findByLabelText('Search notes and visits'), 'reteach');

    const results = screen.getByRole('region', { name: 'Search results' });
    await waitFor(() => expect(within(results).getByRole('status').textContent).toBe('2 results'));
    const marks = within(results).getAllByText('reteach', { selector: 'mark' });
    expect(marks).toHaveLength(2);
    // Markup typed into a note is shown as text, never run as HTML.
    expect(results.querySelector('b')).toBeNull();
    expect(results.textContent).toContain('pilot a <b>reteach</b> block');

    const fromVisit = within(results).getByRole('link', { name: 'Note from side-by-side coaching at Riverbend High School' });
    expect(fromVisit.getAttribute('href')).toBe(`#/visits/${visit}`);
    expect(fromVisit.closest('li')!.textContent).toContain('Nov 18, 2026 · Samuel Reyes');
    expect(within(results).getByRole('link', { name: 'Note on Anh Nguyen' }).getAttribute('href')).toBe(`#/leaders/${anh}`);

    await user.selectOptions(screen.getByLabelText('Leader'), 'Anh Nguyen');
    await waitFor(() => expect(within(results).getByRole('status').textContent).toBe('1 result'));
    expect(within(results).queryByRole('link', { name: /Note from side-by-side coaching/ })).toBeNull();
    await user.selectOptions(screen.getByLabelText('Leader'), 'Any leader');

    await user.click(within(results).getByRole('link', { name: 'Note on Anh Nguyen' }));
    expect(window.location.hash).toBe(`#/leaders/${anh}`);
  });

  it('says when nothing matches, and shows a reversed date range at the "To" field', async () => {
    await withNotes();
    const user = userEvent.setup();
    renderApp('/search');
    await user.type(await screen.findByLabelText('Search notes and visits'), 'reteach');
    await screen.findByText('2 results');
    await user.type(screen.getByLabelText('From'), '2026-11-19');
    await screen.findByText('1 result');
    await user.type(screen.getByLabelText('To'), '2026-11-01');
    const to = screen.getByLabelText('To');
    await waitFor(() => expect(to.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(to.getAttribute('aria-describedby')!)!.textContent).toBe('The last date must be on or after the first date');

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await user.clear(screen.getByLabelText('Search notes and visits'));
    await user.type(screen.getByLabelText('Search notes and visits'), 'zeppelin ');
    await screen.findByText('No notes or visits match “zeppelin”.');
  });

  it('opens with Ctrl+K (or ⌘K) from any screen, with the cursor in the search box', async () => {
    await withNotes();
    const user = userEvent.setup();
    renderApp('/caseload');
    await screen.findByRole('table');
    await user.keyboard('{Control>}k{/Control}');
    const box = await screen.findByLabelText('Search notes and visits');
    expect(window.location.hash).toBe('#/search');
    await waitFor(() => expect(document.activeElement).toBe(box));
    expect(screen.getByText('Ctrl+K', { selector: 'kbd' })).toBeTruthy();

    await user.type(box, 'reteach');
    await screen.findByText('2 results');
    await user.click(screen.getByRole('link', { name: 'Caseload' }));
    await screen.findByRole('table');
    await user.keyboard('{Meta>}k{/Meta}');
    const again = await screen.findByLabelText('Search notes and visits');
    await waitFor(() => expect(document.activeElement).toBe(again));
    // The search is kept while you look at a result.
    expect((again as HTMLInputElement).value).toBe('reteach');
    await screen.findByText('2 results');
  });
});
