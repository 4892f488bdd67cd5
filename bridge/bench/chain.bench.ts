// `make bench-chain`: how fast the devnet comes up and how long the CR8 gas bridge takes, on this
// machine, with the devnet's default block times -> bench/results/chain.json.
//   devnetReadySeconds          startDevnet() called -> both chains, relayer and proposer ready
//   depositSeconds              parent deposit transaction sent -> native CR8 visible on the L3 (median of 5)
//   depositL3Blocks             L3 blocks between the parent inclusion and the L3 inclusion (worst of 5)
//   withdrawalSeconds           L3 withdraw sent -> parent CR8 released (prove + window + finalize)
//   finalizationWindowSeconds   the output oracle's window used for the run
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startDevnet } from '@cr8/chain';
import { cr8ParentBridgeAbi, cr8TokenAbi } from '@cr8/contracts';
import { repoRoot } from '@cr8/contracts/toolchain';
import { parseEther } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { getL2TransactionHashes } from 'viem/op-stack';
import { devnetBridgeContext } from '../src/context.ts';
import { finalizeWithdrawalOf, initiateWithdrawal, proveWithdrawalOf } from '../src/withdraw.ts';

const FINALIZATION_WINDOW = 12;
const stateDir = await mkdtemp(join(tmpdir(), 'cr8-bench-chain-'));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const startedAt = performance.now();
const devnet = await startDevnet({ parentPort: await freePort(), l3Port: await freePort(), finalizationPeriodSeconds: FINALIZATION_WINDOW, stateDir });
const devnetReadySeconds = (performance.now() - startedAt) / 1000;
console.log(`devnet ready in ${devnetReadySeconds.toFixed(2)} s (L3 blocks every ${devnet.l3.blockTime} s, parent every ${devnet.parent.blockTime} s)`);

try {
  const ctx = devnetBridgeContext(devnet, privateKeyToAccount(devnet.accounts[1]!.privateKey));
  // One approval up front, so each sample is exactly one parent transaction: the deposit itself.
  const approval = await ctx.parentWallet.writeContract({ address: ctx.contracts.token, abi: cr8TokenAbi, functionName: 'approve', args: [ctx.contracts.parentBridge, parseEther('1000')] });
  await ctx.parent.waitForTransactionReceipt({ hash: approval });

  const depositSeconds: number[] = [];
  const depositBlocks: number[] = [];
  for (let i = 0; i < 5; i++) {
    const balanceBefore = await ctx.l3.getBalance({ address: ctx.account.address });
    const sentAt = performance.now();
    const hash = await ctx.parentWallet.writeContract({ address: ctx.contracts.parentBridge, abi: cr8ParentBridgeAbi, functionName: 'deposit', args: [ctx.account.address, parseEther('10')] });
    const receipt = await ctx.parent.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    const l3HeadAtInclusion = await ctx.l3.getBlockNumber();
    while ((await ctx.l3.getBalance({ address: ctx.account.address })) < balanceBefore + parseEther('10')) await new Promise((r) => setTimeout(r, 20));
    depositSeconds.push((performance.now() - sentAt) / 1000);
    const l3Receipt = await ctx.l3.getTransactionReceipt({ hash: getL2TransactionHashes(receipt)[0]! });
    depositBlocks.push(Number(l3Receipt.blockNumber - l3HeadAtInclusion));
    console.log(`deposit ${i + 1}: ${depositSeconds.at(-1)!.toFixed(2)} s, ${depositBlocks.at(-1)} L3 block(s) after its parent inclusion`);
  }

  const withdrawStartedAt = performance.now();
  const initiated = await initiateWithdrawal(ctx, { amount: parseEther('5') });
  await proveWithdrawalOf(ctx, { l3Transaction: initiated.l3Transaction, wait: true });
  await finalizeWithdrawalOf(ctx, { l3Transaction: initiated.l3Transaction, wait: true });
  const withdrawalSeconds = (performance.now() - withdrawStartedAt) / 1000;
  console.log(`withdrawal released on the parent after ${withdrawalSeconds.toFixed(2)} s (window ${FINALIZATION_WINDOW} s)`);

  const result = {
    devnetReadySeconds: Number(devnetReadySeconds.toFixed(2)),
    depositSeconds: Number(median(depositSeconds).toFixed(2)),
    depositL3Blocks: Math.max(...depositBlocks),
    withdrawalSeconds: Number(withdrawalSeconds.toFixed(2)),
    finalizationWindowSeconds: FINALIZATION_WINDOW,
    l3BlockTimeSeconds: devnet.l3.blockTime,
    parentBlockTimeSeconds: devnet.parent.blockTime,
    samples: { depositSeconds: depositSeconds.map((s) => Number(s.toFixed(2))), depositL3Blocks: depositBlocks },
    goals: { devnetReadySeconds: 20, depositL3Blocks: 2 },
    measuredAt: new Date().toISOString(),
  };
  await mkdir(join(repoRoot, 'bench', 'results'), { recursive: true });
  await writeFile(join(repoRoot, 'bench', 'results', 'chain.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await devnet.stop();
  await rm(stateDir, { recursive: true, force: true });
}
