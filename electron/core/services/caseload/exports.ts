import { toCsv } from '../../../../shared/csv';
import type { CsvFile } from '../../../../shared/caseload/model';
import { LEADER_ROLE_LABELS, NEED_TIER_LABELS, SCHOOL_LEVEL_LABELS, SUPPORT_TIER_LABELS } from '../../../../shared/vocabulary';
import { type CoreContext, today } from '../../context';
import { attachmentName } from '../../export/fileName';
import { getCaseload } from './caseload';

/** The caseload as a spreadsheet; every cell is formula-neutralised by toCsv. */
export function exportCaseloadCsv(ctx: CoreContext): CsvFile {
  const { entries } = getCaseload(ctx);
  const header = ['name', 'email', 'role', 'role_start_date', 'years_in_role', 'school_name', 'school_code', 'school_level', 'need_tier', 'support_tier', 'cadence_days'];
  const rows = entries.map(({ leader, school, assignment, yearsInRole }) => [
    leader.name,
    leader.email,
    LEADER_ROLE_LABELS[leader.role],
    leader.roleStartDate,
    yearsInRole,
    school?.name,
    school?.districtCode,
    school ? SCHOOL_LEVEL_LABELS[school.level] : null,
    school ? NEED_TIER_LABELS[school.needTier] : null,
    assignment ? SUPPORT_TIER_LABELS[assignment.supportTier] : null,
    assignment?.cadenceDays,
  ]);
  return { filename: attachmentName(ctx.db, ['fieldbook-caseload'], today(ctx), 'csv'), csv: toCsv([header, ...rows]) };
}
