import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { syncBuiltinFrameworks } from '../../electron/core/services/settings/frameworks';
import { CalendarExportButton } from '../../renderer/screens/visits/CalendarExportButton';
import { NO_FILTERS, useSearch } from '../../renderer/stores/search';
import { renderApp, withDemo } from './harness';

const AT = '2026-11-20T15:00:00.000Z';
const idOf = (ctx: CoreContext, sql: string, ...args: unknown[]) => ctx.db.prepare(sql).pluck().get(...args) as number;

/** A done visit to Samuel Reyes at Riverbend with a note, and a note on Anh Nguyen; written with SQL as the core stores them. */
async function withNotes() {
  const ctx = await withDemo();
  syncBuiltinFrameworks(ctx);
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
  const anhNote = ctx.db.prepare(`INSERT INTO notes (leader_id, body, created_at, updated_at) VALUES (?, ?, ?, ?)`)
    .run(anh, 'Anh asked for a model reteach lesson plan.', AT, AT).lastInsertRowid;
  // Tagged with the first element of the first shipped framework.
  const element = ctx.db.prepare(`SELECT framework_id AS frameworkId, element_id AS elementId, title FROM framework_elements ORDER BY framework_id, position LIMIT 1`)
    .get() as { frameworkId: string; elementId: string; title: string };
  ctx.db.prepare(`INSERT INTO tags (note_id, framework_id, element_id, created_at) VALUES (?, ?, ?, ?)`).run(anhNote, element.frameworkId, element.elementId, AT);
  return { ctx, visit, anh, element };
}

describe('search screen', () => {
  it('finds a note by a word, highlights it and links to where it was written', async () => {
    const { visit, anh, element } = await withNotes();
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
    await waitFor(() => expect(within(results).getByRole('status').textContent).toBe('2 results'));

    await user.selectOptions(screen.getByLabelText('Framework tag'), element.title);
    await waitFor(() => expect(within(results).getByRole('status').textContent).toBe('1 result'));
    expect(within(results).getByRole('link', { name: 'Note on Anh Nguyen' })).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Framework tag'), 'Any tag');
    await waitFor(() => expect(within(results).getByRole('status').textContent).toBe('2 results'));

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

describe('calendar export button', () => {
  const { createObjectURL, revokeObjectURL } = URL;
  afterEach(() => {
    vi.restoreAllMocks();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });

  it('saves planned visits as an .ics file and says how many', async () => {
    const { ctx } = await withNotes();
    const riverbend = idOf(ctx, `SELECT id FROM schools WHERE name = 'Riverbend High School'`);
    ctx.db.prepare(
      `INSERT INTO visits (school_id, date, start_time, end_time, type, status, created_at, updated_at)
       VALUES (?, '2026-11-30', '13:00', '14:00', 'walkthrough', 'planned', ?, ?)`,
    ).run(riverbend, AT, AT);
    const files: { name: string; blob: Blob }[] = [];
    const blobs: Blob[] = [];
    URL.createObjectURL = (b: Blob | MediaSource) => (blobs.push(b as Blob), 'blob:fieldbook');
    URL.revokeObjectURL = () => {};
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      files.push({ name: this.download, blob: blobs.at(-1)! });
    });

    render(<CalendarExportButton />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Export planned visits to calendar (.ics)' }));
    await screen.findByText(`1 planned visit saved to fieldbook-planned-visits-2026-11-23.ics, times in ${Intl.DateTimeFormat().resolvedOptions().timeZone}. Open it with your calendar app.`);
    expect(files.map((f) => f.name)).toEqual(['fieldbook-planned-visits-2026-11-23.ics']);
    expect(files[0].blob.type).toBe('text/calendar;charset=utf-8');
    const ics = await files[0].blob.text();
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics).toContain('SUMMARY:Classroom walkthrough · Riverbend High School');
  });

  it('says so when there is nothing planned, and downloads nothing', async () => {
    await withNotes();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click');
    render(<CalendarExportButton from="2027-01-01" />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Export planned visits to calendar (.ics)' }));
    await screen.findByText('No planned visits to export for these dates.');
    expect(click).not.toHaveBeenCalled();
  });
});
