import { chromium, type Browser, type Page } from 'playwright-core';
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
    open: (app: { url: string }) => page.goto(app.url),
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

/**
 * Browser mode as its own process, the way `npm start` runs it, so a test can kill it with
 * SIGKILL mid-work like a crash or a power cut.
 */
export async function spawnApp(dataDir: string): Promise<{ url: string; origin: string; kill: (signal?: NodeJS.Signals) => Promise<void> }> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/start.ts', '--browser', '--no-build', '--no-open'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, FIELDBOOK_DATA_DIR: dataDir, FIELDBOOK_NO_OPEN: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${out}`)), 30_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /Open (http\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`browser mode exited (${code}):\n${out}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    kill: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
