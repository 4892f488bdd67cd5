// Where the npm-installed Foundry binaries and the contracts project live. Foundry publishes each tool's
// native binary as `@foundry-rs/<tool>-<platform>-<arch>`; the project depends on those directly (the
// `@foundry-rs/<tool>` wrappers name platform packages that were never published, which breaks `npm ci`,
// and their Node wrapper loses the tool's exit status).
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
