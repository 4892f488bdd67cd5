// `cr8 bridge deposit|withdraw|prove|finalize|status`: move CR8 between the parent chain and the CR8 L3
// of a running devnet (`make dev` writes its RPC URLs and addresses to .cr8/devnet/devnet.json).
// The signing key comes from CR8_PRIVATE_KEY, never from the command line; on the devnet it defaults to
// dev account 0.
import { DEFAULT_STATE_DIR, devAccounts, readDevnetInfo } from '@cr8/chain';
import { Command, InvalidArgumentError, Option } from 'commander';
import { type Address, formatEther, type Hash, type Hex, getAddress, isAddress, isHash, parseEther } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { devnetBridgeContext } from './context.ts';
import { depositCR8 } from './deposit.ts';
import { BridgeError } from './errors.ts';
import { bridgeStatus } from './status.ts';
import { finalizeWithdrawalOf, initiateWithdrawal, proveWithdrawalOf } from './withdraw.ts';

export function parseAmount(value: string): bigint {
  if (!/^\d+(\.\d{1,18})?$/.test(value)) throw new InvalidArgumentError('must be a positive CR8 amount such as 100 or 0.5 (at most 18 decimals)');
  const amount = parseEther(value);
  if (amount === 0n) throw new InvalidArgumentError('must be greater than zero');
  return amount;
}

export function parseAddress(value: string): Address {
  if (!isAddress(value, { strict: false })) throw new InvalidArgumentError('must be a 20-byte hex address (0x…)');
  return getAddress(value);
}

export function parseHash(value: string): Hash {
  if (!isHash(value)) throw new InvalidArgumentError('must be a 32-byte transaction hash (0x + 64 hex digits)');
  return value;
}

type CommonOptions = { stateDir: string };

async function context(options: CommonOptions) {
  const info = await readDevnetInfo(options.stateDir);
  const key = process.env.CR8_PRIVATE_KEY ?? devAccounts(1)[0]!.privateKey;
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new BridgeError('INVALID_ADDRESS', 'CR8_PRIVATE_KEY must be 0x followed by 64 hex digits');
  return devnetBridgeContext(info, privateKeyToAccount(key as Hex));
}

function stateDirOption() {
  return new Option('--state-dir <dir>', 'the devnet directory holding devnet.json').default(DEFAULT_STATE_DIR);
}

/** Runs an action, printing a BridgeError as `error [CODE]: message` and exiting 1. */
function guarded<T extends unknown[]>(action: (...args: T) => Promise<void>) {
  return async (...args: T) => {
    try {
      await action(...args);
    } catch (error) {
      if (error instanceof BridgeError || (error as Error).name === 'DevnetError') {
        const code = error instanceof BridgeError ? error.code : 'NO_DEVNET';
        console.error(`error [${code}]: ${(error as Error).message}`);
        process.exitCode = 1;
        return;
      }
      throw error;
    }
  };
}

export function bridgeCommand(): Command {
  const bridge = new Command('bridge')
    .summary('move CR8 between the parent chain and the CR8 L3 (devnet)')
    .description(
      'The CR8 gas bridge: parent CR8 (ERC-20) is escrowed by CR8ParentBridge and arrives on the L3 as native CR8; ' +
        'native CR8 burned on the L3 is released from escrow once the withdrawal is proven and finalized. ' +
        'Signs with CR8_PRIVATE_KEY (default on the devnet: dev account 0).',
    );

  bridge
    .command('deposit')
    .summary('parent CR8 -> native CR8 on the L3')
    .description('Escrows parent CR8 (one transaction, with an EIP-2612 permit) and waits until the native CR8 is on the L3.')
    .requiredOption('--amount <CR8>', 'how much CR8 to deposit (decimal, e.g. 100 or 0.5)', parseAmount)
    .option('--to <address>', 'L3 recipient (default: the signer)', parseAddress)
    .option('--no-wait', 'return once the parent transaction is mined')
    .addOption(stateDirOption())
    .action(
      guarded(async (options: CommonOptions & { amount: bigint; to?: Address; wait: boolean }) => {
        const ctx = await context(options);
        const result = await depositCR8(ctx, { amount: options.amount, wait: options.wait, ...(options.to ? { to: options.to } : {}) });
        console.log(`deposited ${formatEther(result.amount)} CR8 for ${result.to}`);
        console.log(`  parent transaction ${result.parentTransaction} (block ${result.parentBlock})`);
        console.log(`  L3 deposit         ${result.l3Transaction}${result.l3Block !== undefined ? ` (L3 block ${result.l3Block})` : ''}`);
        console.log(result.l3Block !== undefined ? 'done: the native CR8 is on the L3' : `next: cr8 bridge status ${result.parentTransaction}`);
      }),
    );

  bridge
    .command('withdraw')
    .summary('native CR8 on the L3 -> parent CR8 (initiate, then prove)')
    .description(
      'Burns native CR8 on the L3 and sends the withdrawal message, then (unless --no-prove) waits for an output root ' +
        'and proves it on the parent. With --finalize it also waits out the finalization window and releases the CR8.',
    )
    .requiredOption('--amount <CR8>', 'how much CR8 to withdraw (decimal)', parseAmount)
    .option('--to <address>', 'parent recipient (default: the signer)', parseAddress)
    .option('--no-prove', 'only initiate on the L3')
    .option('--finalize', 'wait for the window and finalize too', false)
    .addOption(stateDirOption())
    .action(
      guarded(async (options: CommonOptions & { amount: bigint; to?: Address; prove: boolean; finalize: boolean }) => {
        const ctx = await context(options);
        const initiated = await initiateWithdrawal(ctx, { amount: options.amount, ...(options.to ? { to: options.to } : {}) });
        console.log(`initiated a withdrawal of ${formatEther(initiated.amount)} CR8 to ${initiated.to}`);
        console.log(`  L3 transaction ${initiated.l3Transaction} (L3 block ${initiated.receipt.blockNumber})`);
        if (!options.prove) return console.log(`next: cr8 bridge prove ${initiated.l3Transaction} (once an output root covers it)`);
        console.log('  waiting for an output root covering it…');
        const proven = await proveWithdrawalOf(ctx, { l3Transaction: initiated.l3Transaction, wait: true });
        console.log(`proven on the parent: ${proven.parentTransaction}`);
        if (!options.finalize)
          return console.log(`next: finalizable at ${proven.finalizableAt.toISOString()}: cr8 bridge finalize ${initiated.l3Transaction}`);
        console.log(`  waiting for the finalization window (until ${proven.finalizableAt.toISOString()})…`);
        const finalized = await finalizeWithdrawalOf(ctx, { l3Transaction: initiated.l3Transaction, wait: true });
        console.log(`finalized on the parent: ${finalized.parentTransaction}; the CR8 is released`);
      }),
    );

  bridge
    .command('prove')
    .summary('prove an initiated withdrawal on the parent')
    .argument('<l3TxHash>', 'the L3 transaction that initiated the withdrawal', parseHash)
    .option('--wait', 'wait for an output root if none covers it yet', false)
    .addOption(stateDirOption())
    .action(
      guarded(async (l3Transaction: Hash, options: CommonOptions & { wait: boolean }) => {
        const ctx = await context(options);
        const proven = await proveWithdrawalOf(ctx, { l3Transaction, wait: options.wait });
        console.log(`proven on the parent: ${proven.parentTransaction}`);
        console.log(`next: finalizable at ${proven.finalizableAt.toISOString()}: cr8 bridge finalize ${l3Transaction}`);
      }),
    );

  bridge
    .command('finalize')
    .summary('finalize a proven withdrawal: release the CR8 on the parent')
    .argument('<l3TxHash>', 'the L3 transaction that initiated the withdrawal', parseHash)
    .option('--wait', 'wait out the finalization window if it has not passed', false)
    .addOption(stateDirOption())
    .action(
      guarded(async (l3Transaction: Hash, options: CommonOptions & { wait: boolean }) => {
        const ctx = await context(options);
        const finalized = await finalizeWithdrawalOf(ctx, { l3Transaction, wait: options.wait });
        console.log(`finalized on the parent: ${finalized.parentTransaction}; the CR8 is released`);
      }),
    );

  bridge
    .command('status')
    .summary('where a deposit or withdrawal stands, and what is next')
    .argument('<txHash>', 'a parent deposit transaction or an L3 withdrawal transaction', parseHash)
    .option('--json', 'print JSON', false)
    .addOption(stateDirOption())
    .action(
      guarded(async (hash: Hash, options: CommonOptions & { json: boolean }) => {
        const ctx = await context(options);
        const status = await bridgeStatus(ctx, hash);
        if (options.json)
          console.log(JSON.stringify(status, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2));
        else console.log(`${status.kind} ${status.state}: ${status.next}`);
      }),
    );
  return bridge;
}
