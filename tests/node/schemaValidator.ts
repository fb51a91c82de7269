import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The published JSON Schemas (docs/schemas) read by an independent validator, ajv: what another
 * district's software would check a Fieldbook package with. Returns a function giving the
 * problems with a value against a schema file (none: valid).
 */
export function schemaValidator(): (file: string, value: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  return (file, value) => {
    if (!compiled.has(file)) compiled.set(file, ajv.compile(JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/schemas', file), 'utf8'))));
    const validate = compiled.get(file)!;
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${file}${e.instancePath} ${e.message}`);
  };
}
