// The shape of an op-geth genesis file (core.Genesis marshalled to JSON). Numbers may be hex strings or
// JSON numbers on input; the builder writes hex strings for header fields, as op-geth and op-deployer do.
import type { Address, Hex } from 'viem';

export type GenesisAccount = {
  code?: Hex;
  storage?: Record<Hex, Hex>;
  balance: Hex | string;
  nonce?: Hex | string | number;
};

export type GenesisChainConfig = {
  chainId: number;
  [fork: string]: unknown;
  optimism?: { eip1559Elasticity: number; eip1559Denominator: number; eip1559DenominatorCanyon?: number };
};

export type OpGethGenesis = {
  config: GenesisChainConfig | null;
  nonce?: Hex | string | number;
  timestamp?: Hex | string | number;
  extraData?: Hex;
  gasLimit?: Hex | string | number;
  difficulty?: Hex | string | number;
  mixHash?: Hex;
  coinbase?: Address;
  alloc: Record<string, GenesisAccount>;
  number?: Hex | string | number;
  gasUsed?: Hex | string | number;
  parentHash?: Hex;
  baseFeePerGas?: Hex | string | number | null;
  excessBlobGas?: Hex | string | number | null;
  blobGasUsed?: Hex | string | number | null;
};
