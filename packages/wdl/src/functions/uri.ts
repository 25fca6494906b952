// URI parsing functions: uriHost, uriPath, uriPathAndQuery, uriPort, uriQuery, uriScheme.
// They read absolute URIs as .NET's Uri does: the path is '/' when empty, the port is the
// scheme's default when not written, the query keeps its '?'.
import { argumentError, stringArg } from './args.js';
import type { FunctionContext, WdlFunction } from './registry.js';

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ftp: 21, ws: 80, wss: 443, gopher: 70, ldap: 389, nntp: 119, news: 119 };

function parseUri(args: unknown[], ctx: FunctionContext): URL {
  const text = stringArg(args, 0, ctx);
  try {
    return new URL(text.trim());
  } catch {
    throw argumentError(ctx, 0, `is not an absolute URI: '${text.length > 80 ? `${text.slice(0, 77)}...` : text}'. Write it with a scheme, as in https://host/path.`);
  }
}

function uriFunction(name: string, read: (url: URL) => string | number): WdlFunction {
  return { name, category: 'uri', minArgs: 1, maxArgs: 1, call: (args, ctx) => read(parseUri(args, ctx)) };
}

const scheme = (url: URL): string => url.protocol.replace(/:$/, '');
const path = (url: URL): string => url.pathname || '/';

export const uriFunctions: WdlFunction[] = [
  uriFunction('uriHost', (url) => url.hostname),
  uriFunction('uriPath', path),
  uriFunction('uriPathAndQuery', (url) => `${path(url)}${url.search}`),
  uriFunction('uriPort', (url) => (url.port ? Number(url.port) : (DEFAULT_PORTS[scheme(url)] ?? -1))),
  uriFunction('uriQuery', (url) => url.search),
  uriFunction('uriScheme', scheme),
];
