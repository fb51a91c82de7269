import { addDays } from 'date-fns/addDays';
import { parseISO } from 'date-fns/parseISO';
import { ENTRY_KIND_LABELS, type EntryKind, stageDueDate } from '../../../shared/evaluations/vocabulary';
import { isoDate } from '../../../shared/schoolYear';
import { getEvaluationTemplate, requireFramework } from '../services/evaluations/template';
import { count, type GenContext, stamp } from './context';
import { holdingsIn } from './district';
import { cycleTrail, yearEnd } from './evaluationYearEnd';
import { EVAL_GOALS, GROWTH_AREAS, STRENGTHS, STYLES } from './words';

/**
 * An evaluation cycle per principal on this supervisor's caseload per school year, from the
 * district's template: stages completed as the year went, goals, styles, strengths, a growth area
 * with a support-plan next step, the rubric, and the audit entry of each step as its service
 * writes it. Past years are rated with cited evidence, signed, acknowledged and locked
 * (evaluationYearEnd.ts).
 */
export function generateEvaluations(g: GenContext): void {
  const { db, r } = g;
  const template = getEvaluationTemplate(db);
  const framework = requireFramework(db, template.frameworkId);
  const elements = db.prepare(`SELECT element_id AS id, title FROM framework_elements WHERE framework_id = ? ORDER BY position`).all(framework.id) as { id: string; title: string }[];
  const s = {
    cycle: db.prepare(`INSERT INTO evaluation_cycles (leader_id, year_label, year_start, year_end, framework_id, framework_name, scale, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    stage: db.prepare(`INSERT INTO evaluation_stages (cycle_id, position, name, due_date, completed_date) VALUES (?, ?, ?, ?, ?)`),
    rating: db.prepare(`INSERT INTO evaluation_ratings (cycle_id, element_id, position, title, rating, rationale) VALUES (?, ?, ?, ?, ?, ?)`),
    entry: db.prepare(`INSERT INTO evaluation_entries (cycle_id, kind, title, detail, measure, target, entry_date, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    action: db.prepare(`INSERT INTO action_items (leader_id, description, owner, due_date, done_date, source, evaluation_entry_id, created_at)
      VALUES (?, ?, 'supervisor', ?, ?, 'evaluation', ?, ?)`),
  };
  const auditTrail = cycleTrail(g);
  const closeYear = yearEnd(g);
  for (const [y, year] of g.years.entries()) {
    const past = year.end < g.today;
    db.transaction(() => {
      for (const h of holdingsIn(g, y).filter((x) => x.mine && x.role === 'principal')) {
        const created = stamp(isoDate(addDays(parseISO(year.start), r.int(30, 60))));
        if (created.slice(0, 10) > g.today) continue;
        const id = Number(s.cycle.run(h.leaderId, year.label, year.start, year.end, framework.id, framework.name, JSON.stringify(template.scale), created, created).lastInsertRowid);
        count(g, 'evaluation_cycles');
        const trail = auditTrail();
        trail.add(created, 'started', { leader: h.name, schoolYear: year.label, framework: framework.name, stages: template.stages.length, scale: template.scale });
        template.stages.forEach((st, i) => {
          const due = stageDueDate(st, year.start);
          const day = isoDate(addDays(parseISO(due), r.int(-12, 4)));
          const completed = day < g.today && (past || r.chance(0.85)) ? day : null;
          s.stage.run(id, i + 1, st.name, due, completed);
          if (completed) trail.add(stamp(completed, '16:00'), 'stage completed', { stage: st.name, from: null, to: completed });
        });
        elements.forEach((e, i) => s.rating.run(id, e.id, i + 1, e.title, null, ''));
        const entry = (kind: EntryKind, title: string) => {
          const fields = { title, detail: '', measure: kind === 'goal' ? 'Quarterly evidence review' : '', target: '', byDate: null, ctaGoalId: null };
          trail.add(created, `${ENTRY_KIND_LABELS[kind].toLowerCase()} added`, fields);
          return Number(s.entry.run(id, kind, title, fields.detail, fields.measure, fields.target, null, created, created).lastInsertRowid);
        };
        entry('goal', r.pick(EVAL_GOALS));
        entry('style', r.pick(STYLES));
        entry('strength', r.pick(STRENGTHS));
        const growthArea = r.pick(GROWTH_AREAS);
        const growth = entry('growth_area', growthArea);
        const due = isoDate(addDays(parseISO(created.slice(0, 10)), 60));
        const action = 'Meet monthly on the support plan';
        s.action.run(h.leaderId, action, due, past || due < g.today ? due : null, growth, created);
        trail.add(created, 'support action added', { growthArea, action, owner: 'supervisor', due });
        if (past || due < g.today) trail.add(stamp(due, '17:00'), 'support action done', { growthArea, action, doneDate: due });
        count(g, 'action_items');
        if (past) closeYear(id, h, year, trail);
        trail.write(id);
      }
    })();
    g.progress(`evaluation cycles: school year ${year.label}`);
  }
}
