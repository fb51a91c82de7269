import { z } from 'zod';
import {
  DOCUMENT_FILE, EXPORT_KINDS, type ExportKind, installationId, isoDate, isoDateTime, MANIFEST_FILE, packageFileName, type PackageVersion,
  sha256Hex, v2ExportId, v2RecordId,
} from './common';
import { PAYLOADS_V1 } from './payloadsV1';
import { PAYLOADS_V2 } from './payloadsV2';

/**
 * The two JSON files of every package, the body an HTTPS target posts, and the receipt the
 * district answers with. docs/export-format.md describes each field; district/schemas.ts turns
 * these into the JSON Schemas in docs/schemas/.
 */

const fileEntry = z.strictObject({ name: packageFileName, size: z.number().int().min(0), sha256: sha256Hex });

/** fieldbook-manifest.json: every other file of the package with its size and SHA-256. Written last. */
export const manifestSchema = z.strictObject({
  schemaVersion: z.union([z.literal(1), z.literal(2)]),
  id: z.string().min(3).max(200),
  files: z.array(fileEntry).min(1).max(100),
});
export type Manifest = z.infer<typeof manifestSchema>;

const attachmentRef = z.strictObject({
  name: packageFileName,
  mediaType: z.enum(['application/pdf', 'text/csv']),
  size: z.number().int().min(0),
  sha256: sha256Hex,
});
const schoolYear = z.strictObject({ label: z.string().max(20), start: isoDate, end: isoDate });

/** The supervisor as the profile stood when the export was queued (null before a profile existed). */
const supervisorV2 = z.strictObject({
  name: z.string().max(200),
  /** null: the profile was saved before Fieldbook asked for an email. */
  email: z.email().max(320).nullable(),
  district: z.string().max(200),
}).nullable();

export function documentSchemaV2<K extends ExportKind>(kind: K) {
  return z.strictObject({
    schemaVersion: z.literal(2),
    id: v2ExportId(kind),
    kind: z.literal(kind),
    /** The id every revision of this record shares (the id of revision 1). */
    record: v2RecordId(kind),
    revision: z.number().int().min(1).max(999_999),
    createdAt: isoDateTime,
    installationId,
    supervisor: supervisorV2,
    schoolYear,
    payload: PAYLOADS_V2[kind] as (typeof PAYLOADS_V2)[K],
    attachments: z.array(attachmentRef).max(99),
  });
}

export function documentSchemaV1<K extends ExportKind>(kind: K) {
  return z.looseObject({
    schemaVersion: z.literal(1),
    id: z.string().min(3).max(200),
    kind: z.literal(kind),
    createdAt: isoDateTime,
    supervisor: z.looseObject({ name: z.string().max(200), district: z.string().max(200) }).nullable(),
    schoolYear,
    payload: PAYLOADS_V1[kind] as (typeof PAYLOADS_V1)[K],
    attachments: z.array(attachmentRef).max(99),
  });
}

/** Built once per version and kind: zod compiles a schema on first use, and the district checks thousands of documents. */
const documentSchemas = new Map<string, ReturnType<typeof documentSchemaV2> | ReturnType<typeof documentSchemaV1>>();
export function documentSchema(version: PackageVersion, kind: ExportKind) {
  const key = `${version}:${kind}`;
  if (!documentSchemas.has(key)) documentSchemas.set(key, version === 2 ? documentSchemaV2(kind) : documentSchemaV1(kind));
  return documentSchemas.get(key)!;
}

export type DocumentV2<K extends ExportKind = ExportKind> = z.infer<ReturnType<typeof documentSchemaV2<K>>>;
export type DocumentV1<K extends ExportKind = ExportKind> = z.infer<ReturnType<typeof documentSchemaV1<K>>>;

/** Before the kind is known: enough to choose the right schema. */
export const documentHead = z.looseObject({ schemaVersion: z.number(), kind: z.enum(EXPORT_KINDS) });

/**
 * What an HTTPS target posts: the manifest and the document as JSON objects (their file bytes are
 * `JSON.stringify(value, null, 2)` and a newline), the attachments in base64.
 */
export const httpsBodySchema = z.strictObject({
  id: z.string().min(3).max(200),
  folder: z.string().min(1).max(250),
  manifest: z.record(z.string(), z.unknown()),
  document: z.record(z.string(), z.unknown()),
  attachments: z.array(z.strictObject({
    name: packageFileName,
    mediaType: z.string().max(100),
    size: z.number().int().min(0),
    sha256: sha256Hex,
    contentBase64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
  })).max(99),
});
export type HttpsBody = z.infer<typeof httpsBodySchema>;

/** The exact bytes of a JSON file in a package, as a folder target writes it. */
export const packageJsonBytes = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export const RECEIPT_OUTCOMES = ['loaded', 'already_had', 'superseded', 'held'] as const;
export type ReceiptOutcome = (typeof RECEIPT_OUTCOMES)[number];

/** The district’s answer to a package it stored, or already had (docs/export-format.md, "Receipts"). */
export const receiptSchema = z.strictObject({
  receipt: z.strictObject({
    id: z.string().min(3).max(200),
    /** SHA-256 of fieldbook-manifest.json's exact bytes. */
    manifestSha256: sha256Hex,
    outcome: z.enum(RECEIPT_OUTCOMES),
    storedAt: isoDateTime,
  }),
});
export type Receipt = z.infer<typeof receiptSchema>['receipt'];

export { DOCUMENT_FILE, MANIFEST_FILE };
