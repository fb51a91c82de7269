import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore } from '../electron/core';
import { launchChromium } from './e2e/browser';
import { spawnApp } from './e2e/spawn';

/**
 * `npm run screenshots`: the README's tour, taken from the demo district in real Chromium through
 * browser mode (run `npm run build` first). Writes docs/images/*.png.
 */
const OUT = path.resolve(import.meta.dirname, '../docs/images');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-screenshots-'));

const core = startCore({ dataDir, mode: 'browser', sync: false });
await core.call('loadDemoData', {});
const ids = (sql: string) => core.ctx.db.prepare(sql).pluck().all() as number[];
const today = new Date().toLocaleDateString('en-CA');
const plan = async (leaderId: number, startTime: string, endTime: string, type: string, purpose: string) => {
  const [schoolId] = ids(`SELECT school_id FROM leaders WHERE id = ${leaderId}`);
  const r = await core.call('planVisit', { date: today, startTime, endTime, schoolId, leaderIds: [leaderId], type, purpose, focus: '' });
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { id: number }).id;
};
const principals = ids(`SELECT id FROM leaders WHERE role = 'principal' AND school_id IS NOT NULL ORDER BY id`);
const visitId = await plan(principals[0], '08:30', '10:00', 'walkthrough', 'Classroom walkthrough: checks for understanding in Grades 3–5');
await plan(principals[1], '11:00', '12:00', 'side_by_side', 'Side-by-side coaching on the ILT agenda');
await plan(principals[2], '13:30', '14:30', 'meeting_observation', 'Observe the ILT data meeting');
const [planId] = ids(`SELECT plan_id FROM cta_checkins WHERE finalised_at IS NOT NULL ORDER BY id LIMIT 1`);
const opened = await core.call('openCtaCheckIn', { planId, date: today });
if (!opened.ok) throw new Error(opened.error.message);
const checkinId = (opened.value as { id: number }).id;
await core.call('startEvaluationCycle', { leaderId: principals[0] });
const [cycleId] = ids(`SELECT id FROM evaluation_cycles ORDER BY id DESC LIMIT 1`);

const targetDir = path.join(dataDir, 'district-drop');
fs.mkdirSync(targetDir);
await core.call('saveSyncTarget', { kind: 'folder', name: 'District shared drive', folder: targetDir, enabled: true });
core.close();

const app = await spawnApp(dataDir);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
await page.goto(app.url);
await page.getByRole('heading', { level: 1 }).first().waitFor();
fs.mkdirSync(OUT, { recursive: true });

async function shot(name: string, route: string, ready: () => Promise<unknown>) {
  await page.evaluate((r) => { window.location.hash = r; }, route);
  await ready();
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`docs/images/${name}.png`);
}

const heading = (name: RegExp | string) => () => page.getByRole('heading', { level: 1, name }).waitFor();
await shot('dashboard', '#/dashboard', heading(/Good to see you/));
await shot('caseload', '#/caseload', heading('Caseload'));
await shot('visit', `#/visits/${visitId}`, async () => {
  await page.getByRole('heading', { level: 1 }).waitFor();
  const start = page.getByRole('button', { name: 'Start visit' });
  if (await start.count()) await start.click();
  await page.getByRole('button', { name: 'Add a note' }).click();
  await page.getByRole('textbox', { name: /note/i }).first().fill('Walked Grade 3 and 4 with the principal. **Exit tickets** in every room; feedback cycle planned for Thursday.');
  await page.getByText(/Saved at/).waitFor();
});
await shot('cta-checkin', `#/cta/checkins/${checkinId}`, async () => {
  await page.getByRole('button', { name: /^Next goal/ }).click();
  await page.getByRole('heading', { level: 2, name: /Goal 1/ }).waitFor();
});
await shot('evaluation', `#/evaluations/${cycleId}`, () => page.getByRole('heading', { level: 1 }).waitFor());
await shot('retention', '#/retention', () => page.getByRole('heading', { level: 1 }).waitFor());
await shot('sync', '#/sync', () => page.getByRole('heading', { level: 1 }).waitFor());

await browser.close();
await app.kill();
fs.rmSync(dataDir, { recursive: true, force: true });
