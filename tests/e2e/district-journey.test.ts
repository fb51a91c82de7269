import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPglite } from '../../district/db/connection';
import { startCore } from '../../electron/core';
import { supervisorWithExports } from '../node/exportsFixture';
import { type FaultProxy, startFaultProxy, waitFor } from '../node/syncServers';
import { fieldbook, launchChromium, spawnApp, type SpawnedApp } from './browser';
import { addDistrictTarget, startDistrictServe } from './districtServe';

/**
 * Two supervisors' Fieldbooks in browser mode send to one `npm run district -- serve` over their
 * HTTPS targets (plain http on 127.0.0.1, as a local relay). One is killed with SIGKILL while the
 * district has stored a package but before its answer reaches Fieldbook, then started again. At
 * the end the district holds every export exactly once, and each supervisor's queue says Sent.
 */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-e2e-district-'));
const districtData = path.join(root, 'district');
const dataDirs = { robin: path.join(root, 'robin'), jordan: path.join(root, 'jordan') };
let district: { url: string; child: ChildProcess; output: () => string } | null = null;
let proxy: FaultProxy;
let browser: Browser;
const apps: SpawnedApp[] = [];
const outboxIds: Record<string, string[]> = {};

const startDistrict = () => startDistrictServe({ FIELDBOOK_DISTRICT_DATA_DIR: districtData });

beforeAll(async () => {
  // Each supervisor has a finalised check-in and its addendum, two locks of an evaluation, a week's
  // visit log, the roster and a retention summary queued, and no target yet.
  for (const [who, profile] of [['robin', { supervisorName: 'Robin Diaz', supervisorEmail: 'robin.diaz@riverbend.example' }], ['jordan', { supervisorName: 'Jordan Ellis', supervisorEmail: 'jordan.ellis@riverbend.example' }]] as const) {
    const core = startCore({ dataDir: dataDirs[who], mode: 'browser', sync: false });
    const s = await supervisorWithExports(profile, '2026-11-23', core.ctx);
    outboxIds[who] = Object.values(s.ids);
    core.close();
  }
  district = await startDistrict();
  proxy = await startFaultProxy(`${district.url}/`);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const app of apps) await app.kill().catch(() => undefined);
  await browser?.close();
  await proxy?.close();
  if (district && district.child.exitCode === null) {
    district.child.kill('SIGTERM');
    await new Promise((r) => district!.child.once('exit', r));
  }
});

const NAMED = 'Named records: each leader’s conversations, risk and plan';

/** Every row of the supervisor's queue says Sent. */
async function queueSaysSent(page: Page, count: number): Promise<void> {
  await page.reload();
  const queue = page.getByRole('table', { name: 'Exports queued for the district' });
  await expect.poll(async () => (await queue.getByRole('row').filter({ hasText: /Sent at \d{1,2}:\d\d/ }).count()), { timeout: 30_000 }).toBe(count);
  expect(await queue.getByRole('row').filter({ hasText: /Waiting|Stopped|try again/ }).count()).toBe(0);
}

it('two supervisors send to one district; one is killed mid-send and restarted; every export is there exactly once and both queues say Sent', async () => {
  // Robin's Fieldbook: the proxy holds the district's answer to the third package. The district has
  // stored it; Fieldbook never hears so, and is killed.
  let posts = 0;
  proxy.plan(({ method }) => (method === 'POST' && ++posts === 3 ? 'hold' : 'none'));
  const held = new Promise<void>((resolve) => proxy.onHold(resolve));
  const robin = await spawnApp(dataDirs.robin);
  apps.push(robin);
  const robinPage = await browser.newPage();
  await addDistrictTarget(robinPage, robin, `${proxy.url}api/exports`, NAMED);
  await held;
  await robin.kill('SIGKILL');
  apps.splice(apps.indexOf(robin), 1);

  // Meanwhile Jordan's Fieldbook sends straight to the district.
  const jordan = await spawnApp(dataDirs.jordan);
  apps.push(jordan);
  const jordanPage = await browser.newPage();
  await addDistrictTarget(jordanPage, jordan, `${district!.url}/api/exports`, NAMED);
  await queueSaysSent(jordanPage, outboxIds.jordan.length);

  // Robin starts Fieldbook again: the interrupted export is sent again, and the district answers
  // with the receipt of what it already stored.
  proxy.plan(() => 'none');
  const again = await spawnApp(dataDirs.robin);
  apps.push(again);
  const page = await browser.newPage();
  await fieldbook(page).open(again);
  await fieldbook(page).section('Sync');
  await queueSaysSent(page, outboxIds.robin.length);
  await page.getByRole('banner', { name: 'Status' }).getByRole('link', { name: /Synced at \d{1,2}:\d\d/ }).waitFor({ timeout: 15_000 });

  // Stop the district and read its database: each export once.
  district!.child.kill('SIGTERM');
  await new Promise((r) => district!.child.once('exit', r));
  await waitFor(() => !fs.existsSync(path.join(districtData, 'pglite.lock')), 'the district to let go of its database');
  const db = await openPglite(path.join(districtData, 'pglite'));
  try {
    const stored = (await db.query<{ id: string; n: number }>(`SELECT export_id AS id, count(*) AS n FROM packages GROUP BY export_id ORDER BY export_id`)).rows;
    const expected = [...outboxIds.robin, ...outboxIds.jordan].sort();
    console.log(`[district e2e] exports ${expected.length}, stored ${stored.length}, duplicates ${stored.filter((r) => r.n > 1).length}, interrupted POSTs held ${proxy.injected.hold}`);
    expect(stored.map((r) => r.id)).toEqual(expected);
    expect(stored.every((r) => r.n === 1)).toBe(true);
    expect(proxy.injected.hold).toBe(1);
    expect((await db.query<{ n: number }>(`SELECT count(*) AS n FROM supervisors`)).rows[0].n).toBe(2);
    expect((await db.query<{ n: number }>(`SELECT count(*) AS n FROM quarantine`)).rows[0].n).toBe(0);
  } finally {
    await db.close();
  }
  // Robin's Fieldbook kept the interrupted attempt on record, and a receipt for every export.
  const robinDb = new Database(path.join(dataDirs.robin, 'fieldbook.sqlite3'), { readonly: true });
  try {
    expect(robinDb.prepare(`SELECT count(*) FROM sync_attempts WHERE outcome = 'interrupted'`).pluck().get()).toBe(1);
    const receipts = robinDb.prepare(`SELECT outbox_id AS id, detail FROM sync_receipts ORDER BY outbox_id`).all() as { id: string; detail: string }[];
    expect(receipts.map((r) => r.id)).toEqual([...outboxIds.robin].sort());
    for (const r of receipts) expect(JSON.parse(r.detail)).toMatchObject({ confirmed: true, receipt: { id: r.id, manifestSha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  } finally {
    robinDb.close();
  }
});
