import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { downloadName, fileWords } from '../../electron/core/export/fileName';
import { getInstallationId } from '../../electron/core/services/settings/settings';
import { getQueuedExport } from '../../electron/core/sync/outbox';
import { exportId, ok } from './helpers';
import { evaluationCore, readyToLock } from './evaluationFixture';

/** Attachment names never collide: two leaders of one name, names without Latin letters, two laptops. Names of files a person saves keep their letters. */

async function lockedEvaluationFile(ctx: CoreContext, leaderId: number): Promise<string> {
  const cycleId = (await ok(ctx, 'startEvaluationCycle', { leaderId })).id;
  await readyToLock(ctx, cycleId);
  await ok(ctx, 'lockEvaluation', { cycleId });
  return getQueuedExport(ctx, exportId(ctx, 'evaluation', String(cycleId)))!.attachments[0].filename;
}

async function finalisedCheckInFile(ctx: CoreContext, schoolName: string): Promise<string> {
  const schoolId = (await ok(ctx, 'addSchool', { name: schoolName, level: 'elementary', needTier: 'high' })).id;
  const planId = (await ok(ctx, 'createCtaPlan', { schoolId })).id;
  const plan = await ok(ctx, 'saveCtaGoal', { planId, title: 'Reading', focusArea: 'Teaching and Learning', measure: 'At standard', measureType: 'percentage', dataSource: 'Interim', baseline: '40', benchmark: '45', target: '50' });
  const c = await ok(ctx, 'openCtaCheckIn', { planId, date: '2026-09-15' });
  await ok(ctx, 'saveCtaGoalUpdate', { checkinId: c.id, goalId: plan!.goals[0].id, value: '42', status: 'on_track' });
  await ok(ctx, 'finaliseCtaCheckIn', { checkinId: c.id });
  return getQueuedExport(ctx, exportId(ctx, 'cta_checkin', c.uid))!.attachments[0].filename;
}

// Each locked evaluation and finalised check-in renders its PDF: a few seconds on a busy machine.
describe('attachment names', { timeout: 30_000 }, () => {
  it('differ for two leaders of the same name and for names without Latin letters, and keep readable words', async () => {
    const { ctx, schoolId, ana } = await evaluationCore();
    const leader = async (name: string) => (await ok(ctx, 'addLeader', { name, role: 'principal', schoolId, roleStartDate: '2020-08-01', assignment: { supportTier: 'standard' } })).id;
    const leaders = [ana, await leader('Ana Vega'), await leader('王小明'), await leader('李华'), await leader('Nguyễn Thị Hoa'), await leader('Şebnem Yılmaz')];
    const names: string[] = [];
    for (const id of leaders) names.push(await lockedEvaluationFile(ctx, id));
    expect(new Set(names).size).toBe(names.length);
    const installation = getInstallationId(ctx.db).slice(0, 8);
    expect(names.every((n) => n.endsWith(`-${installation}.pdf`))).toBe(true);
    expect(names[0]).toMatch(/^evaluation-ana-vega-2026-\d+-[0-9a-f]{8}\.pdf$/);
    expect(names[2]).toMatch(/^evaluation-2026-\d+-[0-9a-f]{8}\.pdf$/);
    expect(names[4]).toMatch(/^evaluation-nguyen-thi-hoa-2026-/);
    expect(names[5]).toMatch(/^evaluation-sebnem-yilmaz-2026-/);
  });

  it('differ for two schools whose names have no Latin letters, checked in the same quarter', async () => {
    const { ctx } = await evaluationCore();
    const a = await finalisedCheckInFile(ctx, '第一小学');
    const b = await finalisedCheckInFile(ctx, '第二小学');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^cta-checkin-2026-27-q1-[0-9a-f]{8}-[0-9a-f]{8}\.pdf$/);
  });

  it('differ between two laptops for the same record number', async () => {
    const first = await evaluationCore();
    const second = await evaluationCore();
    expect(first.ana).toBe(second.ana);
    expect(await lockedEvaluationFile(first.ctx, first.ana)).not.toBe(await lockedEvaluationFile(second.ctx, second.ana));
  });

  it('spell words the way every file system takes them', () => {
    expect(fileWords('Ærøskøbing Straße, Łódź')).toBe('aeroskobing-strasse-lodz');
    expect(fileWords('İstanbul Lisesi')).toBe('istanbul-lisesi');
    expect(fileWords('../../etc/passwd')).toBe('etc-passwd');
    expect(fileWords('مدرسة النور')).toBe('');
  });
});

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('names of files a person saves', () => {
  it('keep the letters of the words, in one normal form, with the record’s id', () => {
    expect(downloadName(['cta-checkin', 'Ánimo Juárez High', '2026–27', 'q1'], 7, 'pdf')).toBe('cta-checkin-ánimo-juárez-high-2026-27-q1-id7.pdf');
    expect(downloadName(['evaluation', 'Siobhán O’Connor-Nguyen', '2026–27'], 12, 'pdf')).toBe('evaluation-siobhán-oconnor-nguyen-2026-27-id12.pdf');
    // Typed on a Mac (decomposed accents) or on Windows (composed): the same bytes.
    expect(downloadName(['evaluation', 'Jose\u0301 N\u0303un\u0303ez'], 3, 'pdf')).toBe(downloadName(['evaluation', 'José Ñuñez'], 3, 'pdf'));
    expect(downloadName(['evaluation', 'Jose\u0301'], 3, 'pdf')).toBe('evaluation-josé-id3.pdf');
    expect(downloadName(['evaluation', 'Ζωή Παπαδοπούλου', 'Дмитрий'], 4, 'pdf')).toBe('evaluation-ζωή-παπαδοπούλου-дмитрий-id4.pdf');
  });

  it('hold nothing a file system refuses, and stay short enough for any of them', () => {
    const name = downloadName(['evaluation', 'a/b\\c:d*e?f"g<h>i|j\u0000k. ', '..', 'CON'], 5, 'PDF');
    expect(name).toBe('evaluation-a-b-c-d-e-f-g-h-i-j-k-con-id5.pdf');
    expect(name).not.toMatch(/[/\\:*?"<>|\u0000-\u001f]/);
    const long = downloadName(['evaluation', 'Ñ'.repeat(400)], 99, 'pdf');
    expect(bytes(long)).toBeLessThanOrEqual(255);
    expect(long.endsWith('-id99.pdf')).toBe(true);
    expect(downloadName(['…', '!!!'], 8, 'pdf')).toBe('id8.pdf');
  });
});
