// The `inference` runtime: one execution is one chat completion on an OpenAI-compatible server (vLLM,
// Ollama, llama.cpp's server, OpenAI). The agent registers a `model` and a `promptTemplate`; the
// caller's input is rendered into the template (prompt-template.ts) and sent as a single user message.
//
// Callers cannot send their own `messages`: an input that has a `messages` field is just data the
// template may use ({{input.messages}} renders it as JSON). Passing chat messages through would bypass
// the template, which is what defines the agent, and turn every inference agent into a raw proxy to its
// model; an agent that wants a conversation says so in its template.
//
// How runs end, and why (codes from driver.ts):
//   - 429, 408, 5xx, connection refused or reset: UNAVAILABLE (retryable, the server is busy or down);
//   - 401/403: BAD_CONFIG, saying which key was refused (the agent's INFERENCE_API_KEY secret, the
//     driver's key, or none) but never the key, and without the server's message (OpenAI echoes the key
//     in it, partly masked);
//   - 404 (the model is not served, or the base URL is wrong) and other 4xx: BAD_CONFIG (retrying sends
//     the same request; the server's message is kept, it says which);
//   - a 2xx body that is not a chat completion: MALFORMED_OUTPUT;
//   - config.timeoutSeconds elapsed: TIMEOUT; request.signal aborted or the driver closed: CANCELLED;
//   - an invalid template or a missing model/template: BAD_CONFIG; an input that lacks a field the
//     template uses (or renders too large a prompt): AGENT_FAILED, not retryable: that input will never
//     fit this agent, and no other code says "this agent cannot run this input".
import type { Logger } from '../../../service/logger.ts';
import { type ExecutionDriver, MAX_OUTPUT_BYTES, type RunErrorCode, type RunRequest, type RunResult, retryable, tailLogs } from '../driver.ts';
import { PromptTemplateError, renderPromptTemplate } from './prompt-template.ts';

export type InferenceDriverOptions = {
  /** The server's OpenAI API root: http://127.0.0.1:8000/v1 (vLLM), http://127.0.0.1:11434/v1 (Ollama). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer`; an agent secret named INFERENCE_API_KEY overrides it. Default: no header. */
  apiKey?: string;
  /** `max_tokens` of every request (default 1024): the execution config has no field for it. */
  defaultMaxTokens?: number;
  /** Receives one line per run (ids, model, status, token counts); never the prompt, output or key. */
  logger?: Logger;
};

export type InferenceOutput = { text: string; model: string; usage: { promptTokens: number; completionTokens: number } };

/** The agent secret that, when present, is the bearer key instead of the driver's. */
export const INFERENCE_API_KEY_SECRET = 'INFERENCE_API_KEY';
export const DEFAULT_MAX_TOKENS = 1024;
/** Bytes of a response read at most: an answer of MAX_OUTPUT_BYTES with JSON escaping and the envelope fits. */
const MAX_RESPONSE_BYTES = 4 * MAX_OUTPUT_BYTES;
/** Bytes of an error body read, and characters of the server's message kept. */
const MAX_ERROR_BYTES = 64 * 1024;
const MAX_SERVER_MESSAGE = 500;

export function createInferenceDriver(options: InferenceDriverOptions): ExecutionDriver {
  // Bad driver config is a deployment mistake: fail at boot, not on every run.
  const base = new URL(options.baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new TypeError(`inference baseUrl must be http(s), got ${base.protocol}`);
  // fetch() refuses URLs with credentials; the key belongs in apiKey, where it is kept out of messages.
  if (base.username || base.password) throw new TypeError('inference baseUrl must not contain credentials: pass the key as apiKey');
  const endpoint = new URL(`${base.pathname.replace(/\/+$/, '')}/chat/completions`, base);
  // What runs and logs may name: no credentials, no query (where some gateways take their key).
  const endpointName = `${endpoint.origin}${endpoint.pathname}`;
  endpoint.search = base.search;
  const maxTokens = options.defaultMaxTokens ?? DEFAULT_MAX_TOKENS;
  if (!Number.isInteger(maxTokens) || maxTokens < 1) throw new TypeError('inference defaultMaxTokens must be a positive integer');

  const closing = new AbortController();
  const inFlight = new Set<Promise<RunResult>>();

  async function run(request: RunRequest): Promise<RunResult> {
    const startedAt = new Date();
    const { config } = request;
    const fromSecret = request.secrets[INFERENCE_API_KEY_SECRET];
    const apiKey = fromSecret ?? options.apiKey;
    const keySource = fromSecret !== undefined ? `the agent's ${INFERENCE_API_KEY_SECRET} secret` : options.apiKey !== undefined ? "the driver's API key" : 'no API key (none configured)';
    // Belt and braces: whatever a server or library puts in a message, the key never leaves this function.
    const scrub = (text: string) => (apiKey && apiKey.length >= 4 ? text.split(apiKey).join('[redacted]') : text);
    let logs = '';
    const log = (line: string) => void (logs = tailLogs(logs, `${scrub(line)}\n`));
    const context = { executionId: request.executionId, agentId: request.agentId, model: config.model };

    const fail = (code: RunErrorCode, message: string): RunResult => {
      const safe = scrub(message);
      log(`${code}: ${safe}`);
      options.logger?.warn({ ...context, code }, `inference run failed: ${safe}`);
      return { ok: false, code, message: safe, retryable: retryable[code], logs, startedAt, finishedAt: new Date() };
    };

    if (closing.signal.aborted) return fail('UNAVAILABLE', 'the inference driver is closed');
    if (config.runtime !== 'inference') return fail('BAD_CONFIG', `the inference driver cannot run runtime "${config.runtime}"`);
    if (!config.model) return fail('BAD_CONFIG', 'executionConfig.model is required for the inference runtime');
    if (!config.promptTemplate) return fail('BAD_CONFIG', 'executionConfig.promptTemplate is required for the inference runtime');

    let prompt: string;
    try {
      prompt = renderPromptTemplate(config.promptTemplate, request.input);
    } catch (error) {
      if (!(error instanceof PromptTemplateError)) throw error;
      return error.code === 'INVALID_TEMPLATE'
        ? fail('BAD_CONFIG', `invalid promptTemplate: ${error.message}`)
        : fail('AGENT_FAILED', `the input does not fit the agent's promptTemplate: ${error.message}`);
    }

    const timeout = AbortSignal.timeout(config.timeoutSeconds * 1000);
    const signal = AbortSignal.any([request.signal, timeout, closing.signal]);
    // The first signal to fire is the reason, so a cancellation just before the deadline stays CANCELLED.
    const stopped = (): RunResult =>
      signal.reason === timeout.reason
        ? fail('TIMEOUT', `no answer from the inference server within ${config.timeoutSeconds} s`)
        : fail('CANCELLED', request.signal.aborted ? 'the execution was cancelled' : 'the inference driver was closed');

    const body = { model: config.model, messages: [{ role: 'user', content: prompt }], max_tokens: maxTokens, ...(config.deterministic ? { temperature: 0 } : {}) };
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    log(`POST ${endpointName} model=${config.model} max_tokens=${maxTokens}${config.deterministic ? ' temperature=0' : ''} prompt=${prompt.length} chars`);

    let response: Response;
    let text: string | null;
    try {
      response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify(body), signal, redirect: 'error' });
      text = await readCapped(response, response.ok ? MAX_RESPONSE_BYTES : MAX_ERROR_BYTES);
    } catch (error) {
      if (signal.aborted) return stopped();
      return fail('UNAVAILABLE', `the inference server at ${endpoint.origin} is unreachable: ${describe(error)}`);
    }
    const elapsed = Date.now() - startedAt.getTime();
    log(`HTTP ${response.status} in ${elapsed} ms`);

    if (!response.ok) {
      const status = response.status;
      if (status === 401 || status === 403) {
        return fail('BAD_CONFIG', `the inference server refused ${keySource} (HTTP ${status}): set a valid ${INFERENCE_API_KEY_SECRET} secret or fix the driver's key`);
      }
      const serverMessage = errorMessage(text);
      const detail = serverMessage ? `: ${serverMessage}` : '';
      if (status === 408 || status === 429 || status >= 500 || status < 400) return fail('UNAVAILABLE', `the inference server answered HTTP ${status}${detail}`);
      if (status === 404) return fail('BAD_CONFIG', `the inference server does not serve model "${config.model}" at ${endpointName} (HTTP 404)${detail}`);
      return fail('BAD_CONFIG', `the inference server rejected the request (HTTP ${status})${detail}`);
    }

    if (text === null) return fail('MALFORMED_OUTPUT', `the inference server's answer is larger than ${MAX_RESPONSE_BYTES} bytes`);
    const completion = parseCompletion(text, config.model);
    if (typeof completion === 'string') return fail('MALFORMED_OUTPUT', `the inference server's answer is not an OpenAI chat completion: ${completion}`);
    if (Buffer.byteLength(JSON.stringify(completion.output)) > MAX_OUTPUT_BYTES) return fail('MALFORMED_OUTPUT', `the completion is larger than ${MAX_OUTPUT_BYTES} bytes`);

    const { usage } = completion.output;
    log(`finish_reason=${completion.finishReason}${completion.finishReason === 'length' ? ' (cut at max_tokens)' : ''} prompt_tokens=${usage.promptTokens} completion_tokens=${usage.completionTokens}`);
    options.logger?.info({ ...context, durationMs: elapsed, ...usage, finishReason: completion.finishReason }, 'inference run finished');
    return { ok: true, output: completion.output, logs, startedAt, finishedAt: new Date() };
  }

  return {
    runtime: 'inference',
    run(request) {
      const running = run(request);
      inFlight.add(running);
      void running.finally(() => inFlight.delete(running)).catch(() => {});
      return running;
    },
    async close() {
      closing.abort();
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** The body as text, or null when it is longer than `limit` bytes (reading stops there). */
async function readCapped(response: Response, limit: number): Promise<string | null> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The output of a chat completion body, or why it is not one. */
function parseCompletion(text: string, requestedModel: string): { output: InferenceOutput; finishReason: string } | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (!isRecord(body)) return 'not a JSON object';
  if (!Array.isArray(body.choices) || body.choices.length === 0) return 'no choices';
  const choice: unknown = body.choices[0];
  if (!isRecord(choice) || !isRecord(choice.message)) return 'choices[0].message is missing';
  // content is null when the model answered with tool calls only: not text this runtime can return.
  if (typeof choice.message.content !== 'string') return 'choices[0].message.content is not a string';
  const usage = body.usage;
  if (!isRecord(usage) || !isCount(usage.prompt_tokens) || !isCount(usage.completion_tokens)) return 'usage.prompt_tokens and usage.completion_tokens are not token counts';
  return {
    output: {
      text: choice.message.content,
      // The server's name for what answered (vLLM may serve an alias); the registered name if it gives none.
      model: typeof body.model === 'string' && body.model !== '' ? body.model : requestedModel,
      usage: { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens },
    },
    finishReason: typeof choice.finish_reason === 'string' ? choice.finish_reason : 'unknown',
  };
}

/** The message of an OpenAI ({ error: { message } }), vLLM ({ message }) or Ollama ({ error: "..." }) error body. */
function errorMessage(text: string | null): string {
  if (!text) return '';
  let message: unknown = text;
  try {
    const body: unknown = JSON.parse(text);
    if (isRecord(body)) message = isRecord(body.error) ? body.error.message : (body.error ?? body.message ?? body.detail);
  } catch {
    // not JSON: a proxy's text or HTML page, kept as is (cut short)
  }
  if (typeof message !== 'string') return '';
  const oneLine = message.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_SERVER_MESSAGE ? `${oneLine.slice(0, MAX_SERVER_MESSAGE)}...` : oneLine;
}

/** fetch() says "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND...) is in its cause. */
function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
