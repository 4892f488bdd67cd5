// The CR8 API over HTTP: GraphQL at /graphql (graphql-yoga with envelop plugins), the REST routes the
// feature modules declare, the OpenAPI document built from those declarations, and /health, /ready,
// /metrics. Every refusal is JSON `{ error: { code, message, details? } }` with a 4xx status; anything
// unexpected is logged and answered 500 INTERNAL without details.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { type GraphQLError } from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import type { Pool } from 'pg';
import { Counter, Histogram } from 'prom-client';
import type { Service } from '../service/service.ts';
import { ApiError } from './api-error.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { parseInput } from './parse-input.ts';
import { readBody } from './read-body.ts';
import { type ApiContext, type ApiModule, type Principal, type RestRoute, RestResponse } from './route.ts';

export type ApiServer = { server: Server; url: string; close: () => Promise<void> };

/** Who is calling, from the request's credentials; throws UNAUTHENTICATED for a bad one, null when none. */
export type Authenticate = (request: { headers: IncomingMessage['headers']; ip: string }) => Promise<Principal | null>;
/** Throws RATE_LIMITED (with Retry-After) when the caller is over a limit for `route`. */
export type RateLimit = (request: { route: string; principal: Principal | null; ip: string }) => Promise<void>;

export type ApiServerParameters = {
  db: Pool;
  service: Service;
  host: string;
  port: number;
  modules: ApiModule[];
  authenticate?: Authenticate;
  rateLimit?: RateLimit;
  /** The largest GraphQL request body, in bytes (default 64 KiB). */
  maxGraphqlBodyBytes?: number;
  /** GraphQL limits (graphql-armor): depth, cost, aliases, tokens. */
  graphqlLimits?: { maxDepth: number; maxCost: number; maxAliases: number; maxTokens: number };
};

// Depth counts introspection too (nested ofType is the classic amplification): 25 admits the standard
// introspection query that GraphiQL and codegen send (21 levels with graphql 16) and nothing much deeper.
export const DEFAULT_GRAPHQL_LIMITS = { maxDepth: 25, maxCost: 5_000, maxAliases: 15, maxTokens: 2_000 };
const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

type CompiledRoute = { route: RestRoute<any>; pattern: RegExp; paramNames: string[] };

export async function startApiServer(parameters: ApiServerParameters): Promise<ApiServer> {
  const { db, service, modules } = parameters;
  const authenticate: Authenticate = parameters.authenticate ?? (async () => null);
  const rateLimit: RateLimit = parameters.rateLimit ?? (async () => {});
  const limits = parameters.graphqlLimits ?? DEFAULT_GRAPHQL_LIMITS;
  const maxGraphqlBodyBytes = parameters.maxGraphqlBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // graphql-armor's refusals get the API's code and a 400 (yoga would answer a validation error with 200).
  const markTooComplex = [(_context: unknown, error: GraphQLError) => void Object.assign(error.extensions, { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } })];

  const yoga = createYoga<{ principal: Principal | null; ip: string }, ApiContext>({
    schema: createSchema<ApiContext>({
      typeDefs: modules.flatMap((module) => (module.typeDefs ? [module.typeDefs] : [])),
      resolvers: modules.flatMap((module) => (module.resolvers ? [module.resolvers as never] : [])),
    }),
    graphqlEndpoint: '/graphql',
    // The body limit is the server's own (checkGraphqlBodySize). Yoga's allows 25 MB and streams every body
    // through a TransformStream, which cost more than the rest of a list query's parsing.
    maxRequestBodySize: false,
    context: ({ principal, ip, request }) => ({ db, logger: service.logger, principal, ip, headers: Object.fromEntries(request.headers) }),
    // Errors that are not ApiErrors (or GraphQL's own validation errors) lose their message and are logged.
    maskedErrors: {
      maskError: (error) => {
        const original = (error as { originalError?: unknown }).originalError;
        if (original instanceof ApiError) return original;
        if (original === undefined || original === null) return error as Error;
        service.logger.error({ err: original }, 'graphql resolver failed');
        return new ApiError(500, 'INTERNAL', 'internal error');
      },
    },
    plugins: [
      // Rejects abusive queries before execution: too deep, too costly, too many aliases or tokens.
      EnvelopArmorPlugin({
        maxDepth: { n: limits.maxDepth, ignoreIntrospection: false, onReject: markTooComplex },
        costLimit: { maxCost: limits.maxCost, onReject: markTooComplex },
        maxAliases: { n: limits.maxAliases, onReject: markTooComplex },
        maxTokens: { n: limits.maxTokens, onReject: markTooComplex },
        maxDirectives: { n: 20, onReject: markTooComplex },
        blockFieldSuggestion: { enabled: true },
      }),
      // Compiles each distinct query once into a JavaScript function (graphql-jit): execution is the
      // API's main CPU cost after the database, and this halves it. Parsing and validation are cached by yoga.
      useGraphQlJit(),
    ],
    logging: false,
    landingPage: false,
  });

  const routes: CompiledRoute[] = modules.flatMap((module) => (module.routes ?? []).map(compileRoute));
  const openApi = JSON.stringify(buildOpenApiDocument(routes.map(({ route }) => route)));

  const requests = new Counter({ name: 'cr8_api_requests_total', help: 'HTTP requests by route and status', labelNames: ['route', 'status'], registers: [service.metrics] });
  const latency = new Histogram({
    name: 'cr8_api_request_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [service.metrics],
  });

  /** Serves one request; `matched.route` names the route for metrics as soon as it is known. */
  async function handle(request: IncomingMessage, response: ServerResponse, matched: { route: string }): Promise<void> {
    const url = requestTarget(request.url ?? '/');
    const ip = request.socket.remoteAddress ?? 'unknown';
    if (url.pathname === '/health') return send(response, 200, { status: 'ok' });
    if (url.pathname === '/ready') {
      matched.route = '/ready';
      const readiness = await service.readiness();
      return send(response, readiness.ready ? 200 : 503, readiness);
    }
    if (url.pathname === '/metrics') {
      matched.route = '/metrics';
      response.writeHead(200, { 'content-type': service.metrics.contentType });
      response.end(await service.metrics.metrics());
      return;
    }
    if (url.pathname === '/openapi.json') {
      matched.route = '/openapi.json';
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end(openApi);
      return;
    }
    if (url.pathname === '/graphql') {
      matched.route = '/graphql';
      checkGraphqlBodySize(request, maxGraphqlBodyBytes);
      const principal = await authenticate({ headers: request.headers, ip });
      await rateLimit({ route: '/graphql', principal, ip });
      await yoga(request, response, { principal, ip });
      return;
    }

    let allowed: string[] = [];
    for (const { route, pattern, paramNames } of routes) {
      const match = url.pathname.match(pattern);
      if (!match) continue;
      if (request.method !== route.method) {
        allowed.push(route.method);
        continue;
      }
      matched.route = route.path;
      const params: Record<string, string> = {};
      paramNames.forEach((name, index) => {
        try {
          params[name] = decodeURIComponent(match[index + 1]!);
        } catch {
          throw new ApiError(400, 'INVALID_ARGUMENT', `${name}: not a valid URL component`);
        }
      });
      const principal = await authenticate({ headers: request.headers, ip });
      await rateLimit({ route: route.path, principal, ip });
      if (route.auth === 'user' && !principal) throw new ApiError(401, 'UNAUTHENTICATED', 'sign in with your wallet (SIWE) or send an API key as Authorization: Bearer <key>');
      if (route.scope && principal && !principal.scopes.includes(route.scope)) throw new ApiError(403, 'FORBIDDEN', `this API key lacks the ${route.scope} scope`);

      let body: unknown;
      let rawBody: Buffer | null = null;
      if (route.body || route.rawBody) {
        rawBody = await readBody(request, route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
        if (route.body) body = parseJsonBody(request, rawBody, route);
      }
      const result = await route.handle({ db, logger: service.logger, principal, ip, headers: request.headers, params, query: url.searchParams, body, rawBody: route.rawBody ? rawBody : null });
      if (result instanceof RestResponse) return send(response, result.status, result.body, result.headers);
      return send(response, 200, result);
    }
    allowed = [...new Set(allowed)];
    if (allowed.length) throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${url.pathname}`, undefined, { allow: allowed.join(', ') });
    throw new ApiError(404, 'NOT_FOUND', `no route ${url.pathname}`);
  }

  const server = createServer((request, response) => {
    const started = process.hrtime.bigint();
    const matched = { route: 'unmatched' };
    handle(request, response, matched)
      .catch((error: unknown) => {
        if (error instanceof ApiError) {
          const body = { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
          // An early refusal (413, 401...) leaves the body unread: close rather than read a large upload.
          const headers = request.complete ? error.headers : { ...error.headers, connection: 'close' };
          if (!response.headersSent) send(response, error.status, body, headers);
        } else {
          service.logger.error({ err: error, route: matched.route }, 'request failed');
          if (!response.headersSent) send(response, 500, { error: { code: 'INTERNAL', message: 'internal error' } });
        }
      })
      .finally(() => {
        requests.inc({ route: matched.route, status: String(response.statusCode) });
        latency.observe({ route: matched.route }, Number(process.hrtime.bigint() - started) / 1e9);
      });
  });
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(parameters.port, parameters.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : parameters.port;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  service.onShutdown('http', close);
  return { server, url: `http://${parameters.host.includes(':') ? `[${parameters.host}]` : parameters.host}:${port}`, close };
}

/** The path and query of a request target. The usual origin form (`/path?query`) is split by hand: a
 *  WHATWG URL per request was a measurable share of a list request's CPU. */
function requestTarget(target: string): { pathname: string; searchParams: URLSearchParams } {
  if (!target.startsWith('/')) return new URL(target, 'http://localhost'); // absolute form, from a proxy
  const question = target.indexOf('?');
  if (question === -1) return { pathname: target, searchParams: new URLSearchParams() };
  return { pathname: target.slice(0, question), searchParams: new URLSearchParams(target.slice(question + 1)) };
}

function compileRoute(route: RestRoute<any>): CompiledRoute {
  const paramNames: string[] = [];
  const source = route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([a-zA-Z]+)/g, (_whole, name: string) => {
    paramNames.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), paramNames };
}

/** A GraphQL POST must declare its length (every GraphQL client does), so the limit is checked before a
 *  byte is read; Node's parser then reads exactly that many. GET carries the query in the URL. */
function checkGraphqlBodySize(request: IncomingMessage, maxBytes: number): void {
  if (request.method !== 'POST') return;
  const declared = request.headers['content-length'];
  if (declared === undefined) {
    if (request.headers['transfer-encoding'] === undefined) return; // no body at all
    throw new ApiError(411, 'LENGTH_REQUIRED', 'send the GraphQL request with a Content-Length header (chunked bodies are not accepted)');
  }
  if (!/^\d{1,15}$/.test(declared)) throw new ApiError(400, 'BAD_REQUEST', 'the Content-Length header is not a byte count');
  if (Number(declared) > maxBytes) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `the body is larger than ${maxBytes} bytes`, { maxBytes });
}

function parseJsonBody(request: IncomingMessage, raw: Buffer, route: RestRoute<any>): unknown {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ApiError(400, 'BAD_REQUEST', 'the body is not valid JSON');
  }
  return parseInput(route.body!, value);
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (body instanceof Uint8Array) {
    response.writeHead(status, { 'content-type': 'application/octet-stream', 'x-content-type-options': 'nosniff', ...headers });
    response.end(body);
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers });
  response.end(JSON.stringify(body));
}
