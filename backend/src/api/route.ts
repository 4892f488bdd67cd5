// What a feature contributes to the API: REST routes (thin adapters over its operations) and a slice of
// the GraphQL schema. The server owns everything shared: body parsing and limits, authentication, rate
// limits, validation errors, metrics and the OpenAPI document (built from these same declarations).
import type { IncomingHttpHeaders } from 'node:http';
import type { GraphQLScalarType } from 'graphql';
import type { Pool } from 'pg';
import type { z } from 'zod';
import type { Logger } from '../service/logger.ts';

/** What an API key may be allowed to do. Sessions (a signed-in wallet) may do everything. */
export const API_KEY_SCOPES = ['agents:read', 'agents:write', 'agents:execute', 'analytics:read', 'kyc:write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Who is calling: a wallet signed in with SIWE (session) or a developer's API key. */
export type Principal = {
  kind: 'session' | 'api_key';
  userId: string;
  /** Lower-case 0x address of the user's wallet. */
  wallet: `0x${string}`;
  /** The session's or API key's id. */
  credentialId: string;
  /** For API keys, the granted scopes; sessions hold every scope. */
  scopes: readonly ApiKeyScope[];
};

/** What every handler (REST or GraphQL) gets about the request. */
export type RequestInfo = {
  db: Pool;
  logger: Logger;
  principal: Principal | null;
  /** The client's address as the socket reports it (no proxy headers are trusted). */
  ip: string;
  headers: IncomingHttpHeaders;
};

export type RestRequest<Body = unknown> = RequestInfo & {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body after `route.body` validation (undefined for routes without a JSON body). */
  body: Body;
  /** The exact bytes received, for routes that verify a signature over them (webhooks). */
  rawBody: Buffer | null;
};

/** A handler's non-JSON (or non-200) answer. A plain value is sent as JSON with status 200. */
export class RestResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export type RestRoute<Body = unknown> = {
  method: 'GET' | 'POST' | 'DELETE';
  /** Express-style path, e.g. `/api/agents/:id`; it is also the route's name in metrics and rate limits. */
  path: string;
  /** One line for the OpenAPI document. */
  summary: string;
  tag: string;
  /** `public` (anyone), `optional` (principal when given) or `user` (401 without a principal). */
  auth: 'public' | 'optional' | 'user';
  /** The API-key scope the route needs (sessions pass). */
  scope?: ApiKeyScope;
  /** A zod schema for the JSON body; the server answers 400 INVALID_ARGUMENT when it does not match. */
  body?: z.ZodType<Body>;
  /** Keep the raw body bytes (for HMAC-signed webhooks). */
  rawBody?: boolean;
  /** Largest accepted body in bytes (default 64 KiB). */
  maxBodyBytes?: number;
  /** Documented responses besides 200 (status → description), for the OpenAPI document. */
  responses?: Record<number, string>;
  handle: (request: RestRequest<Body>) => Promise<unknown>;
};

/** The GraphQL context: the same request information REST handlers get. */
export type ApiContext = RequestInfo;

export type ApiModule = {
  name: string;
  routes?: RestRoute<any>[];
  /** SDL for this feature; `extend type Query` / `extend type Mutation` add fields to the root types. */
  typeDefs?: string;
  /** Resolvers by type name (`Query`, `Mutation`, object types) or a scalar. */
  resolvers?: Record<string, GraphQLScalarType | Record<string, unknown>>;
};

/** Declares a route with its body type inferred from the schema. */
export function route<Body = undefined>(definition: RestRoute<Body>): RestRoute<Body> {
  return definition;
}
