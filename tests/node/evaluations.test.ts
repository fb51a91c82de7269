import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { getQueuedExport, readAttachment } from '../../electron/core/sync/outbox';
import { DEFAULT_SCALE, DEFAULT_STAGES } from '../../shared/evaluations/vocabulary';
import { completeWriteUp, evaluationCore, IMPROVEMENT, PSEL, readyToLock, setDay, taggedNote, VISION } from './evaluationFixture';
import { exportId, ok, snapshot, tempDir } from './helpers';
import { getInstallationId } from '../../electron/core/services/settings/settings';

const pdfText = (base64: string): string => {
  const file = path.join(tempDir(), 'evaluation.pdf');
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  const r = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  if (r.error) throw new Error('pdftotext is missing: apt-get install -y poppler-utils');
  // Table cells wrap: compare words, not line breaks.
  return r.stdout.replace(/\s+/g, ' ');
};

describe('cycle template and start', () => {
  it('starts from the playbook’s stages and four-level scale, dated in the school year, and copies them into the cycle', async () => {
    const { ctx, ana } = await evaluationCore();
    expect(await ok(ctx, 'getEvaluationTemplate')).toEqual({ stages: DEFAULT_STAGES, scale: DEFAULT_SCALE, frameworkId: PSEL });
    const started = await ok(ctx, 'startEvaluationCycle', { leaderId: ana });
    expect(started).toMatchObject({ leaderName: 'Ana Vega', yearLabel: '2026–27', status: 'open', stagesDone: 0, stagesTotal: 7 });
    const e = await ok(ctx, 'getEvaluation', { cycleId: started.id });
    expect(e.stages.map((s) => [s.name, s.dueDate])).toEqual([
      ['Set goals', '2026-09-30'], ['Communication and work styles', '2026-10-15'], ['Strengths to leverage', '2026-10-31'],
      ['Growth areas and support plan', '2026-11-15'], ['Progress monitoring and reflection', '2026-12-15'], ['Mid-year review', '2027-01-31'],
      ['End-of-year summative', '2027-06-15'],
    ]);
    expect(e.stages.filter((s) => s.late).map((s) => s.name)).toEqual(['Set goals', 'Communication and work styles', 'Strengths to leverage', 'Growth areas and support plan']);
    expect(e.rubric).toHaveLength(10);
    expect(e.frameworkName).toBe('PSEL 2015');

    // A district's template applies to cycles started after it, not to this one.
    await ok(ctx, 'saveEvaluationTemplate', { stages: [{ name: 'Goals', month: 8, day: 31 }], scale: ['Not yet', 'Meets', 'Exceeds'], frameworkId: 'wallace-pipeline' });
    expect((await ok(ctx, 'getEvaluation', { cycleId: started.id })).stages).toHaveLength(7);
    expect(await dispatch(ctx, 'startEvaluationCycle', { leaderId: ana })).toMatchObject({ ok: false, error: { code: 'already_exists', field: 'leaderId' } });
  });

  it('refuses a bad template at the field and keeps the old one', async () => {
    const { ctx } = await evaluationCore();
    const before = snapshot(ctx);
    const good = { stages: [{ name: 'Goals', month: 9, day: 30 }], scale: ['Low', 'High'], frameworkId: PSEL };
    for (const [input, field] of [
      [{ ...good, stages: [] }, 'stages'],
      [{ ...good, stages: [{ name: ' ', month: 9, day: 30 }] }, 'stages.0.name'],
      [{ ...good, stages: [{ name: 'Goals', month: 2, day: 30 }] }, 'stages.0.day'],
      [{ ...good, scale: ['Only one'] }, 'scale'],
      [{ ...good, scale: ['Same', 'same'] }, 'scale'],
      [{ ...good, frameworkId: 'nope' }, 'frameworkId'],
    ] as const) {
      const r = await dispatch(ctx, 'saveEvaluationTemplate', input);
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { field } });
    }
    expect(snapshot(ctx)).toEqual(before);
  });
});

describe('evidence roll-up', () => {
  it('offers the year’s evaluative notes and visits tagged with each element, newest first, and never coaching notes unless asked', async () => {
    const { ctx, ana, ben, schoolId } = await evaluationCore();
    const older = await taggedNote(ctx, ana, '2026-09-10', 'Ana set a clear **vision** at the staff meeting.', 'evaluative', [VISION]);
    const newer = await taggedNote(ctx, ana, '2026-10-20', 'Ana revisited the vision with the ILT.', 'evaluative', [VISION, IMPROVEMENT]);
    const coaching = await taggedNote(ctx, ana, '2026-10-25', 'Ana worried aloud about the vision; coaching only.', 'coaching', [VISION]);
    await taggedNote(ctx, ana, '2026-05-01', 'Last school year: not this cycle.', 'evaluative', [VISION]);
    await taggedNote(ctx, ben, '2026-10-01', 'About Ben, not Ana.', 'evaluative', [VISION]);
    const visit = await ok(ctx, 'planVisit', { date: '2026-11-02', startTime: '09:00', endTime: '10:00', schoolId, leaderIds: [ana], type: 'evaluation_observation', evidenceKind: 'evaluative', purpose: 'Observe the data cycle' });
    await ok(ctx, 'saveVisitEvidence', { visitId: visit.id, evidence: 'Teams used interim data to regroup students.' });
    await ok(ctx, 'finishVisit', { visitId: visit.id, outcome: 'done' });
    await ok(ctx, 'setVisitTags', { visitId: visit.id, tags: [{ frameworkId: PSEL, elementId: IMPROVEMENT }] });

    const cycle = await ok(ctx, 'startEvaluationCycle', { leaderId: ana });
    const rollup = await ok(ctx, 'listRubricEvidence', { cycleId: cycle.id });
    const ids = (el: string) => rollup.find((r) => r.elementId === el)!.items.map((i) => `${i.source}:${i.id}`);
    expect(ids(VISION)).toEqual([`note:${newer}`, `note:${older}`]);
    expect(ids(IMPROVEMENT)).toEqual([`visit:${visit.id}`, `note:${newer}`]);
    expect(rollup.find((r) => r.elementId === VISION)!.items[1]).toMatchObject({ kind: 'evaluative', excerpt: 'Ana set a clear vision at the staff meeting.', href: `#/leaders/${ana}` });
    expect(rollup.find((r) => r.elementId === IMPROVEMENT)!.items[0]).toMatchObject({ excerpt: expect.stringContaining('interim data'), href: `#/visits/${visit.id}` });

    // Deliberately asking shows the coaching note too; citing it marks the citation, and the PDF says so.
    const withCoaching = await ok(ctx, 'listRubricEvidence', { cycleId: cycle.id, includeCoaching: true });
    expect(withCoaching.find((r) => r.elementId === VISION)!.items.map((i) => i.id)).toEqual([coaching, newer, older]);
    const cited = await ok(ctx, 'citeEvidence', { cycleId: cycle.id, elementId: VISION, source: 'note', sourceId: coaching });
    expect(cited.rubric.find((r) => r.elementId === VISION)!.evidence).toEqual([expect.objectContaining({ coachingIncluded: true, quote: expect.stringContaining('worried aloud') })]);
    await ok(ctx, 'citeEvidence', { cycleId: cycle.id, elementId: VISION, source: 'note', sourceId: older });
    const text = pdfText((await ok(ctx, 'getEvaluationPdf', { cycleId: cycle.id })).base64);
    expect(text).toContain('coaching note, included deliberately');
    expect(text).toContain('Ana set a clear vision');

    // A note not tagged with the row, or about someone else, cannot be cited there.
    const before = snapshot(ctx);
    expect(await dispatch(ctx, 'citeEvidence', { cycleId: cycle.id, elementId: IMPROVEMENT, source: 'note', sourceId: older })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'sourceId' } });
    expect(await dispatch(ctx, 'citeEvidence', { cycleId: cycle.id, elementId: VISION, source: 'note', sourceId: older })).toMatchObject({ ok: false, error: { code: 'already_exists' } });
    expect(snapshot(ctx)).toEqual(before);
  });

  it('drafts an outline of each section from goals, entries and evidence, with links to the sources', async () => {
    const { ctx, ana } = await evaluationCore();
    const note = await taggedNote(ctx, ana, '2026-10-20', 'Ana led a strong data meeting.', 'evaluative', [IMPROVEMENT]);
    await taggedNote(ctx, ana, '2026-10-21', 'Private coaching worry.', 'coaching', [IMPROVEMENT]);
    const cycleId = (await ok(ctx, 'startEvaluationCycle', { leaderId: ana })).id;
    await ok(ctx, 'addEvaluationEntry', { cycleId, kind: 'goal', title: 'Raise grade 6 reading', measure: 'Interim reading', target: '60% proficient', byDate: '2027-05-31' });
    await ok(ctx, 'addEvaluationEntry', { cycleId, kind: 'strength', title: 'Builds trust with staff' });
    await ok(ctx, 'rateElement', { cycleId, elementId: IMPROVEMENT, rating: 4 });
    const outline = await ok(ctx, 'outlineWriteUp', { cycleId });
    expect(outline.summary).toContain('School Improvement: Highly effective');
    expect(outline.strengths).toContain('Builds trust with staff');
    // The quote goes where its rating puts it, once.
    expect(outline.strengths).toContain(`### School Improvement\n\n> “Ana led a strong data meeting.”\n> — [Note of Oct 20, 2026](#/leaders/${ana})`);
    expect(Object.values(outline).join('\n').split('Ana led a strong data meeting.')).toHaveLength(2);
    expect(outline.nextYearGoals).toContain('Raise grade 6 reading (target: 60% proficient)');
    expect(Object.values(outline).join('\n')).not.toContain('Private coaching worry');
    expect(note).toBeGreaterThan(0);
  });
});

describe('entries and support plans', () => {
  it('keeps goals with progress notes, and makes support-plan actions next steps on the leader’s page', async () => {
    const { ctx, ana } = await evaluationCore();
    const cycleId = (await ok(ctx, 'startEvaluationCycle', { leaderId: ana })).id;
    let e = await ok(ctx, 'addEvaluationEntry', { cycleId, kind: 'goal', title: 'Raise attendance', measure: 'Daily attendance', target: '95%', byDate: '2027-06-01' });
    const goal = e.entries[0];
    e = await ok(ctx, 'addGoalProgress', { goalId: goal.id, date: '2026-11-20', note: 'Up to 92% in October.' });
    expect(e.entries[0]).toMatchObject({ title: 'Raise attendance', target: '95%', progress: [{ date: '2026-11-20', note: 'Up to 92% in October.' }] });
    e = await ok(ctx, 'addEvaluationEntry', { cycleId, kind: 'growth_area', title: 'Delegation', detail: 'Hands off operations', measure: 'ignored' });
    const area = e.entries.find((x) => x.kind === 'growth_area')!;
    expect(area.measure).toBe('');
    e = await ok(ctx, 'addSupportAction', { growthAreaId: area.id, description: 'Shadow an operations manager', owner: 'leader', dueDate: '2026-12-15' });
    expect(e.entries.find((x) => x.id === area.id)!.actions).toEqual([expect.objectContaining({ description: 'Shadow an operations manager', owner: 'leader', dueDate: '2026-12-15', doneDate: null })]);
    const steps = await ok(ctx, 'listNextSteps', { leaderId: ana });
    expect(steps).toEqual([expect.objectContaining({ description: 'Shadow an operations manager', source: 'evaluation' })]);
    expect(await dispatch(ctx, 'addSupportAction', { growthAreaId: goal.id, description: 'x', owner: 'leader' })).toMatchObject({ ok: false, error: { field: 'growthAreaId' } });
    expect(await dispatch(ctx, 'addGoalProgress', { goalId: goal.id, date: '2027-01-01', note: 'future' })).toMatchObject({ ok: false, error: { field: 'date' } });
    // Removing the growth area removes its actions too.
    await ok(ctx, 'removeEvaluationEntry', { entryId: area.id });
    expect(await ok(ctx, 'listNextSteps', { leaderId: ana })).toEqual([]);
  });
});

describe('bad input changes nothing', () => {
  it('refuses a rating outside the scale, signing with empty sections, acknowledging before signing, locking before acknowledging', async () => {
    const { ctx, ana } = await evaluationCore();
    const cycleId = (await ok(ctx, 'startEvaluationCycle', { leaderId: ana })).id;
    const before = snapshot(ctx);
    const hash = JSON.stringify(await ok(ctx, 'getEvaluation', { cycleId }));
    expect(await dispatch(ctx, 'rateElement', { cycleId, elementId: VISION, rating: 5 })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'rating', message: expect.stringContaining('1 (Ineffective) to 4 (Highly effective)') } });
    expect(await dispatch(ctx, 'rateElement', { cycleId, elementId: VISION, rating: 0 })).toMatchObject({ ok: false, error: { field: 'rating' } });
    expect(await dispatch(ctx, 'rateElement', { cycleId, elementId: VISION, rating: 2.5 })).toMatchObject({ ok: false, error: { field: 'rating' } });
    expect(await dispatch(ctx, 'signEvaluation', { cycleId, name: 'Robin Diaz' })).toMatchObject({ ok: false, error: { field: 'summary', message: 'Write the Summary section before signing' } });
    expect(await dispatch(ctx, 'acknowledgeEvaluation', { cycleId, name: 'Ana Vega', date: '2026-11-23' })).toMatchObject({ ok: false, error: { code: 'not_signed' } });
    expect(await dispatch(ctx, 'lockEvaluation', { cycleId })).toMatchObject({ ok: false, error: { code: 'not_signed' } });
    expect(await dispatch(ctx, 'addAddendum', { cycleId, date: '2026-11-23', body: 'Too early' })).toMatchObject({ ok: false, error: { code: 'not_locked' } });
    expect(snapshot(ctx)).toEqual(before);
    expect(JSON.stringify(await ok(ctx, 'getEvaluation', { cycleId }))).toBe(hash);

    // Every section written but one rubric row unrated: still refused, and it says which.
    await completeWriteUp(ctx, cycleId);
    await ok(ctx, 'rateElement', { cycleId, elementId: VISION, rating: null });
    expect(await dispatch(ctx, 'signEvaluation', { cycleId, name: 'Robin Diaz' })).toMatchObject({ ok: false, error: { field: 'rubric', message: expect.stringContaining('Mission, Vision, and Core Values') } });
    await ok(ctx, 'rateElement', { cycleId, elementId: VISION, rating: 2 });
    await ok(ctx, 'signEvaluation', { cycleId, name: 'Robin Diaz' });
    // Signed: the write-up and ratings are what was signed.
    expect(await dispatch(ctx, 'saveWriteUp', { cycleId, section: 'summary', text: 'changed' })).toMatchObject({ ok: false, error: { code: 'evaluation_signed' } });
    expect(await dispatch(ctx, 'lockEvaluation', { cycleId })).toMatchObject({ ok: false, error: { code: 'not_acknowledged' } });
    expect(await dispatch(ctx, 'acknowledgeEvaluation', { cycleId, name: 'Ana Vega', date: '2026-11-30' })).toMatchObject({ ok: false, error: { field: 'date' } });
  });
});

describe('lock', () => {
  it('locks, queues the PDF for the district in the same change, and the PDF holds the leader, the ratings and the evidence', async () => {
    const { ctx, ana } = await evaluationCore();
    const note = await taggedNote(ctx, ana, '2026-10-20', 'Ana led a strong data meeting with grade-level teams.', 'evaluative', [IMPROVEMENT]);
    const cycleId = (await ok(ctx, 'startEvaluationCycle', { leaderId: ana })).id;
    await ok(ctx, 'citeEvidence', { cycleId, elementId: IMPROVEMENT, source: 'note', sourceId: note });
    await readyToLock(ctx, cycleId);
    expect(await dispatch(ctx, 'rateElement', { cycleId, elementId: IMPROVEMENT, rating: 4 })).toMatchObject({ ok: false, error: { code: 'evaluation_signed' } });
    const locked = await ok(ctx, 'lockEvaluation', { cycleId });
    expect(locked).toMatchObject({ status: 'locked', lockedAt: '2026-11-23T10:00:00.000Z' });
    const queued = getQueuedExport(ctx, exportId(ctx, 'evaluation', String(cycleId)))!;
    expect(queued.payload).toMatchObject({
      schemaVersion: 2, title: 'Ana Vega, 2026–27', leader: { id: ana, name: 'Ana Vega', email: 'ana.vega@lakeside.example' }, school: { name: 'Mesa Middle', districtCode: 'MM-330' },
      schoolYear: '2026–27', signedBy: 'Robin Diaz', acknowledgedBy: 'Ana Vega', lockedAt: '2026-11-23T10:00:00.000Z',
    });
    const filename = `evaluation-ana-vega-2026-${cycleId}-${getInstallationId(ctx.db).slice(0, 8)}.pdf`;
    expect(queued.attachments).toEqual([expect.objectContaining({ filename, mediaType: 'application/pdf' })]);
    const text = pdfText(readAttachment(ctx, queued.id, filename)!.toString('base64'));
    for (const expected of ['Summative evaluation: Ana Vega', 'School Improvement', '3 – Effective', 'Evidence: Note of Oct 20, 2026', 'strong data meeting', 'Supervisor: Robin Diaz', 'Leader acknowledgement: Ana Vega']) {
      expect(text).toContain(expected);
    }
    expect((await ok(ctx, 'getStatus')).exportsWaiting).toBe(1);
  });

  it('refuses every change to a locked cycle through the API, and allows dated addenda and an unlock with a reason, all audited', async () => {
    const { ctx, ana } = await evaluationCore();
    const note = await taggedNote(ctx, ana, '2026-10-20', 'Evidence.', 'evaluative', [VISION]);
    const cycleId = (await ok(ctx, 'startEvaluationCycle', { leaderId: ana })).id;
    let e = await ok(ctx, 'addEvaluationEntry', { cycleId, kind: 'growth_area', title: 'Delegation' });
    e = await ok(ctx, 'addSupportAction', { growthAreaId: e.entries[0].id, description: 'Shadow an operations manager', owner: 'leader' });
    const area = e.entries[0];
    e = await ok(ctx, 'addEvaluationEntry', { cycleId, kind: 'goal', title: 'Raise attendance' });
    const goal = e.entries.find((x) => x.kind === 'goal')!;
    e = await ok(ctx, 'citeEvidence', { cycleId, elementId: VISION, source: 'note', sourceId: note });
    const evidenceId = e.rubric[0].evidence[0].id;
    await readyToLock(ctx, cycleId);
    await ok(ctx, 'lockEvaluation', { cycleId });
    const stageId = e.stages[0].id;

    const before = snapshot(ctx);
    const attempts: [string, Record<string, unknown>][] = [
      ['rateElement', { cycleId, elementId: VISION, rating: 1 }],
      ['rateElement', { cycleId, elementId: VISION, rationale: 'new' }],
      ['saveWriteUp', { cycleId, section: 'summary', text: 'rewritten' }],
      ['citeEvidence', { cycleId, elementId: VISION, source: 'note', sourceId: note }],
      ['removeEvidence', { evidenceId }],
      ['completeEvaluationStage', { stageId, date: '2026-11-20' }],
      ['reopenEvaluationStage', { stageId }],
      ['addEvaluationEntry', { cycleId, kind: 'strength', title: 'late' }],
      ['updateEvaluationEntry', { entryId: goal.id, title: 'changed' }],
      ['removeEvaluationEntry', { entryId: area.id }],
      ['addGoalProgress', { goalId: goal.id, date: '2026-11-23', note: 'late' }],
      ['addSupportAction', { growthAreaId: area.id, description: 'late', owner: 'leader' }],
      ['signEvaluation', { cycleId, name: 'x' }],
      ['withdrawSignature', { cycleId }],
      ['acknowledgeEvaluation', { cycleId, name: 'x', date: '2026-11-23' }],
      ['lockEvaluation', { cycleId }],
    ];
    for (const [name, input] of attempts) {
      const r = await dispatch(ctx, name, input);
      expect(r, name).toMatchObject({ ok: false, error: { code: 'evaluation_locked', message: expect.stringContaining('locked') } });
    }
    expect(snapshot(ctx)).toEqual(before);

    // The support plan is still followed up: its next step can be marked done.
    const step = (await ok(ctx, 'listNextSteps', { leaderId: ana }))[0];
    await ok(ctx, 'completeNextStep', { id: step.id });
    expect((await ok(ctx, 'listAuditTrail', { entityType: 'evaluation_cycle', entityId: cycleId }))[0])
      .toMatchObject({ action: 'support action done', changes: { growthArea: 'Delegation', action: 'Shadow an operations manager', doneDate: '2026-11-23' } });

    e = await ok(ctx, 'addAddendum', { cycleId, date: '2026-11-23', body: 'Attendance reached 95% after the write-up.' });
    expect(e.addenda).toEqual([expect.objectContaining({ date: '2026-11-23', author: 'Robin Diaz', body: 'Attendance reached 95% after the write-up.' })]);
    expect(await dispatch(ctx, 'addAddendum', { cycleId, date: '2026-11-24', body: 'future' })).toMatchObject({ ok: false, error: { field: 'date' } });
    expect(await dispatch(ctx, 'unlockEvaluation', { cycleId, reason: '  ' })).toMatchObject({ ok: false, error: { field: 'reason' } });

    e = await ok(ctx, 'unlockEvaluation', { cycleId, reason: 'The leader’s rebuttal named a wrong date' });
    expect(e).toMatchObject({ status: 'acknowledged', lockedAt: null });
    const trail = await ok(ctx, 'listAuditTrail', { entityType: 'evaluation_cycle', entityId: cycleId });
    expect(trail[0]).toMatchObject({ action: 'unlocked', actor: 'Robin Diaz', changes: { reason: 'The leader’s rebuttal named a wrong date' } });
    expect(trail.map((t) => t.action)).toEqual(expect.arrayContaining(['started', 'rated', 'write-up edited', 'evidence cited', 'signed', 'acknowledged', 'locked', 'addendum added', 'support action added']));
    expect(trail.find((t) => t.action === 'rated')).toMatchObject({ at: '2026-11-23T10:00:00.000Z', changes: { from: null, to: 'Effective' } });

    // Locked again after the unlock: a second export, the first one kept.
    await ok(ctx, 'lockEvaluation', { cycleId });
    expect(getQueuedExport(ctx, exportId(ctx, 'evaluation', String(cycleId)))).not.toBeNull();
    expect(getQueuedExport(ctx, exportId(ctx, 'evaluation', String(cycleId), 2))).not.toBeNull();
  });

  it('refuses a direct UPDATE or DELETE of a locked cycle and all its rows in SQLite itself', async () => {
    const { ctx, ana } = await evaluationCore();
    const note = await taggedNote(ctx, ana, '2026-10-20', 'Evidence.', 'evaluative', [VISION]);
    const cycleId = (await ok(ctx, 'startEvaluationCycle', { leaderId: ana })).id;
    const e = await ok(ctx, 'addEvaluationEntry', { cycleId, kind: 'growth_area', title: 'Delegation' });
    await ok(ctx, 'addSupportAction', { growthAreaId: e.entries[0].id, description: 'Shadow', owner: 'leader' });
    await ok(ctx, 'citeEvidence', { cycleId, elementId: VISION, source: 'note', sourceId: note });
    await readyToLock(ctx, cycleId);
    await ok(ctx, 'lockEvaluation', { cycleId });
    await ok(ctx, 'addAddendum', { cycleId, date: '2026-11-23', body: 'Noted.' });
    const before = snapshot(ctx);
    const run = (sql: string) => () => ctx.db.prepare(sql).run({ cycleId });
    const refused = [
      `UPDATE evaluation_cycles SET summary = 'rewritten' WHERE id = @cycleId`,
      `UPDATE evaluation_cycles SET locked_at = NULL WHERE id = @cycleId`,
      `UPDATE evaluation_cycles SET locked_at = NULL, unlock_reason = 'x', summary = 'sneaky' WHERE id = @cycleId`,
      `DELETE FROM evaluation_cycles WHERE id = @cycleId`,
      `UPDATE evaluation_ratings SET rating = 1 WHERE cycle_id = @cycleId`,
      `DELETE FROM evaluation_ratings WHERE cycle_id = @cycleId`,
      `INSERT INTO evaluation_ratings (cycle_id, element_id, position, title) VALUES (@cycleId, 'extra', 99, 'Extra')`,
      `UPDATE evaluation_stages SET completed_date = '2026-11-01' WHERE cycle_id = @cycleId`,
      `DELETE FROM evaluation_stages WHERE cycle_id = @cycleId`,
      `UPDATE evaluation_entries SET title = 'x' WHERE cycle_id = @cycleId`,
      `DELETE FROM evaluation_entries WHERE cycle_id = @cycleId`,
      `INSERT INTO evaluation_entries (cycle_id, kind, title, created_at, updated_at) VALUES (@cycleId, 'strength', 'x', 'x', 'x')`,
      `UPDATE evaluation_evidence SET quote = 'invented' WHERE cycle_id = @cycleId`,
      `DELETE FROM evaluation_evidence WHERE cycle_id = @cycleId`,
      `UPDATE evaluation_addenda SET body = 'x' WHERE cycle_id = @cycleId`,
      `DELETE FROM evaluation_addenda WHERE cycle_id = @cycleId`,
      `UPDATE action_items SET description = 'x' WHERE evaluation_entry_id IS NOT NULL`,
      `DELETE FROM action_items WHERE evaluation_entry_id IS NOT NULL`,
      `UPDATE audit_log SET action = 'x'`,
      `DELETE FROM audit_log`,
    ];
    for (const sql of refused) expect(run(sql), sql).toThrow(/locked|cannot be changed|cannot be removed/);
    expect(snapshot(ctx)).toEqual(before);
    // An unlock straight in SQL still needs a reason and may change nothing else.
    run(`UPDATE evaluation_cycles SET locked_at = NULL, unlock_reason = 'Corrected by the district office' WHERE id = @cycleId`)();
    expect((await ok(ctx, 'getEvaluation', { cycleId })).status).toBe('acknowledged');
  });

  it('does not lock a cycle that changed while its PDF was being made', async () => {
    const { ctx, ana } = await evaluationCore();
    const cycleId = (await ok(ctx, 'startEvaluationCycle', { leaderId: ana })).id;
    await readyToLock(ctx, cycleId);
    const before = snapshot(ctx);
    const locking = dispatch(ctx, 'lockEvaluation', { cycleId });
    // The PDF renders asynchronously; meanwhile the signature is withdrawn.
    await dispatch(ctx, 'withdrawSignature', { cycleId });
    expect(await locking).toMatchObject({ ok: false, error: { code: 'changed_meanwhile' } });
    expect(snapshot(ctx).outbox).toBe(before.outbox);
    expect((await ok(ctx, 'getEvaluation', { cycleId })).status).toBe('open');
  });
});

describe('audit trail', () => {
  it('records who changed what and when, one entry per burst of autosaves', async () => {
    const { ctx, ana } = await evaluationCore();
    const cycleId = (await ok(ctx, 'startEvaluationCycle', { leaderId: ana })).id;
    for (const text of ['A', 'An', 'An opening']) await ok(ctx, 'saveWriteUp', { cycleId, section: 'summary', text });
    await ok(ctx, 'saveWriteUp', { cycleId, section: 'strengths', text: 'Trust' });
    setDay(ctx, '2026-11-24');
    await ok(ctx, 'saveWriteUp', { cycleId, section: 'strengths', text: 'Trust, again' });
    const trail = await ok(ctx, 'listAuditTrail', { entityType: 'evaluation_cycle', entityId: cycleId });
    expect(trail.map((t) => [t.action, t.changes.section ?? null, t.at.slice(0, 10)])).toEqual([
      ['write-up edited', 'Strengths', '2026-11-24'],
      ['write-up edited', 'Strengths', '2026-11-23'],
      ['write-up edited', 'Summary', '2026-11-23'],
      ['started', null, '2026-11-23'],
    ]);
    expect(trail.every((t) => t.actor === 'Robin Diaz')).toBe(true);
    expect((await ok(ctx, 'getEvaluation', { cycleId })).writeUp.summary).toBe('An opening');
  });
});

describe('dashboard deadlines', () => {
  it('lists late stages and those due in the next two weeks, not completed ones or locked cycles', async () => {
    const { ctx, ana, ben } = await evaluationCore('2026-12-05');
    const a = await ok(ctx, 'startEvaluationCycle', { leaderId: ana });
    await ok(ctx, 'startEvaluationCycle', { leaderId: ben });
    const stages = (await ok(ctx, 'getEvaluation', { cycleId: a.id })).stages;
    for (const s of stages.slice(0, 3)) await ok(ctx, 'completeEvaluationStage', { stageId: s.id, date: '2026-11-01' });
    const deadlines = await ok(ctx, 'listEvaluationDeadlines');
    const ana4 = deadlines.filter((d) => d.leaderName === 'Ana Vega').map((d) => [d.stageName, d.late]);
    expect(ana4).toEqual([['Growth areas and support plan', true], ['Progress monitoring and reflection', false]]);
    expect(deadlines.filter((d) => d.leaderName === 'Ben Cho')).toHaveLength(5);
    expect(await dispatch(ctx, 'completeEvaluationStage', { stageId: stages[3].id, date: '2026-12-06' })).toMatchObject({ ok: false, error: { field: 'date' } });
    const list = await ok(ctx, 'listEvaluations');
    expect(list.cycles.map((c) => [c.leaderName, c.stagesDone, c.nextStage?.name])).toEqual([['Ana Vega', 3, 'Growth areas and support plan'], ['Ben Cho', 0, 'Set goals']]);
    expect(list.withoutCycle).toEqual([]);
  });
});

describe('goals that serve the school’s CTA', () => {
  it('links a professional goal to one of the school’s CTA goals for the year, shows its status, and refuses any other', async () => {
    const { ctx, schoolId, ana } = await evaluationCore();
    const plan = await ok(ctx, 'createCtaPlan', { schoolId });
    const withGoal = await ok(ctx, 'saveCtaGoal', { planId: plan.id, title: 'Grade 6 math at standard', focusArea: 'Teaching and Learning', measure: 'Students at standard', measureType: 'percentage', target: '60' });
    const ctaGoalId = withGoal.goals[0].id;
    const other = await ok(ctx, 'addSchool', { name: 'Elsewhere High', level: 'high', needTier: 'low' });
    const otherPlan = await ok(ctx, 'createCtaPlan', { schoolId: other.id });
    const foreign = (await ok(ctx, 'saveCtaGoal', { planId: otherPlan.id, title: 'Not hers', focusArea: 'Other', measure: 'x', measureType: 'number' })).goals[0].id;
    const cycle = await ok(ctx, 'startEvaluationCycle', { leaderId: ana });

    expect((await ok(ctx, 'getEvaluation', { cycleId: cycle.id })).ctaGoals).toEqual([{ id: ctaGoalId, title: 'Grade 6 math at standard', latestStatus: null }]);
    const before = snapshot(ctx);
    expect(await dispatch(ctx, 'addEvaluationEntry', { cycleId: cycle.id, kind: 'goal', title: 'Lead math PLCs', ctaGoalId: foreign })).toMatchObject({ ok: false, error: { field: 'ctaGoalId' } });
    expect(snapshot(ctx)).toEqual(before);

    const e = await ok(ctx, 'addEvaluationEntry', { cycleId: cycle.id, kind: 'goal', title: 'Lead math PLCs', ctaGoalId });
    expect(e.entries[0].ctaGoal).toEqual({ id: ctaGoalId, title: 'Grade 6 math at standard', latestStatus: null });
    // A strength serves no CTA goal, whatever is sent.
    const s = await ok(ctx, 'addEvaluationEntry', { cycleId: cycle.id, kind: 'strength', title: 'Calm under pressure', ctaGoalId });
    expect(s.entries.find((x) => x.kind === 'strength')!.ctaGoal).toBeNull();

    // The CTA goal's status shows through once a check-in records one; it cannot be removed while linked.
    const checkIn = await ok(ctx, 'openCtaCheckIn', { planId: plan.id, date: '2026-11-20' });
    await ok(ctx, 'saveCtaGoalUpdate', { checkinId: checkIn.id, goalId: ctaGoalId, status: 'at_risk' });
    expect((await ok(ctx, 'getEvaluation', { cycleId: cycle.id })).entries[0].ctaGoal!.latestStatus).toBe('at_risk');
    await ok(ctx, 'discardCtaCheckIn', { checkinId: checkIn.id });
    expect(await dispatch(ctx, 'deleteCtaGoal', { goalId: ctaGoalId })).toMatchObject({ ok: false, error: { code: 'in_use', message: expect.stringContaining('evaluation goal') } });
  });
});

describe('retention conversations stay out of evaluations', () => {
  it('never offers a retention conversation or its notes as evidence, even when asked for coaching notes too', async () => {
    const { ctx, schoolId, ana } = await evaluationCore();
    const talk = await ok(ctx, 'planVisit', { date: '2026-11-02', startTime: '09:00', endTime: '10:00', schoolId, leaderIds: [ana], type: 'retention_conversation', evidenceKind: 'evaluative', purpose: 'Whether she stays next year' });
    await ok(ctx, 'finishVisit', { visitId: talk.id, outcome: 'done' });
    await ok(ctx, 'setVisitTags', { visitId: talk.id, tags: [{ frameworkId: PSEL, elementId: VISION }] });
    const note = await ok(ctx, 'createNote', { visitId: talk.id, body: 'She has an offer from another district.', evidenceKind: 'evaluative' });
    await ok(ctx, 'setNoteTags', { noteId: note.id, tags: [{ frameworkId: PSEL, elementId: VISION }] });
    const kept = await taggedNote(ctx, ana, '2026-10-20', 'Ana set a clear vision at the staff meeting.', 'evaluative', [VISION]);

    const cycle = await ok(ctx, 'startEvaluationCycle', { leaderId: ana });
    for (const includeCoaching of [false, true]) {
      const rollup = await ok(ctx, 'listRubricEvidence', { cycleId: cycle.id, includeCoaching });
      expect(rollup.find((r) => r.elementId === VISION)!.items.map((i) => `${i.source}:${i.id}`)).toEqual([`note:${kept}`]);
    }
    expect(await dispatch(ctx, 'citeEvidence', { cycleId: cycle.id, elementId: VISION, source: 'note', sourceId: note.id })).toMatchObject({ ok: false, error: { field: 'sourceId' } });
    expect(await dispatch(ctx, 'citeEvidence', { cycleId: cycle.id, elementId: VISION, source: 'visit', sourceId: talk.id })).toMatchObject({ ok: false, error: { field: 'sourceId' } });
  });
});

describe('a locked support plan below the app', () => {
  it('refuses moving another next step into a locked cycle’s support plan by raw SQL', async () => {
    const { ctx, ana } = await evaluationCore();
    const { id: cycleId } = await ok(ctx, 'startEvaluationCycle', { leaderId: ana });
    const withArea = await ok(ctx, 'addEvaluationEntry', { cycleId, kind: 'growth_area', title: 'Delegating operations' });
    const areaId = withArea.entries.find((e) => e.kind === 'growth_area')!.id;
    await readyToLock(ctx, cycleId);
    await ok(ctx, 'lockEvaluation', { cycleId });
    const step = await ok(ctx, 'addNextStep', { leaderId: ana, description: 'Unrelated next step', owner: 'supervisor' });
    expect(() => ctx.db.prepare(`UPDATE action_items SET evaluation_entry_id = ? WHERE id = ?`).run(areaId, step.id)).toThrow(/locked/);
    // Following up an ordinary next step still works.
    expect((await ok(ctx, 'completeNextStep', { id: step.id, doneDate: '2026-11-23' })).doneDate).toBe('2026-11-23');
  });
});
