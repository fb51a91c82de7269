import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Electron's npm package holds no binary: it is downloaded on first use from outside the npm
 * registry, which can fail (offline, firewalled). `npm start` asks here first and falls back to
 * browser mode with the one-line reason, instead of letting Electron's own loader throw.
 */

export type Ensured = { ok: true; path: string } | { ok: false; reason: string };

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
export const electronPackageDir = (root: string): string => path.join(root, 'node_modules', 'electron');

/** The executable the electron package points at (path.txt → dist/<path>), or null if it is not there. */
export function installedElectronPath(electronDir: string): string | null {
  try {
    const relative = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
    if (!relative) return null;
    const executable = path.join(electronDir, 'dist', relative);
    return fs.existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}

export interface RunResult {
  code: number | null;
  output: string;
  timedOut: boolean;
  spawnError?: string;
}

const OUTPUT_LIMIT = 64 * 1024;

/** Run a command with its output captured (not shown), killed with everything it started after timeoutMs. */
export function runCaptured(
  command: string,
  args: readonly string[],
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<RunResult> {
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    // Its own process group on POSIX, so a timeout also stops what it spawned (make, the compiler).
    const detached = process.platform !== 'win32';
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached });
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (detached && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    }, options.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, output, timedOut, spawnError: err.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut });
    });
  });
}

const NETWORK_FAILURE = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|network connectivity/;

/**
 * The most telling short phrase in a failed run's output: "cannot reach github.com" when the
 * network is the problem, else the first error message (e.g. "fetch failed" from "TypeError: fetch failed").
 */
export function summarizeFailure(r: RunResult, timeoutMs?: number): string {
  if (r.timedOut) return timeoutMs ? `timed out after ${Math.round(timeoutMs / 1000)} s` : 'timed out';
  if (r.spawnError) return r.spawnError;
  const host = /(?:ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT)\s+([\w.-]+)/.exec(r.output)?.[1] ?? /GET https?:\/\/([\w.-]+)/.exec(r.output)?.[1];
  if (host && NETWORK_FAILURE.test(r.output)) return `cannot reach ${host}`;
  const message = r.output
    .split(/\r?\n/)
    .map((line) => /\b\w*Error:\s*(.+)$/.exec(line)?.[1] ?? /^prebuild-install (?:warn|error) \w+ (.+)$/.exec(line)?.[1])
    .find(Boolean);
  const text = message?.trim() || `exit code ${r.code}`;
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

const DOWNLOAD_TIMEOUT_MS = 120_000;

/** Find Electron's binary, downloading it once if missing. Never throws. */
export async function ensureElectron(root: string = PROJECT_ROOT): Promise<Ensured> {
  try {
    const dir = electronPackageDir(root);
    if (!fs.existsSync(path.join(dir, 'install.js'))) return { ok: false, reason: 'Electron is not installed (run npm install)' };
    const found = installedElectronPath(dir);
    if (found) return { ok: true, path: found };
    const run = await runCaptured(process.execPath, [path.join(dir, 'install.js')], { cwd: dir, timeoutMs: DOWNLOAD_TIMEOUT_MS });
    const downloaded = installedElectronPath(dir);
    if (run.code === 0 && downloaded) return { ok: true, path: downloaded };
    return { ok: false, reason: `Electron's binary could not be downloaded (${summarizeFailure(run, DOWNLOAD_TIMEOUT_MS)})` };
  } catch (err) {
    return { ok: false, reason: `Electron could not be checked (${err instanceof Error ? err.message : String(err)})` };
  }
}
