import type { z } from 'zod';
import type { Result } from './result';
import { caseloadCalls } from './caseload/contract';
import { cadenceCalls, calendarCalls, searchCalls, visitCalls } from './visits/contract';
import { frameworkCalls } from './settings/contract';
import { ctaCalls } from './cta/contract';
import { backupCalls, lockCalls } from './backups/contract';
import { evaluationCalls } from './evaluations/contract';
import { syncCalls } from './sync/contract';
import { retentionCalls } from './retention/contract';
import { draftCalls } from './drafts/contract';
import type { CallSpec, Table } from './define';

/**
 * The one contract between the UI and the core. Every call the renderer can make is declared
 * once, in its domain's contract.ts (shared/<domain>/contract.ts): its input schema (validated at the boundary), the
 * tables it changes (so stores know what to reload) and its result type. Electron's IPC and
 * browser mode's HTTP bridge are two transports over this map; neither adds calls of its own.
 */
export const api = {
  ...caseloadCalls,
  ...searchCalls,
  ...calendarCalls,
  ...cadenceCalls,
  ...visitCalls,
  ...frameworkCalls,
  ...backupCalls,
  ...ctaCalls,
  ...lockCalls,
  ...evaluationCalls,
  ...syncCalls,
  ...retentionCalls,
  ...draftCalls,
} as const;

export { TABLES, type CallSpec, type ChangeFeed, type Table } from './define';

export type Api = typeof api;
export type CallName = keyof Api;
export const CALL_NAMES = Object.keys(api) as CallName[];
export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(api, name);

export type CallInput<N extends CallName> = z.input<Api[N]['input']>;
export type ParsedInput<N extends CallName> = z.output<Api[N]['input']>;
export type CallResult<N extends CallName> = Api[N] extends CallSpec<z.ZodType, infer R> ? R : never;

/** What a transport returns: the Result, plus the tables a successful mutation changed and that change's number in the change feed. */
export type Envelope<T> = Result<T> & { changed?: Table[]; seq?: number };

/** The typed client the renderer sees as window.fieldbook. */
export type FieldbookClient = {
  [N in CallName]: (input?: CallInput<N>) => Promise<Envelope<CallResult<N>>>;
};

/** The IPC channel and HTTP path prefix the two transports use. */
export const IPC_CHANNEL = 'fieldbook:call';
export const HTTP_API_PREFIX = '/api/';
export const TOKEN_HEADER = 'x-fieldbook-token';
/** Browser mode: where a page exchanges the one-time code in its address for the session token. */
export const SESSION_PATH = '/session';
