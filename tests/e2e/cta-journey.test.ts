import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it, onTestFailed } from 'vitest';
import { demoJourney, fieldbook } from './browser';

const journey = demoJourney('cta');
const shots = process.env.FIELDBOOK_SCREENSHOTS;

const GOALS = [
  { title: 'Grade 3 reading at standard', focus: 'Teaching and Learning', measure: 'Grade 3 students at or above standard in reading', baseline: '38', benchmark: '44', target: '50' },
  { title: 'Fewer chronically absent students', focus: 'School Culture and Restorative Communities', measure: 'Students missing 10% or more of school days', baseline: '22', benchmark: '18', target: '15' },
  { title: 'Families at conferences', focus: 'Family and Community Engagement', measure: 'Families attending fall conferences', baseline: '55', benchmark: '65', target: '75' },
];

async function snap(page: Page, name: string) {
  if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

it('a supervisor writes a CTA plan, facilitates the Q1 check-in, finalises it, gets the PDF, and opens Q2 with Q1’s next steps carried forward', async () => {
  const app = await journey.start();
  const page = await journey.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const fb = fieldbook(page);
  onTestFailed(() => snap(page, 'cta-failure'));
  await fb.open(app);

  // The plan: three goals, typed measures. A percentage of 140 is refused at the field.
  await fb.section('CTA');
  await page.getByRole('link', { name: 'Mesa Verde Middle School' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Mesa Verde Middle School' }).waitFor();
  await fb.press('Start the CTA plan');
  for (const [i, g] of GOALS.entries()) {
    const form = page.getByRole('form', { name: 'Add a goal' });
    await form.getByLabel('Goal', { exact: true }).fill(g.title);
    await form.getByLabel('Focus area').selectOption({ label: g.focus });
    await form.getByLabel('What is measured').fill(g.measure);
    await form.getByLabel('Baseline').fill(g.baseline);
    await form.getByLabel('Mid-year benchmark').fill(g.benchmark);
    await form.getByLabel('Target').fill(i === 0 ? '140' : g.target);
    await form.getByRole('button', { name: 'Add goal' }).click();
    if (i === 0) {
      await expect.poll(() => form.getByRole('alert').first().textContent()).toContain('A percentage is between 0 and 100');
      await form.getByLabel('Target').fill(g.target);
      await form.getByRole('button', { name: 'Add goal' }).click();
    }
    await page.getByRole('heading', { level: 3, name: `${i + 1}. ${g.title}` }).waitFor();
  }
  await snap(page, 'cta-plan');

  // Hold the Q1 check-in (its date is in Q1 of this school year) in facilitation mode.
  const year = new Date().getMonth() >= 6 ? new Date().getFullYear() : new Date().getFullYear() - 1;
  await fb.fill('Check-in date', `${year}-09-16`);
  await fb.press('Open check-in');
  const mode = page.getByRole('region', { name: 'Facilitation mode' });
  await mode.waitFor();
  await page.getByRole('heading', { name: 'Who is here' }).waitFor();
  await page.getByLabel('Attendee 1 name').fill('Anh Nguyen');
  await page.getByLabel('Attendee 1 role').fill('Principal');
  await fb.press('Add attendee');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Attendee 2 name');
  await page.keyboard.type('Dana Ruiz');
  await page.getByLabel('Attendee 2 role').fill('Grade 3 lead');

  // Step through the goals from the keyboard.
  const statuses = ['On track', 'At risk', 'Off track'];
  const values = ['41', '20', '52'];
  for (const [i, g] of GOALS.entries()) {
    await page.keyboard.press('Alt+PageDown');
    await page.getByRole('heading', { level: 2, name: `Goal ${i + 1} of 3: ${g.title}` }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('step-heading');
    await fb.fill('Latest value', values[i]);
    await page.getByRole('radio', { name: statuses[i] }).check();
    await fb.fill('The ILT’s reflection', `Reflection on ${g.title}`);
    if (i === 0) {
      await fb.fill('Next step', 'Share the small-group reading protocol');
      await fb.fill('Owner', 'Dana Ruiz');
      await fb.press('Add next step');
      await page.getByText('Share the small-group reading protocol', { exact: true }).waitFor();
    }
    await expect.poll(() => mode.locator('.save-state').allTextContents()).not.toContainEqual(expect.stringMatching(/Unsaved|Saving/));
  }
  await snap(page, 'cta-facilitation');
  await page.keyboard.press('Alt+PageDown');
  await page.getByRole('heading', { level: 2, name: 'Wrap up' }).waitFor();
  await expect.poll(() => mode.getByRole('list', { name: 'Where each goal stands' }).textContent()).toContain('Families at conferences: Off track');
  await fb.press('Finalise check-in…');
  await fb.press('Yes, finalise it');

  // The summary: read-only, with a PDF whose text holds the goals and their statuses.
  await page.getByRole('heading', { level: 1, name: /Mesa Verde Middle School: CTA check-in Q1/ }).waitFor();
  await expect.poll(() => page.getByText(/Finalised/).first().textContent()).toBeTruthy();
  expect(await page.getByLabel('Latest value').count()).toBe(0);
  await snap(page, 'cta-summary');
  const [download] = await Promise.all([page.waitForEvent('download'), fb.press('Download PDF')]);
  const pdf = path.join(journey.dataDir, download.suggestedFilename());
  await download.saveAs(pdf);
  const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
  for (const g of GOALS) expect(text).toContain(g.title);
  for (const s of statuses) expect(text).toContain(s);
  expect(text).toContain('Dana Ruiz (Grade 3 lead)');

  // The dashboard shows each goal's newest status at a glance.
  await fb.section('Dashboard');
  const glance = page.getByRole('list', { name: 'Mesa Verde Middle School goals' });
  await expect.poll(() => glance.textContent()).toContain('Grade 3 reading at standard On track');
  await expect.poll(() => glance.textContent()).toContain('Families at conferences Off track');
  await snap(page, 'cta-dashboard');

  // Q2 starts from Q1: the team, the open next step, and last time's values.
  await page.getByRole('link', { name: 'Mesa Verde Middle School' }).first().click();
  await fb.fill('Check-in date', `${year}-11-18`);
  await fb.press('Open check-in');
  await mode.waitFor();
  await expect.poll(() => mode.locator('.facilitate-who').textContent()).toContain('Dana Ruiz (Grade 3 lead)');
  await page.getByRole('button', { name: /Goal 1: Grade 3 reading/ }).click();
  await expect.poll(() => mode.textContent()).toContain('Last check-in (Q1): 41%, On track');
  const carried = mode.getByRole('list', { name: 'Next steps' });
  await expect.poll(() => carried.textContent()).toContain('Share the small-group reading protocol');
  await expect.poll(() => carried.textContent()).toContain('carried forward from Q1');

  // Typing survives leaving and coming back: autosaved, not held in the page.
  await fb.fill('What is working', 'Guided reading groups meet daily');
  await page.getByRole('button', { name: 'Leave facilitation mode' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mesa Verde Middle School' }).waitFor();
  await page.getByRole('link', { name: /Q2 check-in/ }).click();
  await expect.poll(() => page.getByLabel('What is working').inputValue()).toBe('Guided reading groups meet daily');
});
