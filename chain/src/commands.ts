// The `cr8` commands the chain package provides: `cr8 devnet`, and the devnet pieces `cr8 dev` builds on.
import { Command, InvalidArgumentError } from 'commander';
import { predeploys } from '@cr8/predeploys/addresses';
import { DEFAULT_STATE_DIR, DEVNET_L3_PORT, DEVNET_PARENT_PORT, type Devnet, startDevnet } from './devnet/start-devnet.ts';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new InvalidArgumentError('must be a port number (1-65535)');
  return port;
}

export function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds <= 0) throw new InvalidArgumentError('must be a positive whole number of seconds');
  return seconds;
}

export type DevnetOptions = {
  parentPort: number;
  port: number;
  blockTime?: number;
  parentBlockTime: number;
  finalizationPeriod: number;
  persist: boolean;
  stateDir: string;
};

/** The devnet's options, shared by `cr8 devnet` (chains only) and `cr8 dev` (chains and backend). */
export function addDevnetOptions(command: Command): Command {
  return command
    .option('--parent-port <port>', 'parent chain RPC port', parsePort, DEVNET_PARENT_PORT)
    .option('--port <port>', 'CR8 L3 RPC port', parsePort, DEVNET_L3_PORT)
    .option('--block-time <seconds>', 'seconds between L3 blocks (default: blockTime in chain/config/genesis-params.json)', parseSeconds)
    .option('--parent-block-time <seconds>', 'seconds between parent blocks', parseSeconds, 2)
    .option('--finalization-period <seconds>', 'withdrawal finalization window of the output oracle', parseSeconds, 12)
    .option('--persist', "keep the chains' state (saved every 2 s) and the backend's data across restarts", false)
    .option('--state-dir <dir>', 'where the devnet keeps its files (devnet.json, --persist state)', DEFAULT_STATE_DIR);
}

export function startDevnetFromOptions(options: DevnetOptions): Promise<Devnet> {
  return startDevnet({
    parentPort: options.parentPort,
    l3Port: options.port,
    parentBlockTime: options.parentBlockTime,
    finalizationPeriodSeconds: options.finalizationPeriod,
    persist: options.persist,
    stateDir: options.stateDir,
    ...(options.blockTime !== undefined ? { blockTime: options.blockTime } : {}),
    onProgress: (message) => console.log(`… ${message}`),
  });
}

/** Prints what the devnet started: RPC URLs, contracts, predeploys and the funded dev accounts. */
export function printDevnet(devnet: Devnet): void {
  const d = devnet.parentDeployment;
  console.log(`  Parent RPC   ${devnet.parent.rpcUrl}   (chain id ${devnet.parent.chainId}, ${devnet.parent.blockTime} s blocks)`);
  console.log(`  CR8 L3 RPC   ${devnet.l3.rpcUrl}   (chain id ${devnet.l3.chainId}, ${devnet.l3.blockTime} s blocks, gas token CR8)`);
  console.log('\n  Parent contracts');
  for (const name of ['CR8Token', 'CR8ParentBridge', 'OptimismPortal', 'L2OutputOracle'] as const) console.log(`    ${name.padEnd(26)} ${d[name]}`);
  console.log(`    withdrawals finalize ${devnet.finalizationPeriodSeconds} s after they are proven`);
  console.log('\n  CR8 L3 predeploys');
  for (const predeploy of predeploys) console.log(`    ${predeploy.name.padEnd(26)} ${predeploy.address}`);
  console.log('\n  Funded dev accounts: 10,000 CR8 on the L3 and 1,000,000 CR8 on the parent each');
  console.log('  (anvil test mnemonic: public keys, never use them with real funds)');
  for (const account of devnet.accounts.slice(0, 5)) console.log(`    ${account.index}  ${account.address}  ${account.privateKey}`);
  console.log('\n  Account 0 owns the ProxyAdmin and holds the admin roles; account 9 proposes output roots.');
}

/** Resolves on the first Ctrl-C (SIGINT) or SIGTERM. */
export function untilInterrupted(): Promise<void> {
  return new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export function devnetCommand(): Command {
  return addDevnetOptions(
    new Command('devnet')
      .summary('run only the local chains (parent chain, CR8 L3, relayer, proposer) until Ctrl-C')
      .description(
        'Starts, on 127.0.0.1 and without Docker: the parent chain (anvil) with CR8Token, the portal, the output ' +
          'oracle and the parent side of the CR8 gas bridge; the CR8 L3 (anvil in OP Stack mode from genesis.json, ' +
          'every CR8 module a predeploy); the deposit relayer; and the dev proposer. Prints RPC URLs, chain ids, ' +
          'funded dev accounts and predeploy addresses, and runs until Ctrl-C. State starts fresh unless --persist. ' +
          '`cr8 dev` runs the same chains plus the backend.',
      ),
  ).action(async (options: DevnetOptions) => {
    const started = Date.now();
    const devnet = await startDevnetFromOptions(options);
    console.log(`\nCR8 devnet ready in ${((Date.now() - started) / 1000).toFixed(1)} s${devnet.resumed ? ' (resumed)' : ''}\n`);
    printDevnet(devnet);
    console.log('  Try: bin/cr8 bridge deposit --amount 100');
    console.log('  Press Ctrl-C to stop.\n');
    await untilInterrupted();
    console.log('\nstopping…');
    await devnet.stop();
    console.log(options.persist ? `stopped; state kept in ${options.stateDir}` : 'stopped');
  });
}
