// The chain's latest block number (eth_blockNumber).
import type { Client, Hex } from 'viem';
import { callRpc } from './call-rpc.ts';

export async function getHeadBlockNumber(client: Client): Promise<bigint> {
  return BigInt(await callRpc<Hex>(client, 'eth_blockNumber', []));
}
