import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Where the built web view is, and how `serve` builds it first (as `npm start` builds the app). */
const ROOT = path.resolve(import.meta.dirname, '../..');
export const VIEW_DIR = path.join(ROOT, 'out', 'district-view');

export function buildView(): { ok: true; seconds: number } | { ok: false } {
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.district.config.ts'], { cwd: ROOT, stdio: 'inherit' });
  return r.status === 0 ? { ok: true, seconds: (Date.now() - started) / 1000 } : { ok: false };
}
