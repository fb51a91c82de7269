import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportFormatJsonSchemas } from '../shared/exportFormat/jsonSchemas';
import { districtConfig, openDistrictDb } from './config';
import { isDbUnavailable } from './db/connection';
import { ingestFolder, summaryLine } from './ingest';
import { writeAllStoredPackages, writeStoredPackage } from './retrieve';
import { startDistrictServer } from './server';
import { watchDropFolder } from './watch';
import { AppError } from '../shared/result';
import type { Role } from './contract/model';
import { addStaffAccount, isRole } from './view/accounts';
import { buildView, VIEW_DIR } from './view/build';
import { viewRoutes } from './view/http';

/**
 * `npm run district -- <command>`: the district's side of Fieldbook (docs/district.md).
 *   ingest <folder>      load every complete package under a folder, one line each, then the counts
 *   serve                the receiving endpoint (POST /api/exports), the drop folder watcher and the
 *                        leader tracking view (built first unless --no-build)
 *   add-user <email> --role chief|supervisor|analyst [--reset]
 *                        an account for the leader tracking view, with a one-time password
 *   get <id> <folder>    write a stored package back out, byte for byte (--all: every one)
 *   status               what the database holds
 *   schemas [--out DIR]  write the package format's JSON Schemas (default docs/schemas)
 * Environment: FIELDBOOK_DISTRICT_DATA_DIR, FIELDBOOK_DISTRICT_DROP, DATABASE_URL,
 * FIELDBOOK_DISTRICT_HOST, FIELDBOOK_DISTRICT_PORT, FIELDBOOK_DISTRICT_TOKEN,
 * FIELDBOOK_DISTRICT_TLS_CERT, FIELDBOOK_DISTRICT_TLS_KEY and FIELDBOOK_DISTRICT_HTTPS_PROXY.
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string' }, quiet: { type: 'boolean', default: false }, all: { type: 'boolean', default: false },
    role: { type: 'string' }, reset: { type: 'boolean', default: false }, 'no-build': { type: 'boolean', default: false },
  },
});
const [command, ...args] = positionals;
const config = districtConfig();
const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

async function open() {
  try {
    return await openDistrictDb(config, (line) => console.log(line));
  } catch (err) {
    return fail(isDbUnavailable(err) ? `The district database cannot be reached (${(err as Error).message}). Check DATABASE_URL and that the server is running.` : (err as Error).message);
  }
}

async function ingest() {
  const folder = args[0] ?? fail('Which folder? npm run district -- ingest <folder>');
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) fail(`${folder} is not a folder`);
  const db = await open();
  const started = performance.now();
  try {
    const { counts } = await ingestFolder(db, path.resolve(folder), {
      channel: 'ingest', quarantineRoot: config.quarantineDir, concurrency: db.engine === 'postgres' ? 4 : 1, commitEvery: 25,
      onReport: values.quiet ? undefined : (r) => console.log(r.line),
    });
    if (values.quiet) console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s, ${db.where})`);
    console.log(summaryLine(counts));
    process.exitCode = counts.quarantined ? 2 : 0;
  } catch (err) {
    if (isDbUnavailable(err)) fail(`The district database stopped answering (${(err as Error).message}); run the same command again when it is back: what was loaded stays loaded.`);
    throw err;
  } finally {
    await db.close();
  }
}

async function serve() {
  const db = await open();
  const env = process.env;
  const port = env.FIELDBOOK_DISTRICT_PORT ? Number(env.FIELDBOOK_DISTRICT_PORT) : 8470;
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('FIELDBOOK_DISTRICT_PORT must be a port number (0: any free one)');
  const tls = env.FIELDBOOK_DISTRICT_TLS_CERT || env.FIELDBOOK_DISTRICT_TLS_KEY ? { certFile: env.FIELDBOOK_DISTRICT_TLS_CERT ?? '', keyFile: env.FIELDBOOK_DISTRICT_TLS_KEY ?? '' } : null;
  const stamp = () => new Date().toISOString().slice(0, 19).replace('T', ' ');
  const log = (line: string) => console.log(`${stamp()}  ${line}`);
  if (!values['no-build']) {
    const built = buildView();
    if (!built.ok) fail('The leader tracking view could not be built; see the errors above.');
  }
  // Behind an https reverse proxy (which must keep the Host header), sessions are marked Secure and sign-ins counted per the proxy's client address.
  const behindProxy = env.FIELDBOOK_DISTRICT_HTTPS_PROXY === '1';
  const view = viewRoutes({ db, now: () => new Date(), staticDir: VIEW_DIR, secure: Boolean(tls) || behindProxy, behindProxy });
  const server = await startDistrictServer({ db, host: env.FIELDBOOK_DISTRICT_HOST || '127.0.0.1', port, token: env.FIELDBOOK_DISTRICT_TOKEN || null, tls, log, view });
  const watcher = watchDropFolder(db, { dropDir: config.dropDir, quarantineDir: config.quarantineDir, concurrency: db.engine === 'postgres' ? 2 : 1, log });
  console.log(`Fieldbook district is running. Database: ${db.where}`);
  console.log(`Receiving Fieldbook exports at ${server.url}/api/exports`);
  console.log(`The leader tracking view: open ${server.url}/ and sign in (accounts: npm run district -- add-user <email> --role chief|supervisor|analyst)`);
  console.log(`Watching the drop folder ${config.dropDir}; refused packages go to ${config.quarantineDir}`);
  if (!env.FIELDBOOK_DISTRICT_TOKEN) console.log('No FIELDBOOK_DISTRICT_TOKEN is set: anyone who can reach this address can send packages.');
  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    await watcher.stop();
    await server.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

async function get() {
  const [id, out] = values.all ? [null, args[0]] : args;
  if ((!id && !values.all) || !out) fail('npm run district -- get <export id> <folder>, or get --all <folder>');
  const db = await open();
  try {
    if (values.all) {
      console.log(`Wrote ${await writeAllStoredPackages(db, path.resolve(out))} packages to ${path.resolve(out)}`);
      return;
    }
    const written = await writeStoredPackage(db, id!, path.resolve(out));
    if (written.length === 0) fail(`The district holds no package ${id}`);
    for (const w of written) console.log(`Wrote ${w}`);
  } finally {
    await db.close();
  }
}

async function status() {
  const db = await open();
  try {
    const kinds = await db.query<{ kind: string; packages: number; current: number }>(
      `SELECT kind, count(*) AS packages, count(*) FILTER (WHERE is_current) AS current FROM packages GROUP BY kind ORDER BY kind`);
    const people = await db.query<{ supervisors: number; leaders: number; schools: number; quarantined: number }>(
      `SELECT (SELECT count(*) FROM supervisors) AS supervisors, (SELECT count(*) FROM leaders) AS leaders, (SELECT count(*) FROM schools) AS schools,
        (SELECT count(*) FROM quarantine) AS quarantined`);
    const p = people.rows[0];
    console.log(`Database: ${db.where}`);
    console.log(`${p.supervisors} supervisors, ${p.leaders} leaders, ${p.schools} schools; ${p.quarantined} packages quarantined`);
    for (const k of kinds.rows) console.log(`  ${k.kind}: ${k.packages} packages (${k.current} current)`);
  } finally {
    await db.close();
  }
}

function schemas() {
  const out = path.resolve(values.out ?? path.join(import.meta.dirname, '..', 'docs', 'schemas'));
  for (const [file, schema] of Object.entries(exportFormatJsonSchemas())) {
    fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    fs.writeFileSync(path.join(out, file), `${JSON.stringify(schema, null, 2)}\n`);
  }
  console.log(`Wrote the package format's JSON Schemas to ${out}`);
}

async function addUser() {
  const email = args[0];
  const role = values.role;
  if (!email || !role) fail('npm run district -- add-user <email> --role chief|supervisor|analyst [--reset]');
  if (!isRole(role)) fail(`--role must be chief, supervisor or analyst, not ${role}`);
  const db = await open();
  try {
    const account = await addStaffAccount(db, { email: email!, role: role as Role, reset: values.reset });
    console.log(`${account.reset ? 'New one-time password for' : 'Account made for'} ${account.email} (${account.role}).`);
    console.log(`One-time password: ${account.password}`);
    console.log('Give it to them in person or by phone, not by email. At their first sign-in they choose their own password, and this one stops working.');
  } catch (err) {
    if (err instanceof AppError) fail(err.message);
    throw err;
  } finally {
    await db.close();
  }
}

const commands: Record<string, () => unknown> = { ingest, serve, get, status, schemas, 'add-user': addUser };
if (!command || !commands[command]) {
  fail('Usage: npm run district -- ingest <folder> | serve [--no-build] | add-user <email> --role chief|supervisor|analyst [--reset] | get <export id> <folder> | get --all <folder> | status | schemas [--out DIR]\nSee docs/district.md.');
} else {
  await commands[command]();
}
