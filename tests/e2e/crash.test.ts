import { describe, expect, it } from 'vitest';
import { runSoak } from '../../electron/cli/soak';

/**
 * Crash durability, small: the same harness as `npm run soak` (200 kills), with 5. Browser mode
 * runs as its own process and is killed with SIGKILL mid-write (notes, visits, next steps, a
 * check-in, retention conversations, the roster sent to a folder target, backups and restores);
 * every write it acknowledged must be in the database afterwards, the database must pass PRAGMA
 * integrity_check, no plaintext may be outside the data folder, and nothing under a final name
 * may be incomplete.
 */
describe('a crash mid-write', () => {
  it('loses no acknowledged write and leaves an intact database', async () => {
    const s = await runSoak({ kills: 5, seed: 10 });
    expect(s.problems).toEqual([]);
    expect(s.kills).toBe(5);
    expect(s.acknowledged).toBeGreaterThan(5);
    expect(s.lost).toBe(0);
    expect(s.integrityFailures).toBe(0);
    expect([s.plaintextFiles, s.incomplete, s.leftovers]).toEqual([0, 0, 0]);
  });
});
