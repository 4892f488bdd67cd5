// Creation bytecode from the forge build (contracts/out), for deployments made from TypeScript (the
// devnet's parent-chain contracts). ABIs come from ./generated.ts; only bytecode is read here.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Hex } from 'viem';
import { contractsDir, foundryBinary } from './toolchain.ts';

export class ArtifactError extends Error {
  override name = 'ArtifactError';
}

/** The creation bytecode of `contractName` from the last build (see `buildContracts`). */
export async function creationBytecode(contractName: string, file = `${contractName}.sol`): Promise<Hex> {
  const path = join(contractsDir, 'out', file, `${contractName}.json`);
  let artifact: { bytecode?: { object?: string } };
  try {
    artifact = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new ArtifactError(`no forge artifact for ${contractName} at ${path}: run \`make build\``, { cause });
  }
  const object = artifact.bytecode?.object;
  if (!object || object === '0x') throw new ArtifactError(`${contractName} has no creation bytecode (abstract?)`);
  return object as Hex;
}

/** `forge build` of the given sources (paths relative to contracts/), incremental: about a second when
 *  nothing changed, and only what those sources need on a fresh clone. */
export function buildContracts(sources: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(foundryBinary('forge'), ['build', ...sources], {
      cwd: contractsDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new ArtifactError(`forge build failed:\n${output.slice(-3000)}`))));
  });
}
