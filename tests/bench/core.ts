import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseISO, subDays } from 'date-fns';
import type { CoreContext } from '../../electron/core/context';
import { DB_FILENAME, openDatabase } from '../../electron/core/db/connection';
import { dispatch } from '../../electron/core/dispatch';
import { toFtsQuery } from '../../electron/core/services/visits/search';
import { isoDate } from '../../shared/schoolYear';
import { ratio, type Row, sample, summarise, timed } from './stats';

/** Core calls measured through dispatch(), the entry point both transports use, on the real file. */
export function openCore(dir: string): CoreContext {
  return { db: openDatabase(path.join(dir, DB_FILENAME)), now: () => new Date(), dataDir: dir, mode: 'browser' };
}

export async function call(ctx: CoreContext, name: string, input: unknown = {}): Promise<unknown> {
  const r = await dispatch(ctx, name, input);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.message}`);
  return r.value;
}

/** What the dashboard asks for when it opens (Dashboard.tsx and the frames in it). */
export const dashboardCalls = (today: string): [string, unknown][] => [
  ['getDashboard', {}],
  ['getTimeUse', { from: isoDate(subDays(parseISO(today), 29)), to: today }],
  ['getCtaOverview', {}],
  ['listEvaluationDeadlines', {}],
];

/** What a leader's page asks for (LeaderPage, LeaderCadence, LeaderActivity, the evaluation link). */
export const leaderPageCalls = (leaderId: number): [string, unknown][] => [
  ['getLeader', { leaderId }],
  ['getCadence', { leaderId }],
  ['getVisitStrip', { leaderId }],
  ['listNextSteps', { leaderId, status: 'open' }],
  ['listVisits', { leaderId }],
  ['listLeaderNotes', { leaderId }],
];

/** The Next steps screen as a person filters it: each is one page (as the screen asks) with its totals. */
export const nextStepsScreenCalls = (leaderId: number): [string, unknown][] => [
  ['listNextStepsPage', { status: 'open', limit: 100 }],
  ['listNextStepsPage', { status: 'all', limit: 100 }],
  ['listNextStepsPage', { status: 'all', offset: 2000, limit: 100 }],
  ['listNextStepsPage', { status: 'done', limit: 100 }],
  ['listNextStepsPage', { due: 'overdue', limit: 100 }],
  ['listNextStepsPage', { leaderId, status: 'all', limit: 100 }],
  ['listNextStepsPage', { status: 'all', text: 'schedule', limit: 100 }],
  ['listNextStepsPage', { source: 'visit', owner: 'supervisor', due: 'week', limit: 100 }],
];

/** What the retention view asks for when it opens: the overview (RetentionView, Succession) and each school's succession trail. */
export const retentionViewCalls = (schoolIds: number[]): [string, unknown][] => [
  ['getRetentionOverview', {}],
  ...schoolIds.map((schoolId): [string, unknown] => ['listRetentionAudit', { schoolId }]),
];

/** What an evaluation cycle's page asks for (EvaluationPage, its rubric's evidence and its audit trail). */
export const evaluationPageCalls = (cycleId: number): [string, unknown][] => [
  ['getEvaluation', { cycleId }],
  ['listRubricEvidence', { cycleId, includeCoaching: false }],
  ['listAuditTrail', { entityType: 'evaluation_cycle', entityId: cycleId }],
];

async function runCalls(ctx: CoreContext, calls: [string, unknown][]): Promise<void> {
  for (const [name, input] of calls) await call(ctx, name, input);
}

/** Search as a person types it: common and rare words, a half-typed word, and with filters. */
export const searches = (leaderId: number, schoolId: number): Record<string, unknown>[] => [
  { query: 'feedback' },
  { query: 'master schedule' },
  { query: 'coachin' },
  { query: 'novice teachers routines' },
  { query: 'attendance', leaderId },
  { query: 'data', schoolId },
  { query: 'calibrate', tag: 'psel-2015/school-improvement' },
  { query: 'walkthrough', from: isoDate(subDays(new Date(), 365)) },
];

/** A leader with an average share of the notes: a current principal who has held the slot for years. */
export function typicalLeader(ctx: CoreContext): { leaderId: number; schoolId: number } {
  const busiest = ctx.db
    .prepare(
      `SELECT l.id AS leaderId, l.school_id AS schoolId FROM leaders l JOIN assignments a ON a.leader_id = l.id AND a.end_date IS NULL
       WHERE l.role = 'principal' ORDER BY (SELECT count(*) FROM visit_leaders vl WHERE vl.leader_id = l.id) DESC, l.id LIMIT 11`,
    )
    .all() as { leaderId: number; schoolId: number }[];
  return busiest[busiest.length - 1];
}

export async function coreBench(size: string, ctx: CoreContext, runs: number): Promise<Row[]> {
  const rows: Row[] = [];
  const today = isoDate(new Date());
  const { leaderId, schoolId } = typicalLeader(ctx);
  const leaders = ctx.db.prepare(`SELECT leader_id FROM assignments WHERE end_date IS NULL ORDER BY leader_id`).pluck().all() as number[];

  // Autosave: the note being typed, saved with synchronous=FULL and secure_delete (openDatabase's
  // settings: what an edit replaces is zeroed in the file). Autosaves land mid-word: the word saved
  // last time is now longer, so its shorter form leaves the full-text index too (FTS5's
  // secure-delete, see db/fullTextIndex.ts), as does a word an edit takes out. The same typing
  // without secure_delete, on a note of its own and interleaved so noise hits all three alike,
  // says what the zeroing costs.
  const typedInto = ctx.db.prepare(`SELECT id, body FROM notes WHERE visit_id IS NOT NULL ORDER BY id DESC LIMIT 3`).all() as { id: number; body: string }[];
  const autosave: Record<'typing' | 'plain' | 'removing', number[]> = { typing: [], plain: [], removing: [] };
  for (let i = 0; i < runs * 6; i++) {
    const kind = (['typing', 'plain', 'removing'] as const)[i % 3];
    const note = typedInto[i % 3];
    ctx.db.pragma(`secure_delete = ${kind === 'plain' ? 'OFF' : 'ON'}`);
    if (kind === 'removing') await call(ctx, 'saveNote', { noteId: note.id, body: `${note.body} struck${i}` });
    // The same word one letter longer at each of its kind's saves.
    const body = kind === 'removing' ? note.body : `${note.body} ${'x'.repeat(1 + (Math.floor(i / 3) % 50))}`;
    autosave[kind].push(await timed(() => call(ctx, 'saveNote', { noteId: note.id, body })));
  }
  ctx.db.pragma('secure_delete = ON');
  rows.push(summarise(size, 'autosave a note, a word being typed (synchronous=FULL, secure_delete on)', autosave.typing, 25));
  rows.push(summarise(size, '  the same with secure_delete off (its cost)', autosave.plain, null));
  rows.push(summarise(size, '  an autosave that takes a word out (also out of the search index)', autosave.removing, null));
  for (const note of typedInto) await call(ctx, 'saveNote', { noteId: note.id, body: note.body });

  const searchBudget = size === 'large' ? 200 : size === 'medium' ? 50 : 50;
  const qs = searches(leaderId, schoolId);
  rows.push(summarise(size, 'full-text search (8 kinds of query)', await sample(runs * 2, (i) => call(ctx, 'search', qs[i % qs.length])), searchBudget));

  // The same words straight to FTS5 the way the service ranks them (newest 2,000 matches, bm25), notes and visits.
  const raw = [
    ctx.db.prepare(`SELECT * FROM (SELECT rowid, bm25(notes_fts) AS s FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rowid DESC LIMIT 2000) ORDER BY s LIMIT 51`),
    ctx.db.prepare(`SELECT * FROM (SELECT rowid, bm25(visits_fts) AS s FROM visits_fts WHERE visits_fts MATCH ? ORDER BY rowid DESC LIMIT 2000) ORDER BY s LIMIT 51`),
  ];
  const plain = qs.filter((q) => Object.keys(q).length === 1).map((q) => toFtsQuery(String(q.query))!);
  const api: number[] = [];
  const fts: number[] = [];
  for (let i = 0; i < runs * 2; i++) {
    const k = i % plain.length;
    api.push(await timed(() => call(ctx, 'search', qs[k])));
    fts.push(await timed(() => raw.forEach((s) => s.all(plain[k]))));
  }
  rows.push(ratio(size, 'search: API ÷ raw FTS5 query', api, fts, `raw p50 ${summarise('', '', fts, null).p50} ms`));

  const pageSamples = await sample(runs, (i) => runCalls(ctx, leaderPageCalls(i === 0 ? leaderId : leaders[(i * 7919) % leaders.length])));
  rows.push(summarise(size, "a leader's page (6 calls)", pageSamples, 50));
  const notes = ((await call(ctx, 'listLeaderNotes', { leaderId })) as { total: number }).total;
  rows.push(summarise(size, `  of which listLeaderNotes (newest 50 of ${notes} notes)`, await sample(runs, () => call(ctx, 'listLeaderNotes', { leaderId })), null));

  const steps = nextStepsScreenCalls(leaderId);
  const allSteps = ((await call(ctx, 'listNextStepsPage', { status: 'all', limit: 1 })) as { total: number }).total;
  rows.push(summarise(size, 'Next steps screen (filtered)', await sample(runs * 2, (i) => {
    const [name, input] = steps[i % steps.length];
    return call(ctx, name, input);
  }), 50, 'ms', `${steps.length} filters over ${allSteps} steps, a page of 100 each`));

  const dash = dashboardCalls(today);
  rows.push(summarise(size, 'dashboard (4 calls)', await sample(runs, () => runCalls(ctx, dash)), 50));
  for (const [name, input] of dash) rows.push(summarise(size, `  of which ${name}`, await sample(runs, () => call(ctx, name, input)), null));
  rows.push(...(await recordPages(size, ctx, runs)));
  return rows;
}

/** The retention view, and evaluation pages from this year's open cycles and past locked ones (cited evidence, long trails). */
async function recordPages(size: string, ctx: CoreContext, runs: number): Promise<Row[]> {
  const overview = (await call(ctx, 'getRetentionOverview', {})) as { succession: { school: { id: number } }[] };
  const retention = retentionViewCalls(overview.succession.map((s) => s.school.id));
  const cycles = ctx.db.prepare(`SELECT id FROM evaluation_cycles ORDER BY id`).pluck().all() as number[];
  return [
    summarise(size, `retention view (${retention.length} calls)`, await sample(runs, () => runCalls(ctx, retention)), 50),
    summarise(size, '  of which getRetentionOverview', await sample(runs, () => call(ctx, 'getRetentionOverview', {})), null),
    summarise(size, `an evaluation cycle's page (3 calls, ${cycles.length} cycles)`, await sample(runs, (i) => runCalls(ctx, evaluationPageCalls(cycles[(i * 7919) % cycles.length]))), 50),
  ];
}

/** 10,000 roster rows imported into a fresh Fieldbook each time (one transaction, as the screen does). */
export async function rosterBench(runs: number): Promise<Row> {
  const lines = ['name,role,role_start_date,school_name,email,school_code,school_level,need_tier,support_tier'];
  for (let i = 0; i < 10_000; i++) {
    const school = Math.floor(i / 4);
    lines.push(`Leader ${i},${i % 4 === 0 ? 'principal' : 'assistant principal'},2021-08-01,School ${school},leader${i}@district.example,S-${school},elementary,moderate,standard`);
  }
  const csv = lines.join('\n');
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-bench-roster-'));
    const ctx = openCore(dir);
    await call(ctx, 'saveSettings', { supervisorName: 'Bench', supervisorEmail: 'bench@bench.example', district: 'Bench USD', targetRatio: 5, schoolYearStartMonth: 7 });
    samples.push(await timed(() => call(ctx, 'importRoster', { csv })));
    ctx.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return summarise('—', 'roster import, 10,000 rows', samples, 1000);
}
