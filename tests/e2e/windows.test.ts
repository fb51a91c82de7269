import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCore } from '../../electron/core';
import { completeWriteUp } from '../node/evaluationFixture';
import { isoDate } from '../../shared/schoolYear';
import { ok } from '../node/helpers';
import { fieldbook, launchChromium, spawnApp, type SpawnedApp } from './browser';

/**
 * Two tabs on one Fieldbook, as a supervisor has them: what one does shows in the other within a
 * few seconds, without touching it; and after Fieldbook restarts, an old tab says at once that its
 * session has ended and how to reopen, instead of failing quietly.
 */

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-e2e-windows-'));
let browser: Browser | null = null;
let app: SpawnedApp | null = null;
let cycleId = 0;

beforeAll(async () => {
  const core = startCore({ dataDir, mode: 'browser', sync: false });
  await ok(core.ctx, 'loadDemoData', {});
  const marisol = core.ctx.db.prepare(`SELECT id FROM leaders WHERE name = 'Marisol Vega'`).pluck().get() as number;
  cycleId = (await ok(core.ctx, 'startEvaluationCycle', { leaderId: marisol })).id;
  await completeWriteUp(core.ctx, cycleId);
  await ok(core.ctx, 'signEvaluation', { cycleId, name: 'Jordan Ellis' });
  await ok(core.ctx, 'acknowledgeEvaluation', { cycleId, name: 'Marisol Vega', date: isoDate(new Date()), comment: '' });
  core.close();
  browser = await launchChromium();
});
afterAll(async () => {
  await app?.kill();
  await browser?.close();
});

async function openTab(context: Awaited<ReturnType<Browser['newContext']>>, at: string): Promise<Page> {
  const page = await context.newPage();
  await fieldbook(page).open(app!);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.goto(`${app!.origin}/#${at}`);
  return page;
}

/** Seconds from now until `check` passes (polling), or a failure after `limit` seconds. */
async function secondsUntil(check: () => Promise<boolean>, limit: number): Promise<number> {
  const start = Date.now();
  await expect.poll(check, { timeout: limit * 1000, interval: 100 }).toBe(true);
  return (Date.now() - start) / 1000;
}

it('one tab locks and unlocks an evaluation; the other follows within a few seconds; after a restart an old tab says its session ended', async () => {
  app = await spawnApp(dataDir);
  const context = await browser!.newContext();
  const a = await openTab(context, `/evaluations/${cycleId}`);
  const b = await openTab(context, `/evaluations/${cycleId}`);
  const header = (p: Page) => p.getByRole('heading', { level: 1, name: /^Evaluation: Marisol Vega/ }).locator('xpath=..');
  await header(b).getByText('Acknowledged, ready to lock').waitFor();
  await b.getByRole('form', { name: 'Add goal' }).waitFor();

  // Tab A locks it. Tab B, left alone, shows it locked: no edit forms, no Lock button.
  await a.getByRole('button', { name: 'Lock evaluation…' }).click();
  await a.getByRole('button', { name: 'Yes, lock it' }).click();
  await a.getByText('Locked. The write-up PDF is queued for the district export.').waitFor();
  const locked = await secondsUntil(async () => (await header(b).textContent())!.includes('Locked')
    && (await b.getByRole('form', { name: 'Add goal' }).count()) === 0, 8);
  expect(await b.getByRole('button', { name: 'Lock evaluation…' }).count()).toBe(0);

  // Tab A unlocks it. Tab B's Sign-off no longer says Locked, and offers the lock again.
  const unlock = a.getByRole('form', { name: 'Unlock evaluation' });
  await unlock.getByLabel('Reason for unlocking').fill('A rating was entered on the wrong row');
  await unlock.getByRole('button', { name: 'Unlock evaluation' }).click();
  const unlocked = await secondsUntil(async () => (await b.getByRole('button', { name: 'Lock evaluation…' }).count()) === 1, 8);
  const signOff = b.getByRole('region', { name: 'Sign-off' });
  expect(await signOff.getByText('Locked', { exact: true }).locator('xpath=following-sibling::dd[1]').textContent()).toBe('No');
  console.log(`[windows] the other tab showed the lock after ${locked.toFixed(1)} s and the unlock after ${unlocked.toFixed(1)} s`);

  // Fieldbook restarts on the same address with a new key. Tab B is used again: it says at once what happened.
  const port = new URL(app.origin).port;
  await app.kill();
  app = await spawnApp(dataDir, 30_000, { env: { FIELDBOOK_PORT: port } });
  await b.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Dashboard', exact: true }).click();
  // (While Fieldbook was down the tabs already said it had stopped; now they can tell it started again.)
  const saysRestarted = (p: Page) => async () => {
    const ended = p.getByRole('alert', { name: 'This Fieldbook session has ended', exact: true });
    return (await ended.count()) === 1 && /started again since this tab was opened.*Open the address Fieldbook printed/.test((await ended.textContent()) ?? '');
  };
  const used = await secondsUntil(saysRestarted(b), 2);
  // Tab A, left alone, says so on its own within a few seconds.
  const alone = await secondsUntil(saysRestarted(a), 8);
  console.log(`[windows] after the restart: the tab in use said so after ${used.toFixed(1)} s, the idle tab after ${alone.toFixed(1)} s`);

  // A tab opened from the new address works.
  const fresh = await context.newPage();
  await fieldbook(fresh).open(app);
  await fresh.getByRole('heading', { level: 1, name: /Good to see you/ }).waitFor();
  expect(await fresh.getByRole('alert', { name: 'This Fieldbook session has ended', exact: true }).count()).toBe(0);
});
