import Database from 'better-sqlite3';
import path from 'node:path';
import { expect, it } from 'vitest';
import { DB_FILENAME } from '../../electron/core/db/connection';
import { demoJourney, fieldbook } from './browser';

const journey = demoJourney('drafts');

/** The draft as the core has it (read-only, beside the running server). */
function draftInCore(dataDir: string, key: string): string | null {
  const db = new Database(path.join(dataDir, DB_FILENAME), { readonly: true });
  try {
    const body = db.prepare(`SELECT body FROM drafts WHERE key = ?`).pluck().get(key) as Buffer | undefined;
    return body ? body.toString('utf8') : null;
  } finally {
    db.close();
  }
}

it('what is typed in a form survives a crash and a restart of browser mode on a new port, in a new tab', async () => {
  let app = await journey.start();
  let page = await journey.newPage();
  await fieldbook(page).open(app);
  await page.goto(`${app.origin}/#/retention/new?leader=1`);
  const help = page.getByLabel('What would help', { exact: true });
  await help.pressSequentially('Protected Thursday evenings for her family', { delay: 5 });
  await expect.poll(() => draftInCore(journey.dataDir, 'retention-new-1'), { timeout: 10_000 }).toContain('Protected Thursday evenings for her family');
  // Nothing typed is left in the browser's own storage.
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))).not.toContain('Thursday');

  // A crash: browser mode killed with SIGKILL, then started again (on a new port, so a new origin).
  const oldOrigin = app.origin;
  await app.kill('SIGKILL');
  app = await journey.start();
  expect(app.origin).not.toBe(oldOrigin);
  await page.close();
  page = await journey.newPage();
  await fieldbook(page).open(app);
  await page.goto(`${app.origin}/#/retention/new?leader=1`);
  await expect.poll(() => page.getByLabel('What would help', { exact: true }).inputValue(), { timeout: 10_000 }).toBe('Protected Thursday evenings for her family');

  // A normal restart too.
  await app.kill('SIGTERM');
  app = await journey.start();
  await page.close();
  page = await journey.newPage();
  await fieldbook(page).open(app);
  await page.goto(`${app.origin}/#/retention/new?leader=1`);
  await expect.poll(() => page.getByLabel('What would help', { exact: true }).inputValue(), { timeout: 10_000 }).toBe('Protected Thursday evenings for her family');
});
