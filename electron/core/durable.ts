import fs from 'node:fs';

/** Write a file and flush it to disk before returning. flag 'wx' refuses to replace an existing file. */
export function writeDurably(file: string, bytes: Buffer, flag: 'w' | 'wx' = 'w'): void {
  const fd = fs.openSync(file, flag);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
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
