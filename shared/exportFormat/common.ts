import { z } from 'zod';

/**
 * The building blocks of the package format (docs/export-format.md), shared by the app that writes
 * packages and the district that checks them. No transforms: every schema here also becomes a JSON
 * Schema (district/schemas.ts), so what is checked is exactly what is documented.
 */

/** Every kind of export Fieldbook writes. */
export const EXPORT_KINDS = ['cta_checkin', 'cta_checkin_addendum', 'evaluation', 'visit_log', 'caseload_roster', 'retention_snapshot'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The versions of the document this code reads; the app writes the newest. */
export const PACKAGE_VERSIONS = [1, 2] as const;
export type PackageVersion = (typeof PACKAGE_VERSIONS)[number];

export const DOCUMENT_FILE = 'fieldbook-export.json';
export const MANIFEST_FILE = 'fieldbook-manifest.json';

export const isoDate = z.iso.date();
export const isoDateTime = z.iso.datetime();
export const clockTime = z.string().regex(/^\d{2}:\d{2}$/);
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256: 64 lowercase hexadecimal characters');
export const count = z.number().int().min(0);
export const localId = z.number().int().positive();
/** Free text a person typed; bounded so a document stays a document. */
export const text = z.string().max(100_000);
export const email = z.email().max(320);

/**
 * A file in a package: letters, digits, `.`, `_`, `(`, `)`, space and `-`, never starting with a
 * dot or a space, so no name can be a path (`../x`), a hidden file or another package's folder.
 */
export const packageFileName = z.string().min(1).max(255).regex(/^[A-Za-z0-9_()-][A-Za-z0-9._() -]*$/, 'a plain file name (letters, digits, . _ ( ) - and spaces; no folders)');

/**
 * Version 2 export ids: `<kind>:<installation id>:<record key>` and, from the second revision on,
 * `.r<N>`. The record key is the record's own key (a number, a UUID or a date): letters, digits
 * and hyphens, so the revision suffix can never be mistaken for part of it.
 */
export const RECORD_KEY = '[A-Za-z0-9-]{1,64}';
export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const installationId = z.string().regex(new RegExp(`^${UUID}$`), 'an installation id: a lowercase UUID');
export const v2ExportId = (kind: string) => z.string().regex(new RegExp(`^${kind}:${UUID}:${RECORD_KEY}(\\.r[1-9][0-9]{0,5})?$`), `an export id: ${kind}:<installation id>:<key>[.rN]`);
export const v2RecordId = (kind: string) => z.string().regex(new RegExp(`^${kind}:${UUID}:${RECORD_KEY}$`), `a record id: ${kind}:<installation id>:<key>`);

/** A package's folder name: the id with ':' as '--' and anything unusual as '_', never starting with a dot. */
export function folderNameFor(id: string): string {
  const name = id.replace(/:/g, '--').replace(/[^A-Za-z0-9._-]/g, '_');
  return name.startsWith('.') ? `_${name}` : name;
}

/** The record and revision a version 2 export id names. */
export function parseV2ExportId(id: string): { kind: string; installationId: string; key: string; record: string; revision: number } | null {
  const m = new RegExp(`^([a-z_]+):(${UUID}):(${RECORD_KEY})(?:\\.r([1-9][0-9]{0,5}))?$`).exec(id);
  if (!m) return null;
  return { kind: m[1], installationId: m[2], key: m[3], record: `${m[1]}:${m[2]}:${m[3]}`, revision: m[4] ? Number(m[4]) : 1 };
}

/** Version 1 ids had no installation: `<kind>:<key>`, revisions `.rN` (`.N` for an evaluation locked again). */
export function parseV1ExportId(id: string): { kind: string; key: string; record: string; revision: number } | null {
  const m = /^([a-z_]+):(.+?)(?:\.r?([1-9][0-9]{0,5}))?$/.exec(id);
  if (!m) return null;
  const revisionMark = m[3] ? (m[1] === 'evaluation' ? /\.[0-9]+$/ : /\.r[0-9]+$/) : null;
  // Only the suffix that kind uses counts as a revision; anything else is part of the key.
  if (revisionMark && !revisionMark.test(id)) return { kind: m[1], key: id.slice(m[1].length + 1), record: id, revision: 1 };
  return { kind: m[1], key: m[2], record: `${m[1]}:${m[2]}`, revision: m[3] ? Number(m[3]) : 1 };
}
