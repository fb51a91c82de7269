import type { Tx } from '../db/connection';
import { json } from '../db/connection';
import type { CheckedPackage } from '../package/check';

/**
 * The district's own people and schools, found or made for what a package names. Supervisors join
 * on their email (or, until they have one, on the installation they write from), schools on the
 * district's school code, leaders on their email: so one leader on two supervisors' caseloads is
 * one person. Where a key is missing (version 1 packages, a leader or school entered without one)
 * the join is by name: a supervisor by name and district, a school by name, a leader by name and
 * school. An older package never renames anyone (named_at).
 */

export const nameKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

export interface SchoolRef {
  code: string | null;
  name: string;
  level?: string | null;
  needTier?: string | null;
}

export interface LeaderRef {
  email: string | null;
  name: string;
  school: SchoolRef | null;
  role?: string | null;
}

/** Advisory locks on keys, in a fixed order so two transactions never wait on each other in a circle. */
async function lockKeys(tx: Tx, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext(k)) FROM (SELECT DISTINCT k FROM unnest($1::text[]) AS k ORDER BY k) AS keys`, [keys]);
}

/** The supervisor and source of a package; made on first sight. Returns the source's id. */
export async function resolveSource(tx: Tx, pkg: CheckedPackage, at: string): Promise<{ sourceId: string; supervisorId: number; joinedByName: boolean }> {
  const { name, email, district } = pkg.supervisor;
  const known = await tx.query<{ supervisorId: number; email: string | null; name: string | null; district: string | null; namedAt: string }>(
    `SELECT s.supervisor_id AS "supervisorId", sup.email, sup.name, sup.district, sup.named_at AS "namedAt"
     FROM sources s JOIN supervisors sup ON sup.id = s.supervisor_id WHERE s.id = $1`, [pkg.sourceKey]);
  let supervisorId: number;
  let joinedByName = false;
  const byEmail = async () => (email ? (await tx.query<{ id: number }>('SELECT id FROM supervisors WHERE email = $1', [email])).rows[0]?.id ?? null : null);
  if (known.rows.length) {
    const sup = known.rows[0];
    supervisorId = sup.supervisorId;
    if (email && sup.email !== email) {
      const other = await byEmail();
      if (other !== null) {
        // The same person already known by this email (another laptop): this installation is theirs too.
        supervisorId = other;
        await tx.query('UPDATE sources SET supervisor_id = $1 WHERE id = $2', [other, pkg.sourceKey]);
      } else {
        await tx.query('UPDATE supervisors SET email = $1 WHERE id = $2', [email, supervisorId]);
      }
    }
  } else {
    // Version 1, or a first package with an email the district has not seen: the supervisor
    // known so far by name and district (from version 1 packages) is the same person.
    const byName = async () => (await tx.query<{ id: number }>(
      `SELECT id FROM supervisors WHERE lower(name) = lower($1) AND lower(coalesce(district, '')) = lower($2) AND ($3::text IS NULL OR email IS NULL) ORDER BY id LIMIT 1`,
      [name ?? '', district ?? '', email])).rows[0]?.id ?? null;
    const found = pkg.version === 1 ? null : await byEmail();
    const existing = found ?? (name !== null ? await byName() : null);
    joinedByName = found === null && existing !== null;
    if (joinedByName && email) await tx.query('UPDATE supervisors SET email = $1 WHERE id = $2', [email, existing]);
    supervisorId = existing ?? (await tx.query<{ id: number }>(
      `INSERT INTO supervisors (name, email, district, named_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO UPDATE SET email = excluded.email RETURNING id`, [name, email, district, at])).rows[0].id;
    await tx.query('INSERT INTO sources (id, installation_id, supervisor_id) VALUES ($1, $2, $3)', [pkg.sourceKey, pkg.installationId, supervisorId]);
  }
  if (name !== null) {
    await tx.query(`UPDATE supervisors SET name = $2, district = $3, named_at = $4 WHERE id = $1 AND named_at <= $4 AND (name, district) IS DISTINCT FROM ($2, $3)`, [supervisorId, name, district, at]);
  }
  return { sourceId: pkg.sourceKey, supervisorId, joinedByName };
}

/** District ids for the schools named, in the same order (null for null). */
export async function resolveSchools(tx: Tx, refs: (SchoolRef | null)[], at: string): Promise<(number | null)[]> {
  const byKey = new Map<string, SchoolRef>();
  const keyOf = (r: SchoolRef) => (r.code ? `code:${r.code}` : `name:${nameKey(r.name)}`);
  for (const r of refs) if (r) byKey.set(keyOf(r), r);
  const ids = new Map<string, number>();
  const coded = [...byKey.values()].filter((r) => r.code);
  if (coded.length) {
    const found = await tx.query<{ id: number; code: string }>('SELECT id, code FROM schools WHERE code = ANY($1::text[])', [coded.map((r) => r.code)]);
    for (const row of found.rows) ids.set(`code:${row.code}`, row.id);
    for (const r of coded.filter((x) => !ids.has(keyOf(x)))) {
      // First time this code is seen: a school known only by name takes it, or a new one is made.
      const adopted = await tx.query<{ id: number }>(
        `UPDATE schools SET code = $1 WHERE id = (SELECT id FROM schools WHERE code IS NULL AND name_key = $2 ORDER BY id LIMIT 1) RETURNING id`, [r.code, nameKey(r.name)]);
      const id = adopted.rows[0]?.id ?? (await tx.query<{ id: number }>(
        `INSERT INTO schools (code, name, name_key, level, need_tier, named_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (code) DO UPDATE SET code = excluded.code RETURNING id`, [r.code, r.name, nameKey(r.name), r.level ?? null, r.needTier ?? null, at])).rows[0].id;
      ids.set(keyOf(r), id);
    }
  }
  const named = [...byKey.values()].filter((r) => !r.code);
  if (named.length) {
    const keys = named.map((r) => nameKey(r.name));
    await lockKeys(tx, keys.map((k) => `school:${k}`));
    const found = await tx.query<{ id: number; nameKey: string }>(
      `SELECT DISTINCT ON (name_key) id, name_key AS "nameKey" FROM schools WHERE name_key = ANY($1::text[]) ORDER BY name_key, id`, [keys]);
    for (const row of found.rows) ids.set(`name:${row.nameKey}`, row.id);
    for (const r of named.filter((x) => !ids.has(keyOf(x)))) {
      const made = await tx.query<{ id: number }>(`INSERT INTO schools (name, name_key, level, need_tier, named_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [r.name, nameKey(r.name), r.level ?? null, r.needTier ?? null, at]);
      ids.set(keyOf(r), made.rows[0].id);
    }
  }
  const details = [...byKey.entries()].map(([k, r]) => ({ id: ids.get(k), name: r.name, name_key: nameKey(r.name), level: r.level ?? null, need_tier: r.needTier ?? null }));
  if (details.length) {
    await tx.query(
      `UPDATE schools s SET name = x.name, name_key = x.name_key, level = coalesce(x.level, s.level), need_tier = coalesce(x.need_tier, s.need_tier), named_at = $2
       FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, name text, name_key text, level text, need_tier text)
       WHERE s.id = x.id AND s.named_at <= $2
         AND (s.name, s.level, s.need_tier) IS DISTINCT FROM (x.name, coalesce(x.level, s.level), coalesce(x.need_tier, s.need_tier))`, [json(details), at]);
  }
  return refs.map((r) => (r ? ids.get(keyOf(r))! : null));
}

/** District ids for the leaders named, in the same order; their schools are resolved too. */
export async function resolveLeaders(tx: Tx, refs: LeaderRef[], at: string): Promise<{ ids: number[]; schoolIds: (number | null)[]; withoutEmail: number }> {
  const schoolIds = await resolveSchools(tx, refs.map((r) => r.school), at);
  const keyOf = (r: LeaderRef, schoolId: number | null) => (r.email ? `email:${r.email}` : `name:${nameKey(r.name)}|${schoolId ?? 0}`);
  const unique = new Map<string, { ref: LeaderRef; schoolId: number | null }>();
  refs.forEach((ref, i) => unique.set(keyOf(ref, schoolIds[i]), { ref, schoolId: schoolIds[i] }));
  const ids = new Map<string, number>();
  const emailed = [...unique.entries()].filter(([, v]) => v.ref.email);
  if (emailed.length) {
    const found = await tx.query<{ id: number; email: string }>('SELECT id, email FROM leaders WHERE email = ANY($1::text[])', [emailed.map(([, v]) => v.ref.email)]);
    for (const row of found.rows) ids.set(`email:${row.email}`, row.id);
    for (const [key, { ref, schoolId }] of emailed.filter(([k]) => !ids.has(k))) {
      // Known until now only by name at this school (a version 1 package): that person gets the email.
      const adopted = await tx.query<{ id: number }>(
        `UPDATE leaders SET email = $1 WHERE id = (SELECT l.id FROM leader_names n JOIN leaders l ON l.id = n.leader_id
           WHERE n.name_key = $2 AND coalesce(n.school_id, 0) = $3 AND l.email IS NULL LIMIT 1) RETURNING id`, [ref.email, nameKey(ref.name), schoolId ?? 0]);
      const id = adopted.rows[0]?.id ?? (await tx.query<{ id: number }>(
        `INSERT INTO leaders (email, name, role, school_id, named_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (email) DO UPDATE SET email = excluded.email RETURNING id`, [ref.email, ref.name, ref.role ?? null, schoolId, at])).rows[0].id;
      ids.set(key, id);
    }
  }
  const named = [...unique.entries()].filter(([, v]) => !v.ref.email);
  if (named.length) {
    const pairs = named.map(([, v]) => ({ name_key: nameKey(v.ref.name), school: v.schoolId ?? 0 }));
    await lockKeys(tx, pairs.map((p) => `leader:${p.name_key}|${p.school}`));
    const found = await tx.query<{ leaderId: number; nameKey: string; school: number }>(
      `SELECT n.leader_id AS "leaderId", n.name_key AS "nameKey", coalesce(n.school_id, 0) AS school
       FROM leader_names n JOIN jsonb_to_recordset($1::jsonb) AS x(name_key text, school bigint) ON n.name_key = x.name_key AND coalesce(n.school_id, 0) = x.school`,
      [json(pairs)]);
    for (const row of found.rows) ids.set(`name:${row.nameKey}|${row.school}`, row.leaderId);
    for (const [key, { ref, schoolId }] of named.filter(([k]) => !ids.has(k))) {
      const made = await tx.query<{ id: number }>(`INSERT INTO leaders (name, role, school_id, named_at) VALUES ($1, $2, $3, $4) RETURNING id`, [ref.name, ref.role ?? null, schoolId, at]);
      ids.set(key, made.rows[0].id);
    }
  }
  const seen = [...unique.entries()].map(([k, v]) => ({ id: ids.get(k), name: v.ref.name, name_key: nameKey(v.ref.name), role: v.ref.role ?? null, school_id: v.schoolId }));
  await tx.query(
    `INSERT INTO leader_names (leader_id, name_key, school_id) SELECT x.id, x.name_key, x.school_id
     FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, name_key text, school_id bigint) ON CONFLICT (name_key, coalesce(school_id, 0)) DO NOTHING`, [json(seen)]);
  await tx.query(
    `UPDATE leaders l SET name = x.name, role = coalesce(x.role, l.role), school_id = coalesce(x.school_id, l.school_id), named_at = $2
     FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, name text, role text, school_id bigint)
     WHERE l.id = x.id AND l.named_at <= $2
       AND (l.name, l.role, l.school_id) IS DISTINCT FROM (x.name, coalesce(x.role, l.role), coalesce(x.school_id, l.school_id))`, [json(seen), at]);
  return { ids: refs.map((r, i) => ids.get(keyOf(r, schoolIds[i]))!), schoolIds, withoutEmail: named.length };
}
