import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render, screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { onTestFinished, vi } from 'vitest';
import { parseISO } from 'date-fns';
import { CALL_NAMES, type FieldbookClient } from '../../shared/api';
import { type Core, startCore } from '../../electron/core';
import type { CoreContext } from '../../electron/core/context';
import { openDatabase } from '../../electron/core/db/connection';
import { dispatch } from '../../electron/core/dispatch';
import { syncBuiltinFrameworks } from '../../electron/core/services/settings/frameworks';
import { setTransport } from '../../renderer/api';
import { App } from '../../renderer/App';
import { useRoute } from '../../renderer/router';
import { useCaseload, useSettings, useStatus } from '../../renderer/stores';
import { useDashboard } from '../../renderer/stores/cadence';

/**
 * Components run against the real core over an in-memory database: the same dispatcher the two
 * transports use, with a JSON round trip standing in for IPC or HTTP.
 */
export function coreClient(ctx: CoreContext): FieldbookClient {
  const roundTrip = <T,>(value: T): T => JSON.parse(JSON.stringify(value ?? {}));
  return Object.fromEntries(CALL_NAMES.map((name) => [name, async (input?: unknown) => roundTrip(await dispatch(ctx, name, roundTrip(input)))])) as FieldbookClient;
}

export function connectCore(today = '2026-11-23', locale?: string): CoreContext {
  const ctx: CoreContext = { db: openDatabase(':memory:'), now: () => parseISO(`${today}T09:00:00`), dataDir: '/tmp/fieldbook-test', mode: 'browser', locale };
  syncBuiltinFrameworks(ctx);
  setTransport(coreClient(ctx));
  resetStores();
  return ctx;
}

/** What an earlier test's core left in the stores is forgotten. */
function resetStores() {
  const empty = { data: null, loaded: false, error: null };
  useSettings.setState(empty);
  useCaseload.setState(empty);
  useStatus.setState(empty);
  useDashboard.setState(empty);
}

/** A core over a real data folder (backups and restore work on files), with the demo district in it. Close it after the test. */
export async function demoFileCore(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-jsdom-'))): Promise<Core> {
  const core = startCore({ dataDir, mode: 'browser', now: () => parseISO('2026-11-23T09:00:00'), backgroundCheckDelayMs: 0 });
  await core.automaticBackup;
  if (!((await dispatch(core.ctx, 'getSettings', {})) as { value: unknown }).value) await dispatch(core.ctx, 'loadDemoData', {});
  setTransport(coreClient(core.ctx));
  resetStores();
  return core;
}

export async function withDemo(locale?: string): Promise<CoreContext> {
  const ctx = connectCore(undefined, locale);
  await dispatch(ctx, 'loadDemoData', {});
  return ctx;
}

export function renderApp(path = '/dashboard') {
  window.location.hash = path;
  // The hash change event comes later: a second view in one test must not open on the first one's screen.
  useRoute.setState({ path });
  return render(<App />);
}

/** Files the app offers to save during this test, with their names and contents; the browser's save itself never runs. */
export function captureDownloads() {
  const files: { name: string; blob: Blob }[] = [];
  const blobs: Blob[] = [];
  const { createObjectURL, revokeObjectURL } = URL;
  URL.createObjectURL = (b: Blob | MediaSource) => (blobs.push(b as Blob), 'blob:fieldbook');
  URL.revokeObjectURL = () => {};
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    files.push({ name: this.download, blob: blobs.at(-1)! });
  });
  onTestFinished(() => {
    click.mockRestore();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });
  return files;
}

/** A leader's id by name (the demo's or one a test added). */
export const leaderNamed = (ctx: CoreContext, name: string): number => ctx.db.prepare('SELECT id FROM leaders WHERE name = ?').pluck().get(name) as number;

/** The text of a PDF the app offered, as poppler's pdftotext reads it. */
export async function pdfText(blob: Blob): Promise<string> {
  const { execFileSync } = await import('node:child_process');
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(await blob.arrayBuffer()) }).toString('utf8');
}

/** On Marisol Vega's page (/leaders/1), open Quick note with Alt+N and type in it; returns the dialog. */
export async function typeQuickNote(user: UserEvent, text: string): Promise<HTMLElement> {
  await screen.findByRole('heading', { level: 1, name: 'Marisol Vega' });
  await user.keyboard('{Alt>}n{/Alt}');
  const dialog = await screen.findByRole('dialog', { name: 'Quick note' });
  await user.type(within(dialog).getByLabelText('Note'), text);
  return dialog;
}
