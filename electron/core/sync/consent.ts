import { RETENTION_EXPORT_KIND } from '../../../shared/retention/vocabulary';
import type { PackageFilter, PackageParts } from './package';
import type { TargetRow } from './store';

/**
 * Confidential by default: a retention summary reaches a target only as far as the supervisor
 * chose for it. Nothing (the item is left out), counts by risk level and intent with no names,
 * or the named records. Every other export passes unchanged.
 */
interface RetentionPayload {
  title?: unknown;
  schemaVersion?: unknown;
  date?: unknown;
  schoolYear?: unknown;
  counts?: unknown;
}

function countsOnly(parts: PackageParts): PackageParts {
  const p = (parts.payload ?? {}) as RetentionPayload;
  // Built from the few fields counts are made of, so nothing else can ride along.
  return { ...parts, payload: { title: p.title, schemaVersion: p.schemaVersion, consent: 'counts', date: p.date, schoolYear: p.schoolYear, counts: p.counts }, attachments: [] };
}

export function consentFilter(target: Pick<TargetRow, 'retentionConsent'>): PackageFilter {
  return (parts) => {
    if (parts.kind !== RETENTION_EXPORT_KIND) return parts;
    if (target.retentionConsent === 'counts') return countsOnly(parts);
    if (target.retentionConsent === 'named') return { ...parts, payload: { ...(parts.payload as object), consent: 'named' } };
    return null;
  };
}
