// The CR8 API over HTTP: GraphQL at /graphql (graphql-yoga), the REST routes as thin adapters over the
// same operations, and /health, /ready, /metrics. Errors are JSON `{ error: { code, message } }` with a
// 4xx status; anything unexpected is logged and answered 500 INTERNAL without details.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { createYoga } from 'graphql-yoga';
import type { Pool } from 'pg';
import { Counter, Histogram } from 'prom-client';
import { getAgent } from '../agents/get-agent.ts';
import { listAgents } from '../agents/list-agents.ts';
import type { Service } from '../service/service.ts';
import { ApiError } from './api-error.ts';
import { type ApiContext, graphqlSchema } from './graphql-schema.ts';

export type ApiServer = { server: Server; url: string; close: () => Promise<void> };

type Route = { name: string; method: string; pattern: RegExp; handle: (match: RegExpMatchArray, url: URL) => Promise<unknown> };

export async function startApiServer(parameters: { db: Pool; service: Service; host: string; port: number }): Promise<ApiServer> {
  const { db, service } = parameters;
  const yoga = createYoga<ApiContext>({
    schema: graphqlSchema(),
    graphqlEndpoint: '/graphql',
    context: () => ({ db }),
    // Errors that are not ApiErrors lose their message (masked) and are logged instead.
    maskedErrors: {
      maskError: (error) => {
        const original = (error as { originalError?: unknown }).originalError;
        if (original instanceof ApiError) return original;
        service.logger.error({ err: original ?? error }, 'graphql resolver failed');
        return new ApiError(500, 'INTERNAL', 'internal error');
      },
    },
    // Compiles each distinct query once into a JavaScript function (graphql-jit): execution is the
    // API's main CPU cost after the database, and this halves it. Parsing and validation are cached by yoga.
    plugins: [useGraphQlJit()],
    logging: false,
    landingPage: false,
  });

  const requests = new Counter({ name: 'cr8_api_requests_total', help: 'HTTP requests by route and status', labelNames: ['route', 'status'], registers: [service.metrics] });
  const latency = new Histogram({
    name: 'cr8_api_request_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [service.metrics],
  });

  const routes: Route[] = [
    { name: '/api/agents', method: 'GET', pattern: /^\/api\/agents$/, handle: (_m, url) => listAgents(db, restListInput(url)) },
    { name: '/api/agents/:id', method: 'GET', pattern: /^\/api\/agents\/([^/]+)$/, handle: (match) => getAgent(db, decodeURIComponent(match[1]!)) },
  ];

  /** Serves one request; `matched.route` names the route for metrics as soon as it is known. */
  async function handle(request: IncomingMessage, response: ServerResponse, matched: { route: string }): Promise<string> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/graphql') {
      await yoga(request, response);
      return '/graphql';
    }
    if (url.pathname === '/health') return send(response, 200, { status: 'ok' }), '/health';
    if (url.pathname === '/ready') {
      const readiness = await service.readiness();
      return send(response, readiness.ready ? 200 : 503, readiness), '/ready';
    }
    if (url.pathname === '/metrics') {
      response.writeHead(200, { 'content-type': service.metrics.contentType });
      response.end(await service.metrics.metrics());
      return '/metrics';
    }
    for (const route of routes) {
      const match = url.pathname.match(route.pattern);
      if (!match) continue;
      matched.route = route.name;
      if (request.method !== route.method) throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${url.pathname}`);
      send(response, 200, await route.handle(match, url));
      return route.name;
    }
    throw new ApiError(404, 'NOT_FOUND', `no route ${url.pathname}`);
  }

  const server = createServer((request, response) => {
    const started = process.hrtime.bigint();
    const matched = { route: 'unmatched' };
    handle(request, response, matched)
      .then((route) => {
        matched.route = route;
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError) send(response, error.status, { error: { code: error.code, message: error.message } });
        else {
          service.logger.error({ err: error, path: request.url }, 'request failed');
          if (!response.headersSent) send(response, 500, { error: { code: 'INTERNAL', message: 'internal error' } });
        }
      })
      .finally(() => {
        requests.inc({ route: matched.route, status: String(response.statusCode) });
        latency.observe({ route: matched.route }, Number(process.hrtime.bigint() - started) / 1e9);
      });
  });
  server.keepAliveTimeout = 65_000;
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

function restListInput(url: URL) {
  const input: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) {
    if (!['first', 'after', 'status', 'creator'].includes(key)) throw new ApiError(400, 'INVALID_ARGUMENT', `unknown query parameter ${key}`);
    input[key] = key === 'first' ? (/^\d{1,4}$/.test(value) ? Number(value) : value) : value;
  }
  return input;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
