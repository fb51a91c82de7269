import { addDays } from 'date-fns/addDays';
import { getDay } from 'date-fns/getDay';
import { parseISO } from 'date-fns/parseISO';
import { RETENTION_FACTORS, type Intent, type RetentionFactor, type RiskLevel } from '../../../shared/retention/vocabulary';
import { isoDate } from '../../../shared/schoolYear';
import type { CoreContext } from '../context';
import { completeNextStep } from '../services/visits/nextSteps';
import { completeFollowUp, recordConversation } from '../services/retention/conversations';
import { saveCandidate } from '../services/retention/succession';
import { count, type GenContext, type Holding } from './context';
import type { Random } from './random';
import { CONVERSATION_NOTES, EXIT_NOTES, HELPS, RISK_REASONS, SUCCESSOR_NOTES, SUPPORT_ACTIONS, THREATS } from './retentionWords';

/** Workload comes up most, then career growth; "other" rarely. */
const FACTOR_WEIGHTS: RetentionFactor[] = ['workload', 'workload', 'workload', 'career_growth', 'career_growth', 'district_support', 'school_context', 'family', 'compensation', 'other'];
const INTENT: Record<RiskLevel, Intent> = { low: 'likely', medium: 'unsure', high: 'unlikely' };
const LEVELS: RiskLevel[] = ['low', 'medium', 'high'];

/** Something the supervisor did on a day, run through the real service as of that day. */
interface Event { date: string; seq: number; run: (ctx: CoreContext) => void }

/** A weekday on or after the day `days` into the school year. */
function schoolDay(start: string, days: number): string {
  let d = addDays(parseISO(start), days);
  while (getDay(d) === 0 || getDay(d) === 6) d = addDays(d, 1);
  return isoDate(d);
}

const later = (date: string, days: number) => isoDate(addDays(parseISO(date), days));
const clamp = (d: string, lo: string, hi: string) => (d < lo ? lo : d > hi ? hi : d);

function factorsOf(r: Random): RetentionFactor[] {
  const chosen = new Set<RetentionFactor>();
  for (let k = r.int(1, 3); k > 0; k--) chosen.add(r.pick(FACTOR_WEIGHTS));
  return RETENTION_FACTORS.filter((f) => chosen.has(f));
}

/** The year's risk: mostly the leader's usual level, sometimes a step either way. */
function drift(r: Random, base: RiskLevel): RiskLevel {
  if (r.chance(0.85)) return base;
  return LEVELS[Math.max(0, Math.min(2, LEVELS.indexOf(base) + (r.chance(0.5) ? 1 : -1)))];
}

interface Planned { date: string; kind: 'stay' | 'check_in' | 'exit'; level: RiskLevel; judged: boolean }

/** The conversations with one leader over the years they hold their post, in date order. */
function planConversations(g: GenContext, h: Holding): Planned[] {
  const { r } = g;
  const base: RiskLevel = r.next() < 0.8 ? 'low' : r.next() < 0.7 ? 'medium' : 'high';
  const out: Planned[] = [];
  let judged: RiskLevel | null = null;
  for (let y = h.fromYear; y <= h.toYear; y++) {
    const { start } = g.years[y];
    const leaving = y === h.toYear && y < g.years.length - 1;
    const level = leaving ? 'high' : drift(r, base);
    const year: Planned[] = [{ date: schoolDay(start, r.int(30, 150)), kind: 'stay', level: leaving ? 'medium' : level, judged: true }];
    if (leaving || r.chance({ low: 0.4, medium: 0.8, high: 1 }[level])) year.push({ date: schoolDay(start, r.int(150, 240)), kind: 'check_in', level, judged: false });
    if (leaving) year.push({ date: schoolDay(start, r.int(300, 335)), kind: 'exit', level: 'high', judged: true });
    else if (level === 'high' && r.chance(0.6)) year.push({ date: schoolDay(start, r.int(270, 320)), kind: 'check_in', level, judged: false });
    for (const p of year) {
      if (p.date > g.today) break;
      // A judgement goes with each stay conversation and exit, and whenever the level changed.
      p.judged = p.judged || p.level !== judged;
      if (p.judged) judged = p.level;
      out.push(p);
    }
  }
  return out;
}

/**
 * Retention conversations with this supervisor's own principals and assistant principals: a stay
 * conversation each school year, check-ins more often for leaders at risk, an exit conversation
 * with a leader who leaves (the turnover district.ts modelled), risk judgements, plans of support,
 * follow-ups (held, open, a few overdue), and possible successors per school. Each change goes
 * through the real service as of its day, in date order, so the rows, the follow-ups a later
 * conversation closes and the audit trail are what the app itself would have written.
 */
export function generateRetention(g: GenContext): void {
  const { r } = g;
  const events: Event[] = [];
  const at = (date: string, run: Event['run']) => events.push({ date, seq: events.length, run });
  for (const h of g.holdings.filter((x) => x.mine && x.role !== 'aspiring')) {
    const planned = planConversations(g, h);
    planned.forEach((p, i) => {
      const next = planned[i + 1]?.date ?? null;
      const factors = p.kind === 'exit' ? [r.pick(FACTOR_WEIGHTS)] : factorsOf(r);
      const followUp = p.kind !== 'exit' && r.chance(0.85) ? later(p.date, r.int(21, 60)) : null;
      const actions = p.level === 'low' || p.kind === 'exit' ? [] : Array.from({ length: r.int(1, 2) }, () => ({
        description: r.pick(SUPPORT_ACTIONS), owner: r.chance(0.75) ? 'supervisor' as const : 'leader' as const, dueDate: later(p.date, r.int(14, 45)),
      }));
      const conversation = { id: 0 };
      at(p.date, (ctx) => {
        conversation.id = recordConversation(ctx, {
          leaderId: h.leaderId, date: p.date, kind: p.kind, intent: p.kind === 'exit' ? 'leaving' : p.kind === 'check_in' && r.chance(0.3) ? null : INTENT[p.level],
          factors, threats: factors.map((f) => r.pick(THREATS[f])).join(' '), wouldHelp: p.kind === 'exit' ? '' : r.pick(HELPS[factors[0]]),
          notes: p.kind === 'exit' ? r.pick(EXIT_NOTES) : r.pick(CONVERSATION_NOTES), followUpDate: followUp,
          risk: p.judged ? { level: p.level, reason: p.kind === 'exit' ? 'Leaving at the end of the school year' : r.pick(RISK_REASONS[p.level]) } : null,
          actions,
        }).id;
        count(g, 'retention_conversations');
        if (p.judged) count(g, 'retention_risk');
        count(g, 'action_items', actions.length);
      });
      // A later conversation closes an open follow-up itself; before it, most are held on time.
      // The newest conversation's follow-up: nearly always held once long due, often still open when recent.
      const held = followUp && clamp(later(followUp, r.int(-3, 4)), later(p.date, 1), g.today);
      const heldChance = next ? 0.8 : followUp && followUp < later(g.today, -21) ? 0.9 : 0.5;
      if (held && followUp <= g.today && (!next || held < next) && r.chance(heldChance)) {
        at(held, (ctx) => completeFollowUp(ctx, conversation.id, held));
      }
      actions.forEach((a, k) => {
        const done = clamp(later(a.dueDate, r.int(-10, 2)), p.date, g.today);
        const settled = a.dueDate < later(g.today, -30);
        if (!r.chance(settled ? 0.97 : a.dueDate < g.today ? 0.6 : 0.2)) return;
        at(done, (ctx) => {
          const id = ctx.db.prepare(`SELECT id FROM action_items WHERE retention_conversation_id = ? ORDER BY id LIMIT 1 OFFSET ?`).pluck().get(conversation.id, k) as number;
          completeNextStep(ctx, id, done);
        });
      });
    });
  }
  planSuccession(g, at);
  events.sort((a, b) => a.date.localeCompare(b.date) || a.seq - b.seq);
  g.db.transaction(() => {
    for (const e of events) e.run({ ...g.core, now: () => new Date(`${e.date}T16:00:00`) });
  })();
  g.progress(`retention: ${g.counts.retention_conversations ?? 0} conversations`);
}

/** Possible successors: at about half of the caseload's schools, one or two aspiring leaders still in the district. */
function planSuccession(g: GenContext, at: (date: string, run: Event['run']) => void): void {
  const { r } = g;
  const last = g.years.length - 1;
  const aspiring = g.holdings.filter((h) => h.role === 'aspiring' && h.toYear === last);
  if (aspiring.length === 0) return;
  const from = g.years[Math.max(0, last - 1)].start;
  for (const school of g.schools.filter((s) => s.mine)) {
    if (!r.chance(0.5)) continue;
    const near = aspiring.filter((a) => a.schoolId === school.id);
    const picks = new Set([near.length && r.chance(0.7) ? r.pick(near) : r.pick(aspiring), ...(r.chance(0.3) ? [r.pick(aspiring)] : [])]);
    for (const a of picks) {
      const named = clamp(later(from, r.int(30, 300)), from, g.today);
      const readiness = r.pick(['ready_now', 'ready_soon', 'ready_soon', 'developing', 'developing'] as const);
      const note = r.pick(SUCCESSOR_NOTES);
      at(named, (ctx) => {
        saveCandidate(ctx, { schoolId: school.id, leaderId: a.leaderId, readiness, note });
        count(g, 'succession_candidates');
      });
      // Some grow into the role: readiness raised later.
      const raised = later(named, r.int(60, 200));
      if (readiness !== 'ready_now' && raised <= g.today && r.chance(0.3)) {
        at(raised, (ctx) => saveCandidate(ctx, { schoolId: school.id, leaderId: a.leaderId, readiness: readiness === 'developing' ? 'ready_soon' : 'ready_now', note }));
      }
    }
  }
}
