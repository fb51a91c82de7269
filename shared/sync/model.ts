import type { RetentionConsent } from '../retention/vocabulary';
import type { SyncAuth, SyncTargetKind } from './vocabulary';

/** How a target's password or token is kept. */
export type SecretKeeping = 'none' | 'encrypted' | 'session' | 'missing';

export interface SyncTargetView {
  id: number;
  kind: SyncTargetKind;
  name: string;
  enabled: boolean;
  /** The folder path (folder) or address (webdav, https). */
  location: string;
  auth: SyncAuth;
  username: string | null;
  /** 'missing': a password is needed (a session-only one is gone after a restart). */
  secret: SecretKeeping;
  /** Why the target stopped and waits for the person (a refused password, a forbidden folder). */
  stoppedReason: string | null;
  lastError: string | null;
  /** null: not tried yet. */
  reachable: boolean | null;
  lastReachedAt: string | null;
  /** Exports this target has not acknowledged yet. */
  waiting: number;
  /** What of retention this target receives: nothing unless chosen. */
  retentionConsent: RetentionConsent;
  /** The certificate authority file its server's certificate may chain to. */
  caFile: string | null;
  /** Said once its server answered without a receipt. */
  receiptWarning: string | null;
  /** Exports already sent elsewhere (before it was added) that it has not had: offered to it. */
  earlierExports: number;
}

export interface SyncDeliveryView {
  targetId: number;
  targetName: string;
  acknowledgedAt: string | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  /** When the person asked to send it here after it was sent elsewhere. */
  requestedAt: string | null;
  /** The target is in use (not paused). */
  inUse: boolean;
}

export type SyncItemStatus = 'delivered' | 'waiting' | 'retrying' | 'stopped';

export interface SyncItemView {
  id: string;
  kind: string;
  label: string;
  createdAt: string;
  deliveredAt: string | null;
  status: SyncItemStatus;
  attempts: number;
  lastError: string | null;
  deliveries: SyncDeliveryView[];
}

export interface SyncOverview {
  targets: SyncTargetView[];
  /** Waiting ones first, then the latest delivered (at most 200 in all). */
  items: SyncItemView[];
  waiting: number;
  /** Whether this computer can keep passwords encrypted (false in browser mode, or Linux without a keyring). */
  secretsAvailable: boolean;
  lastSyncedAt: string | null;
  /** offline: no enabled target could be reached on its last try. */
  connection: 'not_set_up' | 'online' | 'offline' | 'unknown';
  /** A target in use has stopped (a refusal) or needs its password typed again. */
  needsAttention: boolean;
}

export interface QueuedExportRef {
  id: string;
  label: string;
}

export interface OpenFolderOutcome {
  opened: boolean;
  folder: string;
  message: string;
}
