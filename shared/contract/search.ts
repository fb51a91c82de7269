import { z } from 'zod';
import type { SearchResults } from '../model/search';
import { id, isoDateSchema } from '../schemas';
import { query } from './define';

/** A date a person may leave blank ('' or missing means no limit). */
export const optionalDate = (what: string) =>
  z
    .string({ error: `Enter ${what} as a date, for example 2026-09-01` })
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isoDateSchema(what).safeParse(v).success, `Enter ${what} as a date, for example 2026-09-01`);

/** From and to, both optional, in order; a reversed range is reported on "to". */
export const dateRange = z.object({ from: optionalDate('the first date'), to: optionalDate('the last date') });
export const checkRangeOrder = <S extends z.ZodType<{ from: string | null; to: string | null }>>(schema: S): S =>
  schema.refine((v: { from: string | null; to: string | null }) => !v.from || !v.to || v.from <= v.to, {
    message: 'The last date must be on or after the first date',
    path: ['to'],
  });

const optionalId = id.nullish().transform((v) => v ?? null);

export const searchInput = checkRangeOrder(
  dateRange.extend({
    query: z.string({ error: 'Enter words to search for' }).max(500, 'Keep the search under 500 characters').default(''),
    leaderId: optionalId,
    schoolId: optionalId,
    /** A framework element, 'frameworkId/elementId'. */
    tag: z
      .string()
      .trim()
      .nullish()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || /^[^/]+\/.+$/.test(v), 'Choose a framework element from the list'),
    limit: z.number().int().min(1, 'Show at least 1 result').max(200, 'Show at most 200 results').default(50),
  }),
);

/** Full-text search over notes and visits. */
export const searchCalls = {
  search: query<SearchResults>()(searchInput),
} as const;
