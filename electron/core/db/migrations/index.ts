import m001 from './001_caseload';
import m002 from './002_frameworks';
import m003 from './003_visits_notes';
import m004 from './004_search';
import m005 from './005_backups';
import m006 from './006_outbox_attachments';
import m008 from './008_sync';

/**
 * Forward-only migrations. Migration N brings the database to user_version N.
 * Never edit or reorder a shipped one: add the next number.
 */
export const MIGRATIONS: readonly string[] = [m001, m002, m003, m004, m005, m006, m008];
export const SCHEMA_VERSION = MIGRATIONS.length;
