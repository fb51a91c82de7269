import type { CoreContext } from '../../electron/core/context';
import { openDatabase } from '../../electron/core/db/connection';
import { syncBuiltinFrameworks } from '../../electron/core/services/settings/frameworks';
import { startSyncWorker } from '../../electron/core/sync/worker';
import type { RetentionConsent } from '../../shared/retention/vocabulary';
import { WRITE_UP_SECTIONS } from '../../shared/evaluations/vocabulary';
import { parseISO } from 'date-fns';
import { insertVisit, ok } from './helpers';

/**
 * A supervisor's Fieldbook (the demo district) that has queued one export of every kind through
 * the app's own services: a finalised CTA check-in and an addendum to it, an evaluation locked,
 * unlocked and locked again (two revisions), a weekly visit log, the caseload roster and a
 * retention summary. Coaching notes carry MARKER, which must never leave the laptop.
 */
export const COACHING_MARKER = 'never-leaves-the-laptop';

export interface Supervisor {
  ctx: CoreContext;
  ids: Record<'checkin' | 'addendum' | 'evaluation' | 'evaluation2' | 'visitLog' | 'roster' | 'retention', string>;
}

export async function supervisorWithExports(
  profile = { supervisorName: 'Jordan Ellis', supervisorEmail: 'jordan.ellis@riverbend.example' }, today = '2026-11-23',
  ctx: CoreContext = { db: openDatabase(':memory:'), now: () => parseISO(`${today}T08:00:00`), dataDir: ':memory:', mode: 'browser' },
): Promise<Supervisor> {
  ctx.now = () => parseISO(`${today}T08:00:00`);
  // Each export is made a few minutes after the one before, as a day's work would make them.
  const at = (time: string) => (ctx.now = () => parseISO(`${today}T${time}:00`));
  syncBuiltinFrameworks(ctx);
  await ok(ctx, 'loadDemoData');
  await ok(ctx, 'saveSettings', { ...profile, district: 'Riverbend Unified School District', targetRatio: 5, schoolYearStartMonth: 7 });
  const leader = (name: string) => ctx.db.prepare(`SELECT id FROM leaders WHERE name = ?`).pluck().get(name) as number;
  const school = (name: string) => ctx.db.prepare(`SELECT id FROM schools WHERE name = ?`).pluck().get(name) as number;
  const marisol = leader('Marisol Vega');
  const cedar = school('Cedar Grove Elementary');
  await ok(ctx, 'createNote', { leaderId: marisol, body: `Coaching: ${COACHING_MARKER}, she is worried about the master schedule.`, evidenceKind: 'coaching' });

  // A CTA check-in held this quarter, finalised, then amended.
  const plan = (await ok(ctx, 'getCtaPlan', { schoolId: cedar }))!;
  const c = await ok(ctx, 'openCtaCheckIn', { planId: plan.id, date: '2026-11-20' });
  await ok(ctx, 'saveCtaAttendees', { checkinId: c.id, attendees: [{ name: 'Marisol Vega', role: 'Principal' }, { name: 'Dana Ruiz', role: 'Grade 3 lead' }] });
  for (const [i, g] of c.goals.entries()) await ok(ctx, 'saveCtaGoalUpdate', { checkinId: c.id, goalId: g.id, value: String(40 + i), status: (['on_track', 'at_risk', 'off_track'] as const)[i % 3] });
  at('09:00');
  await ok(ctx, 'finaliseCtaCheckIn', { checkinId: c.id });
  at('09:10');
  await ok(ctx, 'addCtaAddendum', { checkinId: c.id, body: 'The attendance figure was corrected by the district office.' });

  // An evaluation locked, unlocked and locked again.
  const cycleId = (await ok(ctx, 'startEvaluationCycle', { leaderId: marisol })).id;
  const e = await ok(ctx, 'getEvaluation', { cycleId });
  for (const row of e.rubric) await ok(ctx, 'rateElement', { cycleId, elementId: row.elementId, rating: 3 });
  for (const section of WRITE_UP_SECTIONS) await ok(ctx, 'saveWriteUp', { cycleId, section, text: `The ${section} of the year.` });
  await ok(ctx, 'signEvaluation', { cycleId, name: profile.supervisorName });
  await ok(ctx, 'acknowledgeEvaluation', { cycleId, name: 'Marisol Vega', date: today, comment: '' });
  at('09:20');
  await ok(ctx, 'lockEvaluation', { cycleId });
  await ok(ctx, 'unlockEvaluation', { cycleId, reason: 'The acknowledgement date was wrong' });
  at('09:30');
  await ok(ctx, 'lockEvaluation', { cycleId });

  // A week of visits, the roster, a retention conversation.
  insertVisit(ctx, { schoolId: cedar, date: '2026-11-17', leaders: [marisol], purpose: 'Walkthrough debrief', focus: 'Small groups' });
  insertVisit(ctx, { schoolId: school('Riverbend High School'), date: '2026-11-18', leaders: [leader('Samuel Reyes'), leader('Owen Castillo')], status: 'cancelled', purpose: 'ILT' });
  at('09:40');
  const visitLog = (await ok(ctx, 'queueVisitLog', { weekOf: '2026-11-16' })).id;
  at('09:50');
  const roster = (await ok(ctx, 'queueCaseloadRoster')).id;
  await ok(ctx, 'recordRetentionConversation', {
    leaderId: marisol, date: '2026-11-20', kind: 'stay', intent: 'unsure', factors: ['workload'], threats: 'Evenings lost to the schedule.', wouldHelp: 'Protected time.', notes: '',
    followUpDate: '2026-12-04', risk: { level: 'high', reason: 'Stretched thin' },
  });
  // Retention is queued only while a target may receive it: a placeholder target that is then removed.
  const placeholder = await ok(ctx, 'saveSyncTarget', { kind: 'folder', name: 'placeholder', enabled: true, folder: '/', retentionConsent: 'counts' });
  at('10:00');
  const retention = (await ok(ctx, 'queueRetentionSnapshot')).id;
  await ok(ctx, 'removeSyncTarget', { targetId: placeholder.id });

  const id = (kind: string) => ctx.db.prepare(`SELECT id FROM outbox WHERE kind = ? ORDER BY rowid`).pluck().all(kind) as string[];
  const [evaluation, evaluation2] = id('evaluation');
  return { ctx, ids: { checkin: id('cta_checkin')[0], addendum: id('cta_checkin_addendum')[0], evaluation, evaluation2, visitLog, roster, retention } };
}

/**
 * Deliver everything queued through the app's own sync worker to folder targets, each with its
 * retention consent; the targets stay, so later exports go to them too.
 */
export async function deliver(ctx: CoreContext, folders: Record<string, RetentionConsent>): Promise<void> {
  const known = (await ok(ctx, 'getSyncOverview')).targets.map((t) => t.location);
  for (const [folder, consent] of Object.entries(folders)) {
    if (!known.includes(folder)) await ok(ctx, 'saveSyncTarget', { kind: 'folder', name: `Folder ${folder}`, enabled: true, folder, retentionConsent: consent === 'none' ? undefined : consent });
  }
  const worker = startSyncWorker(ctx, { manual: true });
  for (let pass = 0; pass < 100 && (await ok(ctx, 'getStatus')).exportsWaiting > 0; pass++) await worker.runOnce();
  await worker.stop();
}
