import { spawn } from 'node:child_process';

/**
 * Browser mode as its own process, the way `npm start` runs it, so a test can kill it with
 * SIGKILL mid-work like a crash or a power cut (and the benchmark can time its start).
 * `url` is the newest address it printed (each opens Fieldbook once; it prints the next when one is
 * used); `token()` uses one, as a page would, for a harness that calls the API itself.
 */
export async function spawnApp(dataDir: string, startTimeoutMs = 30_000, options: { browser?: string; env?: NodeJS.ProcessEnv } = {}) {
  // With a browser, browser mode opens it itself (as `npm start` does for a person), through $BROWSER.
  const opens = options.browser ? { CI: '', FIELDBOOK_NO_OPEN: '', BROWSER: options.browser } : { FIELDBOOK_NO_OPEN: '1' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/start.ts', '--browser', '--no-build', ...(options.browser ? [] : ['--no-open'])], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, FIELDBOOK_DATA_DIR: dataDir, ...opens, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const addresses = () => [...out.matchAll(/(?:Open|another tab or browser:) (http\S+)/g)].map((m) => m[1]);
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${out}`)), startTimeoutMs);
    child.stdout.on('data', (d) => {
      out += d;
      const found = addresses()[0];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`browser mode exited (${code}):\n${out}`)));
  });
  const origin = new URL(first).origin;
  const handedOut = new Set<string>();
  /** An address no one has been given yet: browser mode prints the next as soon as one is used. */
  const nextUrl = async (): Promise<string> => {
    for (let waited = 0; waited < 10_000; waited += 20) {
      const fresh = addresses().find((a) => !handedOut.has(a));
      if (fresh) {
        handedOut.add(fresh);
        return fresh;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`browser mode printed no new address:\n${out}`);
  };
  return {
    /** The first address it printed (for a test that opens it once). */
    url: first,
    nextUrl,
    origin,
    pid: child.pid!,
    output: () => out,
    token: async (): Promise<string> => {
      const code = /#code=([\w-]+)/.exec(await nextUrl())![1];
      const res = await fetch(`${origin}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
      return ((await res.json()) as { token: string }).token;
    },
    kill: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

export type SpawnedApp = Awaited<ReturnType<typeof spawnApp>>;
