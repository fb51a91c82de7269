import type { EvidenceKind, VisitType } from '../vocabulary';

/** A piece of a search snippet: the screen marks `hit` pieces (as <mark>), always as text, never HTML. */
export interface SnippetSegment {
  text: string;
  hit: boolean;
}

export interface SearchResult {
  kind: 'note' | 'visit';
  noteId: number | null;
  visitId: number | null;
  /** ISO date: the visit's date, or the day a note on a leader was written. */
  date: string;
  visitType: VisitType | null;
  evidenceKind: EvidenceKind;
  schoolId: number | null;
  schoolName: string | null;
  leaders: { id: number; name: string }[];
  snippet: SnippetSegment[];
  /** Where the source opens: '#/visits/<id>' for a visit or a note on one, '#/leaders/<id>' for a note on a leader. */
  route: string;
}

export interface SearchResults {
  results: SearchResult[];
  /** More matched than the limit: the best ones are shown. */
  more: boolean;
}

export interface CalendarFile {
  filename: string;
  ics: string;
  /** How many planned visits it holds. */
  events: number;
  /** How many visits sent in an earlier export it cancels. */
  cancelled: number;
  /** The zone its times are in (America/Chicago). */
  timeZone: string;
}
