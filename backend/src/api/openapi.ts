// The OpenAPI 3.1 document for the REST routes, built from the same declarations the server routes by
// (paths, auth, scopes, zod body schemas), so the document cannot drift from what the API accepts.
import { z } from 'zod';
import { API_ERROR_CODES } from './api-error.ts';
import type { RestRoute } from './route.ts';

export function buildOpenApiDocument(routes: RestRoute<any>[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([a-zA-Z]+)/g, '{$1}');
    const parameters = [...route.path.matchAll(/:([a-zA-Z]+)/g)].map((match) => ({ name: match[1], in: 'path', required: true, schema: { type: 'string' } }));
    const responses: Record<string, unknown> = { 200: { description: 'OK' } };
    for (const [status, description] of Object.entries(route.responses ?? {})) responses[status] = { description, content: errorContent };
    if (route.body) responses[400] ??= { description: 'Invalid body (BAD_REQUEST, INVALID_ARGUMENT)', content: errorContent };
    if (route.auth === 'user') responses[401] ??= { description: 'No valid session or API key (UNAUTHENTICATED)', content: errorContent };
    if (route.scope) responses[403] ??= { description: `API key lacks ${route.scope} (FORBIDDEN)`, content: errorContent };
    responses[429] = { description: 'Rate limited (RATE_LIMITED); see Retry-After', content: errorContent };
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      ...(parameters.length ? { parameters } : {}),
      ...(route.auth === 'public' ? { security: [] } : route.auth === 'optional' ? { security: [{}, { bearer: [] }] } : {}),
      ...(route.scope ? { 'x-required-scope': route.scope } : {}),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'CR8 API', version: '1.0.0', description: 'REST adapters over the CR8 services; GraphQL at /graphql covers the same operations.' },
    servers: [{ url: 'http://127.0.0.1:4000' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key (cr8_key_…) or a SIWE session token (cr8_session_…)' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string', enum: Object.keys(API_ERROR_CODES), description: describeCodes() }, message: { type: 'string' }, details: { type: 'object' } },
            },
          },
        },
      },
    },
    paths,
  };
}

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

function describeCodes(): string {
  return Object.entries(API_ERROR_CODES)
    .map(([code, meaning]) => `${code}: ${meaning}`)
    .join('\n');
}
