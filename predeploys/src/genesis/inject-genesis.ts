// `cr8 genesis inject --base <genesis.json from op-deployer>`: the production path. op-deployer builds
// the OP protocol and custom-gas-token predeploys; this adds CR8's own (group "cr8" in addresses.ts:
// proxies, implementations, the AgentToken template) from a CR8 genesis build, refusing any address the
// base genesis already uses, and refusing a base for another chain.
import { predeploys, implementationAddress } from '../addresses.ts';
import type { GenesisAccount, OpGethGenesis } from '../genesis-format.ts';

export class GenesisInjectError extends Error {
  override name = 'GenesisInjectError';
  readonly code: 'ADDRESS_COLLISION' | 'CHAIN_ID_MISMATCH' | 'MISSING_PREDEPLOY' | 'INVALID_BASE';
  constructor(code: GenesisInjectError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

/** The CR8-owned accounts of a genesis built by `cr8 genesis build`. */
export function cr8Accounts(built: OpGethGenesis): Record<string, GenesisAccount> {
  const accounts: Record<string, GenesisAccount> = {};
  for (const predeploy of predeploys.filter((p) => p.group === 'cr8')) {
    const addresses = [predeploy.address, ...(predeploy.proxied ? [implementationAddress(predeploy.address)] : [])];
    for (const address of addresses) {
      const account = built.alloc[address.toLowerCase()];
      if (!account) throw new GenesisInjectError('MISSING_PREDEPLOY', `the CR8 genesis has no account for ${predeploy.name} at ${address}`);
      accounts[address.toLowerCase()] = account;
    }
  }
  return accounts;
}

export function injectPredeploys(base: OpGethGenesis, built: OpGethGenesis): { genesis: OpGethGenesis; added: string[] } {
  if (!base || typeof base !== 'object' || typeof base.alloc !== 'object' || base.alloc === null)
    throw new GenesisInjectError('INVALID_BASE', 'the base genesis has no alloc object');
  const baseChainId = base.config?.chainId;
  if (baseChainId !== undefined && built.config && baseChainId !== built.config.chainId)
    throw new GenesisInjectError('CHAIN_ID_MISMATCH', `the base genesis is for chain ${baseChainId}, the CR8 params for chain ${built.config.chainId}`);
  const existing = new Set(Object.keys(base.alloc).map((address) => address.toLowerCase().replace(/^(0x)?/, '0x')));
  const additions = cr8Accounts(built);
  const collisions = Object.keys(additions).filter((address) => existing.has(address));
  if (collisions.length > 0)
    throw new GenesisInjectError('ADDRESS_COLLISION', `the base genesis already has accounts at ${collisions.join(', ')}; nothing was written`);
  const alloc = Object.fromEntries(
    [...Object.entries(base.alloc), ...Object.entries(additions)].sort(([a], [b]) => {
      const x = a.toLowerCase().replace(/^(0x)?/, '0x');
      const y = b.toLowerCase().replace(/^(0x)?/, '0x');
      return x < y ? -1 : x > y ? 1 : 0;
    }),
  );
  return { genesis: { ...base, alloc }, added: Object.keys(additions) };
}
