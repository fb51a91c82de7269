import ical from 'ical-generator';
import type { CalendarFile } from '../../../../shared/visits/model';
import { VISIT_TYPE_LABELS, type VisitType } from '../../../../shared/vocabulary';
import { type CoreContext, today } from '../../context';

interface PlannedVisit {
  id: number;
  date: string;
  startTime: string;
  endTime: string;
  type: VisitType;
  purpose: string;
  focus: string;
  updatedAt: string;
  schoolName: string;
  leaders: string | null;
}

/**
 * A visit's wall-clock time. Events are floating (no time zone): 09:00 at the school stays 09:00
 * wherever the calendar is opened. ical-generator writes a floating Date from its UTC fields.
 */
const wallClock = (date: string, time: string): Date => new Date(`${date}T${time}:00Z`);

/** SEQUENCE must grow with each change so calendars take a re-import as an update: minutes since 2020. */
function sequenceOf(updatedAt: string): number {
  const minutes = Math.floor((Date.parse(updatedAt) - Date.UTC(2020, 0, 1)) / 60_000);
  return Number.isFinite(minutes) ? Math.max(0, minutes) : 0;
}

/**
 * Planned visits as an iCalendar file, from today on unless a range is chosen. Each visit keeps
 * one UID (visit-<id>@fieldbook), so importing the file again updates the events, not duplicates them.
 */
export function exportVisitsCalendar(ctx: CoreContext, range: { from: string | null; to: string | null }): CalendarFile {
  const from = range.from ?? today(ctx);
  const visits = ctx.db
    .prepare(
      `SELECT v.id, v.date, v.start_time AS startTime, v.end_time AS endTime, v.type, v.purpose, v.focus,
         v.updated_at AS updatedAt, s.name AS schoolName,
         (SELECT group_concat(name, ', ') FROM (SELECT l.name FROM visit_leaders vl JOIN leaders l ON l.id = vl.leader_id
           WHERE vl.visit_id = v.id ORDER BY name_key(l.name))) AS leaders
       FROM visits v JOIN schools s ON s.id = v.school_id
       WHERE v.status = 'planned' AND v.date >= @from AND (@to IS NULL OR v.date <= @to)
       ORDER BY v.date, v.start_time, v.id`,
    )
    .all({ from, to: range.to }) as PlannedVisit[];

  const calendar = ical({ name: 'Fieldbook: planned school visits', prodId: { company: 'Fieldbook', product: 'Fieldbook', language: 'EN' } });
  for (const v of visits) {
    const description = [
      v.purpose && `Purpose: ${v.purpose}`,
      v.focus && `Focus: ${v.focus}`,
      v.leaders && `With: ${v.leaders}`,
      'Planned in Fieldbook.',
    ].filter(Boolean).join('\n');
    calendar.createEvent({
      id: `visit-${v.id}@fieldbook`,
      start: wallClock(v.date, v.startTime),
      end: wallClock(v.date, v.endTime),
      floating: true,
      summary: `${VISIT_TYPE_LABELS[v.type]} · ${v.schoolName}`,
      location: v.schoolName,
      description,
      stamp: ctx.now(),
      lastModified: Number.isFinite(Date.parse(v.updatedAt)) ? new Date(v.updatedAt) : null,
      sequence: sequenceOf(v.updatedAt),
    });
  }
  const filename = `fieldbook-planned-visits-${from}${range.to ? `-to-${range.to}` : ''}.ics`;
  return { filename, ics: calendar.toString(), events: visits.length };
}
