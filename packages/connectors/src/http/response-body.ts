// Response bodies as flows see them (the Logic Apps convention): JSON parsed, text as a
// string, anything else as { "$content-type", "$content" } with base64 content.
export function decodeResponseBody(headers: Record<string, string>, body: Buffer): unknown {
  if (body.length === 0) return null;
  const contentType = (headers['content-type'] ?? '').toLowerCase();
  if (/\bjson\b|\+json/.test(contentType)) {
    const text = body.toString('utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if (contentType === '' || contentType.startsWith('text/') || /xml|javascript|x-www-form-urlencoded/.test(contentType)) {
    return body.toString('utf8');
  }
  return { '$content-type': headers['content-type'], $content: body.toString('base64') };
}

/** A short, printable description of a body for error messages (first 500 characters). */
export function bodyExcerpt(body: unknown): string {
  if (body === null || body === undefined) return '';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
