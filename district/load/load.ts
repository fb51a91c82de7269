import type { ReceiptOutcome } from '../../shared/exportFormat/document';
import type { DistrictDb, Tx } from '../db/connection';
import { withRetry } from '../db/connection';
import type { CheckedPackage } from '../package/check';
import { PackageRefused } from '../package/refusal';
import { type KnownSource, resolveSource } from './identity';
import { json } from '../db/connection';
import { loadRecords } from './records';

export type Channel = 'https' | 'drop' | 'ingest';

export interface LoadResult {
  id: string;
  outcome: ReceiptOutcome;
  packageId: number;
  storedAt: string;
  manifestSha256: string;
  /** How it was joined and what it changed, in words, for the load line. */
  notes: string[];
}

interface Existing {
  id: number;
  sourceId: string;
  manifestSha256: string;
  outcome: ReceiptOutcome;
  storedAt: string;
  receivedVia: Channel;
}

/**
 * Load one checked package in one transaction: its files (by SHA-256), its package row, the rows
 * its kind becomes, and its place among the revisions of its record. The same package again (by
 * id and manifest SHA-256) changes nothing and is "already_had"; a different package under an id
 * the district already holds is refused. Concurrent loads of one record wait for each other.
 */
export async function loadPackage(db: DistrictDb, pkg: CheckedPackage, via: { channel: Channel; from: string | null }): Promise<LoadResult> {
  return withRetry(() => db.transaction((tx) => loadIn(tx, pkg, via)));
}

/**
 * Load several packages from one folder, committed together: each package is still all or
 * nothing (a package is refused, if at all, before it writes anything), and the group shares one
 * commit, so a folder of thousands is not held back by a disk flush per package. Nothing is
 * reported before the commit. Only for folders, where the packages stay on disk until it returns.
 */
export async function loadPackages(db: DistrictDb, pkgs: { pkg: CheckedPackage; from: string }[], channel: Extract<Channel, 'ingest' | 'drop'>): Promise<(LoadResult | PackageRefused)[]> {
  return withRetry(() => db.transaction(async (tx) => {
    const results: (LoadResult | PackageRefused)[] = [];
    for (const { pkg, from } of pkgs) {
      const progress = { writing: false };
      try {
        results.push(await loadIn(tx, pkg, { channel, from }, progress));
      } catch (err) {
        if (!(err instanceof PackageRefused)) throw err;
        // Never the case today; if it were, the group must not commit part of a refused package.
        if (progress.writing) throw new Error(`${pkg.id} was refused after it began to be written: nothing of this group is kept`, { cause: err });
        results.push(err);
      }
    }
    return results;
  }));
}

interface Lookup {
  existing: Existing[] | null;
  current: { id: number; revision: number } | null;
  source: KnownSource | null;
  heldAddenda: boolean;
}

async function loadIn(tx: Tx, pkg: CheckedPackage, via: { channel: Channel; from: string | null }, progress = { writing: false }): Promise<LoadResult> {
  // Loads of one source and record wait for each other; what follows sees what they committed.
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1)), pg_advisory_xact_lock(hashtext($2))`, [`source:${pkg.sourceKey}`, `record:${pkg.sourceKey}|${pkg.record}`]);
  const uid = pkg.kind === 'cta_checkin' || pkg.kind === 'cta_checkin_addendum' ? (pkg.document.payload as { checkinUid: string }).checkinUid : null;
  const { rows: [found] } = await tx.query<Lookup>(
    `SELECT
       (SELECT json_agg(json_build_object('id', id, 'sourceId', source_id, 'manifestSha256', manifest_sha256, 'outcome', outcome, 'storedAt', stored_at, 'receivedVia', received_via))
          FROM packages WHERE export_id = $1 AND (source_id = $2 OR $3)) AS existing,
       (SELECT json_build_object('id', id, 'revision', revision) FROM packages WHERE source_id = $2 AND record_id = $4 AND is_current) AS current,
       (SELECT json_build_object('supervisorId', s.supervisor_id, 'email', sup.email, 'name', sup.name, 'district', sup.district, 'namedAt', sup.named_at)
          FROM sources s JOIN supervisors sup ON sup.id = s.supervisor_id WHERE s.id = $2) AS source,
       EXISTS (SELECT 1 FROM cta_addenda a JOIN packages p ON p.id = a.package_id
          WHERE $5::text IS NOT NULL AND a.checkin_uid = $5 AND a.checkin_package_id IS NULL AND p.source_id = $2) AS "heldAddenda"`,
    [pkg.id, pkg.sourceKey, pkg.version === 2, pkg.record, uid]);
  const existing = (found.existing ?? []).map((e) => ({ ...e, storedAt: new Date(e.storedAt).toISOString() }));
  const mine = existing.find((r) => r.sourceId === pkg.sourceKey);
  if (mine) {
    if (mine.manifestSha256 !== pkg.manifestSha256) throw await conflict(tx, pkg, mine);
    // The same request again answers as it did; the same package by another way is "already had".
    const outcome = via.channel === 'https' && mine.receivedVia === 'https' ? mine.outcome : 'already_had';
    return { id: pkg.id, outcome, packageId: mine.id, storedAt: mine.storedAt, manifestSha256: pkg.manifestSha256, notes: [] };
  }
  if (existing.length) {
    throw new PackageRefused('claimed_id', `The id ${pkg.id} belongs to another installation's export that the district already holds: refused`, 'id');
  }

  // Every refusal is above this line: from here on the package is written.
  progress.writing = true;
  const at = pkg.document.createdAt;
  const notes: string[] = [];
  const { joinedByName } = await resolveSource(tx, pkg, at, found.source);
  if (pkg.version === 1) notes.push(`version 1: no installation id, so the supervisor ${joinedByName ? 'was joined' : 'is known'} by name and district, and leaders and schools by name and school name`);

  const { current } = found;
  let outcome: ReceiptOutcome = 'loaded';
  let isCurrent = true;
  let supersededBy: number | null = null;
  if (current && pkg.revision > current.revision) {
    outcome = 'superseded';
    await tx.query(`UPDATE packages SET is_current = false WHERE id = $1`, [current.id]);
    notes.push(`revision ${pkg.revision} supersedes revision ${current.revision}, which stays in the history`);
  } else if (current) {
    isCurrent = false;
    supersededBy = current.id;
    notes.push(`an earlier revision (${pkg.revision}) than the one held (${current.revision}): kept in the history, revision ${current.revision} stays current`);
  }

  let addendumFor: number | null = null;
  if (pkg.kind === 'cta_checkin_addendum') {
    addendumFor = (await tx.query<{ id: number }>(
      `SELECT p.id FROM cta_checkins c JOIN packages p ON p.id = c.package_id WHERE c.checkin_uid = $1 AND p.source_id = $2 AND p.is_current`, [uid, pkg.sourceKey])).rows[0]?.id ?? null;
    outcome = addendumFor === null ? 'held' : 'superseded';
    notes.push(addendumFor === null
      ? `held: its CTA check-in (${uid}) has not arrived yet; it is applied when it does`
      : `amends its CTA check-in (${uid}): the check-in now reads with this addendum, and as it stood before stays in the history`);
  }

  const { packageId, storedAt } = await storePackage(tx, pkg, { outcome, isCurrent, supersededBy, via });
  if (outcome === 'superseded' && current) await tx.query(`UPDATE packages SET superseded_by = $1 WHERE id = $2`, [packageId, current.id]);

  if (pkg.kind === 'cta_checkin_addendum') {
    const p = pkg.document.payload as { body: string; createdAt: string };
    await tx.query(`INSERT INTO cta_addenda (package_id, checkin_uid, body, written_at, checkin_package_id, applied_at) VALUES ($1, $2, $3, $4, $5, CASE WHEN $5::bigint IS NULL THEN NULL ELSE now() END)`,
      [packageId, uid, p.body, p.createdAt, addendumFor]);
  } else {
    await loadRecords({ tx, packageId, at, notes }, pkg.kind, pkg.document);
  }
  if (pkg.kind === 'cta_checkin' && isCurrent && found.heldAddenda) {
    const applied = await tx.query(
      `UPDATE cta_addenda a SET checkin_package_id = $1, applied_at = now() FROM packages p
       WHERE p.id = a.package_id AND p.source_id = $2 AND a.checkin_uid = $3 AND a.checkin_package_id IS NULL`, [packageId, pkg.sourceKey, uid]);
    if (applied.rowCount) notes.push(`applied ${applied.rowCount} held ${applied.rowCount === 1 ? 'addendum' : 'addenda'}`);
  }
  return { id: pkg.id, outcome, packageId, storedAt, manifestSha256: pkg.manifestSha256, notes };
}

/** The package's row, its files' bytes (once per SHA-256) and its list of files, in one statement. */
async function storePackage(tx: Tx, pkg: CheckedPackage, o: { outcome: ReceiptOutcome; isCurrent: boolean; supersededBy: number | null; via: { channel: Channel; from: string | null } }):
  Promise<{ packageId: number; storedAt: string }> {
  const s = pkg.supervisor;
  const sy = pkg.document.schoolYear;
  const params: unknown[] = [pkg.sourceKey, pkg.id, pkg.record, pkg.revision, pkg.kind, pkg.version, pkg.document.createdAt, sy.label, sy.start, sy.end, s.name, s.email,
    s.district, pkg.manifestSha256, JSON.stringify(pkg.document), o.outcome, o.isCurrent, o.supersededBy, o.via.channel, o.via.from];
  const blobs = pkg.files.map((f) => {
    params.push(f.sha256, f.bytes.length, f.bytes);
    return `($${params.length - 2}, $${params.length - 1}::integer, $${params.length}::bytea)`;
  });
  params.push(json(pkg.files.map((f) => ({ name: f.name, role: f.role, media_type: f.mediaType, size: f.bytes.length, sha256: f.sha256 }))));
  const { rows: [row] } = await tx.query<{ id: number; storedAt: string }>(
    `WITH p AS (
       INSERT INTO packages (source_id, export_id, record_id, revision, kind, schema_version, created_at, school_year, school_year_start, school_year_end,
         supervisor_name, supervisor_email, district, manifest_sha256, document, outcome, is_current, superseded_by, received_via, received_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::jsonb, $16, $17, $18, $19, $20) RETURNING id, stored_at),
     b AS (INSERT INTO blobs (sha256, size, content) VALUES ${blobs.join(', ')} ON CONFLICT (sha256) DO NOTHING),
     f AS (INSERT INTO package_files (package_id, name, role, media_type, size, sha256)
       SELECT p.id, x.name, x.role, x.media_type, x.size, x.sha256 FROM p, jsonb_to_recordset($${params.length}::jsonb) AS x(name text, role text, media_type text, size integer, sha256 text))
     SELECT id, stored_at AS "storedAt" FROM p`, params);
  return { packageId: row.id, storedAt: row.storedAt };
}

/** Why a different package under a held id is refused; a retention summary says which cut the district kept. */
async function conflict(tx: Tx, pkg: CheckedPackage, held: Existing): Promise<PackageRefused> {
  if (pkg.kind === 'retention_snapshot') {
    const kept = (await tx.query<{ consent: string }>(`SELECT consent FROM retention_summaries WHERE package_id = $1`, [held.id])).rows[0]?.consent;
    const sent = (pkg.document.payload as { consent: string }).consent;
    if (kept && kept !== sent) {
      const cut = (c: string) => (c === 'named' ? '“named records”' : '“counts only”');
      return new PackageRefused('conflict', `The district already holds this retention summary (${pkg.id}) cut as ${cut(kept)}; this copy is cut as ${cut(sent)}, another export target's choice. One summary is kept in one cut, the first to arrive: give the supervisor's targets that reach the district the same retention choice`, 'payload.consent');
    }
  }
  return new PackageRefused('conflict', `The district already holds a different package under the id ${pkg.id} (stored ${held.storedAt}): an export's id never changes its content, so this one is refused`, 'id');
}
