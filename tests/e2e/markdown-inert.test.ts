import { expect, it } from 'vitest';
import { startCore } from '../../electron/core';
import { demoJourney } from './browser';

const journey = demoJourney('markdown');

const HOSTILE = [
  '**Bold stays bold**',
  '<script>window.__pwned = "script"</script>',
  '<img src="x" onerror="window.__pwned = \'img\'">',
  '<iframe src="javascript:window.top.__pwned=\'iframe\'"></iframe>',
  '[click me](javascript:window.__pwned="link")',
  '<a href="javascript:alert(1)">html link</a>',
  '<svg onload="window.__pwned=\'svg\'"></svg>',
  'x'.repeat(200_000),
].join('\n\n');

it('a note full of scripts, HTML and javascript: links renders inertly in Chromium', async () => {
  const core = startCore({ dataDir: journey.dataDir, mode: 'browser' });
  const r = await core.call('createNote', { leaderId: 1, body: HOSTILE });
  core.close();
  expect(r.ok).toBe(true);

  const app = await journey.start();
  const page = await journey.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(app.url);
  await page.goto(`${app.origin}/#/leaders/1`);
  const note = page.getByRole('region', { name: 'Notes' });
  await expect.poll(() => note.locator('strong', { hasText: 'Bold stays bold' }).count()).toBe(1);

  // Nothing ran, nothing was injected, and the links lead nowhere.
  const found = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
    injected: document.querySelectorAll('main script, main img, main iframe, main svg, main [onerror], main [onload]').length,
    hrefs: Array.from(document.querySelectorAll("main article a"), (a) => a.getAttribute("href")),
  }));
  expect(found.pwned).toBeNull();
  expect(found.injected).toBe(0);
  expect(found.hrefs.some((h) => h?.toLowerCase().startsWith('javascript:'))).toBe(false);
  const link = note.getByRole('link', { name: 'click me' });
  if (await link.count()) await link.click();
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null)).toBeNull();
  expect(dialogs).toEqual([]);
  // The raw HTML is shown as text or dropped, never as markup.
  expect(await note.textContent()).not.toContain('<script>');
});

it('a megabyte-long word wraps instead of stretching the page, and a right-to-left override in a name reads as it is', async () => {
  await journey.stop();
  const core = startCore({ dataDir: journey.dataDir, mode: 'browser' });
  const leader = await core.call('addLeader', { name: `Ana \u202Egnp.exe ${'W'.repeat(180)}`, role: 'principal', schoolId: 1, roleStartDate: '2020-08-01', assignment: { supportTier: 'standard' } });
  expect(leader.ok).toBe(true);
  const id = (leader as { value: { id: number } }).value.id;
  expect((await core.call('createNote', { leaderId: id, body: `Link dump: ${'y'.repeat(1_000_000)}` })).ok).toBe(true);
  core.close();

  const app = await journey.start();
  const page = await journey.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(app.url);
  await page.goto(`${app.origin}/#/leaders/${id}`);
  const note = page.getByRole('region', { name: 'Notes' });
  await expect.poll(() => note.getByText(/^Link dump: y+/).count(), { timeout: 30_000 }).toBe(1);
  const sizes = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth, heading: document.querySelector('h1')!.textContent }));
  expect(sizes.page).toBeLessThanOrEqual(sizes.window);
  expect(sizes.heading).toMatch(/^Ana U\+202Egnp\.exe W+$/);
  // And on the caseload, among other names.
  await page.goto(`${app.origin}/#/caseload`);
  await page.getByRole('link', { name: /^Ana U\+202Egnp\.exe/ }).waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
