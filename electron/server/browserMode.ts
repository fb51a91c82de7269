import path from 'node:path';
import { startCore } from '../core';
import { resolveDataDir } from '../core/dataDir';
import { openFolderWithSystem } from './openFolder';
import { type BrowserServer, startBrowserServer } from './server';

export const RENDERER_DIR = path.resolve(import.meta.dirname, '../../out/renderer');

/** Start browser mode: open the database, serve the renderer and the API on 127.0.0.1. */
export async function runBrowserMode(options: { dataDir?: string; port?: number } = {}): Promise<BrowserServer & { dataDir: string }> {
  const dataDir = options.dataDir ?? resolveDataDir();
  // No secret store here: sync passwords can only be kept for the session (the Sync screen says so).
  const core = startCore({ dataDir, mode: 'browser', openFolder: openFolderWithSystem });
  try {
    const server = await startBrowserServer(core, RENDERER_DIR, options.port);
    return {
      ...server,
      dataDir,
      close: async () => {
        await server.close();
        core.close();
      },
    };
  } catch (err) {
    core.close();
    throw err;
  }
}
