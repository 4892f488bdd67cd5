// Both protocols the local driver speaks, so an example agent is only its handler:
// - one run per process (default): the input JSON on stdin, the output JSON on stdout, logs on stderr;
//   bad input exits 2, any other failure exits 1, each with a one-line reason on stderr;
// - JSON lines when CR8_PROTOCOL=jsonl (the driver's persistent mode): a request per stdin line
//   {"id","executionId","input"}, a response per stdout line {"id","output","logs"} or
//   {"id","error","logs"}, until stdin closes. Requests are answered as they finish.
// Dependency-free on purpose: agents are plain scripts run as `node <file>.ts`.
import { createInterface } from 'node:readline';

/** Thrown by a handler for input it cannot accept: the caller's fault, reported as `bad input: ...`. */
export class BadInputError extends Error {
  override name = 'BadInputError';
}

export type AgentContext = {
  /** CR8_EXECUTION_ID (single run) or the request's executionId (JSON lines). */
  executionId: string | undefined;
  /** A line of this run's logs: stderr for a single run, the response's `logs` in JSON lines. */
  log: (message: string) => void;
};

export type AgentHandler = (input: unknown, context: AgentContext) => unknown;

export function serveAgent(handler: AgentHandler): void {
  if (process.env.CR8_PROTOCOL === 'jsonl') serveJsonLines(handler);
  else void runOnce(handler);
}

async function runOnce(handler: AgentHandler): Promise<void> {
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) text += chunk;
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    process.stderr.write(`bad input: stdin is not a JSON document (${text.trim() === '' ? 'it is empty' : `${text.length} characters`})\n`);
    process.exitCode = 2;
    return;
  }
  const context: AgentContext = { executionId: process.env.CR8_EXECUTION_ID, log: (message) => process.stderr.write(`${message}\n`) };
  try {
    process.stdout.write(`${serializeOutput(await handler(input, context))}\n`);
  } catch (error) {
    process.stderr.write(`${describeFailure(error)}\n`);
    process.exitCode = error instanceof BadInputError ? 2 : 1;
  }
}

function serveJsonLines(handler: AgentHandler): void {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (line.trim() !== '') void answer(handler, line);
  });
}

async function answer(handler: AgentHandler, line: string): Promise<void> {
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch {
    // Without an id there is no one to answer: say so where the operator looks.
    process.stderr.write('ignored a request line that is not JSON\n');
    return;
  }
  if (typeof request !== 'object' || request === null || !('id' in request) || typeof request.id !== 'string') {
    process.stderr.write('ignored a request without an id\n');
    return;
  }
  const { id } = request;
  const logs: string[] = [];
  const executionId = 'executionId' in request && typeof request.executionId === 'string' ? request.executionId : undefined;
  const context: AgentContext = { executionId, log: (message) => logs.push(message) };
  let response: string;
  try {
    const output = await handler('input' in request ? request.input : undefined, context);
    response = `{"id":${JSON.stringify(id)},"output":${serializeOutput(output)},"logs":${JSON.stringify(logs.join('\n'))}}`;
  } catch (error) {
    response = JSON.stringify({ id, error: describeFailure(error), logs: logs.join('\n') });
  }
  process.stdout.write(`${response}\n`);
}

function serializeOutput(output: unknown): string {
  const json = JSON.stringify(output);
  if (json === undefined) throw new Error('the agent produced no output');
  return json;
}

function describeFailure(error: unknown): string {
  if (error instanceof BadInputError) return `bad input: ${error.message}`;
  return `failed: ${error instanceof Error ? error.message : String(error)}`;
}
