import { authHeaders, failureFor, isSuccess, request } from './http';
import type { TargetDriver } from './types';

/**
 * A district API: one POST per export with an Idempotency-Key (the outbox id), so a retry after
 * a lost answer is recognised by the server instead of stored twice. The body is JSON: the
 * document and manifest as objects, the attachments in base64 (README describes it).
 */
export const httpsDriver: TargetDriver = {
  async deliver(pkg, target, options) {
    const [document, ...attachments] = pkg.files;
    const body = Buffer.from(JSON.stringify({
      id: pkg.id,
      folder: pkg.folderName,
      manifest: JSON.parse(pkg.manifest.content.toString('utf8')),
      document: JSON.parse(document.content.toString('utf8')),
      attachments: attachments.map((a) => ({ name: a.name, mediaType: a.mediaType, size: a.content.length, sha256: a.sha256, contentBase64: a.content.toString('base64') })),
    }));
    const res = await request(target.location, {
      method: 'POST',
      headers: { ...authHeaders(target), 'Content-Type': 'application/json', 'Idempotency-Key': pkg.id },
      body,
    }, options);
    if (!isSuccess(res.status)) throw failureFor(res.status, target.location, 'https');
    return { url: target.location, status: res.status, response: res.body.toString('utf8').slice(0, 500) };
  },
};
