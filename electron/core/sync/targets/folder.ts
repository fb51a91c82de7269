import fs from 'node:fs';
import path from 'node:path';
import { fsyncFolder, PRIVATE_FOLDER, writeDurably } from '../../durable';
import { type ExportPackage, MANIFEST_FILE, sameManifest } from '../package';
import { sha256 } from '../outbox';
import { DeliveryError, type TargetDriver } from './types';

const readOrNull = (file: string): Buffer | null => {
  try {
    return fs.readFileSync(file);
  } catch {
    return null;
  }
};

/** Every file in the folder as the package has it. */
function holdsPackage(folder: string, pkg: ExportPackage): boolean {
  if (!sameManifest(pkg, readOrNull(path.join(folder, MANIFEST_FILE)))) return false;
  return pkg.files.every((f) => {
    const found = readOrNull(path.join(folder, f.name));
    return found !== null && found.length === f.content.length && sha256(found) === f.sha256;
  });
}

function refusalFor(err: unknown, root: string): DeliveryError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new DeliveryError('refused', `Fieldbook may not write in ${root} (${code}). Choose a folder you can write to`);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new DeliveryError('refused', `${root} is full. Make room on the drive, then press Retry`);
  // A drive that was unplugged mid-write, say: try again later.
  return new DeliveryError('unreachable', `Could not write in ${root} (${code ?? (err as Error).message})`);
}

/**
 * A folder: the package is written under a hidden temporary name (.name.partial), each file
 * fsynced, then the folder renamed to its final name and its parent fsynced. A crash leaves only
 * the hidden folder, never a partial package under a final name.
 */
export const folderDriver: TargetDriver = {
  async deliver(pkg, target) {
    const root = target.location;
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
      throw new DeliveryError('unreachable', `The folder ${root} is not there. If it is on a USB stick or a network drive, connect it; Fieldbook will try again`);
    }
    const final = path.join(root, pkg.folderName);
    const partial = path.join(root, `.${pkg.folderName}.partial`);
    try {
      if (fs.existsSync(final)) {
        // An earlier attempt finished but its receipt was never written (a crash): check it is ours.
        if (holdsPackage(final, pkg)) return { folder: final, files: pkg.files.length + 1, found: true };
        throw new DeliveryError('refused', `${final} already holds something else. Move it away, then press Retry`);
      }
      fs.rmSync(partial, { recursive: true, force: true });
      fs.mkdirSync(partial, { mode: PRIVATE_FOLDER });
      for (const f of [...pkg.files, pkg.manifest]) writeDurably(path.join(partial, f.name), f.content, 'wx');
      fsyncFolder(partial);
      fs.renameSync(partial, final);
      fsyncFolder(root);
      if (!holdsPackage(final, pkg)) throw new DeliveryError('unreachable', `What was read back from ${final} does not match; Fieldbook will write it again`);
      return { folder: final, files: pkg.files.length + 1 };
    } catch (err) {
      if (err instanceof DeliveryError) throw err;
      throw refusalFor(err, root);
    }
  },
};
