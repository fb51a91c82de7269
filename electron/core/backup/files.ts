import fs from 'node:fs';
import path from 'node:path';
import type { BackupFile, BackupKind } from '../../../shared/backups/model';

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

export function parseBackupName(name: string): Pick<BackupFile, 'kind' | 'createdAt' | 'encrypted'> | null {
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

/** Fieldbook's backups in folder, newest first. Other files there are ignored. */
export function listBackupFiles(folder: string): BackupFile[] {
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) return [];
  const found: BackupFile[] = [];
  for (const name of fs.readdirSync(folder)) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const file = path.join(folder, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isFile()) found.push({ file, name, sizeBytes: stat.size, ...parsed });
  }
  return found.sort((a, b) => (a.createdAt === b.createdAt ? b.name.localeCompare(a.name) : b.createdAt.localeCompare(a.createdAt)));
}

/** Keep the newest keepDaily daily and keepWeekly weekly backups; delete older ones of those two kinds only. */
export function rotateBackups(folder: string, keep: { keepDaily: number; keepWeekly: number }): string[] {
  const all = listBackupFiles(folder);
  const stale = [
    ...all.filter((b) => b.kind === 'daily').slice(keep.keepDaily),
    ...all.filter((b) => b.kind === 'weekly').slice(keep.keepWeekly),
  ];
  for (const b of stale) fs.rmSync(b.file, { force: true });
  return stale.map((b) => b.file);
}
