import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../electron/core/export/pdf';
import { enqueueExport, getQueuedExport, readAttachment, sha256 } from '../../electron/core/sync/outbox';
import { memoryCore, tempDir } from './helpers';

describe('the outbox', () => {
  it('queues an export with its attachments in the caller’s transaction, and keeps the bytes and their hash', () => {
    const ctx = memoryCore();
    const pdf = Buffer.from('%PDF-1.7 pretend');
    const id = ctx.db.transaction(() => enqueueExport(ctx, { kind: 'cta_checkin', key: '7', payload: { school: 'Cedar Grove' }, attachments: [{ filename: 'summary.pdf', mediaType: 'application/pdf', content: pdf }] }))();
    expect(id).toBe('cta_checkin:7');
    const queued = getQueuedExport(ctx, id)!;
    expect(queued.payload).toEqual({ school: 'Cedar Grove' });
    expect(queued.deliveredAt).toBeNull();
    expect(queued.attachments).toEqual([{ filename: 'summary.pdf', mediaType: 'application/pdf', sha256: sha256(pdf), size: pdf.length }]);
    expect(readAttachment(ctx, id, 'summary.pdf')).toEqual(pdf);
  });

  it('writes nothing when the change it belongs to is rolled back', () => {
    const ctx = memoryCore();
    expect(() =>
      ctx.db.transaction(() => {
        enqueueExport(ctx, { kind: 'cta_checkin', key: '8', payload: {}, attachments: [{ filename: 'a.pdf', mediaType: 'application/pdf', content: Buffer.from('x') }] });
        throw new Error('the change failed');
      })(),
    ).toThrow('the change failed');
    expect(getQueuedExport(ctx, 'cta_checkin:8')).toBeNull();
    expect(ctx.db.prepare(`SELECT count(*) FROM outbox_attachments`).pluck().get()).toBe(0);
  });

  it('refuses to queue outside a transaction, twice for one record, or a file name that is a path', () => {
    const ctx = memoryCore();
    expect(() => enqueueExport(ctx, { kind: 'k', key: '1', payload: {} })).toThrow(/inside the transaction/);
    ctx.db.transaction(() => enqueueExport(ctx, { kind: 'k', key: '1', payload: {} }))();
    expect(() => ctx.db.transaction(() => enqueueExport(ctx, { kind: 'k', key: '1', payload: {} }))()).toThrow(/already been queued/);
    for (const filename of ['../evil.pdf', 'a\\b.pdf', '']) {
      expect(() => ctx.db.transaction(() => enqueueExport(ctx, { kind: 'k', key: filename || 'blank', payload: {}, attachments: [{ filename, mediaType: 'x', content: Buffer.from('x') }] }))()).toThrow(/CHECK constraint/);
    }
    expect(ctx.db.prepare(`SELECT count(*) FROM outbox`).pluck().get()).toBe(1);
  });
});

describe('PDF rendering', () => {
  it('makes a real PDF whose text pdftotext can read back', async () => {
    const pdf = await renderPdf({ content: [{ text: 'Cedar Grove Elementary', style: 'h' }, 'Goal: Grade 3 reading proficiency — on track'], styles: { h: { bold: true, fontSize: 16 } } }, { title: 'A check-in', date: '2026-11-23T16:00:00.000Z' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(tempDir(), 'out.pdf');
    fs.writeFileSync(file, pdf);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    if (text.error) throw new Error('pdftotext is missing: apt-get install -y poppler-utils (.ci/run installs it)');
    expect(text.stdout).toContain('Cedar Grove Elementary');
    expect(text.stdout).toContain('on track');
  });
});
