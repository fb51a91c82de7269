import { leaderViewAccessSuite } from './leaderViewAccessSuite';
import { leaderViewSuite } from './leaderViewSuite';

/** The leader tracking view on a real PostgreSQL server (tests/node/postgres.ts says which; skipped with the reason when there is none). */
leaderViewSuite('postgres');
leaderViewAccessSuite('postgres');
