import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { generateDistrictData } from '../../electron/core/generate';
import { dashboardCalls, evaluationPageCalls, leaderPageCalls, nextStepsScreenCalls, retentionViewCalls, searches, typicalLeader } from '../bench/core';
import { memoryCore, ok } from './helpers';

/**
 * The main screens' queries on the large shape (a decade, a million notes) use indexes and never
 * read a large table whole. The data is the small generated set; the planner is given the large
 * set's statistics (sqlite_stat1 from `npm run bench`'s large data, in fixtures/), so it plans as
 * it would there. Every SQL statement the real calls prepare is recorded and explained.
 */
const STATS = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'large-stat1.json'), 'utf8')) as { tbl: string; idx: string | null; stat: string }[];
const TODAY = '2026-11-23';

/** Tables with more than 10,000 rows in the large set. */
const LARGE = new Set(STATS.filter((s) => Number(s.stat.split(' ')[0]) > 10_000).map((s) => s.tbl));

interface Recorded { sql: string; args: unknown[] }

/** A context whose db records every statement run through it (and its parameters). */
function recording(ctx: CoreContext, into: Recorded[]): CoreContext {
  const wrap = (stmt: object, sql: string): object => {
    const proxy: object = new Proxy(stmt, {
      get(target, key) {
        const value = Reflect.get(target, key, target) as unknown;
        if (typeof value !== 'function') return value;
        if (key === 'all' || key === 'get' || key === 'run' || key === 'iterate') {
          return (...args: unknown[]) => (into.push({ sql, args }), (value as (...a: unknown[]) => unknown).apply(target, args));
        }
        // Chaining methods (pluck, raw, expand) return the statement: keep returning the recorder.
        return (...args: unknown[]) => {
          const r = (value as (...a: unknown[]) => unknown).apply(target, args);
          return r === target ? proxy : r;
        };
      },
    });
    return proxy;
  };
  const db = new Proxy(ctx.db, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => wrap(target.prepare(sql), sql);
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { ...ctx, db };
}

/** table name for each alias in a statement ("FROM visits v", "JOIN notes AS n"). */
function aliases(sql: string): Map<string, string> {
  const map = new Map<string, string>();
  const keywords = new Set(['on', 'join', 'left', 'inner', 'cross', 'where', 'group', 'order', 'limit', 'using', 'union', 'and', 'as']);
  for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
    map.set(m[1], m[1]);
    if (m[2] && !keywords.has(m[2].toLowerCase())) map.set(m[2], m[1]);
  }
  return map;
}

function setUp(): CoreContext {
  const ctx = memoryCore(TODAY);
  generateDistrictData(ctx, { size: 'small', today: TODAY });
  ctx.db.exec('DELETE FROM sqlite_stat1');
  const add = ctx.db.prepare('INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)');
  for (const s of STATS) add.run(s.tbl, s.idx, s.stat);
  ctx.db.exec('ANALYZE sqlite_schema'); // the planner rereads the statistics
  return ctx;
}

describe('query plans on the large shape', () => {
  const ctx = setUp();
  const partial = new Set(ctx.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'`).pluck().all() as string[]);
  const { leaderId, schoolId } = typicalLeader(ctx);
  const caseloadSchools = ctx.db.prepare(`SELECT DISTINCT l.school_id FROM assignments a JOIN leaders l ON l.id = a.leader_id WHERE a.end_date IS NULL`).pluck().all() as number[];
  const citedCycle = ctx.db.prepare(`SELECT cycle_id FROM evaluation_evidence GROUP BY cycle_id ORDER BY count(*) DESC LIMIT 1`).pluck().get() as number;
  const screens: Record<string, [string, unknown][]> = {
    dashboard: dashboardCalls(TODAY),
    "a leader's page (timeline, cadence, open next steps)": leaderPageCalls(leaderId),
    'search with filters': searches(leaderId, schoolId).map((q) => ['search', q]),
    'CTA overview': [['getCtaOverview', {}]],
    'evaluation deadlines': [['listEvaluationDeadlines', {}], ['listEvaluations', {}]],
    'the week of visits': [['listVisits', { from: '2026-11-23', to: '2026-11-29' }]],
    'the Next steps screen (filtered)': nextStepsScreenCalls(leaderId),
    'the retention view': retentionViewCalls(caseloadSchools),
    "an evaluation cycle's page (rubric evidence, audit trail)": evaluationPageCalls(citedCycle),
  };

  it('plans for the large shape: the statistics say a million notes', () => {
    expect(LARGE.has('notes') && LARGE.has('visits') && LARGE.has('tags')).toBe(true);
    const plan = ctx.db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM notes WHERE leader_id = 1`).all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toMatch(/USING INDEX notes_leader/);
  });

  // action_items stays under 10,000 rows even at the large shape (4,451), so the test below would let
  // it be scanned; the Next steps screen's usual filters must still read it through an index.
  it('the Next steps screen: open, overdue and one leader\'s steps are read through an index', async () => {
    const seen: Recorded[] = [];
    const rec = recording(ctx, seen);
    for (const input of [{ status: 'open' }, { due: 'overdue' }, { leaderId, status: 'all' }]) await ok(rec, 'listNextStepsPage', input);
    const reads = seen.filter((s) => s.sql.includes('FROM action_items a'));
    expect(reads).toHaveLength(6);
    for (const { sql, args } of reads) {
      const plan = (ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((p) => p.detail);
      expect(plan.find((d) => /^(SCAN|SEARCH) a\b/.test(d))).toMatch(/USING (COVERING )?INDEX action_items_(open|leader)/);
    }
  });

  for (const [screen, calls] of Object.entries(screens)) {
    it(`${screen}: every query uses an index and none scans a large table`, async () => {
      const seen: Recorded[] = [];
      const rec = recording(ctx, seen);
      for (const [name, input] of calls) await ok(rec, name as never, input);
      const statements = [...new Map(seen.map((s) => [s.sql, s])).values()];
      expect(statements.length).toBeGreaterThan(0);
      const scans: string[] = [];
      for (const { sql, args } of statements) {
        const names = aliases(sql);
        const plan = ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[];
        for (const { detail } of plan) {
          const m = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(detail);
          if (!m) continue;
          const table = names.get(m[1]) ?? m[1];
          if (LARGE.has(table) && !(m[2] && partial.has(m[2]))) scans.push(`${detail}\n    in ${sql.replace(/\s+/g, ' ').slice(0, 200)}`);
        }
      }
      expect(scans).toEqual([]);
    });
  }
});
