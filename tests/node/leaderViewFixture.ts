import { parseISO } from 'date-fns';
import type { CoreContext } from '../../electron/core/context';
import { openDatabase } from '../../electron/core/db/connection';
import { syncBuiltinFrameworks } from '../../electron/core/services/settings/frameworks';
import { WRITE_UP_SECTIONS } from '../../shared/evaluations/vocabulary';
import type { DistrictDb } from '../../district/db/connection';
import { ingestFolder } from '../../district/ingest';
import { deliver } from './exportsFixture';
import { insertVisit, ok, tempDir } from './helpers';

/**
 * A district that two supervisors' Fieldbooks have sent to, through the app's own services, sync
 * worker and folder targets, then `ingest`: everything the leader tracking view shows comes from
 * real packages. Today is 2026-11-23, in Q2 of 2026–27.
 *
 * Jordan Ellis (the demo district) consents to named retention records. This year: check-ins at
 * Lincoln Park in Q1 and Q2 with its attendance goal off track at both, a Q2 check-in at Cedar
 * Grove, Marisol Vega's evaluation locked, Darnell Brooks's cycle started and behind, a week of
 * visits, the roster (with each cycle's stages) and a retention summary in which Marisol is high
 * risk with Leah Goldberg named as Cedar Grove's successor.
 *
 * Sam Okafor sends counts only. The demo district again, every person and school renamed (other
 * people, other schools): a roster last school year and one this year without Talia Brooks, who
 * has left with no successor; a Q2 check-in, a locked evaluation, a week of visits, a summary.
 */
export const TODAY = '2026-11-23';
export const JORDAN = { supervisorName: 'Jordan Ellis', supervisorEmail: 'jordan.ellis@riverbend.example' };
export const SAM = { supervisorName: 'Sam Okafor', supervisorEmail: 'sam.okafor@riverbend.example' };

/** The demo's leaders, and who they are in Sam's district. */
export const JORDAN_LEADERS = ['Marisol Vega', 'Darnell Brooks', 'Anh Nguyen', 'Patricia Okafor', 'Samuel Reyes', 'Keisha Thompson', 'Owen Castillo', 'Leah Goldberg'];
export const SAM_LEADERS = ['Imani Carter', 'Rafael Ortiz', 'Grace Lindqvist', 'Talia Brooks', 'Élodie Ibarra', 'Mina Sato', 'Jonah Pierce', 'Ruth Adeyemi'];
const SAM_SCHOOLS: [string, string][] = [
  ['Cedar Grove Elementary', 'Northgate Elementary'], ['Lincoln Park Elementary', 'Willow Creek Elementary'], ['Mesa Verde Middle School', 'Summit Middle School'],
  ['Harbor View Middle School', 'Bayside Middle School'], ['Riverbend High School', 'Northside High School'], ['Juniper Academy (K–8)', 'Pinecrest Academy (K–8)'],
];

interface Supervisor {
  ctx: CoreContext;
  clock: { today: string };
  leader: (name: string) => number;
  school: (name: string) => number;
}

/** A supervisor's Fieldbook (in memory unless a core's context is given) with the demo district and their profile. */
async function supervisor(profile: { supervisorName: string; supervisorEmail: string }, ctx: CoreContext = { db: openDatabase(':memory:'), now: () => new Date(), dataDir: ':memory:', mode: 'browser' }): Promise<Supervisor> {
  const clock = { today: TODAY };
  ctx.now = () => parseISO(`${clock.today}T10:00:00`);
  syncBuiltinFrameworks(ctx);
  await ok(ctx, 'loadDemoData');
  await ok(ctx, 'saveSettings', { ...profile, district: 'Riverbend Unified School District', targetRatio: 5, schoolYearStartMonth: 7 });
  return {
    ctx, clock,
    leader: (name) => ctx.db.prepare(`SELECT id FROM leaders WHERE name = ?`).pluck().get(name) as number,
    school: (name) => ctx.db.prepare(`SELECT id FROM schools WHERE name = ?`).pluck().get(name) as number,
  };
}

async function checkIn(s: Supervisor, schoolName: string, date: string, statuses: ('on_track' | 'at_risk' | 'off_track')[], attendee: string): Promise<void> {
  const plan = (await ok(s.ctx, 'getCtaPlan', { schoolId: s.school(schoolName) }))!;
  const c = await ok(s.ctx, 'openCtaCheckIn', { planId: plan.id, date });
  await ok(s.ctx, 'saveCtaAttendees', { checkinId: c.id, attendees: [{ name: attendee, role: 'Principal' }] });
  for (const [i, g] of c.goals.entries()) await ok(s.ctx, 'saveCtaGoalUpdate', { checkinId: c.id, goalId: g.id, value: String(40 + i), status: statuses[i % statuses.length] });
  await ok(s.ctx, 'finaliseCtaCheckIn', { checkinId: c.id });
}

async function lockEvaluation(s: Supervisor, leaderName: string, rating: number): Promise<void> {
  const cycleId = (await ok(s.ctx, 'startEvaluationCycle', { leaderId: s.leader(leaderName) })).id;
  const e = await ok(s.ctx, 'getEvaluation', { cycleId });
  for (const stage of e.stages) await ok(s.ctx, 'completeEvaluationStage', { stageId: stage.id, date: TODAY });
  for (const row of e.rubric) await ok(s.ctx, 'rateElement', { cycleId, elementId: row.elementId, rating });
  for (const section of WRITE_UP_SECTIONS) await ok(s.ctx, 'saveWriteUp', { cycleId, section, text: `The ${section} of the year.` });
  const name = (s.ctx.db.prepare(`SELECT supervisor_name FROM settings`).pluck().get() as string);
  await ok(s.ctx, 'signEvaluation', { cycleId, name });
  await ok(s.ctx, 'acknowledgeEvaluation', { cycleId, name: leaderName, date: TODAY, comment: '' });
  await ok(s.ctx, 'lockEvaluation', { cycleId });
}

/** A target that may receive retention, so a summary can be queued; the real targets come at delivery. */
async function queueRetention(s: Supervisor): Promise<void> {
  const placeholder = await ok(s.ctx, 'saveSyncTarget', { kind: 'folder', name: 'placeholder', enabled: true, folder: '/', retentionConsent: 'counts' });
  await ok(s.ctx, 'queueRetentionSnapshot');
  await ok(s.ctx, 'removeSyncTarget', { targetId: placeholder.id });
}

/** A goal title a spreadsheet would run as a formula, as someone might type it: CSVs must neutralise it. */
export const FORMULA_TITLE = '=HYPERLINK("http://example.invalid","attendance")';

export async function jordansFieldbook(ctx?: CoreContext): Promise<Supervisor> {
  const s = await supervisor(JORDAN, ctx);
  s.ctx.db.prepare(`UPDATE cta_goals SET title = ? WHERE title = 'Fewer chronically absent students' AND plan_id IN (SELECT id FROM cta_plans WHERE school_id = ?)`)
    .run(FORMULA_TITLE, s.school('Cedar Grove Elementary'));
  await checkIn(s, 'Lincoln Park Elementary', '2026-09-24', ['off_track', 'on_track', 'at_risk'], 'Darnell Brooks');
  await checkIn(s, 'Lincoln Park Elementary', '2026-11-19', ['off_track', 'on_track', 'on_track'], 'Darnell Brooks');
  await checkIn(s, 'Cedar Grove Elementary', '2026-11-20', ['on_track', 'at_risk', 'off_track'], 'Marisol Vega');
  await lockEvaluation(s, 'Marisol Vega', 3);
  const behind = (await ok(s.ctx, 'startEvaluationCycle', { leaderId: s.leader('Darnell Brooks') })).id;
  const first = (await ok(s.ctx, 'getEvaluation', { cycleId: behind })).stages[0];
  await ok(s.ctx, 'completeEvaluationStage', { stageId: first.id, date: '2026-09-15' });
  insertVisit(s.ctx, { schoolId: s.school('Cedar Grove Elementary'), date: '2026-11-17', leaders: [s.leader('Marisol Vega')], purpose: 'Walkthrough debrief', focus: 'Small groups' });
  insertVisit(s.ctx, { schoolId: s.school('Lincoln Park Elementary'), date: '2026-11-18', start: '13:00', end: '15:30', leaders: [s.leader('Darnell Brooks')], purpose: 'ILT' });
  insertVisit(s.ctx, { schoolId: s.school('Riverbend High School'), date: '2026-11-19', leaders: [s.leader('Owen Castillo')], status: 'cancelled', purpose: 'Debrief' });
  await ok(s.ctx, 'queueVisitLog', { weekOf: '2026-11-16' });
  await ok(s.ctx, 'recordRetentionConversation', {
    leaderId: s.leader('Marisol Vega'), date: '2026-11-20', kind: 'stay', intent: 'unsure', factors: ['workload'], threats: 'Evenings lost to the schedule.',
    wouldHelp: 'Protected time.', notes: '', followUpDate: '2026-12-04', risk: { level: 'high', reason: 'Stretched thin' },
  });
  await ok(s.ctx, 'saveSuccessionCandidate', { schoolId: s.school('Cedar Grove Elementary'), leaderId: s.leader('Leah Goldberg'), readiness: 'ready_now', note: '' });
  await ok(s.ctx, 'queueCaseloadRoster');
  await queueRetention(s);
  return s;
}

export async function samsFieldbook(ctx?: CoreContext): Promise<Supervisor> {
  const s = await supervisor(SAM, ctx);
  JORDAN_LEADERS.forEach((name, i) => s.ctx.db.prepare(`UPDATE leaders SET name = ?, email = ? WHERE name = ?`)
    .run(SAM_LEADERS[i], `${SAM_LEADERS[i].normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(' ', '.')}@northside.k12.example`, name));
  SAM_SCHOOLS.forEach(([from, to], i) => s.ctx.db.prepare(`UPDATE schools SET name = ?, district_code = ? WHERE name = ?`).run(to, `NS-${500 + i}`, from));
  // Last school year's roster, with Talia Brooks still on it.
  s.clock.today = '2025-11-20';
  await ok(s.ctx, 'queueCaseloadRoster');
  s.clock.today = TODAY;
  await ok(s.ctx, 'unassignLeader', { leaderId: s.leader('Talia Brooks') });
  await checkIn(s, 'Northgate Elementary', '2026-11-12', ['on_track', 'on_track', 'at_risk'], 'Imani Carter');
  await lockEvaluation(s, 'Imani Carter', 2);
  insertVisit(s.ctx, { schoolId: s.school('Northgate Elementary'), date: '2026-11-10', leaders: [s.leader('Imani Carter')], purpose: 'Walkthrough' });
  await ok(s.ctx, 'queueVisitLog', { weekOf: '2026-11-09' });
  await ok(s.ctx, 'recordRetentionConversation', {
    leaderId: s.leader('Rafael Ortiz'), date: '2026-11-21', kind: 'stay', intent: 'leaving', factors: ['family'], threats: 'Moving away.', wouldHelp: '', notes: '',
    followUpDate: null, risk: { level: 'high', reason: 'Family move' },
  });
  await ok(s.ctx, 'queueCaseloadRoster');
  await queueRetention(s);
  return s;
}

/** Both supervisors' exports, delivered to folders with their consent and loaded into the district database. */
export async function loadTwoSupervisors(db: DistrictDb): Promise<{ jordan: Supervisor; sam: Supervisor }> {
  const [jordan, sam] = [await jordansFieldbook(), await samsFieldbook()];
  const quarantineRoot = tempDir();
  for (const [s, consent] of [[jordan, 'named'], [sam, 'counts']] as const) {
    const folder = tempDir();
    await deliver(s.ctx, { [folder]: consent });
    const { counts } = await ingestFolder(db, folder, { channel: 'ingest', quarantineRoot });
    if (counts.quarantined) throw new Error(`${counts.quarantined} packages were quarantined`);
  }
  return { jordan, sam };
}
