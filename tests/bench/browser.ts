import fs from 'node:fs';
import http from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { HTTP_API_PREFIX, TOKEN_HEADER } from '../../shared/api';
import { spawnApp } from '../e2e/spawn';
import type { CoreContext } from '../../electron/core/context';
import { call, dashboardCalls, leaderPageCalls, typicalLeader } from './core';
import { isoDate } from '../../shared/schoolYear';
import { ratio, type Row, round, summarise, timed } from './stats';

export interface Server {
  /** An address that opens the app in a new tab (each opens it once). */
  nextUrl: () => Promise<string>;
  origin: string;
  token: string;
  pid: number;
  /** Milliseconds from spawning the process to the first answered API call. */
  coldStartMs: number;
  api: (name: string, input?: unknown) => Promise<unknown>;
  stop: () => Promise<void>;
}

/** Browser mode as `npm start` runs it (its own process, the built renderer), timed to its first answer. */
export async function startServer(dataDir: string): Promise<Server> {
  const started = performance.now();
  const app = await spawnApp(dataDir, 120_000);
  const origin = app.origin;
  const token = await app.token();
  // A plain keep-alive client, like a browser tab's: the bridge's cost, not a heavy client's.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const api = (name: string, input: unknown = {}) => new Promise<unknown>((resolve, reject) => {
    const req = http.request(`${origin}${HTTP_API_PREFIX}${name}`, { method: 'POST', agent, headers: { [TOKEN_HEADER]: token, 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok: boolean; value?: unknown; error?: { message: string } };
        if (body.ok) resolve(body.value);
        else reject(new Error(`${name} over the bridge failed: ${body.error?.message}`));
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify(input));
  });
  await api('getStatus');
  const coldStartMs = performance.now() - started;
  return {
    nextUrl: app.nextUrl, origin, token, pid: app.pid, coldStartMs, api,
    stop: () => {
      agent.destroy();
      return app.kill();
    },
  };
}

/** Resident memory of a process, from /proc (Linux). */
export const rssMb = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? round(Number(m[1]) / 1024) : NaN;
};

export async function coldStarts(size: string, dataDir: string, runs: number): Promise<Row> {
  // The first start of a day also takes the daily backup in the background: let it happen first.
  const first = await startServer(dataDir);
  await settled(first);
  await first.stop();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = await startServer(dataDir);
    samples.push(s.coldStartMs);
    // A real session outlasts its background read of the data file, which is what lets the next start skip it.
    await settled(s);
    await s.stop();
  }
  return summarise(size, 'browser mode: cold start to first answered call', samples, 2000);
}

/**
 * Until the start-up work in the background is done: today's automatic backup in the folder (written
 * under another name, then renamed: listed means finished) and the data file's background read.
 */
export async function settled(s: Server): Promise<void> {
  const today = isoDate(new Date());
  for (let i = 0; i < 1200; i++) {
    const b = (await s.api('listBackups')) as { backups: { kind: string; createdAt: string }[]; dataFile: { state: string } | null };
    if (b.backups.some((x) => (x.kind === 'daily' || x.kind === 'weekly') && x.createdAt === today) && b.dataFile?.state !== 'checking') return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * The same calls over the HTTP bridge and straight through dispatch(), interleaved so that noise
 * hits both alike; ratios for the calls that take more than 1 ms on the core.
 */
export async function bridgeRatios(size: string, ctx: CoreContext, server: Server, runs: number): Promise<Row[]> {
  const { leaderId } = typicalLeader(ctx);
  const calls: [string, unknown][] = [
    ...dashboardCalls(isoDate(new Date())),
    ...leaderPageCalls(leaderId).filter(([n]) => n === 'listLeaderNotes' || n === 'getVisitStrip'),
    ['search', { query: 'feedback' }],
    ['getCaseload', {}],
  ];
  const rows: Row[] = [];
  for (const [name, input] of calls) {
    const direct: number[] = [];
    const bridge: number[] = [];
    await call(ctx, name, input);
    await server.api(name, input);
    // Five times the runs: a p95 of twenty samples is the second slowest, one scheduling hiccup on a millisecond call.
    for (let i = 0; i < runs * 5; i++) {
      direct.push(await timed(() => call(ctx, name, input)));
      bridge.push(await timed(() => server.api(name, input)));
    }
    const d = summarise('', '', direct, null).p50;
    if (d <= 1) continue;
    rows.push(ratio(size, `HTTP bridge ÷ core: ${name}`, bridge, direct, `core p50 ${d} ms`));
  }
  return rows;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Time from the page's load event to the dashboard showing its data (the Overdue frame filled in). */
export async function firstRender(size: string, browser: Browser, server: Server, runs: number): Promise<Row> {
  const samples: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const page = await browser.newPage();
    await page.goto(await server.nextUrl(), { waitUntil: 'load' });
    // Checked on every frame the browser paints, so the time is when a person could see it.
    const shown = await page.waitForFunction(() => {
      const frame = document.querySelector('section[aria-labelledby="overdue-heading"]');
      return frame && !frame.textContent?.includes('Loading') && document.getElementById('focus-heading') ? performance.now() : false;
    }, null, { polling: 'raf', timeout: 60_000 });
    const shownAt = (await shown.jsonValue()) as number;
    const loadEnd = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
    const ms = Math.max(0, shownAt - loadEnd);
    if (i > 0) samples.push(ms); // the first load warms the browser's cache of the app's files
    await page.close();
  }
  return summarise(size, 'Chromium: dashboard shown, after load', samples, 1000);
}

/**
 * Typing a quick note on a leader's page with a PerformanceObserver for long tasks: the budget is that no
 * main-thread task takes over 50 ms, so the row reports the longest task seen while typing.
 */
export async function typing(size: string, browser: Browser, server: Server, leaderId: number): Promise<Row> {
  const page = await browser.newPage();
  await page.goto(await server.nextUrl(), { waitUntil: 'load' });
  // A leader's page (a decade of their notes below) with a quick note about them open on top.
  await page.evaluate((id) => (location.hash = `#/leaders/${id}`), leaderId);
  await page.getByRole('heading', { name: 'Notes' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: /^Quick note/ }).click();
  const box = page.getByRole('dialog').getByRole('textbox', { name: 'Note', exact: true });
  await box.waitFor({ timeout: 60_000 });
  await box.click();
  await page.keyboard.press('Control+End');
  // Watch from the first key on: every task over 50 ms on the page's main thread is a long task.
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: 'longtask' });
  });
  const text = ' The ILT looked at exit tickets by standard and planned small groups for next week.';
  for (let i = 0; i < 3; i++) await page.keyboard.type(text, { delay: 25 });
  await page.waitForTimeout(1500);
  const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
  await page.close();
  const worst = long.length ? Math.max(...long) : 0;
  return { ...summarise(size, `Chromium: typing a note, longest main-thread task (${long.length} over 50 ms)`, [worst], 50), p50: round(worst), p95: round(worst) };
}
