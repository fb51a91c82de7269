import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictDb } from '../../district/db/connection';
import { openPglite } from '../../district/db/connection';
import { addStaffAccount } from '../../district/view/accounts';
import { dispatchView } from '../../district/view/dispatch';
import { setTransport } from '../../district/web/api';
import { App } from '../../district/web/App';
import { JORDAN, JORDAN_LEADERS, SAM_LEADERS } from '../node/leaderViewFixture';
import { NOW, PASSWORD, signedIn } from '../node/leaderViewHelpers';

/**
 * The district's leader tracking view, its real pages against its real server code and a PGlite
 * district holding what two supervisors' Fieldbooks sent; a cookie jar stands in for the browser's.
 */
let db: DistrictDb;
let jar: string | null = null;
const everyLeader = [...JORDAN_LEADERS, ...SAM_LEADERS];

beforeAll(async () => {
  const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-district-jsdom-')), 'pglite');
  execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'districtData.ts'), folder], { stdio: 'inherit' });
  db = await openPglite(folder);
  setTransport(async (name, input) => {
    const { envelope, session } = await dispatchView({ db, now: () => NOW }, { token: jar, address: '127.0.0.1' }, name, JSON.parse(JSON.stringify(input)));
    if (session !== undefined) jar = session;
    return JSON.parse(JSON.stringify(envelope));
  });
}, 180_000);
afterAll(async () => {
  await db.close();
});

/** The app, opened at a page with someone already signed in. */
async function openAs(email: string, role: 'chief' | 'analyst' | 'supervisor', path = '/capacity') {
  jar = (await signedIn(db, email, role)).token;
  window.location.hash = path;
  render(<App />);
  await screen.findByRole('navigation', { name: 'Pages' });
}
const table = (caption: string) => screen.findByRole('table', { name: caption });
const rowsOf = async (caption: string) => within(await table(caption)).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));

describe('signing in', () => {
  it('shows a wrong password at the field, then asks for a new password before showing anything', async () => {
    const account = await addStaffAccount(db, { email: 'first.time@riverbend.example', role: 'chief' }, NOW);
    jar = null;
    window.location.hash = '/capacity';
    render(<App />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Email'), account.email);
    await user.type(screen.getByLabelText('Password'), 'not it at all');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('That email and password do not match an account');
    expect((screen.getByLabelText('Password')).getAttribute('aria-invalid')).toEqual('true');

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), account.password);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Choose your password' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Pages' })).toBeNull();
    await user.type(screen.getByLabelText('One-time password'), account.password);
    await user.type(screen.getByLabelText('New password'), PASSWORD);
    await user.type(screen.getByLabelText('New password again'), `${PASSWORD}?`);
    await user.click(screen.getByRole('button', { name: 'Save the new password' }));
    expect(await screen.findByText('The two new passwords differ')).toBeTruthy();
    expect((screen.getByLabelText('New password again')).getAttribute('aria-invalid')).toEqual('true');
    await user.clear(screen.getByLabelText('New password again'));
    await user.type(screen.getByLabelText('New password again'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Save the new password' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Supervision capacity' })).toBeTruthy();
  });
});

describe('a chief of schools', () => {
  it('sees each supervisor’s caseload against the target, with where the figures come from', async () => {
    await openAs('chief@riverbend.example', 'chief');
    expect(await rowsOf('Caseloads against target')).toEqual([
      ['Jordan Ellis', 'Nov 23, 2026', '5', '2', '1', '5:1', '—'],
      ['Sam Okafor', 'Nov 23, 2026', '4', '2', '1', '5:1', '—'],
    ]);
    expect(screen.getByRole('status').textContent).toContain('4.5 principals per supervisor (9 principals, 2 supervisors); target 5:1.');
    expect(screen.getByText(/^From caseload rosters up to Nov 23, 2026, from 2 supervisors: Jordan Ellis, Sam Okafor\./)).toBeTruthy();
    expect(await rowsOf('Principals with no supervisor')).toEqual([['Talia Brooks', 'Bayside Middle School', 'Nov 20, 2025', 'Sam Okafor']]);
    expect((screen.getByRole('link', { name: 'Download Caseloads against target as CSV' })).getAttribute('href')).toEqual('/csv/caseloads.csv');
  });

  it('filters by school level and goes to the previous school year in one click', async () => {
    await openAs('chief2@riverbend.example', 'chief');
    const user = userEvent.setup();
    await table('Caseloads against target');
    await user.selectOptions(screen.getByLabelText('School level'), 'Middle');
    await waitFor(async () => expect(await rowsOf('Caseloads against target')).toEqual([
      ['Jordan Ellis', 'Nov 23, 2026', '2', '0', '1', '5:1', '—'], ['Sam Okafor', 'Nov 23, 2026', '1', '0', '1', '5:1', '—'],
    ]));
    expect(window.location.hash).toBe('#/capacity?level=middle');
    await user.click(screen.getByRole('link', { name: '← 2025–26' }));
    expect(await screen.findByText(/^School year 2025–26/)).toBeTruthy();
    await waitFor(async () => expect((await rowsOf('Caseloads against target')).map((r) => r[0])).toEqual(['Sam Okafor']));
  });

  it('finds who is off track, who is late, who might leave and who is ready, and opens a leader’s record', async () => {
    await openAs('chief3@riverbend.example', 'chief', '/cta');
    const user = userEvent.setup();
    expect(await rowsOf('Goals off track two quarters running')).toEqual([['Lincoln Park Elementary', 'Jordan Ellis', 'More grade 3 students reading at standard', 'Q1, Q2']]);
    await user.click(await screen.findByRole('button', { name: 'Show 3 goals of Lincoln Park Elementary' }));
    expect(await rowsOf('Goals of Lincoln Park Elementary')).toContainEqual(['More grade 3 students reading at standard', 'Off track', 'Off track', '—', '—']);
    expect((screen.getByRole('link', { name: /^Q2 check-in at Cedar Grove Elementary, held Nov 20, 2026: PDF$/ })).getAttribute('href')).toEqual(expect.stringMatching(/^\/files\/\d+\/cta-checkin-cedar-grove/));

    await user.click(screen.getByRole('link', { name: 'Evaluations' }));
    expect((await rowsOf('Late stages')).map((r) => r[0])).toContain('Darnell Brooks');
    expect((await rowsOf('Locked write-ups')).map((r) => r[0])).toEqual(['Imani Carter', 'Marisol Vega']);

    await user.click(screen.getByRole('link', { name: 'Retention and succession' }));
    expect(await rowsOf('Vacancy outlook')).toEqual([['Cedar Grove Elementary', 'Marisol Vega', 'Jordan Ellis', 'High', 'Unsure', 'Leah Goldberg (Ready now)']]);
    const named = (await rowsOf('Named retention records')).map((r) => r[0]);
    expect(named).toContain('Marisol Vega');
    for (const name of SAM_LEADERS) expect(named).not.toContain(name);

    await user.click(within(await table('Vacancy outlook')).getByRole('link', { name: 'Marisol Vega' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Marisol Vega' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: '2026–27' })).toBeTruthy();
    expect(screen.getByText(/Retention \(Jordan Ellis, Nov 23, 2026\): risk High \(Stretched thin\)/)).toBeTruthy();
  });
});

describe('an analyst', () => {
  it('sees every page as counts only: no leader’s name, small groups as “fewer than 5”, and no named table', async () => {
    await openAs('analyst@riverbend.example', 'analyst');
    const user = userEvent.setup();
    expect(screen.queryByRole('link', { name: 'Leaders' })).toBeNull();
    for (const page of ['Supervision capacity', 'Time in schools', 'CTA', 'Evaluations', 'Retention and succession']) {
      await user.click(screen.getByRole('link', { name: page }));
      await screen.findByRole('heading', { level: 1, name: page === 'Retention and succession' ? 'Retention and succession' : page });
      await waitFor(() => expect(screen.getAllByRole('table').length).toBeGreaterThan(0));
      const text = document.body.textContent!;
      for (const name of everyLeader) expect(text, `${page} shows ${name}`).not.toContain(name);
      for (const link of screen.getAllByRole('link', { name: /as CSV$/ })) expect(link.getAttribute('href')).not.toMatch(/unsupervised|overdue|off-track|cta-goals|late|locked|records|outlook|leader-record/);
    }
    expect(document.body.textContent).toContain('fewer than 5');
  });
});

describe('a supervisor', () => {
  it('sees only their own exports, and cannot choose another supervisor', async () => {
    await openAs(JORDAN.supervisorEmail, 'supervisor', '/retention');
    await waitFor(() => expect(within(screen.getByLabelText('Supervisor')).getAllByRole('option').map((o) => o.textContent)).toEqual(['All supervisors', 'Jordan Ellis']));
    expect((await rowsOf('Named retention records')).map((r) => r[0])).toContain('Marisol Vega');
    for (const name of SAM_LEADERS) expect(document.body.textContent).not.toContain(name);
  });
});
