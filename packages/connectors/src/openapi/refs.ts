// Local $ref resolution ("#/definitions/X", "#/components/schemas/X"), with cycles cut.
import { isObject, type Json } from './problems.js';

export class RefResolver {
  constructor(
    private readonly document: Json,
    private readonly warn: (path: string, message: string) => void,
  ) {}

  /** Follows $ref chains; returns {} (and warns) for refs that cannot be followed. */
  resolve(value: unknown, at: string): Json {
    let current = value;
    const seen = new Set<string>();
    while (isObject(current) && typeof current.$ref === 'string') {
      const ref = current.$ref;
      if (seen.has(ref)) {
        this.warn(at, `$ref ${ref} refers to itself.`);
        return {};
      }
      seen.add(ref);
      if (!ref.startsWith('#/')) {
        this.warn(at, `$ref ${ref} points outside the document; Brook imports single documents.`);
        return {};
      }
      current = ref
        .slice(2)
        .split('/')
        .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<unknown>((node, segment) => (isObject(node) ? node[segment] : undefined), this.document);
      if (current === undefined) {
        this.warn(at, `$ref ${ref} points at nothing.`);
        return {};
      }
    }
    return isObject(current) ? current : {};
  }
}
