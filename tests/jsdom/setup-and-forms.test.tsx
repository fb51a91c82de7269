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
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(await screen.findByRole('heading', { name: 'Good to see you, Robin' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBe('page');
    view.unmount();
  });

  it('keeps this computer’s time zone unless another is chosen, for calendar files and signature times', async () => {
    const ctx = connectCore();
    const user = userEvent.setup();
    renderApp();
    const zone = (await screen.findByLabelText('Time zone')) as HTMLSelectElement;
    expect(zone.selectedOptions[0].textContent).toBe(`This computer’s time zone (${Intl.DateTimeFormat().resolvedOptions().timeZone})`);
    await user.type(screen.getByLabelText('Your name'), 'Robin Diaz');
    await user.type(screen.getByLabelText('District'), 'Lakeside');
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
