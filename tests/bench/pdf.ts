import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { syncBuiltinFrameworks } from '../../electron/core/services/settings/frameworks';
import { completeWriteUp } from '../node/evaluationFixture';
import { call, openCore } from './core';
import { ratio, type Row, sample, summarise, timed } from './stats';

/**
 * PDFs: an ordinary evaluation, one whose summary is a single word of 19,000 and of 190,000
 * characters (laid out in linear time: ten times the text, about ten times the time), and an
 * autosave while the long one is being made (answered as fast as ever: the layout is in a worker).
 */
export async function pdfBench(runs: number): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-bench-pdf-'));
  const ctx = openCore(dir);
  try {
    syncBuiltinFrameworks(ctx);
    await call(ctx, 'saveSettings', { supervisorName: 'Şebnem Yılmaz', district: 'Bench USD', targetRatio: 5, schoolYearStartMonth: 7 });
    const schoolId = ((await call(ctx, 'addSchool', { name: 'Mesa Middle', level: 'middle', needTier: 'high' })) as { id: number }).id;
    const cycle = async (name: string, summary: string) => {
      const leaderId = ((await call(ctx, 'addLeader', { name, role: 'principal', schoolId, roleStartDate: '2020-08-01', assignment: { supportTier: 'standard' } })) as { id: number }).id;
      const cycleId = ((await call(ctx, 'startEvaluationCycle', { leaderId })) as { id: number }).id;
      await completeWriteUp(ctx, cycleId);
      await call(ctx, 'saveWriteUp', { cycleId, section: 'summary', text: summary });
      return cycleId;
    };
    const ordinary = await cycle('Nguyễn Thị Hoa', 'A year of steady growth in ILT facilitation and feedback cycles. '.repeat(40));
    const short = await cycle('王小明', 'ab'.repeat(9_500));
    const long = await cycle('فاطمة الزهراء', 'ab'.repeat(95_000));
    const pdf = (cycleId: number) => call(ctx, 'getEvaluationPdf', { cycleId });
    await pdf(ordinary); // the worker's first start (pdfmake and the fonts loaded) is not what a person waits for each time

    const rows = [summarise('—', 'evaluation PDF (2 pages, names in four scripts)', await sample(runs, () => pdf(ordinary)), 1000)];
    const shortTimes: number[] = [];
    const longTimes: number[] = [];
    for (let i = 0; i < Math.max(3, Math.floor(runs / 4)); i++) {
      shortTimes.push(await timed(() => pdf(short)));
      longTimes.push(await timed(() => pdf(long)));
    }
    rows.push(summarise('—', 'evaluation PDF with one 190,000-character word', longTimes, 5000));
    rows.push({ ...ratio('—', '190,000- ÷ 19,000-character word (linear: about 10×)', longTimes, shortTimes, `19,000 p50 ${summarise('', '', shortTimes, null).p50} ms`), budget: 20 });

    const note = (await call(ctx, 'createNote', { leaderId: 1, body: 'Walkthrough' })) as { id: number };
    const during: number[] = [];
    for (let i = 0; i < Math.max(3, Math.floor(runs / 4)); i++) {
      let rendering = true;
      const render = pdf(long).finally(() => (rendering = false));
      for (let k = 0; rendering; k++) {
        const t = await timed(() => call(ctx, 'saveNote', { noteId: note.id, body: `Walkthrough ${'x'.repeat(k % 50)}` }));
        if (rendering) during.push(t);
        await new Promise((r) => setTimeout(r, 5));
      }
      await render;
    }
    rows.push(summarise('—', `autosave while that PDF is made (${during.length} saves)`, during, 25));
    return rows;
  } finally {
    ctx.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
