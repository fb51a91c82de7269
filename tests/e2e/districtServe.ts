import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { fieldbook, type SpawnedApp } from './browser';

/** `npm run district -- serve` as its own process (it builds the leader tracking view first); resolves with its address. */
export function startDistrictServe(env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'district/cli.ts', 'serve'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, FIELDBOOK_DISTRICT_PORT: '0', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`district serve did not start:\n${out}`)), 90_000);
    const read = (d: Buffer) => {
      out += d;
      const m = /Receiving Fieldbook exports at (http:\/\/\S+)\/api\/exports/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child, output: () => out });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`district serve exited (${code}):\n${out}`)));
  });
}

/** On the Sync screen, add the district's web address as a target with this retention consent, as a supervisor would. */
export async function addDistrictTarget(page: Page, app: SpawnedApp, url: string, consent: string): Promise<void> {
  const fb = fieldbook(page);
  await fb.open(app);
  await fb.section('Sync');
  const form = page.getByRole('form', { name: 'Add a target' });
  await form.getByLabel('Where exports go').selectOption({ label: 'District web address (HTTPS endpoint)' });
  await form.getByLabel('Name', { exact: true }).fill('District');
  await form.getByLabel('Address').fill(url);
  await form.getByLabel('Retention records').selectOption({ label: consent });
  await form.getByRole('button', { name: 'Add target' }).click();
  await page.getByRole('listitem', { name: /District/ }).waitFor();
}
