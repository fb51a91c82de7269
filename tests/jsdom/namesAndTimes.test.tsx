import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { compareNames } from '../../shared/collation';
import { ok } from '../node/helpers';
import { readyToLock } from '../node/evaluationFixture';
import { captureDownloads, leaderNamed, pdfText, renderApp, withDemo } from './harness';

/** The names a new supervisor typed in: an accented school, accented leaders, an apostrophe and a hyphen. */
async function districtWithAccents(locale?: string) {
  const ctx = await withDemo(locale);
  const animo = await ok(ctx, 'addSchool', { name: 'Ánimo Juárez High', level: 'high', needTier: 'high' });
  const siobhan = await ok(ctx, 'addLeader', { name: 'Siobhán O’Connor-Nguyen', role: 'principal', schoolId: animo.id, roleStartDate: '2025-08-01', assignment: { supportTier: 'targeted' } });
  await ok(ctx, 'addLeader', { name: 'Ángel Ruiz', role: 'assistant_principal', schoolId: animo.id, roleStartDate: '2019-08-01', assignment: { supportTier: 'standard' } });
  return { ctx, animo, siobhan };
}

const rowHeaders = (table: HTMLElement) => within(table).getAllByRole('rowheader').map((h) => h.textContent ?? '');

describe('lists and names read right', () => {
  it('sorts accented names with their letter on every screen, as the core does', async () => {
    await districtWithAccents();
    const user = userEvent.setup();
    const view = renderApp('/schools');
    const schools = await screen.findByRole('table', { name: /^Schools/ });
    expect(rowHeaders(schools)[0]).toBe('Ánimo Juárez High');
    view.unmount();

    renderApp('/caseload');
    const caseload = await screen.findByRole('table', { name: /Leaders on your caseload/ });
    const leaders = within(caseload).getAllByRole('link').map((a) => a.textContent!);
    expect(leaders[0]).toBe('Ángel Ruiz');
    expect(leaders).toEqual([...leaders].sort(compareNames));
    await user.click(within(caseload).getByRole('button', { name: 'School' }));
    const firstRow = within(caseload).getAllByRole('row')[1];
    expect(within(firstRow).getAllByRole('cell')[0].textContent).toBe('Ánimo Juárez High, High need');

    await user.click(screen.getByRole('link', { name: 'Visits' }));
    await user.click(await screen.findByRole('link', { name: 'Plan a visit' }));
    const options = [...(await screen.findByLabelText('School') as HTMLSelectElement).options].map((o) => o.textContent);
    expect(options.slice(0, 2)).toEqual(['Choose…', 'Ánimo Juárez High']);
  });

  it('reads a badge as a word of its own, not run into the name beside it', async () => {
    const { ctx, siobhan } = await districtWithAccents();
    await ok(ctx, 'startEvaluationCycle', { leaderId: siobhan.id });
    const view = renderApp('/caseload');
    const caseload = await screen.findByRole('table', { name: /Leaders on your caseload/ });
    expect(within(caseload).getByRole('rowheader', { name: 'Siobhán O’Connor-Nguyen, New in role' })).toBeTruthy();
    view.unmount();
    renderApp('/evaluations');
    const cycles = await screen.findByRole('table', { name: /^Cycles in/ });
    expect(within(cycles).getByRole('cell', { name: 'Set goals, due Sep 30, 2026, Late' })).toBeTruthy();
  });

  it('names downloads with their Unicode letters and the record’s id', async () => {
    const { ctx, animo, siobhan } = await districtWithAccents();
    const cycle = await ok(ctx, 'startEvaluationCycle', { leaderId: siobhan.id });
    const plan = await ok(ctx, 'createCtaPlan', { schoolId: animo.id });
    await ok(ctx, 'saveCtaGoal', { planId: plan.id, title: 'Lectura', focusArea: 'Teaching and Learning', measure: 'Grade 9 reading', measureType: 'percentage', baseline: '40', target: '55' });
    const checkIn = await ok(ctx, 'openCtaCheckIn', { planId: plan.id, date: '2026-11-20' });
    const downloads = captureDownloads();
    const user = userEvent.setup();
    const view = renderApp(`/evaluations/${cycle.id}`);
    await user.click(await screen.findByRole('button', { name: 'Download PDF' }));
    await waitFor(() => expect(downloads.map((f) => f.name)).toEqual([`evaluation-siobhán-oconnor-nguyen-2026-27-id${cycle.id}.pdf`]));
    view.unmount();

    renderApp(`/cta/checkins/${checkIn.id}/summary`);
    await user.click(await screen.findByRole('button', { name: 'Download PDF' }));
    await waitFor(() => expect(downloads.map((f) => f.name).at(-1)).toBe(`cta-checkin-ánimo-juárez-high-2026-27-q2-id${checkIn.id}.pdf`), { timeout: 10_000 });
  });

  it('names the leader and school year of an evaluation waiting on the Sync screen', async () => {
    const { ctx, siobhan } = await districtWithAccents();
    const cycle = await ok(ctx, 'startEvaluationCycle', { leaderId: siobhan.id });
    await readyToLock(ctx, cycle.id);
    await ok(ctx, 'lockEvaluation', { cycleId: cycle.id });
    renderApp('/sync');
    const queue = await screen.findByRole('table', { name: 'Exports queued for the district' });
    expect(rowHeaders(queue)).toContain('Evaluation · Siobhán O’Connor-Nguyen, 2026–27');
  });
});

describe('dates and times', () => {
  /** A principal's evaluation signed, acknowledged and locked on the demo's today, 9:00. */
  async function lockedEvaluation(ctx: CoreContext) {
    const marisol = leaderNamed(ctx, 'Marisol Vega');
    const cycle = await ok(ctx, 'startEvaluationCycle', { leaderId: marisol });
    await readyToLock(ctx, cycle.id);
    await ok(ctx, 'lockEvaluation', { cycleId: cycle.id });
    return cycle.id;
  }

  it('come in one date and one time format, the supervisor’s locale’s, on screens, in PDFs and in export titles', async () => {
    const ctx = await withDemo('en-GB');
    const cycleId = await lockedEvaluation(ctx);
    const riverbend = ctx.db.prepare(`SELECT id FROM schools WHERE name = 'Riverbend High School'`).pluck().get() as number;
    const visit = await ok(ctx, 'planVisit', { date: '2026-11-23', startTime: '13:30', endTime: '15:00', schoolId: riverbend, leaderIds: [], type: 'walkthrough', purpose: '', focus: '', evidenceKind: 'coaching' });
    await ok(ctx, 'queueCaseloadRoster');
    const downloads = captureDownloads();
    const user = userEvent.setup();

    let view = renderApp('/dashboard');
    expect((await screen.findByText(/^Monday, 23 Nov 2026 · School year/)).textContent).toContain('Monday, 23 Nov 2026');
    expect(screen.getByRole('link', { name: /^13:30–15:00 · Riverbend High School$/ })).toBeTruthy();
    view.unmount();

    // A note's save time: hours and minutes in the same clock, no seconds, no AM/PM.
    view = renderApp(`/visits/${visit.id}`);
    expect(await screen.findByText(/Monday, 23 Nov 2026, 13:30–15:00/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add a note' }));
    await user.type(await screen.findByLabelText('Note'), 'Walked every classroom.');
    await waitFor(() => expect(screen.getAllByRole('status').some((s) => /^Saved at \d{1,2}:\d{2} · /.test(s.textContent!))).toBe(true), { timeout: 4000 });
    view.unmount();

    // The signature's time reads the same on the screen and in the PDF.
    view = renderApp(`/evaluations/${cycleId}`);
    const signOff = await screen.findByRole('region', { name: 'Sign-off' });
    const signed = within(signOff).getByText(/^Robin Diaz, /).textContent!;
    expect(signed).toBe('Robin Diaz, 23 Nov 2026, 9:00');
    await user.click(within(signOff).getByRole('button', { name: 'Download PDF' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const pdf = await pdfText(downloads[0].blob);
    // The same date and time, with the zone said on paper that leaves the computer.
    expect(pdf).toContain('signed 23 Nov 2026, 9:00 UTC');
    expect(pdf).toContain('Locked 23 Nov 2026, 9:00 UTC');
    expect(pdf).not.toMatch(/Nov 23|09:00/);
    view.unmount();

    // The export's title, as the Sync screen lists it.
    renderApp('/sync');
    const queue = await screen.findByRole('table', { name: 'Exports queued for the district' });
    expect(rowHeaders(queue)).toContain('Caseload roster · Caseload on 23 Nov 2026');
  });

  it('follow the format chosen in Settings on every screen', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/settings');
    const form = await screen.findByRole('form', { name: 'Your profile' });
    const format = within(form).getByLabelText('Dates and times') as HTMLSelectElement;
    expect(format.selectedOptions[0].textContent).toBe('English (United States): Dec 2, 2026, 5:16 PM');
    await user.selectOptions(format, 'English (United Kingdom): 2 Dec 2026, 17:16');
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    await user.click(screen.getByRole('link', { name: 'Dashboard' }));
    expect(await screen.findByText(/^Monday, 23 Nov 2026 · School year/)).toBeTruthy();
  });
});
