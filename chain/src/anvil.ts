// Starts and stops anvil processes: the local chains of `cr8 dev`, the gas benchmark and the tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { foundryBinary } from '@cr8/contracts/toolchain';

export type StartAnvilParameters = {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; loopback unless told otherwise. */
  host?: string;
  chainId?: number;
  /** Seconds between blocks; undefined mines one block per transaction. */
  blockTime?: number;
  /** Run anvil's OP Stack mode (deposit transactions, L1 fee fields). */
  optimism?: boolean;
  /** Block gas limit. */
  gasLimit?: bigint;
  /** No block gas limit at all (benchmarks seeding large states). */
  disableBlockGasLimit?: boolean;
  /** Start from this genesis.json (op-geth format); its chain id and alloc win over `chainId`. */
  genesisFile?: string;
  /** Load and save the chain state in this file across restarts (with `genesisFile`: the genesis is used
   *  only while the file does not exist yet). */
  stateFile?: string;
  /** With `stateFile`: seconds between saves, so a crash loses at most this much (default 2). */
  stateIntervalSeconds?: number;
  /** Milliseconds to wait for the RPC to answer. */
  readyTimeoutMs?: number;
};

export type Anvil = {
  rpcUrl: string;
  host: string;
  port: number;
  chainId: number;
  process: ChildProcess;
  /** Stops the process (SIGTERM, then SIGKILL after 3 s) and waits for it to exit. */
  stop: () => Promise<void>;
};

export class AnvilStartError extends Error {
  override name = 'AnvilStartError';
}

/** Returns a TCP port that was free on `host` a moment ago. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('could not determine a free port'));
      });
    });
  });
}

/** Starts anvil and resolves once its RPC answers `eth_chainId`. */
export async function startAnvil(parameters: StartAnvilParameters = {}): Promise<Anvil> {
  const host = parameters.host ?? '127.0.0.1';
  const port = parameters.port || (await freePort(host));
  const chainId = parameters.chainId ?? 31337;
  const args = ['--host', host, '--port', String(port), '--chain-id', String(chainId)];
  if (parameters.blockTime !== undefined) args.push('--block-time', String(parameters.blockTime));
  if (parameters.optimism) args.push('--network', 'optimism');
  if (parameters.gasLimit !== undefined) args.push('--gas-limit', parameters.gasLimit.toString());
  if (parameters.disableBlockGasLimit) args.push('--disable-block-gas-limit');
  const stateInterval = parameters.stateIntervalSeconds ?? 2;
  // The state file is loaded by anvil (--load-state) but written by us: anvil's own --state saving
  // rewrites the file in place, so a kill -9 mid-write leaves a truncated file that cannot be loaded, and
  // anvil refuses --init together with --state. We save through anvil_dumpState to a temporary file and
  // rename it over the old one, so the file on disk is always a complete snapshot.
  const resumeFromState = parameters.stateFile !== undefined && existsSync(parameters.stateFile);
  if (resumeFromState) args.push('--load-state', parameters.stateFile!);
  else if (parameters.genesisFile) args.push('--init', parameters.genesisFile);

  const child = spawn(foundryBinary('anvil'), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));

  const rpcUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const deadline = Date.now() + (parameters.readyTimeoutMs ?? 15_000);
  let ready = false;
  while (!ready) {
    if (child.exitCode !== null) {
      throw new AnvilStartError(`anvil exited with code ${child.exitCode} before it was ready:\n${output}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new AnvilStartError(`anvil did not answer on ${rpcUrl} within the timeout:\n${output}`);
    }
    ready = await answersChainId(rpcUrl);
    if (!ready) await new Promise((r) => setTimeout(r, 50));
  }

  let saver: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();
  const stateFile = parameters.stateFile;
  if (stateFile) {
    const save = () => {
      saving = saving.then(() => saveState(rpcUrl, stateFile)).catch(() => {});
      return saving;
    };
    await save();
    saver = setInterval(save, stateInterval * 1000);
    saver.unref();
  }

  const stop = async () => {
    if (saver) {
      clearInterval(saver);
      await saving;
      if (child.exitCode === null && child.signalCode === null) await saveState(rpcUrl, stateFile!).catch(() => {});
    }
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  };
  return { rpcUrl, host, port, chainId, process: child, stop };
}

/** Writes anvil's state (anvil_dumpState: gzipped JSON) to `file` as the JSON `--state` loads, atomically. */
async function saveState(rpcUrl: string, file: string): Promise<void> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'anvil_dumpState', params: [] }),
  });
  const { result } = (await response.json()) as { result?: string };
  if (!result) throw new Error('anvil_dumpState returned nothing');
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, gunzipSync(Buffer.from(result.slice(2), 'hex')));
  await rename(temporary, file);
}

async function answersChainId(rpcUrl: string): Promise<boolean> {
  try {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(1_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}
