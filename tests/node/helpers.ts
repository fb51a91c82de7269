import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseISO } from 'date-fns';
import type { CallName, CallResult } from '../../shared/api';
import type { CoreContext } from '../../electron/core/context';
import { openDatabase } from '../../electron/core/db/connection';
import { dispatch } from '../../electron/core/dispatch';

/** A core over an in-memory database, with "today" fixed. */
export function memoryCore(today = '2026-11-23'): CoreContext {
  return { db: openDatabase(':memory:'), now: () => parseISO(`${today}T10:00:00`), dataDir: ':memory:', mode: 'browser' };
}

/** Call through the real dispatcher (validation included) and fail the test on an error result. */
export async function ok<N extends CallName>(ctx: CoreContext, name: N, input?: unknown): Promise<CallResult<N>> {
  const r = await dispatch(ctx, name, input);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.field ?? ''} ${r.error.message}`);
  return r.value as CallResult<N>;
}

export const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-test-'));

export const PROFILE = { supervisorName: 'Robin Diaz', district: 'Lakeside USD', targetRatio: 5, schoolYearStartMonth: 7 };

/** Count rows in the caseload tables, to show a failed call changed nothing. */
export function snapshot(ctx: CoreContext): Record<string, number> {
  const count = (t: string) => (ctx.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return Object.fromEntries(['settings', 'schools', 'leaders', 'assignments', 'outbox'].map((t) => [t, count(t)]));
}
