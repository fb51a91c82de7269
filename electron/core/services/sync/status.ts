import { type CoreContext } from '../../context';

export function countExportsWaiting(ctx: CoreContext): number {
  return (ctx.db.prepare(`SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL`).get() as { n: number }).n;
}
