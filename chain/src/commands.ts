// The `cr8` commands the chain package provides.
import { Command, InvalidArgumentError } from 'commander';
import { DEVNET_L3_PORT, startDevnet } from './devnet/start-devnet.ts';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new InvalidArgumentError('must be a port number (1-65535)');
  return port;
}

function parseBlockTime(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new InvalidArgumentError('must be a positive number of seconds');
  return seconds;
}

export function devCommand(): Command {
  return new Command('dev')
    .summary('run the local CR8 system (chain + contracts) until Ctrl-C')
    .description(
      'Starts the CR8 L3 devnet on 127.0.0.1 (anvil in OP Stack mode), deploys the CR8 contracts behind ' +
        'their proxies, prints RPC URL, chain id, funded dev accounts and contract addresses, and runs ' +
        'until Ctrl-C. State starts fresh unless --persist is given.',
    )
    .option('--port <port>', 'L3 RPC port', parsePort, DEVNET_L3_PORT)
    .option('--block-time <seconds>', 'seconds between blocks (default: a block per transaction)', parseBlockTime)
    .option('--persist', 'keep chain state (saved every 2 s) and deployment across restarts', false)
    .option('--state-dir <dir>', 'where --persist keeps its files', '.cr8/devnet')
    .action(async (options: { port: number; blockTime?: number; persist: boolean; stateDir: string }) => {
      const started = Date.now();
      const devnet = await startDevnet({
        port: options.port,
        persist: options.persist,
        stateDir: options.stateDir,
        ...(options.blockTime !== undefined ? { blockTime: options.blockTime } : {}),
        onProgress: (message) => console.log(`… ${message}`),
      });
      console.log(`\nCR8 devnet ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      console.log(`  CR8 L3 RPC   ${devnet.l3.rpcUrl}   (chain id ${devnet.l3.chainId})`);
      console.log('\n  Contracts');
      for (const [name, address] of Object.entries(devnet.deployment)) {
        if (name !== 'chainId') console.log(`    ${name.padEnd(26)} ${address}`);
      }
      console.log('\n  Funded dev accounts (anvil test mnemonic: public keys, never use with real funds)');
      for (const account of devnet.accounts.slice(0, 5)) {
        console.log(`    ${account.index}  ${account.address}  ${account.privateKey}`);
      }
      console.log('\n  Account 0 deployed the contracts and holds every admin role on this devnet.');
      console.log('  Press Ctrl-C to stop.\n');

      await new Promise<void>((resolveStop) => {
        const stop = () => resolveStop();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      console.log('\nstopping…');
      await devnet.stop();
      console.log(options.persist ? `stopped; state kept in ${options.stateDir}` : 'stopped');
    });
}
