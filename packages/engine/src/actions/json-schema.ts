// JSON Schema checks for ParseJson and Request triggers with schema validation. Schemas
// are compiled once and cached by their text. Designers write draft-04-style schemas
// with extra members; unknown keywords and formats are ignored rather than rejected.
import { Ajv, type ValidateFunction } from 'ajv';

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, validateSchema: false });
const cache = new Map<string, ValidateFunction | string>();

/** Problems as "/path: message" lines; an unusable schema is one problem. */
export function validateJsonSchema(schema: unknown, value: unknown): string[] {
  if (schema === null || typeof schema !== 'object') return [];
  const key = JSON.stringify(schema);
  let validate: ValidateFunction | string | undefined = cache.get(key);
  if (validate === undefined) {
    try {
      const copy = JSON.parse(key) as Record<string, unknown>;
      delete copy.$schema;
      delete copy.id;
      validate = ajv.compile(copy);
    } catch (error) {
      validate = `the schema cannot be used: ${(error as Error).message}`;
    }
    if (cache.size > 1000) cache.clear();
    cache.set(key, validate);
  }
  if (typeof validate === 'string') return [validate];
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}
