import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ok } from '../node/helpers';
import { focusIs, focusOnConfirmation, focusOnHeading } from './focus';
import { leaderNamed, renderApp, withDemo } from './harness';

/**
 * After every form is sent the keyboard focus is on its outcome, never on the page: the first field
 * in error after a refusal; the new record, its page or the confirmation after a save. Retention
 * and Sync.
 */


describe('focus after the retention forms', () => {
  it('Record conversation, Edit conversation and Add to plan', async () => {
    const ctx = await withDemo();
    const marisol = leaderNamed(ctx, 'Marisol Vega');
    const user = userEvent.setup();
    renderApp(`/retention/new?leader=${marisol}`);
    const form = await screen.findByRole('form', { name: 'Conversation with Marisol Vega' });
    await user.selectOptions(within(form).getByLabelText('Intent to stay next year'), 'Unsure');
    await user.type(within(form).getByLabelText('Follow-up date'), '2026-11-01');
    await user.click(within(form).getByRole('button', { name: 'Record conversation' }));
    await focusIs(within(form).getByLabelText('Follow-up date'));
    await user.clear(within(form).getByLabelText('Follow-up date'));
    await user.type(within(form).getByLabelText('Follow-up date'), '2026-11-30');
    await user.click(within(form).getByRole('button', { name: 'Record conversation' }));
    await focusOnHeading(1, 'Stay conversation with Marisol Vega');

    await user.click(screen.getByRole('button', { name: 'Edit conversation' }));
    const edit = await screen.findByRole('form', { name: /^Edit the conversation of/ });
    const date = within(edit).getByLabelText('Date');
    await user.clear(date);
    await user.type(date, '2026-12-25');
    await user.click(within(edit).getByRole('button', { name: 'Save changes' }));
    await focusIs(date);
    await user.clear(date);
    await user.type(date, '2026-11-20');
    await user.click(within(edit).getByRole('button', { name: 'Save changes' }));
    await focusOnHeading(2, 'What was said');

    const add = screen.getByRole('form', { name: 'Add to the plan of support' });
    await user.click(within(add).getByRole('button', { name: 'Add to plan' }));
    await focusIs(within(add).getByLabelText('Action'));
    await user.type(within(add).getByLabelText('Action'), 'Protect Thursday evenings');
    await user.click(within(add).getByRole('button', { name: 'Add to plan' }));
    await focusOnConfirmation('Added to the plan: Protect Thursday evenings');
  });

  it('Record judgement on a leader’s page, and Name a possible successor', async () => {
    const ctx = await withDemo();
    const marisol = leaderNamed(ctx, 'Marisol Vega');
    const user = userEvent.setup();
    const view = renderApp(`/leaders/${marisol}`);
    const risk = await screen.findByRole('form', { name: 'Record your judgement of risk' });
    await user.click(within(risk).getByRole('button', { name: 'Record judgement' }));
    await focusIs(within(risk).getByLabelText('Risk'));
    await user.selectOptions(within(risk).getByLabelText('Risk'), 'Medium');
    await user.type(within(risk).getByLabelText('Reason'), 'Stretched thin by the schedule rebuild');
    await user.click(within(risk).getByRole('button', { name: 'Record judgement' }));
    await focusOnConfirmation('Judgement recorded: medium risk.');
    view.unmount();

    renderApp('/retention');
    const successor = await screen.findByRole('form', { name: 'Name a possible successor' });
    await user.selectOptions(within(successor).getByLabelText('Aspiring leader'), 'Leah Goldberg · Mesa Verde Middle School');
    await user.click(within(successor).getByRole('button', { name: 'Save successor' }));
    await focusIs(within(successor).getByLabelText('School'));
    await user.selectOptions(within(successor).getByLabelText('School'), 'Cedar Grove Elementary');
    await user.click(within(successor).getByRole('button', { name: 'Save successor' }));
    await focusOnConfirmation('Leah Goldberg is a possible successor at Cedar Grove Elementary (developing).');
  });
});

describe('focus after the Sync forms', () => {
  it('Add a target, Edit it, a weekly visit log and the caseload roster', async () => {
    const ctx = await withDemo();
    const user = userEvent.setup();
    renderApp('/sync');
    const add = await screen.findByRole('form', { name: 'Add a target' });
    await user.type(within(add).getByLabelText('Name'), 'USB stick');
    await user.click(within(add).getByRole('button', { name: 'Add target' }));
    await focusIs(within(add).getByLabelText('Folder'));
    await user.type(within(add).getByLabelText('Folder'), fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-focus-')));
    await user.click(within(add).getByRole('button', { name: 'Add target' }));
    await focusOnHeading(3, 'USB stick');

    await user.click(screen.getByRole('button', { name: 'Edit USB stick' }));
    const edit = screen.getByRole('form', { name: 'Edit USB stick' });
    await user.clear(within(edit).getByLabelText('Name'));
    await user.click(within(edit).getByRole('button', { name: 'Save target' }));
    await focusIs(within(edit).getByLabelText('Name'));
    await user.type(within(edit).getByLabelText('Name'), 'District drive');
    await user.click(within(edit).getByRole('button', { name: 'Save target' }));
    await focusOnHeading(3, 'District drive');

    const log = screen.getByRole('form', { name: 'Send a weekly visit log' });
    const week = within(log).getByLabelText('Week of');
    await user.clear(week);
    await user.type(week, '2027-03-01');
    await user.click(within(log).getByRole('button', { name: 'Queue weekly visit log' }));
    await focusIs(week);
    await user.click(within(log).getByRole('button', { name: 'Queue caseload roster' }));
    await focusOnConfirmation(/^Queued: Caseload roster · Caseload on Nov 23, 2026\./);
    expect(ctx.db.prepare(`SELECT count(*) FROM outbox`).pluck().get()).toBe(1);
    await ok(ctx, 'planVisit', { date: '2026-11-16', startTime: '09:00', endTime: '10:00', schoolId: 1, leaderIds: [1], type: 'side_by_side', purpose: '', focus: '', evidenceKind: 'coaching' })
      .then((v) => ok(ctx, 'finishVisit', { visitId: v.id, outcome: 'done', reason: '' }));
    await user.clear(week);
    await user.type(week, '2026-11-16');
    await user.click(within(log).getByRole('button', { name: 'Queue weekly visit log' }));
    await focusOnConfirmation(/^Queued: Weekly visit log · Week of Nov 16, 2026\./);
  });
});
