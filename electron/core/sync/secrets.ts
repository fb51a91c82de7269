import type { CoreContext } from '../context';

export const secretsAvailable = (ctx: CoreContext): boolean => {
  try {
    return Boolean(ctx.secrets?.isAvailable());
  } catch {
    return false;
  }
};

// Session-only secrets: held in memory, never written. Keyed by the target's row and creation
// time, so a restored database with other targets under the same ids never gets them.
const sessionSecrets = new WeakMap<CoreContext, Map<string, string>>();
const sessionKey = (target: { id: number; createdAt: string }) => `${target.id}|${target.createdAt}`;

export function keepForSession(ctx: CoreContext, target: { id: number; createdAt: string }, secret: string | null): void {
  let map = sessionSecrets.get(ctx);
  if (!map) sessionSecrets.set(ctx, (map = new Map()));
  if (secret === null) map.delete(sessionKey(target));
  else map.set(sessionKey(target), secret);
}

export interface StoredSecret {
  id: number;
  createdAt: string;
  secret: Buffer | null;
}

/** The target's secret in clear, for one request; null when there is none (or it cannot be read here). */
export function readSecret(ctx: CoreContext, target: StoredSecret): string | null {
  const inMemory = sessionSecrets.get(ctx)?.get(sessionKey(target));
  if (inMemory !== undefined) return inMemory;
  if (!target.secret || !secretsAvailable(ctx)) return null;
  try {
    return ctx.secrets!.decrypt(target.secret);
  } catch {
    return null;
  }
}

export const hasSessionSecret = (ctx: CoreContext, target: { id: number; createdAt: string }): boolean =>
  sessionSecrets.get(ctx)?.has(sessionKey(target)) ?? false;
