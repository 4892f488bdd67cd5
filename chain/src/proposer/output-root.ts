// The OP Stack output root of an L3 block: keccak256(version 0 ‖ stateRoot ‖ the L2ToL1MessagePasser's
// storage root ‖ blockHash). Withdrawals are proven on the parent against it.
import { type Block, type Hash, type PublicClient, concat, keccak256, pad } from 'viem';

export const L2_TO_L1_MESSAGE_PASSER = '0x4200000000000000000000000000000000000016';
export const OUTPUT_ROOT_VERSION = pad('0x0', { size: 32 });

export type OutputRootProof = {
  version: Hash;
  stateRoot: Hash;
  messagePasserStorageRoot: Hash;
  latestBlockhash: Hash;
};

export function outputRoot(proof: OutputRootProof): Hash {
  return keccak256(concat([proof.version, proof.stateRoot, proof.messagePasserStorageRoot, proof.latestBlockhash]));
}

/** Reads what an output root commits to for `blockNumber` from the L3's RPC. */
export async function outputRootProofAt(l3: PublicClient, blockNumber: bigint): Promise<{ block: Block; proof: OutputRootProof }> {
  const [block, account] = await Promise.all([
    l3.getBlock({ blockNumber }),
    l3.getProof({ address: L2_TO_L1_MESSAGE_PASSER, storageKeys: [], blockNumber }),
  ]);
  if (!block.hash) throw new Error(`L3 block ${blockNumber} has no hash yet`);
  return {
    block,
    proof: {
      version: OUTPUT_ROOT_VERSION,
      stateRoot: block.stateRoot,
      messagePasserStorageRoot: account.storageHash,
      latestBlockhash: block.hash,
    },
  };
}
