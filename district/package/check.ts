import crypto from 'node:crypto';
import { type ExportKind, parseV1ExportId, parseV2ExportId, PACKAGE_VERSIONS, type PackageVersion } from '../../shared/exportFormat/common';
import {
  type DocumentV1, type DocumentV2, DOCUMENT_FILE, documentHead, documentSchema, type Manifest, MANIFEST_FILE, manifestSchema,
} from '../../shared/exportFormat/document';
import { pathText, parsePackageJson } from './json';
import { PackageRefused } from './refusal';
import { issueText, type PackageSource } from './source';

/** A package is a few documents and PDFs: far below this. */
export const MAX_PACKAGE_BYTES = 25 * 1024 * 1024;
const MAX_JSON_BYTES = 5 * 1024 * 1024;

export interface PackageFile {
  name: string;
  role: 'manifest' | 'document' | 'attachment';
  mediaType: string;
  bytes: Buffer;
  sha256: string;
}

/** A package that passed every check: what the loader needs, and every file's exact bytes. */
export interface CheckedPackage {
  version: PackageVersion;
  id: string;
  kind: ExportKind;
  /** The id all revisions of the record share, and this one's revision. */
  record: string;
  revision: number;
  /** The installation id (version 2), or 'v1:<name>|<district>' for version 1, which has none. */
  sourceKey: string;
  installationId: string | null;
  supervisor: { name: string | null; email: string | null; district: string | null };
  document: DocumentV1 | DocumentV2;
  manifestSha256: string;
  files: PackageFile[];
}

export const sha256 = (bytes: Buffer): string => crypto.createHash('sha256').update(bytes).digest('hex');
const bytesText = (n: number) => `${n.toLocaleString('en-US')} bytes`;

function versionOf(value: unknown, file: string): PackageVersion {
  if (!(PACKAGE_VERSIONS as readonly unknown[]).includes(value)) {
    const said = typeof value === 'number' ? `schema version ${value}` : 'no schema version';
    throw new PackageRefused('unknown_schema_version', `${file} has ${said}; this district server reads versions ${PACKAGE_VERSIONS.join(' and ')}. A newer Fieldbook needs a newer district server`, `${file}: schemaVersion`);
  }
  return value as PackageVersion;
}

const sourceKeyV1 = (supervisor: { name: string; district: string } | null) =>
  supervisor ? `v1:${supervisor.name.trim().toLowerCase()}|${supervisor.district.trim().toLowerCase()}` : 'v1:(no profile)';

/**
 * Check a package before anything is written: the manifest (every file's size and SHA-256), the
 * schema version, the document against the shared zod schema of its kind and version, the
 * attachments it names, and that its id is its own. Throws PackageRefused with the reason.
 */
export async function checkPackage(source: PackageSource): Promise<CheckedPackage> {
  const manifestSize = await source.size(MANIFEST_FILE);
  if (manifestSize === null) {
    throw new PackageRefused('no_manifest', `There is no ${MANIFEST_FILE}: the package is incomplete (still being written, or copied without it) or is not a Fieldbook package`, MANIFEST_FILE);
  }
  if (manifestSize > MAX_JSON_BYTES) throw new PackageRefused('too_large', `${MANIFEST_FILE} is ${bytesText(manifestSize)}: far more than a manifest`, MANIFEST_FILE);
  const manifestBytes = await source.read(MANIFEST_FILE);
  const rawManifest = parsePackageJson(manifestBytes, MANIFEST_FILE);
  const version = versionOf((rawManifest as { schemaVersion?: unknown } | null)?.schemaVersion, MANIFEST_FILE);
  const parsedManifest = manifestSchema.safeParse(rawManifest);
  if (!parsedManifest.success) throw new PackageRefused('bad_manifest', `${MANIFEST_FILE}: ${issueText(parsedManifest.error)}`, `${MANIFEST_FILE}: ${pathText(parsedManifest.error.issues[0].path)}`);
  const manifest: Manifest = parsedManifest.data;

  const names = manifest.files.map((f) => f.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new PackageRefused('bad_manifest', `${MANIFEST_FILE} lists ${twice} twice`, MANIFEST_FILE);
  if (names.includes(MANIFEST_FILE)) throw new PackageRefused('bad_manifest', `${MANIFEST_FILE} lists itself`, MANIFEST_FILE);
  if (!names.includes(DOCUMENT_FILE)) throw new PackageRefused('no_document', `${MANIFEST_FILE} does not list ${DOCUMENT_FILE}, the package's document`, MANIFEST_FILE);
  const total = manifest.files.reduce((n, f) => n + f.size, manifestBytes.length);
  if (total > MAX_PACKAGE_BYTES) throw new PackageRefused('too_large', `The package is ${bytesText(total)}; the district takes packages of up to ${bytesText(MAX_PACKAGE_BYTES)}`, MANIFEST_FILE);

  const contents = new Map<string, Buffer>();
  for (const f of manifest.files) {
    const size = await source.size(f.name);
    if (size === null) throw new PackageRefused('missing_file', `${f.name} is listed in the manifest but is not in the package`, f.name);
    if (size !== f.size) {
      throw new PackageRefused('size_mismatch', `${f.name} is ${bytesText(size)}; the manifest says ${bytesText(f.size)}: the file is ${size < f.size ? 'truncated' : 'longer than it was'} or was changed`, f.name);
    }
    const bytes = await source.read(f.name);
    if (bytes.length !== f.size) throw new PackageRefused('size_mismatch', `${f.name} changed while it was being read`, f.name);
    if (sha256(bytes) !== f.sha256) throw new PackageRefused('hash_mismatch', `${f.name} does not match its SHA-256 in the manifest: it was changed or damaged on the way`, f.name);
    contents.set(f.name, bytes);
  }

  const docBytes = contents.get(DOCUMENT_FILE)!;
  if (docBytes.length > MAX_JSON_BYTES) throw new PackageRefused('too_large', `${DOCUMENT_FILE} is ${bytesText(docBytes.length)}: far more than a document`, DOCUMENT_FILE);
  const raw = parsePackageJson(docBytes, DOCUMENT_FILE) as Record<string, unknown> | null;
  const docVersion = versionOf(raw?.schemaVersion, DOCUMENT_FILE);
  if (docVersion !== version) throw new PackageRefused('version_mismatch', `${DOCUMENT_FILE} is schema version ${docVersion} but the manifest is version ${version}`, `${DOCUMENT_FILE}: schemaVersion`);
  const head = documentHead.safeParse(raw);
  if (!head.success) throw new PackageRefused('unknown_kind', `${DOCUMENT_FILE}: kind ${JSON.stringify(raw?.kind)} is not a kind of export Fieldbook writes`, `${DOCUMENT_FILE}: kind`);
  const kind = head.data.kind;
  const parsed = documentSchema(version, kind).safeParse(raw);
  if (!parsed.success) {
    throw new PackageRefused('bad_document', `${DOCUMENT_FILE} does not match schema version ${version} of ${kind}: ${issueText(parsed.error)}`, `${DOCUMENT_FILE}: ${pathText(parsed.error.issues[0].path)}`);
  }
  const document = parsed.data as DocumentV1 | DocumentV2;
  if (document.id !== manifest.id) throw new PackageRefused('id_mismatch', `${DOCUMENT_FILE} is ${document.id} but the manifest is ${manifest.id}`, `${DOCUMENT_FILE}: id`);

  // The attachments the document names are exactly the other files the manifest lists.
  const listed = manifest.files.filter((f) => f.name !== DOCUMENT_FILE);
  for (const a of document.attachments) {
    const f = listed.find((x) => x.name === a.name);
    if (!f) throw new PackageRefused('attachment_mismatch', `The document names ${a.name}, which the manifest does not list`, `${DOCUMENT_FILE}: attachments`);
    if (f.size !== a.size || f.sha256 !== a.sha256) throw new PackageRefused('attachment_mismatch', `The document and the manifest give ${a.name} a different size or SHA-256`, `${DOCUMENT_FILE}: attachments`);
  }
  const unnamed = listed.find((f) => !document.attachments.some((a) => a.name === f.name));
  if (unnamed) throw new PackageRefused('attachment_mismatch', `The manifest lists ${unnamed.name}, which the document does not name`, `${DOCUMENT_FILE}: attachments`);

  const identity = identityOf(document, kind);
  const files: PackageFile[] = [
    { name: MANIFEST_FILE, role: 'manifest', mediaType: 'application/json', bytes: manifestBytes, sha256: sha256(manifestBytes) },
    { name: DOCUMENT_FILE, role: 'document', mediaType: 'application/json', bytes: docBytes, sha256: sha256(docBytes) },
    ...document.attachments.map((a) => ({ name: a.name, role: 'attachment' as const, mediaType: a.mediaType, bytes: contents.get(a.name)!, sha256: a.sha256 })),
  ];
  return { version, id: document.id, kind, ...identity, document, manifestSha256: files[0].sha256, files };
}

/** Which record and source a package belongs to, checked against its own id. */
function identityOf(document: DocumentV1 | DocumentV2, kind: ExportKind): Pick<CheckedPackage, 'record' | 'revision' | 'sourceKey' | 'installationId' | 'supervisor'> {
  if (document.schemaVersion === 2) {
    const id = parseV2ExportId(document.id)!; // the schema's pattern already holds
    if (id.installationId !== document.installationId) {
      throw new PackageRefused('wrong_installation', `The id ${document.id} belongs to installation ${id.installationId}, but the package comes from installation ${document.installationId}: a package never carries another installation's id`, `${DOCUMENT_FILE}: id`);
    }
    if (id.record !== document.record || id.revision !== document.revision) {
      throw new PackageRefused('id_mismatch', `The id ${document.id} is revision ${id.revision} of ${id.record}, but the document says revision ${document.revision} of ${document.record}`, `${DOCUMENT_FILE}: record`);
    }
    const s = document.supervisor;
    return { record: id.record, revision: id.revision, sourceKey: document.installationId, installationId: document.installationId, supervisor: { name: s?.name ?? null, email: s?.email ?? null, district: s?.district ?? null } };
  }
  const id = parseV1ExportId(document.id);
  if (!id || id.kind !== kind) throw new PackageRefused('id_mismatch', `The id ${document.id} is not an id of a ${kind} export`, `${DOCUMENT_FILE}: id`);
  const s = document.supervisor;
  return { record: id.record, revision: id.revision, sourceKey: sourceKeyV1(s), installationId: null, supervisor: { name: s?.name ?? null, email: null, district: s?.district ?? null } };
}
