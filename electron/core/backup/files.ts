import fs from 'node:fs';
import path from 'node:path';
import type { BackupFile, BackupKind } from '../../../shared/backups/model';
import { replaceDurably } from '../durable';

/**
 * Backup file names say what made them, so rotation deletes only the files it created:
 * fieldbook-daily-2026-11-23.sqlite3, fieldbook-weekly-2026-11-23.sqlite3,
 * fieldbook-manual-2026-11-23T10-00-00Z.sqlite3.enc, fieldbook-before-restore-…, fieldbook-before-upgrade-…-v3.
 */
export const BACKUPS_FOLDER = 'backups';
export const backupsDir = (dataDir: string): string => path.join(dataDir, BACKUPS_FOLDER);

const NAME = /^fieldbook-(daily|weekly|manual|before-restore|before-upgrade)-(\d{4}-\d{2}-\d{2})(?:T(\d{2})-(\d{2})-(\d{2})Z)?(?:-v\d+)?(?:-\d+)?\.sqlite3(\.enc)?$/;

/** 2026-11-23T10:00:00.123Z → 2026-11-23T10-00-00Z: sortable and safe on every file system. */
export const fileStamp = (at: Date): string => at.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');

export function backupName(kind: BackupKind, stampOrDate: string, options: { encrypted?: boolean; version?: number } = {}): string {
  const v = options.version === undefined ? '' : `-v${options.version}`;
  return `fieldbook-${kind}-${stampOrDate}${v}.sqlite3${options.encrypted ? '.enc' : ''}`;
}

function parseBackupName(name: string): Pick<BackupFile, 'kind' | 'createdAt' | 'encrypted'> | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, kind, date, h, min, s, enc] = m;
  return { kind: kind as BackupKind, createdAt: h ? `${date}T${h}:${min}:${s}Z` : date, encrypted: Boolean(enc) };
}

/** A path in folder for name that does not exist yet (…-2, …-3 when two are made in one second). */
export function freePath(folder: string, name: string): string {
  const [stem, ext] = name.endsWith('.sqlite3.enc') ? [name.slice(0, -12), '.sqlite3.enc'] : [name.slice(0, -8), '.sqlite3'];
  let candidate = path.join(folder, name);
  for (let n = 2; fs.existsSync(candidate); n++) candidate = path.join(folder, `${stem}-${n}${ext}`);
  return candidate;
}

/**
 * The order backups were made in, kept beside them: a number for each file as it is made. Rotation
 * goes by it rather than by the dates in the names, which only say what the clock said (a clock set
 * back once made the newest backup look the oldest, and rotation deleted it at once).
 */
const ORDER_FILE = 'backup-order.json';
interface Order {
  next: number;
  made: Record<string, number>;
}

function readOrder(folder: string): Order {
  try {
    const order = JSON.parse(fs.readFileSync(path.join(folder, ORDER_FILE), 'utf8')) as Order;
    if (Number.isInteger(order.next) && order.made && typeof order.made === 'object') return order;
  } catch {
    // None yet (or unreadable): backups made before it are ordered by their dates, before all others.
  }
  return { next: 1, made: {} };
}

/** Give the backup about to be written at `file` the next number (before it is written, so a crash cannot leave it unnumbered). */
export function numberBackup(file: string): void {
  const folder = path.dirname(file);
  const order = readOrder(folder);
  const present = new Set(fs.readdirSync(folder));
  // Files that are gone drop out of the list, which therefore never outgrows the folder.
  const made = Object.fromEntries(Object.entries(order.made).filter(([name]) => present.has(name)));
  made[path.basename(file)] = order.next;
  replaceDurably(path.join(folder, ORDER_FILE), Buffer.from(JSON.stringify({ next: order.next + 1, made })));
}

/** Fieldbook's backups in folder, newest first: in the order they were made, those from before the order was kept last, by date. Other files are ignored. */
export function listBackupFiles(folder: string): BackupFile[] {
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) return [];
  const { made } = readOrder(folder);
  const found: BackupFile[] = [];
  for (const name of fs.readdirSync(folder)) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const file = path.join(folder, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isFile()) found.push({ file, name, sizeBytes: stat.size, ...parsed, sequence: made[name] ?? null });
  }
  return found.sort((a, b) => {
    if (a.sequence !== b.sequence) return (b.sequence ?? 0) - (a.sequence ?? 0);
    return a.createdAt === b.createdAt ? b.name.localeCompare(a.name) : b.createdAt.localeCompare(a.createdAt);
  });
}

/**
 * Keep the newest keepDaily daily and keepWeekly weekly backups, by the order they were made; delete
 * older ones of those two kinds only, and never the newest backup of all.
 */
export function rotateBackups(folder: string, keep: { keepDaily: number; keepWeekly: number }): string[] {
  const all = listBackupFiles(folder);
  const newest = all[0]?.file;
  const stale = [
    ...all.filter((b) => b.kind === 'daily').slice(keep.keepDaily),
    ...all.filter((b) => b.kind === 'weekly').slice(keep.keepWeekly),
  ].filter((b) => b.file !== newest);
  for (const b of stale) fs.rmSync(b.file, { force: true });
  return stale.map((b) => b.file);
}
