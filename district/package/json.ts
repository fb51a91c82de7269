import { PackageRefused } from './refusal';

/** Keys that mean something to JavaScript objects; no Fieldbook document has them, and a package that does is refused. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A path in a document for messages: payload.goals[0].status. */
export function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

/**
 * Parse a package's JSON file: valid UTF-8, valid JSON, and no key named __proto__,
 * constructor or prototype anywhere in it (found without recursion, however deep).
 */
export function parsePackageJson(bytes: Buffer, file: string): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PackageRefused('bad_json', `${file} is not UTF-8 text`, file);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new PackageRefused('bad_json', `${file} is not valid JSON (${(err as Error).message})`, file);
  }
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length) {
    const { value: node, path } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      node.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
      continue;
    }
    for (const key of Object.keys(node)) {
      if (FORBIDDEN_KEYS.has(key)) {
        const where = pathText([...path, key]);
        throw new PackageRefused('forbidden_key', `${file} has a key named "${key}" (at ${where}): no Fieldbook document has one, so the package is refused`, `${file}: ${where}`);
      }
      stack.push({ value: (node as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return value;
}
