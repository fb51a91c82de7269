import { districtSuite } from './districtSuite';

/** The district's side on a real PostgreSQL server (tests/node/postgres.ts says which; skipped with the reason when there is none). */
districtSuite('postgres');
