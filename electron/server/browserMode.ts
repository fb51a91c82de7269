import fs from 'node:fs';
import path from 'node:path';
import { startCore } from '../core';
import { resolveDataDir } from '../core/dataDir';
import { openFolderWithSystem } from './openFolder';
import { type BrowserServer, OPEN_PAGE, startBrowserServer } from './server';

export const RENDERER_DIR = path.resolve(import.meta.dirname, '../../out/renderer');

/** Start browser mode: open the database, serve the renderer and the API on 127.0.0.1. */
export async function runBrowserMode(options: { dataDir?: string; port?: number } = {}): Promise<BrowserServer & { dataDir: string }> {
  const dataDir = options.dataDir ?? resolveDataDir();
  // No secret store here: sync passwords can only be kept for the session (the Sync screen says so).
  const core = startCore({ dataDir, mode: 'browser', openFolder: openFolderWithSystem });
  try {
    // An open page a killed run left (its code died with that run).
    fs.rmSync(path.join(dataDir, OPEN_PAGE), { force: true });
    const server = await startBrowserServer(core, RENDERER_DIR, options.port);
    return {
      get url() {
        return server.url; // a new one-time address each time
      },
      origin: server.origin,
      port: server.port,
      token: server.token,
      onCodeUsed: server.onCodeUsed,
      writeOpenPage: server.writeOpenPage,
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
