import { type ChildProcess, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCore } from '../../electron/core';
import { JORDAN_LEADERS, jordansFieldbook, SAM_LEADERS, samsFieldbook } from '../node/leaderViewFixture';
import { PASSWORD } from '../node/leaderViewHelpers';
import { launchChromium, spawnApp, type SpawnedApp } from './browser';
import { addDistrictTarget, startDistrictServe } from './districtServe';

/**
 * The district's leader tracking view, end to end. Two supervisors' Fieldbooks in browser mode
 * send a finalised check-in, a locked evaluation, a visit log, the roster and a retention summary
 * to one `npm run district -- serve` (Jordan with named retention records, Sam with counts only).
 * Accounts come from `npm run district -- add-user`. In Chromium a chief signs in, changes the
 * one-time password and answers "are we at 5:1, who is off track, who might leave and who is
 * ready", opens a check-in's PDF, and sees named retention only from Jordan; an analyst sees no
 * leader's name on any page or in any CSV, and is refused the named ones.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-e2e-leader-view-'));
const districtEnv = { ...process.env, FIELDBOOK_DISTRICT_DATA_DIR: path.join(root, 'district'), FIELDBOOK_DISTRICT_PORT: '0', DATABASE_URL: '' };
const dataDirs = { jordan: path.join(root, 'jordan'), sam: path.join(root, 'sam') };
const everyLeader = [...JORDAN_LEADERS, ...SAM_LEADERS];
let district: { url: string; child: ChildProcess } | null = null;
let browser: Browser;
const apps: SpawnedApp[] = [];
const passwords: Record<string, string> = {};

/** `npm run district -- add-user`, as the district's IT runs it: the one-time password it prints. */
function addUser(email: string, role: string): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'district/cli.ts', 'add-user', email, '--role', role], { cwd: ROOT, env: districtEnv, encoding: 'utf8' });
  const m = /One-time password: (\S+)/.exec(r.stdout);
  if (r.status !== 0 || !m) throw new Error(`add-user failed (${r.status}):\n${r.stdout}${r.stderr}`);
  return m[1];
}

beforeAll(async () => {
  for (const [who, make] of [['jordan', jordansFieldbook], ['sam', samsFieldbook]] as const) {
    const core = startCore({ dataDir: dataDirs[who], mode: 'browser', sync: false });
    await make(core.ctx);
    core.close();
  }
  passwords.chief = addUser('chief@riverbend.example', 'chief');
  passwords.analyst = addUser('analyst@riverbend.example', 'analyst');
  district = await startDistrictServe(districtEnv);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const app of apps) await app.kill().catch(() => undefined);
  await browser?.close();
  if (district && district.child.exitCode === null) {
    district.child.kill('SIGTERM');
    await new Promise((r) => district!.child.once('exit', r));
  }
});

/** On the Sync screen, the district's web address as a target with this retention consent; then wait for every row to say Sent. */
async function sendEverything(app: SpawnedApp, consent: string): Promise<void> {
  const page = await browser.newPage();
  await addDistrictTarget(page, app, `${district!.url}/api/exports`, consent);
  const queue = page.getByRole('table', { name: 'Exports queued for the district' });
  // Everything queued (a check-in, an evaluation, a visit log, the roster, a retention summary…) says Sent, and nothing waits.
  await expect.poll(async () => {
    await page.reload();
    await queue.waitFor();
    const sent = await queue.getByRole('row').filter({ hasText: /Sent at \d{1,2}:\d\d/ }).count();
    const waiting = await queue.getByRole('row').filter({ hasText: /Waiting|Stopped|try again|Sending/ }).count();
    return waiting === 0 && sent >= 5;
  }, { timeout: 60_000, interval: 1000 }).toBe(true);
  await page.close();
}

/** Sign in to the view with a one-time password and choose one's own, as the first time. */
async function signInFirstTime(page: Page, email: string, oneTime: string): Promise<void> {
  await page.goto(`${district!.url}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(oneTime);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('One-time password').fill(oneTime);
  await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('New password again').fill(PASSWORD);
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.getByRole('heading', { level: 1, name: 'Supervision capacity' }).waitFor();
}

const PAGES = ['Supervision capacity', 'Time in schools', 'CTA', 'Evaluations', 'Retention and succession'];
async function openPage(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.locator('section table, section .headline').first().waitFor();
}

it('two supervisors send; a chief sees both and answers the district’s questions; an analyst sees no name anywhere', async () => {
  for (const [who, consent] of [['jordan', 'Named records: each leader’s conversations, risk and plan'], ['sam', 'Counts only: by risk level and intent, no names']] as const) {
    const app = await spawnApp(dataDirs[who]);
    apps.push(app);
    await sendEverything(app, consent);
  }

  // The chief: are we at 5:1?
  const chief = await browser.newPage();
  await signInFirstTime(chief, 'chief@riverbend.example', passwords.chief);
  const caseloads = chief.getByRole('table', { name: 'Caseloads against target' });
  await expect.poll(() => caseloads.getByRole('row').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^Jordan Ellis\s+Nov 23, 2026\s+5\s+2\s+1\s+5:1/), expect.stringMatching(/^Sam Okafor\s+Nov 23, 2026\s+4\s+2\s+1\s+5:1/)]));
  expect(await chief.getByRole('status').first().innerText()).toContain('4.5 principals per supervisor');
  expect(await chief.getByText(/^From caseload rosters up to Nov 23, 2026, from 2 supervisors: Jordan Ellis, Sam Okafor\./).count()).toBe(1);

  // Who is off track? And the check-in's original PDF.
  await openPage(chief, 'CTA');
  expect(await chief.getByRole('table', { name: 'Goals off track two quarters running' }).innerText()).toContain('Lincoln Park Elementary');
  const pdfLink = chief.getByRole('link', { name: 'Q2 check-in at Cedar Grove Elementary, held Nov 20, 2026: PDF' });
  const pdfHref = `${district!.url}${await pdfLink.getAttribute('href')}`;
  const [popup] = await Promise.all([chief.waitForEvent('popup'), pdfLink.click()]);
  const pdf = await chief.request.get(pdfHref);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  expect(popup.url()).toMatch(/\/files\/\d+\/cta-checkin-cedar-grove-elementary-[\w-]+\.pdf$/);
  await popup.close();

  // Who might leave, and who is ready? Named records from Jordan only.
  await openPage(chief, 'Retention and succession');
  const vacancy = await chief.getByRole('table', { name: 'Vacancy outlook', exact: true }).innerText();
  expect(vacancy).toContain('Cedar Grove Elementary');
  expect(vacancy).toContain('Leah Goldberg (Ready now)');
  const named = await chief.getByRole('table', { name: 'Named retention records' }).innerText();
  expect(named).toContain('Marisol Vega');
  for (const name of SAM_LEADERS) expect(named).not.toContain(name);
  expect(await chief.getByRole('table', { name: 'Retention counts per supervisor' }).innerText()).toMatch(/Sam Okafor\s+counts only/);

  // The analyst: every page and every CSV without a single leader's name.
  const analystContext = await browser.newContext();
  const analyst = await analystContext.newPage();
  await signInFirstTime(analyst, 'analyst@riverbend.example', passwords.analyst);
  const csvs = new Set<string>();
  for (const name of PAGES) {
    await openPage(analyst, name);
    const text = await analyst.locator('body').innerText();
    for (const leader of everyLeader) expect(text, `${name} shows ${leader}`).not.toContain(leader);
    for (const href of await analyst.getByRole('link', { name: /as CSV$/ }).evaluateAll((links) => links.map((a) => a.getAttribute('href')!))) csvs.add(href);
  }
  expect(await analyst.getByText('fewer than 5').count()).toBeGreaterThan(0);
  expect(csvs.size).toBeGreaterThan(5);
  for (const href of csvs) {
    const r = await analyst.request.get(`${district!.url}${href}`);
    expect([href, r.status()]).toEqual([href, 200]);
    const text = await r.text();
    for (const leader of everyLeader) expect(text, `${href} names ${leader}`).not.toContain(leader);
  }
  for (const named of ['unsupervised', 'cadence-overdue', 'cta-goals', 'evaluation-locked', 'retention-records', 'vacancy-outlook']) {
    const r = await analyst.request.get(`${district!.url}/csv/${named}.csv`);
    expect([named, r.status()]).toEqual([named, 403]);
    expect(await r.text()).toMatch(/^Analysts see counts, rates and distributions only/);
  }
  const refused = await analyst.request.get(pdfHref);
  expect(refused.status()).toBe(403);
  await analystContext.close();
});
