import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demoJourney, fieldbook } from './browser';

const journey = demoJourney('evaluation');

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

it('a supervisor takes a principal through a whole cycle to a locked, signed write-up whose PDF holds the evidence', async () => {
  const app = await journey.start();
  const page = await journey.newPage({ acceptDownloads: true });
  const fb = fieldbook(page);
  await fb.open(app);

  // Start Marisol's cycle for this school year.
  await fb.section('Evaluations');
  await fb.choose('Leader', 'Marisol Vega');
  await fb.press('Start cycle');
  await page.getByRole('heading', { level: 1, name: /^Evaluation: Marisol Vega/ }).waitFor();

  // The early stages: goals, styles, strengths, a growth area with a support plan.
  const goals = region(page, 'Professional goals');
  await goals.getByLabel('Goal', { exact: true }).fill('Every grade 3 reader on a reteach plan');
  await goals.getByLabel('Measure', { exact: true }).fill('Interim reading assessment');
  await goals.getByLabel('Target', { exact: true }).fill('70% at benchmark');
  await goals.getByRole('button', { name: 'Add goal' }).click();
  await goals.getByText('Every grade 3 reader on a reteach plan', { exact: true }).waitFor(); // the entry itself, not the confirmation that names it
  await region(page, 'Stages').getByRole('button', { name: 'Mark complete: Set goals' }).click();
  await region(page, 'Stages').getByText(/^Completed /).first().waitFor();

  const styles = region(page, 'Communication and work styles');
  await styles.getByLabel('Style', { exact: true }).fill('Prefers written agendas the day before');
  await styles.getByRole('button', { name: 'Add style' }).click();
  await styles.getByText('Prefers written agendas the day before', { exact: true }).waitFor(); // the entry itself, not the confirmation that names it
  const strengths = region(page, 'Strengths to leverage');
  await strengths.getByLabel('Strength', { exact: true }).fill('Keeps the vision in front of staff');
  await strengths.getByRole('button', { name: 'Add strength' }).click();
  await strengths.getByText('Keeps the vision in front of staff', { exact: true }).waitFor(); // the entry itself, not the confirmation that names it
  const growth = region(page, 'Growth areas and support plan');
  await growth.getByLabel('Growth area', { exact: true }).fill('Delegating operations');
  await growth.getByRole('button', { name: 'Add growth area' }).click();
  const action = growth.getByRole('form', { name: 'Support action for Delegating operations' });
  await action.getByLabel('Support action', { exact: true }).fill('Hand the master schedule to the AP');
  await action.getByRole('button', { name: 'Add to support plan' }).click();
  await growth.getByText(/Hand the master schedule to the AP \(The leader/).waitFor();

  // The rubric: cite a tagged evaluative note on School Improvement, rate every row.
  const improvement = region(page, 'School Improvement');
  await improvement.getByText(/Evidence from .* tagged with this standard/).click();
  await improvement.getByRole('button', { name: /^Cite as evidence: Note of/ }).click();
  await improvement.getByRole('list', { name: 'Evidence cited for School Improvement' }).getByText(/sort interim results by standard/).waitFor();
  await improvement.getByLabel('Rationale for School Improvement').fill('Runs data cycles that change what happens in classrooms.');
  const ratings = page.getByLabel(/^Rating for /);
  const count = await ratings.count();
  expect(count).toBe(10);
  for (let i = 0; i < count; i++) await ratings.nth(i).selectOption({ label: i === count - 1 ? '4 – Highly effective' : '3 – Effective' });
  await expect.poll(() => improvement.getByLabel('Rating for School Improvement').inputValue()).toBe('4');

  // The write-up, started from evidence, saves itself.
  const writeUp = region(page, 'Summative write-up');
  await writeUp.getByRole('button', { name: 'Start from evidence' }).click();
  await expect.poll(() => writeUp.getByLabel('Summary', { exact: true }).inputValue()).toContain('School Improvement: Highly effective');
  await expect.poll(() => writeUp.locator('.save-state').allTextContents(), { timeout: 10_000 }).toEqual(Array(5).fill(expect.stringMatching(/^Saved at/)));

  // Sign, record the acknowledgement, lock.
  await fb.press('Sign the write-up');
  await page.getByRole('form', { name: 'Leader’s acknowledgement' }).waitFor();
  await fb.fill('Leader’s name, as they typed it', 'Marisol Vega');
  await fb.fill('Leader’s comment or rebuttal (optional)', 'I would like more support with the schedule.');
  await fb.press('Record acknowledgement');
  await fb.press('Lock evaluation…');
  await fb.press('Yes, lock it');
  await page.getByRole('note').filter({ hasText: /^Locked on/ }).waitFor();
  await page.getByText('1 export waiting').waitFor();

  // The PDF holds the leader, the ratings and an evidence citation.
  const [download] = await Promise.all([page.waitForEvent('download'), fb.press('Download PDF')]);
  const file = path.join(journey.dataDir, download.suggestedFilename());
  await download.saveAs(file);
  const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  expect(text).toContain('Summative evaluation: Marisol Vega');
  expect(text).toContain('4 – Highly effective');
  expect(text).toContain('3 – Effective');
  expect(text).toMatch(/Evidence: Note of \w+ \d+, \d{4}: “In the grade 3 data meeting Marisol had teams sort interim results by standard/);
  expect(text).toContain('Leader acknowledgement: Marisol Vega');

  // Locked: no screen offers an edit, and the API refuses one.
  expect(await page.getByLabel(/^Rating for /).count()).toBe(0);
  const cycleId = Number(/#\/evaluations\/(\d+)/.exec(page.url())![1]);
  const refused = await page.evaluate(async (id) => {
    const res = await fetch('/api/saveWriteUp', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-fieldbook-token': sessionStorage.getItem('fieldbook.token') ?? '' },
      body: JSON.stringify({ cycleId: id, section: 'summary', text: 'Rewritten after the lock' }),
    });
    return res.json();
  }, cycleId);
  expect(refused).toMatchObject({ ok: false, error: { code: 'evaluation_locked' } });

  // After the lock: a dated addendum.
  await fb.fill('Addendum', 'The AP took over the master schedule in January.');
  await fb.press('Add addendum');
  await page.getByRole('list', { name: 'Addenda' }).getByText(/took over the master schedule/).waitFor();
  await region(page, 'Summative write-up').getByText('School Improvement: Highly effective').first().waitFor();
});
