import { render, screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { parseISO } from 'date-fns';
import { CALL_NAMES, type FieldbookClient } from '../../shared/api';
import type { CoreContext } from '../../electron/core/context';
import { openDatabase } from '../../electron/core/db/connection';
import { dispatch } from '../../electron/core/dispatch';
import { syncBuiltinFrameworks } from '../../electron/core/services/settings/frameworks';
import { setTransport } from '../../renderer/api';
import { App } from '../../renderer/App';
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

export function connectCore(today = '2026-11-23'): CoreContext {
  const ctx: CoreContext = { db: openDatabase(':memory:'), now: () => parseISO(`${today}T09:00:00`), dataDir: '/tmp/fieldbook-test', mode: 'browser' };
  syncBuiltinFrameworks(ctx);
  setTransport(coreClient(ctx));
  const empty = { data: null, loaded: false, error: null };
  useSettings.setState(empty);
  useCaseload.setState(empty);
  useStatus.setState(empty);
  useDashboard.setState(empty);
  return ctx;
}

export async function withDemo(): Promise<CoreContext> {
  const ctx = connectCore();
  await dispatch(ctx, 'loadDemoData', {});
  return ctx;
}

export function renderApp(path = '/dashboard') {
  window.location.hash = path;
  return render(<App />);
}

/** On Marisol Vega's page (/leaders/1), open Quick note with Alt+N and type in it; returns the dialog. */
export async function typeQuickNote(user: UserEvent, text: string): Promise<HTMLElement> {
  await screen.findByRole('heading', { level: 1, name: 'Marisol Vega' });
  await user.keyboard('{Alt>}n{/Alt}');
  const dialog = await screen.findByRole('dialog', { name: 'Quick note' });
  await user.type(within(dialog).getByLabelText('Note'), text);
  return dialog;
}
