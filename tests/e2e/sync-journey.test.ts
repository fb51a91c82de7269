import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCore } from '../../electron/core';
import { sha256 } from '../../electron/core/sync/outbox';
import { checkPackage, packagesOnDisk, type Rclone, startRclone } from '../node/syncServers';
import { fieldbook, launchChromium, spawnApp } from './browser';

let browser: Browser;
let app: Awaited<ReturnType<typeof spawnApp>> | null = null;
let rclone: Rclone;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-e2e-sync-'));
const davRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-e2e-dav-'));

beforeAll(async () => {
  const core = startCore({ dataDir, mode: 'browser', sync: false });
  await core.call('loadDemoData', {});
  core.close();
  fs.mkdirSync(path.join(davRoot, 'district'));
  rclone = await startRclone(davRoot, { user: 'robin', pass: 'lakeside-2026' });
  browser = await launchChromium();
});
afterAll(async () => {
  await app?.kill();
  await browser?.close();
  await rclone?.stop();
});

it('a supervisor queues the caseload roster, adds the district WebDAV server with a wrong password, sees why it stopped, fixes it, and it is sent', async () => {
  app = await spawnApp(dataDir);
  const page = await browser.newPage();
  const fb = fieldbook(page);
  await fb.open(app);
  const header = page.getByRole('banner', { name: 'Status' });
  await header.getByRole('link', { name: /No exports waiting/ }).waitFor();

  await fb.section('Sync');
  // From the keyboard: focus the button and press Enter.
  await page.getByRole('button', { name: 'Queue caseload roster' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: /Queued: Caseload roster · Caseload on/ }).waitFor();
  const queue = page.getByRole('table', { name: 'Exports queued for the district' });
  const row = queue.getByRole('row', { name: /Caseload roster/ });
  await row.getByText('Waiting', { exact: true }).waitFor();
  await header.getByRole('link', { name: /1 export waiting/ }).waitFor({ timeout: 10_000 });

  const form = page.getByRole('form', { name: 'Add a target' });
  await form.getByLabel('Where exports go').selectOption({ label: 'WebDAV file server (Nextcloud, SharePoint and the like)' });
  await form.getByLabel('Name', { exact: true }).fill('District file server');
  await form.getByLabel('Address').fill(`${rclone.url}district/`);
  await form.getByLabel('Sign-in').selectOption({ label: 'User name and password' });
  await form.getByLabel('User name').fill('robin');
  await form.getByLabel('Password').fill('lakeside-2025');
  await expect.poll(() => form.getByRole('note').textContent()).toMatch(/session only: in memory, never written to disk/);
  await form.getByLabel('Keep it for this session only').check();
  await form.getByRole('button', { name: 'Add target' }).click();

  const card = page.getByRole('listitem', { name: /District file server/ });
  const stopped = card.getByRole('alert');
  await stopped.waitFor({ timeout: 15_000 });
  expect(await stopped.textContent()).toMatch(/refused the user name, password or token \(401\)\. Check them in this target's settings/);
  await row.getByText('Stopped: needs you').waitFor({ timeout: 10_000 });
  expect(packagesOnDisk(path.join(davRoot, 'district')).final).toEqual([]);
  await header.getByRole('link', { name: /1 export waiting\. Sync stopped: needs you/ }).waitFor({ timeout: 10_000 });

  await card.getByRole('button', { name: 'Edit District file server' }).click();
  const edit = page.getByRole('form', { name: 'Edit District file server' });
  await edit.getByLabel('Password').fill('lakeside-2026');
  await edit.getByLabel('Keep it for this session only').check();
  await edit.getByRole('button', { name: 'Save target' }).click();

  await row.getByText(/^Sent at \d{1,2}:\d\d/).waitFor({ timeout: 15_000 });
  await header.getByRole('link', { name: /Synced at \d{1,2}:\d\d/ }).waitFor({ timeout: 15_000 });
  await card.getByText(/Password kept for this session only/).waitFor();
  const { final, partial } = packagesOnDisk(path.join(davRoot, 'district'));
  expect(final).toHaveLength(1);
  expect(final[0]).toMatch(/^caseload_roster--[0-9a-f-]{36}--\d{4}-\d\d-\d\d$/);
  expect(partial).toEqual([]);
  expect(checkPackage(path.join(davRoot, 'district', final[0]), sha256)).toEqual([]);
  const files = fs.readdirSync(path.join(davRoot, 'district', final[0])).sort();
  expect(files).toEqual(expect.arrayContaining(['fieldbook-export.json', 'fieldbook-manifest.json']));
  expect(files.some((f) => f.endsWith('.csv'))).toBe(true);
  // The password was never written: not in the database, not in the page's storage.
  const db = fs.readFileSync(path.join(dataDir, 'fieldbook.sqlite3'));
  const wal = fs.existsSync(path.join(dataDir, 'fieldbook.sqlite3-wal')) ? fs.readFileSync(path.join(dataDir, 'fieldbook.sqlite3-wal')) : Buffer.alloc(0);
  expect(db.includes('lakeside-2026') || wal.includes('lakeside-2026')).toBe(false);
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))).not.toContain('lakeside-2026');
});
