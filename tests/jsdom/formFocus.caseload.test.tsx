import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { ok } from '../node/helpers';
import { focusIs, focusOnConfirmation, focusOnHeading } from './focus';
import { connectCore, demoFileCore, leaderNamed, renderApp, withDemo } from './harness';

/**
 * After every form is sent the keyboard focus is on its outcome, never on the page: the first field
 * in error after a refusal; the new record, its page or the confirmation after a save. Caseload,
 * visits, settings, backups and the lock.
 */

describe('focus after the caseload’s forms', () => {
  it('Add a school and Edit a school', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/schools');
    let form = await screen.findByRole('form', { name: 'Add a school' });
    await user.click(within(form).getByRole('button', { name: 'Add school' }));
    await focusIs(within(form).getByLabelText('School name'));
    await user.type(within(form).getByLabelText('School name'), 'Ánimo Juárez High');
    await user.selectOptions(within(form).getByLabelText('Level'), 'High');
    await user.selectOptions(within(form).getByLabelText('Need tier'), 'High need');
    await user.click(within(form).getByRole('button', { name: 'Add school' }));
    await focusOnConfirmation('Added Ánimo Juárez High.');

    await user.click(screen.getByRole('button', { name: 'Edit Cedar Grove Elementary' }));
    form = screen.getByRole('form', { name: 'Edit Cedar Grove Elementary' });
    await user.clear(within(form).getByLabelText('School name'));
    await user.click(within(form).getByRole('button', { name: 'Save school' }));
    await focusIs(within(form).getByLabelText('School name'));
    await user.type(within(form).getByLabelText('School name'), 'Cedar Grove Community School');
    await user.click(within(form).getByRole('button', { name: 'Save school' }));
    await focusOnConfirmation('Saved Cedar Grove Community School.');
  });

  it('Add leader', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/caseload/add-leader');
    const form = await screen.findByRole('form', { name: 'Add a leader' });
    await user.click(within(form).getByRole('button', { name: 'Add leader' }));
    await focusIs(within(form).getByLabelText('Name'));
    await user.type(within(form).getByLabelText('Name'), 'Tomás Rivera');
    await user.selectOptions(within(form).getByLabelText('Role'), 'Principal');
    await user.selectOptions(within(form).getByLabelText('School'), 'Cedar Grove Elementary');
    await user.type(within(form).getByLabelText('Started in this role on'), '2021-08-01');
    await user.click(within(form).getByRole('button', { name: 'Add leader' }));
    await focusOnHeading(1, 'Tomás Rivera');
  });

  it('a leader’s details and support', async () => {
    const ctx = await withDemo();
    const marisol = leaderNamed(ctx, 'Marisol Vega');
    const user = userEvent.setup();
    renderApp(`/leaders/${marisol}`);
    const support = await screen.findByRole('form', { name: 'Support on your caseload' });
    const cadence = within(support).getByLabelText('Visit every (days)');
    await user.clear(cadence);
    await user.type(cadence, '0');
    await user.click(within(support).getByRole('button', { name: 'Save support' }));
    await focusIs(cadence);
    await user.clear(cadence);
    await user.type(cadence, '10');
    await user.click(within(support).getByRole('button', { name: 'Save support' }));
    await focusOnConfirmation('Support updated.');

    const details = screen.getByRole('form', { name: 'Edit Marisol Vega' });
    await user.clear(within(details).getByLabelText('Name'));
    await user.click(within(details).getByRole('button', { name: 'Save changes' }));
    await focusIs(within(details).getByLabelText('Name'));
    await user.type(within(details).getByLabelText('Name'), 'Marisol Vega-Ruiz');
    await user.click(within(details).getByRole('button', { name: 'Save changes' }));
    await focusOnConfirmation('Details saved.');
  });

  it('Import roster: the preview, then the import', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/caseload/import');
    const box = await screen.findByLabelText(/^Roster contents/);
    await user.click(box);
    await user.paste('name,role,role_start_date,school_name\nTomás Rivera,principal,2021-08-01,Cedar Grove Elementary\n');
    await user.click(screen.getByRole('button', { name: 'Preview import' }));
    await focusOnConfirmation(/^1 leader to add/);
    await user.click(screen.getByRole('button', { name: 'Import 1 leader' }));
    await focusOnConfirmation(/^Imported 1 leader/);
  });
});

describe('focus after the first start and Settings', () => {
  it('first start: the missing name, then the dashboard', async () => {
    connectCore();
    const user = userEvent.setup();
    renderApp();
    const form = await screen.findByRole('form', { name: 'Your profile' });
    await user.click(within(form).getByRole('button', { name: 'Save and continue' }));
    await focusIs(within(form).getByLabelText('Your name'));
    await user.type(within(form).getByLabelText('Your name'), 'Robin Diaz');
    await user.type(within(form).getByLabelText('Your work email'), 'robin.diaz@lakeside.example');
    await user.type(within(form).getByLabelText('District'), 'Lakeside');
    await user.click(within(form).getByRole('button', { name: 'Save and continue' }));
    await focusOnHeading(1, 'Good to see you, Robin');
  });

  it('the profile in Settings', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/settings');
    const form = await screen.findByRole('form', { name: 'Your profile' });
    await user.clear(within(form).getByLabelText('District'));
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));
    await focusIs(within(form).getByLabelText('District'));
    await user.type(within(form).getByLabelText('District'), 'Riverbend Unified');
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));
    await focusOnConfirmation('Settings saved.');
  });

  it('the lock’s settings, and unlocking', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/settings');
    const form = await screen.findByRole('form', { name: 'Lock' });
    await user.type(within(form).getByLabelText('Passphrase'), 'short');
    await user.click(within(form).getByRole('button', { name: 'Save lock settings' }));
    await focusIs(within(form).getByLabelText('Passphrase'));
    await user.type(within(form).getByLabelText('Passphrase'), ' but long enough');
    await user.click(within(form).getByRole('button', { name: 'Save lock settings' }));
    await focusOnConfirmation('Lock settings and passphrase saved.');

    // Locking and unlocking: the focus goes back where it was.
    const lock = screen.getByRole('button', { name: 'Lock' });
    await user.click(lock);
    const unlock = await screen.findByRole('form', { name: 'Unlock Fieldbook' });
    await user.type(within(unlock).getByLabelText('Passphrase'), 'wrong passphrase');
    await user.click(within(unlock).getByRole('button', { name: 'Unlock' }));
    await focusIs(within(unlock).getByLabelText('Passphrase'));
    await user.clear(within(unlock).getByLabelText('Passphrase'));
    await user.type(within(unlock).getByLabelText('Passphrase'), 'short but long enough');
    await user.click(within(unlock).getByRole('button', { name: 'Unlock' }));
    await focusIs(lock);
  });
});

describe('focus after the visits’ forms', () => {
  const visitAt = async (ctx: Awaited<ReturnType<typeof withDemo>>) => ok(ctx, 'planVisit', {
    date: '2026-11-23', startTime: '09:00', endTime: '10:00', schoolId: 1, leaderIds: [1], type: 'side_by_side', purpose: 'Coach the ILT', focus: '', evidenceKind: 'coaching',
  });

  it('Plan a visit and Change visit', async () => {
    const ctx = await withDemo();
    const user = userEvent.setup();
    const view = renderApp('/visits/new');
    const form = await screen.findByRole('form', { name: 'Plan a visit' });
    await user.click(within(form).getByRole('button', { name: 'Plan visit' }));
    await focusIs(within(form).getByLabelText('School'));
    await user.selectOptions(within(form).getByLabelText('School'), 'Cedar Grove Elementary');
    await user.click(within(form).getByRole('checkbox', { name: /Marisol Vega/ }));
    await user.selectOptions(within(form).getByLabelText('Kind of visit'), 'Classroom walkthrough');
    await user.click(within(form).getByRole('button', { name: 'Plan visit' }));
    await focusOnHeading(1, 'Classroom walkthrough at Cedar Grove Elementary');
    view.unmount();

    const visit = await visitAt(ctx);
    renderApp(`/visits/${visit.id}/edit`);
    const change = await screen.findByRole('form', { name: 'Change this visit' });
    const ends = within(change).getByLabelText('Ends at');
    await user.clear(ends);
    await user.type(ends, '08:00');
    await user.click(within(change).getByRole('button', { name: 'Save visit' }));
    await focusIs(ends);
    await user.clear(ends);
    await user.type(ends, '11:00');
    await user.click(within(change).getByRole('button', { name: 'Save visit' }));
    await focusOnHeading(1, 'Side-by-side coaching at Cedar Grove Elementary');
  });

  it('a next step on a visit, on Next steps, and Close the visit', async () => {
    const ctx = await withDemo();
    const visit = await visitAt(ctx);
    const user = userEvent.setup();
    const view = renderApp(`/visits/${visit.id}`);
    const step = await screen.findByRole('form', { name: 'Add a next step' });
    await user.click(within(step).getByRole('button', { name: 'Add next step' }));
    await focusIs(within(step).getByLabelText('Next step'));
    await user.type(within(step).getByLabelText('Next step'), 'Share the walkthrough tool');
    await user.click(within(step).getByRole('button', { name: 'Add next step' }));
    await focusOnConfirmation('Added for Marisol Vega: Share the walkthrough tool');

    const close = screen.getByRole('form', { name: 'Close this visit' });
    await user.selectOptions(within(close).getByLabelText('How did it end?'), 'Cancelled');
    await user.click(within(close).getByRole('button', { name: 'Close visit' }));
    await focusIs(within(close).getByLabelText('Reason'));
    await user.type(within(close).getByLabelText('Reason'), 'Fire drill');
    await user.click(within(close).getByRole('button', { name: 'Close visit' }));
    await focusOnConfirmation('Visit closed: Cancelled (Fire drill).');
    view.unmount();

    renderApp('/next-steps');
    const add = await screen.findByRole('form', { name: 'Add a next step' });
    await user.click(within(add).getByRole('button', { name: 'Add next step' }));
    await focusIs(within(add).getByLabelText('Leader'));
    await user.selectOptions(within(add).getByLabelText('Leader'), 'Darnell Brooks');
    await user.type(within(add).getByLabelText('Next step'), 'Draft the attendance goal');
    await user.click(within(add).getByRole('button', { name: 'Add next step' }));
    await focusOnConfirmation('Added for Darnell Brooks: Draft the attendance goal');
  });

  it('Where your time goes: a range the wrong way round, then the figures', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/time-use');
    const form = await screen.findByRole('form', { name: 'Date range' });
    const from = within(form).getByLabelText('From');
    await user.clear(from);
    await user.type(from, '2026-12-31');
    await user.click(within(form).getByRole('button', { name: 'Show time use' }));
    await focusIs(within(form).getByLabelText('To'));
    await user.clear(from);
    await user.type(from, '2026-09-01');
    await user.click(within(form).getByRole('button', { name: 'Show time use' }));
    await waitFor(() => expect(document.activeElement?.textContent).toMatch(/Sep 1, 2026 to Nov 23, 2026/));
  });
});

describe('focus after the backups’ forms', () => {
  let core: Core | null = null;
  afterEach(() => {
    core?.close();
    core = null;
  });

  it('Back up now and How many backups to keep', async () => {
    core = await demoFileCore();
    const user = userEvent.setup();
    renderApp('/settings');
    const form = await screen.findByRole('form', { name: 'Back up now' });
    await user.type(within(form).getByLabelText('Passphrase (optional)'), 'correct horse');
    await user.type(within(form).getByLabelText('Type the passphrase again'), 'correct hose');
    await user.click(within(form).getByRole('button', { name: 'Back up now' }));
    await focusIs(within(form).getByLabelText('Type the passphrase again'));
    await user.type(within(form).getByLabelText('Folder (optional)'), '/no/such/folder/anywhere');
    await user.clear(within(form).getByLabelText('Type the passphrase again'));
    await user.type(within(form).getByLabelText('Type the passphrase again'), 'correct horse');
    await user.click(within(form).getByRole('button', { name: 'Back up now' }));
    await focusIs(within(form).getByLabelText('Folder (optional)'));
    await user.clear(within(form).getByLabelText('Folder (optional)'));
    await user.click(within(form).getByRole('button', { name: 'Back up now' }));
    // An encrypted backup takes its time (the key is stretched on purpose).
    await focusOnConfirmation(/^Backed up to /, 15_000);

    const keep = screen.getByRole('form', { name: 'How many backups to keep' });
    await user.clear(within(keep).getByLabelText('Daily backups to keep'));
    await user.type(within(keep).getByLabelText('Daily backups to keep'), '0');
    await user.click(within(keep).getByRole('button', { name: 'Save backup settings' }));
    await focusIs(within(keep).getByLabelText('Daily backups to keep'));
    await user.clear(within(keep).getByLabelText('Daily backups to keep'));
    await user.type(within(keep).getByLabelText('Daily backups to keep'), '10');
    await user.click(within(keep).getByRole('button', { name: 'Save backup settings' }));
    await focusOnConfirmation('Backup settings saved.');
  });

  it('Restore a backup', async () => {
    core = await demoFileCore();
    const made = await ok(core.ctx, 'backUpNow', {});
    const user = userEvent.setup();
    renderApp('/settings');
    const form = await screen.findByRole('form', { name: 'Restore a backup' });
    await user.type(within(form).getByLabelText('Backup file'), '/no/such/backup.sqlite3');
    await user.click(within(form).getByRole('button', { name: 'Restore…' }));
    await user.click(within(form).getByRole('button', { name: 'Yes, restore this backup' }));
    await focusIs(within(form).getByLabelText('Backup file'));
    await user.clear(within(form).getByLabelText('Backup file'));
    await user.type(within(form).getByLabelText('Backup file'), made.file);
    await user.click(within(form).getByRole('button', { name: 'Restore…' }));
    await user.click(within(form).getByRole('button', { name: 'Yes, restore this backup' }));
    await focusOnConfirmation(/^Restored /);
  });
});
