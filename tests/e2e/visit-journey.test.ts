import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demoJourney, fieldbook } from './browser';

const journey = demoJourney('visit');

const noteBox = (page: Page) => page.getByLabel('Note', { exact: true });
const saveState = (page: Page) => page.locator('.save-state').first();

it('a supervisor plans a visit, coaches with notes through a crash, tags, adds a next step, closes it, and finds it again', async () => {
  let app = await journey.start();
  let page = await journey.newPage();
  let fb = fieldbook(page);
  await fb.open(app);

  // Plan a visit for today with Marisol at her school.
  await fb.section('Visits');
  await fb.link('Plan a visit');
  await fb.choose('School', 'Cedar Grove Elementary');
  await page.getByRole('checkbox', { name: /Marisol Vega/ }).check();
  await fb.choose('Kind of visit', 'Side-by-side coaching');
  await fb.fill('Purpose', 'Feedback cycles in grade 3 math');
  await fb.press('Plan visit');
  await page.getByRole('heading', { name: 'Side-by-side coaching at Cedar Grove Elementary' }).waitFor();
  const visitUrl = new URL(page.url()).hash;

  // On site: start it and write a note; it saves itself.
  await fb.press('Start visit');
  await page.getByText('In progress', { exact: true }).waitFor();
  await fb.press('Add a note');
  await noteBox(page).pressSequentially('Marisol ran a calibration walkthrough with the math team.', { delay: 5 });
  await expect.poll(() => saveState(page).textContent(), { timeout: 5000 }).toMatch(/^Saved at/);
  // Keep typing, and the server dies with SIGKILL mid-sentence.
  await noteBox(page).pressSequentially(' Next: model feedback', { delay: 5 });
  await app.kill('SIGKILL');

  // Restart: the note is there, at least up to the last save.
  app = await journey.start();
  await page.close();
  page = await journey.newPage();
  fb = fieldbook(page);
  await fb.open(app);
  await page.goto(`${app.origin}/${visitUrl}`);
  const note = page.getByRole('article', { name: /Note from/ });
  await expect.poll(() => note.textContent()).toContain('Marisol ran a calibration walkthrough with the math team.');

  // Tag it against a framework element, add a next step, close the visit.
  await note.getByRole('button', { name: 'Edit note' }).click();
  await page.getByRole('button', { name: /Tag this note/ }).click();
  const firstElement = page.getByRole('group').filter({ has: page.locator('legend') }).first().getByRole('checkbox').first();
  const tagTitle = (await firstElement.locator('xpath=..').textContent())!.trim();
  await firstElement.check();
  await expect.poll(() => page.getByRole('button', { name: /Tag this note/ }).textContent()).toContain('(1)');
  await fb.press('Done editing');
  await expect.poll(() => note.getByRole('list', { name: 'Tags' }).textContent()).toContain(tagTitle);

  await fb.fill('Next step', 'Share the calibration protocol with the ILT');
  await fb.choose('Owner', 'The leader');
  await fb.press('Add next step');
  await page.getByText('Share the calibration protocol with the ILT', { exact: false }).first().waitFor();
  await fb.press('Close visit');
  await page.getByText('Done', { exact: true }).first().waitFor();

  // The leader's page has the visit and the note.
  await fb.section('Caseload');
  await page.getByRole('link', { name: 'Marisol Vega' }).click();
  await page.getByRole('heading', { level: 1, name: 'Marisol Vega' }).waitFor();
  await expect.poll(() => page.getByRole('region', { name: 'Visits', exact: true }).textContent()).toContain('Side-by-side coaching at Cedar Grove Elementary');
  await expect.poll(() => page.getByRole('region', { name: 'Notes' }).textContent()).toContain('calibration walkthrough');

  // The dashboard counts the hour spent with a principal.
  await fb.section('Dashboard');
  await expect.poll(() => page.getByRole('region', { name: 'Time in schools' }).textContent()).toContain('1 done visit');

  // Search finds the visit by a word from the note, from any screen with Ctrl+K.
  await page.keyboard.press('Control+k');
  await page.getByLabel('Search notes and visits').fill('calibration');
  const hit = page.getByRole('link', { name: /Side-by-side coaching|Cedar Grove/ }).first();
  await hit.waitFor();
  expect(await page.locator('mark').first().textContent()).toMatch(/calibration/i);
  await hit.click();
  await page.getByRole('heading', { name: 'Side-by-side coaching at Cedar Grove Elementary' }).waitFor();
});
