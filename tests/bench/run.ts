import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isSizeName, SIZE_NAMES, type SizeName } from '../../electron/core/generate';
import { bridgeRatios, coldStarts, firstRender, launch, rssMb, settled, startServer, typing } from './browser';
import { coreBench, openCore, rosterBench, typicalLeader } from './core';
import { pdfBench } from './pdf';
import { dataFor } from './data';
import { pass, type Row, round, summarise, table } from './stats';

/**
 * `npm run bench [-- --sizes medium,large --runs 20 --out FILE]`: each operation's p50 and p95
 * against its budget, as a table and as JSON. Not part of npm test: timings belong here only.
 */
const { values } = parseArgs({
  options: { sizes: { type: 'string', default: 'medium,large' }, runs: { type: 'string', default: '20' }, out: { type: 'string' }, 'no-browser': { type: 'boolean', default: false } },
});
const sizes = values.sizes!.split(',').map((s) => s.trim());
const bad = sizes.find((s) => !isSizeName(s));
if (bad) {
  console.error(`--sizes: ${bad} is not one of ${SIZE_NAMES.join(', ')}`);
  process.exit(1);
}
const runs = Math.max(3, Number(values.runs) || 20);
const ROOT = path.resolve(import.meta.dirname, '../..');
const outFile = path.resolve(values.out ?? path.join(ROOT, 'tests', 'bench', 'results', 'latest.json'));
const started = performance.now();
const load = os.loadavg().map((n) => round(n));
console.log(`Fieldbook bench: sizes ${sizes.join(', ')}, ${runs} runs each; load average ${load.join(' ')} on ${os.cpus().length} cores.`);

if (!values['no-browser']) {
  console.log('Building the app (electron-vite)…');
  const b = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}

const rows: Row[] = [];
const generated: Record<string, number | null> = {};
const show = (r: Row[]) => r.forEach((x) => console.log(`  ${x.size} ${x.operation}: p50 ${x.p50}, p95 ${x.p95}${x.budget === null ? '' : ` (budget ${x.budget}: ${pass(x) ? 'pass' : 'FAIL'})`}`));

rows.push(await rosterBench(5));
rows.push(...(await pdfBench(runs)));
show(rows);
for (const size of sizes as SizeName[]) {
  const data = dataFor(size);
  generated[size] = data.generatedSeconds;
  console.log(`Measuring ${size} (${data.dir})…`);
  let ctx = openCore(data.dir);
  const core = await coreBench(size, ctx, runs);
  rows.push(...core);
  show(core);
  ctx.db.close();
  if (values['no-browser']) continue;
  // Nothing else holds the file open while browser mode starts and quits, as on a supervisor's laptop:
  // a second connection keeps each quit from tidying away the write-ahead log, so every start would read the file whole.
  const cold = await coldStarts(size, data.dir, 5);
  rows.push(cold);
  show([cold]);
  ctx = openCore(data.dir);
  const server = await startServer(data.dir);
  try {
    await settled(server);
    const ratios = await bridgeRatios(size, ctx, server, runs);
    rows.push(...ratios);
    show(ratios);
    const browser = await launch();
    try {
      const render = await firstRender(size, browser, server, 5);
      const typed = await typing(size, browser, server, typicalLeader(ctx).leaderId);
      rows.push(render, typed);
      show([render, typed]);
    } finally {
      await browser.close();
    }
    await new Promise((r) => setTimeout(r, 5000));
    const mem = summarise(size, 'browser-mode server: idle memory (RSS) after use', [rssMb(server.pid)], null, 'MB');
    rows.push(mem);
    show([mem]);
  } finally {
    await server.stop();
    ctx.db.close();
  }
}

const seconds = Math.round((performance.now() - started) / 1000);
console.log(`\n${table(rows)}\n`);
const failed = rows.filter((r) => pass(r) === false).length;
console.log(`${rows.length} measurements, ${failed} over budget, in ${seconds} s (generation: ${JSON.stringify(generated)}; load average at start ${load.join(' ')}).`);
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, JSON.stringify({
  at: new Date().toISOString(), sizes, runs, seconds, loadAverageAtStart: load, cores: os.cpus().length, node: process.version, generatedSeconds: generated,
  rows: rows.map((r) => ({ ...r, pass: pass(r) })),
}, null, 2));
console.log(`Wrote ${outFile}`);
