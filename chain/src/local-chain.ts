// The viem chain definition of a local CR8 chain (devnet, tests, benchmarks): native currency CR8.
import { type Chain, defineChain } from 'viem';

export function localChain(parameters: { id: number; rpcUrl: string; name?: string }): Chain {
  return defineChain({
    id: parameters.id,
    name: parameters.name ?? 'CR8 local',
    nativeCurrency: { name: 'CR8', symbol: 'CR8', decimals: 18 },
    rpcUrls: { default: { http: [parameters.rpcUrl] } },
  });
}
