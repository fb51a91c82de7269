import { leaderViewAccessSuite } from './leaderViewAccessSuite';
import { leaderViewSuite } from './leaderViewSuite';

/** The leader tracking view on PGlite, the district's embedded default. */
leaderViewSuite('pglite');
leaderViewAccessSuite('pglite');
