// `make bench-receipts`: what settling agent executions costs on-chain, as transaction receipts on a
// real anvil chain (intrinsic gas and calldata included, through the proxies), and writes
// bench/results/receipts.json. One batch settles 1,000 executions of 50 agents for 100 payers, every payer
// bringing a new signed authorization (the most a batch verifies); the naive way, measured in the same
// run, is one transaction per execution: the payer calls FeeDistributor.distribute for it. The goals
// (issue #5: ≤ 2,000 gas per execution, at least 30x below naive) are printed, never asserted by tests.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Abi,
  type Address,
  type Hex,
  concat,
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeAbiParameters,
  encodeFunctionData,
  http,
  keccak256,
  parseEther,
  toHex,
} from 'viem';
import { type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts';
import { startAnvil } from '@cr8/chain/anvil';
import { devAccounts, localChain } from '@cr8/chain';
import { deployContracts } from '../ts/deploy.ts';
import {
  agentRegistryAbi,
  creditVaultAbi,
  executionReceiptsAbi,
  feeDistributorAbi,
  orchestratorRegistryAbi,
  predeployProxyAbi,
} from '../ts/generated.ts';
import { contractsDir, repoRoot } from '../ts/toolchain.ts';

const EXECUTIONS = 1_000;
const AGENTS = 50;
const PAYERS = 100;
const FEE = parseEther('0.001');
const NAIVE_SAMPLES = 20;
const outFile = process.argv[2] ?? join(repoRoot, 'bench', 'results', 'receipts.json');
const log = (message: string) => console.error(`… ${message}`);

const receiptType = {
  type: 'tuple',
  components: [
    { name: 'executionId', type: 'bytes32' },
    { name: 'agentId', type: 'uint256' },
    { name: 'payer', type: 'address' },
    { name: 'inputHash', type: 'bytes32' },
    { name: 'outputHash', type: 'bytes32' },
    { name: 'gpuSeconds', type: 'uint64' },
    { name: 'fee', type: 'uint128' },
    { name: 'payerCumulative', type: 'uint128' },
  ],
} as const;
type Receipt = { executionId: Hex; agentId: bigint; payer: Address; inputHash: Hex; outputHash: Hex; gpuSeconds: bigint; fee: bigint; payerCumulative: bigint };

/** The receipt's leaf as OpenZeppelin's StandardMerkleTree (and ExecutionReceipts.receiptLeaf) makes it. */
const leafOf = (receipt: Receipt) => keccak256(keccak256(encodeAbiParameters([receiptType], [receipt])));

/** A Merkle root with sorted pairs (OpenZeppelin MerkleProof); a node without a sibling moves up. */
function merkleRoot(leaves: Hex[]): Hex {
  let layer = leaves;
  while (layer.length > 1) {
    const next: Hex[] = [];
    for (let i = 0; i < layer.length; i += 2) {
      const [a, b] = [layer[i]!, layer[i + 1]];
      next.push(b === undefined ? a : keccak256(BigInt(a) < BigInt(b) ? concat([a, b]) : concat([b, a])));
    }
    layer = next;
  }
  return layer[0]!;
}

async function artifact(name: string): Promise<{ abi: Abi; bytecode: Hex }> {
  const json = JSON.parse(await readFile(join(contractsDir, 'out', `${name}.sol`, `${name}.json`), 'utf8'));
  return { abi: json.abi as Abi, bytecode: json.bytecode.object as Hex };
}

/** What the transaction's input costs (EIP-2028: 4 gas per zero byte, 16 per other byte). */
function calldataGas(input: Hex): number {
  let gas = 0;
  for (let i = 2; i < input.length; i += 2) gas += input.slice(i, i + 2) === '00' ? 4 : 16;
  return gas;
}

type CallFrame = { type: string; to: string; input: string; gasUsed: Hex; calls?: CallFrame[] };

/** Gas spent inside each contract ExecutionReceipts calls (anvil's callTracer; inclusive, named by contract and
 *  function selector), and what ExecutionReceipts spent itself beyond the transaction's intrinsic and calldata gas. */
async function gasBreakdown(rpcUrl: string, hash: Hex, names: Record<string, string>, calldata: number) {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'debug_traceTransaction', params: [hash, { tracer: 'callTracer' }] }),
  });
  const { result: top, error } = (await response.json()) as { result: CallFrame; error?: { message: string } };
  if (error) throw new Error(`debug_traceTransaction: ${error.message}`);
  // A proxy's work happens in its DELEGATECALL to the implementation: look through it.
  const callsOf = (frame: CallFrame): CallFrame[] => (frame.calls ?? []).flatMap((call) => (call.type === 'DELEGATECALL' ? callsOf(call) : [call]));
  const calls: Record<string, number> = {};
  let inCalls = 0;
  // Every call at any depth, inclusive of what it calls in turn (so nested entries overlap their caller's).
  const walk = (frame: CallFrame, path: string) => {
    for (const call of callsOf(frame)) {
      const name = names[call.to.toLowerCase()];
      const key = `${path}${name === undefined ? (BigInt(call.to) === 1n ? 'ecrecover' : call.to) : `${name}.${call.input.slice(0, 10)}`}`;
      calls[key] = (calls[key] ?? 0) + Number(call.gasUsed);
      walk(call, `${key} > `);
    }
  };
  walk(top, '');
  for (const call of callsOf(top)) inCalls += Number(call.gasUsed);
  return { intrinsic: 21_000, calldata, executionReceipts: Number(top.gasUsed) - 21_000 - calldata - inCalls, calls };
}

const anvil = await startAnvil({ disableBlockGasLimit: true });
try {
  const [deployer, orchestrator, creator] = devAccounts(3).map((a) => privateKeyToAccount(a.privateKey)) as [PrivateKeyAccount, PrivateKeyAccount, PrivateKeyAccount];
  const transport = http(anvil.rpcUrl);
  const chain = localChain({ id: anvil.chainId, rpcUrl: anvil.rpcUrl, name: 'bench' });
  const publicClient = createPublicClient({ chain, transport });
  const testClient = createTestClient({ chain, transport, mode: 'anvil' });
  const wallet = (account: PrivateKeyAccount) => createWalletClient({ chain, transport, account });
  async function mined(hash: Promise<Hex>) {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== 'success') throw new Error(`transaction ${receipt.transactionHash} reverted`);
    return receipt;
  }

  log('deploying the CR8 contracts');
  const d = await deployContracts({ rpcUrl: anvil.rpcUrl, privateKey: devAccounts(1)[0]!.privateKey });

  log('deploying OrchestratorRegistry, CreditVault and ExecutionReceipts behind their proxies');
  const proxy = await artifact('PredeployProxy');
  const deploy = async (code: { abi: Abi; bytecode: Hex }, args: unknown[]) =>
    (await mined(wallet(deployer).deployContract({ abi: code.abi, bytecode: code.bytecode, args }))).contractAddress!;
  const [registryProxy, vaultProxy, receiptsProxy] = [
    await deploy(proxy, [deployer.address]),
    await deploy(proxy, [deployer.address]),
    await deploy(proxy, [deployer.address]),
  ];
  const install = async (at: Address, implementation: Address, initialize: Hex) =>
    mined(wallet(deployer).writeContract({ address: at, abi: predeployProxyAbi, functionName: 'upgradeToAndCall', args: [implementation, initialize] }));
  const init = (abi: Abi) => encodeFunctionData({ abi, functionName: 'initialize', args: [deployer.address, deployer.address] });
  await install(registryProxy, await deploy(await artifact('OrchestratorRegistry'), [receiptsProxy, parseEther('1000'), 14n * 86_400n]), init(orchestratorRegistryAbi));
  await install(vaultProxy, await deploy(await artifact('CreditVault'), [receiptsProxy, 86_400n]), init(creditVaultAbi));
  await install(
    receiptsProxy,
    await deploy(await artifact('ExecutionReceipts'), [vaultProxy, d.FeeDistributor, registryProxy, 7n * 86_400n, parseEther('500')]),
    init(executionReceiptsAbi),
  );

  await testClient.setBalance({ address: orchestrator.address, value: parseEther('1000000') });
  await mined(
    wallet(orchestrator).writeContract({
      address: registryProxy,
      abi: orchestratorRegistryAbi,
      functionName: 'register',
      value: parseEther('2000'),
      args: [{ gpuModel: toHex('H100-80GB', { size: 32 }), gpuCount: 8, vramGbPerGpu: 80, region: toHex('eu-west', { size: 32 }), pricePerGpuSecond: 10n ** 12n, endpoint: 'https://orchestrator.example/v1' }],
    }),
  );

  log(`registering ${AGENTS} agents`);
  const agentIds: bigint[] = [];
  for (let i = 0; i < AGENTS; i++) {
    await mined(
      wallet(creator).writeContract({
        address: d.AgentRegistry,
        abi: agentRegistryAbi,
        functionName: 'registerAgent',
        args: [{ agentURI: '', metadataHash: `0x${'00'.repeat(32)}`, tokenName: `Agent ${i}`, tokenSymbol: `AG${i}`, tokenSupply: 10n ** 27n, creatorShareBps: 1_000, feePerExecution: FEE, gpuMultiplierBps: 10_000, metadata: [] }],
      }),
    );
    agentIds.push(BigInt(i + 1));
  }

  log(`${PAYERS} payers each fund a CreditVault channel with the orchestrator`);
  const payers = Array.from({ length: PAYERS }, (_, i) => privateKeyToAccount(keccak256(toHex(`cr8 bench payer ${i}`))));
  for (const payer of payers) {
    await testClient.setBalance({ address: payer.address, value: parseEther('100') });
    await mined(wallet(payer).writeContract({ address: vaultProxy, abi: creditVaultAbi, functionName: 'deposit', args: [orchestrator.address], value: parseEther('10') }));
  }

  /** One batch of EXECUTIONS: execution i is payer i % PAYERS running agent i % AGENTS; every payer signs a new cumulative authorization. */
  const charged = new Map<Address, bigint>();
  async function batch(round: number) {
    const receipts: Receipt[] = [];
    const perAgent = new Map<bigint, bigint>();
    for (let i = 0; i < EXECUTIONS; i++) {
      const payer = payers[i % PAYERS]!.address;
      const agentId = agentIds[i % AGENTS]!;
      const cumulative = (charged.get(payer) ?? 0n) + FEE;
      charged.set(payer, cumulative);
      perAgent.set(agentId, (perAgent.get(agentId) ?? 0n) + FEE);
      const executionId = keccak256(toHex(`execution ${round}-${i}`));
      receipts.push({ executionId, agentId, payer, inputHash: keccak256(concat([executionId, '0x01'])), outputHash: keccak256(concat([executionId, '0x02'])), gpuSeconds: 2n, fee: FEE, payerCumulative: cumulative });
    }
    const charges = await Promise.all(
      payers.map(async (payer) => {
        const chargeTo = charged.get(payer.address)!;
        const signature = await payer.signTypedData({
          domain: { name: 'CR8 CreditVault', version: '1', chainId: anvil.chainId, verifyingContract: vaultProxy },
          types: { SpendingAuthorization: [{ name: 'payer', type: 'address' }, { name: 'orchestrator', type: 'address' }, { name: 'cumulativeAmount', type: 'uint256' }] },
          primaryType: 'SpendingAuthorization',
          message: { payer: payer.address, orchestrator: orchestrator.address, cumulativeAmount: chargeTo },
        });
        return { payer: payer.address, authorizedCumulative: chargeTo, chargeTo, signature };
      }),
    );
    const agentFees = [...perAgent].map(([agentId, amount]) => ({ agentId, amount }));
    const receipt = await mined(
      wallet(orchestrator).writeContract({
        address: receiptsProxy,
        abi: executionReceiptsAbi,
        functionName: 'postBatch',
        args: [BigInt(round), merkleRoot(receipts.map(leafOf)), EXECUTIONS, agentFees, charges],
      }),
    );
    const transaction = await publicClient.getTransaction({ hash: receipt.transactionHash });
    return { gas: Number(receipt.gasUsed), hash: receipt.transactionHash, calldataBytes: (transaction.input.length - 2) / 2, calldataGas: calldataGas(transaction.input) };
  }

  log('posting the first batch (every storage slot written for the first time)');
  const first = await batch(0);
  log('posting the measured batch');
  const measured = await batch(1);

  // The batch really settled: each payer was charged 20 executions in all, the vault kept the rest.
  const account = await publicClient.readContract({ address: vaultProxy, abi: creditVaultAbi, functionName: 'channelOf', args: [payers[0]!.address, orchestrator.address] });
  if (account.balance !== parseEther('10') - 20n * FEE) throw new Error(`payer 0 holds ${account.balance} in the vault, expected ${parseEther('10') - 20n * FEE}`);

  const breakdown = await gasBreakdown(anvil.rpcUrl, measured.hash, { [vaultProxy.toLowerCase()]: 'CreditVault', [d.FeeDistributor.toLowerCase()]: 'FeeDistributor', [registryProxy.toLowerCase()]: 'OrchestratorRegistry', [d.CR8Staking.toLowerCase()]: 'CR8Staking', [d.AgentRegistry.toLowerCase()]: 'AgentRegistry', [receiptsProxy.toLowerCase()]: 'ExecutionReceipts' }, measured.calldataGas);

  log(`the naive way: ${NAIVE_SAMPLES} executions, one FeeDistributor.distribute transaction each`);
  let naiveGas = 0;
  for (let i = 0; i < NAIVE_SAMPLES; i++) {
    const payer = payers[i]!;
    const receipt = await mined(
      wallet(payer).writeContract({ address: d.FeeDistributor, abi: feeDistributorAbi, functionName: 'distribute', value: FEE, args: [agentIds[(i * 7) % AGENTS]!, orchestrator.address] }),
    );
    naiveGas += Number(receipt.gasUsed);
  }
  const naiveGasPerExecution = Math.round(naiveGas / NAIVE_SAMPLES);
  const gasPerExecution = Math.round(measured.gas / EXECUTIONS);

  const result = {
    executions: EXECUTIONS,
    agents: AGENTS,
    payers: PAYERS,
    batchGas: measured.gas,
    gasPerExecution,
    naiveGasPerExecution,
    details: {
      method: `one postBatch transaction on anvil settling ${EXECUTIONS} executions (${AGENTS} agents, ${PAYERS} payers, each with a new EIP-712 authorization), after a first batch with the same shape; naive: ${NAIVE_SAMPLES} FeeDistributor.distribute transactions, one per execution, averaged`,
      batchCalldataBytes: measured.calldataBytes,
      gasBreakdown: breakdown,
      firstBatchGas: first.gas,
      firstBatchGasPerExecution: Math.round(first.gas / EXECUTIONS),
      naiveOverBatch: Number((naiveGasPerExecution / gasPerExecution).toFixed(1)),
    },
    goals: { gasPerExecution: 2_000, naiveOverBatch: 30 },
    met: { gasPerExecution: gasPerExecution <= 2_000, naiveOverBatch: naiveGasPerExecution >= 30 * gasPerExecution },
    measuredAt: new Date().toISOString(),
  };
  await mkdir(join(repoRoot, 'bench', 'results'), { recursive: true });
  await writeFile(outFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await anvil.stop();
}
