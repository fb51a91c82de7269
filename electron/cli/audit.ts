import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/**
 * The Electron security audit: @doyensec/electronegativity over electron/ and renderer/ together
 * (its global checks, such as navigation limits, look for the handlers in main while judging the
 * pages). Fails on any finding of high or medium severity, or a file it could not read; a finding
 * that is a false positive is justified beside the code with an `eng-disable` comment saying why.
 * Low findings are listed. The check that downloads Electron's release list is skipped: there is
 * no internet here, and the Electron version is pinned in package.json.
 */
interface Issue { id: string; severity: { name: string }; file: string; location: { line: number; column: number }; description: string }
type Run = (options: Record<string, unknown>) => Promise<{ issues: Issue[]; errors: unknown[]; atomicChecks: number; globalChecks: number }>;

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = createRequire(import.meta.url)('@doyensec/electronegativity') as Run;
const electronVersion = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

const src = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-audit-'));
for (const dir of ['electron', 'renderer']) fs.cpSync(path.join(ROOT, dir), path.join(src, dir), { recursive: true });
const result = await run({ input: src, excludeFromScan: ['AvailableSecurityFixesGlobalCheck'], isRelative: true, electronVersionOverride: electronVersion, parserPlugins: [] });
fs.rmSync(src, { recursive: true, force: true });

for (const i of result.issues) console.log(`${i.severity.name.padEnd(6)} ${i.id} ${i.file}:${i.location.line} — ${i.description}`);
for (const e of result.errors) console.log('could not read:', e);
const count = (s: string) => result.issues.filter((i) => i.severity.name === s).length;
console.log(`electronegativity (Electron ${electronVersion}, ${result.atomicChecks} checks + ${result.globalChecks} global): ${count('HIGH')} high, ${count('MEDIUM')} medium, ${count('LOW')} low, ${count('INFORMATIONAL')} informational, ${result.errors.length} unreadable`);
process.exit(count('HIGH') + count('MEDIUM') + result.errors.length ? 1 : 0);
