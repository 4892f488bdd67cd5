// Where the npm-installed Foundry binaries and the contracts project live. Foundry ships each tool as
// `@foundry-rs/<tool>` (a Node wrapper) plus `@foundry-rs/<tool>-<platform>-<arch>` (the binary); we run
// the binary directly so that stopping a process really stops it.
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

/** The path of a Foundry tool's native binary (falls back to the npm wrapper in node_modules/.bin). */
export function foundryBinary(tool: FoundryTool): string {
  try {
    const packageJson = require.resolve(`@foundry-rs/${tool}-${platformSuffix}/package.json`);
    const binary = join(dirname(packageJson), 'bin', tool);
    if (existsSync(binary)) return binary;
  } catch {
    // not installed for this platform: use the wrapper below
  }
  const wrapper = join(repoRoot, 'node_modules', '.bin', tool);
  if (existsSync(wrapper)) return wrapper;
  throw new Error(`${tool} is not installed: run \`npm ci\` at the repository root`);
}
