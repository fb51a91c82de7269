import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startSyncWorker } from '../../electron/core/sync/worker';
import { EXPORT_KINDS, folderNameFor, parseV1ExportId, parseV2ExportId } from '../../shared/exportFormat/common';
import { exportFormatJsonSchemas } from '../../shared/exportFormat/jsonSchemas';
import { deliver, supervisorWithExports, type Supervisor } from './exportsFixture';
import { ok, tempDir } from './helpers';
import { schemaValidator as validator } from './schemaValidator';
import { packagesOnDisk } from './syncServers';

/**
 * The package format is specified by the zod schemas in shared/exportFormat and published as JSON
 * Schemas in docs/schemas. Here an independent validator (ajv) checks every kind of export the app
 * really writes against the published files.
 */
const SCHEMAS = path.resolve(import.meta.dirname, '../../docs/schemas');
const readSchema = (file: string) => JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), 'utf8')) as object;

let supervisor: Supervisor;
const folders = { named: tempDir(), counts: tempDir() };
beforeAll(async () => {
  supervisor = await supervisorWithExports();
  await deliver(supervisor.ctx, { [folders.named]: 'named', [folders.counts]: 'counts' });
});

describe('the package format', () => {
  it('publishes in docs/schemas exactly the JSON Schemas the shared zod schemas make (npm run district -- schemas)', () => {
    for (const [file, schema] of Object.entries(exportFormatJsonSchemas())) expect(readSchema(file), file).toEqual(schema);
    const published = fs.readdirSync(SCHEMAS, { recursive: true }).filter((f) => String(f).endsWith('.json')).map(String).sort();
    expect(published).toEqual(Object.keys(exportFormatJsonSchemas()).sort());
  });

  it('every kind the app writes is valid against its published JSON Schema, checked by ajv: documents, manifests, both retention cuts', () => {
    const check = validator();
    const seen = new Set<string>();
    for (const folder of Object.values(folders)) {
      for (const name of packagesOnDisk(folder).final) {
        const doc = JSON.parse(fs.readFileSync(path.join(folder, name, 'fieldbook-export.json'), 'utf8'));
        const manifest = JSON.parse(fs.readFileSync(path.join(folder, name, 'fieldbook-manifest.json'), 'utf8'));
        expect(check(`v2/${doc.kind}.schema.json`, doc)).toEqual([]);
        expect(check('manifest.schema.json', manifest)).toEqual([]);
        expect(doc.payload.schemaVersion).toBe(2);
        seen.add(doc.kind === 'retention_snapshot' ? `${doc.kind}:${doc.payload.consent}` : doc.kind);
      }
    }
    expect([...seen].sort()).toEqual([...EXPORT_KINDS.filter((k) => k !== 'retention_snapshot'), 'retention_snapshot:counts', 'retention_snapshot:named'].sort());
  });

  it('the HTTPS target’s body is valid against its schema, and its document against the kind’s', async () => {
    const bodies: unknown[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const fresh = await supervisorWithExports({ supervisorName: 'Robin Diaz', supervisorEmail: 'robin.diaz@lakeside.example' });
    await ok(fresh.ctx, 'saveSyncTarget', { kind: 'https', name: 'District', enabled: true, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/exports`, auth: 'none', retentionConsent: 'named' });
    const worker = startSyncWorker(fresh.ctx, { manual: true });
    await worker.runOnce();
    await worker.stop();
    server.close();
    const check = validator();
    expect(bodies).toHaveLength(Object.keys(fresh.ids).length);
    for (const body of bodies as { document: { kind: string } }[]) {
      expect(check('https-body.schema.json', body)).toEqual([]);
      expect(check(`v2/${body.document.kind}.schema.json`, body.document)).toEqual([]);
    }
  });

  it('ajv refuses what the format does not allow: a field no version has, a counts summary with names, another kind’s id', () => {
    const check = validator();
    const name = packagesOnDisk(folders.counts).final.find((n) => n.startsWith('retention_snapshot'))!;
    const counts = JSON.parse(fs.readFileSync(path.join(folders.counts, name, 'fieldbook-export.json'), 'utf8'));
    expect(check('v2/retention_snapshot.schema.json', counts)).toEqual([]);
    expect(check('v2/retention_snapshot.schema.json', { ...counts, payload: { ...counts.payload, leaders: [{ name: 'Marisol Vega' }] } })).not.toEqual([]);
    const roster = JSON.parse(fs.readFileSync(path.join(folders.named, packagesOnDisk(folders.named).final.find((n) => n.startsWith('caseload_roster'))!, 'fieldbook-export.json'), 'utf8'));
    expect(check('v2/caseload_roster.schema.json', { ...roster, notes: 'a coaching note' })).not.toEqual([]);
    expect(check('v2/caseload_roster.schema.json', { ...roster, id: roster.id.replace('caseload_roster', 'evaluation') })).not.toEqual([]);
    expect(check('v2/caseload_roster.schema.json', { ...roster, payload: { ...roster.payload, schemaVersion: 1 } })).not.toEqual([]);
  });

  it('reads the record and revision from an id of either version, and only the suffix its kind uses counts as a revision', () => {
    const inst = '6f1c2a9e-4b7d-4e21-9a0c-3d5e7f9b11d2';
    expect(parseV2ExportId(`visit_log:${inst}:2026-11-16.r2`)).toEqual({ kind: 'visit_log', installationId: inst, key: '2026-11-16', record: `visit_log:${inst}:2026-11-16`, revision: 2 });
    expect(parseV2ExportId(`evaluation:${inst}:17`)).toMatchObject({ record: `evaluation:${inst}:17`, revision: 1 });
    for (const bad of [`evaluation:${inst}:17.2`, `evaluation:${inst.toUpperCase()}:17`, 'evaluation:17', `evaluation:${inst}:../x`, `evaluation:${inst}:17.r0`]) expect(parseV2ExportId(bad), bad).toBeNull();
    expect(parseV1ExportId('evaluation:17.2')).toEqual({ kind: 'evaluation', key: '17', record: 'evaluation:17', revision: 2 });
    expect(parseV1ExportId('visit_log:2026-11-16.r3')).toEqual({ kind: 'visit_log', key: '2026-11-16', record: 'visit_log:2026-11-16', revision: 3 });
    expect(parseV1ExportId('visit_log:2026-11-16')).toMatchObject({ record: 'visit_log:2026-11-16', revision: 1 });
    // A visit log's ".2" and an evaluation's ".r2" are not revisions in version 1: part of the key.
    expect(parseV1ExportId('visit_log:2026-11-16.2')).toMatchObject({ record: 'visit_log:2026-11-16.2', revision: 1 });
    expect(parseV1ExportId('evaluation:17.r2')).toMatchObject({ record: 'evaluation:17.r2', revision: 1 });
    expect(folderNameFor(`visit_log:${inst}:2026-11-16.r2`)).toBe(`visit_log--${inst}--2026-11-16.r2`);
  });
});
