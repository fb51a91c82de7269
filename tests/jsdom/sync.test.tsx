import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { type SyncWorker, startSyncWorker } from '../../electron/core/sync/worker';
import { getInstallationId } from '../../electron/core/services/settings/settings';
import { useStatus } from '../../renderer/stores';
import { renderApp, withDemo } from './harness';

let worker: SyncWorker | null = null;
afterEach(async () => {
  await worker?.stop();
  worker = null;
});

const tempFolder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-sync-jsdom-'));
const header = () => screen.getByRole('banner', { name: 'Status' });

describe('the Sync screen', () => {
  it('adds a folder target, queues the caseload roster, sends it, and the header goes from waiting to synced', async () => {
    const ctx = await withDemo();
    const user = userEvent.setup();
    renderApp('/sync');
    expect(await screen.findByText('Add a target below: until then exports wait on this computer.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sync now' }).hasAttribute('disabled')).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Queue caseload roster' }));
    expect(await screen.findByText(/Queued: Caseload roster · Caseload on Nov 23, 2026\./)).toBeTruthy();
    const queue = screen.getByRole('table', { name: 'Exports queued for the district' });
    const row = await within(queue).findByRole('row', { name: /Caseload roster/ });
    expect(within(row).getByText('Waiting')).toBeTruthy();
    await waitFor(() => expect(within(header()).getByRole('link', { name: /1 export waiting/ })).toBeTruthy());
    // Asking again with nothing changed is refused: the district never gets the same roster twice.
    await user.click(screen.getByRole('button', { name: 'Queue caseload roster' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/already waiting to be sent, and nothing in it has changed/);

    const folder = tempFolder();
    const form = screen.getByRole('form', { name: 'Add a target' });
    await user.type(within(form).getByLabelText('Name'), 'USB stick');
    await user.click(within(form).getByRole('button', { name: 'Add target' }));
    expect(await within(form).findByText(/Enter the full path of the folder/)).toBeTruthy();
    expect(within(form).getByLabelText('Folder').getAttribute('aria-invalid')).toBe('true');
    await user.type(within(form).getByLabelText('Folder'), folder);
    await user.click(within(form).getByRole('button', { name: 'Add target' }));
    const card = await screen.findByRole('listitem', { name: /USB stick/ });
    expect(within(card).getByText('Not tried yet. 1 export still to send here.')).toBeTruthy();

    worker = startSyncWorker(ctx, { manual: true });
    await worker.runOnce();
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(within(row).getByText(/^Sent/)).toBeTruthy());
    expect(fs.readdirSync(folder)).toEqual([`caseload_roster--${getInstallationId(ctx.db)}--2026-11-23`]);
    expect(screen.getByText(/Everything is sent\. Last sent at/)).toBeTruthy();
    await useStatus.getState().reload();
    await waitFor(() => expect(within(header()).getByRole('link', { name: /Synced at \d{1,2}:\d\d (AM|PM)/ })).toBeTruthy());
  });

  it('asks for the work email in Settings while the profile has none, and stops asking once it is there', async () => {
    const ctx = await withDemo();
    ctx.db.prepare(`UPDATE settings SET supervisor_email = NULL`).run();
    renderApp('/sync');
    const user = userEvent.setup();
    const note = await screen.findByRole('note');
    expect(note.textContent).toMatch(/Add your work email in Settings: exports queued from then on carry it/);
    await user.click(within(note).getByRole('link', { name: 'Settings' }));
    await user.type(await screen.findByLabelText('Your work email'), 'jordan.ellis@riverbend.example');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    await user.click(screen.getByRole('link', { name: 'Sync' }));
    await screen.findByRole('heading', { name: 'Sync', level: 1 });
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('queues a week’s visit log, and says at the field when the week has nothing to send', async () => {
    await withDemo();
    const user = userEvent.setup();
    renderApp('/sync');
    const form = await screen.findByRole('form', { name: 'Send a weekly visit log' });
    const week = within(form).getByLabelText('Week of');
    await user.clear(week);
    await user.type(week, '2020-01-06');
    await user.click(within(form).getByRole('button', { name: 'Queue weekly visit log' }));
    expect(await within(form).findByText('No visits were closed in the week of Jan 6, 2020')).toBeTruthy();
    expect(week.getAttribute('aria-invalid')).toBe('true');
  });

  it('without a keychain, keeps a password only after the person agrees to the session only, and never writes it', async () => {
    const ctx = await withDemo();
    const user = userEvent.setup();
    renderApp('/sync');
    const form = await screen.findByRole('form', { name: 'Add a target' });
    await user.selectOptions(within(form).getByLabelText('Where exports go'), 'WebDAV file server (Nextcloud, SharePoint and the like)');
    await user.type(within(form).getByLabelText('Name'), 'District file server');
    await user.type(within(form).getByLabelText('Address'), 'http://127.0.0.1:9/district/');
    await user.selectOptions(within(form).getByLabelText('Sign-in'), 'User name and password');
    await user.type(within(form).getByLabelText('User name'), 'robin');
    await user.type(within(form).getByLabelText('Password'), 'correct horse battery');
    expect(within(form).getByRole('note').textContent).toMatch(/for this session only: in memory, never written to disk/);
    await user.click(within(form).getByRole('button', { name: 'Add target' }));
    const consent = within(form).getByLabelText('Keep it for this session only');
    await waitFor(() => expect(consent.getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText(/cannot keep the password encrypted here/)).toBeTruthy();
    await user.click(consent);
    await user.click(within(form).getByRole('button', { name: 'Add target' }));
    const card = await screen.findByRole('listitem', { name: /District file server/ });
    expect(within(card).getByText(/Password kept for this session only/)).toBeTruthy();
    expect(JSON.stringify({ ...localStorage })).not.toContain('correct horse');
    expect(JSON.stringify(ctx.db.prepare(`SELECT * FROM sync_targets`).all())).not.toContain('correct horse');

    // Nothing listens on port 9: the target is unreachable, the roster stays queued, and the screen says why.
    await user.click(screen.getByRole('button', { name: 'Queue caseload roster' }));
    worker = startSyncWorker(ctx, { manual: true, requestTimeoutMs: 2_000 });
    await worker.runOnce();
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(within(card).getByText(/Last problem: Could not reach 127\.0\.0\.1:9/)).toBeTruthy());
    expect(within(card).getByText(/Could not be reached on the last try/)).toBeTruthy();
    const row = within(screen.getByRole('table', { name: 'Exports queued for the district' })).getByRole('row', { name: /Caseload roster/ });
    expect(within(row).getByText('Waiting to try again')).toBeTruthy();
    expect(((await dispatch(ctx, 'getStatus', {})) as { value: { exportsWaiting: number } }).value.exportsWaiting).toBe(1);
    await useStatus.getState().reload();
    await waitFor(() => expect(within(header()).getByRole('link', { name: /Offline: everything still saves on this computer\. 1 export waiting/ })).toBeTruthy());
  });

  it('offers a target added later the exports sent before it, with the count, and Retry sends one it lacks', async () => {
    const ctx = await withDemo();
    const user = userEvent.setup();
    const usb = tempFolder();
    await dispatch(ctx, 'saveSyncTarget', { kind: 'folder', name: 'USB stick', enabled: true, folder: usb });
    const school = ctx.db.prepare(`SELECT min(id) FROM schools`).pluck().get();
    ctx.db.prepare(`INSERT INTO visits (school_id, date, start_time, end_time, type, status, created_at, updated_at) VALUES (?, '2026-11-17', '09:00', '10:00', 'walkthrough', 'done', ?, ?)`)
      .run(school, '2026-11-17T16:00:00.000Z', '2026-11-17T16:00:00.000Z');
    expect((await dispatch(ctx, 'queueCaseloadRoster', {})).ok).toBe(true);
    expect((await dispatch(ctx, 'queueVisitLog', { weekOf: '2026-11-16' })).ok).toBe(true);
    worker = startSyncWorker(ctx, { manual: true });
    await worker.runOnce();
    renderApp('/sync');

    const share = tempFolder();
    await user.click(await screen.findByRole('button', { name: 'Add a target' }));
    const form = screen.getByRole('form', { name: 'Add a target' });
    await user.type(within(form).getByLabelText('Name'), 'District share');
    await user.type(within(form).getByLabelText('Folder'), share);
    await user.click(within(form).getByRole('button', { name: 'Add target' }));
    const card = await screen.findByRole('listitem', { name: /District share/ });
    const offer = within(card).getByRole('group', { name: 'Earlier exports for District share' });
    expect(offer.textContent).toContain('2 exports sent to other targets have not been sent here');

    // Retry on a sent export sends it to the target that lacks it.
    const queue = screen.getByRole('table', { name: 'Exports queued for the district' });
    const roster = within(queue).getByRole('row', { name: /Caseload roster/ });
    expect(within(roster).getByText(/1 of 2 targets have it/)).toBeTruthy();
    await user.click(within(roster).getByRole('button', { name: 'Retry Caseload roster · Caseload on Nov 23, 2026' }));
    expect(await screen.findByText('Sending Caseload roster · Caseload on Nov 23, 2026 to District share now.')).toBeTruthy();
    await worker.runOnce();
    expect(fs.readdirSync(share)).toEqual([`caseload_roster--${getInstallationId(ctx.db)}--2026-11-23`]);

    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(within(offer).getByRole('button', { name: 'Send it to District share' })).toBeTruthy());
    await user.click(within(offer).getByRole('button', { name: 'Send it to District share' }));
    expect(await within(card).findByText('Sending 1 earlier export to District share.')).toBeTruthy();
    await worker.runOnce();
    expect(fs.readdirSync(share).sort()).toEqual([`caseload_roster--${getInstallationId(ctx.db)}--2026-11-23`, `visit_log--${getInstallationId(ctx.db)}--2026-11-16`]);
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(within(card).queryByRole('group', { name: /Earlier exports/ })).toBeNull());
  });

  it('takes a certificate authority file for a district server, and refuses one that holds no certificate at the field', async () => {
    const ctx = await withDemo();
    const user = userEvent.setup();
    renderApp('/sync');
    const form = await screen.findByRole('form', { name: 'Add a target' });
    await user.selectOptions(within(form).getByLabelText('Where exports go'), 'District web address (HTTPS endpoint)');
    await user.type(within(form).getByLabelText('Name'), 'District API');
    await user.type(within(form).getByLabelText('Address'), 'https://exports.lakeside.example/api/exports');
    const notCertificate = path.join(tempFolder(), 'district-ca.pem');
    fs.writeFileSync(notCertificate, 'not a certificate\n');
    const field = within(form).getByLabelText('Certificate authority file (optional)');
    await user.type(field, notCertificate);
    await user.click(within(form).getByRole('button', { name: 'Add target' }));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText(/holds no certificate: choose the authority's certificate in PEM form/)).toBeTruthy();
    expect(ctx.db.prepare(`SELECT count(*) FROM sync_targets`).pluck().get()).toBe(0);
  });
});
