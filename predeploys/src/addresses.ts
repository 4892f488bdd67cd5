// The one table of every predeploy on the CR8 L3. `make genesis` exports it as predeploys/addresses.json
// and as contracts/src/libraries/Predeploys.sol, and places each entry in genesis.json.
//
// Protocol predeploys sit in the OP Stack's reserved range 0x4200…0000-0x4200…07FF, behind a proxy whose
// implementation lives at 0xc0d3c0d3…<last two bytes>, exactly as op-geth expects. CR8's own predeploys sit
// outside that range at 0xC800…00XX, with their implementations at 0xc8c0d3c0…<last two bytes>.
import { type Address, getAddress } from 'viem';

export type PredeployGroup = 'op-protocol' | 'custom-gas-token' | 'cr8';

export type Predeploy = {
  name: string;
  address: Address;
  group: PredeployGroup;
  /** Behind an EIP-1967 proxy administered by the ProxyAdmin (0x4200…0018). */
  proxied: boolean;
  description: string;
};

const OP_IMPLEMENTATION_PREFIX = 0xc0d3c0d3c0d3c0d3c0d3c0d3c0d3c0d3c0d30000n;
const CR8_IMPLEMENTATION_PREFIX = 0xc8c0d3c0d3c0d3c0d3c0d3c0d3c0d3c0d3c00000n;

function op(suffix: number): Address {
  return getAddress(`0x${(0x4200000000000000000000000000000000000000n + BigInt(suffix)).toString(16)}`);
}
function cr8(suffix: number): Address {
  return getAddress(`0x${(0xc800000000000000000000000000000000000000n + BigInt(suffix)).toString(16)}`);
}

export const predeploys = [
  { name: 'WrappedCR8', address: op(0x06), group: 'custom-gas-token', proxied: false, description: 'WETH9 at 0x4200…0006, named after the gas token: Wrapped CR8 (WCR8)' },
  { name: 'L2CrossDomainMessenger', address: op(0x07), group: 'op-protocol', proxied: true, description: 'OP messenger, L3 side (its ETH paths revert on a custom-gas-token chain)' },
  { name: 'GasPriceOracle', address: op(0x0f), group: 'op-protocol', proxied: true, description: 'L1 (parent) data fee parameters' },
  { name: 'L2StandardBridge', address: op(0x10), group: 'op-protocol', proxied: true, description: 'OP standard bridge, L3 side (ERC-20s; not used for CR8)' },
  { name: 'SequencerFeeVault', address: op(0x11), group: 'op-protocol', proxied: true, description: 'collects priority fees; withdraws on the L3 (custom gas token)' },
  { name: 'L1Block', address: op(0x15), group: 'op-protocol', proxied: true, description: 'parent-chain block attributes, written by the L1 info deposit' },
  { name: 'L2ToL1MessagePasser', address: op(0x16), group: 'op-protocol', proxied: true, description: 'withdrawal messages, proven on the parent against output roots' },
  { name: 'ProxyAdmin', address: op(0x18), group: 'op-protocol', proxied: true, description: 'administers every predeploy proxy (its owner upgrades them)' },
  { name: 'BaseFeeVault', address: op(0x19), group: 'op-protocol', proxied: true, description: 'collects base fees' },
  { name: 'L1FeeVault', address: op(0x1a), group: 'op-protocol', proxied: true, description: 'collects the parent data fee' },
  { name: 'NativeAssetLiquidity', address: op(0x29), group: 'custom-gas-token', proxied: true, description: 'holds the native CR8 supply pre-minted at genesis' },
  { name: 'LiquidityController', address: op(0x2a), group: 'custom-gas-token', proxied: true, description: 'releases (mint) and takes back (burn) native CR8 for authorized minters' },
  { name: 'AgentRegistry', address: cr8(0x01), group: 'cr8', proxied: true, description: 'ERC-721/ERC-8004 agent identities' },
  { name: 'AgentTokenFactory', address: cr8(0x02), group: 'cr8', proxied: true, description: 'one ERC-20 clone per agent' },
  { name: 'AgentMarket', address: cr8(0x03), group: 'cr8', proxied: true, description: 'agent-token liquidity (virtual-reserve market)' },
  { name: 'FeeDistributor', address: cr8(0x04), group: 'cr8', proxied: true, description: 'splits fees to holders, stakers, creators, orchestrators, treasury' },
  { name: 'CR8Staking', address: cr8(0x05), group: 'cr8', proxied: true, description: 'native CR8 staking' },
  { name: 'KycRegistry', address: cr8(0x06), group: 'cr8', proxied: true, description: 'KYC attestations' },
  { name: 'CR8L3Bridge', address: cr8(0x07), group: 'cr8', proxied: true, description: 'the L3 side of the CR8 gas bridge (a LiquidityController minter)' },
  { name: 'AgentTokenImplementation', address: cr8(0x08), group: 'cr8', proxied: false, description: 'the AgentToken template the factory clones' },
  { name: 'CreditVault', address: cr8(0x10), group: 'cr8', proxied: true, description: 'prepaid native CR8 per payer and orchestrator, charged only as far as the payer signed' },
  { name: 'ExecutionReceipts', address: cr8(0x11), group: 'cr8', proxied: true, description: 'batched execution receipts: charges payers, credits agent fees, fraud proofs' },
  { name: 'OrchestratorRegistry', address: cr8(0x12), group: 'cr8', proxied: true, description: 'GPU orchestrators: bonds, capabilities, unbonding, slashing' },
  { name: 'AgentReputation', address: cr8(0x13), group: 'cr8', proxied: true, description: 'ERC-8004 reputation and validation, feedback only from payers of settled receipts' },
] as const satisfies readonly Predeploy[];

export type PredeployName = (typeof predeploys)[number]['name'];

export const predeployAddress = Object.fromEntries(predeploys.map((p) => [p.name, p.address])) as {
  [K in PredeployName]: Address;
};

/** Where a proxied predeploy's implementation lives (op-geth's convention, and its CR8 analogue). */
export function implementationAddress(proxy: Address): Address {
  const value = BigInt(proxy);
  const suffix = value & 0xffffn;
  const prefix = value >> 152n === 0x42n ? OP_IMPLEMENTATION_PREFIX : CR8_IMPLEMENTATION_PREFIX;
  return getAddress(`0x${(prefix | suffix).toString(16).padStart(40, '0')}`);
}
