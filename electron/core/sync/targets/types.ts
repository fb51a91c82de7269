import type { SyncAuth, SyncTargetKind } from '../../../../shared/sync/vocabulary';
import type { ExportPackage } from '../package';

/**
 * Why a delivery failed, which decides what the worker does next:
 * - unreachable: no answer (offline, server down, a cut connection, a timeout): retry later;
 * - busy: the target answered but could not take it now (5xx, 429): retry later;
 * - refused: the target said no (bad password, forbidden, bad request): stop until the person acts;
 * - in_progress: a server still working on an earlier try of this export (409, 412 or 425 on a
 *   retry, as idempotency keys work): retry later, and stop only after a long time.
 */
export type FailureKind = 'unreachable' | 'busy' | 'refused' | 'in_progress';

export class DeliveryError extends Error {
  constructor(readonly kind: FailureKind, message: string) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface TargetConfig {
  id: number;
  kind: SyncTargetKind;
  location: string;
  auth: SyncAuth;
  username: string | null;
  secret: string | null;
}

export interface DeliverOptions {
  timeoutMs: number;
  signal: AbortSignal;
  /** Which try of this export at this target this is (1: the first). */
  attempt?: number;
  /** A certificate authority file the target's server certificate may chain to. */
  caFile?: string | null;
}

/** What the target acknowledged, kept as the receipt. */
export type Receipt = Record<string, unknown>;

export interface TargetDriver {
  deliver(pkg: ExportPackage, target: TargetConfig, options: DeliverOptions): Promise<Receipt>;
}
