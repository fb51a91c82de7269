import Database from 'better-sqlite3';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `npm run soak`: crash durability. Runs browser mode as its own process, makes writes over HTTP
 * the way the app does (note autosaves of growing text, planned visits, next steps, the ILT's words
 * autosaved into a CTA check-in), and kills the
 * server with SIGKILL at a random moment, again and again. After every kill it opens the database
 * read-only and checks that every write the server acknowledged is there and that
 * `PRAGMA integrity_check` says ok. Then it starts the server again on the same data.
 *
 *   npm run soak                 200 kills
 *   npm run soak -- --kills 20   or FIELDBOOK_SOAK_KILLS=20
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const DB_FILE = 'fieldbook.sqlite3';
/** The autosaved note grows by slices of this text, so any stored body must be one of its prefixes. */
const NOTE_TEXT = 'Observed the grade 7 data meeting; the principal asked each team for one student to follow. '.repeat(40).slice(0, 3000);

export interface SoakSummary {
  kills: number;
  acknowledged: number;
  lost: number;
  integrityFailures: number;
  elapsedMs: number;
  problems: string[];
}

interface Server {
  base: string;
  token: string;
  child: ChildProcess;
}

function startServer(dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/start.ts', '--browser', '--no-build', '--no-open'], {
    cwd: ROOT,
    env: { ...process.env, FIELDBOOK_DATA_DIR: dataDir, FIELDBOOK_NO_OPEN: '1', FIELDBOOK_PORT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`browser mode did not start:\n${out}`));
    }, 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Open (http:\/\/127\.0\.0\.1:\d+)\/#code=([\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        // The address's one-time code, exchanged for the session's token as a page would.
        fetch(`${m[1]}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: m[2] }) })
          .then((r) => r.json() as Promise<{ token: string }>)
          .then(({ token }) => resolve({ base: m[1], token, child }), reject);
      }
    });
    child.stderr!.on('data', (d) => (out += d));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited (${code}) before it started:\n${out}`));
    });
  });
}

const killHard = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

/** One call over HTTP; resolves only when the server answered ok (the write is acknowledged). */
async function call<T>(server: Server, name: string, input: unknown): Promise<T> {
  const res = await fetch(`${server.base}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-fieldbook-token': server.token },
    body: JSON.stringify(input),
  });
  const envelope = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error?.code} ${envelope.error?.message}`);
  return envelope.value as T;
}

/** What the harness was told is saved. */
interface Ledger {
  /** Per autosaved note: the longest body acknowledged, and the longest sent (which may or may not have landed). */
  notes: Map<number, { acked: number; sent: number }>;
  currentNote: number;
  visits: Set<number>;
  nextSteps: Set<number>;
  /** The CTA check-in being facilitated: per goal and text field, the acknowledged and sent lengths. */
  checkIn: { id: number; slots: { goalId: number; field: CheckInField; acked: number; sent: number }[] };
  acknowledged: number;
}

const CHECK_IN_FIELDS = ['reflection', 'working', 'barriers', 'adjustments'] as const;
type CheckInField = (typeof CHECK_IN_FIELDS)[number];

/** A stored text that autosaves grew: one of the sent prefixes, at least as long as the acknowledged one. */
const grewFine = (text: string, { acked, sent }: { acked: number; sent: number }) =>
  text.length >= acked && text.length <= sent && text === NOTE_TEXT.slice(0, text.length);
/** A note is autosaved up to this length, then the harness starts a new one (as a person starts the next visit). */
const NOTE_MAX = 3000;

function check(dataDir: string, ledger: Ledger): { lost: string[]; integrity: string } {
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const lost: string[] = [];
    const bodyOf = db.prepare('SELECT body FROM notes WHERE id = ?').pluck();
    for (const [id, { acked, sent }] of ledger.notes) {
      const body = bodyOf.get(id) as string | undefined;
      if (body === undefined) lost.push(`note ${id}`);
      else if (!grewFine(body, { acked, sent })) lost.push(`note ${id} holds ${body.length} characters; ${acked} were acknowledged`);
    }
    const update = db.prepare(`SELECT ${CHECK_IN_FIELDS.join(', ')} FROM cta_goal_updates WHERE checkin_id = ? AND goal_id = ?`);
    for (const slot of ledger.checkIn.slots) {
      const row = update.get(ledger.checkIn.id, slot.goalId) as Record<CheckInField, string> | undefined;
      const text = row?.[slot.field] ?? '';
      if (slot.acked > 0 && !grewFine(text, slot)) lost.push(`check-in ${slot.field} on goal ${slot.goalId} holds ${text.length} characters; ${slot.acked} were acknowledged`);
    }
    const visits = new Set(db.prepare('SELECT id FROM visits').pluck().all() as number[]);
    for (const id of ledger.visits) if (!visits.has(id)) lost.push(`visit ${id}`);
    const steps = new Set(db.prepare('SELECT id FROM action_items').pluck().all() as number[]);
    for (const id of ledger.nextSteps) if (!steps.has(id)) lost.push(`next step ${id}`);
    return { lost, integrity };
  } finally {
    db.close();
  }
}

/** Writes until the server dies; every write that got an ok answer goes in the ledger. */
async function writeUntilKilled(server: Server, ledger: Ledger, leaders: number[], schools: number[], rnd: () => number): Promise<void> {
  const writer = async (kind: number) => {
    for (let i = 0; ; i++) {
      try {
        if (kind === 0) {
          // Autosave: the note grows a few characters at a time, as typing does.
          const note = ledger.notes.get(ledger.currentNote)!;
          if (note.acked >= NOTE_MAX) {
            const created = await call<{ id: number }>(server, 'createNote', { leaderId: leaders[i % leaders.length], body: '' });
            ledger.notes.set(created.id, { acked: 0, sent: 0 });
            ledger.currentNote = created.id;
          } else {
            const length = Math.min(NOTE_MAX, note.acked + 1 + Math.floor(rnd() * 40));
            note.sent = Math.max(note.sent, length);
            await call(server, 'saveNote', { noteId: ledger.currentNote, body: NOTE_TEXT.slice(0, length) });
            note.acked = Math.max(note.acked, length);
          }
        } else if (kind === 1) {
          const hour = 7 + (i % 9);
          const v = await call<{ id: number }>(server, 'planVisit', {
            date: `2026-12-${String(1 + (i % 28)).padStart(2, '0')}`,
            startTime: `${String(hour).padStart(2, '0')}:00`,
            endTime: `${String(hour + 1).padStart(2, '0')}:00`,
            schoolId: schools[i % schools.length],
            leaderIds: [],
            type: 'walkthrough',
            purpose: `Soak visit ${i}`,
          });
          ledger.visits.add(v.id);
        } else if (kind === 3) {
          // The ILT's words, autosaved into the check-in as they are typed, field after field.
          const slot = ledger.checkIn.slots.find((x) => x.acked < NOTE_MAX);
          if (!slot) return; // every field is written out: the other writers go on
          const length = Math.min(NOTE_MAX, slot.acked + 1 + Math.floor(rnd() * 40));
          slot.sent = Math.max(slot.sent, length);
          await call(server, 'saveCtaGoalUpdate', { checkinId: ledger.checkIn.id, goalId: slot.goalId, [slot.field]: NOTE_TEXT.slice(0, length) });
          slot.acked = Math.max(slot.acked, length);
        } else {
          const s = await call<{ id: number }>(server, 'addNextStep', {
            leaderId: leaders[i % leaders.length], description: `Soak next step ${i}`, owner: 'supervisor',
          });
          ledger.nextSteps.add(s.id);
        }
        ledger.acknowledged++;
      } catch (err) {
        if (server.child.killed) return; // the harness killed it: this write was never acknowledged
        throw err;
      }
    }
  };
  await Promise.all([writer(0), writer(1), writer(2), writer(3)]);
}

/** A small deterministic generator, so a failing run can be repeated with the same seed. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

export async function runSoak(options: { kills: number; dataDir?: string; seed?: number; log?: (line: string) => void }): Promise<SoakSummary> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-soak-'));
  const rnd = random(options.seed ?? Date.now());
  const summary: SoakSummary = { kills: 0, acknowledged: 0, lost: 0, integrityFailures: 0, elapsedMs: 0, problems: [] };

  // Set up once: demo data, and the note the autosaves grow.
  let server = await startServer(dataDir);
  await call(server, 'loadDemoData', {});
  const caseload = await call<{ entries: { leader: { id: number } }[] }>(server, 'getCaseload', {});
  const schoolList = await call<{ id: number }[]>(server, 'listSchools', {});
  const leaders = caseload.entries.map((e) => e.leader.id);
  const schools = schoolList.map((s) => s.id);
  const note = await call<{ id: number }>(server, 'createNote', { leaderId: leaders[0], body: '' });
  // A check-in on the demo's plan that has none yet, held today.
  const overview = await call<{ schools: { planId: number | null; thisQuarter: { checkinId: number | null } }[] }>(server, 'getCtaOverview', {});
  const planId = overview.schools.find((s) => s.planId !== null && s.thisQuarter.checkinId === null)!.planId;
  const checkIn = await call<{ id: number; goals: { id: number }[] }>(server, 'openCtaCheckIn', { planId, date: new Date().toISOString().slice(0, 10) });
  const ledger: Ledger = {
    notes: new Map([[note.id, { acked: 0, sent: 0 }]]), currentNote: note.id, visits: new Set(), nextSteps: new Set(),
    checkIn: { id: checkIn.id, slots: checkIn.goals.flatMap((g) => CHECK_IN_FIELDS.map((field) => ({ goalId: g.id, field, acked: 0, sent: 0 }))) },
    acknowledged: 0,
  };

  for (let k = 1; k <= options.kills; k++) {
    const delay = Math.floor(rnd() * 400);
    const writing = writeUntilKilled(server, ledger, leaders, schools, rnd);
    await new Promise((r) => setTimeout(r, delay));
    await killHard(server.child);
    await writing;
    summary.kills++;

    const { lost, integrity } = check(dataDir, ledger);
    if (integrity !== 'ok') {
      summary.integrityFailures++;
      summary.problems.push(`kill ${k}: integrity_check: ${integrity}`);
    }
    if (lost.length) {
      summary.lost += lost.length;
      summary.problems.push(`kill ${k}: lost ${lost.join(', ')}`);
    }
    log(`kill ${k}/${options.kills} after ${delay} ms: ${ledger.acknowledged} acknowledged so far, ${summary.lost} lost, integrity ${integrity}`);
    server = await startServer(dataDir);
  }
  await killHard(server.child);
  // A clean run leaves nothing behind; a failing one keeps its data for a look.
  if (!options.dataDir && !summary.problems.length) fs.rmSync(dataDir, { recursive: true, force: true });
  else if (summary.problems.length) summary.problems.push(`the data is kept in ${dataDir}`);
  summary.acknowledged = ledger.acknowledged;
  summary.elapsedMs = Date.now() - started;
  return summary;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const flag = process.argv.indexOf('--kills');
  const kills = Number(flag >= 0 ? process.argv[flag + 1] : process.env.FIELDBOOK_SOAK_KILLS) || 200;
  const verbose = process.argv.includes('--verbose');
  console.log(`Soak: ${kills} SIGKILLs of browser mode while it writes…`);
  const s = await runSoak({ kills, log: (line) => (verbose || /^kill \d*0\//.test(line)) && console.log(line) });
  console.log(
    `Kills: ${s.kills}\nAcknowledged writes: ${s.acknowledged}\nLost: ${s.lost}\nIntegrity failures: ${s.integrityFailures}\nElapsed: ${(s.elapsedMs / 1000).toFixed(1)} s`,
  );
  for (const p of s.problems.slice(0, 20)) console.log(`  ${p}`);
  process.exit(s.lost || s.integrityFailures ? 1 : 0);
}
