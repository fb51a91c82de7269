import type { frameworkCalls } from '../../../shared/settings/contract';
import type { HandlersFor } from './types';
import { importFramework, listFrameworks, setFrameworkActive } from '../services/settings/frameworks';

export const frameworkHandlers: HandlersFor<keyof typeof frameworkCalls> = {
  listFrameworks: (ctx) => listFrameworks(ctx.db),
  importFramework: (ctx, { json }) => importFramework(ctx, json),
  setFrameworkActive: (ctx, { frameworkId, active }) => setFrameworkActive(ctx, frameworkId, active),
};
