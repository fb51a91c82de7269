import fs from 'node:fs';
import type fsp from 'node:fs/promises';
import path from 'node:path';

/**
 * Everything Fieldbook writes is private to the person using it: files 0600, folders 0700 (on
 * Linux and macOS; Windows keeps a user's profile private by its own permissions).
 */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_FOLDER = 0o700;

/** Write a file and flush it to disk before returning. flag 'wx' refuses to replace an existing file. */
export function writeDurably(file: string, bytes: Buffer, flag: 'w' | 'wx' = 'w'): void {
  const fd = fs.openSync(file, flag, PRIVATE_FILE);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Replace a small file in one step: written beside it, flushed, renamed over it, the folder flushed. */
export function replaceDurably(file: string, bytes: Buffer): void {
  const temp = `${file}.tmp`;
  writeDurably(temp, bytes);
  fs.renameSync(temp, file);
  fsyncFolder(path.dirname(file));
}

/** A SQLite database file and the files SQLite keeps beside it (write-ahead log, shared memory, rollback journal). */
export const withSidecars = (file: string): string[] => ['', '-wal', '-shm', '-journal'].map((s) => file + s);

/** Remove a SQLite database file and the files beside it; those not there are skipped. */
export function removeWithSidecars(file: string): void {
  for (const f of withSidecars(file)) fs.rmSync(f, { force: true });
}

/** Make a rename or a new file durable: fsync the folder that lists it (not possible on Windows). */
export function fsyncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch (err) {
    if (process.platform !== 'win32') throw err;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** A folder only its owner can open; one that exists already is made so (if it is ours). */
export function makePrivateFolder(folder: string): void {
  fs.mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER });
  restrict(folder, PRIVATE_FOLDER);
}

/** An empty file only its owner can read, for SQLite to fill (it would create one readable by everyone). */
export function createPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE));
}

/** Take group and other permissions away from a file or folder of ours that has them (older Fieldbooks made them 0644/0755). */
export function restrict(file: string, mode: number = PRIVATE_FILE): void {
  if (process.platform === 'win32') return;
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat || (stat.mode & 0o077) === 0) return;
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return;
  fs.chmodSync(file, mode);
}

/**
 * Copy `from` (from byte fromOffset) into an open file at outOffset, a megabyte at a time through
 * transform (a cipher, or nothing): a file of any size, never whole in memory. Returns the bytes read.
 */
export async function streamInto(from: string, fromOffset: number, out: fsp.FileHandle, outOffset: number, transform: (chunk: Buffer) => Buffer = (c) => c): Promise<number> {
  let at = outOffset;
  let read = 0;
  for await (const chunk of fs.createReadStream(from, { start: fromOffset, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    read += chunk.length;
    const bytes = transform(chunk);
    await out.write(bytes, 0, bytes.length, at);
    at += bytes.length;
  }
  return read;
}
