import { z } from 'zod';
import type { Result } from './result';
import type {
  AppStatus, Caseload, CaseloadEntry, CsvFile, Leader, RosterImportResult, RosterPreview, School, Settings,
} from './model';
import * as s from './schemas';

/**
 * The one contract between the UI and the core. Every call the renderer can make is declared
 * here once: its input schema (validated at the boundary), the tables it changes (so stores
 * know what to reload) and its result type. Electron's IPC and browser mode's HTTP bridge are
 * two transports over this map; neither adds calls of its own.
 */

export const TABLES = ['settings', 'schools', 'leaders', 'assignments', 'outbox'] as const;
export type Table = (typeof TABLES)[number];

export interface CallSpec<I extends z.ZodType, R> {
  input: I;
  changes: readonly Table[];
  /** Phantom: carries the result type only. */
  result?: R;
}

const query = <R>() => <I extends z.ZodType>(input: I): CallSpec<I, R> => ({ input, changes: [] });
const mutation = <R>() => <I extends z.ZodType>(input: I, changes: readonly Table[]): CallSpec<I, R> => ({ input, changes });

export const api = {
  getStatus: query<AppStatus>()(s.noInput),
  getSettings: query<Settings | null>()(s.noInput),
  saveSettings: mutation<Settings>()(s.settingsInput, ['settings']),
  loadDemoData: mutation<{ schools: number; leaders: number }>()(s.noInput, ['settings', 'schools', 'leaders', 'assignments']),

  listSchools: query<School[]>()(s.noInput),
  addSchool: mutation<School>()(s.schoolInput, ['schools']),
  updateSchool: mutation<School>()(s.updateSchoolInput, ['schools']),

  getCaseload: query<Caseload>()(s.noInput),
  getLeader: query<CaseloadEntry>()(s.leaderRef),
  listUnassignedLeaders: query<Leader[]>()(s.noInput),
  addLeader: mutation<Leader>()(s.addLeaderInput, ['leaders', 'assignments']),
  updateLeader: mutation<Leader>()(s.updateLeaderInput, ['leaders']),
  assignLeader: mutation<CaseloadEntry>()(s.assignLeaderInput, ['assignments']),
  unassignLeader: mutation<CaseloadEntry>()(s.leaderRef, ['assignments']),

  previewRoster: query<RosterPreview>()(s.rosterCsvInput),
  importRoster: mutation<RosterImportResult>()(s.rosterCsvInput, ['schools', 'leaders', 'assignments']),
  exportCaseloadCsv: query<CsvFile>()(s.noInput),
} as const;

export type Api = typeof api;
export type CallName = keyof Api;
export const CALL_NAMES = Object.keys(api) as CallName[];
export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(api, name);

export type CallInput<N extends CallName> = z.input<Api[N]['input']>;
export type ParsedInput<N extends CallName> = z.output<Api[N]['input']>;
export type CallResult<N extends CallName> = Api[N] extends CallSpec<z.ZodType, infer R> ? R : never;

/** What a transport returns: the Result, plus the tables a successful mutation changed. */
export type Envelope<T> = Result<T> & { changed?: Table[] };

/** The typed client the renderer sees as window.fieldbook. */
export type FieldbookClient = {
  [N in CallName]: (input?: CallInput<N>) => Promise<Envelope<CallResult<N>>>;
};

/** The IPC channel and HTTP path prefix the two transports use. */
export const IPC_CHANNEL = 'fieldbook:call';
export const HTTP_API_PREFIX = '/api/';
export const TOKEN_HEADER = 'x-fieldbook-token';
