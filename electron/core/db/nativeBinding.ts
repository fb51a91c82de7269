import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 is a native module, compiled for one ABI. The copy in node_modules is built
 * for Node (tests, browser mode). Electron needs its own build, kept in a separate folder by
 * `npm run rebuild:electron` so the Node build is never overwritten.
 */
export const ELECTRON_NATIVE_DIR = '.electron-native';
export const electronBindingPath = (appRoot: string): string =>
  path.join(appRoot, ELECTRON_NATIVE_DIR, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

export interface RuntimeInfo {
  /** process.versions.electron, when running inside Electron. */
  electron?: string;
  /** Electron's app.isPackaged: electron-builder rebuilt the module in the package for its target. */
  isPackaged: boolean;
  appRoot: string;
}

/** Which binding to load: undefined means better-sqlite3's own lookup (the module beside it). */
export function pickNativeBinding(rt: RuntimeInfo, exists: (p: string) => boolean = fs.existsSync): string | undefined {
  if (!rt.electron || rt.isPackaged) return undefined;
  const p = electronBindingPath(rt.appRoot);
  if (!exists(p)) {
    throw new Error(`better-sqlite3 has not been built for Electron ${rt.electron}: run "npm run rebuild:electron" (expected ${p}).`);
  }
  return p;
}
