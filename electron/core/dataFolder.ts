import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/result';
import { backupsDir } from './backup/files';
import { finishInterruptedRestore } from './backup/restore';
import { removeBackupLeftovers } from './backup/write';
import { lockDataFolder, type DataFolderLock } from './dataFolderLock';
import { makePrivateFolder, PRIVATE_FOLDER, restrict } from './durable';

/** Why the data folder cannot be used, in one line a person can act on. */
export function dataFolderProblem(err: unknown, dataDir: string): AppError {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'EROFS' || code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) {
    return new AppError('data_folder_read_only', `Fieldbook cannot write in its data folder ${dataDir}: the disk is read-only. Make it writable, or start Fieldbook with another folder (FIELDBOOK_DATA_DIR).`);
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new AppError('data_folder_not_writable', `Fieldbook may not write in its data folder ${dataDir} (${code}). Give yourself write permission there, or start Fieldbook with another folder (FIELDBOOK_DATA_DIR).`);
  }
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') {
    return new AppError('disk_full', `The disk holding Fieldbook's data folder ${dataDir} is full. Free some space, then start Fieldbook again.`);
  }
  if (code === 'ENOTDIR' || code === 'EEXIST') return new AppError('data_folder_not_a_folder', `Fieldbook's data folder ${dataDir} is a file, not a folder. Move it away or choose another folder (FIELDBOOK_DATA_DIR).`);
  if (code === 'ENAMETOOLONG') return new AppError('data_folder_name_too_long', `The data folder's path ${dataDir} is too long for the disk; choose a shorter one (FIELDBOOK_DATA_DIR).`);
  return err instanceof AppError ? err : new AppError('data_folder_unusable', `Fieldbook cannot use its data folder ${dataDir} (${code || (err instanceof Error ? err.message : String(err))}).`);
}

/** At start: a failure of the disk or the folder, said in one line; anything else as it was thrown. */
export function startProblem(err: unknown, dataDir: string): unknown {
  const code = (err as { code?: string }).code ?? '';
  return /^(EROFS|EACCES|EPERM|ENOSPC|EDQUOT|ENOTDIR|ENAMETOOLONG|SQLITE_READONLY.*|SQLITE_FULL)$/.test(code) ? dataFolderProblem(err, dataDir) : err;
}

/** Files and folders an older Fieldbook made readable by everyone: made private. */
function makeExistingFilesPrivate(dataDir: string): void {
  for (const folder of [dataDir, backupsDir(dataDir)]) {
    if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) continue;
    restrict(folder, PRIVATE_FOLDER);
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) if (entry.isFile()) restrict(path.join(folder, entry.name));
  }
}

/**
 * First thing at every start, in every mode: the data folder made private (0700) and taken for this
 * process alone; then what an interrupted restore or backup left is finished, undone or removed.
 * Another process holding the folder, or a folder that cannot be written, stops the start here with
 * one line, before anything in the folder is touched.
 */
export function takeDataFolder(dataDir: string, mode: string, options: { nativeBinding?: string; now?: () => Date } = {}): { lock: DataFolderLock; restoreNotice: string | null } {
  let lock: DataFolderLock;
  try {
    makePrivateFolder(dataDir);
    lock = lockDataFolder(dataDir, mode, options);
  } catch (err) {
    throw err instanceof AppError ? err : dataFolderProblem(err, dataDir);
  }
  try {
    const restoreNotice = finishInterruptedRestore(dataDir, options.nativeBinding);
    if (restoreNotice) console.log(`[fieldbook] ${restoreNotice}`);
    const removed = removeBackupLeftovers(dataDir);
    if (removed.length) console.log(`[fieldbook] removed what an interrupted backup left: ${removed.join(', ')}`);
    makeExistingFilesPrivate(dataDir);
    return { lock, restoreNotice };
  } catch (err) {
    lock.release();
    throw startProblem(err, dataDir);
  }
}
