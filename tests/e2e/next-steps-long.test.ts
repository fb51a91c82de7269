import { beforeAll, expect, it } from 'vitest';
import { startCore } from '../../electron/core';
import { isoDate } from '../../shared/schoolYear';
import { addManySteps, caseloadLeaders } from '../node/manySteps';
import { demoJourney, fieldbook } from './browser';

/** The Next steps screen in Chromium with 4,000 steps: it filters in the core, scrolls, and Tab walks on past the first page. */
const journey = demoJourney('next-steps-long');
const today = isoDate(new Date());
let counts: { open: number; overdue: number; mine: number };

beforeAll(async () => {
  const core = startCore({ dataDir: journey.dataDir, mode: 'browser', sync: false });
  await addManySteps(core.ctx, caseloadLeaders(core.ctx), 4000, today);
  const n = (where: string) => core.ctx.db.prepare(`SELECT count(*) FROM action_items WHERE ${where}`).pluck().get(today) as number;
  counts = {
    open: n('done_date IS NULL AND ? IS NOT NULL'),
    overdue: n('done_date IS NULL AND due_date < ?'),
    mine: n(`done_date IS NULL AND due_date < ? AND description LIKE '%attendance%' AND owner = 'supervisor'`),
  };
  core.close();
});

const thousands = (k: number) => k.toLocaleString('en-US');

it('filters thousands of next steps in the core, scrolls through them and reaches rows past the first page by Tab', async () => {
  const app = await journey.start();
  const page = await journey.newPage({ viewport: { width: 1280, height: 800 } });
  const fb = fieldbook(page);
  await fb.open(app);
  await fb.section('Next steps');
  const status = page.getByRole('status').filter({ hasText: /next steps/ });
  await expect.poll(() => status.textContent()).toBe(`${thousands(counts.open)} next steps, ${thousands(counts.overdue)} overdue`);
  const table = page.getByRole('table', { name: 'Open next steps' });
  expect(await table.getAttribute('aria-rowcount')).toBe(String(counts.open + 1));
  const drawn = () => table.getByRole('rowheader').count();
  expect(await drawn()).toBeLessThan(150);

  // Scroll to the end: the last rows are loaded and drawn, the first ones are not. As rows are drawn
  // and measured the list's height settles, so keep going to the end, as a person pressing End would.
  const last = table.locator(`tr[aria-rowindex="${counts.open + 1}"] th`);
  await expect.poll(async () => {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    return last.count();
  }, { timeout: 30_000 }).toBe(1);
  expect(await last.textContent()).toMatch(/^Step \d+: /);
  expect(await table.locator('tr[aria-rowindex="2"]').count()).toBe(0);
  expect(await drawn()).toBeLessThan(150);

  // Back to the top, and on by Tab past the first page of 100.
  await page.evaluate(() => window.scrollTo(0, 0));
  await table.getByRole('button', { name: /^Mark done: / }).first().focus();
  let row = 0;
  for (let i = 0; i < 400 && row < 180; i++) {
    await page.keyboard.press('Tab');
    row = Number(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('aria-rowindex') ?? -1));
    expect(row, 'focus stays in the list').toBeGreaterThan(0);
  }
  expect(row).toBeGreaterThanOrEqual(180);
  expect(await drawn()).toBeLessThan(250);

  // Filter: my overdue ones about attendance.
  await page.evaluate(() => window.scrollTo(0, 0));
  await fb.choose('Filter by due date', 'Overdue');
  await fb.choose('Filter by owner', 'Me');
  await fb.fill('Filter by words', 'attendance');
  expect(counts.mine).toBeGreaterThan(10);
  await expect.poll(() => status.textContent()).toBe(`${counts.mine} next steps, ${counts.mine} overdue`);
  await expect.poll(() => drawn()).toBe(counts.mine);
  for (const name of await table.getByRole('rowheader').allTextContents()) expect(name).toMatch(/attendance plan$/);
  await page.close();
});
