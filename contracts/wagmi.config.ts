// Generates ts/generated.ts: the ABI of every CR8 contract, straight from the forge build, so no
// TypeScript package ever hand-copies an ABI. Run with `npm run abi -w @cr8/contracts` (after forge build).
import { defineConfig } from '@wagmi/cli';
import { foundry } from '@wagmi/cli/plugins';

export default defineConfig({
  out: 'ts/generated.ts',
  plugins: [
    foundry({
      project: '.',
      forge: { build: false },
      include: [
        'AgentRegistry.sol/**',
        'AgentToken.sol/**',
        'AgentTokenFactory.sol/**',
        'AgentMarket.sol/**',
        'CR8Staking.sol/**',
        'FeeDistributor.sol/**',
        'OrchestratorRegistry.sol/**',
        'CreditVault.sol/**',
        'ExecutionReceipts.sol/**',
        'AgentReputation.sol/**',
        'KycRegistry.sol/**',
        'CR8Token.sol/**',
        'VestingFactory.sol/**',
        'CR8VestingWallet.sol/**',
        'PredeployProxy.sol/**',
        'ProxyAdmin.sol/**',
        'NativeAssetLiquidity.sol/**',
        'LiquidityController.sol/**',
        'CR8ParentBridge.sol/**',
        'CR8L3Bridge.sol/**',
        'DevnetPortal.sol/**',
        'DevnetOutputOracle.sol/**',
      ],
    }),
  ],
});
