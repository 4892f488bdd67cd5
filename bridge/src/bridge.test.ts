// End to end on a real devnet (two anvils, relayer, proposer): call a CR8 predeploy through the L3 RPC,
// deposit parent CR8 and withdraw it back through viem's OP Stack actions, as a wallet would, and check
// the bridge's accounting and every refusal on the way.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type Devnet, freePort, startDepositRelayer, startDevnet } from '@cr8/chain';
import { agentRegistryAbi, cr8L3BridgeAbi, cr8TokenAbi, liquidityControllerAbi } from '@cr8/contracts';
import { predeployAddress } from '@cr8/predeploys/addresses';
import { parseAbi, parseEther } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { type BridgeContext, devnetBridgeContext } from './context.ts';
import { depositCR8 } from './deposit.ts';
import { BridgeError } from './errors.ts';
import { bridgeStatus } from './status.ts';
import { finalizeWithdrawalOf, initiateWithdrawal, proveWithdrawalOf, withdrawalStatus } from './withdraw.ts';

let devnet: Devnet;
let stateDir: string;
let alice: BridgeContext;

before(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'cr8-bridge-test-'));
  devnet = await startDevnet({
    parentPort: await freePort(),
    l3Port: await freePort(),
    blockTime: 1,
    parentBlockTime: 1,
    finalizationPeriodSeconds: 3,
    proposalIntervalMs: 300,
    stateDir,
  });
  alice = devnetBridgeContext(devnet, privateKeyToAccount(devnet.accounts[1]!.privateKey));
});

after(async () => {
  await devnet?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

function rejectsWith(code: BridgeError['code']) {
  return (error: unknown) => {
    assert.ok(error instanceof BridgeError, `expected a BridgeError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return true;
  };
}

async function escrowAndSupply() {
  const [escrow, minted, burned] = await Promise.all([
    alice.parent.readContract({ address: alice.contracts.token, abi: cr8TokenAbi, functionName: 'balanceOf', args: [alice.contracts.parentBridge] }),
    alice.l3.readContract({ address: alice.contracts.l3Bridge, abi: cr8L3BridgeAbi, functionName: 'totalMinted' }),
    alice.l3.readContract({ address: alice.contracts.l3Bridge, abi: cr8L3BridgeAbi, functionName: 'totalBurned' }),
  ]);
  return { escrow, minted, burned };
}

test('the CR8 predeploys answer on the L3 RPC, initialized from the genesis params', async () => {
  const registry = predeployAddress.AgentRegistry;
  assert.equal(await alice.l3.getChainId(), devnet.genesisParams.chainId);
  const hash = await alice.l3Wallet.writeContract({
    address: registry,
    abi: agentRegistryAbi,
    functionName: 'register',
    args: ['ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'],
  });
  const receipt = await alice.l3.waitForTransactionReceipt({ hash });
  assert.equal(receipt.status, 'success');
  assert.equal(await alice.l3.readContract({ address: registry, abi: agentRegistryAbi, functionName: 'totalAgents' }), 1n);
  assert.equal(await alice.l3.readContract({ address: registry, abi: agentRegistryAbi, functionName: 'ownerOf', args: [1n] }), alice.account.address);
  // The bridge is the LiquidityController's minter, and WETH at 0x…06 is Wrapped CR8.
  assert.equal(
    await alice.l3.readContract({ address: predeployAddress.LiquidityController, abi: liquidityControllerAbi, functionName: 'minters', args: [predeployAddress.CR8L3Bridge] }),
    true,
  );
  const weth = parseAbi(['function name() view returns (string)', 'function symbol() view returns (string)']);
  assert.equal(await alice.l3.readContract({ address: predeployAddress.WrappedCR8, abi: weth, functionName: 'name' }), 'Wrapped CR8');
});

test('deposit: parent CR8 arrives as native CR8 on the L3, escrowed on the parent', async () => {
  const before = await alice.l3.getBalance({ address: alice.account.address });
  const result = await depositCR8(alice, { amount: parseEther('100') });
  assert.ok(result.l3Block !== undefined);
  assert.equal(await alice.l3.getBalance({ address: alice.account.address }), before + parseEther('100'));
  const { escrow, minted, burned } = await escrowAndSupply();
  assert.equal(escrow, parseEther('100'));
  assert.equal(escrow, minted - burned);
  const status = await bridgeStatus(alice, result.parentTransaction);
  assert.equal(status.kind, 'deposit');
  assert.equal(status.state, 'completed');
});

test('deposit to another recipient, and refusals: zero, more than the balance', async () => {
  const bob = devnet.accounts[2]!.address;
  const before = await alice.l3.getBalance({ address: bob });
  await depositCR8(alice, { amount: parseEther('1.5'), to: bob });
  assert.equal(await alice.l3.getBalance({ address: bob }), before + parseEther('1.5'));
  await assert.rejects(depositCR8(alice, { amount: 0n }), rejectsWith('INVALID_AMOUNT'));
  await assert.rejects(depositCR8(alice, { amount: parseEther('100000000') }), rejectsWith('INSUFFICIENT_BALANCE'));
});

test('a restarted relayer never relays a deposit twice', async () => {
  const relayer = startDepositRelayer({ parent: alice.parent, l3: alice.l3, portal: alice.contracts.portal, pollingIntervalMs: 60_000 });
  try {
    assert.equal(await relayer.catchUp(), 0);
  } finally {
    await relayer.stop();
  }
});

test('withdraw: burn on the L3, prove against the output root, finalize after the window', async () => {
  const parentBefore = await alice.parent.readContract({ address: alice.contracts.token, abi: cr8TokenAbi, functionName: 'balanceOf', args: [alice.account.address] });
  const initiated = await initiateWithdrawal(alice, { amount: parseEther('40') });
  assert.match(await withdrawalStatus(alice, initiated.l3Transaction), /^(waiting-to-prove|ready-to-prove)$/);
  await assert.rejects(finalizeWithdrawalOf(alice, { l3Transaction: initiated.l3Transaction }), rejectsWith('NOT_READY_TO_FINALIZE'));

  const proven = await proveWithdrawalOf(alice, { l3Transaction: initiated.l3Transaction, wait: true });
  assert.ok(proven.finalizableAt.getTime() > Date.now() - 1000);
  assert.equal(await withdrawalStatus(alice, initiated.l3Transaction), 'waiting-to-finalize');
  const status = await bridgeStatus(alice, initiated.l3Transaction);
  assert.match(status.next, /^proven; finalizable at /);
  await assert.rejects(proveWithdrawalOf(alice, { l3Transaction: initiated.l3Transaction }), rejectsWith('ALREADY_PROVEN'));
  await assert.rejects(finalizeWithdrawalOf(alice, { l3Transaction: initiated.l3Transaction }), rejectsWith('NOT_READY_TO_FINALIZE'));

  await finalizeWithdrawalOf(alice, { l3Transaction: initiated.l3Transaction, wait: true });
  assert.equal(await withdrawalStatus(alice, initiated.l3Transaction), 'finalized');
  const parentAfter = await alice.parent.readContract({ address: alice.contracts.token, abi: cr8TokenAbi, functionName: 'balanceOf', args: [alice.account.address] });
  assert.equal(parentAfter, parentBefore + parseEther('40'));
  await assert.rejects(finalizeWithdrawalOf(alice, { l3Transaction: initiated.l3Transaction }), rejectsWith('ALREADY_FINALIZED'));

  // Invariant: the parent escrow equals what the bridge minted on the L3 minus what it burned.
  const { escrow, minted, burned } = await escrowAndSupply();
  assert.equal(escrow, parseEther('61.5'));
  assert.equal(escrow, minted - burned);
});

test('a transaction that is not a bridge operation is refused with a code', async () => {
  const hash = await alice.l3Wallet.sendTransaction({ to: devnet.accounts[3]!.address, value: 1n });
  await alice.l3.waitForTransactionReceipt({ hash });
  await assert.rejects(proveWithdrawalOf(alice, { l3Transaction: hash }), rejectsWith('NO_WITHDRAWAL_IN_TRANSACTION'));
  await assert.rejects(bridgeStatus(alice, `0x${'ab'.repeat(32)}`), rejectsWith('UNKNOWN_TRANSACTION'));
  await assert.rejects(initiateWithdrawal(alice, { amount: parseEther('1000000') }), rejectsWith('INSUFFICIENT_BALANCE'));
});
