import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { Markdown } from '../../renderer/components/Markdown';
import { leaderNamed, renderApp, withDemo } from './harness';

/** The demo district on 2026-11-23: Marisol Vega has evaluative notes tagged against PSEL, and one coaching note. */

const leaderId = leaderNamed;

async function startedCycle() {
  const ctx = await withDemo();
  const r = await dispatch(ctx, 'startEvaluationCycle', { leaderId: leaderId(ctx, 'Marisol Vega') });
  if (!r.ok) throw new Error(r.error.message);
  return { ctx, cycleId: (r.value as { id: number }).id };
}

describe('evaluations screen', () => {
  it('lists who has no cycle, starts one with the district’s framework and opens it with its dated stages', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/evaluations');
    expect(await screen.findByText('No evaluation cycles started this school year.')).toBeTruthy();
    const form = screen.getByRole('form', { name: 'Start an evaluation cycle' });
    await user.click(within(form).getByRole('button', { name: 'Start cycle' }));
    expect(await within(form).findByText('Choose one')).toBeTruthy();
    await user.selectOptions(within(form).getByLabelText('Leader'), 'Marisol Vega');
    await waitFor(() => expect((within(form).getByLabelText('Rubric framework') as HTMLSelectElement).selectedOptions[0]?.textContent).toBe('PSEL 2015'));
    await user.click(within(form).getByRole('button', { name: 'Start cycle' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Evaluation: Marisol Vega, 2026–27' })).toBeTruthy();
    const stages = screen.getByRole('region', { name: 'Stages' });
    expect(within(stages).getByRole('rowheader', { name: 'Set goals' }).closest('tr')!.textContent).toContain('Sep 30, 2026');
    expect(within(stages).getAllByText('Late')).toHaveLength(4);
    await user.click(within(stages).getByRole('button', { name: 'Mark complete: Set goals' }));
    await waitFor(() => expect(within(stages).getByRole('rowheader', { name: 'Set goals' }).closest('tr')!.textContent).toContain('Completed Nov 23, 2026'));
  });
});

describe('an evaluation cycle', () => {
  it('offers only evaluative evidence until asked, cites it, drafts the write-up from it, and refuses to sign an incomplete write-up', async () => {
    const { ctx, cycleId } = await startedCycle();
    const user = userEvent.setup();
    renderApp(`/evaluations/${cycleId}`);
    const row = await screen.findByRole('region', { name: 'School Improvement' });
    const offered = () => within(row).getByRole('list', { name: 'Evidence for School Improvement' });
    await waitFor(() => expect(offered().textContent).toContain('sort interim results by standard'));
    expect(offered().textContent).not.toContain('stretched thin');

    // A coaching note appears only when deliberately asked for, marked as such.
    await user.click(screen.getByRole('checkbox', { name: /Also offer coaching notes/ }));
    await waitFor(() => expect(offered().textContent).toContain('stretched thin'));
    await user.click(within(row).getByRole('button', { name: /^Cite as evidence: Note of/ }));
    await waitFor(() => expect(within(row).getByRole('list', { name: 'Evidence cited for School Improvement' }).textContent).toContain('sort interim results'));
    await user.selectOptions(within(row).getByLabelText('Rating for School Improvement'), '3 – Effective');
    await waitFor(() => expect(ctx.db.prepare(`SELECT rating FROM evaluation_ratings WHERE element_id = 'school-improvement'`).pluck().get()).toBe(3));

    // Start from evidence fills the empty sections with headings and quotes that link to their source.
    const writeUp = screen.getByRole('region', { name: 'Summative write-up' });
    await user.type(within(writeUp).getByLabelText('Strengths'), 'My own words.');
    await user.click(within(writeUp).getByRole('button', { name: 'Start from evidence' }));
    await waitFor(() => expect((within(writeUp).getByLabelText('Summary') as HTMLTextAreaElement).value).toContain('School Improvement: Effective'));
    expect((within(writeUp).getByLabelText('Summary') as HTMLTextAreaElement).value).toMatch(/> — \[Note of .*\]\(#\/leaders\/\d+\)/);
    expect((within(writeUp).getByLabelText('Strengths') as HTMLTextAreaElement).value).toBe('My own words.');
    await waitFor(() => expect(ctx.db.prepare(`SELECT summary FROM evaluation_cycles`).pluck().get()).toContain('School Improvement'), { timeout: 3000 });

    // Signing needs every row rated: the message says which are not.
    const sign = screen.getByRole('form', { name: 'Sign the write-up' });
    expect((within(sign).getByLabelText('Your name, as your signature') as HTMLInputElement).value).toBe('Jordan Ellis');
    await user.click(within(sign).getByRole('button', { name: 'Sign the write-up' }));
    expect((await within(sign).findByRole('alert')).textContent).toMatch(/Rate every rubric row before signing/);
    expect(ctx.db.prepare(`SELECT signed_at FROM evaluation_cycles`).pluck().get()).toBeNull();
  });

  it('turns a growth area’s support actions into next steps on the leader’s page', async () => {
    const { ctx, cycleId } = await startedCycle();
    const user = userEvent.setup();
    renderApp(`/evaluations/${cycleId}`);
    const growth = await screen.findByRole('region', { name: 'Growth areas and support plan' });
    await user.type(within(growth).getByLabelText('Growth area'), 'Delegating operations');
    await user.click(within(growth).getByRole('button', { name: 'Add growth area' }));
    await user.click(await within(growth).findByRole('button', { name: 'Edit: Delegating operations' }));
    const edit = within(growth).getByRole('form', { name: 'Edit: Delegating operations' });
    await user.type(within(edit).getByLabelText('What growth looks like'), 'The AP runs daily operations');
    await user.click(within(edit).getByRole('button', { name: 'Save growth area' }));
    await within(growth).findByText(/— The AP runs daily operations/);
    const action = await within(growth).findByRole('form', { name: 'Support action for Delegating operations' });
    await user.type(within(action).getByLabelText('Support action'), 'Hand the bus schedule to the AP');
    await user.type(within(action).getByLabelText('Action due'), '2026-12-11');
    await user.click(within(action).getByRole('button', { name: 'Add to support plan' }));
    await waitFor(() => expect(within(growth).getByRole('list', { name: 'Support plan for Delegating operations' }).textContent).toContain('Hand the bus schedule to the AP (The leader, due Dec 11, 2026)'));
    window.location.hash = `/leaders/${leaderId(ctx, 'Marisol Vega')}`;
    await screen.findByRole('heading', { level: 1, name: 'Marisol Vega' });
    expect(await screen.findByRole('rowheader', { name: 'Hand the bus schedule to the AP' })).toBeTruthy();
    expect((await screen.findByRole('link', { name: /^Evaluation 2026–27: 0 of 7 stages done, next: Set goals \(late\)/ })).getAttribute('href')).toBe(`#/evaluations/${cycleId}`);
  });

  it('shows a locked cycle read-only with its addenda form, and the dashboard lists late stages', async () => {
    const { ctx, cycleId } = await startedCycle();
    const user = userEvent.setup();
    renderApp('/dashboard');
    const frame = await screen.findByRole('region', { name: 'Evaluations' });
    await waitFor(() => expect(within(frame).getByRole('list', { name: 'Late evaluation stages' }).textContent).toContain('Marisol Vega — Set goals, was due Sep 30, 2026'));

    const e = (await dispatch(ctx, 'getEvaluation', { cycleId })) as { ok: true; value: { rubric: { elementId: string }[] } };
    for (const r of e.value.rubric) await dispatch(ctx, 'rateElement', { cycleId, elementId: r.elementId, rating: 2 });
    for (const section of ['summary', 'strengths', 'growthAreas', 'supportPlan', 'nextYearGoals']) await dispatch(ctx, 'saveWriteUp', { cycleId, section, text: `About ${section}` });
    await dispatch(ctx, 'signEvaluation', { cycleId, name: 'Jordan Ellis' });
    await dispatch(ctx, 'acknowledgeEvaluation', { cycleId, name: 'Marisol Vega', date: '2026-11-23' });
    window.location.hash = `/evaluations/${cycleId}`;
    await user.click(await screen.findByRole('button', { name: 'Lock evaluation…' }));
    await user.click(screen.getByRole('button', { name: 'Yes, lock it' }));
    // Locking renders the PDF first (the first PDF also loads the PDF library): wait for the outcome.
    await waitFor(() => expect(screen.getByRole('note').textContent).toMatch(/^Locked on/));
    expect(screen.queryByLabelText('Rating for School Improvement')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Start from evidence' })).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Summary' })).getByText('About summary')).toBeTruthy();
    const addendum = screen.getByRole('form', { name: 'Add addendum' });
    await user.click(within(addendum).getByRole('button', { name: 'Add addendum' }));
    expect((await within(addendum).findByRole('alert')).textContent).toBe('Enter the addendum');
    await user.type(within(addendum).getByLabelText('Addendum'), 'Attendance target met in December.');
    await user.click(within(addendum).getByRole('button', { name: 'Add addendum' }));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Addenda' }).textContent).toContain('Attendance target met in December.'));
  });
});

describe('a screen left open while the cycle is locked elsewhere', () => {
  it('says plainly that the change was refused, keeps the typed text on screen, and changes nothing', async () => {
    const { ctx, cycleId } = await startedCycle();
    const user = userEvent.setup();
    renderApp(`/evaluations/${cycleId}`);
    const writeUp = await screen.findByRole('region', { name: 'Summative write-up' });
    // Meanwhile, in another window: everything written, signed, acknowledged and locked.
    const e = (await dispatch(ctx, 'getEvaluation', { cycleId })) as { ok: true; value: { rubric: { elementId: string }[] } };
    for (const r of e.value.rubric) await dispatch(ctx, 'rateElement', { cycleId, elementId: r.elementId, rating: 2 });
    for (const section of ['summary', 'strengths', 'growthAreas', 'supportPlan', 'nextYearGoals']) await dispatch(ctx, 'saveWriteUp', { cycleId, section, text: `About ${section}` });
    await dispatch(ctx, 'signEvaluation', { cycleId, name: 'Jordan Ellis' });
    await dispatch(ctx, 'acknowledgeEvaluation', { cycleId, name: 'Marisol Vega', date: '2026-11-23' });
    expect(await dispatch(ctx, 'lockEvaluation', { cycleId })).toMatchObject({ ok: true });

    const summary = within(writeUp).getByLabelText('Summary') as HTMLTextAreaElement;
    await user.type(summary, 'A late thought');
    await waitFor(() => expect(summary.closest('.field')!.querySelector('[role=status]')!.textContent).toMatch(/^Not saved: This evaluation is locked/), { timeout: 3000 });
    expect(summary.value).toBe('A late thought');
    expect(ctx.db.prepare(`SELECT summary FROM evaluation_cycles WHERE id = ?`).pluck().get(cycleId)).toBe('About summary');
  });
});

describe('a quote’s source link', () => {
  it('opens the source inside Fieldbook, while links elsewhere open in the browser', () => {
    const { container } = render(<Markdown text={'> “Teams regrouped”\n> — [Note of Oct 20, 2026](#/visits/3) and [the district](https://district.example)'} />);
    const [source, outside] = [...container.querySelectorAll('a')];
    expect([source.getAttribute('href'), source.getAttribute('target')]).toEqual(['#/visits/3', null]);
    expect(outside.getAttribute('target')).toBe('_blank');
  });
});

describe('settings: evaluation template', () => {
  it('edits stage names, order, due dates and rating labels, refusing a bad day at its field', async () => {
    const ctx = await withDemo();
    const user = userEvent.setup();
    renderApp('/settings');
    const form = await screen.findByRole('form', { name: 'Evaluation cycle template' });
    await waitFor(() => expect((within(form).getByLabelText('Stage 1 name') as HTMLInputElement).value).toBe('Set goals'));
    await user.click(within(form).getByRole('button', { name: 'Move stage 2 up' }));
    expect((within(form).getByLabelText('Stage 1 name') as HTMLInputElement).value).toBe('Communication and work styles');
    await user.selectOptions(within(form).getByLabelText('Stage 1 due month'), 'February');
    const day = within(form).getByLabelText('Stage 1 due day');
    await user.clear(day);
    await user.type(day, '30');
    await user.click(within(form).getByRole('button', { name: 'Save evaluation template' }));
    await waitFor(() => expect(day.getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText('That month has fewer days')).toBeTruthy();
    expect(ctx.db.prepare(`SELECT count(*) FROM evaluation_template`).pluck().get()).toBe(0);
    // Unsaved edits are a draft kept by the core: they survive leaving Settings (and a restart).
    const draft = async () => (await dispatch(ctx, 'getDraft', { key: 'evaluation-template' })) as { value: { value: { stages: unknown[] } } | null };
    await waitFor(async () => expect((await draft()).value?.value.stages[0]).toMatchObject({ month: 2, day: '30' }));
    await user.clear(day);
    await user.type(day, '28');
    const top = within(form).getByLabelText('Rating 4 label');
    await user.clear(top);
    await user.type(top, 'Exemplary');
    await user.click(within(form).getByRole('button', { name: 'Save evaluation template' }));
    expect(await within(form).findByText('Evaluation template saved.')).toBeTruthy();
    await waitFor(async () => expect((await draft()).value).toBeNull());
    const saved = await dispatch(ctx, 'getEvaluationTemplate', {});
    expect(saved).toMatchObject({ ok: true, value: { scale: ['Ineffective', 'Developing', 'Effective', 'Exemplary'] } });
    expect((saved as { value: { stages: unknown[] } }).value.stages[0]).toEqual({ name: 'Communication and work styles', month: 2, day: 28 });
  });
});
