import { z } from 'zod';

/**
 * The shape of a leadership framework file: the ones Fieldbook ships in resources/frameworks/
 * and the ones a district imports. Element ids are what tags point at, so they never change.
 */

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ELEMENT_DESCRIPTION_MAX = 300;
export const FRAMEWORK_FILE_MAX_CHARS = 1_000_000;

/** Text a person writes in the file: "required" when missing, a plain message otherwise. */
const text = (max: number, what = 'text') =>
  z
    .string({ error: (iss) => (iss.input === undefined ? 'required' : `must be ${what} in quotes`) })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `keep it under ${max} characters`);

const kebabId = z
  .string({ error: (iss) => (iss.input === undefined ? 'required' : 'must be text in quotes') })
  .max(80, 'keep it under 80 characters')
  .regex(KEBAB, 'use lower-case letters, digits and single hyphens, like "instructional-leadership"');

export const frameworkElementSchema = z.object(
  { id: kebabId, title: text(200), description: text(ELEMENT_DESCRIPTION_MAX) },
  { error: 'must be an element: { "id": ..., "title": ..., "description": ... }' },
);

const duplicateIdMessage = (id: string) => `"${id}" is used by another element; each element needs its own id`;

/** Element ids used twice, found on the raw data so they are listed even when other things are wrong too. */
function duplicateElementIds(data: unknown): string[] {
  const elements = (data as { elements?: unknown } | null)?.elements;
  if (!Array.isArray(elements)) return [];
  const seen = new Set<string>();
  const problems: string[] = [];
  elements.forEach((e, i) => {
    const id = (e as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    if (seen.has(id)) problems.push(`elements[${i}].id: ${duplicateIdMessage(id)}`);
    seen.add(id);
  });
  return problems;
}

export const frameworkFileSchema = z
  .object({
    id: kebabId,
    name: text(200),
    source: text(500),
    // A year such as 2015 is often written as a number: accept it and keep it as text.
    version: z.union([text(50), z.number().transform(String)], { error: (iss) => (iss.input === undefined ? 'required' : 'must be text, like "2015"') }),
    description: text(2000).optional(),
    elements: z
      .array(frameworkElementSchema, { error: (iss) => (iss.input === undefined ? 'required' : 'must be a list: [ { "id": ..., "title": ..., "description": ... } ]') })
      .min(1, 'list at least one element')
      .max(500, 'keep it to 500 elements or fewer'),
  }, { error: 'The file must hold one framework: { "id": ..., "name": ..., "elements": [...] }' })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.elements.forEach((e, i) => {
      if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: ['elements', i, 'id'], message: duplicateIdMessage(e.id) });
      seen.add(e.id);
    });
  });

export type FrameworkFile = z.output<typeof frameworkFileSchema>;
export type FrameworkElement = FrameworkFile['elements'][number];

/** `elements[3].id` for ['elements', 3, 'id']: how a person finds the spot in their file. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

export type FrameworkCheck = { ok: true; framework: FrameworkFile } | { ok: false; problems: string[] };

/**
 * Read a framework file's text and say everything that is wrong with it, one problem a line,
 * e.g. `elements[3].id: use lower-case letters ...`. Used by the core before importing, and by
 * Settings to list the problems before sending anything.
 */
export function checkFrameworkJson(json: string): FrameworkCheck {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    return { ok: false, problems: [`The file is not valid JSON (${err instanceof Error ? err.message : String(err)})`] };
  }
  const parsed = frameworkFileSchema.safeParse(data);
  if (parsed.success) return { ok: true, framework: parsed.data };
  const problems = parsed.error.issues.map((i) => (i.path.length ? `${issuePath(i.path)}: ${i.message}` : i.message));
  return { ok: false, problems: [...new Set([...problems, ...duplicateElementIds(data)])] };
}
