import { schoolYearOf } from '../../../shared/schoolYear';
import { DEFAULT_SCHOOL_YEAR_START_MONTH } from '../../../shared/vocabulary';
import type { CoreContext } from '../context';
import { getInstallationId, getSettings } from '../services/settings/settings';

/**
 * Who an export belongs to and its school year, frozen when it is queued so a retry sends the
 * same bytes. Exports queued before schema version 2 keep a version 1 envelope (no
 * schemaVersion, no installation, no email) and are sent as the version 1 packages they were.
 */
export interface ExportEnvelopeV1 {
  schemaVersion?: undefined;
  supervisor: { name: string; district: string } | null;
  schoolYear: { label: string; start: string; end: string };
}

export interface ExportEnvelopeV2 {
  schemaVersion: 2;
  installationId: string;
  /** The id every revision of the record shares, and this one's number (1, 2…). */
  record: string;
  revision: number;
  supervisor: { name: string; email: string | null; district: string } | null;
  schoolYear: { label: string; start: string; end: string };
}

export type ExportEnvelope = ExportEnvelopeV1 | ExportEnvelopeV2;

export function exportEnvelope(ctx: CoreContext, record: string, revision: number): ExportEnvelopeV2 {
  const settings = getSettings(ctx.db);
  return {
    schemaVersion: 2,
    installationId: getInstallationId(ctx.db),
    record,
    revision,
    supervisor: settings ? { name: settings.supervisorName, email: settings.supervisorEmail, district: settings.district } : null,
    schoolYear: schoolYearOf(ctx.now(), settings?.schoolYearStartMonth ?? DEFAULT_SCHOOL_YEAR_START_MONTH),
  };
}

/** For an item queued before envelopes existed (its id is a version 1 id): frozen on first use. */
export function legacyEnvelope(ctx: CoreContext, queuedAt: Date): ExportEnvelopeV1 {
  const settings = getSettings(ctx.db);
  return {
    supervisor: settings ? { name: settings.supervisorName, district: settings.district } : null,
    schoolYear: schoolYearOf(queuedAt, settings?.schoolYearStartMonth ?? DEFAULT_SCHOOL_YEAR_START_MONTH),
  };
}
