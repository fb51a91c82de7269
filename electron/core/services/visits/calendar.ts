import type { CalendarFile } from '../../../../shared/visits/model';
import { VISIT_TYPE_LABELS, type VisitType } from '../../../../shared/vocabulary';
import { type CoreContext, timestamp, today } from '../../context';
import { type CalendarEvent, calendarFile } from '../../export/icalendar';
import { sha256 } from '../../sync/outbox';
import { getInstallationId, supervisorTimeZone } from '../settings/settings';

interface CalendarVisit {
  id: number;
  date: string;
  startTime: string;
  endTime: string;
  type: VisitType;
  status: 'planned' | 'cancelled';
  purpose: string;
  focus: string;
  updatedAt: string;
  schoolName: string;
  leaders: string | null;
  sequence: number | null;
  fingerprint: string | null;
}

type EventWords = Pick<CalendarEvent, 'summary' | 'location' | 'description' | 'private'>;

/**
 * What the event says. A retention conversation is confidential: a calendar (often shared with an
 * assistant, or synced to the district's mail) shows a private appointment, never what it is about,
 * where, or with whom. The weekly visit log hides the same things.
 */
function wordsFor(v: CalendarVisit): EventWords {
  if (v.type === 'retention_conversation') {
    return { summary: 'Private appointment', location: null, description: 'Details are in Fieldbook.', private: true };
  }
  const description = [
    v.purpose && `Purpose: ${v.purpose}`,
    v.focus && `Focus: ${v.focus}`,
    v.leaders && `With: ${v.leaders}`,
    'Planned in Fieldbook.',
  ].filter(Boolean).join('\n');
  return { summary: `${VISIT_TYPE_LABELS[v.type]} · ${v.schoolName}`, location: v.schoolName, description, private: false };
}

/**
 * Planned visits as an iCalendar file, from today on unless a range is chosen, at the supervisor's
 * wall-clock times in their zone. Each visit keeps one UID, unique to this Fieldbook (its installation
 * id), so importing again updates the event. A visit sent in an earlier export and cancelled since
 * comes again with STATUS:CANCELLED. SEQUENCE goes up by one whenever what the event says changed
 * since the last export, however close together the changes were. What was sent is recorded.
 */
export function exportVisitsCalendar(ctx: CoreContext, range: { from: string | null; to: string | null }): CalendarFile {
  const from = range.from ?? today(ctx);
  const zone = supervisorTimeZone(ctx.db);
  const installation = getInstallationId(ctx.db);
  const visits = ctx.db
    .prepare(
      `SELECT v.id, v.date, v.start_time AS startTime, v.end_time AS endTime, v.type, v.status, v.purpose, v.focus,
         v.updated_at AS updatedAt, s.name AS schoolName, c.sequence, c.fingerprint,
         (SELECT group_concat(name, ', ') FROM (SELECT l.name FROM visit_leaders vl JOIN leaders l ON l.id = vl.leader_id
           WHERE vl.visit_id = v.id ORDER BY name_key(l.name))) AS leaders
       FROM visits v JOIN schools s ON s.id = v.school_id LEFT JOIN calendar_events c ON c.visit_id = v.id
       WHERE v.date >= @from AND (@to IS NULL OR v.date <= @to)
         AND (v.status = 'planned' OR (v.status = 'cancelled' AND c.visit_id IS NOT NULL))
       ORDER BY v.date, v.start_time, v.id`,
    )
    .all({ from, to: range.to }) as CalendarVisit[];

  const record = ctx.db.prepare(
    `INSERT INTO calendar_events (visit_id, sequence, fingerprint, status, exported_at) VALUES (@id, @sequence, @fingerprint, @status, @at)
     ON CONFLICT (visit_id) DO UPDATE SET sequence = excluded.sequence, fingerprint = excluded.fingerprint, status = excluded.status, exported_at = excluded.exported_at`,
  );
  const at = timestamp(ctx);
  const events = visits.map((v): CalendarEvent => {
    const status = v.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED';
    const words = wordsFor(v);
    const fingerprint = sha256(JSON.stringify([v.date, v.startTime, v.endTime, zone, status, words]));
    const sequence = v.sequence === null ? 0 : v.fingerprint === fingerprint ? v.sequence : v.sequence + 1;
    record.run({ id: v.id, sequence, fingerprint, status, at });
    return {
      uid: `visit-${v.id}.${installation}@fieldbook`,
      date: v.date,
      startTime: v.startTime,
      endTime: v.endTime,
      ...words,
      status,
      sequence,
      lastModified: v.updatedAt,
    };
  });
  const ics = calendarFile({ name: 'Fieldbook: planned school visits', product: 'Fieldbook', zone, stamp: ctx.now().getTime(), events });
  const filename = `fieldbook-planned-visits-${from}${range.to ? `-to-${range.to}` : ''}.ics`;
  const cancelled = events.filter((e) => e.status === 'CANCELLED').length;
  return { filename, ics, events: events.length - cancelled, cancelled, timeZone: zone };
}
