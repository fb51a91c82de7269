import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { api, CALL_NAMES } from '../../shared/api';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { parseCsv } from '../../shared/csv';
import { syncBuiltinFrameworks } from '../../electron/core/services/settings/frameworks';
import { evaluationsUnderWay } from './evaluationFixture';
import { memoryCore, ok, snapshot, tempDir } from './helpers';

/**
 * Hostile input, generated: every call of the contract gets arbitrary JSON and objects shaped
 * like its schema but full of wrong types, huge and odd strings, odd numbers and prototype-pollution
 * keys. Whatever arrives, the core answers with a Result, refuses bad input as a validation or
 * domain error (never 'internal'), and a refused call changes nothing in the database.
 *
 * FIELDBOOK_FUZZ_RUNS sets the inputs per call (the bar is 10,000: FIELDBOOK_FUZZ_RUNS=10000).
 */
const RUNS = Number(process.env.FIELDBOOK_FUZZ_RUNS) || 150;
const SEED = process.env.FIELDBOOK_FUZZ_SEED ? Number(process.env.FIELDBOOK_FUZZ_SEED) : undefined;

// Calls that write files where they are told: their path fields only ever get paths inside a
// throw-away folder (or wrong types), so the fuzzer cannot scatter files over the machine.
const PATH_FIELDS = new Set(['folder', 'file']);

const HUGE = 'x'.repeat(5_000_001);
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.constantFrom(
    '', ' ', '\u0000', '\uFEFF', '\u202Etxt.exe', '\uD800', 'ﷺ🧑🏽‍🏫 Zürich', '__proto__', 'constructor', 'prototype',
    '<script>alert(1)</script>', '[x](javascript:alert(1))', "'; DROP TABLE schools; --", '=HYPERLINK("http://evil")', '+1', '-1', '@SUM(A1)',
    '2026-02-30', '9999-99-99', '0000-00-00', '2026-11-23T10:00:00Z', '24:00', '-01:00', '1e309', 'NaN', '../../etc/passwd', 'a'.repeat(70_000), HUGE,
  ),
);
const hostileNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(-1, 0, -0, 1.5, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), Number.MAX_VALUE, Number.MIN_VALUE, 1e308),
);
const polluted = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as unknown,
  JSON.parse('{"__proto__": {"toString": "x"}, "valueOf": 1}') as unknown,
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  polluted,
  fc.constantFrom(null, undefined, true, false, [], {}, [[]], 10n),
  fc.jsonValue({ maxDepth: 2 }),
  fc.array(fc.oneof(hostileString, hostileNumber), { maxLength: 5 }),
);

type Def = { type: string; [k: string]: unknown };
const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/**
 * Values shaped like the schema: mostly plausible (so calls reach the domain code behind the
 * validation), each field sometimes hostile instead.
 */
function shaped(schema: z.ZodType, key = '', depth = 0, tmp = ''): fc.Arbitrary<unknown> {
  const d = def(schema);
  const inner = (s: unknown) => shaped(s as z.ZodType, key, depth, tmp);
  if (PATH_FIELDS.has(key)) {
    return fc.oneof(fc.stringMatching(/^[a-z0-9]{0,12}$/).map((s) => `${tmp}/${s}`), fc.constantFrom(null, undefined, 1, {}, ''));
  }
  const plausible = ((): fc.Arbitrary<unknown> => {
    switch (d.type) {
      case 'default': case 'optional': case 'nullable': return inner(d.innerType);
      case 'pipe': return inner(d.in);
      case 'intersection': return fc.tuple(inner(d.left), inner(d.right)).map(([a, b]) => ({ ...(a as object), ...(b as object) }));
      case 'object': {
        if (depth > 3) return fc.constant({});
        const shape = d.shape as Record<string, z.ZodType>;
        // Every key, now and then left out, so most inputs get past validation into the domain code.
        const field = (k: string, v: z.ZodType) => fc.oneof({ weight: 9, arbitrary: shaped(v, k, depth + 1, tmp) }, { weight: 1, arbitrary: fc.constant(undefined) });
        return fc.record(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, field(k, v)])));
      }
      case 'array': return fc.array(shaped(d.element as z.ZodType, key, depth + 1, tmp), { maxLength: 4 });
      case 'enum': return fc.constantFrom(...Object.values(d.entries as Record<string, string>));
      case 'number': return fc.integer({ min: -2, max: 40 });
      case 'boolean': return fc.boolean();
      case 'string':
        return fc.oneof(
          fc.constantFrom('2026-11-23', '2026-11-30', '2025-08-01', '09:00', '10:30', 'Oak', 'danielson', 'observe', ''),
          fc.string({ maxLength: 30 }),
        );
      default: return hostileValue;
    }
  })();
  return fc.oneof({ weight: 12, arbitrary: plausible }, { weight: 1, arbitrary: hostileValue });
}

/** Written by a refusal on purpose: a wrong passphrase is counted, so that guessing has to wait. */
const COUNTED_ON_REFUSAL: Record<string, string[]> = { lock_settings: ['failed_unlocks', 'last_failed_at'] };

/** Every row of every table, hashed: a refused call must leave this exactly as it was. */
function contentHash(ctx: CoreContext): string {
  const h = crypto.createHash('sha256');
  const tables = ctx.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  for (const t of tables) {
    h.update(t);
    const skip = COUNTED_ON_REFUSAL[t] ?? [];
    const columns = (ctx.db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[]).filter((c) => !skip.includes(c)).map((c) => `"${c}"`);
    for (const row of ctx.db.prepare(`SELECT ${columns.join(', ')} FROM "${t}"`).raw().iterate() as Iterable<unknown[]>) h.update(JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
  }
  return h.digest('hex');
}

const summary = (input: unknown) => {
  const s = JSON.stringify(input, (_k, v) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}…(${v.length} chars)` : typeof v === 'bigint' ? `${v}n` : v));
  return s === undefined ? String(input) : s;
};

describe('hostile input to every call', () => {
  let total = 0;
  const outcomes: Record<string, number> = {};
  for (const name of CALL_NAMES) {
    it(`${name}: never throws, refuses cleanly, and a refusal changes nothing`, async () => {
      const ctx = memoryCore();
      // As at start-up, the shipped frameworks are there: evaluations need a rubric.
      syncBuiltinFrameworks(ctx);
      await ok(ctx, 'loadDemoData');
      await evaluationsUnderWay(ctx);
      const tmp = tempDir();
      const input = fc.oneof(
        { weight: 1, arbitrary: fc.anything({ maxDepth: 2, withBigInt: true, withNullPrototype: true, withObjectString: true }) },
        { weight: 1, arbitrary: hostileValue },
        { weight: 3, arbitrary: shaped(api[name].input as z.ZodType, '', 0, tmp) },
      );
      let before = { counts: snapshot(ctx), hash: contentHash(ctx) };
      await fc.assert(
        fc.asyncProperty(input, async (raw) => {
          total++;
          let r;
          try {
            r = await dispatch(ctx, name, raw);
          } catch (err) {
            throw new Error(`${name} threw for ${summary(raw)}: ${String(err)}`);
          }
          expect(({} as Record<string, unknown>).polluted, 'Object.prototype was polluted').toBeUndefined();
          const outcome = r.ok ? 'ok' : r.error.code;
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          if (r.ok) {
            // What a call that went through wrote (a draft, say) is the new baseline.
            before = { counts: snapshot(ctx), hash: contentHash(ctx) };
            return;
          }
          expect(Object.keys(r).sort()).toEqual(['error', 'ok']);
          expect(typeof r.error.code).toBe('string');
          expect(typeof r.error.message).toBe('string');
          expect(r.error.message.length).toBeGreaterThan(0);
          expect(r.error.code, `${name} failed inside for ${summary(raw)}: ${r.error.message}`).not.toBe('internal');
          expect(snapshot(ctx), `${name} changed a table count though it refused ${summary(raw)}`).toEqual(before.counts);
          expect(contentHash(ctx), `${name} changed a row though it refused ${summary(raw)}`).toBe(before.hash);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    }, 600_000);
  }
  it('reports how many inputs it sent', () => {
    console.log(`[hostile] ${total} generated inputs across ${CALL_NAMES.length} calls (${RUNS} each): ${JSON.stringify(outcomes)}`);
  });
});

describe('hostile roster files', () => {
  const HEADER = 'name,email,role,role_start_date,school_name,school_code,school_level,need_tier,support_tier,cadence_days';
  const FILES: Record<string, string> = {
    'just over the 5 MB limit': `${HEADER}\r\n` + 'Ana Vega,ana@d.org,Principal,2024-08-01,Mesa Middle,M-1,middle,high,,\r\n'.repeat(72_000),
    // 4.9 MB in 490 rows of 10,000 characters each, every one of them bad.
    'near the limit, every row bad': `${HEADER}\r\n` + `${'A'.repeat(9_900)},not-an-email,principle,2024-13-01,Mesa Middle,M-1,middle,high,weekly,0\r\n`.repeat(490),
    'binary garbage': Array.from({ length: 200_000 }, (_, i) => String.fromCharCode((i * 7919) % 65_536)).join(''),
    '100,000 columns': Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',') + '\r\n' + 'x,'.repeat(99_999) + 'x\r\n',
    'the header with 100,000 extra columns': `${HEADER}${',extra'.repeat(100_000)}\r\nAna Vega,ana@d.org,principle,2024-08-01,Mesa Middle,M-1,middle,high,,${',='.repeat(100_000)}\r\n`,
    'unbalanced quotes': `${HEADER}\r\n"Ana Vega,ana@d.org,Principal,2024-08-01,Mesa Middle\r\nBen,"ben@d.org,Principal,2024-08-01,Oak`,
    'a lone quote and NULs': '"\u0000\u0000,\r\n\u0000"',
  };

  it.each(Object.entries(FILES))('%s: preview and import fail cleanly and write nothing', async (_what, text) => {
    const ctx = memoryCore();
    await ok(ctx, 'loadDemoData');
    const counts = snapshot(ctx);
    const hash = contentHash(ctx);
    const preview = await dispatch(ctx, 'previewRoster', { csv: text });
    if (preview.ok) {
      const value = preview.value as { fileErrors: string[]; counts: { new: number } };
      expect(value.fileErrors.length + (value.counts.new === 0 ? 1 : 0)).toBeGreaterThan(0);
    } else expect(preview.error.code).not.toBe('internal');
    const imported = await dispatch(ctx, 'importRoster', { csv: text });
    expect(imported.ok).toBe(false);
    if (!imported.ok) {
      expect(imported.error.code).not.toBe('internal');
      expect(imported.error.message.length).toBeLessThan(1000);
    }
    expect(snapshot(ctx)).toEqual(counts);
    expect(contentHash(ctx)).toBe(hash);
  }, 60_000);

  it('imports formula-looking cells as plain text, and the exported caseload never starts a cell with = + - @', async () => {
    const ctx = memoryCore();
    const row = '"=HYPERLINK(""http://evil.example"",""x"")",,Principal,2024-08-01,"+cmd|\'/C calc\'!A0",@SUM(1),middle,high,,';
    await ok(ctx, 'importRoster', { csv: `${HEADER}\r\n${row}\r\n` });
    const { csv } = await ok(ctx, 'exportCaseloadCsv');
    const cells = parseCsv(csv).flatMap((r) => r.fields);
    expect(cells).toContain(`'=HYPERLINK("http://evil.example","x")`);
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('exported caseload CSV', () => {
  const risky = fc
    .tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '', ' ', '"', ',', '\n'), fc.string({ minLength: 1, maxLength: 30 }))
    .map(([lead, rest]) => lead + rest);

  it('never carries a live formula, whatever the names (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(risky, risky, risky), { minLength: 1, maxLength: 5 }), async (people) => {
        const ctx = memoryCore();
        let added = 0;
        for (const [leader, school, code] of people) {
          const s = await dispatch(ctx, 'addSchool', { name: school, level: 'high', needTier: 'low', districtCode: code.slice(0, 40) });
          const schoolId = s.ok ? (s.value as { id: number }).id : null;
          const l = await dispatch(ctx, 'addLeader', { name: leader, role: 'principal', schoolId, roleStartDate: '2030-08-01', assignment: { supportTier: 'standard' } });
          if (l.ok) added++;
        }
        const { csv } = await ok(ctx, 'exportCaseloadCsv');
        expect(parseCsv(csv)).toHaveLength(1 + added);
        for (const cell of parseCsv(csv).flatMap((r) => r.fields)) expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: Math.max(50, Math.min(RUNS, 300)) },
    );
  });
});
