import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { AppError } from '../../shared/result';
import { runBrowserMode } from '../server/browserMode';

/**
 * `npm start`: build, then open the Electron window. Where Electron's binary is missing (it is
 * downloaded on first use and that can fail offline or behind a firewall), or better-sqlite3
 * cannot be built for it, say so in one line and start browser mode instead.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const args = new Set(process.argv.slice(2));

function build(): void {
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    console.error('Fieldbook could not be built; see the errors above.');
    process.exit(r.status ?? 1);
  }
  console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

/**
 * Open Fieldbook in the person's browser without putting a secret on a command line (any local user
 * can read those with `ps`): the browser is given the path of a private page in the data folder,
 * which sends it to a one-time address. $BROWSER, if set, names the browser to use.
 */
function openInBrowser(server: { writeOpenPage: (folder: string) => string }, dataDir: string): void {
  if (process.env.CI || process.env.FIELDBOOK_NO_OPEN || args.has('--no-open')) return;
  const page = server.writeOpenPage(dataDir);
  const [cmd, cmdArgs] = process.env.BROWSER
    ? [process.env.BROWSER, [page]]
    : process.platform === 'darwin' ? ['open', [page]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', page]] : ['xdg-open', [page]];
  const child = spawn(cmd, cmdArgs, { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('No default browser found: open the address above in Chromium, Chrome, Edge or Firefox.'));
  child.unref();
}

/** Refused starts (another process has the folder, a read-only disk…): one line, and nothing touched. */
function refuse(err: unknown): never {
  if (!(err instanceof AppError)) throw err;
  console.error(err.message);
  process.exit(1);
}

async function browserMode(): Promise<void> {
  const server = await runBrowserMode({ port: process.env.FIELDBOOK_PORT ? Number(process.env.FIELDBOOK_PORT) : 0 }).catch(refuse);
  console.log(`Fieldbook is running in browser mode. Data: ${server.dataDir}`);
  console.log(`Open ${server.url}`);
  console.log('This address opens Fieldbook once. Press Ctrl+C to stop.');
  // Each address opens one tab: once one is used, here is the next.
  server.onCodeUsed(() => console.log(`Opened. For another tab or browser: ${server.url}`));
  openInBrowser(server, server.dataDir);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function electronMode(): Promise<boolean> {
  const { ensureElectron } = await import('./electronBinary');
  const electron = await ensureElectron();
  if (!electron.ok) {
    console.log(`${electron.reason}; starting browser mode instead.`);
    return false;
  }
  const { ensureElectronNativeBinding } = await import('./rebuild-electron');
  const binding = await ensureElectronNativeBinding();
  if (!binding.ok) {
    console.log(`${binding.reason}; starting browser mode instead.`);
    return false;
  }
  const child = spawn(electron.path, [ROOT], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  return true;
}

if (!args.has('--no-build')) build();
if (args.has('--browser') || !(await electronMode())) await browserMode();
