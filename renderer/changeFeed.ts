import type { ChangeFeed, Table } from '../shared/api';
import { announceAllTablesChanged, announceTablesChanged, forgetOwnChangesUpTo, isOwnChange } from './api';

/**
 * Following the other windows: the status poll brings the core's change feed, and the screens of
 * this window reload the tables another window changed since the last look. Its own saves are
 * left out (its screens reloaded after each already). A new session means the core restarted:
 * everything loads again.
 */
let seen: { session: string; seq: number } | null = null;

export function followChanges(feed: ChangeFeed): void {
  const last = seen;
  seen = { session: feed.session, seq: feed.seq };
  if (!last) return;
  if (last.session !== feed.session) return announceAllTablesChanged();
  const changed = (Object.entries(feed.tables) as [Table, number][])
    .filter(([, seq]) => seq > last.seq && !isOwnChange(seq))
    .map(([table]) => table);
  forgetOwnChangesUpTo(feed.seq);
  if (changed.length) announceTablesChanged(changed);
}

/** For tests: forget what was seen (a new window). */
export const resetChangeFeed = (): void => {
  seen = null;
};
