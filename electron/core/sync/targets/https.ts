import { authHeaders, failureFor, isSuccess, quoteAnswer, request } from './http';
import { DeliveryError, type TargetDriver } from './types';

/** What a district server answers for a stored package (docs/interop.md, "The receipt"). */
interface ServerReceipt {
  id: string;
  manifestSha256: string;
  outcome: string;
  storedAt: string;
}

/** The receipt in a 2xx answer's JSON body, or null when the server sent none (a server that does not know the format). */
function receiptIn(body: Buffer): ServerReceipt | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  const r = (parsed as { receipt?: Partial<ServerReceipt> } | null)?.receipt;
  if (!r || typeof r.manifestSha256 !== 'string') return null;
  return { id: String(r.id ?? ''), manifestSha256: r.manifestSha256.toLowerCase(), outcome: String(r.outcome ?? ''), storedAt: String(r.storedAt ?? '') };
}

/**
 * A district API: one POST per export with an Idempotency-Key (the outbox id), so a retry after
 * a lost answer is recognised by the server instead of stored twice. The body is JSON: the
 * document and manifest as objects, the attachments in base64. The server proves what it stored
 * with a receipt naming the manifest's SHA-256.
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
    const host = new URL(target.location).host;
    // The IETF idempotency-key draft and payment APIs answer a retry that overlaps the first try with
    // 409 or 412 (425: too early): the server is still storing it, so it is asked again later.
    if ([409, 412, 425].includes(res.status) && (options.attempt ?? 1) > 1) {
      throw new DeliveryError('in_progress', `${host} is still storing this export from an earlier try (it answered ${res.status}: ${quoteAnswer(res.body)}); Fieldbook will ask again`);
    }
    if ([409, 412].includes(res.status)) throw new DeliveryError('refused', `${host} refused the export (${res.status}: ${quoteAnswer(res.body)}). Ask the district what it means`);
    if (!isSuccess(res.status)) throw failureFor(res.status, target.location, 'https');
    const receipt = receiptIn(res.body);
    if (!receipt) return { url: target.location, status: res.status, confirmed: false, response: res.body.toString('utf8').slice(0, 500) };
    if (receipt.manifestSha256 !== pkg.manifest.sha256) {
      throw new DeliveryError('refused', `${host} stored something else under ${pkg.id}: its receipt names a manifest with SHA-256 ${receipt.manifestSha256.slice(0, 12)}…, not this export's ${pkg.manifest.sha256.slice(0, 12)}…. Ask the district to check what it holds, then press Retry`);
    }
    return { url: target.location, status: res.status, confirmed: true, receipt };
  },
};
