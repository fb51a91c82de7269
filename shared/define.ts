import type { z } from 'zod';

/** Every table a call can report as changed; stores reload on the ones they read. */
export const TABLES = [
  'settings', 'schools', 'leaders', 'assignments', 'outbox',
  'frameworks', 'visits', 'notes', 'tags', 'action_items', 'backup_settings', 'sync_targets',
  'cta_plans', 'cta_goals', 'cta_actions', 'cta_checkins', 'cta_attendees', 'cta_goal_updates', 'cta_next_steps', 'cta_addenda',
  'evaluations', 'retention', 'lock_settings', 'calendar_events',
] as const;
export type Table = (typeof TABLES)[number];

/**
 * The core's record of changes, for windows to follow one another: `seq` counts every change since
 * the core started (`session`), and each table has the number of its latest change.
 */
export interface ChangeFeed {
  session: string;
  seq: number;
  tables: Partial<Record<Table, number>>;
}

export interface CallSpec<I extends z.ZodType, R> {
  input: I;
  changes: readonly Table[];
  /** Phantom: carries the result type only. */
  result?: R;
}

/** A call that reads. */
export const query = <R>() => <I extends z.ZodType>(input: I): CallSpec<I, R> => ({ input, changes: [] });
/** A call that writes: it runs in one transaction and reports the tables it changed. */
export const mutation = <R>() => <I extends z.ZodType>(input: I, changes: readonly Table[]): CallSpec<I, R> => ({ input, changes });
