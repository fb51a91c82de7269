import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDistrictData } from '../../electron/core/generate';
import { memoryCore, ok, snapshot } from './helpers';

/** The data generator: the same seed builds the same district, shaped like a real one, that the app reads. */
const TODAY = '2026-11-23';

function generated(seed = 1) {
  const ctx = memoryCore(TODAY);
  const report = generateDistrictData(ctx, { size: 'small', seed, today: TODAY });
  return { ctx, report };
}
const fingerprint = (ctx: ReturnType<typeof memoryCore>) =>
  createHash('sha256').update(JSON.stringify(ctx.db.prepare(`SELECT id, visit_id, leader_id, body, created_at FROM notes ORDER BY id`).all())).digest('hex');

describe('generated district', () => {
  const { ctx, report } = generated();

  it('is the same for the same seed and differs for another', () => {
    const again = generated();
    expect(again.report.counts).toEqual(report.counts);
    expect(fingerprint(again.ctx)).toBe(fingerprint(ctx));
    expect(fingerprint(generated(2).ctx)).not.toBe(fingerprint(ctx));
  });

  it('has a caseload of 16 to 24 leaders visited about 24 times a school year', async () => {
    const caseload = await ok(ctx, 'getCaseload', {});
    expect(caseload.entries.length).toBeGreaterThanOrEqual(16);
    expect(caseload.entries.length).toBeLessThanOrEqual(24);
    const lastYear = ctx.db
      .prepare(`SELECT count(*) * 1.0 / count(DISTINCT vl.leader_id) FROM visits v JOIN visit_leaders vl ON vl.visit_id = v.id WHERE v.date BETWEEN '2025-07-01' AND '2026-06-30'`)
      .pluck().get() as number;
    expect(lastYear).toBeGreaterThan(18);
    expect(lastYear).toBeLessThan(30);
  });

  it('writes notes of realistic length in the domain’s words, with tags and next steps', () => {
    const { avg, min, max } = ctx.db.prepare(`SELECT avg(length(body)) AS avg, min(length(body)) AS min, max(length(body)) AS max FROM notes`).get() as Record<string, number>;
    expect(min).toBeGreaterThan(80);
    expect(avg).toBeGreaterThan(300);
    expect(max).toBeLessThan(2500);
    expect(report.counts.tags).toBeGreaterThan(report.counts.notes / 2);
    expect(report.counts.action_items).toBeGreaterThan(100);
  });

  it('keeps full-text search consistent with the notes and visits (the triggers indexed every row)', async () => {
    for (const table of ['notes_fts', 'visits_fts']) {
      expect(() => ctx.db.prepare(`INSERT INTO ${table}(${table}, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();
    }
    const found = await ok(ctx, 'search', { query: 'walkthrough' });
    expect(found.results.length).toBeGreaterThan(0);
    const matching = ctx.db.prepare(`SELECT count(*) FROM notes WHERE body LIKE '%ILT%'`).pluck().get() as number;
    expect(ctx.db.prepare(`SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'ILT'`).pluck().get()).toBe(matching);
  });

  it('gives CTA plans finalised check-ins and past evaluation cycles a locked write-up, as the app reads them', async () => {
    const finalised = ctx.db.prepare(`SELECT id FROM cta_checkins WHERE finalised_at IS NOT NULL LIMIT 1`).pluck().get() as number;
    const summary = await ok(ctx, 'getCtaCheckInSummary', { checkinId: finalised });
    expect(summary.goals.length).toBeGreaterThanOrEqual(3);
    expect(summary.finalisedAt).not.toBeNull();
    const locked = ctx.db.prepare(`SELECT id FROM evaluation_cycles WHERE locked_at IS NOT NULL LIMIT 1`).pluck().get() as number;
    const cycle = await ok(ctx, 'getEvaluation', { cycleId: locked });
    expect(cycle.lockedAt).not.toBeNull();
    expect(() => ctx.db.prepare(`UPDATE evaluation_cycles SET summary = 'x' WHERE id = ?`).run(locked)).toThrow(/locked/);
    const overview = await ok(ctx, 'getCtaOverview', {});
    expect(overview.schools.some((s) => s.goals.length >= 3)).toBe(true);
  });

  it('goes only into an empty Fieldbook, and refusing changes nothing', () => {
    const before = snapshot(ctx);
    expect(() => generateDistrictData(ctx, { size: 'small', today: TODAY })).toThrow(/empty Fieldbook/);
    expect(snapshot(ctx)).toEqual(before);
  });
});
