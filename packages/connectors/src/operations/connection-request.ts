// A call to make with a connection, before credentials and base URL are added: what
// ApiConnection actions give directly (method, path, queries, headers, body) and what
// OpenApiConnection actions give once their flattened parameters are mapped.
export type QueryValue = string | number | boolean | null | readonly (string | number | boolean)[];

export interface ConnectionRequest {
  method: string;
  /** Relative to the connection's base URL, e.g. "/v1/live" (an absolute URL must be under the base URL). */
  path: string;
  /** Arrays repeat the parameter; objects are sent as JSON text; null leaves it out. */
  query?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** A JSON value, text, or binary content as { "$content-type", "$content" (base64) }. */
  body?: unknown;
  /** Content type for the body (or of the form: multipart/form-data, application/x-www-form-urlencoded). */
  contentType?: string;
  /** Form fields, for formData operations. */
  form?: Record<string, unknown>;
}

/** An input of an operation is missing or does not fit. `path` names it as a definition does. */
export class OperationInputError extends Error {
  override readonly name = 'OperationInputError';
  constructor(
    readonly code: 'MissingRequiredProperty' | 'InvalidOperationInput',
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}
