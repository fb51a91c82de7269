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
/** Notes, retention, evidence and the audit trail: what a different seed or an unseeded step would change. */
const FINGERPRINTED = [
  `SELECT id, visit_id, leader_id, body, created_at FROM notes ORDER BY id`,
  `SELECT * FROM retention_conversations ORDER BY id`,
  `SELECT * FROM retention_risk ORDER BY id`,
  `SELECT * FROM evaluation_evidence ORDER BY id`,
  `SELECT * FROM audit_log ORDER BY id`,
];
const fingerprint = (ctx: ReturnType<typeof memoryCore>) =>
  createHash('sha256').update(JSON.stringify(FINGERPRINTED.map((q) => ctx.db.prepare(q).all()))).digest('hex');
const rows = (ctx: ReturnType<typeof memoryCore>, sql: string, ...params: unknown[]) => ctx.db.prepare(sql).pluck().get(...params) as number;

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

  it('reports what it made: the counts are the rows in the file', () => {
    for (const table of ['retention_conversations', 'retention_risk', 'succession_candidates', 'evaluation_evidence', 'cta_addenda', 'audit_log']) {
      expect(report.counts[table], table).toBe(rows(ctx, `SELECT count(*) FROM ${table}`));
      expect(report.counts[table], table).toBeGreaterThan(0);
    }
  });

  it('fills the retention view: leaders ordered by risk, mostly low, with signals and follow-ups due', async () => {
    const view = await ok(ctx, 'getRetentionOverview', {});
    const caseload = await ok(ctx, 'getCaseload', {});
    expect(view.caseload.length).toBe(caseload.entries.filter((e) => e.leader.role !== 'aspiring').length);
    const rank = { high: 0, medium: 1, low: 3 } as const;
    const ranks = view.caseload.map((r) => (r.risk ? rank[r.risk.level] : 2));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // A leader not yet judged is one whose first conversation this school year is still to come.
    const notYet = new Set(view.noConversationThisYear.map((n) => n.leaderId));
    expect(view.caseload.filter((r) => r.risk === null).every((r) => notYet.has(r.leaderId))).toBe(true);
    expect(notYet.size).toBeLessThan(view.caseload.length / 3);
    const low = view.caseload.filter((r) => r.risk?.level === 'low').length;
    expect(low).toBeGreaterThan(view.caseload.length / 2);
    expect(low).toBeLessThan(view.caseload.length);
    expect(view.caseload.filter((r) => r.signals.length > 0).length).toBeGreaterThan(view.caseload.length / 2);
    expect(view.followUps.length).toBeGreaterThan(0);
    expect(view.followUps.map((f) => f.date)).toEqual(view.followUps.map((f) => f.date).sort());
    expect(view.followUps.every((f) => f.overdue === f.date < TODAY)).toBe(true);
    expect(view.followUps.some((f) => !f.overdue)).toBe(true);
    expect(view.succession.some((s) => s.candidates.length > 0)).toBe(true);
  });

  it('gives a leader a history: conversations, judgements newest first, plans of support and the audit trail', async () => {
    const leaderId = rows(ctx, `SELECT leader_id FROM retention_conversations GROUP BY leader_id ORDER BY count(*) DESC, leader_id LIMIT 1`);
    const page = await ok(ctx, 'getLeaderRetention', { leaderId });
    expect(page.conversations.length).toBeGreaterThanOrEqual(2);
    expect(page.conversations.every((c) => c.date <= TODAY && (c.factors.length > 0 || c.intent !== null))).toBe(true);
    expect(page.riskHistory.map((r) => r.date)).toEqual(page.riskHistory.map((r) => r.date).sort().reverse());
    expect(page.risk).toEqual(page.riskHistory[0]);
    // Only the newest conversation's follow-up can still be open: a later conversation closes the earlier ones.
    expect(page.conversations.slice(1).every((c) => c.followUpDate === null || c.followUpDoneDate !== null)).toBe(true);
    const trail = await ok(ctx, 'listRetentionAudit', { leaderId });
    expect(trail.filter((e) => e.action === 'conversation recorded').length).toBe(page.conversations.length);
    expect(trail.filter((e) => e.action === 'risk judged').length).toBe(page.riskHistory.length);
    const actions = rows(ctx, `SELECT count(*) FROM action_items WHERE retention_conversation_id IS NOT NULL AND done_date IS NOT NULL`);
    expect(actions).toBe(rows(ctx, `SELECT count(*) FROM audit_log WHERE action = 'plan of support action done'`));
  });

  it('holds an exit conversation with a leader who left', () => {
    const exits = ctx.db.prepare(`SELECT l.status, c.intent FROM retention_conversations c JOIN leaders l ON l.id = c.leader_id WHERE c.kind = 'exit'`).all();
    expect(exits.length).toBeGreaterThan(0);
    expect(exits.every((e) => JSON.stringify(e) === JSON.stringify({ status: 'left', intent: 'leaving' }))).toBe(true);
  });

  it('cites evaluative notes tagged with the element on a locked evaluation, with the trail of its year end', async () => {
    const cycleId = rows(ctx, `SELECT cycle_id FROM evaluation_evidence GROUP BY cycle_id ORDER BY count(*) DESC, cycle_id LIMIT 1`);
    const cycle = await ok(ctx, 'getEvaluation', { cycleId });
    expect(cycle.status).toBe('locked');
    const cited = cycle.rubric.filter((row) => row.evidence.length > 0);
    expect(cited.length).toBeGreaterThan(0);
    for (const row of cited) {
      expect(row.evidence.length).toBeLessThanOrEqual(3);
      for (const e of row.evidence) {
        expect(e.source).toBe('note');
        expect(e.quote.length).toBeGreaterThan(40);
        const tagged = rows(ctx, `SELECT count(*) FROM notes n JOIN tags t ON t.note_id = n.id WHERE n.id = ? AND t.element_id = ? AND n.evidence_kind = 'evaluative'`, e.sourceId, row.elementId);
        expect(tagged).toBe(1);
      }
    }
    // No citation anywhere quotes a note written after it was cited.
    expect(rows(ctx, `SELECT count(*) FROM evaluation_evidence e JOIN notes n ON n.id = e.note_id
      WHERE e.source_date > substr(e.created_at, 1, 10) OR n.created_at > e.created_at`)).toBe(0);
    const trail = await ok(ctx, 'listAuditTrail', { entityType: 'evaluation_cycle', entityId: cycleId });
    expect(trail.map((t) => t.action).slice(0, 3)).toEqual(['locked', 'acknowledged', 'signed']);
    expect(trail.at(-1)!.action).toBe('started');
    expect(trail.map((t) => t.at)).toEqual(trail.map((t) => t.at).sort().reverse());
    expect(trail.filter((t) => t.action === 'stage completed').length).toBe(cycle.stages.filter((st) => st.completedDate !== null).length);
    expect(trail.filter((t) => t.action === 'evidence cited').length).toBe(cited.reduce((n, r) => n + r.evidence.length, 0));
    expect(trail.filter((t) => t.action === 'rated').length).toBe(cycle.rubric.length);
  });

  it('adds a dated addendum to a few finalised CTA check-ins, shown with the summary', async () => {
    const checkinId = rows(ctx, `SELECT checkin_id FROM cta_addenda LIMIT 1`);
    const summary = await ok(ctx, 'getCtaCheckInSummary', { checkinId });
    expect(summary.addenda.length).toBeGreaterThan(0);
    expect(summary.addenda[0].createdAt.slice(0, 10) > summary.finalisedAt!.slice(0, 10)).toBe(true);
    expect(report.counts.cta_addenda).toBeLessThan(report.counts.cta_checkins / 4);
  });

  it('goes only into an empty Fieldbook, and refusing changes nothing', () => {
    const before = snapshot(ctx);
    expect(() => generateDistrictData(ctx, { size: 'small', today: TODAY })).toThrow(/empty Fieldbook/);
    expect(snapshot(ctx)).toEqual(before);
  });
});
