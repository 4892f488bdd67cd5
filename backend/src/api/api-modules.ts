// Every feature the API serves, in one list: `cr8 api` mounts it, and the fuzzing test mounts the same
// list, so the bad-input guarantee covers every route and GraphQL field there is.
import { agentsModule } from '../agents/agents-module.ts';
import { analyticsModule } from '../analytics/analytics-module.ts';
import { type ExecutionsModuleDeps, executionsModule } from '../executions/executions-module.ts';
import { ipfsModule } from '../ipfs/ipfs-module.ts';
import type { IpfsBlocks } from '../ipfs/start-ipfs-node.ts';
import { type KycModuleDependencies, kycModule } from '../kyc/kyc-module.ts';
import type { PaymentsDeps } from '../payments/payments-deps.ts';
import { paymentsModule } from '../payments/payments-module.ts';
import type { RegisterAgentDeps } from '../registration/register-agent.ts';
import { registrationModule } from '../registration/registration-module.ts';
import type { ApiModule } from './route.ts';
import { scalarsModule } from './scalars.ts';

export type ApiModuleDependencies = {
  chainId: number;
  executions: ExecutionsModuleDeps;
  payments: PaymentsDeps;
  /** The auth and users modules (createAuth builds them with the authenticator they share). */
  authModules: ApiModule[];
  kyc: KycModuleDependencies;
  ipfs: { node: IpfsBlocks; maxObjectBytes: number; getTimeoutMs: number };
  registration: Omit<RegisterAgentDeps, 'db'>;
};

export function createApiModules(deps: ApiModuleDependencies): ApiModule[] {
  return [
    scalarsModule,
    ...deps.authModules,
    agentsModule({ encryptSecrets: deps.registration.encryptSecrets }),
    registrationModule(deps.registration),
    executionsModule(deps.executions),
    paymentsModule(deps.payments),
    analyticsModule({ chainId: deps.chainId }),
    kycModule(deps.kyc),
    ipfsModule(deps.ipfs),
  ];
}
