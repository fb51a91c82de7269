import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { leaderNamed, renderApp, withDemo } from './harness';

/** The demo district on Monday 2026-11-23, with visits written straight into the database. */

const leaderId = leaderNamed;
const schoolId = (ctx: CoreContext, name: string) => (ctx.db.prepare(`SELECT id FROM schools WHERE name = ?`).get(name) as { id: number }).id;

function visit(ctx: CoreContext, school: string, date: string, leaders: string[], status: string, start: string, end: string, type = 'side_by_side') {
  const { lastInsertRowid } = ctx.db
    .prepare(`INSERT INTO visits (school_id, date, start_time, end_time, type, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'x', 'x')`)
    .run(schoolId(ctx, school), date, start, end, type, status);
  for (const l of leaders) ctx.db.prepare(`INSERT INTO visit_leaders VALUES (?, ?)`).run(lastInsertRowid, leaderId(ctx, l));
  return Number(lastInsertRowid);
}

async function busyWeek() {
  const ctx = await withDemo();
  const vega = leaderId(ctx, 'Marisol Vega');
  // Marisol joined the caseload in September with a 41-day cadence and was last seen on Oct 2: due Nov 12.
  ctx.db.prepare(`UPDATE assignments SET start_date = '2026-09-01', cadence_days = 41 WHERE leader_id = ?`).run(vega);
  visit(ctx, 'Cedar Grove Elementary', '2026-10-02', ['Marisol Vega'], 'done', '08:00', '10:00');
  visit(ctx, 'Lincoln Park Elementary', '2026-11-16', ['Darnell Brooks'], 'done', '09:00', '12:00');
  visit(ctx, 'Juniper Academy (K–8)', '2026-11-17', ['Keisha Thompson'], 'done', '13:00', '14:00', 'walkthrough');
  const today = visit(ctx, 'Cedar Grove Elementary', '2026-11-23', ['Marisol Vega'], 'planned', '10:00', '11:00');
  const thursday = visit(ctx, 'Riverbend High School', '2026-11-26', ['Samuel Reyes', 'Owen Castillo'], 'planned', '13:30', '15:00', 'meeting_observation');
  visit(ctx, 'Harbor View Middle School', '2026-11-25', ['Patricia Okafor'], 'cancelled', '09:00', '10:00');
  visit(ctx, 'Harbor View Middle School', '2026-12-01', ['Patricia Okafor'], 'planned', '09:00', '10:00'); // next week
  await dispatch(ctx, 'addNextStep', { leaderId: leaderId(ctx, 'Darnell Brooks'), description: 'Send the revised master schedule', owner: 'leader', dueDate: '2026-11-20' });
  await dispatch(ctx, 'addNextStep', { leaderId: vega, description: 'Book the literacy coach', owner: 'supervisor', dueDate: '2026-12-04' });
  return { ctx, today, thursday, vega };
}

describe('dashboard', () => {
  it('shows today, this week, who is overdue and what is overdue, with links', async () => {
    const { today, thursday, vega } = await busyWeek();
    renderApp('/dashboard');

    const todayFrame = await screen.findByRole('region', { name: 'Today' });
    const todayLink = await within(todayFrame).findByRole('link', { name: '10:00 AM–11:00 AM · Cedar Grove Elementary' });
    expect(todayLink.getAttribute('href')).toBe(`#/visits/${today}`);
    expect(todayFrame.textContent).toContain('Side-by-side coaching with Marisol Vega');

    const week = screen.getByRole('region', { name: 'This week' });
    const weekLinks = within(week).getAllByRole('link');
    expect(weekLinks.map((a) => a.textContent)).toEqual(['Thu, Nov 26, 1:30 PM–3:00 PM · Riverbend High School']);
    expect(weekLinks[0].getAttribute('href')).toBe(`#/visits/${thursday}`);
    expect(week.textContent).toContain('ILT or team meeting observation with Owen Castillo, Samuel Reyes');

    const overdue = screen.getByRole('region', { name: 'Overdue' });
    const leaders = within(overdue).getByRole('list', { name: 'Leaders overdue for a visit' });
    expect(within(leaders).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Marisol Vega — last visit Oct 2, 11 days overdue']);
    expect(within(leaders).getByRole('link', { name: 'Marisol Vega' }).getAttribute('href')).toBe(`#/leaders/${vega}`);
    const steps = within(overdue).getByRole('list', { name: 'Overdue next steps' });
    expect(steps.textContent).toBe('Send the revised master schedule — Darnell Brooks, due Nov 20');
    expect(overdue.textContent).not.toContain('Book the literacy coach');

    const time = screen.getByRole('region', { name: 'Time in schools' });
    expect(time.textContent).toContain('Last 30 days: 4 hours in 2 done visits; 75% of it (3 hours) in visits with a principal.');
  });

  it('says plainly when nothing is planned or overdue', async () => {
    await withDemo();
    renderApp('/dashboard');
    expect(await screen.findByText('No visits planned for today.')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Overdue' }).textContent).toContain('Nothing overdue');
    expect(screen.getByRole('region', { name: 'Time in schools' }).textContent).toContain('No visits logged as done in the last 30 days.');
  });

  it('drops a next step from Overdue once it is marked done', async () => {
    await busyWeek();
    const user = userEvent.setup();
    renderApp('/next-steps');
    await user.click(await screen.findByRole('button', { name: 'Mark done: Send the revised master schedule' }));
    await user.click(screen.getByRole('link', { name: 'Dashboard' }));
    const overdue = await screen.findByRole('region', { name: 'Overdue' });
    await waitFor(() => expect(within(overdue).queryByRole('list', { name: 'Overdue next steps' })).toBeNull());
    expect(within(overdue).getByRole('list', { name: 'Leaders overdue for a visit' })).toBeTruthy();
  });
});

describe('leader page cadence', () => {
  it('shows the last visit, how overdue, the month-by-month strip and open next steps', async () => {
    const { vega } = await busyWeek();
    const user = userEvent.setup();
    renderApp(`/leaders/${vega}`);
    const section = await screen.findByRole('region', { name: 'Visit cadence' });
    await within(section).findByText('Oct 2, 2026');
    expect(section.textContent).toContain('Overdue: 11 days overdue (was due Nov 12)');
    const strip = within(section).getByRole('table', { name: 'Visits month by month, school year 2026–27' });
    const header = within(strip).getAllByRole('columnheader').map((th) => th.textContent);
    expect(header.slice(0, 3)).toEqual(['Jul', 'Aug', 'Sep']);
    const row = (name: string) => within(within(strip).getByRole('rowheader', { name }).closest('tr')!).getAllByRole('cell').map((c) => c.textContent);
    expect(row('Done').slice(0, 6)).toEqual(['0', '0', '0', '1', '0', '0']);
    expect(row('Planned')[4]).toBe('1');
    expect(row('Cadence').slice(0, 6)).toEqual(['—', '—', 'Met', 'Met', 'Missed', '—']);

    const steps = screen.getByRole('region', { name: 'Open next steps' });
    await user.click(within(steps).getByRole('button', { name: 'Mark done: Book the literacy coach' }));
    await waitFor(() => expect(screen.getByRole('region', { name: 'Open next steps' }).textContent).toContain('No open next steps.'));
  });
});

describe('time use screen', () => {
  it('shows hours with principals, by type, and the caseload heatmap; a backwards range is refused at "To"', async () => {
    await busyWeek();
    const user = userEvent.setup();
    renderApp('/dashboard');
    await user.click(await screen.findByRole('link', { name: 'Where your time goes' }));
    await screen.findByRole('heading', { name: 'Where your time goes' });
    await screen.findByText(/4 hours logged in 2 done visits, Oct 25, 2026 to Nov 23, 2026/);
    expect(screen.getByText(/was in visits with at least one principal present/).textContent).toContain('75% of that time (3 hours)');
    const byType = screen.getByRole('table', { name: 'Time by visit type' });
    expect(within(byType).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['Side-by-side coaching1375%', 'Classroom walkthrough1125%']);

    const from = screen.getByLabelText('From');
    await user.clear(from);
    await user.type(from, '2026-09-01');
    await user.click(screen.getByRole('button', { name: 'Show time use' }));
    await screen.findByText(/6 hours logged in 3 done visits, Sep 1, 2026 to Nov 23, 2026/);

    await user.clear(from);
    await user.type(from, '2026-12-01');
    await user.click(screen.getByRole('button', { name: 'Show time use' }));
    const to = screen.getByLabelText('To');
    await waitFor(() => expect(to.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(to.getAttribute('aria-describedby')!)!.textContent).toBe('The last day must be on or after the first day');

    const heat = screen.getByRole('table', { name: 'Done visits by leader and month, school year 2026–27' });
    const vegaRow = within(heat).getByRole('rowheader', { name: 'Marisol Vega' }).closest('tr')!;
    expect(within(vegaRow).getAllByRole('cell').map((c) => c.textContent).slice(3, 6)).toEqual(['12 h', '0', '0']);
    await user.click(screen.getByRole('button', { name: 'Previous school year' }));
    await screen.findByRole('table', { name: 'Done visits by leader and month, school year 2025–26' });
  });
});
