// Reads one block range of the chain and turns it into the rows the indexer writes: the CR8 contracts'
// events, decoded, and the headers of the blocks that have events plus the range's last block.
//
// The reads are ordered so that what gets written always comes from one chain: the last block's hash
// is read first and again last, and the logs, the first block's header and the event blocks' headers
// in between; if that hash changed, or a log's block hash disagrees with its header, the chain moved
// under us and the range is read again. The first block's parent must be the previous range's last
// block (the cursor), otherwise the cursor was reorged away and the caller rolls back. Together these
// make the stored blocks one hash-linked chain, which is what lets a rollback trust every stored block
// below the highest one that is still canonical.
//
// Agent tokens are found from the registry's AgentRegistered events in the same logs before filtering,
// so a token's own events in the range where it was registered (its mint comes before AgentRegistered
// in the registration transaction) are kept.
import type { Address, Client, Hex } from 'viem';
import { AGENT_REGISTERED_TOPIC, AGENT_REGISTRY_ADDRESS, agentTokenContract, CR8_PREDEPLOYS, type Cr8Contract } from './cr8-contracts.ts';
import { decodeLog, type JsonObject, type RawLog } from './decode-log.ts';
import { ChainChangedDuringRangeError, ReorgDetectedError } from './errors.ts';
import { type BlockHeader, getBlockHeaders } from './get-block-headers.ts';
import { getLogsInRange } from './get-logs-in-range.ts';

export type EventRow = {
  blockNumber: bigint;
  logIndex: number;
  blockHash: Hex;
  txHash: Hex;
  /** Lower-case. */
  contract: Address;
  eventName: string;
  args: JsonObject;
  /** The agent the event concerns (the registry's, market's and fee distributor's agentId, or the token's agent). */
  agentId: string | null;
  /** Whether an ABI decoded it (otherwise event_name is its topic0 and args are the raw topics and data). */
  decoded: boolean;
};

/** Agent token address (lower-case) -> agent id. */
export type AgentTokens = ReadonlyMap<Address, string>;

export type RangeData = {
  fromBlock: bigint;
  toBlock: bigint;
  /** The range's last block: the next cursor. */
  end: BlockHeader;
  /** Blocks to record, ascending: every block with events, and `end`. */
  blocks: BlockHeader[];
  events: EventRow[];
  /** Agent tokens registered in this range. */
  newTokens: Map<Address, string>;
};

export type FetchRangeParameters = {
  fromBlock: bigint;
  toBlock: bigint;
  /** The hash of block fromBlock - 1 as indexed (the cursor); null when nothing is indexed yet. */
  parentHash: Hex | null;
  agentTokens: AgentTokens;
};

const PREDEPLOYS = new Map<string, Cr8Contract>(CR8_PREDEPLOYS.map((contract) => [contract.address, contract]));
const AGENT_REGISTRY = PREDEPLOYS.get(AGENT_REGISTRY_ADDRESS)!;

function agentIdOf(contract: Cr8Contract, args: JsonObject, decoded: boolean, tokenAgentId: string | undefined): string | null {
  if (tokenAgentId !== undefined) return tokenAgentId;
  if (!decoded) return null;
  if (typeof args.agentId === 'string') return args.agentId;
  // The registry's ERC-721 Transfer/Approval name the agent `tokenId`.
  if (contract.address === AGENT_REGISTRY_ADDRESS && typeof args.tokenId === 'string') return args.tokenId;
  return null;
}

export async function fetchRange(client: Client, parameters: FetchRangeParameters): Promise<RangeData> {
  const { fromBlock, toBlock, parentHash, agentTokens } = parameters;
  const end = (await getBlockHeaders(client, [toBlock])).get(toBlock);
  if (!end) throw new ChainChangedDuringRangeError(`block ${toBlock} is gone (the chain got shorter)`);

  const logs = await getLogsInRange(client, fromBlock, toBlock);

  const newTokens = new Map<Address, string>();
  for (const log of logs) {
    if (log.topics[0] !== AGENT_REGISTERED_TOPIC || log.address.toLowerCase() !== AGENT_REGISTRY_ADDRESS) continue;
    const { args, decoded } = decodeLog(AGENT_REGISTRY, log);
    if (decoded && typeof args.token === 'string' && typeof args.agentId === 'string') newTokens.set(args.token as Address, args.agentId);
  }
  const kept: Array<{ log: RawLog; contract: Cr8Contract; tokenAgentId: string | undefined }> = [];
  for (const log of logs) {
    const address = log.address.toLowerCase() as Address;
    const predeploy = PREDEPLOYS.get(address);
    if (predeploy) {
      kept.push({ log, contract: predeploy, tokenAgentId: undefined });
      continue;
    }
    const tokenAgentId = agentTokens.get(address) ?? newTokens.get(address);
    if (tokenAgentId !== undefined) kept.push({ log, contract: agentTokenContract(address), tokenAgentId });
  }

  // The node looks the headers up while this process decodes.
  const eventBlockNumbers = [...new Set(kept.map(({ log }) => BigInt(log.blockNumber)))];
  const headersRead = getBlockHeaders(client, [fromBlock, ...eventBlockNumbers]);
  headersRead.catch(() => {}); // awaited below; a failure must not surface as unhandled meanwhile
  const events: EventRow[] = kept.map(({ log, contract, tokenAgentId }) => {
    const { eventName, args, decoded } = decodeLog(contract, log);
    return {
      blockNumber: BigInt(log.blockNumber),
      logIndex: Number(log.logIndex),
      blockHash: log.blockHash.toLowerCase() as Hex,
      txHash: log.transactionHash.toLowerCase() as Hex,
      contract: contract.address,
      eventName,
      args,
      agentId: agentIdOf(contract, args, decoded, tokenAgentId),
      decoded,
    };
  });

  const headers = await headersRead;
  const first = headers.get(fromBlock);
  if (!first) throw new ChainChangedDuringRangeError(`block ${fromBlock} is gone (the chain got shorter)`);
  if (parentHash !== null && first.parentHash !== parentHash)
    throw new ReorgDetectedError(fromBlock - 1n, `block ${fromBlock - 1n} was ${parentHash} when indexed, now ${first.parentHash}`);
  for (const event of events) {
    const header = headers.get(event.blockNumber);
    if (!header || header.hash !== event.blockHash)
      throw new ChainChangedDuringRangeError(`a log of block ${event.blockNumber} came from block ${event.blockHash}, now ${header?.hash ?? 'gone'}`);
  }
  const endAgain = (await getBlockHeaders(client, [toBlock])).get(toBlock);
  if (!endAgain || endAgain.hash !== end.hash) throw new ChainChangedDuringRangeError(`block ${toBlock} changed from ${end.hash} while its range was read`);

  const blocks = eventBlockNumbers.filter((number) => number !== toBlock).map((number) => headers.get(number)!);
  blocks.push(end);
  blocks.sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  return { fromBlock, toBlock, end, blocks, events, newTokens };
}
