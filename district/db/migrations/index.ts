import m001 from './001_packages';
import m002 from './002_records';
import m003 from './003_staff_accounts';
import m004 from './004_leader_view';

/** The district schema, in order. Never edit or reorder one that has shipped: add the next. */
export const DISTRICT_MIGRATIONS: readonly { name: string; sql: string }[] = [
  { name: 'packages', sql: m001 },
  { name: 'records', sql: m002 },
  { name: 'staff_accounts', sql: m003 },
  { name: 'leader_view', sql: m004 },
];
