import fs from 'node:fs';
import path from 'node:path';
import { writeDurably } from '../durable';

/**
 * A clean-shutdown marker: written after the database closed cleanly, it records the file's
 * identity and timestamps and when the whole file was last read and found sound. The next start
 * skips reading the file end to end only when the file is exactly as it was left (any write, copy or
 * rename since changes its ctime) and that check is recent; a crash leaves no marker, because the
 * marker is removed at every start.
 */
const MARKER = 'clean-shutdown.json';
/** A file not read whole (before opening or in the background) for this long is read whole before opening. */
export const FULL_CHECK_EVERY_MS = 7 * 24 * 60 * 60 * 1000;

interface Identity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** Bytes of committed work still in the write-ahead log (0 when it is gone or empty). */
const walBytes = (file: string): number => fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;

const identity = (file: string): Identity | null => {
  const s = fs.statSync(file, { throwIfNoEntry: false });
  return s ? { dev: s.dev, ino: s.ino, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs } : null;
};

/**
 * When the whole file was last found sound, if it is exactly as a clean shutdown left it and that was
 * recent; null otherwise. The marker is used up either way.
 */
export function takeCleanShutdown(file: string, now: Date): Date | null {
  const marker = path.join(path.dirname(file), MARKER);
  let saved: { file: Identity; verifiedAt: string };
  try {
    saved = JSON.parse(fs.readFileSync(marker, 'utf8'));
  } catch {
    return null;
  } finally {
    fs.rmSync(marker, { force: true });
  }
  // Committed work still in a write-ahead log means the last close did not finish.
  if (walBytes(file) > 0) return null;
  if (JSON.stringify(saved.file) !== JSON.stringify(identity(file))) return null;
  const verifiedAt = new Date(saved.verifiedAt);
  const age = now.getTime() - verifiedAt.getTime();
  return age >= 0 && age < FULL_CHECK_EVERY_MS ? verifiedAt : null;
}

/** After the last connection closed (the log checkpointed into the file, and removed or left empty). */
export function markCleanShutdown(file: string, verifiedAt: Date): void {
  const now = identity(file);
  if (!now || walBytes(file) > 0) return;
  writeDurably(path.join(path.dirname(file), MARKER), Buffer.from(JSON.stringify({ file: now, verifiedAt: verifiedAt.toISOString() })));
}
