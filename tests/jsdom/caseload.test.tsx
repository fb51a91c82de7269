import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { getCaseload } from '../../electron/core/services/caseload/caseload';
import { renderApp, withDemo } from './harness';

const leaderNames = () =>
  within(screen.getByRole('table')).getAllByRole('rowheader').map((h) => within(h).getByRole('link').textContent);

describe('caseload screen', () => {
  it('filters by role, tier and search, and sorts by a column', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/caseload');
    await screen.findByRole('table');
    expect(leaderNames()).toHaveLength(8);

    await user.selectOptions(screen.getByLabelText('Role'), 'Assistant principal');
    expect(leaderNames()).toEqual(['Keisha Thompson', 'Owen Castillo']);
    await user.selectOptions(screen.getByLabelText('Support tier'), 'Targeted');
    expect(leaderNames()).toEqual(['Keisha Thompson']);
    await user.selectOptions(screen.getByLabelText('Role'), 'All roles');
    await user.selectOptions(screen.getByLabelText('Support tier'), 'All tiers');
    await user.type(screen.getByLabelText('Search by name, school or email'), 'mesa verde');
    expect(leaderNames()).toEqual(['Anh Nguyen', 'Leah Goldberg']);
    await user.clear(screen.getByLabelText('Search by name, school or email'));

    const years = screen.getByRole('button', { name: 'Years in role' });
    await user.click(years);
    expect(leaderNames()[0]).toBe('Leah Goldberg');
    await user.click(years);
    expect(leaderNames()[0]).toBe('Patricia Okafor');
    expect(years.closest('th')!.getAttribute('aria-sort')).toBe('descending');
  });

  it('warns when principals exceed the target, and updates when the core changes', async () => {
    const ctx = await withDemo();
    renderApp('/caseload');
    const ratio = await screen.findByRole('region', { name: 'Caseload ratio' });
    expect(ratio.textContent).toContain('5 principals, target 5:1');
    expect(ratio.textContent).not.toContain('Above target');
    await userEvent.setup().click(screen.getByRole('link', { name: 'Settings' }));
    const target = await screen.findByLabelText('Target principals per supervisor');
    await userEvent.setup().clear(target);
    await userEvent.setup().type(target, '4');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByRole('status');
    window.location.hash = '/caseload';
    await waitFor(() => expect(screen.getByRole('region', { name: 'Caseload ratio' }).textContent).toContain('5 principals, target 4:1'));
    expect(screen.getByRole('region', { name: 'Caseload ratio' }).textContent).toContain('1 principal above your target of 4');
    expect((await dispatch(ctx, 'getSettings', {})).ok).toBe(true);
  });

  it('shows a bad cadence next to its field and keeps the old one', async () => {
    const ctx = await withDemo();
    const user = userEvent.setup();
    renderApp('/caseload');
    await user.click(await screen.findByRole('link', { name: 'Samuel Reyes' }));
    const cadence = await screen.findByLabelText('Visit every (days)');
    await user.clear(cadence);
    await user.type(cadence, '400');
    await user.click(screen.getByRole('button', { name: 'Save support' }));
    await waitFor(() => expect(cadence.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(cadence.getAttribute('aria-describedby')!)!.textContent).toMatch(/365/);
    expect(getCaseload(ctx).entries.find((e) => e.leader.name === 'Samuel Reyes')!.assignment!.cadenceDays).toBe(28);
  });
});

describe('roster import screen', () => {
  it('lists each bad row with its line and column, and only allows an import once all rows are right', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/caseload/import');
    const box = await screen.findByLabelText(/Roster contents/);
    await user.click(box);
    await user.paste('name,role,role_start_date,school_name\nZoe Park,principal,2020-08-01,Riverbend High School\nBad Row,principal,someday,Riverbend High School\n');
    await user.click(screen.getByRole('button', { name: 'Preview import' }));
    expect(await screen.findByText('Line 3, role_start_date: Enter the date they started in this role as a date, for example 2024-08-01')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Import' }) as HTMLButtonElement).disabled).toBe(true);

    await user.clear(box);
    await user.paste('name,role,role_start_date,school_name\nZoe Park,principal,2020-08-01,Riverbend High School\n');
    await user.click(screen.getByRole('button', { name: 'Preview import' }));
    await user.click(await screen.findByRole('button', { name: 'Import 1 leader' }));
    expect((await screen.findByText(/Imported 1 leader and 0 new schools/)).textContent).toBeTruthy();
  });

  it('reads a Windows-1252 file from Excel, says so, and shows each start date as read beside what was typed', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/caseload/import');
    // "José Núñez" and "François Œuvre" as Excel's plain "CSV (Comma delimited)" writes them on Windows.
    const latin = (s: string) => Array.from(s, (c) => (c === 'Œ' ? 0x8c : c.charCodeAt(0)));
    const bytes = Uint8Array.from(latin('name,role,role_start_date,school_name\r\nJosé Núñez,principal,01/08/2024,Riverbend High School\r\n,,,\r\nFrançois Œuvre,principal,2020-08-01,Riverbend High School\r\n'));
    await user.upload(await screen.findByLabelText('Roster CSV file'), new File([bytes], 'roster.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Preview import' }));
    expect(await screen.findByText('This file is not UTF-8; read as Western European (Windows-1252). Check the names below.')).toBeTruthy();
    expect(screen.getByText('Dates such as 01/08/2024 are read month first (January 8, 2024), as US spreadsheets write them. Check the dates below.')).toBeTruthy();
    const table = screen.getByRole('table', { name: /Rows in the file \(2\)/ });
    expect(within(table).getByRole('row', { name: /José Núñez/ }).textContent).toContain('Jan 8, 2024 (typed 01/08/2024)');
    expect(within(table).getByRole('row', { name: /François Œuvre/ }).textContent).toContain('Aug 1, 2020');
    await user.click(screen.getByRole('button', { name: 'Import 2 leaders' }));
    expect(await screen.findByText(/Imported 2 leaders and 0 new schools/)).toBeTruthy();
  });
});

describe('long tables', () => {
  it('previews a roster of thousands a window at a time, the rows to fix first', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/caseload/import');
    const lines = ['name,role,role_start_date,school_name,school_level,need_tier'];
    for (let i = 1; i <= 3000; i++) lines.push(`Leader ${i},principal,${i === 2900 ? 'someday' : '2020-08-01'},School ${i},elementary,moderate`);
    const box = await screen.findByLabelText(/Roster contents/);
    await user.click(box);
    await user.paste(lines.join('\n'));
    await user.click(screen.getByRole('button', { name: 'Preview import' }));
    const table = await screen.findByRole('table', { name: /Rows in the file \(3000\), rows with problems first/ });
    expect(table.getAttribute('aria-rowcount')).toBe('3001');
    const drawn = within(table).getAllByRole('rowheader');
    expect(drawn.length).toBeLessThan(200);
    // Line 2901 of the file (the 2,900th leader) is the one to fix, and it is at the top.
    expect(drawn[0].textContent).toBe('Leader 2900');
    expect(within(table).getByText(/^Line 2901, role_start_date:/)).toBeTruthy();
  });

  it('lists hundreds of schools a window at a time', async () => {
    const ctx = await withDemo();
    for (let i = 1; i <= 600; i++) await dispatch(ctx, 'addSchool', { name: `Academy ${String(i).padStart(3, '0')}`, level: 'elementary', needTier: 'moderate' });
    renderApp('/schools');
    const table = await screen.findByRole('table', { name: /^Schools \(\d+\)$/ });
    const total = Number(/\((\d+)\)/.exec(table.querySelector('caption')!.textContent!)![1]);
    expect(total).toBeGreaterThan(600);
    expect(table.getAttribute('aria-rowcount')).toBe(String(total + 1));
    expect(within(table).getAllByRole('rowheader').length).toBeLessThan(200);
    expect(screen.getByRole('form', { name: 'Add a school' })).toBeTruthy();
  });
});
