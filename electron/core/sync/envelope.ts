import { schoolYearOf } from '../../../shared/schoolYear';
import { DEFAULT_SCHOOL_YEAR_START_MONTH } from '../../../shared/vocabulary';
import type { CoreContext } from '../context';
import { getSettings } from '../services/settings/settings';

/** Who an export belongs to and its school year, frozen when it is queued so a retry sends the same bytes. */
export interface ExportEnvelope {
  supervisor: { name: string; district: string } | null;
  schoolYear: { label: string; start: string; end: string };
}

export function exportEnvelope(ctx: CoreContext, at: Date = ctx.now()): ExportEnvelope {
  const settings = getSettings(ctx.db);
  return {
    supervisor: settings ? { name: settings.supervisorName, district: settings.district } : null,
    schoolYear: schoolYearOf(at, settings?.schoolYearStartMonth ?? DEFAULT_SCHOOL_YEAR_START_MONTH),
  };
}
