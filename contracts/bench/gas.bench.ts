// `make bench-gas`: measures what CR8's contract operations cost, as transaction receipts on a real
// anvil chain (intrinsic gas and calldata included, through the real proxies), and writes
// bench/results/gas.json. The goals (issue #2) are checked and printed, never asserted by tests.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Abi,
  type Address,
  type Hex,
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  parseEther,
  publicActions,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { startAnvil } from '@cr8/chain/anvil';
import { devAccounts, localChain } from '@cr8/chain';
import { agentRegistryAbi, agentTokenAbi, cr8StakingAbi, feeDistributorAbi } from '../ts/generated.ts';
import { deployContracts } from '../ts/deploy.ts';
import { contractsDir, foundryBinary, repoRoot } from '../ts/toolchain.ts';

const CARD_URI = 'ipfs://bagaaierasords4njcts6vs7qvdjfcvgnume4hqohf65zsfguprqphs3icwea';
const SUPPLY = 1_000_000_000n * 10n ** 18n;
const SEED_BATCH = 500;
const outFile = process.argv[2] ?? join(repoRoot, 'bench', 'results', 'gas.json');

async function artifact(name: string): Promise<{ abi: Abi; bytecode: Hex }> {
  const json = JSON.parse(await readFile(join(contractsDir, 'out', `${name}.sol`, `${name}.json`), 'utf8'));
  return { abi: json.abi as Abi, bytecode: json.bytecode.object as Hex };
}

const log = (message: string) => console.error(`… ${message}`);

const anvil = await startAnvil({ disableBlockGasLimit: true });
try {
  const keys = devAccounts(8).map((a) => a.privateKey);
  const [deployer, creatorA, creatorB, creator10, creator10k, staker1, staker2, payer] = keys.map((key) =>
    privateKeyToAccount(key),
  ) as [ReturnType<typeof privateKeyToAccount>, ...ReturnType<typeof privateKeyToAccount>[]];
  const transport = http(anvil.rpcUrl);
  const chain = localChain({ id: anvil.chainId, rpcUrl: anvil.rpcUrl, name: 'bench' });
  const publicClient = createPublicClient({ chain, transport });
  const testClient = createTestClient({ chain, transport, mode: 'anvil' }).extend(publicActions);
  const wallet = (account: ReturnType<typeof privateKeyToAccount>) => createWalletClient({ chain, transport, account });

  /** Sends a transaction and returns its receipt's gasUsed, failing loudly on a revert. */
  async function gasOf(hash: Promise<Hex>): Promise<number> {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== 'success') throw new Error(`transaction ${receipt.transactionHash} reverted`);
    return Number(receipt.gasUsed);
  }

  log('deploying the CR8 contracts');
  const d = await deployContracts({ rpcUrl: anvil.rpcUrl, privateKey: keys[0]! });

  // --- ERC-20 baseline: a plain OpenZeppelin transfer from a holder to a fresh address. -------------
  const bench = await artifact('BenchERC20');
  const baselineHash = await wallet(deployer!).deployContract({
    abi: bench.abi,
    bytecode: bench.bytecode,
    args: [deployer!.address, SUPPLY],
  });
  const baseline = (await publicClient.waitForTransactionReceipt({ hash: baselineHash })).contractAddress!;

  // --- Registration: a creator's first agent, not the chain's first agent. --------------------------
  const registration = (name: string, symbol: string) => ({
    agentURI: CARD_URI,
    metadataHash: `0x${'00'.repeat(32)}` as Hex,
    tokenName: name,
    tokenSymbol: symbol,
    tokenSupply: SUPPLY,
    creatorShareBps: 1_000,
    feePerExecution: parseEther('0.001'),
    gpuMultiplierBps: 10_000,
    metadata: [],
  });
  const register = (account: ReturnType<typeof privateKeyToAccount>, name: string, symbol: string) =>
    wallet(account).writeContract({
      address: d.AgentRegistry,
      abi: agentRegistryAbi,
      functionName: 'registerAgent',
      args: [registration(name, symbol)],
    });
  log('registering agents');
  await gasOf(register(creatorA!, 'Warm-up Agent', 'WARM'));
  const registerAgent = await gasOf(register(creatorB!, 'Research Agent', 'RSRCH'));
  await gasOf(register(creator10!, 'Ten Holders', 'TEN'));
  await gasOf(register(creator10k!, 'Ten Thousand Holders', 'TENK'));
  const agent10 = 3n;
  const agent10k = 4n;
  const tokenOf = (agentId: bigint) =>
    publicClient.readContract({ address: d.AgentRegistry, abi: agentRegistryAbi, functionName: 'agentToken', args: [agentId] });
  const token10 = await tokenOf(agent10);
  const token10k = await tokenOf(agent10k);

  // --- Holders: the creator plus synthetic holders 1..n-1, seeded by a helper contract. -------------
  const seeder = await artifact('HolderSeeder');
  const seederHash = await wallet(deployer!).deployContract({ abi: seeder.abi, bytecode: seeder.bytecode });
  const seederAddress = (await publicClient.waitForTransactionReceipt({ hash: seederHash })).contractAddress!;
  const holderBase = (agentId: bigint) => 0x10000000n * agentId;
  const holderAddress = (agentId: bigint, i: number): Address =>
    `0x${(holderBase(agentId) + BigInt(i)).toString(16).padStart(40, '0')}`;
  async function seedHolders(agentId: bigint, token: Address, creator: ReturnType<typeof privateKeyToAccount>, holders: number) {
    const each = 10n ** 18n;
    const others = holders - 1;
    await gasOf(
      wallet(creator).writeContract({
        address: token,
        abi: agentTokenAbi,
        functionName: 'transfer',
        args: [seederAddress, each * BigInt(others)],
      }),
    );
    for (let start = 1; start <= others; start += SEED_BATCH) {
      const count = Math.min(SEED_BATCH, others - start + 1);
      await gasOf(
        wallet(deployer!).writeContract({
          address: seederAddress,
          abi: seeder.abi,
          functionName: 'seed',
          args: [token, holderBase(agentId), BigInt(start), BigInt(count), each],
        }),
      );
      if (holders > 1000 && (start - 1) % 2500 === 0) log(`seeded ${start + count - 1} of ${others} holders`);
    }
  }
  log('seeding 10 holders');
  await seedHolders(agent10, token10, creator10!, 10);
  log('seeding 10,000 holders');
  await seedHolders(agent10k, token10k, creator10k!, 10_000);

  // --- Stakers, so the stakers' share has somewhere to go. ------------------------------------------
  const stake = (account: ReturnType<typeof privateKeyToAccount>, value: bigint) =>
    wallet(account).writeContract({ address: d.CR8Staking, abi: cr8StakingAbi, functionName: 'stake', value });
  await gasOf(stake(staker1!, parseEther('100')));

  // --- Distribute: one warm-up each, then the measured one, in identical state shapes. -------------
  const orchestrator = '0x00000000000000000000000000000000000000c8' as Address;
  const distribute = (agentId: bigint) =>
    wallet(payer!).writeContract({
      address: d.FeeDistributor,
      abi: feeDistributorAbi,
      functionName: 'distribute',
      args: [agentId, orchestrator],
      value: parseEther('1'),
    });
  log('distributing fees');
  await gasOf(distribute(agent10));
  await gasOf(distribute(agent10k));
  const distribute10 = await gasOf(distribute(agent10));
  const distribute10k = await gasOf(distribute(agent10k));

  // --- Transfers to a fresh address, after fees accrued: agent token vs the plain ERC-20. ----------
  const fresh = (n: number): Address => `0x${(0xfeed0000n + BigInt(n)).toString(16).padStart(40, '0')}`;
  const erc20TransferBaseline = await gasOf(
    wallet(deployer!).writeContract({ address: baseline, abi: bench.abi, functionName: 'transfer', args: [fresh(1), 10n ** 18n] }),
  );
  const agentTokenTransfer = await gasOf(
    wallet(creator10k!).writeContract({
      address: token10k,
      abi: agentTokenAbi,
      functionName: 'transfer',
      args: [fresh(2), 10n ** 18n],
    }),
  );

  // --- Claims: holder #1 of each agent claims its holder fees (the first claim for both). ----------
  async function claimAs(holder: Address, agentId: bigint): Promise<number> {
    await testClient.setBalance({ address: holder, value: parseEther('1') });
    await testClient.impersonateAccount({ address: holder });
    const hash = createWalletClient({ chain, transport }).writeContract({
      account: holder,
      address: d.FeeDistributor,
      abi: feeDistributorAbi,
      functionName: 'claimHolderFees',
      args: [agentId, holder],
    });
    const gas = await gasOf(hash);
    await testClient.stopImpersonatingAccount({ address: holder });
    return gas;
  }
  log('claiming');
  const claim10 = await claimAs(holderAddress(agent10, 1), agent10);
  const claim10k = await claimAs(holderAddress(agent10k, 1), agent10k);

  // --- Staking: a new staker joins a pool that has stakers and rewards, then unstakes half. --------
  const stakeGas = await gasOf(stake(staker2!, parseEther('50')));
  const unstakeGas = await gasOf(
    wallet(staker2!).writeContract({ address: d.CR8Staking, abi: cr8StakingAbi, functionName: 'unstake', args: [parseEther('25')] }),
  );

  const forgeVersion = execFileSync(foundryBinary('forge'), ['--version']).toString().split('\n')[0];
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot }).toString().trim();
  } catch {
    // not a git checkout
  }

  const ratio = (a: number, b: number) => Math.round((a / b) * 10_000) / 10_000;
  const result = {
    registerAgent,
    agentTokenTransfer,
    erc20TransferBaseline,
    distribute: { holders10: distribute10, holders10000: distribute10k },
    claim: { holders10: claim10, holders10000: claim10k },
    stake: stakeGas,
    unstake: unstakeGas,
    goals: {
      registerAgentAtMost300k: registerAgent <= 300_000,
      transferRatio: ratio(agentTokenTransfer, erc20TransferBaseline),
      transferRatioAtMost1_5: agentTokenTransfer / erc20TransferBaseline <= 1.5,
      distributeRatio10kTo10: ratio(distribute10k, distribute10),
      claimRatio10kTo10: ratio(claim10k, claim10),
      distributeAndClaimWithin5Percent:
        Math.abs(distribute10k / distribute10 - 1) <= 0.05 && Math.abs(claim10k / claim10 - 1) <= 0.05,
    },
    meta: {
      measuredAt: new Date().toISOString(),
      commit,
      forge: forgeVersion,
      method:
        'gasUsed of real transaction receipts on anvil (intrinsic and calldata gas included, through the EIP-1967 proxies)',
    },
  };
  await mkdir(join(outFile, '..'), { recursive: true });
  await writeFile(outFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  console.error(`wrote ${outFile}`);
} finally {
  await anvil.stop();
}
