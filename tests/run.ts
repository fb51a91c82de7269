import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm test`: typecheck, lint, build, then vitest's three levels (node, jsdom, e2e in Chromium).
 * Ends with one line, "N passed, N failed", counting each check and each test.
 * Outside CI a missing Chromium skips the e2e level with instructions; with CI=true it fails.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);
const CI = Boolean(process.env.CI) && process.env.CI !== 'false';

let passed = 0;
let failed = 0;
const notes: string[] = [];

function check(label: string, cmd: string, args: string[]): boolean {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  const good = r.status === 0;
  if (good) passed++;
  else failed++;
  notes.push(`${good ? '✓' : '✗'} ${label}`);
  return good;
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  return candidates.find((p): p is string => Boolean(p) && fs.existsSync(p!)) ?? null;
}

check('typecheck (Node code)', bin('tsc'), ['-p', 'tsconfig.node.json']);
check('typecheck (renderer, without Node types)', bin('tsc'), ['-p', 'tsconfig.web.json']);
check('typecheck (component tests)', bin('tsc'), ['-p', 'tsconfig.test-web.json']);
check('lint', bin('eslint'), ['.']);
check('Electron security audit (electronegativity: no high or medium findings)', bin('tsx'), ['electron/cli/audit.ts']);
const built = check('build (electron-vite: main, preload, renderer)', bin('electron-vite'), ['build', '--logLevel', 'warn'])
  && check('build (the district’s leader tracking view)', bin('vite'), ['build', '--config', 'vite.district.config.ts']);

const chromium = findChromium();
const projects = ['node', 'jsdom'];
if (chromium && built) projects.push('e2e');
else if (!chromium && CI) {
  failed++;
  notes.push('✗ end-to-end: no Chromium found (CI needs it: apt-get install -y chromium, or set CHROME_PATH)');
} else if (!chromium) {
  notes.push('- end-to-end: NOT RUN. No Chromium found; install it with `sudo apt-get install -y chromium` (or set CHROME_PATH) and run npm test again.');
} else {
  notes.push('- end-to-end: not run because the build failed');
}

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-vitest-')), 'report.json');
console.log(`\n▶ vitest: ${projects.join(', ')}`);
spawnSync(bin('vitest'), ['run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, CHROME_PATH: chromium ?? '' },
});
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTestSuites: number; testResults: { status: string; name: string; message?: string }[] };
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A test file that fails to load has no tests to count; count the file as a failure.
  const broken = r.testResults.filter((f) => f.status === 'failed' && f.message);
  failed += broken.length;
  notes.push(`${r.numFailedTests + broken.length ? '✗' : '✓'} vitest (${projects.join(', ')}): ${r.numPassedTests} passed, ${r.numFailedTests} failed${broken.length ? `, ${broken.length} files failed to run` : ''}`);
} else {
  failed++;
  notes.push('✗ vitest did not produce a report');
}

console.log(`\n${notes.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
