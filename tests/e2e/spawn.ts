import { spawn } from 'node:child_process';

/**
 * Browser mode as its own process, the way `npm start` runs it, so a test can kill it with
 * SIGKILL mid-work like a crash or a power cut (and the benchmark can time its start).
 */
export async function spawnApp(dataDir: string, startTimeoutMs = 30_000, env: NodeJS.ProcessEnv = {}): Promise<{ url: string; origin: string; pid: number; kill: (signal?: NodeJS.Signals) => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/start.ts', '--browser', '--no-build', '--no-open'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, FIELDBOOK_DATA_DIR: dataDir, FIELDBOOK_NO_OPEN: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${out}`)), startTimeoutMs);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /Open (http\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`browser mode exited (${code}):\n${out}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    pid: child.pid!,
    kill: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

export type SpawnedApp = Awaited<ReturnType<typeof spawnApp>>;
