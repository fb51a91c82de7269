import fs from 'node:fs';
import path from 'node:path';
import { DOCUMENT_FILE, MANIFEST_FILE } from '../shared/exportFormat/common';
import type { ReceiptOutcome } from '../shared/exportFormat/document';
import { exportKindLabel } from '../shared/sync/vocabulary';
import type { DistrictDb } from './db/connection';
import { type Channel, loadPackages, type LoadResult } from './load/load';
import { type CheckedPackage, checkPackage, sha256 } from './package/check';
import { PackageRefused, type Refusal, refusalOf } from './package/refusal';
import { folderSource } from './package/source';
import { quarantineFolder, recordQuarantine } from './quarantine';

export type IngestOutcome = ReceiptOutcome | 'quarantined';

export interface PackageReport {
  dir: string;
  outcome: IngestOutcome;
  /** One line for a person: what it was and what happened. */
  line: string;
  result?: LoadResult;
  refusal?: Refusal;
}

export interface IngestSummary {
  counts: Record<IngestOutcome, number>;
  reports: PackageReport[];
  /** Packages left for later (a drop folder's package still arriving). */
  waiting: number;
}

export interface IngestOptions {
  channel: Extract<Channel, 'ingest' | 'drop'>;
  quarantineRoot: string;
  /** Packages loaded at once (each in its own transaction); PGlite takes one at a time. */
  concurrency?: number;
  onReport?: (report: PackageReport) => void;
  /** The drop folder: remove a package once the database holds it. */
  removeLoaded?: boolean;
  /** The drop folder: leave a package alone while any of its files changed this recently (ms). */
  settleMs?: number;
  /** The drop folder: a package that looks incomplete waits this long (ms) before it is quarantined. */
  graceMs?: number;
  /** Packages of one installation loaded per commit (each still all or nothing); default 1. */
  commitEvery?: number;
}

/** Package folders under root: any folder holding a manifest or a document. Hidden folders (a target's .partial) are skipped. */
export function findPackages(root: string, depth = 6): string[] {
  const found: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return found;
    throw err;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    const dir = path.join(root, e.name);
    if (fs.existsSync(path.join(dir, MANIFEST_FILE)) || fs.existsSync(path.join(dir, DOCUMENT_FILE))) found.push(dir);
    else if (depth > 0) found.push(...findPackages(dir, depth - 1));
  }
  return found;
}

const readOrNull = (file: string): Buffer | null => {
  try {
    return fs.readFileSync(file);
  } catch {
    return null;
  }
};

/** The newest modification time of a folder and its files. */
function newestChange(dir: string): number {
  let newest = fs.statSync(dir).mtimeMs;
  for (const name of fs.readdirSync(dir)) {
    try {
      newest = Math.max(newest, fs.lstatSync(path.join(dir, name)).mtimeMs);
    } catch { /* gone meanwhile */ }
  }
  return newest;
}

interface Planned {
  dir: string;
  lane: string;
  kind: string;
  createdAt: string;
  revision: number;
}

/** What the document says about where and when, read loosely: the full check comes later. */
function planOf(dir: string): Planned {
  let doc: { kind?: unknown; createdAt?: unknown; installationId?: unknown; supervisor?: { name?: unknown } | null; revision?: unknown } = {};
  try {
    doc = JSON.parse(readOrNull(path.join(dir, DOCUMENT_FILE))?.toString('utf8') ?? '{}') ?? {};
  } catch { /* the check will say why */ }
  const lane = typeof doc.installationId === 'string' ? doc.installationId : `v1:${String(doc.supervisor?.name ?? '')}`;
  return { dir, lane, kind: String(doc.kind), createdAt: typeof doc.createdAt === 'string' ? doc.createdAt : '', revision: typeof doc.revision === 'number' ? doc.revision : 0 };
}

const TRANSIENT = new Set(['no_manifest', 'missing_file', 'size_mismatch', 'hash_mismatch', 'bad_json']);

/**
 * Load every complete package under a folder: what a folder target or a WebDAV server's storage
 * holds, or the drop folder. Packages the district already holds are recognised by their id and
 * manifest's SHA-256 without reading the rest. The others are checked and loaded oldest first,
 * so revisions and addenda arrive in order, one lane per installation; refused ones are moved to
 * the quarantine folder with their reason.
 */
export async function ingestFolder(db: DistrictDb, root: string, options: IngestOptions): Promise<IngestSummary> {
  const counts: Record<IngestOutcome, number> = { loaded: 0, already_had: 0, superseded: 0, held: 0, quarantined: 0 };
  const reports: PackageReport[] = [];
  let waiting = 0;
  const report = (r: PackageReport) => {
    counts[r.outcome]++;
    reports.push(r);
    options.onReport?.(r);
  };
  const now = Date.now();
  let dirs = findPackages(root);
  if (options.settleMs) {
    const settled = dirs.filter((d) => now - newestChange(d) >= options.settleMs!);
    waiting += dirs.length - settled.length;
    dirs = settled;
  }
  const rel = (dir: string) => path.relative(root, dir) || path.basename(dir);

  // Already held: the same id and manifest bytes.
  const heads = dirs.map((dir) => {
    const bytes = readOrNull(path.join(dir, MANIFEST_FILE));
    let id: string | null = null;
    try {
      id = bytes ? (JSON.parse(bytes.toString('utf8')) as { id?: unknown }).id as string : null;
    } catch { /* checked later */ }
    return { dir, id: typeof id === 'string' ? id : null, sha: bytes ? sha256(bytes) : null };
  });
  const known = new Map<string, { storedAt: string }>();
  const candidates = heads.filter((h) => h.id && h.sha);
  for (let i = 0; i < candidates.length; i += 1000) {
    const batch = candidates.slice(i, i + 1000);
    const found = await db.query<{ exportId: string; sha: string; storedAt: string }>(
      `SELECT p.export_id AS "exportId", p.manifest_sha256 AS sha, p.stored_at AS "storedAt" FROM packages p
       JOIN unnest($1::text[], $2::text[]) AS x(id, sha) ON p.export_id = x.id AND p.manifest_sha256 = x.sha`,
      [batch.map((h) => h.id), batch.map((h) => h.sha)]);
    for (const row of found.rows) known.set(`${row.exportId}|${row.sha}`, { storedAt: row.storedAt });
  }
  const fresh: Planned[] = [];
  for (const h of heads) {
    const had = h.id && h.sha ? known.get(`${h.id}|${h.sha}`) : undefined;
    if (!had) {
      fresh.push(planOf(h.dir));
      continue;
    }
    if (options.removeLoaded) fs.rmSync(h.dir, { recursive: true, force: true });
    report({ dir: h.dir, outcome: 'already_had', line: `already had   ${rel(h.dir)}  (stored ${had.storedAt})` });
  }

  // The rest, oldest first, one lane per installation (version 1: per supervisor name).
  // Made in the same second: a check-in before its addenda.
  const rank = (p: Planned) => (p.kind === 'cta_checkin_addendum' ? 1 : 0);
  fresh.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.revision - b.revision || rank(a) - rank(b) || a.dir.localeCompare(b.dir));
  const lanes = new Map<string, Planned[]>();
  for (const p of fresh) {
    const lane = lanes.get(p.lane);
    if (lane) lane.push(p);
    else lanes.set(p.lane, [p]);
  }
  const queue = [...lanes.values()];
  const refused = async (p: Planned, err: PackageRefused) => {
    if (options.channel === 'drop' && TRANSIENT.has(err.code) && Date.now() - newestChange(p.dir) < (options.graceMs ?? 60_000)) {
      waiting++; // a sync client may still be bringing its files: look again later
      return;
    }
    const refusal = refusalOf(err);
    const moved = quarantineFolder(p.dir, options.quarantineRoot, refusal);
    await recordQuarantine(db, { via: options.channel, from: p.dir, exportId: null, refusal, movedTo: moved.movedTo });
    report({
      dir: p.dir, outcome: 'quarantined', refusal,
      line: `quarantined   ${rel(p.dir)}  ${refusal.code}: ${refusal.message}${moved.movedTo ? ` (moved to ${moved.movedTo})` : ` (${moved.problem}; left where it is)`}`,
    });
  };
  /** Check a few packages of one lane, load those that pass in one commit, then say what happened to each. */
  const receive = async (group: Planned[]) => {
    const checked: { p: Planned; pkg: CheckedPackage }[] = [];
    for (const p of group) {
      try {
        checked.push({ p, pkg: await checkPackage(folderSource(p.dir)) });
      } catch (err) {
        if (!(err instanceof PackageRefused)) throw err;
        await refused(p, err);
      }
    }
    const results = checked.length ? await loadPackages(db, checked.map(({ p, pkg }) => ({ pkg, from: p.dir })), options.channel) : [];
    for (const [i, result] of results.entries()) {
      const { p, pkg } = checked[i];
      if (result instanceof PackageRefused) {
        await refused(p, result);
        continue;
      }
      if (options.removeLoaded) fs.rmSync(p.dir, { recursive: true, force: true });
      const title = (pkg.document.payload as { title?: string }).title;
      report({
        dir: p.dir, outcome: result.outcome, result,
        line: `${result.outcome.replace('_', ' ').padEnd(12)}  ${rel(p.dir)}  ${exportKindLabel(pkg.kind)}${title ? ` · ${title}` : ''} (${pkg.supervisor.name ?? 'no profile'})${result.notes.length ? `: ${result.notes.join('; ')}` : ''}`,
      });
    }
    // Let an HTTP server in the same process answer between groups (PGlite works on this thread).
    await new Promise((resolve) => setImmediate(resolve));
  };
  const size = Math.max(1, options.commitEvery ?? 1);
  const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 1, queue.length)) }, async () => {
    for (let lane = queue.shift(); lane; lane = queue.shift()) {
      for (let i = 0; i < lane.length; i += size) await receive(lane.slice(i, i + size));
    }
  });
  await Promise.all(workers);
  return { counts, reports, waiting };
}

export const summaryLine = (counts: Record<IngestOutcome, number>): string =>
  `${counts.loaded} loaded, ${counts.already_had} already had, ${counts.superseded} superseded, ${counts.quarantined} quarantined${counts.held ? `, ${counts.held} held` : ''}`;
