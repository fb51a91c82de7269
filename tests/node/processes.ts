import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Real failure injection for tests: the core in a child process, killed with SIGKILL or made to
 * fail a system call at an exact point by strace (`-e inject=…`), the way a crash, a power cut or a
 * failing disk would stop it. Needs strace (apt-get install -y strace; .ci/run installs it) and, for
 * mounts, root: without them a test is skipped, except under CI, where it fails.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CHILD = path.join(ROOT, 'tests/node/fixtures/coreChild.ts');
const CI = Boolean(process.env.CI) && process.env.CI !== 'false';

export const hasStrace = spawnSync('strace', ['-V']).status === 0;
export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
/** A test that needs something this machine lacks: skipped here, a failure in CI. */
export const needs = (ok: boolean) => ok || CI;

export interface Call {
  name: string;
  input?: unknown;
}

export interface ChildRun {
  /** Each call's answer, in order; fewer than asked if the process died first. */
  answers: { ok: boolean; value?: unknown; error?: { code: string; message: string; field?: string } }[];
  startError: { startError: string; code?: string } | null;
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

function collect(child: ChildProcess): Promise<ChildRun> {
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      const lines = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({
        answers: lines.filter((l) => 'ok' in l) as ChildRun['answers'],
        startError: (lines.find((l) => 'startError' in l) as ChildRun['startError']) ?? null,
        code,
        signal,
        output: out + err,
      });
    });
  });
}

/** Start the core on dataDir in a child, make `calls`, and return what it answered before it ended. `prefix` runs it under another program (strace). */
export function spawnCore(dataDir: string, calls: Call[], prefix: string[] = []): { child: ChildProcess; done: Promise<ChildRun> } {
  const argv = [process.execPath, '--import', 'tsx', CHILD, dataDir, JSON.stringify(calls)];
  const [cmd, ...args] = [...prefix, ...argv];
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return { child, done: collect(child) };
}

export const runCore = (dataDir: string, calls: Call[], prefix: string[] = []): Promise<ChildRun> => spawnCore(dataDir, calls, prefix).done;

/**
 * Run under strace. `inject` is strace's injection (for example `rename:signal=KILL:when=3`: the third
 * rename is killed as it starts); `paths` limits tracing and injection to calls on those files or
 * folders (the count in `when` then counts only those); `log` records the traced calls, with the
 * paths of their file descriptors.
 */
export const straced = (options: { trace: string; inject?: string; log?: string; paths?: string[] }): string[] => [
  'strace', '-f', '-qq', '-y', '-o', options.log ?? '/dev/null', ...(options.paths ?? []).flatMap((p) => ['-P', p]),
  '-e', `trace=${options.trace}`, ...(options.inject ? ['-e', `inject=${options.inject}`] : []),
];

/** The main thread's system calls from a strace log, in order: [name, the whole line]. */
export function mainThreadCalls(log: string): { name: string; line: string }[] {
  const lines = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const main = lines[0]?.split(/\s+/)[0];
  return lines
    .filter((l) => l.split(/\s+/)[0] === main)
    .map((l) => ({ name: /^\d+\s+(\w+)\(/.exec(l)?.[1] ?? '', line: l }))
    .filter((c) => c.name);
}

/** The 1-based position among the main thread's calls named `name` of the first one for which `match` holds (and comes after `after`, if given). */
export function positionOf(calls: { name: string; line: string }[], name: string, match: (line: string) => boolean, after = -1): { position: number; index: number } {
  let position = 0;
  for (let i = 0; i < calls.length; i++) {
    if (calls[i].name !== name) continue;
    position++;
    if (i > after && match(calls[i].line)) return { position, index: i };
  }
  throw new Error(`no ${name} call matched in the strace log`);
}

/** A copy of a data folder, so two runs can start from the same state. */
export function copyFolder(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, preserveTimestamps: true });
}
