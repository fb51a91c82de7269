import { describe, expect, it } from 'vitest';
import { consentFilter } from '../../electron/core/sync/consent';
import { documentSchemaV2 } from '../../shared/exportFormat/document';
import type { CaseloadRosterPayloadV2, RetentionNamedPayloadV2 } from '../../shared/exportFormat/payloadsV2';
import { jordansFieldbook } from './leaderViewFixture';

/**
 * What the app adds to its exports for the district's leader tracking view, within schema version
 * 2: each roster entry's evaluation cycle of the year (stages, signed, locked; never ratings or the
 * write-up), and in a retention summary the vacancy outlook as counts (which travel with either
 * consent) and each school's named successors (only with named consent).
 */
describe('exports for the leader tracking view', () => {
  const queued = async (kind: string) => {
    const s = await jordansFieldbook();
    const row = s.ctx.db.prepare(`SELECT payload FROM outbox WHERE kind = ? ORDER BY rowid DESC LIMIT 1`).get(kind) as { payload: string };
    return { payload: JSON.parse(row.payload) as Record<string, unknown> };
  };

  it('a roster carries each leader’s evaluation cycle of the year as far as it has gone, and nothing of its ratings', async () => {
    const { payload } = await queued('caseload_roster');
    const roster = payload as unknown as CaseloadRosterPayloadV2;
    const byName = new Map(roster.leaders.map((l) => [l.name, l.evaluation]));
    const darnell = byName.get('Darnell Brooks')!;
    expect(darnell).toMatchObject({ schoolYear: '2026–27', signedAt: null, lockedAt: null });
    expect(darnell.stages[0]).toMatchObject({ completedDate: '2026-09-15' });
    expect(darnell.stages.slice(1).every((st) => st.completedDate === null && /^\d{4}-\d{2}-\d{2}$/.test(st.dueDate))).toBe(true);
    expect(byName.get('Marisol Vega')).toMatchObject({ lockedAt: expect.any(String), signedAt: expect.any(String) });
    expect(byName.get('Anh Nguyen')).toBeNull();
    expect(JSON.stringify(roster)).not.toMatch(/"rating"|The summary of the year/);
  });

  it('a retention summary counts the vacancy outlook for any consent, and names successors only with named consent', async () => {
    const { payload } = await queued('retention_snapshot');
    const named = payload as unknown as RetentionNamedPayloadV2;
    expect(named.counts.vacancy).toEqual({ schools: 1, readyNow: 1, readySoon: 0, developingOnly: 0, noSuccessor: 0 });
    expect(named.succession!.find((x) => x.school.name === 'Cedar Grove Elementary')!.candidates).toEqual([{ name: 'Leah Goldberg', email: 'lgoldberg@riverbend.k12.example', readiness: 'ready_now' }]);

    const parts = { kind: 'retention_snapshot', payload, attachments: [] } as never;
    const counts = consentFilter({ retentionConsent: 'counts' })(parts) as { payload: Record<string, unknown> };
    expect((counts.payload.counts as { vacancy: unknown }).vacancy).toEqual(named.counts.vacancy);
    expect(counts.payload).not.toHaveProperty('succession');
    expect(JSON.stringify(counts.payload)).not.toContain('Leah Goldberg');
    const full = consentFilter({ retentionConsent: 'named' })(parts) as { payload: Record<string, unknown> };
    expect(full.payload.succession).toEqual(named.succession);
  });

  it('both still match the published version 2 schemas', async () => {
    for (const kind of ['caseload_roster', 'retention_snapshot'] as const) {
      const { payload } = await queued(kind);
      const schema = documentSchemaV2(kind).shape.payload;
      const checked = kind === 'retention_snapshot' ? schema.safeParse({ ...payload, consent: 'named' }) : schema.safeParse(payload);
      expect(checked.success, JSON.stringify(checked.error?.issues[0])).toBe(true);
    }
  });
});
