// Creation bytecode from the forge build (contracts/out), for deployments made from TypeScript (the
// devnet's parent-chain contracts). ABIs come from ./generated.ts; only bytecode is read here.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Hex } from 'viem';
import { contractsDir, FoundryRunError, runFoundry } from './toolchain.ts';

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
export async function buildContracts(sources: readonly string[]): Promise<void> {
  try {
    await runFoundry('forge', ['build', ...sources]);
  } catch (cause) {
    if (!(cause instanceof FoundryRunError)) throw cause;
    throw new ArtifactError(`forge build failed:\n${cause.output.slice(-3000) || cause.message}`, { cause });
  }
}
