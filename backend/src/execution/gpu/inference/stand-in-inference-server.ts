// A local stand-in for an OpenAI-compatible inference server (vLLM, Ollama, OpenAI), for tests and for
// trying the inference runtime without a GPU. It serves the two endpoints the driver relies on,
// POST /v1/chat/completions and GET /v1/models, on 127.0.0.1, and checks each request the way the real
// servers do, so a driver that sends something a real server would refuse fails here too:
//   - Authorization: Bearer <key> when a key is configured (401 otherwise);
//   - a JSON body (content-type application/json, parseable);
//   - `model` required, and one the server serves (404 model_not_found otherwise);
//   - `messages` a non-empty array of { role: system | user | assistant, content: string } (OpenAI
//     also takes arrays of content parts; the driver never sends them, so here they are refused);
//   - `max_tokens` a positive integer and `temperature` a number in [0, 2] when present;
//   - prompt + max_tokens within the context length (vLLM's 400 "maximum context length").
// Refusals use the OpenAI error shape { error: { message, type, param, code } }. On a 401 the stand-in
// echoes the key it was given in full (OpenAI echoes a masked one): a driver that forwarded the server's
// message would then leak the key, and a test can see it.
//
// The completion is deterministic: it echoes the start of the last user message, tokens are counted by
// splitting on whitespace, and a completion longer than max_tokens is cut (finish_reason "length").
// Tests steer the next answers with `delayMs` and `faults`, and read what arrived in `requests`.
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export type StandInInferenceRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body parsed as JSON, or its raw text when it is not JSON (undefined when empty). */
  body: unknown;
};

/** What the stand-in answers instead of the next valid chat completion. */
export type StandInFault =
  /** An HTTP error; `body` defaults to an OpenAI-shaped error for the status. */
  | { status: number; body?: unknown }
  /** Any bytes (a malformed answer); status 200 and content-type application/json unless given. */
  | { rawBody: string; status?: number; contentType?: string };

export type StandInInferenceServer = {
  /** The OpenAI API root, http://127.0.0.1:<port>/v1: what a driver takes as its base URL. */
  baseUrl: string;
  models: readonly string[];
  /** Every request received, in order, whatever the answer was. */
  requests: StandInInferenceRequest[];
  /** Wait this long before answering each valid chat completion (default 0). */
  delayMs: number;
  /** Taken one per valid chat completion, first first, instead of the completion. */
  faults: StandInFault[];
  close(): Promise<void>;
};

export type StandInInferenceParameters = {
  /** Model names served (default ['stand-in-model']). */
  models?: string[];
  /** When set, every request must carry `Authorization: Bearer <apiKey>`. Default: no authentication, like a bare vLLM. */
  apiKey?: string;
  /** Context length in tokens: prompt tokens + max_tokens must fit (default 4096). */
  maxModelLen?: number;
};

const ROLES = new Set(['system', 'user', 'assistant']);
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Words of the last user message echoed in a completion. */
const ECHOED_WORDS = 24;

export async function startStandInInferenceServer(parameters: StandInInferenceParameters = {}): Promise<StandInInferenceServer> {
  const models = parameters.models ?? ['stand-in-model'];
  const maxModelLen = parameters.maxModelLen ?? 4096;
  const created = Math.floor(Date.now() / 1000);
  // Aborted on close, so a delayed answer does not hold the server open.
  const closing = new AbortController();
  const standIn: Omit<StandInInferenceServer, 'baseUrl' | 'close'> = { models, requests: [], delayMs: 0, faults: [] };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return sendError(response, 413, 'Request body too large', 'invalid_request_error', null);
      chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://stand-in').pathname;
    let body: unknown = text === '' ? undefined : text;
    try {
      if (text !== '') body = JSON.parse(text) as unknown;
    } catch {
      // kept as text
    }
    standIn.requests.push({ method, path, headers: request.headers, body });

    const routes: Record<string, string> = { '/v1/chat/completions': 'POST', '/v1/models': 'GET' };
    if (!(path in routes)) return sendError(response, 404, `Not Found: ${method} ${path}`, 'invalid_request_error', null);
    if (routes[path] !== method) return sendError(response, 405, `Method Not Allowed: ${method} ${path}`, 'invalid_request_error', null);

    if (parameters.apiKey !== undefined) {
      const authorization = request.headers.authorization;
      if (authorization === undefined) {
        return sendError(response, 401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", 'invalid_request_error', null);
      }
      if (authorization !== `Bearer ${parameters.apiKey}`) {
        return sendError(response, 401, `Incorrect API key provided: ${authorization.replace(/^Bearer\s+/i, '')}.`, 'invalid_request_error', 'invalid_api_key');
      }
    }

    if (path === '/v1/models') {
      return send(response, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created, owned_by: 'stand-in' })) });
    }

    if (!/^application\/json(\s*;|$)/i.test(request.headers['content-type'] ?? '')) {
      return sendError(response, 400, 'Invalid content type: expected application/json', 'invalid_request_error', null);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return sendError(response, 400, 'We could not parse the JSON body of your request: expected a JSON object.', 'invalid_request_error', null);
    }
    const fields = body as Record<string, unknown>;
    const invalid = validateChatCompletion(fields);
    if (invalid) return sendError(response, 400, invalid.message, 'invalid_request_error', null, invalid.param);
    const model = fields.model as string;
    if (!models.includes(model)) {
      return sendError(response, 404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found', 'model');
    }
    const messages = fields.messages as Array<{ role: string; content: string }>;
    const promptTokens = messages.reduce((total, message) => total + words(message.content).length, 0);
    const maxTokens = typeof fields.max_tokens === 'number' ? fields.max_tokens : undefined;
    if (promptTokens + (maxTokens ?? 0) > maxModelLen) {
      return sendError(
        response,
        400,
        `This model's maximum context length is ${maxModelLen} tokens. However, you requested ${promptTokens + (maxTokens ?? 0)} tokens (${promptTokens} in the messages, ${maxTokens ?? 0} in the completion). Please reduce the length of the messages or completion.`,
        'invalid_request_error',
        null,
        'messages',
      );
    }

    if (standIn.delayMs > 0) {
      try {
        await sleep(standIn.delayMs, undefined, { signal: closing.signal });
      } catch {
        return; // closing: the connection is being torn down
      }
    }
    const fault = standIn.faults.shift();
    if (fault) {
      if ('rawBody' in fault) {
        response.writeHead(fault.status ?? 200, { 'content-type': fault.contentType ?? 'application/json' });
        return void response.end(fault.rawBody);
      }
      if (fault.body !== undefined) return send(response, fault.status, fault.body);
      return sendError(response, fault.status, fault.status === 429 ? 'Rate limit reached, please try again later.' : `Injected fault (HTTP ${fault.status})`, fault.status === 429 ? 'rate_limit_error' : 'server_error', null);
    }

    const lastUser = [...messages].reverse().find((message) => message.role === 'user');
    const echoed = words(lastUser?.content ?? '');
    let completion = words(`Stand-in answer to ${promptTokens} prompt tokens: ${echoed.slice(0, ECHOED_WORDS).join(' ')}${echoed.length > ECHOED_WORDS ? ' ...' : ''}`);
    let finishReason = 'stop';
    if (maxTokens !== undefined && completion.length > maxTokens) {
      completion = completion.slice(0, maxTokens);
      finishReason = 'length';
    }
    send(response, 200, {
      id: `chatcmpl-${createHash('sha256').update(text).digest('hex').slice(0, 24)}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: completion.join(' ') }, logprobs: null, finish_reason: finishReason }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completion.length, total_tokens: promptTokens + completion.length },
    });
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendError(response, 500, 'stand-in failure', 'server_error', null);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(standIn, {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

/** The first problem with a chat completion body, as OpenAI words it, or null. */
function validateChatCompletion(body: Record<string, unknown>): { message: string; param: string } | null {
  if (body.model === undefined) return { message: 'you must provide a model parameter', param: 'model' };
  if (typeof body.model !== 'string' || body.model === '') return { message: `Invalid type for 'model': expected a non-empty string.`, param: 'model' };
  if (!Array.isArray(body.messages)) return { message: `Missing required parameter: 'messages'.`, param: 'messages' };
  if (body.messages.length === 0) return { message: `Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.`, param: 'messages' };
  for (const [index, message] of (body.messages as unknown[]).entries()) {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return { message: `Invalid type for 'messages[${index}]': expected an object.`, param: `messages[${index}]` };
    const { role, content } = message as Record<string, unknown>;
    if (typeof role !== 'string' || !ROLES.has(role)) {
      return { message: `Invalid value for 'messages[${index}].role': expected one of 'system', 'user' or 'assistant'.`, param: `messages[${index}].role` };
    }
    if (typeof content !== 'string') return { message: `Invalid type for 'messages[${index}].content': expected a string.`, param: `messages[${index}].content` };
  }
  const maxTokens = body.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null && (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1)) {
    return { message: `Invalid 'max_tokens': expected a positive integer.`, param: 'max_tokens' };
  }
  const temperature = body.temperature;
  if (temperature !== undefined && temperature !== null && (typeof temperature !== 'number' || !(temperature >= 0 && temperature <= 2))) {
    return { message: `Invalid 'temperature': expected a number between 0 and 2.`, param: 'temperature' };
  }
  return null;
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== '');
}

function sendError(response: ServerResponse, status: number, message: string, type: string, code: string | null, param: string | null = null): void {
  send(response, status, { error: { message, type, param, code } });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
