/** Sync vocabulary: where exports can go, how a target signs in, and the export kinds' names. */
export const SYNC_TARGET_KINDS = ['folder', 'webdav', 'https'] as const;
export type SyncTargetKind = (typeof SYNC_TARGET_KINDS)[number];
export const SYNC_TARGET_KIND_LABELS: Record<SyncTargetKind, string> = {
  folder: 'Folder (a district-synced drive or a USB stick)',
  webdav: 'WebDAV file server (Nextcloud, SharePoint and the like)',
  https: 'District web address (HTTPS endpoint)',
};

export const SYNC_AUTHS = ['none', 'basic', 'bearer'] as const;
export type SyncAuth = (typeof SYNC_AUTHS)[number];
export const SYNC_AUTH_LABELS: Record<SyncAuth, string> = {
  none: 'No sign-in',
  basic: 'User name and password',
  bearer: 'Access token',
};

/** What each kind of export is called on the Sync screen (other issues add their kinds here). */
export const EXPORT_KIND_LABELS: Record<string, string> = {
  visit_log: 'Weekly visit log',
  caseload_roster: 'Caseload roster',
  cta_checkin: 'CTA check-in',
  cta_checkin_addendum: 'CTA check-in addendum',
  evaluation: 'Evaluation',
  retention_snapshot: 'Retention summary',
};
export const exportKindLabel = (kind: string): string => EXPORT_KIND_LABELS[kind] ?? kind.replace(/_/g, ' ');

/** The version of the JSON document in every package (README: "Sending exports to the district"). */
export const PACKAGE_SCHEMA_VERSION = 1;

/** An address a target may use: https anywhere, plain http only to this computer (for a local relay or tests). */
export function isAllowedTargetUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return Boolean(url.hostname);
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}
