import type { CoreContext } from '../context';

/** Each context's sync worker, so a new export or Sync now can wake it (kept apart from the worker to avoid an import cycle). */
const wakers = new WeakMap<CoreContext, () => void>();

export const registerWaker = (ctx: CoreContext, wake: (() => void) | null): void => {
  if (wake) wakers.set(ctx, wake);
  else wakers.delete(ctx);
};

/** Wake the context's worker, if it has one (browser mode and Electron do; unit tests may not). */
export const wakeSync = (ctx: CoreContext): void => wakers.get(ctx)?.();
