import { PACKAGE_SCHEMA_VERSION } from '../../../shared/sync/vocabulary';
import type { CoreContext } from '../context';
import { type ExportEnvelope, exportEnvelope } from './envelope';
import { sha256 } from './outbox';

/**
 * The package a target receives for one outbox item: a folder named after the item, holding
 * fieldbook-export.json (the versioned document), the attachments, and fieldbook-manifest.json
 * (every other file with its size and SHA-256), written last. README: "Sending exports to the district".
 */
export const DOCUMENT_FILE = 'fieldbook-export.json';
export const MANIFEST_FILE = 'fieldbook-manifest.json';

export interface PackageFile {
  name: string;
  mediaType: string;
  content: Buffer;
  sha256: string;
}

export interface ExportPackage {
  id: string;
  folderName: string;
  /** The document, then the attachments: the files the manifest lists. */
  files: PackageFile[];
  manifest: PackageFile;
}

/** What a target filter sees and may trim (sync/consent.ts: retention only where consent allows). */
export interface PackageParts {
  id: string;
  kind: string;
  payload: unknown;
  attachments: { name: string; mediaType: string; content: Buffer }[];
}
/** null: this item is not for that target. */
export type PackageFilter = (parts: PackageParts) => PackageParts | null;
export const sendEverything: PackageFilter = (parts) => parts;

/** A name every file system takes: the id's ':' becomes '--', anything unusual '_'. */
export function folderNameFor(id: string): string {
  const name = id.replace(/:/g, '--').replace(/[^A-Za-z0-9._-]/g, '_');
  return name.startsWith('.') ? `_${name}` : name;
}

const safeFileName = (name: string): string => {
  const clean = name.replace(/[^A-Za-z0-9._() -]/g, '_').replace(/^[.\s]+/, '_');
  return clean === DOCUMENT_FILE || clean === MANIFEST_FILE ? `attachment-${clean}` : clean;
};

/** Two names that clean up the same ("a:b.pdf", "a?b.pdf") get -2, -3… before the extension. */
function uniqueName(name: string, used: Set<string>): string {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  let candidate = name;
  for (let n = 2; used.has(candidate); n++) candidate = `${stem}-${n}${ext}`;
  used.add(candidate);
  return candidate;
}

const file = (name: string, mediaType: string, content: Buffer): PackageFile => ({ name, mediaType, content, sha256: sha256(content) });
const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

interface OutboxRow {
  id: string;
  kind: string;
  payload: string;
  createdAt: string;
  envelope: string | null;
}

/** The item's parts as stored; null if it is not in the outbox. */
export function readParts(ctx: CoreContext, id: string): (PackageParts & { createdAt: string; envelope: ExportEnvelope }) | null {
  const row = ctx.db.prepare(`SELECT id, kind, payload, created_at AS createdAt, envelope FROM outbox WHERE id = ?`).get(id) as OutboxRow | undefined;
  if (!row) return null;
  let envelope: ExportEnvelope;
  if (row.envelope) envelope = JSON.parse(row.envelope) as ExportEnvelope;
  else {
    // Queued before envelopes existed: freeze one now so every later attempt sends the same bytes.
    envelope = exportEnvelope(ctx, new Date(row.createdAt));
    ctx.db.prepare(`UPDATE outbox SET envelope = ? WHERE id = ? AND envelope IS NULL`).run(JSON.stringify(envelope), id);
  }
  const attachments = (
    ctx.db.prepare(`SELECT filename AS name, media_type AS mediaType, content FROM outbox_attachments WHERE outbox_id = ? ORDER BY filename`).all(id) as PackageParts['attachments']
  );
  return { id: row.id, kind: row.kind, payload: JSON.parse(row.payload), attachments, createdAt: row.createdAt, envelope };
}

/** Build the package; the same item always gives the same bytes. null when the filter leaves it out. */
export function buildPackage(ctx: CoreContext, id: string, filter: PackageFilter = sendEverything): ExportPackage | null {
  const stored = readParts(ctx, id);
  if (!stored) return null;
  const parts = filter(stored);
  if (!parts) return null;
  const used = new Set<string>();
  const attachments = parts.attachments.map((a) => file(uniqueName(safeFileName(a.name), used), a.mediaType, a.content));
  const document = file(DOCUMENT_FILE, 'application/json', json({
    schemaVersion: PACKAGE_SCHEMA_VERSION,
    id: stored.id,
    kind: stored.kind,
    createdAt: stored.createdAt,
    supervisor: stored.envelope.supervisor,
    schoolYear: stored.envelope.schoolYear,
    payload: parts.payload,
    attachments: attachments.map((a) => ({ name: a.name, mediaType: a.mediaType, size: a.content.length, sha256: a.sha256 })),
  }));
  const files = [document, ...attachments];
  const manifest = file(MANIFEST_FILE, 'application/json', json({
    schemaVersion: PACKAGE_SCHEMA_VERSION,
    id: stored.id,
    files: files.map((f) => ({ name: f.name, size: f.content.length, sha256: f.sha256 })),
  }));
  return { id: stored.id, folderName: folderNameFor(stored.id), files, manifest };
}

/** Whether the manifest text found at a target describes exactly this package. */
export const sameManifest = (pkg: ExportPackage, found: Buffer | string | null): boolean =>
  found !== null && sha256(Buffer.isBuffer(found) ? found : Buffer.from(found, 'utf8')) === pkg.manifest.sha256;
