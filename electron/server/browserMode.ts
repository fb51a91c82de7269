import path from 'node:path';
import { startCore } from '../core';
import { resolveDataDir } from '../core/dataDir';
import { type BrowserServer, startBrowserServer } from './server';

export const RENDERER_DIR = path.resolve(import.meta.dirname, '../../out/renderer');

/** Start browser mode: open the database, serve the renderer and the API on 127.0.0.1. */
export async function runBrowserMode(options: { dataDir?: string; port?: number } = {}): Promise<BrowserServer & { dataDir: string }> {
  const dataDir = options.dataDir ?? resolveDataDir();
  const core = startCore({ dataDir, mode: 'browser' });
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
