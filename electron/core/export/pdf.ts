import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { fontTable } from './fonts';

/**
 * PDFs are laid out in a worker thread, so a long document never holds up the calls the screens
 * are waiting for (an autosave is answered while a PDF is made). The worker loads pdfmake once
 * and keeps it; fonts come from resources/fonts and nothing else: no URL, no other file.
 */

/** Runs inside the worker (plain CommonJS, like the data-file check in backup/verify.ts). */
const SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const pdfmake = require(workerData.pdfmake);
const PDFDocument = require(workerData.pdfkit);
const RTL = /[\\p{Script=Arabic}\\p{Script=Hebrew}\\p{Script=Syriac}\\p{Script=Thaana}\\p{Script=Nko}]/u;

// pdfkit writes a ligature's letters (lam-alef) into the text layer in logical order, but a
// right-to-left word is drawn in visual order, so readers gave "صالح" for "صلاح": reverse them.
// A private pdfkit API (pdfmake is pinned): if it has changed, PDFs are still made without it.
try {
  const probe = new PDFDocument({ autoFirstPage: false });
  probe.font(workerData.fonts.NotoSans.normal);
  const EmbeddedFont = probe._font.constructor;
  if (EmbeddedFont.name !== 'EmbeddedFont' || typeof EmbeddedFont.prototype.encode !== 'function') throw new Error('pdfkit changed');
  EmbeddedFont.prototype.encode = function encode(text, features) {
    const { glyphs, positions } = this.layout(text, features);
    const res = [];
    for (const glyph of glyphs) {
      const gid = this.subset.includeGlyph(glyph.id);
      res.push(('0000' + gid.toString(16)).slice(-4));
      if (this.widths[gid] == null) this.widths[gid] = glyph.advanceWidth * this.scale;
      if (this.unicode[gid] == null) {
        const cps = glyph.codePoints;
        this.unicode[gid] = cps.length > 1 && cps.some((c) => RTL.test(String.fromCodePoint(c))) ? [...cps].reverse() : cps;
      }
    }
    return [res, positions];
  };
  // Noto Sans Arabic's tall line metrics would make every row holding an Arabic name half again as high.
  const font = PDFDocument.prototype.font;
  const latin = { ascender: 1069, descender: -293 };
  PDFDocument.prototype.font = function (...args) {
    const r = font.apply(this, args);
    if (this._font && /^NotoSansArabic-/.test(this._font.name) && !this._font.metricsSet) Object.assign(this._font, latin, { metricsSet: true });
    return r;
  };
} catch (err) {
  console.error('[fieldbook] PDF text-layer fix for right-to-left ligatures not applied:', err && err.message);
}

pdfmake.setFonts(workerData.fonts);
pdfmake.setUrlAccessPolicy(() => false);
const allowed = new Set(Object.values(workerData.fonts).flatMap((faces) => Object.values(faces)));
pdfmake.setLocalAccessPolicy((file) => allowed.has(file));

parentPort.on('message', async ({ id, doc, running }) => {
  try {
    if (running) {
      // Every page names what it is and where it is in the document.
      doc.header = () => ({ text: structuredClone(running.header), fontSize: 8, color: '#555555', margin: [48, 22, 48, 0] });
      doc.footer = (page, pages) => ({
        columns: [{ text: structuredClone(running.footer), fontSize: 8, color: '#555555' }, { text: 'Page ' + page + ' of ' + pages, alignment: 'right', fontSize: 8, width: 80 }],
        margin: [48, 18, 48, 0],
      });
    }
    const pdf = await pdfmake.createPdf(doc).getBuffer();
    const bytes = new Uint8Array(pdf);
    parentPort.postMessage({ id, pdf: bytes }, [bytes.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.stack) || err) });
  }
});`;

interface Job {
  resolve: (pdf: Buffer) => void;
  reject: (err: Error) => void;
}

let worker: Worker | null = null;
const jobs = new Map<number, Job>();
let nextId = 1;

function startWorker(): Worker {
  const require = createRequire(import.meta.url);
  const pdfmake = require.resolve('pdfmake');
  const w = new Worker(SCRIPT, {
    eval: true,
    workerData: { pdfmake, pdfkit: createRequire(pdfmake).resolve('pdfkit'), fonts: fontTable() },
    // A document too big to lay out ends this thread, not Fieldbook.
    resourceLimits: { maxOldGenerationSizeMb: 1536 },
  });
  w.on('message', (m: { id: number; pdf?: Uint8Array; error?: string }) => {
    const job = jobs.get(m.id);
    jobs.delete(m.id);
    if (jobs.size === 0) w.unref();
    if (!job) return;
    if (m.pdf) job.resolve(Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength));
    else job.reject(new Error(`The PDF could not be made: ${m.error}`));
  });
  const fail = (err: Error) => {
    if (worker === w) worker = null;
    for (const job of jobs.values()) job.reject(err);
    jobs.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`The PDF worker stopped (exit code ${code})`)));
  return w;
}

/** What every page shows: the record and its year at the top, where it comes from and the page number at the foot. */
export interface RunningText {
  header: Content;
  footer: Content;
}

export interface PdfOptions {
  /** The record's own moment (locked, finalised…): the file's dates, so the same record gives the same bytes. */
  date: string;
  title: string;
  running?: RunningText;
}

/**
 * Render a document to bytes in the worker. Everything that could differ between two renders of
 * the same record is fixed: the dates are the record's, and the document id (an MD5 of the info
 * fields) follows the content through a hash of it.
 */
export function renderPdf(doc: TDocumentDefinitions, options: PdfOptions): Promise<Buffer> {
  const date = new Date(options.date);
  const definition: TDocumentDefinitions = {
    pageSize: 'LETTER',
    pageMargins: [48, 52, 48, 56],
    language: 'en-US',
    displayTitle: true,
    ...doc,
    info: {
      title: options.title,
      creator: 'Fieldbook',
      producer: 'Fieldbook',
      creationDate: date,
      modDate: date,
      // A custom info field: pdfkit's document id hashes the info fields, so it changes with the content.
      ...{ content: crypto.createHash('sha256').update(JSON.stringify([doc.content, options.running ?? null])).digest('hex') },
    },
    defaultStyle: { font: 'NotoSans', fontSize: 10, lineHeight: 1.2, ...doc.defaultStyle },
  };
  worker ??= startWorker();
  const w = worker;
  const id = nextId++;
  w.ref();
  return new Promise<Buffer>((resolve, reject) => {
    jobs.set(id, { resolve, reject });
    w.postMessage({ id, doc: definition, running: options.running ?? null });
  });
}

/** What crosses the contract for a PDF: JSON has no bytes, so it travels as base64. */
export interface PdfFileOut {
  filename: string;
  base64: string;
}
