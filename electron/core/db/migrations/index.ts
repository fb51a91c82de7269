import m001 from './001_caseload';

/**
 * Forward-only migrations. Migration N brings the database to user_version N.
 * Never edit or reorder a shipped one: add the next number.
 */
export const MIGRATIONS: readonly string[] = [m001];
export const SCHEMA_VERSION = MIGRATIONS.length;
