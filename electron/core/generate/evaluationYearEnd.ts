import { addDays } from 'date-fns/addDays';
import { parseISO } from 'date-fns/parseISO';
import { WRITE_UP_SECTIONS, WRITE_UP_SECTION_LABELS } from '../../../shared/evaluations/vocabulary';
import { isoDate, type SchoolYear } from '../../../shared/schoolYear';
import { requireCycle } from '../services/evaluations/cycles';
import { rubricEvidence } from '../services/evaluations/rubric';
import { count, type GenContext, type Holding, stamp } from './context';
import { REFLECTIONS, STRENGTHS } from './words';

type Statements = ReturnType<typeof statements>;

/** The supervisor district.ts names in Settings: the actor of every entry, as currentActor() reads it. */
const SUPERVISOR = 'Jordan Ellis';

/** Prepared once per generation: the year-end writes of a past cycle. */
function statements(g: GenContext) {
  const { db } = g;
  return {
    rate: db.prepare(`UPDATE evaluation_ratings SET rating = ?, rationale = ? WHERE id = ?`),
    evidence: db.prepare(`INSERT INTO evaluation_evidence (cycle_id, rating_id, note_id, source_date, source_label, quote, coaching_included, created_at)
      VALUES (?, ?, ?, ?, ?, ?, 0, ?)`),
    sign: db.prepare(`UPDATE evaluation_cycles SET summary = ?, strengths = ?, growth_areas = ?, support_plan = ?, next_year_goals = ?,
      signed_by = ?, signed_at = ?, ack_name = ?, ack_date = ?, ack_comment = '', ack_recorded_at = ?, revision = ?, updated_at = ? WHERE id = ?`),
    lock: db.prepare(`UPDATE evaluation_cycles SET locked_at = ?, lock_count = 1, revision = revision + 1, updated_at = ? WHERE id = ?`),
  };
}

/** A cycle's audit entries, collected as the year is generated and written in time order (the trail reads newest id first). */
export interface CycleTrail {
  add: (at: string, action: string, changes: Record<string, unknown>) => void;
  write: (cycleId: number) => void;
}

export function cycleTrail(g: GenContext): () => CycleTrail {
  const insert = g.db.prepare(`INSERT INTO audit_log (at, actor, entity_type, entity_id, action, changes) VALUES (?, ?, 'evaluation_cycle', ?, ?, ?)`);
  return () => {
    const entries: { at: string; action: string; changes: Record<string, unknown> }[] = [];
    return {
      add: (at, action, changes) => entries.push({ at, action, changes }),
      write: (cycleId) => {
        // Stable: entries of the same moment keep the order they were made in.
        for (const e of entries.sort((a, b) => a.at.localeCompare(b.at))) insert.run(e.at, SUPERVISOR, String(cycleId), e.action, JSON.stringify(e.changes));
      },
    };
  };
}

const day = (d: string, n: number) => isoDate(addDays(parseISO(d), n));

/**
 * A past year's cycle at year end, as the evaluation services record it: each rubric row rated
 * with 1–3 of the year's evaluative notes tagged with its element cited (the citation the rubric
 * service makes, quote and label included), the write-up, the signature, the leader's
 * acknowledgement and the lock, each with the audit entry its service writes. The lock goes last:
 * migration 009's triggers refuse any write to a locked cycle.
 */
export function yearEnd(g: GenContext): (cycleId: number, h: Holding, year: SchoolYear, trail: CycleTrail) => void {
  // The rubric's evidence query, planned without statistics, reads every framework tag (60 ms a
  // cycle at 100k notes). A sampled ANALYZE (a fraction of a second) lets it plan as in use;
  // generateDistrictData runs the full ANALYZE at the end.
  g.db.pragma('analysis_limit = 1000');
  g.db.exec('ANALYZE');
  g.db.pragma('analysis_limit = 0');
  const s = statements(g);
  return (cycleId, h, year, trail) => closeYear(g, s, cycleId, h, year, trail);
}

function closeYear(g: GenContext, s: Statements, cycleId: number, h: Holding, year: SchoolYear, trail: CycleTrail): void {
  const { r } = g;
  const cycle = requireCycle(g.db, cycleId);
  const scale = JSON.parse(cycle.scale) as string[];
  const audit = trail.add;
  const ratedOn = day(year.end, -r.int(25, 40));
  const rows = g.db.prepare(`SELECT id, element_id AS elementId, title FROM evaluation_ratings WHERE cycle_id = ? ORDER BY position`).all(cycleId) as
    { id: number; elementId: string; title: string }[];
  const evidence = rubricEvidence(g.core, cycle, false);
  const at = stamp(ratedOn);
  let changes = 0;
  for (const row of rows) {
    const rating = r.int(2, scale.length);
    s.rate.run(rating, r.pick(REFLECTIONS), row.id);
    audit(at, 'rated', { element: row.title, from: null, to: scale[rating - 1] });
    audit(at, 'rationale edited', { element: row.title });
    // Only notes written by the day of rating: a citation cannot come before what it quotes.
    const notes = (evidence.find((e) => e.elementId === row.elementId)?.items ?? []).filter((i) => i.source === 'note' && i.date <= ratedOn);
    for (const item of notes.slice(0, r.int(1, 3))) {
      s.evidence.run(cycleId, row.id, item.id, item.date, item.label, item.excerpt, at);
      audit(at, 'evidence cited', { element: row.title, source: item.label, coachingIncluded: false });
      count(g, 'evaluation_evidence');
      changes++;
    }
    changes += 2;
  }
  const writtenOn = day(year.end, -r.int(12, 20));
  for (const section of WRITE_UP_SECTIONS) audit(stamp(writtenOn, '19:00'), 'write-up edited', { section: WRITE_UP_SECTION_LABELS[section] });
  const signed = stamp(day(year.end, -10));
  const ackDate = day(year.end, -r.int(3, 9));
  const ackAt = stamp(ackDate, '16:30');
  const lockedAt = stamp(day(ackDate, r.int(0, 2)), '17:00');
  const section = () => `${r.pick(STRENGTHS)}. ${r.pick(REFLECTIONS)}`;
  const ackName = `Principal ${h.firstName}`;
  s.sign.run(section(), section(), section(), section(), section(), SUPERVISOR, signed, ackName, ackDate, ackAt, changes + 7, ackAt, cycleId);
  audit(signed, 'signed', { name: SUPERVISOR });
  audit(ackAt, 'acknowledged', { name: ackName, date: ackDate, comment: '' });
  s.lock.run(lockedAt, lockedAt, cycleId);
  audit(lockedAt, 'locked', {});
}
