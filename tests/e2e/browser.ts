import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startCore } from '../../electron/core';
import { spawnApp, type SpawnedApp } from './spawn';
import { runBrowserMode } from '../../electron/server/browserMode';

/** Real Chromium (Debian's, never a downloaded one) against the real browser-mode server. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    headless: true,
    // As root Chromium needs --no-sandbox; the rest keep it from calling out on a closed network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export type App = Awaited<ReturnType<typeof runBrowserMode>>;
export const startApp = (dataDir: string): Promise<App> => runBrowserMode({ dataDir });

/** Page objects: how a person moves around Fieldbook, by visible names only. */
export function fieldbook(page: Page) {
  return {
    page,
    /** Open Fieldbook from an address browser mode gave (each opens it once: a spawned app gives the next one). */
    open: async (app: { url: string; nextUrl?: () => Promise<string> }) => page.goto(app.nextUrl ? await app.nextUrl() : app.url),
    section: async (name: string) => {
      const link = page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });
      await link.click();
      await page.locator('nav a[aria-current="page"]', { hasText: name }).waitFor();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
    },
    ratio: () => page.getByRole('region', { name: 'Caseload ratio' }),
    fill: (label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value),
    choose: (label: string, option: string) => page.getByLabel(label, { exact: true }).selectOption({ label: option }),
    press: (name: string) => page.getByRole('button', { name, exact: true }).click(),
    link: (name: string) => page.getByRole('link', { name, exact: true }).click(),
  };
}

export { spawnApp, type SpawnedApp } from './spawn';

/**
 * A journey's set-up, for a test file: a fresh data folder with the demo district in it, Chromium,
 * and the app started (again) with start(). The latest app and the browser are closed afterwards.
 */
export function demoJourney(name: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `fieldbook-e2e-${name}-`));
  let browser: Browser | null = null;
  let app: SpawnedApp | null = null;
  beforeAll(async () => {
    const core = startCore({ dataDir, mode: 'browser' });
    await core.call('loadDemoData', {});
    core.close();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await app?.kill();
    await browser?.close();
  });
  return {
    dataDir,
    /** Browser mode on the journey's folder (one process owns a folder: a running one is stopped first). */
    start: async () => {
      await app?.kill();
      return (app = await spawnApp(dataDir));
    },
    stop: () => app?.kill(),
    newPage: (options?: BrowserContextOptions) => browser!.newPage(options),
  };
}
