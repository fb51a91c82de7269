import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ELECTRON_NATIVE_DIR, electronBindingPath } from '../core/db/nativeBinding';
import { type Ensured, PROJECT_ROOT, runCaptured, summarizeFailure } from './electronBinary';

/**
 * better-sqlite3 for Electron, built into a copy under .electron-native/ (never over
 * node_modules/better-sqlite3, whose Node build the tests and browser mode need). The main
 * process loads it through better-sqlite3's nativeBinding option (see core/db/nativeBinding.ts).
 * A prebuilt binary is tried first; compiling needs Electron's headers from electronjs.org.
 */

const STAMP_FILE = 'fieldbook-electron-build.json';
const PREBUILT_TIMEOUT_MS = 120_000;
const COMPILE_TIMEOUT_MS = 600_000;

interface Stamp {
  electron: string;
  abi: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
}

const readJson = (file: string): Record<string, unknown> | null => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
};

/**
 * A module built for another ABI registers under another symbol (node_register_module_v<abi>):
 * checking the bytes catches a build that silently used Node's headers.
 */
export const bindingHasAbi = (file: string, abi: string): boolean =>
  fs.existsSync(file) && fs.readFileSync(file).includes(`node_register_module_v${abi}`);

/** npm passes its config to scripts as npm_config_* variables; these would point node-gyp or prebuild-install at Node. */
export function envForElectronBuild(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const steering = /^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|build_from_source|platform)$/i;
  return Object.fromEntries(Object.entries(env).filter(([key]) => !steering.test(key)));
}

function copyWithoutBuild(from: string, to: string): void {
  fs.rmSync(to, { recursive: true, force: true });
  const build = path.join(from, 'build');
  fs.cpSync(from, to, { recursive: true, filter: (src) => src !== build && !src.startsWith(build + path.sep) });
}

/** Make sure .electron-native holds better-sqlite3 built for the installed Electron. Never throws. */
export async function ensureElectronNativeBinding(root: string = PROJECT_ROOT): Promise<Ensured> {
  try {
    const electronDir = path.join(root, 'node_modules', 'electron');
    const electron = readJson(path.join(electronDir, 'package.json'))?.version;
    const source = path.join(root, 'node_modules', 'better-sqlite3');
    const betterSqlite3 = readJson(path.join(source, 'package.json'))?.version;
    if (typeof electron !== 'string') return { ok: false, reason: 'Electron is not installed (run npm install)' };
    if (typeof betterSqlite3 !== 'string') return { ok: false, reason: 'better-sqlite3 is not installed (run npm install)' };
    const abi = fs.readFileSync(path.join(electronDir, 'abi_version'), 'utf8').trim();

    const copy = path.join(root, ELECTRON_NATIVE_DIR, 'better-sqlite3');
    const binding = electronBindingPath(root);
    const stampFile = path.join(copy, STAMP_FILE);
    const stamp: Stamp = { electron, abi, betterSqlite3, platform: process.platform, arch: process.arch };
    if (fs.existsSync(binding) && JSON.stringify(readJson(stampFile)) === JSON.stringify(stamp)) return { ok: true, path: binding };

    copyWithoutBuild(source, copy);
    const env = envForElectronBuild(process.env);
    const tools = path.join(root, 'node_modules');
    const prebuilt = await runCaptured(
      process.execPath,
      [path.join(tools, 'prebuild-install', 'bin.js'), '--runtime', 'electron', '--target', electron, '--arch', process.arch],
      { cwd: copy, env, timeoutMs: PREBUILT_TIMEOUT_MS },
    );
    let failure = '';
    if (prebuilt.code !== 0 || !bindingHasAbi(binding, abi)) {
      const compiled = await runCaptured(
        process.execPath,
        [
          path.join(tools, 'node-gyp', 'bin', 'node-gyp.js'),
          'rebuild',
          '--release',
          '--runtime=electron',
          `--target=${electron}`,
          `--arch=${process.arch}`,
          '--dist-url=https://electronjs.org/headers',
        ],
        { cwd: copy, env, timeoutMs: COMPILE_TIMEOUT_MS },
      );
      if (compiled.code !== 0) failure = `no prebuilt binary: ${summarizeFailure(prebuilt, PREBUILT_TIMEOUT_MS)}; compiling failed: ${summarizeFailure(compiled, COMPILE_TIMEOUT_MS)}`;
      else if (!bindingHasAbi(binding, abi)) failure = `the compiled module is not for Electron's ABI ${abi}`;
    }
    if (failure) {
      fs.rmSync(copy, { recursive: true, force: true }); // no half-built copy left for the next start to trust
      return { ok: false, reason: `better-sqlite3 could not be built for Electron ${electron} (${failure})` };
    }
    fs.writeFileSync(stampFile, JSON.stringify(stamp));
    return { ok: true, path: binding };
  } catch (err) {
    return { ok: false, reason: `better-sqlite3 could not be built for Electron (${err instanceof Error ? err.message : String(err)})` };
  }
}

// `npm run rebuild:electron`
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const started = Date.now();
  const result = await ensureElectronNativeBinding();
  if (result.ok) console.log(`better-sqlite3 for Electron is ready (${((Date.now() - started) / 1000).toFixed(1)} s): ${result.path}`);
  else console.error(result.reason);
  process.exitCode = result.ok ? 0 : 1;
}
