import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { startSyncWorker } from '../../electron/core/sync/worker';
import { insertVisit, memoryCore, ok, PROFILE, snapshot, tempDir } from './helpers';
import { packagesOnDisk } from './syncServers';

/** Robin's caseload: Ana, a novice principal at a high-need school; Ben, a veteran at a low-need one; Cy, an aspiring leader. */
async function caseload(day = '2026-11-23') {
  const ctx = memoryCore(day);
  await ok(ctx, 'saveSettings', PROFILE);
  const mesa = (await ok(ctx, 'addSchool', { name: 'Mesa Middle', level: 'middle', needTier: 'high' })).id;
  const oak = (await ok(ctx, 'addSchool', { name: 'Oak Elementary', level: 'elementary', needTier: 'low' })).id;
  const ana = (await ok(ctx, 'addLeader', { name: 'Ana Vega', email: 'ana@lakeside.example', role: 'principal', schoolId: mesa, roleStartDate: '2025-08-01', assignment: { supportTier: 'standard', cadenceDays: 14 } })).id;
  const ben = (await ok(ctx, 'addLeader', { name: 'Ben Cho', role: 'principal', schoolId: oak, roleStartDate: '2015-08-01', assignment: { supportTier: 'standard', cadenceDays: 28 } })).id;
  const cy = (await ok(ctx, 'addLeader', { name: 'Cy Park', role: 'aspiring', schoolId: oak, roleStartDate: '2026-08-01', assignment: { supportTier: 'standard' } })).id;
  // Joined the caseload long ago, so a missing visit counts against the cadence.
  ctx.db.prepare(`UPDATE assignments SET start_date = '2026-08-01'`).run();
  insertVisit(ctx, { schoolId: oak, date: '2026-11-16', leaders: [ben] });
  return { ctx, mesa, oak, ana, ben, cy };
}

const conversation = (leaderId: number, extra: Record<string, unknown> = {}) => ({
  leaderId, date: '2026-11-20', kind: 'stay', intent: 'unsure', factors: ['workload', 'family'],
  threats: 'Evenings lost to the master schedule; her daughter starts school.', wouldHelp: 'Protected Thursday evenings.', notes: '',
  followUpDate: '2026-12-04', ...extra,
});

describe('retention conversations', () => {
  it('records a conversation with its factors, plan of support (as next steps) and follow-up, all in the audit trail', async () => {
    const { ctx, ana } = await caseload();
    const c = await ok(ctx, 'recordRetentionConversation', conversation(ana, {
      risk: { level: 'high', reason: 'Unsure about next year and stretched thin' },
      actions: [{ description: 'Move her Thursday ILT to mornings', owner: 'supervisor', dueDate: '2026-12-01' }],
    }));
    expect(c).toMatchObject({ leaderName: 'Ana Vega', intent: 'unsure', factors: ['family', 'workload'].sort() as never, followUpDate: '2026-12-04', followUpDoneDate: null });
    expect(c.actions).toEqual([expect.objectContaining({ description: 'Move her Thursday ILT to mornings', owner: 'supervisor', dueDate: '2026-12-01', doneDate: null })]);
    const steps = await ok(ctx, 'listNextSteps', { leaderId: ana, status: 'open' });
    expect(steps.map((s) => [s.description, s.source])).toEqual([['Move her Thursday ILT to mornings', 'retention']]);
    const mine = await ok(ctx, 'getLeaderRetention', { leaderId: ana });
    expect(mine.risk).toMatchObject({ level: 'high', reason: 'Unsure about next year and stretched thin', date: '2026-11-20', conversationId: c.id });

    await ok(ctx, 'updateRetentionConversation', { conversationId: c.id, ...conversation(ana, { intent: 'unlikely' }) });
    await ok(ctx, 'completeNextStep', { id: steps[0].id });
    const trail = await ok(ctx, 'listRetentionAudit', { leaderId: ana });
    expect(trail.map((t) => t.action)).toEqual(['plan of support action done', 'conversation changed', 'risk judged', 'conversation recorded']);
    expect(trail[1].changes).toEqual({ conversationId: c.id, intent: { from: 'unsure', to: 'unlikely' } });
    expect(trail.every((t) => t.actor === 'Robin Diaz')).toBe(true);
  });

  it('keeps the risk judgement as a history: the newest is current', async () => {
    const { ctx, ben } = await caseload();
    await ok(ctx, 'recordRetentionRisk', { leaderId: ben, level: 'low', reason: 'Settled and thriving', date: '2026-09-10' });
    await ok(ctx, 'recordRetentionRisk', { leaderId: ben, level: 'medium', reason: 'Mentioned a director opening', date: '2026-11-18' });
    const r = await ok(ctx, 'getLeaderRetention', { leaderId: ben });
    expect(r.risk).toMatchObject({ level: 'medium', reason: 'Mentioned a director opening' });
    expect(r.riskHistory.map((h) => h.level)).toEqual(['medium', 'low']);
    expect((await ok(ctx, 'listRetentionAudit', { leaderId: ben })).map((t) => t.changes.level)).toEqual(['medium', 'low']);
  });

  it.each([
    ['a follow-up before the conversation', { followUpDate: '2026-11-19' }, 'followUpDate', /can’t be before the conversation/],
    ['an unknown leader', { leaderId: 999 }, 'leaderId', /no longer in Fieldbook/],
    ['an empty conversation', { intent: null, factors: [], threats: '  ', wouldHelp: '', notes: '' }, 'notes', /Record something/],
    ['a conversation not yet held', { date: '2026-11-30', followUpDate: null }, 'date', /after today/],
    ['a risk level without a reason', { risk: { level: 'high', reason: ' ' } }, 'risk.reason', /Say why/],
  ])('refuses %s, naming the field and writing nothing', async (_what, change, field, message) => {
    const { ctx, ana } = await caseload();
    const before = snapshot(ctx);
    const r = await dispatch(ctx, 'recordRetentionConversation', conversation(ana, change));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.field).toBe(field);
      expect(r.error.message).toMatch(message);
    }
    expect(snapshot(ctx)).toEqual(before);
  });

  it('closes an earlier follow-up when the next conversation is held, or when marked held', async () => {
    const { ctx, ana, ben } = await caseload();
    const first = await ok(ctx, 'recordRetentionConversation', conversation(ana, { date: '2026-10-01', followUpDate: '2026-10-15' }));
    await ok(ctx, 'recordRetentionConversation', conversation(ana, { date: '2026-10-20', followUpDate: null, intent: 'likely' }));
    expect((await ok(ctx, 'getRetentionConversation', { conversationId: first.id })).followUpDoneDate).toBe('2026-10-20');
    const bens = await ok(ctx, 'recordRetentionConversation', conversation(ben, { followUpDate: '2026-11-22' }));
    expect((await ok(ctx, 'getRetentionOverview')).followUps.map((f) => [f.leaderName, f.overdue])).toEqual([['Ben Cho', true]]);
    await ok(ctx, 'completeRetentionFollowUp', { conversationId: bens.id });
    expect((await ok(ctx, 'getRetentionOverview')).followUps).toEqual([]);
    expect((await ok(ctx, 'listRetentionAudit', { leaderId: ben }))[0]).toMatchObject({ action: 'follow-up held', changes: { due: '2026-11-22', date: '2026-11-23' } });
  });
});

describe('signals beside the judgement', () => {
  it('explains each signal and never turns them into a rating', async () => {
    const { ctx, ana, ben, mesa } = await caseload();
    const none = await ok(ctx, 'getLeaderRetention', { leaderId: ben });
    expect(none.signals).toEqual([]);
    // Off track in the school's CTA this year, at the Q1 check-in.
    const planId = (await ok(ctx, 'createCtaPlan', { schoolId: mesa })).id;
    const plan = await ok(ctx, 'saveCtaGoal', { planId, title: 'ILT runs data cycles', focusArea: 'Data-driven Instruction', measure: 'Data cycles completed', measureType: 'number', baseline: '0', benchmark: '3', target: '6' });
    const checkIn = await ok(ctx, 'openCtaCheckIn', { planId, date: '2026-10-01' });
    await ok(ctx, 'saveCtaGoalUpdate', { checkinId: checkIn.id, goalId: plan.goals[0].id, value: '0', valueDate: '2026-10-01', status: 'off_track' });
    await ok(ctx, 'recordRetentionConversation', conversation(ana, { date: '2026-11-01', followUpDate: '2026-11-15', actions: [{ description: 'Call HR about leave', owner: 'supervisor', dueDate: '2026-11-10' }] }));
    const r = await ok(ctx, 'getLeaderRetention', { leaderId: ana });
    expect(r.risk).toBeNull();
    const byKind = Object.fromEntries(r.signals.map((s) => [s.kind, s.explanation]));
    expect(byKind.new_in_role).toMatch(/Started Aug 1, 2025: within their first three years/);
    expect(byKind.high_need).toMatch(/Mesa Middle, a high-need school/);
    expect(byKind.intent).toMatch(/“Unsure” in the conversation of Nov 1, 2026/);
    expect(byKind.follow_up_overdue).toMatch(/The follow-up due Nov 15, 2026 has not happened; 1 plan-of-support action is past due/);
    expect(byKind.no_visit).toMatch(/Not visited since joining your caseload; a visit was due Aug 15, 2026 \(every 14 days\)/);
    expect(byKind.cta_off_track).toMatch(/“ILT runs data cycles”, at the newest check-in this school year/);
    expect(r.signals).toHaveLength(6);
  });

  it('lists the caseload by the supervisor’s risk, with reasons; who has had no conversation this year; aspiring leaders apart', async () => {
    const { ctx, ana, ben } = await caseload();
    let view = await ok(ctx, 'getRetentionOverview');
    // Nobody judged yet: the leader with more signals first.
    expect(view.caseload.map((r) => r.leaderName)).toEqual(['Ana Vega', 'Ben Cho']);
    expect(view.noConversationThisYear.map((r) => r.leaderName)).toEqual(['Ana Vega', 'Ben Cho']);
    await ok(ctx, 'recordRetentionRisk', { leaderId: ana, level: 'low', reason: 'Says she is here for the long run', date: '2026-11-20' });
    await ok(ctx, 'recordRetentionConversation', conversation(ben, { risk: { level: 'high', reason: 'Has applied for a director role' } }));
    view = await ok(ctx, 'getRetentionOverview');
    expect(view.caseload.map((r) => [r.leaderName, r.risk?.level, r.latestIntent])).toEqual([['Ben Cho', 'high', 'unsure'], ['Ana Vega', 'low', null]]);
    expect(view.caseload[0].signals.map((s) => s.kind)).toEqual(['intent']);
    expect(view.noConversationThisYear.map((r) => r.leaderName)).toEqual(['Ana Vega']);
    expect(view.aspiringLeaders.map((l) => l.name)).toEqual(['Cy Park']);
  });
});

describe('succession', () => {
  it('names aspiring leaders who could step in at a school, with their readiness, in the school’s trail', async () => {
    const { ctx, mesa, cy, ana } = await caseload();
    const c = await ok(ctx, 'saveSuccessionCandidate', { schoolId: mesa, leaderId: cy, readiness: 'developing', note: 'Leads the ILT attendance work' });
    await ok(ctx, 'saveSuccessionCandidate', { schoolId: mesa, leaderId: cy, readiness: 'ready_soon', note: 'Leads the ILT attendance work' });
    const mesaPlan = (await ok(ctx, 'getRetentionOverview')).succession.find((s) => s.school.id === mesa)!;
    expect(mesaPlan.principals.map((p) => p.name)).toEqual(['Ana Vega']);
    expect(mesaPlan.candidates.map((x) => [x.leaderName, x.readiness, x.currentSchool])).toEqual([['Cy Park', 'ready_soon', 'Oak Elementary']]);
    const r = await dispatch(ctx, 'saveSuccessionCandidate', { schoolId: mesa, leaderId: ana, readiness: 'ready_now' });
    expect(r).toMatchObject({ ok: false, error: { field: 'leaderId' } });
    await ok(ctx, 'removeSuccessionCandidate', { candidateId: c.id });
    expect((await ok(ctx, 'listRetentionAudit', { schoolId: mesa })).map((t) => t.action)).toEqual(['possible successor removed', 'successor readiness changed', 'possible successor named']);
  });
});

describe('confidential by default: what each export target receives', () => {
  async function threeTargets(ctx: CoreContext) {
    const folders = { none: tempDir(), counts: tempDir(), named: tempDir() };
    for (const [consent, folder] of Object.entries(folders)) {
      await ok(ctx, 'saveSyncTarget', { kind: 'folder', name: `Target ${consent}`, enabled: true, folder, retentionConsent: consent === 'none' ? undefined : consent });
    }
    return folders;
  }
  const packageIn = (folder: string) => {
    const names = packagesOnDisk(folder).final.filter((n) => n.startsWith('retention_snapshot'));
    return names.map((n) => fs.readFileSync(path.join(folder, n, 'fieldbook-export.json'), 'utf8'));
  };
  const CONFIDENTIAL = ['Ana Vega', 'Ben Cho', 'ana@lakeside.example', 'Mesa Middle', 'Evenings lost', 'Protected Thursday', 'Move her Thursday ILT', 'director role'];

  it('refuses to queue a summary while no target may receive one, and writes nothing', async () => {
    const { ctx, ana } = await caseload();
    await ok(ctx, 'recordRetentionConversation', conversation(ana));
    await ok(ctx, 'saveSyncTarget', { kind: 'folder', name: 'District drive', enabled: true, folder: tempDir() });
    const before = snapshot(ctx);
    const r = await dispatch(ctx, 'queueRetentionSnapshot', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'no_consent', message: expect.stringMatching(/Counts only.*Named records/) } });
    expect(snapshot(ctx)).toEqual(before);
  });

  it('sends nothing to a target without consent, counts without names, and named records only where chosen', async () => {
    const { ctx, ana, ben } = await caseload();
    await ok(ctx, 'recordRetentionConversation', conversation(ana, {
      risk: { level: 'high', reason: 'Unsure, stretched thin' }, actions: [{ description: 'Move her Thursday ILT to mornings', owner: 'supervisor', dueDate: '2026-12-01' }],
    }));
    await ok(ctx, 'recordRetentionRisk', { leaderId: ben, level: 'low', reason: 'Turned down a director role', date: '2026-11-02' });
    // Every other export is untouched by consent: the roster still reaches every target.
    await ok(ctx, 'queueCaseloadRoster');
    const folders = await threeTargets(ctx);
    const queued = await ok(ctx, 'queueRetentionSnapshot');
    expect(queued.label).toBe('Retention summary · Caseload on Nov 23, 2026');
    const worker = startSyncWorker(ctx, { manual: true });
    await worker.runOnce();
    await worker.stop();

    // Every target has the roster; the summary counts as delivered everywhere.
    for (const folder of Object.values(folders)) expect(packagesOnDisk(folder).final.some((n) => n.startsWith('caseload_roster'))).toBe(true);
    expect((await ok(ctx, 'getStatus')).exportsWaiting).toBe(0);

    expect(packageIn(folders.none)).toEqual([]);
    const none = packagesOnDisk(folders.none).final.map((n) => fs.readdirSync(path.join(folders.none, n)).map((f) => fs.readFileSync(path.join(folders.none, n, f), 'utf8')).join('')).join('');
    expect(none).not.toMatch(/retention|Evenings lost|stretched thin/);

    const [counts] = packageIn(folders.counts);
    for (const secret of CONFIDENTIAL) expect(counts).not.toContain(secret);
    const countsDoc = JSON.parse(counts);
    expect(JSON.stringify(countsDoc.payload)).not.toMatch(/"name"|"email"|"reason"|"conversations"|fingerprint/);
    expect(countsDoc.payload).toEqual({
      title: 'Caseload on Nov 23, 2026', schemaVersion: 2, consent: 'counts', date: '2026-11-23', schoolYear: '2026–27',
      counts: {
        leaders: 2, byRisk: { low: 1, medium: 0, high: 1, notJudged: 0 }, byIntent: { likely: 0, unsure: 1, unlikely: 0, leaving: 0, notAsked: 1 },
        // Ana Vega's school, whose principal is judged high risk, has no successor named: a count, never a name.
        vacancy: { schools: 1, readyNow: 0, readySoon: 0, developingOnly: 0, noSuccessor: 1 },
      },
    });

    const [named] = packageIn(folders.named);
    const namedDoc = JSON.parse(named);
    expect(namedDoc.payload.consent).toBe('named');
    expect(namedDoc.payload.leaders.map((l: { name: string; risk: { level: string } }) => [l.name, l.risk.level])).toEqual([['Ana Vega', 'high'], ['Ben Cho', 'low']]);
    expect(namedDoc.payload.leaders[0].conversations[0]).toMatchObject({ intent: 'unsure', threats: expect.stringContaining('Evenings lost'), planOfSupport: [expect.objectContaining({ description: 'Move her Thursday ILT to mornings' })] });
  });

  it('keeps retention conversations out of the weekly visit log: a meeting took place, nothing more', async () => {
    const { ctx, oak, ben } = await caseload();
    insertVisit(ctx, { schoolId: oak, date: '2026-11-17', leaders: [ben], type: 'retention_conversation', purpose: 'Talk about the director offer', focus: 'Whether he stays' });
    const cancelled = insertVisit(ctx, { schoolId: oak, date: '2026-11-18', leaders: [ben], type: 'retention_conversation', status: 'cancelled' });
    ctx.db.prepare(`UPDATE visits SET status_reason = 'She is interviewing at Eastside' WHERE id = ?`).run(cancelled);
    const { id } = await ok(ctx, 'queueVisitLog', { weekOf: '2026-11-17' });
    const stored = JSON.stringify(ctx.db.prepare(`SELECT payload FROM outbox WHERE id = ?`).pluck().get(id)) + ctx.db.prepare(`SELECT content FROM outbox_attachments WHERE outbox_id = ?`).pluck().get(id);
    expect(stored).toContain('Ben Cho');
    expect(stored).not.toMatch(/director offer|Whether he stays|Eastside|retention/i);
  });

  it('shows each target’s choice, and a changed choice is in the audit trail', async () => {
    const { ctx } = await caseload();
    const folder = tempDir();
    const t = await ok(ctx, 'saveSyncTarget', { kind: 'folder', name: 'District drive', enabled: true, folder });
    expect(t.retentionConsent).toBe('none');
    const changed = await ok(ctx, 'saveSyncTarget', { id: t.id, kind: 'folder', name: 'District drive', enabled: true, folder, retentionConsent: 'counts' });
    expect(changed.retentionConsent).toBe('counts');
    expect((await ok(ctx, 'getRetentionOverview')).targets).toEqual([{ id: t.id, name: 'District drive', enabled: true, consent: 'counts' }]);
    const trail = ctx.db.prepare(`SELECT action, changes FROM audit_log WHERE entity_type = 'sync_target'`).all();
    expect(trail).toEqual([{ action: 'retention consent changed', changes: JSON.stringify({ target: 'District drive', from: 'none', to: 'counts' }) }]);
  });
});
