import { z } from 'zod';
import type { OpenFolderOutcome, QueuedExportRef, SyncOverview, SyncTargetView } from './model';
import { id, isoDateSchema, nameTooLong, noInput, pathPartsFit } from '../schemas';
import { RETENTION_CONSENTS } from '../retention/vocabulary';
import { isAllowedTargetUrl, SYNC_AUTHS, SYNC_TARGET_KINDS } from './vocabulary';
import { mutation, query } from '../define';

const blankToNull = (max: number, what: string) =>
  z.string().max(max, `Keep ${what} under ${max} characters`).nullish().transform((v) => (v?.trim() ? v.trim() : null));

export const syncTargetInput = z
  .object({
    /** Absent: a new target. */
    id: id.nullish(),
    kind: z.enum(SYNC_TARGET_KINDS, { error: 'Choose where exports go' }),
    name: z.string({ error: 'Give this target a name' }).trim().min(1, 'Give this target a name').max(100, 'Keep the name under 100 characters'),
    enabled: z.boolean({ error: 'Say whether this target is used' }),
    folder: blankToNull(4000, 'the folder path').refine(pathPartsFit, nameTooLong('the folder path')),
    url: blankToNull(2000, 'the address'),
    auth: z.enum(SYNC_AUTHS, { error: 'Choose how Fieldbook signs in' }).default('none'),
    username: blankToNull(200, 'the user name'),
    /** Blank keeps the saved one. Never echoed back. */
    secret: z.string().max(4000, 'Keep the password under 4000 characters').nullish().transform((v) => (v ? v : null)),
    /** Where passwords cannot be encrypted: the person agrees to keep it in memory until Fieldbook closes. */
    keepForSessionOnly: z.boolean().default(false),
    /** For a WebDAV or HTTPS target whose server certificate comes from the district's own authority: its PEM file. */
    caFile: blankToNull(4000, 'the file path'),
    /** Confidential by default: what of retention this target receives. */
    retentionConsent: z.enum(RETENTION_CONSENTS, { error: 'Choose what of retention this target may receive' }).default('none'),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.kind === 'folder') {
      if (!v.folder) issue('folder', 'Enter the full path of the folder exports go to');
      return;
    }
    if (!v.url) return issue('url', 'Enter the address exports go to, starting with https://');
    if (!isAllowedTargetUrl(v.url)) return issue('url', 'Enter an https:// address without a user name or password in it (http:// only for this computer)');
    if (v.auth === 'basic' && !v.username) issue('username', 'Enter the user name Fieldbook signs in with');
  });

const outboxRef = z.object({ id: z.string({ error: 'Choose an export' }).min(1, 'Choose an export').max(300, 'Choose an export') });
const targetRef = z.object({ targetId: id });

/** Sync: targets, the queue with its attempts and receipts, and the two exports this issue queues itself. */
export const syncCalls = {
  getSyncOverview: query<SyncOverview>()(noInput),
  saveSyncTarget: mutation<SyncTargetView>()(syncTargetInput, ['sync_targets', 'outbox']),
  removeSyncTarget: mutation<{ removed: number }>()(targetRef, ['sync_targets', 'outbox']),
  /** Tries every waiting export on every enabled target now, stopped ones included. */
  syncNow: mutation<{ waiting: number }>()(noInput, ['sync_targets']),
  /** A waiting export: try it again now; one already sent: send it to every target in use that lacks it. */
  retryExport: mutation<{ waiting: number }>()(outboxRef, ['sync_targets', 'outbox']),
  /** A target added later: send it the exports already sent elsewhere. */
  sendEarlierExports: mutation<{ requested: number; waiting: number }>()(targetRef, ['sync_targets', 'outbox']),
  openSyncFolder: query<OpenFolderOutcome>()(targetRef),
  queueVisitLog: mutation<QueuedExportRef>()(z.object({ weekOf: isoDateSchema('a day of the week') }), ['outbox']),
  queueCaseloadRoster: mutation<QueuedExportRef>()(noInput, ['outbox']),
} as const;
