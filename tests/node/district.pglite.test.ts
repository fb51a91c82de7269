import { districtSuite } from './districtSuite';

/** The district's side on PGlite, the embedded default (tests/node/districtSuite.ts). */
districtSuite('pglite');
