import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'Fieldbook';

/**
 * Where Fieldbook keeps its data: FIELDBOOK_DATA_DIR if set (tests use temporary folders),
 * else the OS user-data folder, the same one Electron's app.getPath('userData') names,
 * so Electron and browser mode share one database.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.FIELDBOOK_DATA_DIR) return path.resolve(env.FIELDBOOK_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER);
}
