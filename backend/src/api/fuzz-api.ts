// Property-based fuzzing of a running API: every REST route the OpenAPI document lists and every
// GraphQL root field introspection shows, hit with arbitrary paths, queries, headers, bodies and
// arguments (fast-check). The property: never a 5xx, every refusal carries a machine-readable code,
// and a refused request changes no row in any table (no partial writes).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type pg from 'pg';

/** How often each route answered each status class, to show the fuzzing got past the first checks. */
export type FuzzStats = Map<string, Record<string, number>>;

export type FuzzTarget = {
  url: string;
  db: pg.Pool;
  /** Valid-looking values to mix into ids (existing agent ids, user ids...), so fuzzing reaches deep code. */
  knownIds: string[];
  /** Authorization headers that authenticate (a session, an API key), mixed with garbage ones. */
  credentials: string[];
  /** Extra headers per request (e.g. the test authenticator's). */
  headers?: Record<string, string>;
};

type Operation = { method: string; path: string; hasBody: boolean };

/** Row counts of every table, to prove refused requests write nothing. */
async function tableCounts(db: pg.Pool): Promise<Record<string, number>> {
  const { rows } = await db.query<{ relname: string }>(`SELECT relname FROM pg_stat_user_tables WHERE schemaname = 'public' ORDER BY relname`);
  const counts: Record<string, number> = {};
  const sql = rows.map((row) => `SELECT '${row.relname}' AS name, count(*)::int AS n FROM "${row.relname}"`).join(' UNION ALL ');
  for (const row of (await db.query<{ name: string; n: number }>(sql)).rows) counts[row.name] = row.n;
  return counts;
}

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', '0', '-1', '1e400', 'NaN', 'null', 'undefined', '../..', '%00', '%E0%A4%A', '%', "' OR 1=1 --", '0x', `0x${'f'.repeat(40)}`, `0x${'g'.repeat(64)}`, '99999999999999999999999999999999999999999999999999999999999999999999999999999999', 'bafkqaaa', 'Qm', '00000000-0000-4000-8000-000000000000'),
  fc.integer().map(String),
  fc.uuid(),
);

/** Header values: what an HTTP client can send (Latin-1 without control characters). */
const headerText = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((code) => code !== 0x7f).map((code) => String.fromCharCode(code)), maxLength: 60 }),
  fc.constantFrom('', 'cr8_key_', 'cr8_session_', 'cr8_key_abcdefgh_' + 'A'.repeat(43), 'cr8_session_' + 'A'.repeat(43), 'Basic dXNlcjpwYXNz'),
);

function jsonBody(known: string[]) {
  const leaf = fc.oneof(nasty, fc.constantFrom(...known), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(fc.oneof(fc.constantFrom('input', 'name', 'description', 'message', 'signature', 'scopes', 'idempotencyKey', 'capabilities', 'pricing', 'executionConfig', 'secrets', 'agentId', 'outcome', 'sandboxOutcome', 'expiresAt', 'first', 'after', 'orchestrator', 'cumulativeAmount'), fc.string({ maxLength: 10 })), fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), leaf, { maxKeys: 3 })), { maxKeys: 6 }),
  );
}

export async function fuzzRest(target: FuzzTarget, runs: number, stats: FuzzStats = new Map()): Promise<number> {
  const document = (await (await fetch(`${target.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
  const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, hasBody: Boolean(operation.requestBody) })),
  );
  assert.ok(operations.length > 0, 'the OpenAPI document lists no routes');
  let requests = 0;
  const request = fc.record({
    operation: fc.constantFrom(...operations),
    param: fc.oneof(nasty, fc.constantFrom(...target.knownIds)),
    query: fc.array(fc.tuple(fc.oneof(fc.constantFrom('first', 'after', 'status', 'creator', 'orderBy', 'from', 'to', 'bucket', 'orchestrator', 'cumulativeAmount'), fc.string({ maxLength: 6 })), nasty), { maxLength: 3 }),
    // Mostly a valid credential (to get past authentication into the handlers), sometimes none or garbage.
    authorization: fc.oneof(
      { arbitrary: fc.constantFrom(...(target.credentials.length ? target.credentials : ['Bearer none'])), weight: 6 },
      { arbitrary: fc.constant(undefined), weight: 2 },
      { arbitrary: fc.oneof(headerText.map((value) => `Bearer ${value}`), headerText), weight: 1 },
    ),
    body: fc.oneof(jsonBody(target.knownIds).map((value) => JSON.stringify(value)), fc.string({ maxLength: 50 }), fc.constant('{"unterminated":')),
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded'),
    wrongMethod: fc.boolean().map((value) => value && Math.random() < 0.1),
  });
  await fc.assert(
    fc.asyncProperty(request, async (input) => {
      const path = input.operation.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(input.param));
      // Signing out with the fuzzer's own credentials would end every later request's authentication.
      if (input.operation.path.endsWith('/logout') && target.credentials.includes(input.authorization ?? '')) input.authorization = undefined;
      const query = new URLSearchParams(input.query).toString();
      const method = input.wrongMethod ? (input.operation.method === 'GET' ? 'POST' : 'GET') : input.operation.method;
      const before = await tableCounts(target.db);
      const response = await fetch(`${target.url}${path}${query ? `?${query}` : ''}`, {
        method,
        headers: {
          ...(target.headers ?? {}),
          ...(input.authorization !== undefined ? { authorization: input.authorization } : {}),
          ...(method !== 'GET' ? { 'content-type': input.contentType } : {}),
        },
        ...(method !== 'GET' ? { body: input.body } : {}),
      });
      requests++;
      const counts = stats.get(`${input.operation.method} ${input.operation.path}`) ?? {};
      counts[response.status] = (counts[response.status] ?? 0) + 1;
      stats.set(`${input.operation.method} ${input.operation.path}`, counts);
      const text = await response.text();
      assert.ok(response.status < 500, `${method} ${path}?${query} → ${response.status}: ${text.slice(0, 300)}`);
      if (response.status >= 400) {
        const body = JSON.parse(text) as { error?: { code?: unknown } };
        assert.match(String(body.error?.code), /^[A-Z_]+$/, `${method} ${path} → ${response.status} without a code: ${text.slice(0, 200)}`);
        assert.deepEqual(await tableCounts(target.db), before, `${method} ${path} was refused (${response.status}) but changed rows`);
      }
    }),
    { numRuns: runs },
  );
  return requests;
}

type IntrospectedField = { name: string; args: Array<{ name: string; type: TypeRef }>; type: TypeRef };
type TypeRef = { kind: string; name: string | null; ofType: TypeRef | null };

function namedType(type: TypeRef): TypeRef {
  return type.ofType ? namedType(type.ofType) : type;
}

export async function fuzzGraphql(target: FuzzTarget, runs: number): Promise<number> {
  const introspection = await graphql(target, `{ __schema { queryType { fields { name args { name type { ...T } } type { ...T } } } mutationType { fields { name args { name type { ...T } } type { ...T } } } types { name kind fields { name type { ...T } } } } }
    fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`);
  const schema = (introspection.body as { data: { __schema: any } }).data.__schema;
  const objectFields = new Map<string, Array<{ name: string; type: TypeRef }>>(schema.types.filter((type: any) => type.kind === 'OBJECT' && type.fields).map((type: any) => [type.name, type.fields]));
  const roots: Array<{ operation: 'query' | 'mutation'; field: IntrospectedField }> = [
    ...schema.queryType.fields.map((field: IntrospectedField) => ({ operation: 'query' as const, field })),
    ...(schema.mutationType?.fields ?? []).map((field: IntrospectedField) => ({ operation: 'mutation' as const, field })),
  ];

  /** A selection set reaching every scalar field, two levels deep (deeper objects are skipped). */
  function selection(type: TypeRef, depth: number): string {
    const named = namedType(type);
    if (named.kind !== 'OBJECT') return '';
    const fields = objectFields.get(named.name!) ?? [];
    const parts = fields.flatMap((field) => {
      const inner = namedType(field.type);
      if (inner.kind !== 'OBJECT') return [field.name];
      if (depth >= 3) return [];
      const nested = selection(field.type, depth + 1);
      return nested ? [`${field.name} ${nested}`] : [];
    });
    return parts.length ? `{ ${parts.join(' ')} }` : '{ __typename }';
  }

  const value = fc.oneof(nasty, fc.constantFrom(...target.knownIds), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), jsonBody(target.knownIds));
  let requests = 0;
  const request = fc.record({
    root: fc.constantFrom(...roots),
    variables: fc.array(value, { minLength: 6, maxLength: 6 }),
    authorization: fc.oneof(
      { arbitrary: fc.constantFrom(...(target.credentials.length ? target.credentials : ['Bearer none'])), weight: 6 },
      { arbitrary: fc.constant(undefined), weight: 2 },
      { arbitrary: headerText.map((text) => `Bearer ${text}`), weight: 1 },
    ),
    garbage: fc.option(fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('{', '{ __typename', 'query { a { b { c { d { e { f { g { h { i { j } } } } } } } } } }', `{ ${'a: __typename '.repeat(50)} }`)), { nil: undefined, freq: 8 }),
  });
  await fc.assert(
    fc.asyncProperty(request, async (input) => {
      const { field, operation } = input.root;
      const args = field.args.map((arg, index) => `${arg.name}: $v${index}`);
      const declarations = field.args.map((arg, index) => `$v${index}: ${typeString(arg.type)}`);
      const query =
        input.garbage ??
        `${operation}${declarations.length ? `(${declarations.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''} ${selection(field.type, 1)} }`;
      const variables = Object.fromEntries(field.args.map((_arg, index) => [`v${index}`, input.variables[index % input.variables.length]]));
      const before = await tableCounts(target.db);
      const response = await graphql(target, query, variables, input.authorization);
      requests++;
      const text = JSON.stringify(response.body).slice(0, 400);
      assert.ok(response.status < 500, `${field.name} → HTTP ${response.status}: ${text}`);
      const errors = (response.body as { errors?: Array<{ extensions?: { code?: string } }> }).errors ?? [];
      for (const error of errors) assert.notEqual(error.extensions?.code, 'INTERNAL', `${field.name} → INTERNAL: ${text}`);
      if (errors.length && operation === 'mutation') assert.deepEqual(await tableCounts(target.db), before, `${field.name} failed but changed rows: ${text}`);
    }),
    { numRuns: runs },
  );
  return requests;
}

function typeString(type: TypeRef): string {
  if (type.kind === 'NON_NULL') return `${typeString(type.ofType!)}!`;
  if (type.kind === 'LIST') return `[${typeString(type.ofType!)}]`;
  return type.name!;
}

async function graphql(target: FuzzTarget, query: string, variables: Record<string, unknown> = {}, authorization?: string) {
  const response = await fetch(`${target.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(target.headers ?? {}), ...(authorization !== undefined ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text };
  }
  return { status: response.status, body };
}
