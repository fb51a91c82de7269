import m001 from './001_caseload';
import m002 from './002_frameworks';
import m003 from './003_visits_notes';
import m004 from './004_search';
import m005 from './005_backups';
import m006 from './006_outbox_attachments';
import m007 from './007_cta';
import m008 from './008_sync';
import m009 from './009_evaluations';
import m010 from './010_evaluation_cta_link';
import m011 from './011_retention';
import m012 from './012_indexes';
import m013 from './013_idle_lock';
import m014 from './014_record_guards';
import m015 from './015_installation';
import m016 from './016_interop';
import m017 from './017_date_format';
import m018 from './018_drafts_and_privacy';
import m019 from './019_supervisor_email';

/**
 * Forward-only migrations. Migration N brings the database to user_version N.
 * Never edit or reorder a shipped one: add the next number.
 */
export const MIGRATIONS: readonly string[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m010, m011, m012, m013, m014, m015, m016, m017, m018, m019];
export const SCHEMA_VERSION = MIGRATIONS.length;
