import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PageFilter } from '../../district/contract/contract';
import type { Queryable, Row } from '../../district/db/connection';
import { viewerFor } from '../../district/view/accounts';
import { runPage } from '../../district/view/dispatch';
import { NOW, PAGES, type Staff } from './leaderViewHelpers';
import { districtForTests } from './districtFixture';
import { type StaffName, twoSupervisorsAndStaff } from './leaderViewDistrict';

/**
 * Every statement the leader tracking view's pages run reaches the large tables through an index:
 * no sequential scan, and no index read from end to end. Each statement a page really runs (for
 * each role and filter) is recorded with its parameters and explained as the planner would plan
 * it at district scale: the tables are given the row counts of the benchmark's district (40
 * supervisors × 10 school years, fixtures/district-rows.json, from npm run bench), and sequential
 * scans, bitmap scans, hash joins and merge joins are priced out, so every row must be found through
 * an index by its own condition.
 * A table that still gets a sequential scan has no index the query can use, and an index scan
 * without a condition (outside a LIMIT) reads the whole index. This is about the indexes, not the
 * timings, which are in npm run bench. The small tables (supervisors, sources, schools, accounts)
 * may be read whole; a name search reads every leader's name, as a LIKE with a leading wildcard must.
 */
const ROWS = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'district-rows.json'), 'utf8')) as Record<string, number>;
/** Tables with more than a few thousand rows at district scale. */
const LARGE = new Set(Object.entries(ROWS).filter(([, n]) => n > 5_000).map(([t]) => t));
const SCANS = new Set(['Seq Scan', 'Index Scan', 'Index Only Scan', 'Bitmap Index Scan']);

/** Thrown to roll back the row counts once the plans are known. */
class Explained extends Error {
  constructor(readonly plans: PlanNode[]) {
    super('explained');
  }
}

interface PlanNode { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; 'Index Cond'?: string; Plans?: PlanNode[] }

/** The problems in a plan: large tables read whole. */
function wholeReads(node: PlanNode, underLimit = false, found: string[] = []): string[] {
  const relation = node['Relation Name'];
  if (node['Node Type'] === 'Seq Scan' && relation && LARGE.has(relation)) found.push(`Seq Scan on ${relation}`);
  if (SCANS.has(node['Node Type']) && node['Node Type'] !== 'Seq Scan' && !node['Index Cond'] && !underLimit) {
    const index = node['Index Name'] ?? '';
    if (!relation || LARGE.has(relation) || /^(packages|visit|cta|evaluation|retention|roster)/.test(index)) found.push(`${node['Node Type']} of ${index} without a condition`);
  }
  for (const child of node.Plans ?? []) wholeReads(child, underLimit || node['Node Type'] === 'Limit', found);
  return found;
}

/** A plan as indented lines, for the failure message. */
const outline = (node: PlanNode, depth = 0): string =>
  [`${'  '.repeat(depth)}${node['Node Type']}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}${node['Index Cond'] ? ` (${node['Index Cond']})` : ''}`,
    ...(node.Plans ?? []).map((c) => outline(c, depth + 1))].join('\n');

describe.each(['pglite', 'postgres'] as const)('the leader tracking view’s query plans on %s', (engine) => {
  const staff = {} as Record<StaffName, Staff>;
  const district = districtForTests(engine, (opened) => twoSupervisorsAndStaff(opened.db, staff));
  const roles = () => [staff.chief, staff.analyst, staff.jordan];

  /** Every statement (with its parameters) that a call makes. */
  async function recorded(who: Staff, run: (db: Queryable) => Promise<unknown>): Promise<{ sql: string; params: unknown[] }[]> {
    const statements: { sql: string; params: unknown[] }[] = [];
    const recording: Queryable = {
      query: <T = Row>(sql: string, params: unknown[] = []) => {
        statements.push({ sql, params });
        return district().db.query<T>(sql, params);
      },
    };
    await run(recording);
    expect(statements.length, `${who.email} ran no statements`).toBeGreaterThan(0);
    return statements;
  }

  /** The statements' plans at district scale, in one transaction that is then rolled back. */
  async function plans(statements: { sql: string; params: unknown[] }[]): Promise<PlanNode[]> {
    try {
      await district().db.transaction(async (tx) => {
        for (const off of ['enable_seqscan', 'enable_bitmapscan', 'enable_hashjoin', 'enable_mergejoin']) await tx.query(`SET LOCAL ${off} = off`);
        // The district's row counts: the planner reads them from pg_class (as rows per page times the pages there are, hence
        // relpages set to those pages). The small test data's own column statistics (a server's autovacuum gathers them) would
        // describe two school years and a dozen leaders, so they go.
        await tx.query(`DELETE FROM pg_statistic WHERE starelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace)`);
        await tx.query(
          `UPDATE pg_class c SET reltuples = x.n::real, relpages = greatest(1, pg_relation_size(c.oid) / current_setting('block_size')::int)
           FROM jsonb_each_text($1::jsonb) AS x(t, n), pg_class t
           WHERE t.relname = x.t AND t.relnamespace = 'public'::regnamespace AND (c.oid = t.oid OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = t.oid))`,
          [JSON.stringify(ROWS)]);
        const explained: PlanNode[] = [];
        for (const { sql, params } of statements) {
          explained.push((await tx.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, params)).rows[0]['QUERY PLAN'][0].Plan);
        }
        throw new Explained(explained);
      });
    } catch (e) {
      if (e instanceof Explained) return e.plans;
      throw e;
    }
    throw new Error('unreachable');
  }

  async function problems(statements: { sql: string; params: unknown[] }[]): Promise<string[]> {
    const found: string[] = [];
    (await plans(statements)).forEach((plan, i) => {
      const { sql } = statements[i];
      const exempt = /l\.name ILIKE/.test(sql) ? 'leaders' : null;
      const bad = wholeReads(plan).filter((p) => !exempt || !p.endsWith(`on ${exempt}`));
      if (bad.length) found.push(`${bad.join(', ')} in:\n${sql.replace(/\s+/g, ' ').slice(0, 300)}\nplan:\n${outline(plan)}`);
    });
    return found;
  }

  const filters: PageFilter[] = [{}, { level: 'middle', needTier: 'high' }, { year: '2025-07-01' }];
  for (const page of PAGES) {
    it(`${page}: every statement, for every role and filter, uses an index`, { timeout: 60_000 }, async () => {
      for (const who of roles()) {
        for (const filter of filters) {
          const viewer = (await viewerFor(district().db, who.token, NOW))!;
          const statements = await recorded(who, (db) => runPage({ db: db as never, now: () => NOW }, viewer, page, filter as never));
          expect(await problems(statements), `${page} as ${who.role} with ${JSON.stringify(filter)}`).toEqual([]);
        }
      }
    });
  }

  it('a leader’s record and the search use indexes (the search reads the leaders’ names)', { timeout: 60_000 }, async () => {
    const marisol = (await district().db.query<{ id: number }>(`SELECT id FROM leaders WHERE name = 'Marisol Vega'`)).rows[0].id;
    for (const who of [staff.chief, staff.jordan]) {
      const viewer = (await viewerFor(district().db, who.token, NOW))!;
      const statements = await recorded(who, async (db) => {
        await runPage({ db: db as never, now: () => NOW }, viewer, 'leader', { leaderId: marisol });
        await runPage({ db: db as never, now: () => NOW }, viewer, 'findLeaders', { query: 'vega' });
      });
      expect(await problems(statements)).toEqual([]);
    }
  });
});
