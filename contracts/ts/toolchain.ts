// Where the npm-installed Foundry binaries and the contracts project live. Foundry publishes each tool's
// native binary as `@foundry-rs/<tool>-<platform>-<arch>`; the project depends on those directly (the
// `@foundry-rs/<tool>` wrappers name platform packages that were never published, which breaks `npm ci`,
// and their Node wrapper loses the tool's exit status).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type FoundryTool = 'forge' | 'anvil' | 'cast';

const require = createRequire(import.meta.url);

/** The Foundry project directory (`contracts/`). */
export const contractsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The repository root. */
export const repoRoot = resolve(contractsDir, '..');

const platformSuffix = `${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;

/** The path of a Foundry tool's native binary. */
export function foundryBinary(tool: FoundryTool): string {
  const packageName = `@foundry-rs/${tool}-${platformSuffix}`;
  let binary: string | undefined;
  try {
    binary = join(dirname(require.resolve(`${packageName}/package.json`)), 'bin', tool);
  } catch {
    // not installed: reported below
  }
  if (binary && existsSync(binary)) return binary;
  throw new Error(`${tool} is not installed (${packageName}): run \`npm ci\` at the repository root`);
}

/** A Foundry tool that could not start or exited non-zero; `output` is the tail of what it printed. */
export class FoundryRunError extends Error {
  override name = 'FoundryRunError';
  readonly exitCode: number | null;
  readonly output: string;
  constructor(message: string, exitCode: number | null, output: string, options?: ErrorOptions) {
    super(message, options);
    this.exitCode = exitCode;
    this.output = output;
  }
}

/** Runs a Foundry tool in `contracts/` and resolves with everything it printed (stdout and stderr). */
export function runFoundry(
  tool: FoundryTool,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; onOutput?: (line: string) => void } = {},
): Promise<string> {
  return new Promise((resolveRun, reject) => {
    let command: string;
    try {
      command = foundryBinary(tool);
    } catch (cause) {
      reject(new FoundryRunError((cause as Error).message, null, '', { cause }));
      return;
    }
    const child = spawn(command, args, { cwd: contractsDir, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      if (options.onOutput) for (const line of text.split('\n')) if (line.trim()) options.onOutput(line);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (cause) => reject(new FoundryRunError(`could not start ${tool}: ${cause.message}`, null, output, { cause })));
    child.on('exit', (code) =>
      code === 0 ? resolveRun(output) : reject(new FoundryRunError(`${tool} ${args[0] ?? ''} exited with code ${code}`, code, output.slice(-4000))),
    );
  });
}
