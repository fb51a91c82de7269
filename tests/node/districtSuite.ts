import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import https from 'node:https';
import { type DistrictDb, openPglite, openPostgres } from '../../district/db/connection';
import { migrateDistrict, SchemaError } from '../../district/db/migrate';
import { DISTRICT_MIGRATIONS } from '../../district/db/migrations';
import { ingestFolder, type IngestOptions, summaryLine } from '../../district/ingest';
import { checkPackage } from '../../district/package/check';
import { folderSource } from '../../district/package/source';
import { writeAllStoredPackages, writeStoredPackage } from '../../district/retrieve';
import { type DistrictServer, startDistrictServer } from '../../district/server';
import { watchDropFolder } from '../../district/watch';
import { consentFilter } from '../../electron/core/sync/consent';
import { buildPackage, type ExportPackage } from '../../electron/core/sync/package';
import { startSyncWorker } from '../../electron/core/sync/worker';
import { httpsDriver } from '../../electron/core/sync/targets/https';
import { COACHING_MARKER, deliver, supervisorWithExports, type Supervisor } from './exportsFixture';
import { copyPackages, districtForTests, packageDir, readJson, rewritePackage, tableCounts } from './districtFixture';
import { ok, tempDir } from './helpers';
import { schemaValidator } from './schemaValidator';
import { freePort, waitFor } from './syncServers';

/**
 * The district's side, the same tests on PGlite and on a real PostgreSQL server: packages that two
 * supervisors' Fieldbooks really wrote (and version 1 packages an older Fieldbook wrote), loaded
 * through the folder ingest, the drop folder and the HTTPS endpoint; every refusal with its reason
 * and the database unchanged.
 */
const V1 = path.resolve(import.meta.dirname, 'fixtures/v1-packages');

export function districtSuite(engine: 'pglite' | 'postgres'): void {
  let jordan: Supervisor;
  let robin: Supervisor;
  /** Each supervisor's packages as a folder target wrote them (named retention), and a counts-only cut of Jordan's. */
  const written = { jordan: tempDir(), robin: tempDir(), counts: tempDir() };

  const district = districtForTests(engine, async () => {
    jordan = await supervisorWithExports();
    robin = await supervisorWithExports({ supervisorName: 'Robin Diaz', supervisorEmail: 'robin.diaz@riverbend.example' });
    await deliver(jordan.ctx, { [written.jordan]: 'named', [written.counts]: 'counts' });
    await deliver(robin.ctx, { [written.robin]: 'named' });
  }, (t) => t.reset());

  const quarantineRoot = () => path.join(tempDir(), 'quarantine');
  // Several packages per commit, as the ingest command loads them: each still all or nothing.
  const ingest = (folder: string, extra: Partial<IngestOptions> = {}) =>
    ingestFolder(district().db, folder, { channel: 'ingest', quarantineRoot: quarantineRoot(), concurrency: engine === 'postgres' ? 3 : 1, commitEvery: 4, ...extra });
  const db = (): DistrictDb => district().db;
  const rows = async <T,>(sql: string, params: unknown[] = []) => (await db().query<T>(sql, params)).rows;
  const one = async <T,>(sql: string, params: unknown[] = []) => (await rows<T>(sql, params))[0];
  /** The database apart from the quarantine table, which records refusals. */
  const counts = () => tableCounts(db(), ['quarantine']);

  describe(`loading packages (${engine})`, { timeout: 60_000 }, () => {
    it('loads every kind from two supervisors exactly once, the same leader as one person with both histories; again, it has them all', async () => {
      const first = await ingest(copyPackages(written.jordan));
      const second = await ingest(copyPackages(written.robin));
      for (const run of [first, second]) expect(summaryLine(run.counts)).toBe('5 loaded, 0 already had, 2 superseded, 0 quarantined');
      expect(first.reports.map((r) => r.line).join('\n')).toMatch(/loaded +evaluation--.*Evaluation · Marisol Vega, 2026–27 \(Jordan Ellis\)/);
      expect(first.reports.find((r) => r.dir.includes('cta_checkin_addendum'))!.line).toMatch(/superseded .*amends its CTA check-in/);

      expect(await one(`SELECT count(*) AS n FROM packages`)).toEqual({ n: 14 });
      expect(await rows(`SELECT name, email FROM supervisors ORDER BY name`)).toEqual([
        { name: 'Jordan Ellis', email: 'jordan.ellis@riverbend.example' }, { name: 'Robin Diaz', email: 'robin.diaz@riverbend.example' },
      ]);
      // Marisol Vega is on both caseloads: one leader, evaluated by both, in both rosters.
      const marisol = await one<{ id: number }>(`SELECT id FROM leaders WHERE email = 'mvega@riverbend.k12.example'`);
      expect(await one(`SELECT count(*) AS n FROM leaders WHERE name = 'Marisol Vega'`)).toEqual({ n: 1 });
      const history = await rows<{ supervisor: string; kind: string }>(
        `SELECT DISTINCT s.name AS supervisor, h.kind FROM leader_history h JOIN supervisors s ON s.id = h.supervisor_id WHERE h.leader_id = $1 ORDER BY 1, 2`, [marisol.id]);
      expect(history).toEqual(['Jordan Ellis', 'Robin Diaz'].flatMap((supervisor) => ['caseload_roster', 'evaluation', 'retention_snapshot', 'visit_log'].map((kind) => ({ supervisor, kind }))));
      expect(await one(`SELECT count(*) AS n FROM schools WHERE code = 'RV-104'`)).toEqual({ n: 1 });

      // The questions the district asks of it.
      expect(await rows(`SELECT supervisor, principals, target_ratio AS target FROM supervisor_caseloads ORDER BY supervisor`)).toEqual([
        { supervisor: 'Jordan Ellis', principals: 5, target: 5 }, { supervisor: 'Robin Diaz', principals: 5, target: 5 },
      ]);
      expect(await rows(`SELECT week_start AS week, done, cancelled FROM weekly_visits ORDER BY supervisor_id`)).toEqual([
        { week: '2026-11-16', done: 1, cancelled: 1 }, { week: '2026-11-16', done: 1, cancelled: 1 },
      ]);
      expect(await rows(`SELECT quarter, title, status FROM cta_goal_status_by_quarter WHERE supervisor_id = 1 ORDER BY position`)).toEqual([
        { quarter: 2, title: 'More grade 3 students reading at standard', status: 'on_track' },
        { quarter: 2, title: 'Fewer chronically absent students', status: 'at_risk' },
        { quarter: 2, title: 'Teacher teams run data cycles', status: 'off_track' },
      ]);
      expect(await one(`SELECT lock, stages, jsonb_array_length(ratings) AS ratings FROM evaluation_overview WHERE supervisor_id = 1`)).toEqual({ lock: 2, stages: 7, ratings: 10 });

      const before = await counts();
      const again = await ingest(written.jordan);
      expect(summaryLine(again.counts)).toBe('0 loaded, 7 already had, 0 superseded, 0 quarantined');
      expect(again.reports.every((r) => /^already had/.test(r.line))).toBe(true);
      expect(await counts()).toEqual(before);
    });

    it('keeps a later revision current and the earlier in the history, even when the earlier arrives last', async () => {
      const lateFirst = copyPackages(written.jordan, (n) => n.startsWith('evaluation--') && n.endsWith('.r2'));
      const earlyLast = copyPackages(written.jordan, (n) => n.startsWith('evaluation--') && !n.endsWith('.r2'));
      await ingest(lateFirst);
      const late = await ingest(earlyLast);
      expect(late.reports[0]).toMatchObject({ outcome: 'loaded', line: expect.stringContaining('an earlier revision (1) than the one held (2)') });
      const revisions = await rows(`SELECT revision, is_current AS current, superseded_by IS NOT NULL AS superseded FROM packages ORDER BY revision`);
      expect(revisions).toEqual([{ revision: 1, current: false, superseded: true }, { revision: 2, current: true, superseded: false }]);
      expect(await rows(`SELECT lock FROM evaluation_overview`)).toEqual([{ lock: 2 }]);
      // Both locks stay: the history of the evaluation.
      expect(await one(`SELECT count(*) AS n FROM evaluations`)).toEqual({ n: 2 });
    });

    it('holds an addendum that arrives before its check-in, and applies it when the check-in comes', async () => {
      const held = await ingest(copyPackages(written.jordan, (n) => n.startsWith('cta_checkin_addendum')));
      expect(held.reports[0]).toMatchObject({ outcome: 'held', line: expect.stringMatching(/held: its CTA check-in .* has not arrived yet/) });
      expect(summaryLine(held.counts)).toBe('0 loaded, 0 already had, 0 superseded, 0 quarantined, 1 held');
      expect(await rows(`SELECT checkin_package_id AS applied FROM cta_addenda`)).toEqual([{ applied: null }]);
      const checkin = await ingest(copyPackages(written.jordan, (n) => n.startsWith('cta_checkin--')));
      expect(checkin.reports[0]).toMatchObject({ outcome: 'loaded', line: expect.stringContaining('applied 1 held addendum') });
      expect(await one(`SELECT a.body, c.quarter FROM cta_addenda a JOIN cta_checkins c ON c.package_id = a.checkin_package_id`))
        .toEqual({ body: 'The attendance figure was corrected by the district office.', quarter: 2 });
    });

    it('loads version 1 packages, whose ids collide between supervisors, joined by name and school name, and says so', async () => {
      const first = await ingest(copyPackages(path.join(V1, 'jordan')));
      const second = await ingest(copyPackages(path.join(V1, 'robin')));
      for (const run of [first, second]) {
        expect(summaryLine(run.counts)).toBe('5 loaded, 0 already had, 2 superseded, 0 quarantined');
        for (const r of run.reports) expect(r.line).toContain('version 1: no installation id, so the supervisor is known by name and district, and leaders and schools by name and school name');
      }
      expect(await rows(`SELECT export_id AS id, count(*)::int AS n FROM packages WHERE export_id = 'evaluation:1' GROUP BY export_id`)).toEqual([{ id: 'evaluation:1', n: 2 }]);
      expect(await one(`SELECT count(*) AS n FROM leaders WHERE name = 'Marisol Vega'`)).toEqual({ n: 1 });
      // Jordan's first version 2 package: the same supervisor, now with an email; Marisol the same leader, now with hers.
      const v2 = await ingest(copyPackages(written.jordan));
      expect(v2.reports.find((r) => r.dir.includes('caseload_roster'))!.outcome).toBe('loaded');
      expect(await rows(`SELECT name, email FROM supervisors ORDER BY name`)).toEqual([
        { name: 'Jordan Ellis', email: 'jordan.ellis@riverbend.example' }, { name: 'Robin Diaz', email: null },
      ]);
      expect(await rows(`SELECT email FROM leaders WHERE name = 'Marisol Vega'`)).toEqual([{ email: 'mvega@riverbend.k12.example' }]);
      const marisol = await one<{ id: number }>(`SELECT id FROM leaders WHERE name = 'Marisol Vega'`);
      expect(await one(`SELECT count(DISTINCT package_id) AS n FROM evaluations WHERE leader_id = $1`, [marisol.id])).toEqual({ n: 6 });
    });

    it('keeps a retention summary exactly as consent cut it, and no coaching note reaches the district', async () => {
      const sent = readJson(path.join(packageDir(written.counts, 'retention_snapshot'), 'fieldbook-export.json')).payload;
      expect(sent.counts.leaders).toBeGreaterThan(3);
      await ingest(copyPackages(written.counts, (n) => n.startsWith('retention_snapshot')));
      expect(await rows(`SELECT consent, leaders, by_risk->>'high' AS high FROM retention_summaries`)).toEqual([{ consent: 'counts', leaders: sent.counts.leaders, high: '1' }]);
      expect(await one(`SELECT count(*) AS n FROM retention_records`)).toEqual({ n: 0 });
      // The same summary cut for another target as named records: one summary, one cut, and the reason.
      const named = await ingest(copyPackages(written.jordan, (n) => n.startsWith('retention_snapshot')));
      expect(named.reports[0].refusal).toMatchObject({ code: 'conflict', message: expect.stringContaining('already holds this retention summary') });
      expect(named.reports[0].refusal!.message).toContain('cut as “counts only”; this copy is cut as “named records”');

      await district().reset();
      await ingest(copyPackages(written.jordan));
      expect(await rows(`SELECT s.consent, count(r.*)::int AS records FROM retention_summaries s LEFT JOIN retention_records r ON r.package_id = s.package_id GROUP BY s.consent`))
        .toEqual([{ consent: 'named', records: sent.counts.leaders }]);
      // What a retention conversation said is in the retention records and the raw package only.
      const everything = await dumpDatabase(db(), ['packages', 'blobs', 'retention_records']);
      expect(everything).not.toContain('Evenings lost');
      expect(everything).toContain('Walkthrough debrief');
      // Coaching notes are in no package: not in any table, document, CSV or PDF the district holds.
      expect(await dumpDatabase(db(), [])).not.toContain(COACHING_MARKER);
      for (const pdf of await rows<{ content: Buffer }>(`SELECT b.content FROM blobs b JOIN package_files f ON f.sha256 = b.sha256 WHERE f.media_type = 'application/pdf'`)) {
        expect(pdfText(pdf.content)).not.toContain(COACHING_MARKER);
      }
    });

    it('gives a stored package back byte for byte, and every package to load into another database', async () => {
      const source = copyPackages(written.jordan);
      await ingest(source);
      const out = tempDir();
      const id = readJson(path.join(packageDir(written.jordan, 'evaluation'), 'fieldbook-export.json')).id as string;
      const [folder] = await writeStoredPackage(db(), id, out);
      const original = packageDir(written.jordan, 'evaluation');
      expect(fs.readdirSync(folder).sort()).toEqual(fs.readdirSync(original).sort());
      for (const name of fs.readdirSync(original)) expect(fs.readFileSync(path.join(folder, name)).equals(fs.readFileSync(path.join(original, name))), name).toBe(true);
      expect((await checkPackage(folderSource(folder))).id).toBe(id);

      // Everything, version 1 ids two supervisors share too, into an empty database: the same rows.
      await ingest(copyPackages(path.join(V1, 'jordan')));
      await ingest(copyPackages(path.join(V1, 'robin')));
      const before = await tableCounts(db());
      const all = tempDir();
      expect(await writeAllStoredPackages(db(), all)).toBe(before.packages);
      await district().reset();
      const again = await ingest(all);
      expect(again.counts.quarantined).toBe(0);
      expect(await tableCounts(db())).toEqual(before);
    });

  });

  describe(`refusing bad packages (${engine})`, { timeout: 60_000 }, () => {
    /** One bad package among good ones: its reason, the good ones loaded, and nothing of it in the database. */
    async function refuse(bad: (dir: string) => void, kind = 'caseload_roster') {
      const name = path.basename(packageDir(written.jordan, kind));
      const folder = copyPackages(written.jordan, (n) => n === name);
      bad(packageDir(folder, kind));
      const before = await counts();
      const quarantine = quarantineRoot();
      const run = await ingest(folder, { quarantineRoot: quarantine });
      expect(run.counts.quarantined).toBe(1);
      expect(await counts()).toEqual(before);
      const [moved] = fs.readdirSync(quarantine).filter((n) => !n.endsWith('.reason.txt'));
      expect(fs.readFileSync(path.join(quarantine, `${moved}.reason.txt`), 'utf8')).toContain(run.reports[0].refusal!.message);
      expect(fs.readdirSync(folder)).toEqual([]);
      expect(await rows(`SELECT code, received_via AS via FROM quarantine`)).toEqual([{ code: run.reports[0].refusal!.code, via: 'ingest' }]);
      return run.reports[0].refusal!;
    }
    const pdfOf = (dir: string) => path.join(dir, fs.readdirSync(dir).find((n) => n.endsWith('.pdf') || n.endsWith('.csv'))!);

    it('a truncated file', async () => {
      const r = await refuse((dir) => {
        const file = pdfOf(dir);
        fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 100));
      }, 'evaluation');
      expect(r).toMatchObject({ code: 'size_mismatch', message: expect.stringMatching(/\.pdf is 100 bytes; the manifest says [\d,]+ bytes: the file is truncated/) });
    });

    it('a file whose hash does not match', async () => {
      const r = await refuse((dir) => {
        const file = pdfOf(dir);
        const bytes = fs.readFileSync(file);
        bytes[bytes.length - 10] ^= 0xff;
        fs.writeFileSync(file, bytes);
      });
      expect(r).toMatchObject({ code: 'hash_mismatch', message: expect.stringMatching(/\.csv does not match its SHA-256 in the manifest/) });
    });

    it('a missing manifest', async () => {
      const r = await refuse((dir) => fs.rmSync(path.join(dir, 'fieldbook-manifest.json')));
      expect(r).toMatchObject({ code: 'no_manifest', message: expect.stringContaining('There is no fieldbook-manifest.json') });
    });

    it('an unknown schema version', async () => {
      const r = await refuse((dir) => rewritePackage(dir, { document: (d) => void (d.schemaVersion = 3), manifest: (m) => void (m.schemaVersion = 3) }));
      expect(r).toMatchObject({ code: 'unknown_schema_version', message: 'fieldbook-manifest.json has schema version 3; this district server reads versions 1 and 2. A newer Fieldbook needs a newer district server' });
    });

    it('a document that fails the schema, naming the field', async () => {
      const r = await refuse((dir) => rewritePackage(dir, { document: (d) => void (d.payload.quarter = 7) }), 'cta_checkin');
      expect(r).toMatchObject({ code: 'bad_document', field: 'fieldbook-export.json: payload.quarter', message: expect.stringContaining('payload.quarter: ') });
    });

    it('a package claiming another installation’s id', async () => {
      const r = await refuse((dir) => rewritePackage(dir, { document: (d) => {
        const other = '0b7e4c52-8f7e-4d1c-9a6b-2f3c4d5e6f70';
        d.id = d.id.replace(d.installationId, other);
        d.record = d.record.replace(d.installationId, other);
      }, manifest: (m) => void (m.id = m.id.replace(/:[0-9a-f-]{36}:/, ':0b7e4c52-8f7e-4d1c-9a6b-2f3c4d5e6f70:')) }));
      expect(r).toMatchObject({ code: 'wrong_installation', message: expect.stringContaining('belongs to installation 0b7e4c52-8f7e-4d1c-9a6b-2f3c4d5e6f70, but the package comes from installation') });
    });

    it('a different package under an id the district already holds', async () => {
      await ingest(copyPackages(written.jordan, (n) => n.startsWith('caseload_roster--')));
      const r = await refuse((dir) => rewritePackage(dir, { document: (d) => void (d.payload.ratio.target = 9) }));
      expect(r).toMatchObject({ code: 'conflict', message: expect.stringContaining('already holds a different package under the id') });
    });

    it('one bad package among good ones loaded in the same commit: the good ones are loaded, nothing of the bad one', async () => {
      await ingest(copyPackages(written.jordan, (n) => n.startsWith('caseload_roster--')));
      const folder = copyPackages(written.jordan);
      rewritePackage(packageDir(folder, 'caseload_roster'), { document: (d) => void (d.payload.ratio.target = 9) });
      const run = await ingest(folder, { commitEvery: 10 });
      expect(summaryLine(run.counts)).toBe('4 loaded, 0 already had, 2 superseded, 1 quarantined');
      expect(await rows(`SELECT kind, count(*)::int AS n FROM packages GROUP BY kind ORDER BY kind`)).toEqual(
        ['caseload_roster', 'cta_checkin', 'cta_checkin_addendum', 'evaluation', 'retention_snapshot', 'visit_log'].map((kind) => ({ kind, n: kind === 'evaluation' ? 2 : 1 })));
      expect(await rows(`SELECT target_ratio AS target FROM rosters`)).toEqual([{ target: 5 }]);
    });

    it('JSON with __proto__ keys', async () => {
      const r = await refuse((dir) => rewritePackage(dir, { raw: (text) => text.replace('"payload": {', '"payload": {\n    "__proto__": { "isAdmin": true },') }));
      expect(r).toMatchObject({ code: 'forbidden_key', message: 'fieldbook-export.json has a key named "__proto__" (at payload.__proto__): no Fieldbook document has one, so the package is refused' });
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    });

    it('a path in an attachment name', async () => {
      const outside = path.join(tempDir(), 'x');
      fs.writeFileSync(outside, 'not part of any package');
      const r = await refuse((dir) => rewritePackage(dir, {
        document: (d) => void (d.attachments[0].name = '../x'),
        manifest: (m) => void (m.files[1].name = '../x'),
      }));
      expect(r).toMatchObject({ code: 'bad_manifest', message: expect.stringContaining('files[1].name: a plain file name (letters, digits, . _ ( ) - and spaces; no folders)') });
    });
  });

  describe(`the receiving endpoint (${engine})`, { timeout: 60_000 }, () => {
    let server: DistrictServer;
    beforeEach(async () => {
      server = await startDistrictServer({ db: db() });
      return () => server.close();
    });
    const target = (ctx: Supervisor['ctx'], url = `${server.url}/api/exports`) =>
      ok(ctx, 'saveSyncTarget', { kind: 'https', name: 'District', enabled: true, url, auth: 'none', retentionConsent: 'named' });
    /**
     * A POST written by hand, for bodies no client would send; resolves with the answer even when
     * the server stops reading and closes the connection while the body is still being written.
     */
    const rawPost = (headers: Record<string, string>, write: (req: http.ClientRequest) => void) => new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${server.url}/api/exports`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'x:y', ...headers } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        const done = () => resolve({ status: res.statusCode!, body });
        res.on('end', done);
        res.on('close', done);
      });
      // The write side may break first (EPIPE): the answer is still on its way.
      req.on('error', (err) => setTimeout(() => reject(err), 2_000).unref());
      write(req);
    });
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/exports`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

    it('takes what the app’s HTTPS target sends, answers each with a receipt naming the manifest it stored, and a retry of a key stores nothing new', async () => {
      const app = await supervisorWithExports({ supervisorName: 'Alex Moreno', supervisorEmail: 'alex.moreno@riverbend.example' });
      await target(app.ctx);
      const worker = startSyncWorker(app.ctx, { manual: true });
      await worker.runOnce();
      await worker.stop();
      expect((await ok(app.ctx, 'getStatus')).exportsWaiting).toBe(0);
      const receipts = app.ctx.db.prepare(`SELECT outbox_id AS id, detail FROM sync_receipts`).all() as { id: string; detail: string }[];
      expect(receipts).toHaveLength(7);
      const valid = schemaValidator();
      for (const r of receipts) {
        const answer = JSON.parse(r.detail);
        // The app checked the receipt against its own manifest, and recorded it.
        expect(answer.confirmed).toBe(true);
        expect(valid('receipt.schema.json', { receipt: answer.receipt })).toEqual([]);
        expect(answer.receipt).toMatchObject({ id: r.id, manifestSha256: buildPackage(app.ctx, r.id, consentFilter({ retentionConsent: 'named' }))!.manifest.sha256 });
      }
      expect(await rows(`SELECT outcome, count(*)::int AS n FROM packages GROUP BY outcome ORDER BY outcome`)).toEqual([{ outcome: 'loaded', n: 5 }, { outcome: 'superseded', n: 2 }]);
      // The same request again, as after a lost answer: the same 2xx, the same receipt, nothing new stored.
      const before = await tableCounts(db());
      const pkg = buildPackage(app.ctx, app.ids.roster)!;
      const again = await httpsDriver.deliver(pkg, { id: 1, kind: 'https', location: `${server.url}/api/exports`, auth: 'none', username: null, secret: null }, { timeoutMs: 10_000, signal: new AbortController().signal });
      const first = JSON.parse(receipts.find((r) => r.id === app.ids.roster)!.detail);
      expect(again).toMatchObject({ status: 200, confirmed: true, receipt: first.receipt });
      expect(await tableCounts(db())).toEqual(before);
      const stored = await (await fetch(`${server.url}/api/exports/${encodeURIComponent(app.ids.roster)}`)).json();
      expect(stored).toEqual({ receipt: first.receipt });
    });

    it('answers a bad package with 4xx and the reason as JSON, keeps it in the quarantine table, and stores nothing', async () => {
      const pkg = buildPackage(jordan.ctx, jordan.ids.roster)!;
      const body = httpsBody(pkg);
      const before = await counts();
      const cases: [unknown, Record<string, string>, number, string][] = [
        [{ ...body, document: { ...body.document, payload: { ...body.document.payload, date: '2026-11-24' } } }, { 'Idempotency-Key': pkg.id }, 422, 'hash_mismatch'],
        [{ ...body, attachments: [{ ...body.attachments[0], contentBase64: Buffer.from('other').toString('base64') }] }, { 'Idempotency-Key': pkg.id }, 422, 'size_mismatch'],
        [body, { 'Idempotency-Key': 'evaluation:something-else' }, 400, 'key_mismatch'],
        [body, {}, 400, 'no_idempotency_key'],
        ['{"id": 1,', { 'Idempotency-Key': pkg.id }, 400, 'bad_json'],
        [JSON.stringify(body).replace('"manifest":{', '"manifest":{"__proto__":{"polluted":1},'), { 'Idempotency-Key': pkg.id }, 400, 'forbidden_key'],
        [{ ...body, manifest: { ...body.manifest, schemaVersion: 9 } }, { 'Idempotency-Key': pkg.id }, 422, 'unknown_schema_version'],
      ];
      for (const [sent, headers, status, code] of cases) {
        const res = await post(sent, headers);
        const answer = await res.json();
        expect([res.status, answer.error.code], JSON.stringify(answer)).toEqual([status, code]);
        expect(answer.error.message.length).toBeGreaterThan(20);
      }
      expect(await counts()).toEqual(before);
      expect(await rows(`SELECT code FROM quarantine ORDER BY id`)).toEqual(cases.map(([, , , code]) => ({ code })));
      expect((await post(body, { 'Idempotency-Key': pkg.id })).status).toBe(200);
    });

    it('refuses a 50 MB body without keeping any of it, whether its length is declared or not', async () => {
      const declared = await rawPost({ 'Content-Length': String(50 * 1024 * 1024) }, (req) => req.flushHeaders());
      expect(declared.status).toBe(413);
      expect(JSON.parse(declared.body).error).toMatchObject({ code: 'too_large', message: expect.stringContaining('larger than the 36 MB this district takes') });
      const streamed = await rawPost({ 'Transfer-Encoding': 'chunked' }, (req) => {
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const more = () => {
          while (sent < 50 && !req.destroyed) {
            sent++;
            if (!req.write(chunk)) return void req.once('drain', more);
          }
          req.end();
        };
        more();
      });
      expect(streamed.status).toBe(413);
      expect(await rows(`SELECT code, body IS NULL AS "noBody" FROM quarantine`)).toEqual([{ code: 'too_large', noBody: true }, { code: 'too_large', noBody: true }]);
      expect(await one(`SELECT count(*) AS n FROM packages`)).toEqual({ n: 0 });
    }, 30_000);

    it('answers 503 while its database cannot be reached, so the app tries again, and takes the package once it can', async () => {
      // A server nobody listens on, or a PGlite that has been closed: the database is gone.
      const closed = engine === 'postgres' ? openPostgres(`postgres://fb@127.0.0.1:${await freePort()}/nothing`) : await openPglite();
      if (engine === 'pglite') await closed.close();
      const outage = await startDistrictServer({ db: closed });
      const app = await supervisorWithExports({ supervisorName: 'Sam Lee', supervisorEmail: 'sam.lee@riverbend.example' });
      await target(app.ctx, `${outage.url}/api/exports`);
      const worker = startSyncWorker(app.ctx, { manual: true });
      await worker.runOnce();
      const overview = await ok(app.ctx, 'getSyncOverview');
      expect(overview.items.every((i) => i.status === 'retrying')).toBe(true);
      expect(overview.targets[0].stoppedReason).toBeNull();
      expect(overview.items[0].lastError).toMatch(/could not take the export right now \(503\)/);
      const res = await fetch(`${outage.url}/api/exports`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': app.ids.roster }, body: JSON.stringify(httpsBody(buildPackage(app.ctx, app.ids.roster)!)) });
      expect([res.status, res.headers.get('retry-after'), (await res.json()).error.code]).toEqual([503, '30', 'database_unavailable']);
      await outage.close();
      await closed.close().catch(() => undefined);
      await ok(app.ctx, 'saveSyncTarget', { id: overview.targets[0].id, kind: 'https', name: 'District', enabled: true, url: `${server.url}/api/exports`, auth: 'none', retentionConsent: 'named' });
      for (let pass = 0; pass < 20 && (await ok(app.ctx, 'getStatus')).exportsWaiting > 0; pass++) {
        app.ctx.db.prepare(`UPDATE sync_deliveries SET next_attempt_at = NULL`).run();
        await worker.runOnce();
      }
      await worker.stop();
      expect((await ok(app.ctx, 'getStatus')).exportsWaiting).toBe(0);
      expect(await one(`SELECT count(*) AS n FROM packages`)).toEqual({ n: 7 });
    });

    it('with an access token, answers 401 without it and takes the package with it', async () => {
      const guarded = await startDistrictServer({ db: db(), token: 'district-secret-token' });
      const pkg = buildPackage(jordan.ctx, jordan.ids.roster)!;
      const config = { id: 1, kind: 'https' as const, location: `${guarded.url}/api/exports`, username: null };
      const signal = new AbortController().signal;
      await expect(httpsDriver.deliver(pkg, { ...config, auth: 'bearer', secret: 'wrong' }, { timeoutMs: 10_000, signal })).rejects.toMatchObject({ kind: 'refused', message: expect.stringContaining('(401)') });
      await expect(httpsDriver.deliver(pkg, { ...config, auth: 'bearer', secret: 'district-secret-token' }, { timeoutMs: 10_000, signal })).resolves.toMatchObject({ status: 200 });
      await guarded.close();
    });

    it('serves https with the district’s own certificate and key, for a Fieldbook that trusts them', async () => {
      const dir = tempDir();
      const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
        '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
      if (made.error) throw new Error('openssl is missing (apt-get install -y openssl)');
      const secure = await startDistrictServer({ db: db(), tls: { certFile: path.join(dir, 'cert.pem'), keyFile: path.join(dir, 'key.pem') } });
      expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const body = JSON.stringify(httpsBody(buildPackage(jordan.ctx, jordan.ids.roster)!));
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = https.request(`${secure.url}/api/exports`, { method: 'POST', ca: fs.readFileSync(path.join(dir, 'cert.pem')), headers: { 'Content-Type': 'application/json', 'Idempotency-Key': jordan.ids.roster } }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        });
        req.on('error', reject);
        req.end(body);
      });
      await secure.close();
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body).receipt).toMatchObject({ id: jordan.ids.roster, outcome: 'loaded' });
    });

    it('stores one copy when the same package is sent many times at once', async () => {
      const pkg = buildPackage(robin.ctx, robin.ids.visitLog)!;
      const config = { id: 1, kind: 'https' as const, location: `${server.url}/api/exports`, auth: 'none' as const, username: null, secret: null };
      const answers = await Promise.all(Array.from({ length: 6 }, () => httpsDriver.deliver(pkg, config, { timeoutMs: 30_000, signal: new AbortController().signal })));
      const receipts = answers.map((a) => a.receipt as { manifestSha256: string; outcome: string });
      expect(new Set(receipts.map((r) => r.manifestSha256))).toEqual(new Set([pkg.manifest.sha256]));
      expect(receipts.filter((r) => r.outcome === 'loaded')).toHaveLength(6);
      expect(await one(`SELECT count(*) AS n FROM packages`)).toEqual({ n: 1 });
      expect(await one(`SELECT count(*) AS n FROM visits`)).toEqual({ n: 2 });
    });
  });

  describe(`the drop folder and the schema (${engine})`, { timeout: 60_000 }, () => {
    it('loads a package dropped into the folder and removes it; a package still arriving waits, then is quarantined with its reason', async () => {
      const drop = tempDir();
      const quarantine = quarantineRoot();
      const lines: string[] = [];
      const watcher = watchDropFolder(db(), { dropDir: drop, quarantineDir: quarantine, pollMs: 100, settleMs: 200, graceMs: 1_500, log: (l) => lines.push(l) });
      copyPackages(written.jordan, (n) => n.startsWith('caseload_roster'), drop);
      await waitFor(async () => (await one<{ n: number }>(`SELECT count(*) AS n FROM packages`)).n === 1, 'the dropped roster to load', 20_000);
      await waitFor(() => fs.readdirSync(drop).length === 0, 'the loaded package to leave the drop folder');
      // Half a package: a sync client has brought the document but not yet the manifest.
      const partial = path.join(drop, 'visit_log--arriving');
      fs.mkdirSync(partial);
      fs.copyFileSync(path.join(packageDir(written.jordan, 'visit_log'), 'fieldbook-export.json'), path.join(partial, 'fieldbook-export.json'));
      await new Promise((r) => setTimeout(r, 700));
      expect(fs.existsSync(partial)).toBe(true);
      await waitFor(() => !fs.existsSync(partial), 'the incomplete package to be quarantined', 20_000);
      await watcher.stop();
      expect(lines.join('\n')).toMatch(/loaded +caseload_roster--/);
      expect(lines.join('\n')).toMatch(/quarantined +visit_log--arriving +no_manifest/);
      expect(fs.readdirSync(quarantine).filter((n) => n.endsWith('.reason.txt'))).toHaveLength(1);
    });

    it('refuses a database made by a newer district before changing anything, and an edited migration', async () => {
      await db().query(`INSERT INTO schema_migrations (id, name, checksum) VALUES (99, 'from the future', 'x')`);
      const before = await tableCounts(db());
      await expect(migrateDistrict(db())).rejects.toThrow(SchemaError);
      await expect(migrateDistrict(db())).rejects.toThrow(`This district database is at schema 99, made by a newer Fieldbook district than this one (which knows ${DISTRICT_MIGRATIONS.length}). Nothing was changed: run the newer version.`);
      expect(await tableCounts(db())).toEqual(before);
      await db().query(`DELETE FROM schema_migrations WHERE id = 99`);
      const { checksum } = await one<{ checksum: string }>(`SELECT checksum FROM schema_migrations WHERE id = 2`);
      await db().query(`UPDATE schema_migrations SET checksum = 'edited' WHERE id = 2`);
      await expect(migrateDistrict(db())).rejects.toThrow('District migration 2 (records) differs from the one this database applied');
      await db().query(`UPDATE schema_migrations SET checksum = $1 WHERE id = 2`, [checksum]);
      expect(await migrateDistrict(db())).toEqual({ applied: [], version: DISTRICT_MIGRATIONS.length });
    });
  });
}

/** The body the app's HTTPS target posts for a package (electron/core/sync/targets/https.ts). */
function httpsBody(pkg: ExportPackage) {
  const [document, ...attachments] = pkg.files;
  return {
    id: pkg.id, folder: pkg.folderName, manifest: JSON.parse(pkg.manifest.content.toString()), document: JSON.parse(document.content.toString()),
    attachments: attachments.map((a) => ({ name: a.name, mediaType: a.mediaType, size: a.content.length, sha256: a.sha256, contentBase64: a.content.toString('base64') })),
  };
}

/** Every text a database holds, as one string: table rows as JSON, and every stored file as text. */
async function dumpDatabase(db: DistrictDb, except: string[]): Promise<string> {
  const tables = (await db.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.name).filter((n) => !except.includes(n));
  const parts: string[] = [];
  for (const table of tables) {
    for (const row of (await db.query(`SELECT * FROM ${table}`)).rows) {
      parts.push(JSON.stringify(row, (_k, v) => (v && typeof v === 'object' && v.type === 'Buffer' ? Buffer.from(v.data).toString('utf8') : v)));
    }
  }
  return parts.join('\n');
}

function pdfText(pdf: Buffer): string {
  const file = path.join(tempDir(), 'a.pdf');
  fs.writeFileSync(file, pdf);
  const r = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  if (r.error) throw new Error('pdftotext is missing: apt-get install -y poppler-utils');
  return r.stdout;
}
