import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { folderNameFor } from '../../shared/exportFormat/common';
import { DOCUMENT_FILE, type HttpsBody, httpsBodySchema, MANIFEST_FILE, packageJsonBytes } from '../../shared/exportFormat/document';
import { pathText } from './json';
import { PackageRefused } from './refusal';

/**
 * Where a package's files come from: a package folder (the folder and WebDAV targets, the drop
 * folder) or the body of an HTTPS POST. Only names the manifest allows are ever asked for.
 */
export interface PackageSource {
  /** The file's size, or null when it is not there. */
  size(name: string): Promise<number | null>;
  read(name: string): Promise<Buffer>;
}

export function folderSource(folder: string): PackageSource {
  const file = async (name: string) => {
    const full = path.join(folder, name);
    let stat;
    try {
      stat = await fs.lstat(full);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    // A link could point anywhere on the server: only plain files are read.
    if (!stat.isFile()) throw new PackageRefused('not_a_file', `${name} in the package is ${stat.isSymbolicLink() ? 'a link' : 'not a plain file'}; a package holds plain files only`, name);
    return { full, size: stat.size };
  };
  return {
    size: async (name) => (await file(name))?.size ?? null,
    read: async (name) => fs.readFile((await file(name))!.full),
  };
}

/**
 * An HTTPS body: the manifest and document arrive as JSON objects, so their file bytes are made
 * again exactly as a folder target writes them (JSON.stringify(value, null, 2) and a newline),
 * and the manifest's SHA-256s are checked against those bytes. Attachments arrive in base64.
 */
export function httpsBodySource(value: unknown, idempotencyKey: string | null): { source: PackageSource; body: HttpsBody } {
  const parsed = httpsBodySchema.safeParse(value);
  if (!parsed.success) throw new PackageRefused('bad_body', `The body is not a Fieldbook package: ${issueText(parsed.error)}`, pathText(parsed.error.issues[0].path));
  const body = parsed.data;
  if (idempotencyKey === null) throw new PackageRefused('no_idempotency_key', 'The request has no Idempotency-Key header: Fieldbook sends the export id there', 'Idempotency-Key');
  if (idempotencyKey !== body.id) throw new PackageRefused('key_mismatch', `The Idempotency-Key (${idempotencyKey}) is not the package's id (${body.id})`, 'Idempotency-Key');
  if (body.folder !== folderNameFor(body.id)) throw new PackageRefused('bad_body', `folder "${body.folder}" is not the folder name of id ${body.id}`, 'folder');
  const files = new Map<string, Buffer>([
    [MANIFEST_FILE, Buffer.from(packageJsonBytes(body.manifest), 'utf8')],
    [DOCUMENT_FILE, Buffer.from(packageJsonBytes(body.document), 'utf8')],
  ]);
  // What the body says of each attachment is what the document says (the bytes are checked against the manifest).
  const named = Array.isArray(body.document.attachments) ? (body.document.attachments as Record<string, unknown>[]) : [];
  for (const [i, a] of body.attachments.entries()) {
    const listed = named.find((d) => d?.name === a.name);
    if (!listed && Array.isArray(body.document.attachments)) throw new PackageRefused('attachment_mismatch', `attachments[${i}] (${a.name}) is not named in the document`, `attachments[${i}]`);
    if (listed && (listed.mediaType !== a.mediaType || listed.size !== a.size || listed.sha256 !== a.sha256)) {
      throw new PackageRefused('attachment_mismatch', `attachments[${i}] (${a.name}) does not say what the document says of it (media type, size or SHA-256)`, `attachments[${i}]`);
    }
    const bytes = Buffer.from(a.contentBase64, 'base64');
    if (bytes.toString('base64') !== a.contentBase64) throw new PackageRefused('bad_body', `attachments[${i}].contentBase64 is not base64`, `attachments[${i}].contentBase64`);
    if (files.has(a.name)) throw new PackageRefused('bad_body', `attachments[${i}]: the package already has a file named ${a.name}`, `attachments[${i}].name`);
    files.set(a.name, bytes);
  }
  return {
    body,
    source: {
      size: async (name) => files.get(name)?.length ?? null,
      read: async (name) => files.get(name)!,
    },
  };
}

/** The first few problems zod found, each with where it is. */
export function issueText(error: z.ZodError, prefix = ''): string {
  const shown = error.issues.slice(0, 3).map((i) => `${prefix}${pathText(i.path) || '(the whole file)'}: ${i.message}`);
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return `${shown.join('; ')}${more}`;
}
