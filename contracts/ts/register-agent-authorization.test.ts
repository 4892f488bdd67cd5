import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type Address,
  type Hex,
  BaseError,
  ContractFunctionRevertedError,
  concat,
  createPublicClient,
  createWalletClient,
  encodeAbiParameters,
  hashTypedData,
  http,
  keccak256,
  parseEther,
  stringToHex,
  verifyTypedData,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { startAnvil } from '@cr8/chain/anvil';
import { devAccounts, localChain } from '@cr8/chain';
import { deployContracts } from './deploy.ts';
import { agentRegistryAbi } from './generated.ts';
import {
  type AgentRegistration,
  registerAgentEncodedType,
  registerAgentTypedData,
} from './register-agent-authorization.ts';

const registration: AgentRegistration = {
  agentURI: 'https://agents.example.com/research/agent-card.json',
  metadataHash: keccak256(stringToHex('agent card')),
  tokenName: 'Solidity Auditor',
  tokenSymbol: 'AUDIT',
  tokenSupply: 21_000_000n * 10n ** 18n,
  creatorShareBps: 2500,
  feePerExecution: parseEther('0.02'),
  gpuMultiplierBps: 15_000,
  metadata: [
    { metadataKey: 'model', metadataValue: stringToHex('gpt-oss-120b') },
    { metadataKey: 'endpoint', metadataValue: encodeAbiParameters([{ type: 'uint256' }], [42n]) },
  ],
};

/** The EIP-712 digest computed by hand from the documented type strings, independent of viem's encoder. */
function digestByHand(registry: Address, chainId: number, creator: Address, nonce: bigint, deadline: bigint): Hex {
  const bytes32 = { type: 'bytes32' } as const;
  const hashString = (value: string) => keccak256(stringToHex(value));
  const entryTypehash = hashString('MetadataEntry(string metadataKey,bytes metadataValue)');
  const registrationType = registerAgentEncodedType.slice(registerAgentEncodedType.indexOf('AgentRegistration('));
  const entryHashes = registration.metadata.map((entry) =>
    keccak256(
      encodeAbiParameters(
        [bytes32, bytes32, bytes32],
        [entryTypehash, hashString(entry.metadataKey), keccak256(entry.metadataValue)],
      ),
    ),
  );
  const registrationHash = keccak256(
    encodeAbiParameters(
      [bytes32, bytes32, bytes32, bytes32, bytes32, { type: 'uint96' }, { type: 'uint16' }, { type: 'uint96' }, { type: 'uint32' }, bytes32],
      [
        hashString(registrationType),
        hashString(registration.agentURI),
        registration.metadataHash,
        hashString(registration.tokenName),
        hashString(registration.tokenSymbol),
        registration.tokenSupply,
        registration.creatorShareBps,
        registration.feePerExecution,
        registration.gpuMultiplierBps,
        keccak256(concat(entryHashes)),
      ],
    ),
  );
  const structHash = keccak256(
    encodeAbiParameters(
      [bytes32, bytes32, { type: 'address' }, { type: 'uint256' }, { type: 'uint256' }],
      [hashString(registerAgentEncodedType), registrationHash, creator, nonce, deadline],
    ),
  );
  const domainSeparator = keccak256(
    encodeAbiParameters(
      [bytes32, bytes32, bytes32, { type: 'uint256' }, { type: 'address' }],
      [
        hashString('EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)'),
        hashString('ERC8004IdentityRegistry'),
        hashString('1'),
        BigInt(chainId),
        registry,
      ],
    ),
  );
  return keccak256(concat(['0x1901', domainSeparator, structHash]));
}

/** The custom error name a rejected call reverted with. */
function revertName(error: unknown): string | undefined {
  const reverted = error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : null;
  return reverted instanceof ContractFunctionRevertedError ? reverted.data?.errorName : undefined;
}

test('registerAgentTypedData hashes as the documented EIP-712 type strings say', () => {
  const registry: Address = '0x4200000000000000000000000000000000000800';
  const creator: Address = '0x000000000000000000000000000000000000c8c8';
  const typedData = registerAgentTypedData({ registry, chainId: 8453, registration, creator, nonce: 7n, deadline: 1_750_000_000n });
  assert.equal(typedData.primaryType, 'RegisterAgent');
  assert.deepEqual(typedData.domain, {
    name: 'ERC8004IdentityRegistry',
    version: '1',
    chainId: 8453,
    verifyingContract: registry,
  });
  assert.equal(hashTypedData(typedData), digestByHand(registry, 8453, creator, 7n, 1_750_000_000n));
  // Every signed field moves the digest.
  const other = registerAgentTypedData({
    registry,
    chainId: 8453,
    registration: { ...registration, metadata: [...registration.metadata].reverse() },
    creator,
    nonce: 7n,
    deadline: 1_750_000_000n,
  });
  assert.notEqual(hashTypedData(other), hashTypedData(typedData));
});

test('registerAgentFor accepts a registration signed with registerAgentTypedData, once', async () => {
  const anvil = await startAnvil();
  try {
    const [deployerKey, relayerKey] = devAccounts(2).map((a) => a.privateKey);
    const deployer = privateKeyToAccount(deployerKey!);
    const relayerAccount = privateKeyToAccount(relayerKey!);
    const deployment = await deployContracts({ rpcUrl: anvil.rpcUrl, privateKey: deployerKey! });
    const chain = localChain({ id: anvil.chainId, rpcUrl: anvil.rpcUrl, name: 'register-agent-authorization' });
    const transport = http(anvil.rpcUrl);
    const client = createPublicClient({ chain, transport });
    const governance = createWalletClient({ chain, transport, account: deployer });
    const relayer = createWalletClient({ chain, transport, account: relayerAccount });
    const registry = { address: deployment.AgentRegistry, abi: agentRegistryAbi } as const;

    // The governance sets a fee, so the relayer visibly pays it.
    const fee = parseEther('1');
    await client.waitForTransactionReceipt({
      hash: await governance.writeContract({ ...registry, functionName: 'setRegistrationFee', args: [fee] }),
    });

    // The creator is a fresh key with no funds: it only signs.
    const creator = privateKeyToAccount(generatePrivateKey());
    const nonce = await client.readContract({ ...registry, functionName: 'registrationNonce', args: [creator.address] });
    assert.equal(nonce, 0n);
    const { timestamp } = await client.getBlock();
    const deadline = timestamp + 600n;
    const typedData = registerAgentTypedData({
      registry: deployment.AgentRegistry,
      chainId: anvil.chainId,
      registration,
      creator: creator.address,
      nonce,
      deadline,
    });
    const signature = await creator.signTypedData(typedData);
    assert.equal(await verifyTypedData({ ...typedData, address: creator.address, signature }), true);

    // A tampered field is refused.
    await assert.rejects(
      client.simulateContract({
        ...registry,
        account: relayerAccount,
        functionName: 'registerAgentFor',
        args: [{ ...registration, tokenSupply: registration.tokenSupply + 1n }, creator.address, deadline, signature],
        value: fee,
      }),
      (error: unknown) => revertName(error) === 'InvalidCreatorSignature',
    );

    const relayerBefore = await client.getBalance({ address: relayerAccount.address });
    const hash = await relayer.writeContract({
      ...registry,
      functionName: 'registerAgentFor',
      args: [registration, creator.address, deadline, signature],
      value: fee,
    });
    const receipt = await client.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, 'success');
    const relayerAfter = await client.getBalance({ address: relayerAccount.address });
    assert.equal(relayerBefore - relayerAfter, fee + receipt.gasUsed * receipt.effectiveGasPrice);

    assert.equal(await client.readContract({ ...registry, functionName: 'ownerOf', args: [1n] }), creator.address);
    assert.equal(await client.readContract({ ...registry, functionName: 'creatorOf', args: [1n] }), creator.address);
    assert.equal(
      await client.readContract({ ...registry, functionName: 'registrationNonce', args: [creator.address] }),
      1n,
    );
    assert.equal(await client.getBalance({ address: creator.address }), 0n);
    assert.equal(
      await client.readContract({ ...registry, functionName: 'getMetadata', args: [1n, 'model'] }),
      stringToHex('gpt-oss-120b'),
    );

    // The same signature cannot register a second agent.
    await assert.rejects(
      client.simulateContract({
        ...registry,
        account: relayerAccount,
        functionName: 'registerAgentFor',
        args: [registration, creator.address, deadline, signature],
        value: fee,
      }),
      (error: unknown) => revertName(error) === 'InvalidCreatorSignature',
    );
  } finally {
    await anvil.stop();
  }
});
