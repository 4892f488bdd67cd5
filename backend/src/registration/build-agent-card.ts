// The agent card: an ERC-8004 registration file (registration-v1: type, name, description, image,
// services, active, supportedTrust) with CR8's fields under `cr8` (capabilities, pricing, token, the
// execution config without secrets). The same stored registration always builds the same card, so its
// CID is stable across retries.
import type { StoredRegistration } from './registration-request.ts';

export const ERC8004_REGISTRATION_TYPE = 'https://eips.ethereum.org/EIPS/eip-8004#registration-v1';

export function buildAgentCard(registration: StoredRegistration, creator: `0x${string}`): Record<string, unknown> {
  return {
    type: ERC8004_REGISTRATION_TYPE,
    name: registration.name,
    description: registration.description,
    ...(registration.image ? { image: registration.image } : {}),
    services: registration.endpoints.map((endpoint) => ({ name: endpoint.name, endpoint: endpoint.endpoint, ...(endpoint.version ? { version: endpoint.version } : {}) })),
    active: true,
    supportedTrust: ['reputation'],
    cr8: {
      creator,
      capabilities: registration.capabilities,
      pricing: { currency: 'CR8', feePerExecution: registration.pricing.feePerExecution, gpuMultiplierBps: registration.pricing.gpuMultiplierBps },
      token: { name: registration.token.name, symbol: registration.token.symbol, supply: registration.token.supply, creatorShareBps: registration.token.creatorShareBps },
      execution: registration.executionConfig,
    },
  };
}
