import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_KINDS } from '../../../shared/exportFormat/common';
import type { CoreContext } from '../context';
import { DB_FILENAME, openDatabase } from '../db/connection';
import { dispatch } from '../dispatch';
import { startSyncWorker } from '../sync/worker';
import { schoolYears } from './context';
import type { Mover, SupervisorProfile } from './district';
import { queueExportHistory } from './exports';
import { generateDistrictData } from './index';
import { seeded } from './random';
import { SIZES } from './sizes';
import { personName } from './text';

/**
 * A whole district for the district's side: N supervisors, each with their own Fieldbook data
 * file (one caseload over a decade), every export of that decade queued through the app's own
 * export code and delivered by its own sync worker to one shared folder target, as a district
 * drive would receive them. A couple of principals move from each supervisor's caseload to the
 * next one's between school years, so the district sees one leader under two supervisors.
 *
 *   out/supervisors/NN-name/fieldbook.sqlite3   each supervisor's Fieldbook
 *   out/exports/                                 every package, as the folder target wrote it
 */
export interface DistrictRunReport {
  supervisors: number;
  years: number;
  packages: number;
  byKind: Record<string, number>;
  seconds: number;
}

const MOVERS_PER_SUPERVISOR = 2;

function profiles(count: number, seed: number, years: number): SupervisorProfile[] {
  const r = seeded(seed * 7919 + count);
  const used = new Set<string>();
  const people = Array.from({ length: count }, () => {
    let p = personName(r);
    while (used.has(p.full)) p = personName(r);
    used.add(p.full);
    return p;
  });
  // Supervisor i's first principal posts hand a leader to supervisor i + 1 after a school year.
  const movers: Mover[][] = people.map((_, i) => Array.from({ length: MOVERS_PER_SUPERVISOR }, (__, k) => {
    const p = personName(r);
    return { name: p.full, firstName: p.first, email: `${p.full.toLowerCase().replace(/[^a-z]+/g, '.')}.moved${i + 1}-${k + 1}@riverbend.k12.example`, year: 2 + ((i + 3 * k) % Math.max(1, years - 3)) };
  }));
  return people.map((p, i) => ({
    name: p.full,
    email: `${p.full.toLowerCase().replace(/[^a-z]+/g, '.')}@riverbend.k12.example`,
    district: 'Riverbend Unified School District',
    schoolCodePrefix: `S${String(i + 1).padStart(2, '0')}`,
    emailTag: `s${i + 1}-`,
    leaving: i < count - 1 ? movers[i] : [],
    arriving: i > 0 ? movers[i - 1].map((m) => ({ ...m, year: m.year + 1 })) : [],
    caseloadOnly: true,
  }));
}

/** Deliver everything queued to the folder target, through the app's sync worker. */
async function deliverAll(ctx: CoreContext): Promise<void> {
  const worker = startSyncWorker(ctx, { manual: true });
  try {
    for (let pass = 0; (ctx.db.prepare(`SELECT count(*) FROM outbox WHERE delivered_at IS NULL`).pluck().get() as number) > 0; pass++) {
      if (pass > 1000) throw new Error('The folder target did not take every export');
      await worker.runOnce();
    }
  } finally {
    await worker.stop();
  }
}

export async function generateSupervisors(options: { out: string; supervisors: number; seed?: number; today: string; progress?: (m: string) => void }): Promise<DistrictRunReport> {
  const started = performance.now();
  const seed = options.seed ?? 1;
  const progress = options.progress ?? (() => undefined);
  const exportsDir = path.join(options.out, 'exports');
  fs.mkdirSync(exportsDir, { recursive: true });
  const years = schoolYears(options.today, 7, SIZES.decade.years);
  const byKind: Record<string, number> = Object.fromEntries(EXPORT_KINDS.map((k) => [k, 0]));
  for (const [i, profile] of profiles(options.supervisors, seed, years.length).entries()) {
    const at = performance.now();
    const dir = path.join(options.out, 'supervisors', `${String(i + 1).padStart(2, '0')}-${profile.name.toLowerCase().replace(/[^a-z]+/g, '-')}`);
    if (fs.existsSync(path.join(dir, DB_FILENAME))) throw new Error(`${dir} already has a Fieldbook: choose a new folder`);
    fs.mkdirSync(dir, { recursive: true });
    const db = openDatabase(path.join(dir, DB_FILENAME));
    db.pragma('synchronous = OFF');
    const ctx: CoreContext = { db, now: () => new Date(`${options.today}T12:00:00`), dataDir: dir, mode: 'browser' };
    try {
      generateDistrictData(ctx, { size: 'decade', seed: seed * 1000 + i + 1, today: options.today, profile });
      // The district drive, receiving retention summaries: named records from two supervisors in three, counts only from the third.
      const retentionConsent = i % 3 === 2 ? 'counts' : 'named';
      const target = await dispatch(ctx, 'saveSyncTarget', { kind: 'folder', name: 'District drive', enabled: true, folder: exportsDir, retentionConsent });
      if (!target.ok) throw new Error(target.error.message);
      const queued = await queueExportHistory(ctx, years, options.today);
      await deliverAll(ctx);
      for (const [kind, n] of Object.entries(queued)) byKind[kind] += n;
      const total = Object.values(queued).reduce((a, b) => a + b, 0);
      progress(`${String(i + 1).padStart(2)}/${options.supervisors} ${profile.name}: ${total} exports in ${((performance.now() - at) / 1000).toFixed(1)} s`);
    } finally {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    }
  }
  return {
    supervisors: options.supervisors, years: years.length, packages: Object.values(byKind).reduce((a, b) => a + b, 0), byKind,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
