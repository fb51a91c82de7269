import { addDays } from 'date-fns/addDays';
import { parseISO } from 'date-fns/parseISO';
import { quarterRange, type Quarter } from '../../../shared/cta/vocabulary';
import { isoDate } from '../../../shared/schoolYear';
import { snapshotSummary } from '../services/cta/summary';
import { count, type GenContext, stamp } from './context';
import { CTA_ACTIONS, CTA_ADDENDA, CTA_GOALS, ILT_ROLES, REFLECTIONS } from './words';
import { personName } from './text';

const STATUSES = ['on_track', 'on_track', 'at_risk', 'off_track'] as const;

/** A value for a goal's measure, as a person would type it. */
function valueOf(g: GenContext, type: string, level: number): string {
  if (type === 'percentage') return String(Math.min(100, Math.max(0, Math.round(level))));
  if (type === 'number') return String(Math.round(level * 2));
  return `Level ${Math.min(4, Math.max(1, Math.round(level / 25)))}`;
}

/**
 * A CTA for each school year at each school on this supervisor's caseload: three or four goals
 * with action plans, and a check-in for every quarter that has ended (finalised, with the summary the real service snapshots,
 * a few with a later addendum) plus, sometimes, one still open for the current quarter.
 */
export function generateCta(g: GenContext): void {
  const { db, r } = g;
  const s = {
    plan: db.prepare(`INSERT INTO cta_plans (school_id, school_year_start, stage, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`),
    goal: db.prepare(`INSERT INTO cta_goals (plan_id, position, title, focus_area, measure, measure_type, unit, direction, data_source,
      baseline, benchmark, target, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    action: db.prepare(`INSERT INTO cta_actions (goal_id, description, owner, timeline, created_at) VALUES (?, ?, ?, ?, ?)`),
    checkin: db.prepare(`INSERT INTO cta_checkins (uid, plan_id, quarter, date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`),
    attendee: db.prepare(`INSERT INTO cta_attendees (checkin_id, position, name, role) VALUES (?, ?, ?, ?)`),
    update: db.prepare(`INSERT INTO cta_goal_updates (checkin_id, goal_id, value, value_date, value_source, status, working, barriers,
      reflection, adjustments, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    addendum: db.prepare(`INSERT INTO cta_addenda (uid, checkin_id, body, created_at) VALUES (?, ?, ?, ?)`),
    step: db.prepare(`INSERT INTO cta_next_steps (checkin_id, goal_id, description, owner, due_date, done_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
  };
  const uid = () => `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-a${r.hex(3)}-${r.hex(12)}`;
  for (const [y, year] of g.years.entries()) {
    db.transaction(() => {
      for (const school of g.schools.filter((x) => x.mine)) {
        const created = stamp(isoDate(addDays(parseISO(year.start), -60)));
        const current = y === g.years.length - 1;
        const planId = Number(s.plan.run(school.id, year.start, current ? 'fall_implementation' : 'winter_midyear', created, created).lastInsertRowid);
        count(g, 'cta_plans');
        const goals = [...CTA_GOALS].sort(() => r.next() - 0.5).slice(0, r.int(3, 4)).map((goal, i) => {
          const baseline = r.int(25, 60);
          const id = Number(s.goal.run(planId, i + 1, goal.title, goal.focus, goal.measure, goal.type, 'unit' in goal ? goal.unit : '',
            'direction' in goal ? goal.direction : 'increase', 'District dashboard', valueOf(g, goal.type, baseline),
            valueOf(g, goal.type, baseline + 8), valueOf(g, goal.type, baseline + 15), created, created).lastInsertRowid);
          for (let k = r.int(1, 2); k > 0; k--) s.action.run(id, r.pick(CTA_ACTIONS), r.pick(ILT_ROLES), 'Weekly through the year', created);
          count(g, 'cta_goals');
          return { id, type: goal.type, baseline };
        });
        for (const q of [1, 2, 3, 4] as Quarter[]) {
          const range = quarterRange(year.start, q);
          const date = isoDate(addDays(parseISO(range.start), r.int(20, 60)));
          const ended = range.end < g.today;
          if (!ended && !(date < g.today && r.chance(0.5))) break;
          const at = stamp(date, '16:00');
          const checkinId = Number(s.checkin.run(uid(), planId, q, date, at, at).lastInsertRowid);
          count(g, 'cta_checkins');
          for (let k = 0, n = r.int(3, 5); k < n; k++) s.attendee.run(checkinId, k + 1, personName(r).full, ILT_ROLES[k]);
          for (const goal of goals) {
            s.update.run(checkinId, goal.id, valueOf(g, goal.type, goal.baseline + q * r.int(0, 4)), date, 'District dashboard', r.pick(STATUSES),
              'Teams meet weekly on the data.', 'Planning time keeps getting cancelled.', r.pick(REFLECTIONS), '', at);
          }
          s.step.run(checkinId, r.pick(goals).id, r.pick(CTA_ACTIONS), r.pick(ILT_ROLES), range.end, ended ? range.end : null, at);
          if (!ended) continue;
          snapshotSummary(g.core, checkinId, stamp(date, '17:00'));
          // Now and then the team corrects or adds to the record afterwards: only addenda can.
          const later = isoDate(addDays(parseISO(date), r.int(3, 30)));
          if (r.chance(0.1) && later <= g.today) {
            s.addendum.run(uid(), checkinId, r.pick(CTA_ADDENDA), stamp(later, '18:00'));
            count(g, 'cta_addenda');
          }
        }
      }
    })();
    g.progress(`CTA plans and check-ins: school year ${year.label}`);
  }
}
