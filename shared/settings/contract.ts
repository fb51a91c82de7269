import { z } from 'zod';
import { FRAMEWORK_FILE_MAX_CHARS } from './frameworks';
import type { FrameworkInfo } from './model';
import { noInput } from '../schemas';
import { mutation, query } from '../define';

/** Leadership frameworks: the shipped ones and a district's own, and which are used for tagging. */
export const frameworkCalls = {
  listFrameworks: query<FrameworkInfo[]>()(noInput),
  /** A framework file's text; it is checked against shared/frameworks.ts before anything is written. */
  importFramework: mutation<FrameworkInfo>()(
    z.object({
      json: z
        .string({ error: 'Choose a framework file (JSON)' })
        .min(1, 'Choose a framework file (JSON)')
        .max(FRAMEWORK_FILE_MAX_CHARS, 'This file is too large for a framework (keep it under 1 MB)'),
    }),
    ['frameworks'],
  ),
  setFrameworkActive: mutation<FrameworkInfo>()(
    z.object({ frameworkId: z.string({ error: 'Choose a framework' }).min(1, 'Choose a framework'), active: z.boolean({ error: 'Say whether to use the framework' }) }),
    ['frameworks'],
  ),
} as const;
