import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { leaderNamed, renderApp, withDemo } from './harness';

const leaderId = leaderNamed;
const openCount = (ctx: CoreContext) => (ctx.db.prepare(`SELECT count(*) AS n FROM action_items WHERE done_date IS NULL`).get() as { n: number }).n;

/** Demo district, today Monday 2026-11-23. */
async function withSteps() {
  const ctx = await withDemo();
  const add = (leader: string, description: string, dueDate: string | null, owner = 'leader') =>
    dispatch(ctx, 'addNextStep', { leaderId: leaderId(ctx, leader), description, owner, dueDate });
  await add('Anh Nguyen', 'Share the walkthrough data with the ILT', '2026-12-04');
  await add('Darnell Brooks', 'Send the revised master schedule', '2026-11-20');
  await add('Anh Nguyen', 'Find a mentor principal', null, 'supervisor');
  await add('Marisol Vega', 'Draft the attendance goal', '2026-11-09');
  return ctx;
}

const stepNames = () => within(screen.getByRole('table')).getAllByRole('rowheader').map((th) => th.textContent);

describe('next steps screen', () => {
  it('lists open next steps overdue first, with who, when and an Overdue mark', async () => {
    await withSteps();
    renderApp('/next-steps');
    await screen.findByRole('heading', { name: 'Next steps' });
    expect(screen.getByRole('link', { name: 'Next steps', current: 'page' })).toBeTruthy();
    await screen.findByRole('table');
    expect(stepNames()).toEqual([
      'Draft the attendance goal', 'Send the revised master schedule', 'Share the walkthrough data with the ILT', 'Find a mentor principal',
    ]);
    const first = within(screen.getByRole('table')).getAllByRole('row')[1];
    expect(first.textContent).toContain('Marisol Vega');
    expect(first.textContent).toContain('Nov 9, 2026');
    expect(first.textContent).toContain('Overdue');
    expect(first.textContent).toContain('The leader');
    expect(screen.getByText('4 next steps, 2 overdue')).toBeTruthy();
    const last = within(screen.getByRole('table')).getAllByRole('row')[4];
    expect(last.textContent).toContain('No due date');
    expect(last.textContent).not.toContain('Overdue');
  });

  it('filters by leader and status, marks a step done and reopens it', async () => {
    const ctx = await withSteps();
    const user = userEvent.setup();
    renderApp('/next-steps');
    await screen.findByRole('table');
    await user.selectOptions(screen.getByLabelText('Filter by leader'), 'Anh Nguyen');
    expect(stepNames()).toEqual(['Share the walkthrough data with the ILT', 'Find a mentor principal']);
    await user.selectOptions(screen.getByLabelText('Filter by leader'), 'All leaders');

    const names = stepNames();
    const at = names.indexOf('Send the revised master schedule');
    await user.click(screen.getByRole('button', { name: 'Mark done: Send the revised master schedule' }));
    await screen.findByText('Marked done: Send the revised master schedule');
    await waitFor(() => expect(stepNames()).not.toContain('Send the revised master schedule'));
    expect(openCount(ctx)).toBe(3);
    // The row is gone; the focus is on the step now in its place, ready for the next one.
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe(`Mark done: ${names[at + 1] ?? names[at - 1]}`));

    await user.selectOptions(screen.getByLabelText('Filter by status'), 'Done');
    expect(stepNames()).toEqual(['Send the revised master schedule']);
    expect(within(screen.getByRole('table')).getByText('Done Nov 23, 2026')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reopen: Send the revised master schedule' }));
    await waitFor(() => expect(screen.queryByRole('table')).toBeNull());
    expect(screen.getByText('No next steps match.')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Filter by status'), 'Open');
    expect(stepNames()[1]).toBe('Send the revised master schedule');
    expect(openCount(ctx)).toBe(4);
  });

  it('adds a next step, and shows what is missing next to the field without saving', async () => {
    const ctx = await withDemo();
    const user = userEvent.setup();
    renderApp('/next-steps');
    expect(await screen.findByText('No open next steps.')).toBeTruthy();
    const form = screen.getByRole('form', { name: 'Add a next step' });
    await user.click(within(form).getByRole('button', { name: 'Add next step' }));
    const leader = within(form).getByLabelText('Leader');
    await waitFor(() => expect(leader.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(leader.getAttribute('aria-describedby')!)!.textContent).toBe('Choose the leader this next step is for');

    await user.selectOptions(leader, 'Samuel Reyes');
    await user.click(within(form).getByRole('button', { name: 'Add next step' }));
    const description = within(form).getByLabelText('Next step');
    await waitFor(() => expect(description.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(description.getAttribute('aria-describedby')!)!.textContent).toBe('Describe the next step');
    expect(openCount(ctx)).toBe(0);

    await user.type(description, 'Observe the 9th-grade team meeting');
    await user.selectOptions(within(form).getByLabelText('Owner'), 'Me');
    await user.type(within(form).getByLabelText('Due date'), '2026-12-02');
    await user.click(within(form).getByRole('button', { name: 'Add next step' }));
    await screen.findByText('Added for Samuel Reyes: Observe the 9th-grade team meeting');
    const row = (await screen.findByRole('rowheader', { name: 'Observe the 9th-grade team meeting' })).closest('tr')!;
    expect(row.textContent).toContain('Samuel Reyes');
    expect(row.textContent).toContain('Dec 2, 2026');
    expect(row.textContent).toContain('Me');
    expect((description as HTMLInputElement).value).toBe('');
  });
});
