import { z } from 'zod';
import { EXPORT_KINDS } from './common';
import { documentSchemaV1, documentSchemaV2, httpsBodySchema, manifestSchema, receiptSchema } from './document';

/**
 * The package format as JSON Schemas (draft 2020-12), generated from the zod schemas so the two
 * can never disagree: one per kind and version for fieldbook-export.json, and one each for the
 * manifest, the HTTPS body and the district's receipt. `npm run district -- schemas` writes them
 * to docs/schemas/; a test checks the files there are what this makes.
 */
const BASE = 'https://fieldbook.invalid/schemas/';

const toSchema = (file: string, title: string, schema: z.ZodType): [string, object] => {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = json;
  return [file, { $schema, $id: `${BASE}${file}`, title, ...rest }];
};

export function exportFormatJsonSchemas(): Record<string, object> {
  return Object.fromEntries([
    toSchema('manifest.schema.json', 'fieldbook-manifest.json (schema versions 1 and 2)', manifestSchema),
    toSchema('https-body.schema.json', 'The body of an HTTPS target’s POST', httpsBodySchema),
    toSchema('receipt.schema.json', 'The district’s receipt', receiptSchema),
    ...EXPORT_KINDS.map((kind) => toSchema(`v2/${kind}.schema.json`, `fieldbook-export.json, schema version 2, kind ${kind}`, documentSchemaV2(kind))),
    ...EXPORT_KINDS.map((kind) => toSchema(`v1/${kind}.schema.json`, `fieldbook-export.json, schema version 1, kind ${kind}`, documentSchemaV1(kind))),
  ]);
}
