import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseISO } from 'date-fns';
import type { CallName, CallResult } from '../../shared/api';
import { afterEach } from 'vitest';
import { type Core, type CoreOptions, startCore } from '../../electron/core';
import type { CoreContext } from '../../electron/core/context';
import { openDatabase } from '../../electron/core/db/connection';
import { dispatch } from '../../electron/core/dispatch';
import { exportIds } from '../../electron/core/sync/outbox';

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

export const PROFILE = { supervisorName: 'Robin Diaz', supervisorEmail: 'robin.diaz@lakeside.example', district: 'Lakeside USD', targetRatio: 5, schoolYearStartMonth: 7 };

/** Count rows in every table, to show a failed call changed nothing anywhere. */
export function snapshot(ctx: CoreContext): Record<string, number> {
  const tables = ctx.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, (ctx.db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
}

export interface VisitRow {
  schoolId: number;
  date: string;
  leaders?: number[];
  start?: string;
  end?: string;
  type?: string;
  status?: string;
  purpose?: string;
  focus?: string;
  evidence?: string;
  at?: string;
}

/** A visit written straight to the tables, in any state, for tests of what reads visits. */
export function insertVisit(ctx: CoreContext, v: VisitRow): number {
  const at = v.at ?? '2026-11-20T10:00:00.000Z';
  const { lastInsertRowid } = ctx.db
    .prepare(
      `INSERT INTO visits (school_id, date, start_time, end_time, type, purpose, focus, evidence, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(v.schoolId, v.date, v.start ?? '09:00', v.end ?? '10:00', v.type ?? 'side_by_side', v.purpose ?? '', v.focus ?? '', v.evidence ?? '', v.status ?? 'done', at, at);
  const id = Number(lastInsertRowid);
  const link = ctx.db.prepare(`INSERT INTO visit_leaders (visit_id, leader_id) VALUES (?, ?)`);
  for (const leaderId of v.leaders ?? []) link.run(id, leaderId);
  return id;
}

/** The outbox id this data file gives a record's export (it carries the installation id). */
export const exportId = (ctx: CoreContext, kind: string, key: string, revision = 1): string => exportIds(ctx, kind, key, revision).id;

/**
 * startCore for a test file's data folders: every core a test starts is closed after it (a data
 * folder has one owner at a time, so a core left open would refuse the next test's start).
 */
export function coreStarter(): (dataDir: string, options?: Partial<CoreOptions>) => Core {
  const open: Core[] = [];
  afterEach(() => {
    open.splice(0).forEach((c) => c.ctx.db.open && c.close());
  });
  return (dataDir, options = {}) => {
    const core = startCore({ dataDir, mode: 'browser', sync: false, ...options });
    open.push(core);
    return core;
  };
}
