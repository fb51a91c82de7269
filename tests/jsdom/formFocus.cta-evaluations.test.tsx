import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { completeWriteUp } from '../node/evaluationFixture';
import { ok } from '../node/helpers';
import { focusIs, focusOnConfirmation, focusOnHeading } from './focus';
import { leaderNamed, renderApp, withDemo } from './harness';

/**
 * After every form is sent the keyboard focus is on its outcome, never on the page: the first field
 * in error after a refusal; the new record, its page or the confirmation after a save. CTA plans and
 * check-ins, and evaluations.
 */

/** Mesa Verde Middle School has no CTA plan in the demo. */
const MESA = 3;
const GOAL = { title: 'Grade 3 reading at standard', focusArea: 'Teaching and Learning', measure: 'Grade 3 at standard', measureType: 'percentage', baseline: '38', target: '50' };

describe('focus after the CTA’s forms', () => {
  it('a goal (a percentage of 140 refused), its edit, and an action', async () => {
    const ctx = await withDemo();
    await ok(ctx, 'createCtaPlan', { schoolId: MESA });
    const user = userEvent.setup();
    renderApp(`/schools/${MESA}`);
    const add = await screen.findByRole('form', { name: 'Add a goal' });
    await user.type(within(add).getByLabelText('Goal'), GOAL.title);
    await user.selectOptions(within(add).getByLabelText('Focus area'), GOAL.focusArea);
    await user.type(within(add).getByLabelText('What is measured'), GOAL.measure);
    await user.type(within(add).getByLabelText('Baseline'), '38');
    await user.type(within(add).getByLabelText('Target'), '140');
    await user.click(within(add).getByRole('button', { name: 'Add goal' }));
    await focusIs(within(add).getByLabelText('Target'));
    await user.clear(within(add).getByLabelText('Target'));
    await user.type(within(add).getByLabelText('Target'), '50');
    await user.click(within(add).getByRole('button', { name: 'Add goal' }));
    await focusOnHeading(3, `1. ${GOAL.title}`);

    await user.click(screen.getByRole('button', { name: 'Edit goal 1' }));
    const edit = screen.getByRole('form', { name: `Edit goal: ${GOAL.title}` });
    await user.clear(within(edit).getByLabelText('Goal'));
    await user.click(within(edit).getByRole('button', { name: 'Save goal' }));
    await focusIs(within(edit).getByLabelText('Goal'));
    await user.type(within(edit).getByLabelText('Goal'), 'Grade 3 reading');
    await user.click(within(edit).getByRole('button', { name: 'Save goal' }));
    await focusOnHeading(3, '1. Grade 3 reading');

    const action = screen.getByRole('form', { name: 'Add an action' });
    await user.click(within(action).getByRole('button', { name: 'Add action' }));
    await focusIs(within(action).getByLabelText('Action'));
    await user.type(within(action).getByLabelText('Action'), 'Small-group reading blocks');
    await user.click(within(action).getByRole('button', { name: 'Add action' }));
    await focusOnConfirmation('Added action: Small-group reading blocks');
  });

  it('Open check-in, a next step in the room, Finalise, and an addendum', async () => {
    const ctx = await withDemo();
    const plan = await ok(ctx, 'createCtaPlan', { schoolId: MESA });
    await ok(ctx, 'saveCtaGoal', { planId: plan.id, ...GOAL });
    const user = userEvent.setup();
    renderApp(`/schools/${MESA}`);
    const open = await screen.findByRole('form', { name: 'Hold a check-in' });
    const date = within(open).getByLabelText('Check-in date');
    await user.clear(date);
    await user.type(date, '2030-01-15');
    await user.click(within(open).getByRole('button', { name: 'Open check-in' }));
    await focusIs(date);
    await user.clear(date);
    await user.type(date, '2026-11-20');
    await user.click(within(open).getByRole('button', { name: 'Open check-in' }));
    await focusOnHeading(2, 'Who is here');

    await user.click(screen.getByRole('button', { name: 'Wrap up' }));
    const step = await screen.findByRole('form', { name: 'Add a next step' });
    await user.click(within(step).getByRole('button', { name: 'Add next step' }));
    await focusIs(within(step).getByLabelText('Next step'));
    await user.type(within(step).getByLabelText('Next step'), 'Share the data wall');
    await user.type(within(step).getByLabelText('Owner'), 'Ms. Ortiz');
    await user.click(within(step).getByRole('button', { name: 'Add next step' }));
    await focusOnConfirmation('Added next step: Share the data wall');

    // Finalising needs a status for every goal: the message says so and has the focus.
    await user.click(screen.getByRole('button', { name: 'Finalise check-in…' }));
    await user.click(screen.getByRole('button', { name: 'Yes, finalise it' }));
    await waitFor(() => expect(document.activeElement?.textContent).toMatch(/^Choose a status for “Grade 3 reading at standard”/));
    await user.click(screen.getByRole('button', { name: /^Goal 1:/ }));
    await user.click(await screen.findByRole('radio', { name: 'On track' }));
    await user.click(screen.getByRole('button', { name: 'Wrap up' }));
    await user.click(await screen.findByRole('button', { name: 'Finalise check-in…' }));
    await user.click(screen.getByRole('button', { name: 'Yes, finalise it' }));
    await focusOnHeading(1, /CTA check-in Q2 2026–27$/);

    const addendum = await screen.findByRole('form', { name: 'Add an addendum' });
    await user.click(within(addendum).getByRole('button', { name: 'Add addendum' }));
    await focusIs(within(addendum).getByLabelText('Addendum'));
    await user.type(within(addendum).getByLabelText('Addendum'), 'The December data came in higher.');
    await user.click(within(addendum).getByRole('button', { name: 'Add addendum' }));
    await focusOnConfirmation('Addendum added.', 10_000);
  });
});

describe('focus after an evaluation’s forms', () => {
  const marisol = (ctx: CoreContext) => leaderNamed(ctx, 'Marisol Vega');

  it('Start cycle', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/evaluations');
    const form = await screen.findByRole('form', { name: 'Start an evaluation cycle' });
    await user.click(within(form).getByRole('button', { name: 'Start cycle' }));
    await focusIs(within(form).getByLabelText('Leader'));
    await user.selectOptions(within(form).getByLabelText('Leader'), 'Marisol Vega');
    await user.click(within(form).getByRole('button', { name: 'Start cycle' }));
    await focusOnHeading(1, 'Evaluation: Marisol Vega, 2026–27');
  });

  it('goals, styles, strengths and growth areas, an edit, progress and a support action', async () => {
    const ctx = await withDemo();
    const cycle = await ok(ctx, 'startEvaluationCycle', { leaderId: marisol(ctx) });
    const user = userEvent.setup();
    renderApp(`/evaluations/${cycle.id}`);
    for (const [add, field, title] of [['Add goal', 'Goal', 'Every reader on a plan'], ['Add style', 'Style', 'Written agendas'], ['Add strength', 'Strength', 'Keeps the vision'], ['Add growth area', 'Growth area', 'Delegating operations']]) {
      const form = await screen.findByRole('form', { name: add });
      await user.click(within(form).getByRole('button', { name: add }));
      await focusIs(within(form).getByLabelText(field));
      await user.type(within(form).getByLabelText(field), title);
      await user.click(within(form).getByRole('button', { name: add }));
      await focusOnConfirmation(`Added ${field.toLowerCase()}: ${title}`);
    }

    await user.click(screen.getByRole('button', { name: 'Edit: Written agendas' }));
    const edit = screen.getByRole('form', { name: 'Edit: Written agendas' });
    await user.clear(within(edit).getByLabelText('Style'));
    await user.click(within(edit).getByRole('button', { name: 'Save style' }));
    await focusIs(within(edit).getByLabelText('Style'));
    await user.type(within(edit).getByLabelText('Style'), 'Written agendas the day before');
    await user.click(within(edit).getByRole('button', { name: 'Save style' }));
    await waitFor(() => {
      expect(document.activeElement?.tagName).toBe('LI');
      expect(document.activeElement?.textContent).toMatch(/^Written agendas the day before/);
    });

    const progress = screen.getByRole('form', { name: 'Progress on Every reader on a plan' });
    await user.click(within(progress).getByRole('button', { name: 'Add progress note' }));
    await focusIs(within(progress).getByLabelText('Progress note'));
    await user.type(within(progress).getByLabelText('Progress note'), 'Plans written for grade 3');
    await user.click(within(progress).getByRole('button', { name: 'Add progress note' }));
    await focusOnConfirmation('Progress note added: Plans written for grade 3');

    const action = screen.getByRole('form', { name: 'Support action for Delegating operations' });
    await user.click(within(action).getByRole('button', { name: 'Add to support plan' }));
    await focusIs(within(action).getByLabelText('Support action'));
    await user.type(within(action).getByLabelText('Support action'), 'Hand the master schedule to the AP');
    await user.click(within(action).getByRole('button', { name: 'Add to support plan' }));
    await focusOnConfirmation('Added to the support plan: Hand the master schedule to the AP');
  });

  it('sign, acknowledge and withdraw the signature', async () => {
    const ctx = await withDemo();
    const cycle = await ok(ctx, 'startEvaluationCycle', { leaderId: marisol(ctx) });
    const user = userEvent.setup();
    renderApp(`/evaluations/${cycle.id}`);
    const sign = await screen.findByRole('form', { name: 'Sign the write-up' });
    await user.click(within(sign).getByRole('button', { name: 'Sign the write-up' }));
    await waitFor(() => expect(document.activeElement?.textContent).toMatch(/^Write the Summary section before signing/));
    await completeWriteUp(ctx, cycle.id);
    await user.click(within(sign).getByRole('button', { name: 'Sign the write-up' }));
    await focusOnConfirmation('Signed: the ratings and write-up are fixed.');

    const ack = await screen.findByRole('form', { name: 'Leader’s acknowledgement' });
    await user.click(within(ack).getByRole('button', { name: 'Record acknowledgement' }));
    await focusIs(within(ack).getByLabelText('Leader’s name, as they typed it'));
    await user.type(within(ack).getByLabelText('Leader’s name, as they typed it'), 'Marisol Vega');
    await user.click(within(ack).getByRole('button', { name: 'Record acknowledgement' }));
    await focusOnConfirmation('Acknowledgement recorded: the evaluation is ready to lock.');

    await user.click(await screen.findByRole('button', { name: 'Withdraw signature' }));
    await focusOnConfirmation('Signature withdrawn: the write-up can be changed again.');
  });

  it('lock, an addendum, and unlock', async () => {
    const ctx = await withDemo();
    const cycle = await ok(ctx, 'startEvaluationCycle', { leaderId: marisol(ctx) });
    await completeWriteUp(ctx, cycle.id);
    await ok(ctx, 'signEvaluation', { cycleId: cycle.id, name: 'Jordan Ellis' });
    await ok(ctx, 'acknowledgeEvaluation', { cycleId: cycle.id, name: 'Marisol Vega', date: '2026-11-23', comment: '' });
    const user = userEvent.setup();
    renderApp(`/evaluations/${cycle.id}`);
    await user.click(await screen.findByRole('button', { name: 'Lock evaluation…' }));
    await user.click(screen.getByRole('button', { name: 'Yes, lock it' }));
    await focusOnConfirmation('Locked. The write-up PDF is queued for the district export.', 10_000);

    const addendum = await screen.findByRole('form', { name: 'Add addendum' });
    await user.click(within(addendum).getByRole('button', { name: 'Add addendum' }));
    await focusIs(within(addendum).getByLabelText('Addendum'));
    await user.type(within(addendum).getByLabelText('Addendum'), 'Spring data confirmed the rating.');
    await user.click(within(addendum).getByRole('button', { name: 'Add addendum' }));
    await focusOnConfirmation('Addendum added.');

    const unlock = screen.getByRole('form', { name: 'Unlock evaluation' });
    await user.click(within(unlock).getByRole('button', { name: 'Unlock evaluation' }));
    await focusIs(within(unlock).getByLabelText('Reason for unlocking'));
    await user.type(within(unlock).getByLabelText('Reason for unlocking'), 'A rating was entered on the wrong row');
    await user.click(within(unlock).getByRole('button', { name: 'Unlock evaluation' }));
    await focusOnConfirmation('Unlocked: the evaluation can be changed, and locking it again sends a new export.');
  });

  it('the evaluation template in Settings', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/settings');
    const form = await screen.findByRole('form', { name: 'Evaluation cycle template' });
    const day = within(form).getByLabelText('Stage 1 due day');
    await user.clear(day);
    await user.type(day, '40');
    await user.click(within(form).getByRole('button', { name: 'Save evaluation template' }));
    await focusIs(day);
    await user.clear(day);
    await user.type(day, '15');
    await user.click(within(form).getByRole('button', { name: 'Save evaluation template' }));
    await focusOnConfirmation('Evaluation template saved.');
  });
});
