import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { syncBuiltinFrameworks } from '../../electron/core/services/settings/frameworks';
import type { FrameworkInfo } from '../../shared/settings/model';
import { useFrameworks } from '../../renderer/stores/frameworks';
import { renderApp, withDemo } from './harness';

async function settingsWithFrameworks(): Promise<CoreContext> {
  const ctx = await withDemo();
  syncBuiltinFrameworks(ctx);
  return ctx;
}

const frameworksIn = async (ctx: CoreContext) => ((await dispatch(ctx, 'listFrameworks', {})) as { value: FrameworkInfo[] }).value;
const checked = (el: HTMLElement) => (el as HTMLInputElement).checked;
const jsonFile = (content: unknown, name = 'district.json') =>
  new File([typeof content === 'string' ? content : JSON.stringify(content)], name, { type: 'application/json' });

describe('leadership frameworks in Settings', () => {
  it('lists the shipped frameworks with their size and source', async () => {
    await settingsWithFrameworks();
    renderApp('/settings');
    const section = await screen.findByRole('region', { name: 'Leadership frameworks' });
    const psel = await within(section).findByRole('checkbox', { name: 'Use PSEL 2015 for tagging' });
    expect(checked(psel)).toBe(true);
    const item = psel.closest('li')!;
    expect(item.textContent).toContain('10 elements');
    expect(item.textContent).toContain('National Policy Board for Educational Administration');
    expect(within(section).getAllByRole('checkbox')).toHaveLength(6);
  });

  it('an invalid file shows every problem and imports nothing', async () => {
    const ctx = await settingsWithFrameworks();
    const user = userEvent.setup();
    renderApp('/settings');
    await screen.findByRole('checkbox', { name: 'Use PSEL 2015 for tagging' });
    const bad = { id: 'lakeside', source: 'Lakeside USD', version: '1', elements: [{ id: 'Vision', title: 'Vision', description: 'Clear picture.' }] };
    await user.upload(screen.getByLabelText('Import a district framework (JSON)'), jsonFile(bad));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Nothing was imported');
    const problems = within(alert).getAllByRole('listitem').map((li) => li.textContent);
    expect(problems).toEqual(['name: required', expect.stringMatching(/^elements\[0\]\.id: use lower-case letters/)]);
    expect(await frameworksIn(ctx)).toHaveLength(6);
    expect(screen.getAllByRole('checkbox')).toHaveLength(6);
  });

  it('imports a valid district file and lists it; a shipped id is refused with the reason', async () => {
    const ctx = await settingsWithFrameworks();
    const user = userEvent.setup();
    renderApp('/settings');
    await screen.findByRole('checkbox', { name: 'Use PSEL 2015 for tagging' });
    const district = {
      id: 'lakeside-leadership', name: 'Lakeside standards', source: 'Lakeside USD', version: '2026',
      elements: [{ id: 'vision', title: 'Vision', description: 'Clear picture of strong teaching.' }],
    };
    await user.upload(screen.getByLabelText('Import a district framework (JSON)'), jsonFile(district));
    expect((await screen.findByRole('status')).textContent).toBe('Imported Lakeside standards (1 element).');
    expect(checked(await screen.findByRole('checkbox', { name: 'Use Lakeside standards for tagging' }))).toBe(true);
    expect((await frameworksIn(ctx)).map((f) => f.id)).toContain('lakeside-leadership');

    await user.upload(screen.getByLabelText('Import a district framework (JSON)'), jsonFile({ ...district, id: 'psel-2015' }));
    expect((await screen.findByRole('alert')).textContent).toContain('comes with Fieldbook');
  });

  it('unticking a framework stops it being used for tagging, and that survives a reload', async () => {
    const ctx = await settingsWithFrameworks();
    const user = userEvent.setup();
    const { unmount } = renderApp('/settings');
    await user.click(await screen.findByRole('checkbox', { name: 'Use CEL Principal Support Framework for tagging' }));
    await waitFor(async () => expect((await frameworksIn(ctx)).find((f) => f.id === 'cel-principal-support')?.active).toBe(false));
    expect(checked(screen.getByRole('checkbox', { name: 'Use CEL Principal Support Framework for tagging' }))).toBe(false);

    unmount();
    // Forget what the screen held, so the ticks come from the core again.
    useFrameworks.setState({ data: null, loaded: false, error: null });
    renderApp('/settings');
    await screen.findByRole('checkbox', { name: 'Use PSEL 2015 for tagging' });
    expect(checked(screen.getByRole('checkbox', { name: 'Use CEL Principal Support Framework for tagging' }))).toBe(false);
    expect(checked(screen.getByRole('checkbox', { name: 'Use PSEL 2015 for tagging' }))).toBe(true);
  });
});
