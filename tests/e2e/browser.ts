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
    open: (app: App) => page.goto(app.url),
    section: async (name: string) => {
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
    },
    ratio: () => page.getByRole('region', { name: 'Caseload ratio' }),
    fill: (label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value),
    choose: (label: string, option: string) => page.getByLabel(label, { exact: true }).selectOption({ label: option }),
    press: (name: string) => page.getByRole('button', { name, exact: true }).click(),
    link: (name: string) => page.getByRole('link', { name, exact: true }).click(),
  };
}
