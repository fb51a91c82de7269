import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { startCore } from '../../electron/core';
import type { CoreContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { BUILTIN_FRAMEWORKS, syncBuiltinFrameworks } from '../../electron/core/services/settings/frameworks';
import { checkFrameworkJson, frameworkFileSchema } from '../../shared/settings/frameworks';
import { memoryCore, ok, tempDir } from './helpers';

const DIR = path.resolve(__dirname, '../../resources/frameworks');
const shippedFiles = () => fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));
const readShipped = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));

const count = (ctx: CoreContext, table: string) => (ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const frameworkRows = (ctx: CoreContext) => ({ frameworks: count(ctx, 'frameworks'), elements: count(ctx, 'framework_elements') });

const DISTRICT = {
  id: 'lakeside-leadership',
  name: 'Lakeside leadership standards',
  source: 'Lakeside USD',
  version: '2026',
  elements: [
    { id: 'instructional-vision', title: 'Instructional vision', description: 'Keeps a clear picture of strong teaching.' },
    { id: 'ilt-leadership', title: 'Leading the ILT', description: 'Runs an ILT that sets and tracks goals.' },
    { id: 'family-voice', title: 'Family voice', description: 'Brings families into school decisions.' },
  ],
};
const json = (v: unknown) => JSON.stringify(v);

/** A note on a leader, tagged with the given elements. */
async function taggedNote(ctx: CoreContext, tags: { frameworkId: string; elementId: string }[]) {
  const schoolId = (await ok(ctx, 'addSchool', { name: 'Mesa Middle', level: 'middle', needTier: 'high' })).id;
  const leaderId = (await ok(ctx, 'addLeader', { name: 'Ana Vega', role: 'principal', schoolId, roleStartDate: '2020-08-01' })).id;
  const note = await ok(ctx, 'createNote', { leaderId, body: 'Walked classrooms with Ana.' });
  return ok(ctx, 'setNoteTags', { noteId: note.id, tags });
}

describe('shipped framework files', () => {
  it('every file passes the shared schema, and each one is bundled into the core', () => {
    const files = shippedFiles();
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const parsed = frameworkFileSchema.safeParse(readShipped(file));
      expect(parsed.success, `${file}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
      expect(`${(readShipped(file) as { id: string }).id}.json`).toBe(file);
    }
    expect(BUILTIN_FRAMEWORKS.map((f) => `${f.id}.json`).sort()).toEqual([...files].sort());
  });

  it('framework ids and element ids are unique and kebab-case', () => {
    const ids = BUILTIN_FRAMEWORKS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of BUILTIN_FRAMEWORKS) {
      const elementIds = f.elements.map((e) => e.id);
      expect(new Set(elementIds).size, f.id).toBe(elementIds.length);
      for (const id of elementIds) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('carries the counts the research names: 10 PSEL standards, 7 Wallace domains, 4 CEL action areas, 6 PLAS focus areas', () => {
    const size = (id: string) => BUILTIN_FRAMEWORKS.find((f) => f.id === id)?.elements.length;
    expect(size('psel-2015')).toBe(10);
    expect(size('wallace-pipeline')).toBe(7);
    expect(size('cel-principal-support')).toBe(4);
    expect(size('plas-implementation')).toBe(6);
    expect(BUILTIN_FRAMEWORKS.find((f) => f.id === 'psel-2015')?.elements[0].title).toBe('Mission, Vision, and Core Values');
  });
});

describe('built-in frameworks in the database', () => {
  it('are synced when the core starts, active, and a restart changes nothing but keeps the choices made', async () => {
    const dataDir = tempDir();
    let core = startCore({ dataDir, mode: 'browser' });
    const first = await ok(core.ctx, 'listFrameworks');
    expect(first.map((f) => f.id)).toEqual(BUILTIN_FRAMEWORKS.map((f) => f.id));
    expect(first.every((f) => f.builtin && f.active)).toBe(true);
    expect(first.find((f) => f.id === 'psel-2015')?.elements).toHaveLength(10);

    await ok(core.ctx, 'setFrameworkActive', { frameworkId: 'cel-principal-support', active: false });
    const tagged = await taggedNote(core.ctx, [{ frameworkId: 'psel-2015', elementId: 'school-improvement' }]);
    const before = { rows: frameworkRows(core.ctx), list: await ok(core.ctx, 'listFrameworks') };
    core.close();

    core = startCore({ dataDir, mode: 'browser' });
    expect(frameworkRows(core.ctx)).toEqual(before.rows);
    const after = await ok(core.ctx, 'listFrameworks');
    expect(after).toEqual(before.list);
    expect(after.find((f) => f.id === 'cel-principal-support')?.active).toBe(false);
    expect((await ok(core.ctx, 'listLeaderNotes', { leaderId: tagged.leaderId! })).notes[0].tags).toEqual([
      { frameworkId: 'psel-2015', elementId: 'school-improvement', title: 'School Improvement' },
    ]);
    core.close();
  });

  it('a sync repairs edited rows and drops stray elements, but keeps any element a tag uses', async () => {
    const ctx = memoryCore();
    syncBuiltinFrameworks(ctx);
    const add = ctx.db.prepare(`INSERT INTO framework_elements (framework_id, element_id, position, title) VALUES ('psel-2015', ?, 99, ?)`);
    add.run('retired-unused', 'Retired, unused');
    add.run('retired-used', 'Retired, used');
    ctx.db.prepare(`UPDATE framework_elements SET title = 'Edited' WHERE framework_id = 'psel-2015' AND element_id = 'school-improvement'`).run();
    ctx.db.prepare(`UPDATE frameworks SET document = '{}' WHERE id = 'psel-2015'`).run();
    await taggedNote(ctx, [{ frameworkId: 'psel-2015', elementId: 'retired-used' }]);

    syncBuiltinFrameworks(ctx);
    const psel = (await ok(ctx, 'listFrameworks')).find((f) => f.id === 'psel-2015')!;
    expect(psel.elements.map((e) => e.id)).toEqual([...BUILTIN_FRAMEWORKS[0].elements.map((e) => e.id), 'retired-used']);
    expect(psel.elements.find((e) => e.id === 'school-improvement')?.title).toBe('School Improvement');
  });
});

describe('importing a district framework', () => {
  let ctx: CoreContext;
  beforeEach(() => {
    ctx = memoryCore();
    syncBuiltinFrameworks(ctx);
  });

  it('imports a valid file as an active framework listed after the shipped ones', async () => {
    const r = await dispatch(ctx, 'importFramework', { json: json(DISTRICT) });
    expect(r).toMatchObject({ ok: true, changed: ['frameworks'] });
    const list = await ok(ctx, 'listFrameworks');
    expect(list.at(-1)).toMatchObject({ id: 'lakeside-leadership', builtin: false, active: true, source: 'Lakeside USD', version: '2026' });
    expect(list.at(-1)?.elements.map((e) => e.title)).toEqual(['Instructional vision', 'Leading the ILT', 'Family voice']);
    // Its elements can be used for tags at once.
    await taggedNote(ctx, [{ frameworkId: 'lakeside-leadership', elementId: 'ilt-leadership' }]);
  });

  it('refuses an invalid file, listing every problem, and writes nothing', async () => {
    const rows = frameworkRows(ctx);
    const bad = { ...DISTRICT, name: undefined, elements: [DISTRICT.elements[0], { id: 'Bad Id', title: 'x', description: 'y' }, { ...DISTRICT.elements[0] }] };
    const r = await dispatch(ctx, 'importFramework', { json: json(bad) });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_framework', field: 'json' } });
    const message = r.ok ? '' : r.error.message;
    expect(message).toContain('name: required');
    expect(message).toContain('elements[1].id: use lower-case letters');
    expect(message).toContain('elements[2].id: "instructional-vision" is used by another element');
    expect(frameworkRows(ctx)).toEqual(rows);

    const notJson = await dispatch(ctx, 'importFramework', { json: '{ "id": "x", ' });
    expect(notJson).toMatchObject({ ok: false, error: { code: 'invalid_framework', field: 'json' } });
    expect(notJson.ok ? '' : notJson.error.message).toContain('not valid JSON');
    expect(await dispatch(ctx, 'importFramework', { json: '' })).toMatchObject({ ok: false, error: { field: 'json' } });
    expect(frameworkRows(ctx)).toEqual(rows);
  });

  it('lists the problems of a file the same way before it is sent', () => {
    const check = checkFrameworkJson(json({ id: 'ok-id', name: 'N', source: 'S', version: 1, elements: [{ id: 'a', title: 'A' }] }));
    expect(check).toEqual({ ok: false, problems: ['elements[0].description: required'] });
  });

  it('refuses an id that belongs to a shipped framework', async () => {
    const rows = frameworkRows(ctx);
    const r = await dispatch(ctx, 'importFramework', { json: json({ ...DISTRICT, id: 'psel-2015', name: 'Our PSEL' }) });
    expect(r).toMatchObject({ ok: false, error: { code: 'framework_id_taken', field: 'json' } });
    expect(r.ok ? '' : r.error.message).toContain('comes with Fieldbook');
    expect(frameworkRows(ctx)).toEqual(rows);
    expect((await ok(ctx, 'listFrameworks')).find((f) => f.id === 'psel-2015')?.name).toBe('PSEL 2015');
  });

  it('re-importing the same id updates it, but refuses to drop an element a tag uses', async () => {
    await ok(ctx, 'importFramework', { json: json(DISTRICT) });
    await ok(ctx, 'setFrameworkActive', { frameworkId: DISTRICT.id, active: false });
    await taggedNote(ctx, [{ frameworkId: DISTRICT.id, elementId: 'ilt-leadership' }]);

    // Drops the unused 'family-voice', renames one, adds one: fine, and the choice to switch it off stays.
    const v2 = { ...DISTRICT, version: '2027', elements: [{ ...DISTRICT.elements[0], title: 'Vision for teaching' }, DISTRICT.elements[1], { id: 'equity', title: 'Equity', description: 'Fair access for every student.' }] };
    const updated = await ok(ctx, 'importFramework', { json: json(v2) });
    expect(updated).toMatchObject({ version: '2027', active: false });
    expect(updated.elements.map((e) => e.title)).toEqual(['Vision for teaching', 'Leading the ILT', 'Equity']);

    // Leaving out the tagged 'ilt-leadership': refused, with the element named, nothing changed.
    const rows = frameworkRows(ctx);
    const v3 = { ...v2, version: '2028', elements: [v2.elements[0], v2.elements[2]] };
    const r = await dispatch(ctx, 'importFramework', { json: json(v3) });
    expect(r).toMatchObject({ ok: false, error: { code: 'framework_element_in_use', field: 'json' } });
    expect(r.ok ? '' : r.error.message).toContain('"ilt-leadership" (Leading the ILT, used by 1 tag)');
    expect(frameworkRows(ctx)).toEqual(rows);
    expect((await ok(ctx, 'listFrameworks')).find((f) => f.id === DISTRICT.id)?.version).toBe('2027');
  });
});

describe('choosing frameworks for tagging', () => {
  it('switches a framework off and on, and says so for an unknown one', async () => {
    const ctx = memoryCore();
    syncBuiltinFrameworks(ctx);
    const off = await dispatch(ctx, 'setFrameworkActive', { frameworkId: 'wallace-pipeline', active: false });
    expect(off).toMatchObject({ ok: true, value: { id: 'wallace-pipeline', active: false }, changed: ['frameworks'] });
    expect((await ok(ctx, 'listFrameworks')).filter((f) => !f.active).map((f) => f.id)).toEqual(['wallace-pipeline']);
    await ok(ctx, 'setFrameworkActive', { frameworkId: 'wallace-pipeline', active: true });
    expect((await ok(ctx, 'listFrameworks')).every((f) => f.active)).toBe(true);
    expect(await dispatch(ctx, 'setFrameworkActive', { frameworkId: 'nope', active: true })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'frameworkId' } });
  });
});
