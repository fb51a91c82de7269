import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPackage } from '../../district/package/check';
import { parsePackageJson } from '../../district/package/json';
import { PackageRefused } from '../../district/package/refusal';
import { httpsBodySource } from '../../district/package/source';
import { consentFilter } from '../../electron/core/sync/consent';
import { buildPackage } from '../../electron/core/sync/package';
import { supervisorWithExports } from './exportsFixture';

/**
 * The district's checks never fail on their own: whatever arrives, a package is either accepted or
 * refused with a reason (PackageRefused), never a crash. Generated bodies: arbitrary JSON, and real
 * packages with one part replaced by arbitrary values.
 */
const runs = Number(process.env.FIELDBOOK_FUZZ_RUNS ?? 150);
let bodies: Record<string, unknown>[] = [];

beforeAll(async () => {
  const s = await supervisorWithExports();
  bodies = Object.values(s.ids).map((id) => {
    const pkg = buildPackage(s.ctx, id, consentFilter({ retentionConsent: 'named' }))!;
    const [document, ...attachments] = pkg.files;
    return {
      id: pkg.id, folder: pkg.folderName, manifest: JSON.parse(pkg.manifest.content.toString()), document: JSON.parse(document.content.toString()),
      attachments: attachments.map((a) => ({ name: a.name, mediaType: a.mediaType, size: a.content.length, sha256: a.sha256, contentBase64: a.content.toString('base64') })),
    };
  });
});

async function outcome(body: unknown, key: string | null): Promise<'accepted' | string> {
  try {
    const { source } = httpsBodySource(parsePackageJson(Buffer.from(JSON.stringify(body) ?? 'null'), 'The body'), key);
    await checkPackage(source);
    return 'accepted';
  } catch (err) {
    if (err instanceof PackageRefused) return err.code;
    throw err;
  }
}

/** Replace the value at a path of an object with another (a copy). */
function replaced(value: unknown, path: (string | number)[], by: unknown): unknown {
  if (path.length === 0) return by;
  const copy = Array.isArray(value) ? [...value] : { ...(value as object) };
  const [head, ...rest] = path;
  (copy as Record<string | number, unknown>)[head] = replaced((value as Record<string | number, unknown>)?.[head], rest, by);
  return copy;
}

/** Every path in a JSON value, for choosing which one to spoil. */
function pathsOf(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [at];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [at, ...keys.flatMap((k) => pathsOf((value as Record<string | number, unknown>)[k], [...at, k]))];
}

describe('the district’s checks on generated input', { timeout: 120_000 }, () => {
  it('accept the real packages as they are', async () => {
    for (const body of bodies) expect(await outcome(body, body.id as string)).toBe('accepted');
  });

  it('refuse arbitrary JSON with a reason, never crash', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue(), fc.option(fc.string()), async (body, key) => {
      expect(await outcome(body, key)).not.toBe('accepted');
    }), { numRuns: runs });
  });

  it('refuse a real package with any one value replaced (unless the value is still valid), never crash', async () => {
    await fc.assert(fc.asyncProperty(fc.nat(), fc.nat(), fc.jsonValue(), async (which, where, by) => {
      const body = bodies[which % bodies.length];
      const paths = pathsOf(body).filter((p) => p.length > 0);
      const path = paths[where % paths.length];
      const spoiled = replaced(body, path, by);
      const result = await outcome(spoiled, body.id as string);
      if (result === 'accepted') expect(JSON.stringify(spoiled)).toBe(JSON.stringify(body));
    }), { numRuns: runs });
  });
});
