import { spawn } from 'node:child_process';

/** Browser mode's "open folder": the platform's own opener (no Electron here). Returns the error text, or null. */
export function openFolderWithSystem(folder: string): Promise<string | null> {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [folder]] : process.platform === 'win32' ? ['explorer', [folder]] : ['xdg-open', [folder]];
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.once('error', (err) => resolve(`${cmd} is not available: ${err.message}`));
    child.once('spawn', () => {
      child.unref();
      resolve(null);
    });
  });
}
