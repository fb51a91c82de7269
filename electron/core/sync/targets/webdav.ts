import { type ExportPackage, MANIFEST_FILE } from '../package';
import { sha256 } from '../outbox';
import { authHeaders, failureFor, isSuccess, request } from './http';
import { DeliveryError, type DeliverOptions, type TargetConfig, type TargetDriver } from './types';

const join = (base: string, name: string) => `${base.endsWith('/') ? base : `${base}/`}${encodeURIComponent(name)}`;

/** Read back every file of the package at folderUrl: true when all match, false when none is there. */
async function verify(folderUrl: string, pkg: ExportPackage, target: TargetConfig, options: DeliverOptions): Promise<boolean> {
  const headers = authHeaders(target);
  const manifest = await request(join(folderUrl, MANIFEST_FILE), { method: 'GET', headers }, options);
  if (manifest.status === 404) return false;
  if (!isSuccess(manifest.status)) throw failureFor(manifest.status, folderUrl);
  if (sha256(manifest.body) !== pkg.manifest.sha256) throw new DeliveryError('refused', `${folderUrl} already holds a different package. Ask the district to move it away, then press Retry`);
  for (const f of pkg.files) {
    const got = await request(join(folderUrl, f.name), { method: 'GET', headers }, options);
    if (!isSuccess(got.status)) throw failureFor(got.status, folderUrl);
    if (got.body.length !== f.content.length || sha256(got.body) !== f.sha256) {
      throw new DeliveryError('refused', `${f.name} on the server does not match what was sent (size or SHA-256). Ask the district to remove ${folderUrl}, then press Retry`);
    }
  }
  return true;
}

/**
 * WebDAV: the package is uploaded into a hidden collection (.name.partial), MOVEd to its final
 * name in one step (never overwriting), then every file is read back and checked by size and
 * SHA-256. An earlier attempt that got as far as the MOVE is found and verified, not sent again.
 */
export const webdavDriver: TargetDriver = {
  async deliver(pkg, target, options) {
    const headers = authHeaders(target);
    const final = `${join(target.location, pkg.folderName)}/`;
    const partial = `${join(target.location, `.${pkg.folderName}.partial`)}/`;
    const cleanUp = () => request(partial, { method: 'DELETE', headers }, options).catch(() => undefined);
    if (await verify(final, pkg, target, options)) {
      await cleanUp();
      return { url: final, files: pkg.files.length + 1, found: true };
    }
    const removed = await request(partial, { method: 'DELETE', headers }, options);
    if (!isSuccess(removed.status) && removed.status !== 404) throw failureFor(removed.status, target.location);
    const made = await request(partial, { method: 'MKCOL', headers }, options);
    if (!isSuccess(made.status)) throw failureFor(made.status, target.location);
    for (const f of [...pkg.files, pkg.manifest]) {
      const put = await request(join(partial, f.name), { method: 'PUT', headers: { ...headers, 'Content-Type': f.mediaType }, body: f.content }, options);
      if (!isSuccess(put.status)) throw failureFor(put.status, target.location);
    }
    const moved = await request(partial, { method: 'MOVE', headers: { ...headers, Destination: final, Overwrite: 'F' } }, options);
    // 412: the final name exists (an earlier MOVE whose answer was lost): verify below decides.
    if (!isSuccess(moved.status) && moved.status !== 412) throw failureFor(moved.status, target.location);
    if (!(await verify(final, pkg, target, options))) throw new DeliveryError('busy', `${final} was not there after the move; Fieldbook will send it again`);
    if (moved.status === 412) await cleanUp();
    return { url: final, files: pkg.files.length + 1 };
  },
};
