import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parseISO } from 'date-fns';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { dispatch } from '../../electron/core/dispatch';
import { markCleanShutdown } from '../../electron/core/backup/cleanShutdown';
import { DB_FILENAME } from '../../electron/core/db/connection';
import { deepPages, overwritePages } from '../node/damage';
import { demoFileCore, renderApp } from './harness';

let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

/** A core over a real data folder, since backups and restore work on files. */
const fileCore = async (dataDir?: string): Promise<Core> => (core = await demoFileCore(dataDir));

const schoolNames = async (c: Core) => ((await dispatch(c.ctx, 'listSchools', {})) as { value: { name: string }[] }).value.map((s) => s.name);

describe('the data file checked in the background', () => {
  it('says on every screen what to do when the check finds damage', async () => {
    const first = await fileCore();
    const deep = deepPages(first.ctx);
    const { dataDir } = first.ctx;
    first.close();
    // Damage a failing disk could do without changing the file's timestamps.
    const file = path.join(dataDir, DB_FILENAME);
    overwritePages(file, deep);
    markCleanShutdown(file, parseISO('2026-11-23T08:00:00'));

    // fileCore waits for the start-up backup, which waits for the background read.
    await fileCore(dataDir);
    renderApp('/dashboard');
    expect(await screen.findByRole('heading', { name: 'Today' })).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toMatch(/found damage in its data file[\s\S]*Quit Fieldbook/);
    // Settings → Backups says it too, and that today's automatic backup was not taken from the damaged file.
    window.location.hash = '/settings';
    const section = await screen.findByRole('region', { name: 'Backups' });
    const alerts = await within(section).findAllByRole('alert');
    expect(alerts.map((a) => a.textContent)).toEqual([
      expect.stringMatching(/automatic backup was not taken/),
      expect.stringMatching(/found damage in its data file/),
    ]);
  });
});

describe('Backups in Settings', () => {
  it('backs up now, shows the new backup in the list, and checks the passphrase is typed twice the same', async () => {
    await fileCore();
    const user = userEvent.setup();
    renderApp('/settings');
    const section = await screen.findByRole('region', { name: 'Backups' });
    const list = await within(section).findByRole('table', { name: 'Backups' });
    expect(within(list).getAllByText('Weekly (automatic)')).toHaveLength(1);
    expect(within(section).getByText(/^Fieldbook's data file was last read in full and found sound on /)).toBeTruthy();
    expect(within(list).queryByText('Backed up now')).toBeNull();

    const form = within(section).getByRole('form', { name: 'Back up now' });
    await user.type(within(form).getByLabelText('Passphrase (optional)'), 'correct horse');
    await user.type(within(form).getByLabelText('Type the passphrase again'), 'correct hose');
    await user.click(within(form).getByRole('button', { name: 'Back up now' }));
    expect(await within(form).findByText('The two passphrases are not the same')).toBeTruthy();
    expect(within(list).queryByText('Backed up now')).toBeNull();

    await user.clear(within(form).getByLabelText('Type the passphrase again'));
    await user.type(within(form).getByLabelText('Type the passphrase again'), 'correct horse');
    await user.click(within(form).getByRole('button', { name: 'Back up now' }));
    expect((await within(form).findByRole('status')).textContent).toMatch(/Backed up to .*fieldbook-manual-.*\.enc \(encrypted\)/);
    const row = (await within(section).findByText('Backed up now')).closest('tr')!;
    expect(within(row).getByText('Yes')).toBeTruthy();

    await user.type(within(form).getByLabelText('Folder (optional)'), '/no/such/folder/anywhere');
    await user.click(within(form).getByRole('button', { name: 'Back up now' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('There is no folder at that path');
  });

  it('restores only after a confirmation that says the current data is kept, then every screen shows the restored data', async () => {
    const c = await fileCore();
    const user = userEvent.setup();
    const made = (await dispatch(c.ctx, 'backUpNow', {})) as { value: { name: string } };
    await dispatch(c.ctx, 'addSchool', { name: 'Added After Backup', level: 'high', needTier: 'low' });
    renderApp('/settings');
    const section = await screen.findByRole('region', { name: 'Backups' });
    await user.click(await within(section).findByRole('button', { name: `Restore the backup ${made.value.name}` }));
    const form = within(section).getByRole('form', { name: 'Restore a backup' });
    expect((within(form).getByLabelText('Backup file') as HTMLInputElement).value).toMatch(/fieldbook-manual-/);

    await user.click(within(form).getByRole('button', { name: 'Restore…' }));
    const confirm = within(form).getByRole('alertdialog');
    expect(confirm.textContent).toMatch(/current data is kept as a backup/);
    expect(await schoolNames(c)).toContain('Added After Backup'); // nothing happened yet
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(within(form).queryByRole('alertdialog')).toBeNull();
    expect(await schoolNames(c)).toContain('Added After Backup');

    await user.click(within(form).getByRole('button', { name: 'Restore…' }));
    await user.click(within(form).getByRole('button', { name: 'Yes, restore this backup' }));
    expect((await within(form).findByRole('status')).textContent).toMatch(/kept in .*fieldbook-before-restore-/);
    expect(await schoolNames(c)).not.toContain('Added After Backup');
    await waitFor(() => expect(within(section).getByText('Kept before a restore')).toBeTruthy());
  });

  it('saves how many daily and weekly backups to keep, with errors at the field', async () => {
    const c = await fileCore();
    const user = userEvent.setup();
    renderApp('/settings');
    const form = await screen.findByRole('form', { name: 'How many backups to keep' });
    const daily = within(form).getByLabelText('Daily backups to keep');
    await user.clear(daily);
    await user.type(daily, '0');
    await user.click(within(form).getByRole('button', { name: 'Save backup settings' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Keep at least 1 daily backup');
    await user.clear(daily);
    await user.type(daily, '10');
    await user.click(within(form).getByRole('button', { name: 'Save backup settings' }));
    await screen.findByText('Backup settings saved.'); // the form is rebuilt from the saved settings
    expect(await dispatch(c.ctx, 'getBackupSettings', {})).toMatchObject({ value: { keepDaily: 10, keepWeekly: 4 } });
    expect((screen.getByLabelText('Daily backups to keep') as HTMLInputElement).value).toBe('10');
  });
});
