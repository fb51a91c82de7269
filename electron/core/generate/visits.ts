import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { getDay } from 'date-fns/getDay';
import { parseISO } from 'date-fns/parseISO';
import { isoDate } from '../../../shared/schoolYear';
import type { SupportTier, VisitStatus, VisitType } from '../../../shared/vocabulary';
import { count, type GenContext, type Holding, stamp } from './context';
import { holdingsIn } from './district';
import { fill, noteBody } from './text';
import { FOCUSES, NEXT_STEPS, PURPOSES, REASONS, TOPICS } from './words';

/** About 24 visits a leader a year on average, more for leaders who need more support. */
const VISITS_PER_YEAR: Record<SupportTier, number> = { intensive: 32, targeted: 26, standard: 20 };
const TYPES: VisitType[] = ['side_by_side', 'side_by_side', 'side_by_side', 'walkthrough', 'walkthrough', 'meeting_observation',
  'meeting_observation', 'evaluation_observation', 'other'];
/** Planned visits are generated this far ahead of today. */
const PLAN_AHEAD_DAYS = 28;

/** Visits and quick notes written per transaction. */
const BATCH = 2000;

interface Planned { date: string; h: Holding; quick: boolean }

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * Visits, coaching notes, framework tags and next steps for every holding, in batches of
 * transactions. Rows go in through plain INSERTs, so migration 004's triggers index every note
 * and visit for search in the same transaction.
 */
export function generateVisits(g: GenContext): void {
  const { db, r } = g;
  const s = {
    visit: db.prepare(`INSERT INTO visits (school_id, date, start_time, end_time, type, purpose, focus, evidence_kind, status, status_reason,
      evidence, started_at, finished_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    visitLeader: db.prepare(`INSERT INTO visit_leaders (visit_id, leader_id) VALUES (?, ?)`),
    note: db.prepare(`INSERT INTO notes (visit_id, leader_id, body, evidence_kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`),
    noteTag: db.prepare(`INSERT OR IGNORE INTO tags (note_id, framework_id, element_id, created_at) VALUES (?, ?, ?, ?)`),
    visitTag: db.prepare(`INSERT OR IGNORE INTO tags (visit_id, framework_id, element_id, created_at) VALUES (?, ?, ?, ?)`),
    step: db.prepare(`INSERT INTO action_items (leader_id, description, owner, due_date, done_date, source, visit_id, created_at)
      VALUES (?, ?, ?, ?, ?, 'visit', ?, ?)`),
  };
  const horizon = isoDate(addDays(parseISO(g.today), PLAN_AHEAD_DAYS));
  const tag = (stmt: typeof s.noteTag, id: number, at: string, max: number) => {
    for (let i = r.int(0, max); i > 0; i--) {
      const e = r.pick(g.elements);
      stmt.run(id, e.frameworkId, e.elementId, at);
      count(g, 'tags');
    }
  };

  /** The days of a holding's visits and quick notes in school year y. */
  const planYear = (h: Holding, y: number, into: Planned[]) => {
    const year = g.years[y];
    // Visits run from a few weeks into the year to the week before it ends, on weekdays.
    const first = addDays(parseISO(year.start), 35);
    const span = differenceInCalendarDays(parseISO(year.end), first) - 20;
    const n = VISITS_PER_YEAR[h.tier] + r.int(-3, 3);
    for (let i = 0; i < n; i++) {
      let day = addDays(first, Math.floor(((i + r.next()) * span) / n));
      while (getDay(day) === 0 || getDay(day) === 6) day = addDays(day, 1);
      const date = isoDate(day);
      if (date > horizon) break;
      into.push({ date, h, quick: false });
    }
    // Quick notes about the leader between visits.
    for (let k = r.int(1, 5); k > 0; k--) {
      const date = isoDate(addDays(first, r.int(0, span)));
      if (date < g.today) into.push({ date, h, quick: true });
    }
  };

  const quickNote = ({ date, h }: Planned) => {
    const at = stamp(date, '21:30');
    s.note.run(null, h.leaderId, noteBody(r, h.firstName), 'coaching', at, at);
    count(g, 'notes');
  };

  const visit = ({ date, h }: Planned) => {
    const day = parseISO(date);
    const past = date < g.today;
    const roll = r.next();
    const status: VisitStatus = !past ? 'planned' : roll < 0.9 ? 'done' : roll < 0.96 ? 'cancelled' : 'no_show';
    const type = r.pick(TYPES);
    const evaluative = type === 'evaluation_observation' || r.chance(0.1);
    const kind = evaluative ? 'evaluative' : 'coaching';
    const start = r.int(15, 27) * 30;
    const startTime = hhmm(start);
    const endTime = hhmm(start + r.int(2, 5) * 15);
    const topic = r.pick(TOPICS);
    const at = stamp(date, startTime);
    const done = status === 'done';
    const visitId = Number(s.visit.run(h.schoolId, date, startTime, endTime, type, fill(r, r.pick(PURPOSES), h.firstName).replace(/\{topic\}/, topic),
      r.pick(FOCUSES), kind, status, status === 'cancelled' || status === 'no_show' ? r.pick(REASONS) : null,
      done && r.chance(0.4) ? noteBody(r, h.firstName).slice(0, 400) : '', done ? at : null, done ? stamp(date, endTime) : null, at, at).lastInsertRowid);
    s.visitLeader.run(visitId, h.leaderId);
    count(g, 'visits');
    if (!done) return;
    tag(s.visitTag, visitId, at, 1);
    for (let k = r.int(1, 3); k > 0; k--) {
      const noteId = Number(s.note.run(visitId, null, noteBody(r, h.firstName), kind, at, at).lastInsertRowid);
      count(g, 'notes');
      tag(s.noteTag, noteId, at, 2);
    }
    // Next steps are this supervisor's follow-ups: the other caseloads bring visits and notes only.
    for (let k = h.mine && r.chance(0.6) ? r.int(1, 2) : 0; k > 0; k--) {
      const due = isoDate(addDays(day, r.int(7, 28)));
      const settled = differenceInCalendarDays(parseISO(g.today), parseISO(due)) > 14;
      // Nearly all followed up once settled, most of the recent ones still open.
      const open = settled ? r.chance(0.01) : r.chance(0.7);
      const doneDate = open ? null : [isoDate(addDays(parseISO(due), r.int(-6, 3))), g.today].sort()[0];
      s.step.run(h.leaderId, fill(r, r.pick(NEXT_STEPS), h.firstName), r.chance(0.7) ? 'leader' : 'supervisor', due, doneDate, visitId, at);
      count(g, 'action_items');
    }
  };

  // Each school year's visits and notes go in in date order, as a supervisor writes them, so
  // rowids grow with time as in a real file (search ranks the newest matches by rowid).
  for (const [y, year] of g.years.entries()) {
    const planned: Planned[] = [];
    for (const h of holdingsIn(g, y)) planYear(h, y, planned);
    planned.sort((a, b) => a.date.localeCompare(b.date) || a.h.leaderId - b.h.leaderId || Number(a.quick) - Number(b.quick));
    for (let i = 0; i < planned.length; i += BATCH) {
      db.transaction(() => planned.slice(i, i + BATCH).forEach((p) => (p.quick ? quickNote(p) : visit(p))))();
    }
    g.progress(`visits and notes: school year ${year.label} (${g.counts.notes ?? 0} notes so far)`);
  }
}
