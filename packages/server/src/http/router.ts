// Every API route is declared through ApiRouter: its method, path, who may call it and
// the zod schemas of what it accepts. The same declarations validate requests, produce
// the OpenAPI document, and feed the authorization-matrix test (a route that is not in
// the catalog cannot exist).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Caller } from '../accounts/caller.js';
import { ApiError, unauthenticated, validationError } from './errors.js';

/**
 * Who may call a route:
 * - `anonymous`: nobody is identified (health, metrics, webhooks carrying their own signature);
 * - `public`: anyone; the caller is identified when they are signed in (auth state, login);
 * - `user`: any signed-in user (each handler then checks ownership);
 * - `admin`: administrators only.
 */
export type Access = 'anonymous' | 'public' | 'user' | 'admin';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends z.ZodType | undefined, A extends Access> {
  method: HttpMethod | HttpMethod[];
  /** Fastify syntax: /api/v1/flows/:id */
  url: string;
  access: A;
  summary: string;
  tag: string;
  body?: B;
  query?: Q;
  params?: P;
  /** For the OpenAPI document: the answer's shape and status. */
  response?: z.ZodType;
  status?: number;
  /** Route-level Fastify options (rate limits, body limits). */
  config?: Record<string, unknown>;
  bodyLimit?: number;
  /** Accept any content type as a raw Buffer (webhooks). */
  rawBody?: boolean;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<B, Q, P, A extends Access> {
  request: FastifyRequest;
  reply: FastifyReply;
  caller: A extends 'user' | 'admin' ? Caller : Caller | null;
  body: B;
  query: Q;
  params: P;
}

export type CatalogEntry = RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined, Access>;

export interface Authenticator {
  /**
   * The signed-in caller, or null. Throws 401 for a bad token; when `required`, also 401
   * for an ended session and 403 for a change without the session's CSRF token.
   */
  identify(request: FastifyRequest, required: boolean): Promise<Caller | null>;
}

function parse<S extends z.ZodType | undefined>(schema: S, value: unknown, place: 'body' | 'query' | 'params'): Parsed<S> {
  if (!schema) return undefined as Parsed<S>;
  const result = schema.safeParse(place === 'body' && value === undefined ? {} : value);
  if (!result.success) throw validationError(result.error, place);
  return result.data as Parsed<S>;
}

export class ApiRouter {
  readonly catalog: CatalogEntry[] = [];

  constructor(
    private readonly app: FastifyInstance,
    private readonly authenticator: Authenticator,
  ) {}

  add<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined, A extends Access = Access>(
    spec: RouteSpec<B, Q, P, A>,
    handler: (input: RouteInput<Parsed<B>, Parsed<Q>, Parsed<P>, A>) => Promise<unknown>,
  ): void {
    this.catalog.push(spec);
    const { authenticator } = this;
    const access: Access = spec.access;
    const run = async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
      let caller: Caller | null = null;
      if (access !== 'anonymous') {
        caller = await authenticator.identify(request, access !== 'public');
        if (access !== 'public' && !caller) throw unauthenticated();
        if (access === 'admin' && caller?.user.role !== 'admin') throw new ApiError(404, 'NotFound', 'There is no such page for your account.');
      }
      const input: RouteInput<Parsed<B>, Parsed<Q>, Parsed<P>, A> = {
        request,
        reply,
        caller: caller as RouteInput<Parsed<B>, Parsed<Q>, Parsed<P>, A>['caller'],
        params: parse(spec.params, request.params, 'params') as Parsed<P>,
        query: parse(spec.query, request.query, 'query') as Parsed<Q>,
        body: parse(spec.body, request.body, 'body') as Parsed<B>,
      };
      const result = await handler(input);
      if (reply.sent) return reply;
      if (result === undefined) return reply.status(204).send();
      return reply.status(spec.status ?? 200).send(result);
    };
    const register = (instance: FastifyInstance): void => {
      instance.route({
        method: spec.method,
        url: spec.url,
        handler: run,
        ...(spec.config ? { config: spec.config } : {}),
        ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
      });
    };
    if (spec.rawBody) {
      // A plugin scope of its own, so only this route reads every content type as bytes.
      void this.app.register(async (scoped) => {
        scoped.removeAllContentTypeParsers();
        scoped.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
        register(scoped);
      });
    } else {
      register(this.app);
    }
  }
}

/** Turns `/api/v1/flows/:id` into `/api/v1/flows/{id}` (OpenAPI path syntax). */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\*$/, '{path}');
}
