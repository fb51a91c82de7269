import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { completeWriteUp, readyToLock } from '../node/evaluationFixture';
import { ok } from '../node/helpers';
import { captureDownloads, leaderNamed, pdfText, renderApp, withDemo } from './harness';

/** The demo district on 2026-11-23: Marisol Vega has evaluative notes tagged against three PSEL standards. */
const marisol = (ctx: CoreContext) => leaderNamed(ctx, 'Marisol Vega');

describe('a locked evaluation', () => {
  it('is complete: no stage is late or left to mark on the list, the cycle or the leader’s page', async () => {
    const ctx = await withDemo();
    const cycle = await ok(ctx, 'startEvaluationCycle', { leaderId: marisol(ctx) });
    await readyToLock(ctx, cycle.id);
    await ok(ctx, 'lockEvaluation', { cycleId: cycle.id });

    let view = renderApp('/evaluations');
    const list = await screen.findByRole('table', { name: /^Cycles in/ });
    const row = within(list).getByRole('rowheader', { name: /Marisol Vega/ }).closest('tr')!;
    expect(row.textContent).not.toContain('Late');
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['7 of 7', 'All stages complete', 'Locked']);
    view.unmount();

    view = renderApp(`/evaluations/${cycle.id}`);
    const stages = await screen.findByRole('region', { name: 'Stages' });
    expect(within(stages).queryByText('Late')).toBeNull();
    expect(within(stages).queryByRole('button', { name: /^Mark complete/ })).toBeNull();
    const done = within(stages).getAllByRole('row').slice(1).map((r) => r.querySelectorAll('td')[1].textContent);
    expect(done).toEqual(Array(7).fill('Complete with the lock on Nov 23, 2026'));
    view.unmount();

    renderApp(`/leaders/${marisol(ctx)}`);
    expect(await screen.findByRole('link', { name: 'Evaluation 2026–27: locked, all stages complete' })).toBeTruthy();
  });

  it('prints its write-up’s Markdown as formatting in the PDF, not as marks', async () => {
    const ctx = await withDemo();
    const cycle = await ok(ctx, 'startEvaluationCycle', { leaderId: marisol(ctx) });
    await completeWriteUp(ctx, cycle.id);
    await ok(ctx, 'saveWriteUp', {
      cycleId: cycle.id, section: 'summary',
      text: '## Marisol Vega, 2026–27\n\n> "Siobhán led the data meeting" — [Note of Oct 14, 2026](#/leaders/1)\n\nA **strong** year, *well* led.\n\n- Vision\n- Data cycles',
    });
    const downloads = captureDownloads();
    renderApp(`/evaluations/${cycle.id}`);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Download PDF' }));
    await waitFor(() => expect(downloads).toHaveLength(1), { timeout: 10_000 });
    const text = await pdfText(downloads[0].blob);
    expect(text).toContain('"Siobhán led the data meeting" — Note of Oct 14, 2026');
    expect(text).toContain('A strong year, well led.');
    expect(text).toMatch(/^\s+Vision\n\s+Data cycles$/m);
    expect(text).not.toMatch(/^\s*> |\*\*|##|\]\(#|^\s*- Vision/m);
  });
});

describe('Start from evidence', () => {
  it('outlines only the standards that have evidence, and gives each rating once', async () => {
    const ctx = await withDemo();
    const cycle = await ok(ctx, 'startEvaluationCycle', { leaderId: marisol(ctx) });
    const detail = await ok(ctx, 'getEvaluation', { cycleId: cycle.id });
    for (const r of detail.rubric) await ok(ctx, 'rateElement', { cycleId: cycle.id, elementId: r.elementId, rating: 3 });
    renderApp(`/evaluations/${cycle.id}`);
    const writeUp = await screen.findByRole('region', { name: 'Summative write-up' });
    await userEvent.setup().click(within(writeUp).getByRole('button', { name: 'Start from evidence' }));
    const section = (label: string) => (within(writeUp).getByLabelText(label) as HTMLTextAreaElement).value;
    await waitFor(() => expect(section('Strengths')).not.toBe(''));

    // Three standards have evaluative evidence about Marisol: only they get a heading, with their quotes.
    const headings = section('Strengths').match(/^### .*$/gm);
    expect(headings).toEqual(['### Mission, Vision, and Core Values', '### Curriculum, Instruction, and Assessment', '### School Improvement']);
    expect(section('Strengths')).toContain('sort interim results by standard');
    // Every standard's rating once, in the summary.
    for (const r of detail.rubric) expect(section('Summary').split(`${r.title}: Effective`)).toHaveLength(2);
    expect(section('Summary').match(/Effective/g)).toHaveLength(10);
  });
});

describe('Next steps due in the next 7 days', () => {
  it('include the seventh day, and the filter says which dates', async () => {
    const ctx = await withDemo();
    const leaderId = marisol(ctx);
    for (const [description, dueDate] of [['Due in a week', '2026-11-30'], ['Due in eight days', '2026-12-01'], ['Due today', '2026-11-23']]) {
      await ok(ctx, 'addNextStep', { leaderId, description, owner: 'leader', dueDate });
    }
    const user = userEvent.setup();
    renderApp('/next-steps');
    const due = await screen.findByLabelText('Filter by due date');
    await user.selectOptions(due, 'Due in the next 7 days (Nov 23 – Nov 30)');
    const table = await screen.findByRole('table', { name: 'Open next steps' });
    await waitFor(() => expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['Due today', 'Due in a week']));
  });
});
