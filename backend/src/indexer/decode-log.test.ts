// Decoding logs the way the CR8 contracts encode them (viem's encoder as the reference), without a chain.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agentRegistryAbi, agentTokenAbi, feeDistributorAbi } from '@cr8/contracts';
import { type Abi, type Address, encodeAbiParameters, encodeEventTopics, type Hex, keccak256, toHex } from 'viem';
import { agentTokenContract, CR8_PREDEPLOYS } from './cr8-contracts.ts';
import { decodeLog, type RawLog } from './decode-log.ts';

const registry = CR8_PREDEPLOYS.find((contract) => contract.name === 'AgentRegistry')!;
const feeDistributor = CR8_PREDEPLOYS.find((contract) => contract.name === 'FeeDistributor')!;
const CREATOR = '0xabCDeF0123456789AbcdEf0123456789aBCDEF01' as Address;
const TOKEN = '0xFfE26708114Dfb393567df432A9B3ffa282942cA' as Address;

function logOf(abi: Abi, eventName: string, args: Record<string, unknown>, address: Address = registry.address): RawLog {
  const event = abi.find((item) => item.type === 'event' && item.name === eventName);
  if (!event || event.type !== 'event') throw new Error(`no event ${eventName}`);
  const topics = encodeEventTopics({ abi: [event], eventName, args } as never) as Hex[];
  const dataInputs = event.inputs.filter((input) => !input.indexed);
  const data = encodeAbiParameters(dataInputs, dataInputs.map((input) => args[input.name!]) as never);
  return { address, topics, data, blockNumber: '0x1', blockHash: `0x${'11'.repeat(32)}`, transactionHash: `0x${'22'.repeat(32)}`, logIndex: '0x0' };
}

test('AgentRegistered: integers as decimal strings (beyond 2^53 too), addresses lower-case, bytes32 as hex', () => {
  const supply = 10n ** 27n;
  const log = logOf(agentRegistryAbi, 'AgentRegistered', {
    agentId: 7n,
    creator: CREATOR,
    token: TOKEN,
    metadataHash: `0x${'ab'.repeat(32)}`,
    tokenSupply: supply,
    creatorAllocation: supply / 10n,
    feePerExecution: 10n ** 15n,
    gpuMultiplierBps: 10_000,
  });
  assert.deepEqual(decodeLog(registry, log), {
    eventName: 'AgentRegistered',
    decoded: true,
    args: {
      agentId: '7',
      creator: CREATOR.toLowerCase(),
      token: TOKEN.toLowerCase(),
      metadataHash: `0x${'ab'.repeat(32)}`,
      tokenSupply: supply.toString(),
      creatorAllocation: (supply / 10n).toString(),
      feePerExecution: (10n ** 15n).toString(),
      gpuMultiplierBps: '10000',
    },
  });
});

test('Transfer is decoded with the emitting contract ABI: ERC-721 on the registry, ERC-20 on an agent token', () => {
  const nft = logOf(agentRegistryAbi, 'Transfer', { from: CREATOR, to: TOKEN, tokenId: 3n });
  const erc20 = logOf(agentTokenAbi, 'Transfer', { from: CREATOR, to: TOKEN, value: 3n }, TOKEN);
  assert.equal(nft.topics[0], erc20.topics[0], 'the two events share topic0');
  assert.deepEqual(decodeLog(registry, nft).args, { from: CREATOR.toLowerCase(), to: TOKEN.toLowerCase(), tokenId: '3' });
  assert.deepEqual(decodeLog(agentTokenContract(TOKEN), erc20).args, { from: CREATOR.toLowerCase(), to: TOKEN.toLowerCase(), value: '3' });
});

test('indexed strings are their hash, data strings are text; NUL (which jsonb refuses) becomes U+FFFD', () => {
  const log = logOf(agentRegistryAbi, 'MetadataSet', { agentId: 1n, indexedMetadataKey: 'model', metadataKey: 'mo\u0000del', metadataValue: '0xC0FFEE' });
  const { args } = decodeLog(registry, log);
  assert.equal(args.indexedMetadataKey, keccak256(toHex('model')));
  assert.equal(args.metadataKey, 'mo\uFFFDdel');
  assert.equal(args.metadataValue, '0xc0ffee');
});

test('a struct argument becomes an object by component name', () => {
  const split = { holdersBps: 4000, stakersBps: 1500, creatorBps: 2000, orchestratorBps: 2000, treasuryBps: 500 };
  const log = logOf(feeDistributorAbi, 'FeeSplitUpdated', { split }, feeDistributor.address);
  assert.deepEqual(decodeLog(feeDistributor, log).args, {
    split: Object.fromEntries(Object.entries(split).map(([key, value]) => [key, String(value)])),
  });
});

test('a log no ABI describes is kept raw under its topic0; malformed data and anonymous logs too', () => {
  const unknownTopic = `0x${'ee'.repeat(32)}` as Hex;
  const unknown: RawLog = { ...logOf(agentTokenAbi, 'Transfer', { from: CREATOR, to: TOKEN, value: 1n }, TOKEN), topics: [unknownTopic], data: '0x01' };
  assert.deepEqual(decodeLog(agentTokenContract(TOKEN), unknown), { eventName: unknownTopic, decoded: false, args: { topics: [unknownTopic], data: '0x01' } });

  const truncated = logOf(agentTokenAbi, 'Transfer', { from: CREATOR, to: TOKEN, value: 1n }, TOKEN);
  truncated.data = '0x1234';
  const decoded = decodeLog(agentTokenContract(TOKEN), truncated);
  assert.equal(decoded.decoded, false);
  assert.equal(decoded.eventName, truncated.topics[0]);

  assert.equal(decodeLog(registry, { ...unknown, topics: [] }).eventName, '(anonymous)');
});
