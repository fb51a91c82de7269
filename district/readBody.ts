import type http from 'node:http';

/** How much of a refused body is read and dropped before the connection is cut. */
const DRAIN_BYTES = 256 * 1024 * 1024;

/** Read a body up to a limit; null when it is longer (the rest is dropped, never kept). */
export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        // Refused, and nothing more is kept. The rest is read and dropped so the sender hears the
        // answer (a connection closed under a sender still writing loses it), up to a bound.
        chunks.length = 0;
        resolve(null);
        if (size > DRAIN_BYTES) req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
