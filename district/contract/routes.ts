import type { PageFilter } from './contract';

/**
 * The contract's plain values, which the web view needs at run time: where the calls, downloads
 * and files are, and which tables download as CSV. Apart from contract.ts so that the view's
 * bundle does not carry the input schemas (and zod): it imports only types from there.
 */

export const MIN_PASSWORD_LENGTH = 12;

/** Where the calls, the CSV downloads and the original files are. */
export const VIEW_API_PREFIX = '/api/view/';
export const CSV_PREFIX = '/csv/';
export const FILE_PREFIX = '/files/';
/** Sent with every call: the session's CSRF token, which a page on another site cannot read. */
export const CSRF_HEADER = 'x-fieldbook-csrf';

/** The address of a stored package's original file. */
export const fileLink = (packageId: number, name: string): string => `${FILE_PREFIX}${packageId}/${encodeURIComponent(name)}`;

/**
 * Every table a page shows can be downloaded as CSV. `named`: it names leaders, so an analyst is
 * refused it (and does not see the table at all).
 */
export const CSV_TABLES = {
  caseloads: { page: 'capacity', named: false, title: 'Caseloads against target' },
  unsupervised: { page: 'capacity', named: true, title: 'Principals with no supervisor' },
  'time-by-supervisor': { page: 'timeInSchools', named: false, title: 'Hours on site per supervisor' },
  'time-by-week': { page: 'timeInSchools', named: false, title: 'Hours on site per week' },
  'cadence-by-supervisor': { page: 'timeInSchools', named: false, title: 'Leaders not visited within cadence, per supervisor' },
  'cadence-overdue': { page: 'timeInSchools', named: true, title: 'Leaders not visited within cadence' },
  'cta-quarters': { page: 'cta', named: false, title: 'Check-ins per quarter' },
  'cta-goals': { page: 'cta', named: true, title: 'Every school’s goals by quarter' },
  'cta-off-track': { page: 'cta', named: true, title: 'Goals off track two quarters running' },
  'evaluation-stages': { page: 'evaluations', named: false, title: 'Cycles by stage and supervisor' },
  'evaluation-late': { page: 'evaluations', named: true, title: 'Late stages' },
  'evaluation-locked': { page: 'evaluations', named: true, title: 'Locked write-ups' },
  'evaluation-ratings': { page: 'evaluations', named: false, title: 'Ratings per framework element' },
  'retention-counts': { page: 'retention', named: false, title: 'Retention counts per supervisor' },
  'retention-records': { page: 'retention', named: true, title: 'Named retention records' },
  'vacancy-counts': { page: 'retention', named: false, title: 'Vacancy outlook, counts' },
  'vacancy-outlook': { page: 'retention', named: true, title: 'Vacancy outlook' },
  'leader-record': { page: 'leader', named: true, title: 'A leader’s record' },
} as const satisfies Record<string, { page: PageCallName | 'leader'; named: boolean; title: string }>;
export type CsvTable = keyof typeof CSV_TABLES;
export type PageCallName = 'capacity' | 'timeInSchools' | 'cta' | 'evaluations' | 'retention';
export const isCsvTable = (t: string): t is CsvTable => Object.prototype.hasOwnProperty.call(CSV_TABLES, t);

/** A table's download address for a page's filters (or a leader). */
export function csvLink(table: CsvTable, params: PageFilter | { leaderId: number }): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) q.set(k, String(v));
  const query = q.toString();
  return `${CSV_PREFIX}${table}.csv${query ? `?${query}` : ''}`;
}
