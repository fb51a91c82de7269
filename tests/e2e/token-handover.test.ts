import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { spawnApp, type SpawnedApp } from './spawn';

/**
 * When browser mode opens the browser itself, the session's token is on no command line (any
 * local user can list them with `ps`) and in no browser history: the browser is given the path of
 * a private page in the data folder, which sends it to a one-time address; the page exchanges the
 * address's code for the token, and the code is spent.
 */
let app: SpawnedApp | null = null;
afterAll(async () => {
  await app?.kill();
});

/** Every process's command line on this machine, as `ps` shows them. */
const commandLines = (): string[] =>
  fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((pid) => {
    try {
      return [fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')];
    } catch {
      return [];
    }
  });

it.skipIf(process.platform !== 'linux')('opens Fieldbook in the browser without the token on any command line or in the browser’s history', async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-e2e-handover-'));
  const dataDir = path.join(work, 'data');
  // The "browser" browser mode starts: it notes what it was given, as `ps` would show it.
  const argvFile = path.join(work, 'browser-argv.txt');
  const fakeBrowser = path.join(work, 'browser.sh');
  fs.writeFileSync(fakeBrowser, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvFile}'\n`, { mode: 0o755 });
  app = await spawnApp(dataDir, 30_000, { browser: fakeBrowser });
  await expect.poll(() => fs.existsSync(argvFile), { timeout: 10_000 }).toBe(true);
  const argv = fs.readFileSync(argvFile, 'utf8').trim().split('\n');
  // Only the path of a page in the data folder, readable by this user alone.
  expect(argv).toHaveLength(1);
  expect(path.dirname(argv[0])).toBe(dataDir);
  expect(argv[0]).not.toMatch(/token|code=/);
  expect(fs.statSync(argv[0]).mode & 0o777).toBe(0o600);
  expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);

  // The real browser opens that page, as the person's would.
  const profile = path.join(work, 'profile');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`file://${argv[0]}`);
  await page.getByRole('heading', { name: 'Welcome to Fieldbook' }).or(page.getByRole('button', { name: 'Save and continue' })).first().waitFor({ timeout: 30_000 });
  await page.waitForURL((u) => u.protocol === 'http:' && !u.hash.includes('code='));
  const token = await page.evaluate(() => sessionStorage.getItem('fieldbook.token'));
  expect(token).toMatch(/^[\w-]{40,}$/);
  // The page was a one-time thing: gone from the data folder.
  expect(fs.existsSync(argv[0])).toBe(false);
  // No process on this machine has the token on its command line.
  expect(commandLines().filter((c) => c.includes(token!))).toEqual([]);
  await context.close();

  // Chromium's history has no token, and the address it does have opens nothing any more.
  const history = new Database(path.join(profile, 'Default', 'History'), { readonly: true });
  const urls = history.prepare(`SELECT url FROM urls`).pluck().all() as string[];
  history.close();
  expect(urls.some((u) => u.startsWith(app!.origin))).toBe(true);
  expect(urls.filter((u) => u.includes(token!))).toEqual([]);
  for (const code of urls.flatMap((u) => [.../#code=([\w-]+)/.exec(u)?.slice(1) ?? []])) {
    const r = await fetch(`${app.origin}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(r.status).toBe(401);
  }
});
