import { addDays, format } from 'date-fns';
import { expect, it } from 'vitest';
import { demoJourney, fieldbook } from './browser';

const journey = demoJourney('retention');

it('a supervisor holds a stay conversation (intent unsure), writes a plan of support, and sees the leader at the top of the retention view and the follow-up on the dashboard', async () => {
  const app = await journey.start();
  const page = await journey.newPage();
  const fb = fieldbook(page);
  await fb.open(app);

  // The retention view before: Darnell (medium risk, from the demo) leads it.
  await fb.section('Retention');
  const table = page.getByRole('table', { name: 'Caseload by risk, highest first' });
  await expect.poll(() => table.getByRole('row').nth(1).getByRole('link').first().textContent()).toBe('Darnell Brooks');
  await page.getByRole('link', { name: 'Hold a conversation with Marisol Vega' }).click();

  const form = page.getByRole('form', { name: 'Conversation with Marisol Vega' });
  await form.getByLabel('Intent to stay next year', { exact: true }).selectOption({ label: 'Unsure' });
  await form.getByLabel('Workload and time', { exact: true }).check();
  await form.getByLabel('Family and personal', { exact: true }).check();
  await form.getByLabel('Threats to sustainability they named', { exact: true }).fill('The master schedule rebuild takes her evenings; her son’s games are on Thursdays.');
  await form.getByLabel('What would help', { exact: true }).fill('Someone else to own the schedule; Thursday evenings kept free.');
  const followUp = addDays(new Date(), 3);
  await form.getByLabel('Follow-up date', { exact: true }).fill(format(followUp, 'yyyy-MM-dd'));
  await form.getByLabel('Your judgement of risk', { exact: true }).selectOption({ label: 'High' });
  await form.getByLabel('Why this risk level', { exact: true }).fill('Unsure about next year and stretched thin in her first year');
  await form.getByRole('button', { name: 'Record conversation' }).click();

  // The conversation's page: add the plan of support.
  await page.getByRole('heading', { level: 1, name: 'Stay conversation with Marisol Vega' }).waitFor();
  const plan = page.getByRole('form', { name: 'Add to the plan of support' });
  await plan.getByLabel('Action', { exact: true }).fill('Hand the master schedule to the AP');
  await plan.getByLabel('Owner', { exact: true }).selectOption({ label: 'The leader' });
  await plan.getByLabel('Due date', { exact: true }).fill(format(addDays(new Date(), 14), 'yyyy-MM-dd'));
  await plan.getByRole('button', { name: 'Add to plan' }).click();
  await page.getByRole('list', { name: 'Plan of support' }).getByText(/Hand the master schedule to the AP \(The leader, due/).waitFor();

  // The retention view: Marisol at the top, with the judgement and the reasons.
  await fb.section('Retention');
  const top = table.getByRole('row').nth(1);
  await expect.poll(() => top.getByRole('link').first().textContent()).toBe('Marisol Vega');
  expect(await top.textContent()).toMatch(/High \(.*\): Unsure about next year and stretched thin/);
  expect(await top.getByRole('list', { name: 'Signals for Marisol Vega' }).textContent()).toMatch(/Intent to stay\. “Unsure” in the conversation of/);

  // The dashboard: the follow-up is due.
  await fb.section('Dashboard');
  const due = page.getByRole('list', { name: 'Retention follow-ups due' });
  await expect.poll(() => due.textContent()).toContain(`Marisol Vega — follow-up due ${format(followUp, 'MMM d, yyyy')}`);
  // The plan's action is a next step like any other.
  await fb.section('Next steps');
  await page.getByText('Hand the master schedule to the AP').first().waitFor();
});
