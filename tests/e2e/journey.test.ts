import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, fieldbook, launchChromium, startApp } from './browser';

let browser: Browser;
let app: App | null = null;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-e2e-'));

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await app?.close();
  await browser?.close();
});

const ROSTER_WITH_BAD_ROW = [
  'name,email,role,role_start_date,school_name,school_code,school_level,need_tier',
  'Tomas Ruiz,truiz@lakeside.example,principal,2016-08-01,Oak Ridge High,LS-301,high,moderate',
  'Grace Lin,glin@lakeside.example,principle,2025-08-01,Birch Elementary,LS-102,elementary,high',
  '"Wu, Helen",hwu@lakeside.example,assistant principal,2021-07-01,Oak Ridge High,LS-301,,',
].join('\n');

it('a new supervisor sets up, builds a caseload, imports a roster and finds it all after a restart', async () => {
  app = await startApp(dataDir);
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const fb = fieldbook(page);

  // First start: the profile, with the playbook's 5:1 target filled in.
  await fb.open(app);
  await page.getByRole('heading', { name: 'Welcome to Fieldbook' }).waitFor();
  expect(await page.getByLabel('Target principals per supervisor').inputValue()).toBe('5');
  await fb.press('Save and continue');
  await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('Enter your name');
  await fb.fill('Your name', 'Robin Diaz');
  await fb.fill('District', 'Lakeside Unified');
  await fb.fill('Your work email', 'robin.diaz@lakeside.example');
  await fb.press('Save and continue');
  await page.getByRole('heading', { name: 'Good to see you, Robin' }).waitFor();
  expect(page.url()).not.toContain('token');

  // A school, then a leader: the ratio moves from 0 to 1 principal.
  await fb.section('Caseload');
  await expect.poll(() => fb.ratio().textContent()).toContain('0 principals, target 5:1');
  await fb.link('Schools');
  await fb.fill('School name', 'Maple Grove Middle');
  await fb.choose('Level', 'Middle');
  await fb.choose('Need tier', 'High need');
  await fb.fill('District school code', 'LS-210');
  await fb.press('Add school');
  await page.getByRole('row', { name: /Maple Grove Middle/ }).waitFor();

  await fb.section('Caseload');
  await fb.link('Add leader');
  await fb.fill('Name', 'Marisol Vega');
  await fb.choose('Role', 'Principal');
  await fb.choose('School', 'Maple Grove Middle');
  await fb.fill('Started in this role on', '2025-07-01');
  await fb.fill('Email', 'mvega@lakeside.example');
  await fb.choose('Support tier', 'Targeted');
  await fb.press('Add leader');
  await page.getByRole('heading', { level: 1, name: 'Marisol Vega' }).waitFor();
  await expect.poll(() => page.getByRole('definition').filter({ hasText: /^Every \d+ days$/ }).textContent()).toBe('Every 7 days');
  await fb.section('Caseload');
  await expect.poll(() => fb.ratio().textContent()).toContain('1 principal, target 5:1');

  // Roster import: the bad row is shown with its line and column, nothing is written until it is fixed.
  await fb.link('Import roster CSV');
  await page.getByLabel('Roster CSV file').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + ROSTER_WITH_BAD_ROW) });
  await expect.poll(() => page.getByLabel(/Roster contents/).inputValue()).toContain('Grace Lin');
  await fb.press('Preview import');
  const badRow = page.getByRole('row', { name: /Grace Lin/ });
  await expect.poll(() => badRow.textContent()).toContain('Line 3, role: "principle" is not a role');
  expect(await page.getByRole('button', { name: /^Import/ }).isDisabled()).toBe(true);

  const text = await page.getByLabel(/Roster contents/).inputValue();
  await page.getByLabel(/Roster contents/).fill(text.replace(',principle,', ',principal,'));
  await fb.press('Preview import');
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('3 leaders to add, 2 new schools');
  await fb.press('Import 3 leaders');
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Imported 3 leaders and 2 new schools');

  await fb.section('Caseload');
  await expect.poll(() => fb.ratio().textContent()).toContain('3 principals, target 5:1');
  expect(await fb.ratio().textContent()).toContain('Also supporting 1 assistant principal');
  await page.getByRole('link', { name: 'Wu, Helen' }).waitFor();

  // The caseload is sortable: by years in role, the newest principal comes first.
  await page.getByRole('button', { name: 'Years in role' }).click();
  await expect.poll(() => page.getByRole('row').nth(1).getByRole('link').textContent()).toBe('Grace Lin');

  // Over the target: lower it in Settings and the caseload warns.
  await fb.section('Settings');
  await fb.fill('Target principals per supervisor', '2');
  await fb.press('Save settings');
  await fb.section('Caseload');
  await expect.poll(() => fb.ratio().textContent()).toContain('3 principals, target 2:1');
  expect(await fb.ratio().textContent()).toContain('Above target');

  // Stop the server and start it again on the same data: everything is still there.
  await app.close();
  app = await startApp(dataDir);
  await fb.open(app);
  await fb.section('Caseload');
  await expect.poll(() => fb.ratio().textContent()).toContain('3 principals, target 2:1');
  for (const name of ['Marisol Vega', 'Tomas Ruiz', 'Grace Lin', 'Wu, Helen']) await page.getByRole('link', { name }).waitFor();

  expect(errors).toEqual([]);
});
