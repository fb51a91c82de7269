import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AutosaveText } from '../../renderer/components/NoteEditor';
import type { Envelope } from '../../shared/api';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { renderApp, withDemo } from './harness';

const GOALS = [
  { title: 'Grade 3 reading at standard', focusArea: 'Teaching and Learning', measure: 'Grade 3 at standard', measureType: 'percentage', baseline: '38', target: '50' },
  { title: 'Fewer office referrals', focusArea: 'School Culture and Restorative Communities', measure: 'Referrals per month', measureType: 'number', unit: 'referrals', direction: 'decrease', baseline: '40', target: '20' },
  { title: 'ILT norms in place', focusArea: 'Instructional Leadership', measure: 'ILT self-assessment', measureType: 'text', baseline: 'Emerging', target: 'Established' },
];

async function must<T = unknown>(p: Promise<Envelope<unknown>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

async function planWithCheckIn(ctx: CoreContext) {
  const plan = await must<{ id: number }>(dispatch(ctx, 'createCtaPlan', { schoolId: 3 }));
  for (const g of GOALS) await must(dispatch(ctx, 'saveCtaGoal', { planId: plan.id, ...g }));
  return must<{ id: number }>(dispatch(ctx, 'openCtaCheckIn', { planId: plan.id, date: '2026-11-20' }));
}

const stepHeading = () => screen.getByRole('heading', { level: 2 });

describe('facilitation mode', () => {
  it('steps through the agenda from the keyboard, focusing each step’s heading, and saves as the ILT talks', async () => {
    const ctx = await withDemo();
    const c = await planWithCheckIn(ctx);
    const user = userEvent.setup();
    renderApp(`/cta/checkins/${c.id}`);
    const mode = await screen.findByRole('region', { name: 'Facilitation mode' });
    expect(stepHeading().textContent).toBe('Who is here');

    await user.type(screen.getByLabelText('Attendee 1 name'), 'Marisol Vega');
    await user.keyboard('{Alt>}{PageDown}{/Alt}');
    await waitFor(() => expect(stepHeading().textContent).toBe('Goal 1 of 3: Grade 3 reading at standard'));
    await waitFor(() => expect(document.activeElement).toBe(stepHeading()));
    // Leaving the attendees saved them.
    await waitFor(() => expect(ctx.db.prepare('SELECT name FROM cta_attendees WHERE checkin_id = ?').pluck().all(c.id)).toEqual(['Marisol Vega']));

    // A percentage of 140 is refused at the field; nothing is stored.
    const value = screen.getByLabelText('Latest value');
    await user.type(value, '140');
    await waitFor(() => expect(value.getAttribute('aria-invalid')).toBe('true'), { timeout: 3000 });
    expect(within(mode).getByText(/A percentage is between 0 and 100/)).toBeTruthy();
    expect(ctx.db.prepare('SELECT value FROM cta_goal_updates WHERE checkin_id = ?').pluck().all(c.id)).toEqual([]);
    await user.clear(value);
    await user.type(value, '41');
    await waitFor(() => expect(value.getAttribute('aria-invalid')).toBeNull(), { timeout: 3000 });

    // Status from the keyboard: focus a choice and press Space.
    await user.click(screen.getByRole('radio', { name: 'At risk' }));
    screen.getByRole('radio', { name: 'On track' }).focus();
    await user.keyboard(' ');
    expect((screen.getByRole('radio', { name: 'On track' }) as HTMLInputElement).checked).toBe(true);
    await user.type(screen.getByLabelText('The ILT’s reflection'), 'Small groups are working');
    await user.keyboard('{Alt>}{PageDown}{/Alt}');
    await waitFor(() => expect(stepHeading().textContent).toBe('Goal 2 of 3: Fewer office referrals'));
    await waitFor(() =>
      expect(ctx.db.prepare('SELECT value, status, reflection FROM cta_goal_updates WHERE checkin_id = ?').all(c.id)).toEqual([{ value: '41', status: 'on_track', reflection: 'Small groups are working' }]),
    );
    // Back again: what was typed is there.
    await user.keyboard('{Alt>}{PageUp}{/Alt}');
    await waitFor(() => expect(stepHeading().textContent).toBe('Goal 1 of 3: Grade 3 reading at standard'));
    expect((screen.getByLabelText('The ILT’s reflection') as HTMLTextAreaElement).value).toBe('Small groups are working');

    // The agenda jumps straight to the wrap-up; finalising with goals still unrated is refused by name.
    await user.click(within(screen.getByRole('navigation', { name: 'Agenda' })).getByRole('button', { name: 'Wrap up' }));
    await user.click(screen.getByRole('button', { name: 'Finalise check-in…' }));
    await user.click(screen.getByRole('button', { name: 'Yes, finalise it' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose a status for “Fewer office referrals” before finalising');
    expect(ctx.db.prepare('SELECT finalised_at FROM cta_checkins WHERE id = ?').pluck().get(c.id)).toBeNull();
  });

  it('reopens on the step it was left at, and a finalised check-in opens as its read-only summary', async () => {
    const ctx = await withDemo();
    const c = await planWithCheckIn(ctx);
    const user = userEvent.setup();
    const first = renderApp(`/cta/checkins/${c.id}`);
    await screen.findByRole('region', { name: 'Facilitation mode' });
    await user.click(screen.getByRole('button', { name: /Next goal/ }));
    await user.click(screen.getByRole('button', { name: /Next goal/ }));
    await waitFor(() => expect(stepHeading().textContent).toBe('Goal 2 of 3: Fewer office referrals'));
    first.unmount();
    const second = renderApp(`/cta/checkins/${c.id}`);
    await waitFor(() => expect(stepHeading().textContent).toBe('Goal 2 of 3: Fewer office referrals'));
    second.unmount();

    const goals = ctx.db.prepare('SELECT g.id FROM cta_goals g JOIN cta_checkins c ON c.plan_id = g.plan_id WHERE c.id = ? ORDER BY g.position').pluck().all(c.id) as number[];
    for (const goalId of goals) await must(dispatch(ctx, 'saveCtaGoalUpdate', { checkinId: c.id, goalId, status: 'at_risk' }));
    await must(dispatch(ctx, 'finaliseCtaCheckIn', { checkinId: c.id }));
    renderApp(`/cta/checkins/${c.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Mesa Verde Middle School: CTA check-in Q2 2026–27' });
    expect(screen.queryByRole('region', { name: 'Facilitation mode' })).toBeNull();
    expect(screen.queryByLabelText('Latest value')).toBeNull();
    expect(screen.getAllByText('At risk')).toHaveLength(3);
    await user.type(screen.getByLabelText('Addendum'), 'Referral data corrected after the meeting');
    await user.click(screen.getByRole('button', { name: 'Add addendum' }));
    expect(await screen.findByText(/Referral data corrected after the meeting/)).toBeTruthy();
  });
});

describe('discarding a check-in', () => {
  it('asks first, keeps it on "Keep it", and on yes returns to the school with the check-in gone', async () => {
    const ctx = await withDemo();
    const c = await planWithCheckIn(ctx);
    const user = userEvent.setup();
    renderApp(`/cta/checkins/${c.id}`);
    await screen.findByRole('region', { name: 'Facilitation mode' });
    await user.click(screen.getByRole('button', { name: 'Discard check-in…' }));
    await user.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(ctx.db.prepare('SELECT count(*) FROM cta_checkins WHERE id = ?').pluck().get(c.id)).toBe(1);
    await user.click(screen.getByRole('button', { name: 'Discard check-in…' }));
    await user.click(within(screen.getByRole('group', { name: 'Discard this check-in?' })).getByRole('button', { name: 'Yes, discard it' }));
    await screen.findByRole('heading', { level: 1, name: 'Mesa Verde Middle School' });
    expect(ctx.db.prepare('SELECT count(*) FROM cta_checkins WHERE id = ?').pluck().get(c.id)).toBe(0);
    expect(await screen.findByText('No check-ins yet this year.')).toBeTruthy();
  });
});

describe('the CTA plan', () => {
  it('refuses a percentage of 140 at the field and adds a goal that is right', async () => {
    const ctx = await withDemo();
    await must(dispatch(ctx, 'createCtaPlan', { schoolId: 3 }));
    const user = userEvent.setup();
    renderApp('/schools/3');
    const form = await screen.findByRole('form', { name: 'Add a goal' });
    await user.type(within(form).getByLabelText('Goal'), 'Grade 3 reading at standard');
    await user.selectOptions(within(form).getByLabelText('Focus area'), 'Teaching and Learning');
    await user.type(within(form).getByLabelText('What is measured'), 'Grade 3 at standard');
    await user.type(within(form).getByLabelText('Target'), '140');
    await user.click(within(form).getByRole('button', { name: 'Add goal' }));
    const target = within(form).getByLabelText('Target');
    await waitFor(() => expect(target.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(target.getAttribute('aria-describedby')!)!.textContent).toBe('A percentage is between 0 and 100; 140% is not possible');
    expect(ctx.db.prepare('SELECT count(*) FROM cta_goals g JOIN cta_plans p ON p.id = g.plan_id WHERE p.school_id = 3').pluck().get()).toBe(0);
    await user.clear(target);
    await user.type(target, '50');
    await user.click(within(form).getByRole('button', { name: 'Add goal' }));
    expect(await screen.findByRole('heading', { level: 3, name: '1. Grade 3 reading at standard' })).toBeTruthy();
    // The trend chart says in words what it draws.
    expect(screen.getByRole('img', { name: /Trend for Grade 3 reading at standard: Baseline —, mid-year benchmark —, target 50%/ })).toBeTruthy();
  });
});

describe('a leader’s page', () => {
  it('shows where each goal of their school’s CTA stands', async () => {
    await withDemo();
    renderApp('/leaders/1');
    const goals = await screen.findByRole('list', { name: 'Cedar Grove Elementary goals' });
    expect(within(goals).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'More grade 3 students reading at standard On track',
      'Fewer chronically absent students At risk',
      'Teacher teams run data cycles Off track',
    ]);
  });
});

describe('a value the core refuses', () => {
  it('is still there, refused, when the facilitator comes back to the goal', async () => {
    const ctx = await withDemo();
    const c = await planWithCheckIn(ctx);
    const user = userEvent.setup();
    renderApp(`/cta/checkins/${c.id}`);
    await screen.findByRole('region', { name: 'Facilitation mode' });
    await user.keyboard('{Alt>}{PageDown}{/Alt}');
    await user.type(await screen.findByLabelText('Latest value'), '140');
    await waitFor(() => expect(screen.getByLabelText('Latest value').getAttribute('aria-invalid')).toBe('true'));
    await user.keyboard('{Alt>}{PageDown}{/Alt}');
    await waitFor(() => expect(stepHeading().textContent).toBe('Goal 2 of 3: Fewer office referrals'));
    await user.keyboard('{Alt>}{PageUp}{/Alt}');
    await waitFor(() => expect(stepHeading().textContent).toBe('Goal 1 of 3: Grade 3 reading at standard'));
    expect((screen.getByLabelText('Latest value') as HTMLInputElement).value).toBe('140');
    await waitFor(() => expect(screen.getByLabelText('Latest value').getAttribute('aria-invalid')).toBe('true'));
    expect(ctx.db.prepare('SELECT value FROM cta_goal_updates WHERE checkin_id = ?').pluck().all(c.id)).toEqual([]);
  });

  it('is shown as refused and not sent again until it is edited', async () => {
    const save = vi.fn(async () => ({ ok: false as const, error: { code: 'invalid_input', message: 'A percentage is between 0 and 100; 140% is not possible' } }));
    const user = userEvent.setup();
    render(<AutosaveText input="text" label="Latest value" initial="" save={save} />);
    await user.type(screen.getByLabelText('Latest value'), '140');
    await waitFor(() => expect(screen.getByLabelText('Latest value').getAttribute('aria-invalid')).toBe('true'));
    await act(() => new Promise((r) => setTimeout(r, 1600)));
    expect(save).toHaveBeenCalledTimes(1);
    await user.type(screen.getByLabelText('Latest value'), '{Backspace}');
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    expect(save).toHaveBeenLastCalledWith('14');
  });
});
