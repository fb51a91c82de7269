import { parseISO } from 'date-fns';
import type { CoreContext } from '../../electron/core/context';
import { syncBuiltinFrameworks } from '../../electron/core/services/settings/frameworks';
import { WRITE_UP_SECTIONS } from '../../shared/evaluations/vocabulary';
import { memoryCore, ok, PROFILE } from './helpers';

export const PSEL = 'psel-2015';
export const VISION = 'mission-vision-core-values';
export const IMPROVEMENT = 'school-improvement';

/** A supervisor, a school with a principal (Ana) and an assistant principal (Ben), and the shipped frameworks. */
export async function evaluationCore(day = '2026-11-23') {
  const ctx = memoryCore(day);
  syncBuiltinFrameworks(ctx);
  await ok(ctx, 'saveSettings', PROFILE);
  const schoolId = (await ok(ctx, 'addSchool', { name: 'Mesa Middle', level: 'middle', needTier: 'high' })).id;
  const ana = (await ok(ctx, 'addLeader', { name: 'Ana Vega', role: 'principal', schoolId, roleStartDate: '2020-08-01', assignment: { supportTier: 'standard' } })).id;
  const ben = (await ok(ctx, 'addLeader', { name: 'Ben Cho', role: 'assistant_principal', schoolId, roleStartDate: '2020-08-01', assignment: { supportTier: 'standard' } })).id;
  return { ctx, schoolId, ana, ben };
}

export const setDay = (ctx: CoreContext, day: string) => (ctx.now = () => parseISO(`${day}T10:00:00`));

/** A note about a leader, written on `day`, of the given kind, tagged with PSEL elements. */
export async function taggedNote(ctx: CoreContext, leaderId: number, day: string, body: string, kind: 'coaching' | 'evaluative', elements: string[]) {
  const now = ctx.now;
  setDay(ctx, day);
  const note = await ok(ctx, 'createNote', { leaderId, body, evidenceKind: kind });
  ctx.now = now;
  await ok(ctx, 'setNoteTags', { noteId: note.id, tags: elements.map((elementId) => ({ frameworkId: PSEL, elementId })) });
  return note.id;
}

/** Rate every row, write every section: what signing needs. */
export async function completeWriteUp(ctx: CoreContext, cycleId: number) {
  const e = await ok(ctx, 'getEvaluation', { cycleId });
  for (const row of e.rubric) await ok(ctx, 'rateElement', { cycleId, elementId: row.elementId, rating: 3 });
  for (const section of WRITE_UP_SECTIONS) await ok(ctx, 'saveWriteUp', { cycleId, section, text: `The ${section} of the year.` });
}

/** Started, written, signed and acknowledged: ready to lock. */
export async function readyToLock(ctx: CoreContext, cycleId: number) {
  await completeWriteUp(ctx, cycleId);
  await ok(ctx, 'signEvaluation', { cycleId, name: 'Robin Diaz' });
  await ok(ctx, 'acknowledgeEvaluation', { cycleId, name: 'Ana Vega', date: '2026-11-23', comment: '' });
}

/** An open cycle for leader 1 and a locked one for leader 2: for tests that throw every call at a busy Fieldbook. */
export async function evaluationsUnderWay(ctx: CoreContext) {
  await ok(ctx, 'startEvaluationCycle', { leaderId: 1 });
  const locked = await ok(ctx, 'startEvaluationCycle', { leaderId: 2 });
  await readyToLock(ctx, locked.id);
  await ok(ctx, 'lockEvaluation', { cycleId: locked.id });
}
