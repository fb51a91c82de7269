import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './syncServers';

/**
 * A real PostgreSQL server for the district's tests. CI (.ci/run) starts one for the whole run and
 * sets FIELDBOOK_TEST_DATABASE_URL; otherwise, where Debian's PostgreSQL is installed, a throwaway
 * cluster is started in a temporary folder (as the postgres user when running as root, since
 * initdb refuses root) on a loopback port, and stopped afterwards. Each test file gets a database
 * of its own. With neither, the real-server tests are skipped with the reason (in CI they fail).
 */
const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;
const CI = Boolean(process.env.CI) && process.env.CI !== 'false';

function binDir(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const version = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))[0];
  return version ? path.join(base, version, 'bin') : null;
}

const asPostgres = (bin: string, args: string[]): [string, string[]] => (isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args]);

export interface ThrowawayPostgres {
  url: string;
  dir: string;
  stop(): Promise<void>;
  /** Stop and start the same cluster again (a database outage). */
  restart(downMs: number): Promise<void>;
}

/** initdb, then pg_ctl start on 127.0.0.1: about a second. fsync stays on, as on a real server. */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = binDir();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fb-pg-'));
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    fs.chownSync(dir, uid, gid);
  }
  fs.chmodSync(dir, 0o700);
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'log');
  await run(...asPostgres(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'fb', '-E', 'UTF8', '--locale=C', '--no-sync']));
  const port = await freePort();
  const start = () => run(...asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-o', `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1`, '-l', log, '-w', '-t', '30', 'start']));
  const stopServer = () => run(...asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'])).catch(() => undefined);
  try {
    await start();
  } catch (err) {
    const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-1500) : '';
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`pg_ctl start failed: ${(err as Error).message}\n${tail}`);
  }
  // If the test process ends without stop(), the server must not outlive it.
  const onExit = () => {
    try {
      const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (pid) process.kill(pid, 'SIGQUIT');
    } catch { /* gone */ }
  };
  process.once('exit', onExit);
  return {
    url: `postgres://fb@127.0.0.1:${port}/postgres`,
    dir,
    async stop() {
      process.removeListener('exit', onExit);
      await stopServer();
      fs.rmSync(dir, { recursive: true, force: true });
    },
    async restart(downMs) {
      await stopServer();
      await new Promise((r) => setTimeout(r, downMs));
      await start();
    },
  };
}

export interface TestPostgres {
  /** A fresh database of its own. */
  url: string;
  /** The server is this file's own (a throwaway cluster), so it may be stopped and started. */
  own: ThrowawayPostgres | null;
  drop(): Promise<void>;
}

/** A fresh database on a real server, or why there is none. */
export async function testPostgres(): Promise<TestPostgres | { skip: string }> {
  let own: ThrowawayPostgres | null = null;
  let server = process.env.FIELDBOOK_TEST_DATABASE_URL ?? null;
  if (!server) {
    try {
      own = await startThrowawayPostgres();
      server = own.url;
    } catch (err) {
      const reason = `no PostgreSQL server: set FIELDBOOK_TEST_DATABASE_URL, or install Debian's postgresql (${(err as Error).message.split('\n')[0]})`;
      if (CI) throw new Error(reason);
      return { skip: reason };
    }
  }
  const name = `fb_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: server });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (err) {
    await own?.stop();
    const reason = `the PostgreSQL server at ${server} cannot be used (${(err as Error).message})`;
    if (CI) throw new Error(reason);
    return { skip: reason };
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    own,
    async drop() {
      if (own) return own.stop();
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
