import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { leaderNamed, renderApp, withDemo } from './harness';

/** The demo district on 2026-11-23: Darnell (medium risk, unsure) and Anh (low risk) have had a conversation. */

const leaderId = leaderNamed;
const schoolId = (ctx: CoreContext, name: string) => (ctx.db.prepare(`SELECT id FROM schools WHERE name = ?`).get(name) as { id: number }).id;
const rowsOf = (table: HTMLElement) => within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('link')[0].textContent);

describe('the retention view', () => {
  it('lists the caseload by the supervisor’s risk with explained signals, follow-ups, who has had no conversation, and succession', async () => {
    await withDemo();
    renderApp('/retention');
    const table = await screen.findByRole('table', { name: 'Caseload by risk, highest first' });
    const order = rowsOf(table);
    expect(order[0]).toBe('Darnell Brooks');
    expect(order.at(-1)).toBe('Anh Nguyen');
    expect(order).not.toContain('Leah Goldberg'); // aspiring leaders are in succession, not the caseload by risk
    const marisol = within(table).getByRole('list', { name: 'Signals for Marisol Vega' });
    expect(marisol.textContent).toMatch(/New in role\..*within their first three years/);
    expect(marisol.textContent).toMatch(/High-need school\. Leads at Cedar Grove Elementary/);
    expect(within(table).getByRole('list', { name: 'Signals for Darnell Brooks' }).textContent).toMatch(/Intent to stay\. “Unsure” in the conversation of Nov 8, 2026/);

    const followUps = screen.getByRole('list', { name: 'Retention follow-ups' });
    expect(followUps.textContent).toMatch(/Darnell Brooks — follow-up due Dec 3, 2026/);
    const noTalk = screen.getByRole('list', { name: 'Leaders with no conversation this school year' });
    expect(within(noTalk).getByRole('link', { name: 'Marisol Vega' })).toBeTruthy();
    expect(within(noTalk).queryByRole('link', { name: 'Darnell Brooks' })).toBeNull();
    expect(screen.getByRole('list', { name: 'Possible successors at Mesa Verde Middle School' }).textContent).toMatch(/Leah Goldberg.*Ready in 1–2 years/);
    // Confidential by default: nothing leaves, and the summary cannot be sent.
    expect(screen.getByRole('region', { name: 'Sent to the district' }).textContent).toMatch(/^Sent to the districtNothing\./);
    expect(screen.getByRole('button', { name: 'Send a retention summary' }).hasAttribute('disabled')).toBe(true);
  });

  it('holds a conversation from the keyboard: bad input is shown at its field and saves nothing; the plan and follow-up follow', async () => {
    const ctx = await withDemo();
    const user = userEvent.setup();
    const vega = leaderId(ctx, 'Marisol Vega');
    renderApp(`/leaders/${vega}`);
    await user.click(await screen.findByRole('link', { name: 'Hold a retention conversation' }));
    const form = await screen.findByRole('form', { name: 'Conversation with Marisol Vega' });
    const count = () => ctx.db.prepare(`SELECT count(*) FROM retention_conversations`).pluck().get();
    const before = count();

    await user.click(within(form).getByRole('button', { name: 'Record conversation' }));
    expect((await within(form).findByText(/Record something from the conversation/)).closest('.field')?.querySelector('textarea')?.getAttribute('aria-invalid')).toBe('true');

    await user.selectOptions(within(form).getByLabelText('Intent to stay next year'), 'Unsure');
    await user.click(within(form).getByLabelText('Workload and time'));
    await user.type(within(form).getByLabelText('Threats to sustainability they named'), 'The master schedule rebuild eats her evenings.');
    await user.type(within(form).getByLabelText('Follow-up date'), '2026-11-01');
    await user.click(within(form).getByRole('button', { name: 'Record conversation' }));
    expect(await within(form).findByText('The follow-up can’t be before the conversation')).toBeTruthy();
    expect(within(form).getByLabelText('Follow-up date').getAttribute('aria-invalid')).toBe('true');
    expect(count()).toBe(before);

    await user.clear(within(form).getByLabelText('Follow-up date'));
    await user.type(within(form).getByLabelText('Follow-up date'), '2026-11-26');
    await user.selectOptions(within(form).getByLabelText('Your judgement of risk'), 'High');
    await user.type(within(form).getByLabelText('Why this risk level'), 'Unsure and stretched thin in her first year');
    await user.click(within(form).getByRole('button', { name: 'Add an action' }));
    await user.type(within(form).getByLabelText('Action 1'), 'Hand the master schedule to the AP');
    await user.click(within(form).getByRole('button', { name: 'Record conversation' }));

    await screen.findByRole('heading', { level: 1, name: 'Stay conversation with Marisol Vega' });
    expect(screen.getByRole('list', { name: 'Plan of support' }).textContent).toMatch(/Hand the master schedule to the AP \(Me\)/);
    const add = screen.getByRole('form', { name: 'Add to the plan of support' });
    await user.type(within(add).getByLabelText('Action'), 'Protect Thursday evenings');
    await user.selectOptions(within(add).getByLabelText('Owner'), 'The leader');
    await user.click(within(add).getByRole('button', { name: 'Add to plan' }));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Plan of support' }).textContent).toMatch(/Protect Thursday evenings \(The leader\)/));

    cleanup();
    renderApp('/dashboard');
    const due = await screen.findByRole('list', { name: 'Retention follow-ups due' });
    expect(due.textContent).toMatch(/Marisol Vega — follow-up due Nov 26, 2026/);
    cleanup();
    renderApp(`/leaders/${vega}`);
    const section = await screen.findByRole('region', { name: 'Retention, Confidential' });
    await within(section).findByText(/High risk, judged Nov 23, 2026: Unsure and stretched thin/);
    expect(within(section).getByRole('list', { name: 'Retention conversations with Marisol Vega' }).textContent).toMatch(/Nov 23, 2026, stay conversation · Unsure · plan of support: Hand the master schedule to the AP; Protect Thursday evenings/);
    await user.click(within(section).getByText(/^Changes to retention records/));
    expect(within(section).getByRole('list', { name: 'Changes to retention records' }).textContent).toMatch(/plan of support action added.*risk judged.*conversation recorded/s);
  });

  it('names a possible successor at a school from the keyboard; a missing school is shown at its field', async () => {
    const ctx = await withDemo();
    const user = userEvent.setup();
    renderApp('/retention');
    const form = await screen.findByRole('form', { name: 'Name a possible successor' });
    await user.selectOptions(within(form).getByLabelText('Aspiring leader'), 'Leah Goldberg · Mesa Verde Middle School');
    await user.click(within(form).getByRole('button', { name: 'Save successor' }));
    expect(within(form).getByLabelText('School').getAttribute('aria-invalid')).toBe('true');
    await user.selectOptions(within(form).getByLabelText('School'), 'Cedar Grove Elementary');
    await user.selectOptions(within(form).getByLabelText('Readiness'), 'Ready now');
    await user.click(within(form).getByRole('button', { name: 'Save successor' }));
    const list = await screen.findByRole('list', { name: 'Possible successors at Cedar Grove Elementary' });
    expect(list.textContent).toMatch(/Leah Goldberg \(now at Mesa Verde Middle School\): Ready now/);
    // Where a departure is planned for: the school's own page says who could step in.
    cleanup();
    renderApp(`/schools/${schoolId(ctx, 'Cedar Grove Elementary')}`);
    const here = await screen.findByRole('region', { name: 'Succession, Confidential' });
    expect(within(here).getByRole('list', { name: 'Possible successors at Cedar Grove Elementary' }).textContent).toMatch(/Leah Goldberg.*Ready now/);
  });

  it('keeps a conversation being typed as a draft through a restart', async () => {
    const ctx = await withDemo();
    const user = userEvent.setup();
    const vega = leaderId(ctx, 'Marisol Vega');
    renderApp(`/retention/new?leader=${vega}`);
    const form = await screen.findByRole('form', { name: 'Conversation with Marisol Vega' });
    await user.type(within(form).getByLabelText('What would help'), 'Time at her son’s games');
    cleanup();
    renderApp(`/retention/new?leader=${vega}`);
    const again = await screen.findByRole('form', { name: 'Conversation with Marisol Vega' });
    expect((within(again).getByLabelText('What would help') as HTMLTextAreaElement).value).toBe('Time at her son’s games');
    localStorage.clear();
  });
});

describe('retention consent where exports are configured', () => {
  it('shows each target’s choice, nothing by default, and lets the supervisor send counts only', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/sync');
    const form = await screen.findByRole('form', { name: 'Add a target' });
    const consent = within(form).getByLabelText('Retention records') as HTMLSelectElement;
    expect(consent.selectedOptions[0].textContent).toBe('Nothing: retention stays on this computer');
    await user.type(within(form).getByLabelText('Name'), 'District drive');
    await user.type(within(form).getByLabelText('Folder'), fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-retention-')));
    await user.selectOptions(consent, 'Counts only: by risk level and intent, no names');
    await user.click(within(form).getByRole('button', { name: 'Add target' }));
    const card = await screen.findByRole('listitem', { name: /District drive/ });
    expect(within(card).getByText('Retention records: counts only, no names.')).toBeTruthy();

    cleanup();
    renderApp('/retention');
    const region = await screen.findByRole('region', { name: 'Sent to the district' });
    expect(region.textContent).toMatch(/District drive: counts only, no names/);
    await user.click(within(region).getByRole('button', { name: 'Send a retention summary' }));
    expect((await within(region).findByRole('status')).textContent).toMatch(/Queued: Retention summary · Caseload on Nov 23, 2026/);
  });
});
