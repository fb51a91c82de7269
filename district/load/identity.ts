import type { Tx } from '../db/connection';
import { json } from '../db/connection';
import type { CheckedPackage } from '../package/check';

/**
 * The district's own people and schools, found or made for what a package names. Supervisors join
 * on their email (or, until they have one, on the installation they write from), schools on the
 * district's school code, leaders on their email: so one leader on two supervisors' caseloads is
 * one person. Where a key is missing (version 1 packages, a leader or school entered without one)
 * the join is by name: a supervisor by name and district, a school by name, a leader by name and
 * school. An older package never renames anyone (named_at). Rows are read once and written only
 * when something is new or changed: most packages name people the district already knows.
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

/** The source and its supervisor as the district has them (null: a source seen for the first time). */
export interface KnownSource {
  supervisorId: number;
  email: string | null;
  name: string | null;
  district: string | null;
  namedAt: string;
}

/** Advisory locks on keys, in a fixed order so two transactions never wait on each other in a circle. */
async function lockKeys(tx: Tx, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext(k)) FROM (SELECT DISTINCT k FROM unnest($1::text[]) AS k ORDER BY k) AS keys`, [keys]);
}

const newer = (namedAt: string, at: string) => Date.parse(namedAt) <= Date.parse(at);

/** The supervisor of a package's source; made on first sight. */
export async function resolveSource(tx: Tx, pkg: CheckedPackage, at: string, known: KnownSource | null): Promise<{ supervisorId: number; joinedByName: boolean }> {
  const { name, email, district } = pkg.supervisor;
  const byEmail = async () => (email ? (await tx.query<{ id: number }>('SELECT id FROM supervisors WHERE email = $1', [email])).rows[0]?.id ?? null : null);
  let supervisorId: number;
  let joinedByName = false;
  if (known) {
    supervisorId = known.supervisorId;
    if (email && known.email !== email) {
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
    // Version 1, or a first package with an email the district has not seen: the supervisor known
    // so far by name and district (from version 1 packages) is the same person.
    const byName = async () => (await tx.query<{ id: number }>(
      `SELECT id FROM supervisors WHERE lower(name) = lower($1) AND lower(coalesce(district, '')) = lower($2) AND ($3::text IS NULL OR email IS NULL) ORDER BY id LIMIT 1`,
      [name ?? '', district ?? '', email])).rows[0]?.id ?? null;
    // Two first packages of one person (a laptop's and a version 1 package, say) must not both make them.
    await lockKeys(tx, [`supervisor:${nameKey(name ?? '')}|${nameKey(district ?? '')}`, ...(email ? [`supervisor:${email}`] : [])]);
    const found = pkg.version === 1 ? null : await byEmail();
    const existing = found ?? (name !== null ? await byName() : null);
    joinedByName = found === null && existing !== null;
    if (joinedByName && email) await tx.query('UPDATE supervisors SET email = $1 WHERE id = $2', [email, existing]);
    supervisorId = existing ?? (await tx.query<{ id: number }>(
      `INSERT INTO supervisors (name, email, district, named_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO UPDATE SET email = excluded.email RETURNING id`, [name, email, district, at])).rows[0].id;
    await tx.query('INSERT INTO sources (id, installation_id, supervisor_id) VALUES ($1, $2, $3)', [pkg.sourceKey, pkg.installationId, supervisorId]);
  }
  if (name !== null && (!known || known.name !== name || known.district !== district) && (!known || newer(known.namedAt, at))) {
    await tx.query(`UPDATE supervisors SET name = $2, district = $3, named_at = $4 WHERE id = $1 AND named_at <= $4`, [supervisorId, name, district, at]);
  }
  return { supervisorId, joinedByName };
}

interface SchoolRow {
  id: number;
  code: string | null;
  name: string;
  level: string | null;
  needTier: string | null;
  namedAt: string;
}

const schoolKey = (r: SchoolRef) => (r.code ? `code:${r.code}` : `name:${nameKey(r.name)}`);

/** District ids for the schools named, in the same order (null for null). */
export async function resolveSchools(tx: Tx, refs: (SchoolRef | null)[], at: string): Promise<(number | null)[]> {
  const byKey = new Map<string, SchoolRef>();
  for (const r of refs) if (r) byKey.set(schoolKey(r), r);
  const ids = new Map<string, number>();
  const changed: { id: number; ref: SchoolRef }[] = [];
  const coded = [...byKey.values()].filter((r) => r.code);
  if (coded.length) {
    const found = await tx.query<SchoolRow>(`SELECT id, code, name, level, need_tier AS "needTier", named_at AS "namedAt" FROM schools WHERE code = ANY($1::text[])`, [coded.map((r) => r.code)]);
    for (const row of found.rows) {
      const ref = byKey.get(`code:${row.code}`)!;
      ids.set(`code:${row.code}`, row.id);
      const differs = row.name !== ref.name || (ref.level != null && ref.level !== row.level) || (ref.needTier != null && ref.needTier !== row.needTier);
      if (differs && newer(row.namedAt, at)) changed.push({ id: row.id, ref });
    }
    const newCodes = coded.filter((x) => !ids.has(schoolKey(x)));
    await lockKeys(tx, newCodes.map((r) => `school:${nameKey(r.name)}`));
    for (const r of newCodes) {
      // First time this code is seen: a school known only by name takes it, or a new one is made.
      const adopted = await tx.query<{ id: number }>(
        `UPDATE schools SET code = $1 WHERE id = (SELECT id FROM schools WHERE code IS NULL AND name_key = $2 ORDER BY id LIMIT 1) RETURNING id`, [r.code, nameKey(r.name)]);
      const id = adopted.rows[0]?.id ?? (await tx.query<{ id: number }>(
        `INSERT INTO schools (code, name, name_key, level, need_tier, named_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (code) DO UPDATE SET code = excluded.code RETURNING id`, [r.code, r.name, nameKey(r.name), r.level ?? null, r.needTier ?? null, at])).rows[0].id;
      ids.set(schoolKey(r), id);
      if (adopted.rows.length) changed.push({ id, ref: r });
    }
  }
  const named = [...byKey.values()].filter((r) => !r.code);
  if (named.length) {
    const keys = named.map((r) => nameKey(r.name));
    await lockKeys(tx, keys.map((k) => `school:${k}`));
    const found = await tx.query<{ id: number; nameKey: string }>(
      `SELECT DISTINCT ON (name_key) id, name_key AS "nameKey" FROM schools WHERE name_key = ANY($1::text[]) ORDER BY name_key, id`, [keys]);
    for (const row of found.rows) ids.set(`name:${row.nameKey}`, row.id);
    for (const r of named.filter((x) => !ids.has(schoolKey(x)))) {
      const made = await tx.query<{ id: number }>(`INSERT INTO schools (name, name_key, level, need_tier, named_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [r.name, nameKey(r.name), r.level ?? null, r.needTier ?? null, at]);
      ids.set(schoolKey(r), made.rows[0].id);
    }
  }
  if (changed.length) {
    await tx.query(
      `UPDATE schools s SET name = x.name, name_key = x.name_key, level = coalesce(x.level, s.level), need_tier = coalesce(x.need_tier, s.need_tier), named_at = $2
       FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, name text, name_key text, level text, need_tier text) WHERE s.id = x.id AND s.named_at <= $2`,
      [json(changed.map(({ id, ref }) => ({ id, name: ref.name, name_key: nameKey(ref.name), level: ref.level ?? null, need_tier: ref.needTier ?? null }))), at]);
  }
  return refs.map((r) => (r ? ids.get(schoolKey(r))! : null));
}

interface LeaderRow {
  id: number;
  email: string;
  name: string;
  role: string | null;
  schoolId: number | null;
  namedAt: string;
  aliases: string[] | null;
}

/**
 * District ids for the leaders named, in the same order, with their schools' ids (resolved here
 * unless the caller already has them).
 */
export async function resolveLeaders(tx: Tx, refs: LeaderRef[], at: string, knownSchools?: (number | null)[]): Promise<{ ids: number[]; schoolIds: (number | null)[]; withoutEmail: number }> {
  const schoolIds = knownSchools ?? await resolveSchools(tx, refs.map((r) => r.school), at);
  const keyOf = (r: LeaderRef, schoolId: number | null) => (r.email ? `email:${r.email}` : `name:${nameKey(r.name)}|${schoolId ?? 0}`);
  const unique = new Map<string, { ref: LeaderRef; schoolId: number | null }>();
  refs.forEach((ref, i) => unique.set(keyOf(ref, schoolIds[i]), { ref, schoolId: schoolIds[i] }));
  const ids = new Map<string, number>();
  /** (leader, name, school) pairs the district has not seen, and leaders whose name, role or school changed. */
  const aliases: { id: number; name_key: string; school_id: number | null }[] = [];
  const changed: { id: number; name: string; role: string | null; school_id: number | null }[] = [];
  const emailed = [...unique.entries()].filter(([, v]) => v.ref.email);
  if (emailed.length) {
    const found = await tx.query<LeaderRow>(
      `SELECT l.id, l.email, l.name, l.role, l.school_id AS "schoolId", l.named_at AS "namedAt",
         (SELECT array_agg(n.name_key || '|' || coalesce(n.school_id, 0)) FROM leader_names n WHERE n.leader_id = l.id) AS aliases
       FROM leaders l WHERE l.email = ANY($1::text[])`, [emailed.map(([, v]) => v.ref.email)]);
    for (const row of found.rows) {
      const { ref, schoolId } = unique.get(`email:${row.email}`)!;
      ids.set(`email:${row.email}`, row.id);
      if (!(row.aliases ?? []).includes(`${nameKey(ref.name)}|${schoolId ?? 0}`)) aliases.push({ id: row.id, name_key: nameKey(ref.name), school_id: schoolId });
      const differs = row.name !== ref.name || (ref.role != null && ref.role !== row.role) || (schoolId !== null && schoolId !== row.schoolId);
      if (differs && newer(row.namedAt, at)) changed.push({ id: row.id, name: ref.name, role: ref.role ?? null, school_id: schoolId });
    }
    const newEmails = emailed.filter(([k]) => !ids.has(k));
    await lockKeys(tx, newEmails.map(([, v]) => `leader:${nameKey(v.ref.name)}|${v.schoolId ?? 0}`));
    for (const [key, { ref, schoolId }] of newEmails) {
      // Known until now only by name at this school (a version 1 package): that person gets the email.
      const adopted = await tx.query<{ id: number }>(
        `UPDATE leaders SET email = $1 WHERE id = (SELECT l.id FROM leader_names n JOIN leaders l ON l.id = n.leader_id
           WHERE n.name_key = $2 AND coalesce(n.school_id, 0) = $3 AND l.email IS NULL LIMIT 1) RETURNING id`, [ref.email, nameKey(ref.name), schoolId ?? 0]);
      const id = adopted.rows[0]?.id ?? (await tx.query<{ id: number }>(
        `INSERT INTO leaders (email, name, role, school_id, named_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (email) DO UPDATE SET email = excluded.email RETURNING id`, [ref.email, ref.name, ref.role ?? null, schoolId, at])).rows[0].id;
      ids.set(key, id);
      aliases.push({ id, name_key: nameKey(ref.name), school_id: schoolId });
      if (adopted.rows.length) changed.push({ id, name: ref.name, role: ref.role ?? null, school_id: schoolId });
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
      aliases.push({ id: made.rows[0].id, name_key: nameKey(ref.name), school_id: schoolId });
    }
  }
  if (aliases.length) {
    await tx.query(
      `INSERT INTO leader_names (leader_id, name_key, school_id) SELECT x.id, x.name_key, x.school_id
       FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, name_key text, school_id bigint) ON CONFLICT (name_key, coalesce(school_id, 0)) DO NOTHING`, [json(aliases)]);
  }
  if (changed.length) {
    await tx.query(
      `UPDATE leaders l SET name = x.name, role = coalesce(x.role, l.role), school_id = coalesce(x.school_id, l.school_id), named_at = $2
       FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, name text, role text, school_id bigint) WHERE l.id = x.id AND l.named_at <= $2`, [json(changed), at]);
  }
  return { ids: refs.map((r, i) => ids.get(keyOf(r, schoolIds[i]))!), schoolIds, withoutEmail: named.length };
}
