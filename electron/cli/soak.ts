import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkDatabase, incompleteBackups, incompletePackages, leftovers, plaintextIn } from './soakChecks';
import { Ambiguous, CHECK_IN_FIELDS, copy, type Ledger, NOTE_TEXT, restored, restoreStarts, type Run, sending } from './soakLedger';

/**
 * `npm run soak`: crash durability. Runs browser mode as its own process, makes writes over HTTP
 * the way the app does, and kills the server with SIGKILL at a random moment, again and again. The
 * writes: note autosaves of growing text, planned visits, next steps, the ILT's words autosaved into
 * a CTA check-in, retention conversations, leaders added and the caseload roster queued for a folder
 * target that the sync worker delivers to, backups (plain, and encrypted onto a folder standing for
 * a USB stick) and restores of them. After every kill it checks, with the server dead:
 * - every write the server acknowledged is in the database (after a restore: every write the
 *   restored backup was known to hold, and every one acknowledged since), and
 *   `PRAGMA integrity_check` says ok;
 * - the USB folder holds no plaintext, not even in a .partial file;
 * - every backup and every export package under its final name is complete;
 * and, once the server is started again on the same data, that nothing an interrupted backup or
 * restore left is still there.
 *
 *   npm run soak                 200 kills
 *   npm run soak -- --kills 20   or FIELDBOOK_SOAK_KILLS=20
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const PASSPHRASE = 'soak test passphrase';
const MAX_BACKUPS = 20;

export interface SoakSummary {
  kills: number;
  acknowledged: number;
  lost: number;
  integrityFailures: number;
  /** Backups made (acknowledged), restores that took effect, and restores a kill interrupted and the next start finished or undid. */
  backups: number;
  restores: number;
  interruptedRestores: { finished: number; undone: number };
  /** Exports queued, and packages under their final name in the folder target at the end. */
  exportsQueued: number;
  packagesDelivered: number;
  /** Why the folder target had stopped at the end, if it had (it waits for the person; nothing queued is lost). */
  syncStopped: string | null;
  /** Times the roster's next revision after a restore took a name already delivered (the harness then moved the old package away, as the target asks). */
  namesTakenAfterRestore: number;
  /** Files in the USB folder holding plaintext; backups and packages under a final name that were incomplete; leftovers after a restart. */
  plaintextFiles: number;
  incomplete: number;
  leftovers: number;
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
    env: { ...process.env, FIELDBOOK_DATA_DIR: dataDir, FIELDBOOK_NO_OPEN: '1', FIELDBOOK_PORT: '', FIELDBOOK_SYNC_RETRY_MS: '50', FIELDBOOK_SYNC_MAX_RETRY_MS: '500' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let started = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`browser mode did not start:\n${out}`));
    }, 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Open (http:\/\/127\.0\.0\.1:\d+)\/#code=([\w-]+)/.exec(out);
      if (m && !started) {
        started = true;
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
async function call<T>(server: Server, run: Run, name: string, input: unknown): Promise<T> {
  const epoch = run.epoch;
  const res = await fetch(`${server.base}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-fieldbook-token': server.token },
    body: JSON.stringify(input),
  });
  const envelope = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
  if (run.epoch !== epoch) throw new Ambiguous(name);
  if (!envelope.ok) throw Object.assign(new Error(`${name}: ${envelope.error?.code} ${envelope.error?.message}`), { code: envelope.error?.code });
  return envelope.value as T;
}

interface Backup {
  file: string;
  encrypted: boolean;
  holds: Ledger;
}

interface Context {
  leaders: number[];
  schools: number[];
  usb: string;
  backups: Backup[];
  /** The restore under way, and how many before-restore backups there were when it was asked for. */
  restoring: { backup: Backup; keptBefore: number } | null;
  /** How many backups and restores have been asked for: they take turns. */
  maintenance: number;
  summary: SoakSummary;
}

const beforeRestoreCount = (dataDir: string) => fs.readdirSync(path.join(dataDir, 'backups')).filter((n) => n.startsWith('fieldbook-before-restore-')).length;

/** Writes until the server dies; every write that got an ok answer goes in the ledger. */
async function writeUntilKilled(server: Server, run: Run, c: Context, dataDir: string, rnd: () => number): Promise<void> {
  const ask = <T>(name: string, input: unknown) => call<T>(server, run, name, input);
  const writer = async (kind: number) => {
    for (let i = 0; ; i++) {
      try {
        const l = run.ledger;
        if (kind === 0) {
          // Autosave: the note grows a few characters at a time, as typing does.
          const note = l.notes.get(l.currentNote)!;
          if (note.acked >= NOTE_TEXT.length) {
            const created = await ask<{ id: number }>('createNote', { leaderId: c.leaders[i % c.leaders.length], body: '' });
            run.ledger.notes.set(created.id, { acked: 0, sent: 0 });
            run.ledger.currentNote = created.id;
          } else {
            const length = Math.min(NOTE_TEXT.length, note.acked + 1 + Math.floor(rnd() * 40));
            note.sent = Math.max(note.sent, length);
            const id = l.currentNote;
            const answered = sending(run, `n${id}`, length);
            await ask('saveNote', { noteId: id, body: NOTE_TEXT.slice(0, length) }).finally(answered);
            const acked = run.ledger.notes.get(id)!;
            acked.acked = Math.max(acked.acked, length);
          }
        } else if (kind === 1) {
          const hour = 7 + (i % 9);
          const v = await ask<{ id: number }>('planVisit', {
            date: `2026-12-${String(1 + (i % 28)).padStart(2, '0')}`, startTime: `${String(hour).padStart(2, '0')}:00`, endTime: `${String(hour + 1).padStart(2, '0')}:00`,
            schoolId: c.schools[i % c.schools.length], leaderIds: [], type: 'walkthrough', purpose: `Soak visit ${i}`,
          });
          run.ledger.visits.add(v.id);
        } else if (kind === 2) {
          const step = await ask<{ id: number }>('addNextStep', { leaderId: c.leaders[i % c.leaders.length], description: `Soak next step ${i}`, owner: 'supervisor' });
          run.ledger.nextSteps.add(step.id);
        } else if (kind === 3) {
          // The ILT's words, autosaved into the check-in as they are typed, field after field.
          const slot = l.checkIn.slots.find((x) => x.acked < NOTE_TEXT.length);
          if (!slot) return; // every field is written out: the other writers go on
          const length = Math.min(NOTE_TEXT.length, slot.acked + 1 + Math.floor(rnd() * 40));
          slot.sent = Math.max(slot.sent, length);
          const at = l.checkIn.slots.indexOf(slot);
          const answered = sending(run, `s${at}`, length);
          await ask('saveCtaGoalUpdate', { checkinId: l.checkIn.id, goalId: slot.goalId, [slot.field]: NOTE_TEXT.slice(0, length) }).finally(answered);
          const acked = run.ledger.checkIn.slots[at];
          acked.acked = Math.max(acked.acked, length);
        } else if (kind === 4) {
          // A retention conversation, confidential text and all.
          const r = await ask<{ id: number }>('recordRetentionConversation', {
            leaderId: c.leaders[i % c.leaders.length], date: '2026-11-20', kind: 'check_in', intent: 'unsure', factors: ['workload'],
            threats: `Soak threats ${i}: ${NOTE_TEXT.slice(0, 200)}`, wouldHelp: 'Protected planning time', notes: '', followUpDate: null, actions: [],
          });
          run.ledger.conversations.add(r.id);
        } else if (kind === 5) {
          // A leader joins the caseload, and the roster goes to the district's folder.
          const leader = await ask<{ id: number }>('addLeader', {
            name: `Soak Leader ${Date.now()}-${i}`, role: 'principal', schoolId: c.schools[i % c.schools.length], roleStartDate: '2024-08-01', assignment: { supportTier: 'standard' },
          });
          run.ledger.leaders.add(leader.id);
          const queued = await ask<{ id: string }>('queueCaseloadRoster', {});
          run.ledger.exports.add(queued.id);
          c.summary.exportsQueued++;
        } else {
          // Backups, plain and (every third) encrypted onto the "USB stick", taking turns with restores of them.
          const step = c.maintenance++;
          if (step % 2 === 0 || !c.backups.length) {
            const encrypted = step % 3 === 1;
            const holds = copy(run.ledger);
            const made = await ask<{ file: string }>('backUpNow', encrypted ? { folder: c.usb, passphrase: PASSPHRASE } : {});
            c.backups.push({ file: made.file, encrypted, holds });
            // A bounded set to restore from, so a long soak does not fill the disk.
            if (c.backups.length > MAX_BACKUPS) fs.rmSync(c.backups.shift()!.file, { force: true });
            c.summary.backups++;
          } else {
            const backup = c.backups[Math.floor(rnd() * c.backups.length)];
            c.restoring = { backup, keptBefore: beforeRestoreCount(dataDir) };
            restoreStarts(run);
            await ask('restoreBackup', { file: backup.file, passphrase: backup.encrypted ? PASSPHRASE : null });
            c.restoring = null;
            restored(run, backup.holds);
            c.summary.restores++;
          }
        }
        run.acknowledged++;
      } catch (err) {
        if (server.child.killed) return; // the harness killed it: this write was never acknowledged
        if (err instanceof Ambiguous) continue; // answered across a restore: neither counted nor an error
        // A record a restore took away, asked for just before it; a roster whose new leader was lost the same way.
        if (['not_found', 'already_queued'].includes((err as { code?: string }).code ?? '')) continue;
        throw err;
      }
    }
  };
  await Promise.all([0, 1, 2, 3, 4, 5, 6].map(writer));
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
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-soak-'));
  const dataDir = options.dataDir ?? path.join(work, 'data');
  const usb = path.join(work, 'usb-stick');
  const district = path.join(work, 'district-drive');
  const movedAway = path.join(work, 'moved-away');
  fs.mkdirSync(usb);
  fs.mkdirSync(district);
  fs.mkdirSync(movedAway);
  const rnd = random(options.seed ?? Date.now());
  const summary: SoakSummary = {
    kills: 0, acknowledged: 0, lost: 0, integrityFailures: 0, backups: 0, restores: 0, interruptedRestores: { finished: 0, undone: 0 },
    exportsQueued: 0, packagesDelivered: 0, syncStopped: null, namesTakenAfterRestore: 0, plaintextFiles: 0, incomplete: 0, leftovers: 0, elapsedMs: 0, problems: [],
  };
  const problem = (k: number, what: string, found: string[]) => found.length && summary.problems.push(`kill ${k}: ${what}: ${found.join(', ')}`);

  // Set up once: demo data, the note the autosaves grow, a check-in, and a folder target for the district.
  let server = await startServer(dataDir);
  const setup: Run = { ledger: null as unknown as Ledger, epoch: 0, acknowledged: 0, inFlight: new Map(), restoreWindow: null };
  const ask = <T>(name: string, input: unknown) => call<T>(server, setup, name, input);
  await ask('loadDemoData', {});
  const caseload = await ask<{ entries: { leader: { id: number } }[] }>('getCaseload', {});
  const schoolList = await ask<{ id: number }[]>('listSchools', {});
  const note = await ask<{ id: number }>('createNote', { leaderId: caseload.entries[0].leader.id, body: '' });
  // A check-in on the demo's plan that has none yet, held today.
  const overview = await ask<{ schools: { planId: number | null; thisQuarter: { checkinId: number | null } }[] }>('getCtaOverview', {});
  const planId = overview.schools.find((x) => x.planId !== null && x.thisQuarter.checkinId === null)!.planId;
  const checkIn = await ask<{ id: number; goals: { id: number }[] }>('openCtaCheckIn', { planId, date: new Date().toISOString().slice(0, 10) });
  await ask('saveSyncTarget', { kind: 'folder', name: 'District drive', enabled: true, folder: district });
  const run: Run = {
    ledger: {
      notes: new Map([[note.id, { acked: 0, sent: 0 }]]), currentNote: note.id, visits: new Set(), nextSteps: new Set(), conversations: new Set(), leaders: new Set(), exports: new Set(),
      checkIn: { id: checkIn.id, slots: checkIn.goals.flatMap((g) => CHECK_IN_FIELDS.map((field) => ({ goalId: g.id, field, acked: 0, sent: 0 }))) },
    },
    epoch: 0,
    acknowledged: 0,
    inFlight: new Map(),
    restoreWindow: null,
  };
  const c: Context = { leaders: caseload.entries.map((e) => e.leader.id), schools: schoolList.map((x) => x.id), usb, backups: [], restoring: null, maintenance: 0, summary };

  for (let k = 1; k <= options.kills; k++) {
    // Mostly a moment of writing; one time in four long enough for backups and restores to finish too.
    const delay = Math.floor(rnd() < 0.25 ? 400 + rnd() * 1600 : rnd() * 400);
    const writing = writeUntilKilled(server, run, c, dataDir, rnd);
    await new Promise((r) => setTimeout(r, delay));
    await killHard(server.child);
    await writing;
    summary.kills++;

    // With the server dead: the USB stick and the folders under their final names.
    const plain = plaintextIn(usb);
    const incomplete = [...incompleteBackups(usb), ...incompleteBackups(path.join(dataDir, 'backups')), ...incompletePackages(district), ...incompletePackages(movedAway)];
    summary.plaintextFiles += plain.length;
    summary.incomplete += incomplete.length;
    problem(k, 'plaintext outside the data folder', plain);
    problem(k, 'incomplete under its final name', incomplete);

    server = await startServer(dataDir);
    // A restore the kill interrupted: the start finished it (the backup is in place) or undid it (it is not).
    if (c.restoring) {
      const tookEffect = beforeRestoreCount(dataDir) > c.restoring.keptBefore;
      if (tookEffect) restored(run, c.restoring.backup.holds);
      run.restoreWindow = null;
      const notice = ((await call<{ notice: string | null }>(server, run, 'getStatus', {})).notice ?? '');
      if (/Fieldbook finished it/.test(notice)) summary.interruptedRestores.finished++;
      if (/Fieldbook undid it/.test(notice)) summary.interruptedRestores.undone++;
      if ((/finished it/.test(notice) && !tookEffect) || (/undid it/.test(notice) && tookEffect)) summary.problems.push(`kill ${k}: the start said "${notice}", but the data says otherwise`);
      c.restoring = null;
    }
    const { lost, integrity } = checkDatabase(dataDir, run.ledger);
    if (integrity !== 'ok') {
      summary.integrityFailures++;
      summary.problems.push(`kill ${k}: integrity_check: ${integrity}`);
    }
    summary.lost += lost.length;
    problem(k, 'lost', lost);
    const left = leftovers(dataDir, path.join(dataDir, 'backups'), usb);
    summary.leftovers += left.length;
    problem(k, 'left after the restart', left);
    // After a restore, the roster's next revision can take a name already delivered: the folder target
    // stops and asks the person to move the old one away. The harness does so, as a person would.
    const stopped = (await call<{ targets: { stoppedReason: string | null }[] }>(server, run, 'getSyncOverview', {})).targets[0]?.stoppedReason ?? '';
    const taken = /^(.*) already holds something else/.exec(stopped)?.[1];
    if (taken && path.dirname(taken) === district) {
      fs.renameSync(taken, path.join(movedAway, `${path.basename(taken)}-${k}`));
      await call(server, run, 'syncNow', {});
      summary.namesTakenAfterRestore++;
    }
    log(`kill ${k}/${options.kills} after ${delay} ms: ${run.acknowledged} acknowledged so far, ${summary.backups} backups, ${summary.restores} restores, ${summary.lost} lost, integrity ${integrity}`);
  }
  const target = (await call<{ targets: { stoppedReason: string | null }[] }>(server, run, 'getSyncOverview', {})).targets[0];
  summary.syncStopped = target?.stoppedReason ?? null;
  await killHard(server.child);
  summary.packagesDelivered = fs.readdirSync(district).filter((n) => !n.startsWith('.')).length + fs.readdirSync(movedAway).length;
  // A clean run leaves nothing behind; a failing one keeps its data for a look.
  if (!summary.problems.length) fs.rmSync(work, { recursive: true, force: true });
  else summary.problems.push(`the data is kept in ${work}`);
  summary.acknowledged = run.acknowledged;
  summary.elapsedMs = Date.now() - started;
  return summary;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const flag = process.argv.indexOf('--kills');
  const kills = Number(flag >= 0 ? process.argv[flag + 1] : process.env.FIELDBOOK_SOAK_KILLS) || 200;
  const verbose = process.argv.includes('--verbose');
  console.log(`Soak: ${kills} SIGKILLs of browser mode while it writes, backs up, restores and sends…`);
  const s = await runSoak({ kills, log: (line) => (verbose || /^kill \d*0\//.test(line)) && console.log(line) });
  console.log([
    `Kills: ${s.kills}`,
    `Acknowledged writes: ${s.acknowledged} (of them ${s.backups} backups and ${s.restores} restores; ${s.exportsQueued} exports queued, ${s.packagesDelivered} packages in the district folder)`,
    `Restores interrupted by a kill: ${s.interruptedRestores.finished} finished and ${s.interruptedRestores.undone} undone at the next start`,
    `Folder target: ${s.namesTakenAfterRestore} times a revision queued after a restore found its name taken (moved away, as the target asks); at the end ${s.syncStopped ? `stopped, waiting for the person (${s.syncStopped})` : 'delivering'}`,
    `Lost: ${s.lost}`,
    `Integrity failures: ${s.integrityFailures}`,
    `Plaintext outside the data folder: ${s.plaintextFiles}; incomplete under a final name: ${s.incomplete}; left after a restart: ${s.leftovers}`,
    `Elapsed: ${(s.elapsedMs / 1000).toFixed(1)} s`,
  ].join('\n'));
  for (const p of s.problems.slice(0, 20)) console.log(`  ${p}`);
  process.exit(s.problems.length ? 1 : 0);
}
