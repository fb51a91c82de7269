import type { Browser } from 'playwright-core';
import type { DistrictDb } from '../../district/db/connection';
import { signIn, viewerFor } from '../../district/view/accounts';
import { addStaffAccount, changePassword } from '../../district/view/accounts';
import { buildView, VIEW_DIR } from '../../district/view/build';
import { runPage } from '../../district/view/dispatch';
import { viewRoutes } from '../../district/view/http';
import { startDistrictServer } from '../../district/server';
import { sample, summarise, type Row } from './stats';

/**
 * The leader tracking view at district scale, on a database the district rows have just loaded (and analysed):
 * each page's whole server answer for a chief (every statement it runs and the shaping of its
 * answer), p50 and p95 of `runs` after one warm-up; budget p95 ≤ 100 ms on PostgreSQL, reported on
 * PGlite. With a browser, each page's first render in Chromium: from opening its address (signed in)
 * to the page's figures on screen, budget 1 s.
 */
const PAGE_BUDGET_MS = 100;
const RENDER_BUDGET_MS = 1000;
const PAGES = [
  ['capacity', 'Supervision capacity', '/capacity'],
  ['timeInSchools', 'Time in schools', '/time'],
  ['cta', 'CTA', '/cta'],
  ['evaluations', 'Evaluations', '/evaluations'],
  ['retention', 'Retention and succession', '/retention'],
] as const;
const PASSWORD = 'bench password of some length';

async function chief(db: DistrictDb, now: Date) {
  const email = `bench.chief.${Date.now()}@district.example`;
  const account = await addStaffAccount(db, { email, role: 'chief' }, now);
  const first = await signIn(db, { email, password: account.password, address: null }, now);
  await changePassword(db, first.viewer, { currentPassword: account.password, newPassword: PASSWORD }, now);
  return { email, viewer: (await viewerFor(db, first.token, now))! };
}

export async function leaderViewBench(db: DistrictDb, engine: string, day: string, runs: number, browser: Browser | null): Promise<Row[]> {
  const now = new Date(`${day}T15:00:00Z`);
  const ctx = { db, now: () => now };
  // The tables analysed, as a server's autovacuum does soon after a load (PGlite has none: the district should ANALYZE after loading).
  await db.exec('ANALYZE');
  const { email, viewer } = await chief(db, now);
  const size = `district, ${engine}`;
  const rows: Row[] = [];
  const budget = engine.startsWith('PostgreSQL') ? PAGE_BUDGET_MS : null;
  for (const [call, title] of PAGES) {
    await runPage(ctx, viewer, call, {});
    rows.push(summarise(size, `page query: ${title} (whole district, this year)`, await sample(runs, () => runPage(ctx, viewer, call, {})), budget));
  }
  // A leader with a long record: the one on the most rosters.
  const leaderId = (await db.query<{ id: number }>(`SELECT leader_id AS id FROM roster_entries GROUP BY leader_id ORDER BY count(*) DESC LIMIT 1`)).rows[0].id;
  await runPage(ctx, viewer, 'leader', { leaderId });
  rows.push(summarise(size, 'page query: a leader’s record (the longest)', await sample(runs, () => runPage(ctx, viewer, 'leader', { leaderId })), budget));
  rows.push(summarise(size, 'page query: find a leader by name', await sample(runs, () => runPage(ctx, viewer, 'findLeaders', { query: 'an' })), budget));
  if (browser) rows.push(...(await firstRenders(db, size, now, email, browser, Math.min(runs, 5))));
  return rows;
}

/** Each page opened afresh in a signed-in browser, timed from navigation to its figures on screen. */
async function firstRenders(db: DistrictDb, size: string, now: Date, email: string, browser: Browser, runs: number): Promise<Row[]> {
  if (!buildView().ok) throw new Error('The leader tracking view did not build');
  const server = await startDistrictServer({ db, view: viewRoutes({ db, now: () => now, staticDir: VIEW_DIR, secure: false }) });
  const context = await browser.newContext();
  try {
    const signedIn = await context.request.post(`${server.url}/api/view/signIn`, { data: { email, password: PASSWORD } });
    if (!signedIn.ok()) throw new Error(`Signing in for the bench failed: ${await signedIn.text()}`);
    const rows: Row[] = [];
    for (const [, title, path] of PAGES) {
      const samples: number[] = [];
      for (let i = 0; i < runs + 1; i++) {
        const page = await context.newPage();
        await page.goto(`${server.url}/#${path}`);
        // Checked on every frame the browser paints: the page's first figures, with nothing still loading.
        const shown = await page.waitForFunction(() => (document.querySelector('main section table, main section .headline') ? performance.now() : false), null, { polling: 'raf', timeout: 60_000 });
        const ms = (await shown.jsonValue()) as number;
        if (i > 0) samples.push(ms); // the first load warms the browser's cache of the view's files
        await page.close();
      }
      rows.push(summarise(size, `Chromium: ${title} shown, from opening its address`, samples, RENDER_BUDGET_MS));
    }
    return rows;
  } finally {
    await context.close();
    await server.close();
  }
}
