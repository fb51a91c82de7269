import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { connectCore, renderApp } from './harness';

describe('first start', () => {
  it('shows what is missing next to the field, then opens the dashboard', async () => {
    const ctx = connectCore();
    const user = userEvent.setup();
    const view = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Save and continue' }));
    const name = screen.getByLabelText('Your name');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(name.getAttribute('aria-describedby')!)!.textContent).toBe('Enter your name');
    expect(await dispatch(ctx, 'getSettings', {})).toMatchObject({ ok: true, value: null });

    await user.type(name, 'Robin Diaz');
    expect(name.getAttribute('aria-invalid')).toBeNull();
    await user.type(screen.getByLabelText('District'), 'Lakeside');
    const email = screen.getByLabelText('Your work email');
    await user.type(email, 'robin at lakeside');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(email.getAttribute('aria-describedby')!)!.textContent).toBe('Enter a valid email address, like name@district.org');
    expect(await dispatch(ctx, 'getSettings', {})).toMatchObject({ ok: true, value: null });

    await user.clear(email);
    await user.type(email, 'Robin.Diaz@Lakeside.example');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(await screen.findByRole('heading', { name: 'Good to see you, Robin' })).toBeTruthy();
    expect(await dispatch(ctx, 'getSettings', {})).toMatchObject({ ok: true, value: { supervisorEmail: 'robin.diaz@lakeside.example' } });
    expect(screen.getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBe('page');
    view.unmount();
  });

  it('asks a profile saved before the email existed for it in Settings, and keeps the rest', async () => {
    const ctx = connectCore();
    ctx.db.prepare(`INSERT INTO settings (id, supervisor_name, district, target_ratio, school_year_start_month, updated_at) VALUES (1, 'Robin Diaz', 'Lakeside USD', 5, 7, '2026-01-01T00:00:00.000Z')`).run();
    const user = userEvent.setup();
    renderApp('/settings');
    const email = await screen.findByLabelText('Your work email');
    expect((email as HTMLInputElement).value).toBe('');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(email.getAttribute('aria-describedby')!)!.textContent).toBe('Enter your work email');
    await user.type(email, 'robin.diaz@lakeside.example');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(await dispatch(ctx, 'getSettings', {})).toMatchObject({ ok: true, value: { supervisorName: 'Robin Diaz', supervisorEmail: 'robin.diaz@lakeside.example' } });
  });

  it('keeps this computer’s time zone unless another is chosen, for calendar files and signature times', async () => {
    const ctx = connectCore();
    const user = userEvent.setup();
    renderApp();
    const zone = (await screen.findByLabelText('Time zone')) as HTMLSelectElement;
    expect(zone.selectedOptions[0].textContent).toBe(`This computer’s time zone (${Intl.DateTimeFormat().resolvedOptions().timeZone})`);
    await user.type(screen.getByLabelText('Your name'), 'Robin Diaz');
    await user.type(screen.getByLabelText('District'), 'Lakeside');
    await user.type(screen.getByLabelText('Your work email'), 'robin.diaz@lakeside.example');
    await user.selectOptions(zone, 'America/Chicago');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    await screen.findByRole('heading', { name: 'Good to see you, Robin' });
    expect(await dispatch(ctx, 'getSettings', {})).toMatchObject({ ok: true, value: { timeZone: 'America/Chicago' } });
  });

  it('keeps what was typed in an unsaved form after the window closes', async () => {
    connectCore();
    const user = userEvent.setup();
    const first = renderApp();
    await user.type(await screen.findByLabelText('Your name'), 'Robin');
    first.unmount();
    renderApp();
    expect(((await screen.findByLabelText('Your name')) as HTMLInputElement).value).toBe('Robin');
  });

  it('loads the demo district from the first-start screen', async () => {
    connectCore();
    renderApp();
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Load demo data' }));
    expect(await screen.findByRole('heading', { name: 'Good to see you, Jordan' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Caseload ratio' }).textContent).toContain('5 principals, target 5:1');
    // Each leader who needs more time is listed once, with every reason.
    const needs = within(screen.getByRole('region', { name: 'Who needs more of your time' })).getAllByRole('listitem');
    const marisol = needs.filter((li) => li.textContent!.startsWith('Marisol Vega'));
    expect(marisol).toHaveLength(1);
    expect(marisol[0].textContent).toBe('Marisol Vega: new in role (1 full year); at Cedar Grove Elementary, a high-need school; visit every 7 days');
  });
});
