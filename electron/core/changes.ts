import crypto from 'node:crypto';
import type { ChangeFeed, Table } from '../../shared/define';
import type { CoreContext } from './context';

/**
 * What every window needs to follow the others: each change to the data gets the next number, and
 * each table remembers the number of its latest change. A window's status poll sends back the
 * feed; the window reloads the tables changed since the number it last saw. The session is new at
 * each start of the core, so a window can tell a restart from a quiet spell.
 */

const feeds = new WeakMap<CoreContext, ChangeFeed>();

function feedOf(ctx: CoreContext): ChangeFeed {
  let feed = feeds.get(ctx);
  if (!feed) {
    feed = { session: crypto.randomUUID(), seq: 0, tables: {} };
    feeds.set(ctx, feed);
  }
  return feed;
}

/** Record a change to these tables; its number. */
export function noteChanges(ctx: CoreContext, tables: readonly Table[]): number {
  const feed = feedOf(ctx);
  feed.seq += 1;
  for (const t of tables) feed.tables[t] = feed.seq;
  return feed.seq;
}

export const changeFeed = (ctx: CoreContext): ChangeFeed => {
  const feed = feedOf(ctx);
  return { session: feed.session, seq: feed.seq, tables: { ...feed.tables } };
};
