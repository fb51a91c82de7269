import { z } from 'zod';
import { mutation, query } from '../define';

/** What is being typed in a form, kept by the core until the form is saved (see electron/core/services/drafts/drafts.ts). */
export interface Draft {
  key: string;
  value: unknown;
  updatedAt: string;
}

/** A roster pasted into the import box is the largest thing typed: its file limit is 5 MB. */
const MAX_DRAFT_CHARS = 6_000_000;

const key = z
  .string({ error: 'Name the draft' })
  .min(1, 'Name the draft')
  .max(200, 'Keep the draft’s name under 200 characters')
  .regex(/^[\w.:-]+$/, 'A draft’s name is letters, digits and . : - _');

const fitsInADraft = (v: unknown): boolean => {
  try {
    const json = JSON.stringify(v);
    return json !== undefined && json.length <= MAX_DRAFT_CHARS;
  } catch {
    return false; // not plain data (a cycle, say)
  }
};

export const draftCalls = {
  getDraft: query<Draft | null>()(z.object({ key })),
  /** Written often (as a person types) and read by no store: it reports no table. */
  saveDraft: mutation<{ saved: true }>()(z.object({ key, value: z.unknown().refine(fitsInADraft, 'That is too much text to keep as a draft (over 6 MB)') }), []),
  discardDraft: mutation<{ discarded: boolean }>()(z.object({ key }), []),
} as const;
