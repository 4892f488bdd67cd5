// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CreditVault} from "../src/execution/CreditVault.sol";
import {ExecutionReceipts} from "../src/execution/ExecutionReceipts.sol";
import {OrchestratorRegistry} from "../src/execution/OrchestratorRegistry.sol";
import {FeeDistributor} from "../src/fees/FeeDistributor.sol";
import {IAgentMarket} from "../src/interfaces/IAgentMarket.sol";
import {IAgentRegistry} from "../src/interfaces/IAgentRegistry.sol";
import {IAgentTokenFactory} from "../src/interfaces/IAgentTokenFactory.sol";
import {ICR8Staking} from "../src/interfaces/ICR8Staking.sol";
import {ICreditVault} from "../src/interfaces/ICreditVault.sol";
import {IFeeDistributor} from "../src/interfaces/IFeeDistributor.sol";
import {IKycRegistry} from "../src/interfaces/IKycRegistry.sol";
import {IOrchestratorRegistry} from "../src/interfaces/IOrchestratorRegistry.sol";
import {KycRegistry} from "../src/kyc/KycRegistry.sol";
import {AgentMarket} from "../src/market/AgentMarket.sol";
import {PredeployProxy} from "../src/proxy/PredeployProxy.sol";
import {AgentRegistry} from "../src/registry/AgentRegistry.sol";
import {AgentReputation} from "../src/reputation/AgentReputation.sol";
import {CR8Staking} from "../src/staking/CR8Staking.sol";
import {AgentToken} from "../src/token/AgentToken.sol";
import {AgentTokenFactory} from "../src/token/AgentTokenFactory.sol";
import {ProxyAdmin} from "@openzeppelin/contracts/proxy/transparent/ProxyAdmin.sol";

/// @title CR8Deployer
/// @notice Deploys the CR8 L3 contracts behind EIP-1967 proxies administered by one ProxyAdmin, wires
///         their cross-references and initializes them. Tests, `make dev` and the gas benchmark all
///         deploy through this one path. (The genesis builder places the same contracts as predeploys.)
/// @dev Every proxy is created with a temporary admin (this contract in tests, the broadcasting account in
///      scripts) so it can upgrade-and-initialize in one call, then handed to the ProxyAdmin, whose owner
///      is governance.
abstract contract CR8Deployer {
    struct Config {
        address admin;
        address guardian;
        address treasury;
        address kycAttester;
        uint128 registrationFee;
        bool kycRequired;
        uint16 tradeFeeBps;
        uint128 virtualReserve;
        uint64 unbondingPeriod;
        IFeeDistributor.FeeSplit feeSplit;
        ExecutionConfig execution;
    }

    /// @notice Execution settlement: orchestrator bonds, payer withdrawals, fraud proofs (periods in seconds).
    struct ExecutionConfig {
        uint256 minimumBond;
        uint64 orchestratorUnbondingPeriod;
        uint64 withdrawalDelay;
        uint64 challengeWindow;
        uint256 slashAmount;
        uint128 minFeedbackFee;
    }

    struct Deployment {
        ProxyAdmin proxyAdmin;
        AgentRegistry registry;
        AgentTokenFactory tokenFactory;
        AgentToken tokenImplementation;
        AgentMarket market;
        FeeDistributor feeDistributor;
        CR8Staking staking;
        KycRegistry kycRegistry;
        OrchestratorRegistry orchestrators;
        CreditVault creditVault;
        ExecutionReceipts executionReceipts;
        AgentReputation reputation;
    }

    /// @notice The platform defaults: 40% holders, 15% stakers, 20% creator, 20% orchestrator, 5% treasury;
    ///         a 1% trading fee; a 30,000 CR8 virtual reserve; a 7-day unbonding period; orchestrators bond
    ///         1,000 CR8 (7-day unbonding), payers wait a day to withdraw, receipts are challengeable for a
    ///         day, a proven fraud costs 500 CR8, and a receipt of at least 0.001 CR8 earns its payer one
    ///         ERC-8004 feedback (genesis-params.json has the same).
    function defaultConfig(address admin, address guardian, address treasury, address kycAttester)
        internal
        pure
        returns (Config memory)
    {
        return Config({
            admin: admin,
            guardian: guardian,
            treasury: treasury,
            kycAttester: kycAttester,
            registrationFee: 0,
            kycRequired: false,
            tradeFeeBps: 100,
            virtualReserve: 30_000e18,
            unbondingPeriod: 7 days,
            feeSplit: IFeeDistributor.FeeSplit({
                holdersBps: 4000, stakersBps: 1500, creatorBps: 2000, orchestratorBps: 2000, treasuryBps: 500
            }),
            execution: ExecutionConfig({
                minimumBond: 1000e18,
                orchestratorUnbondingPeriod: 7 days,
                withdrawalDelay: 1 days,
                challengeWindow: 1 days,
                slashAmount: 500e18,
                minFeedbackFee: 0.001e18
            })
        });
    }

    function deployCR8(Config memory config) internal returns (Deployment memory d) {
        d.proxyAdmin = new ProxyAdmin(config.admin);
        PredeployProxy registryProxy = new PredeployProxy(_temporaryAdmin());
        PredeployProxy factoryProxy = new PredeployProxy(_temporaryAdmin());
        PredeployProxy marketProxy = new PredeployProxy(_temporaryAdmin());
        PredeployProxy distributorProxy = new PredeployProxy(_temporaryAdmin());
        PredeployProxy stakingProxy = new PredeployProxy(_temporaryAdmin());
        PredeployProxy kycProxy = new PredeployProxy(_temporaryAdmin());

        d.tokenImplementation =
            new AgentToken(address(factoryProxy), address(distributorProxy), address(marketProxy));

        _install(
            kycProxy,
            address(new KycRegistry()),
            abi.encodeCall(KycRegistry.initialize, (config.admin, config.kycAttester)),
            d.proxyAdmin
        );
        _install(
            stakingProxy,
            address(new CR8Staking()),
            abi.encodeCall(CR8Staking.initialize, (config.admin, config.guardian, config.unbondingPeriod)),
            d.proxyAdmin
        );
        _install(
            factoryProxy,
            address(new AgentTokenFactory(address(d.tokenImplementation), address(registryProxy))),
            "",
            d.proxyAdmin
        );
        _install(
            registryProxy,
            address(
                new AgentRegistry(
                    IAgentTokenFactory(address(factoryProxy)),
                    IAgentMarket(address(marketProxy)),
                    IKycRegistry(address(kycProxy))
                )
            ),
            abi.encodeCall(
                AgentRegistry.initialize,
                (config.admin, config.guardian, config.registrationFee, config.kycRequired)
            ),
            d.proxyAdmin
        );
        _install(
            marketProxy,
            address(
                new AgentMarket(
                    IAgentRegistry(address(registryProxy)), IFeeDistributor(address(distributorProxy))
                )
            ),
            abi.encodeCall(
                AgentMarket.initialize,
                (config.admin, config.guardian, config.tradeFeeBps, config.virtualReserve)
            ),
            d.proxyAdmin
        );
        _install(
            distributorProxy,
            address(
                new FeeDistributor(IAgentRegistry(address(registryProxy)), ICR8Staking(address(stakingProxy)))
            ),
            abi.encodeCall(
                FeeDistributor.initialize, (config.admin, config.guardian, config.treasury, config.feeSplit)
            ),
            d.proxyAdmin
        );

        d.registry = AgentRegistry(address(registryProxy));
        d.tokenFactory = AgentTokenFactory(address(factoryProxy));
        d.market = AgentMarket(address(marketProxy));
        d.feeDistributor = FeeDistributor(address(distributorProxy));
        d.staking = CR8Staking(address(stakingProxy));
        d.kycRegistry = KycRegistry(address(kycProxy));
        _deployExecution(config, d);
    }

    /// @dev ExecutionReceipts is the registry's slasher and the vault's only settlement caller.
    function _deployExecution(Config memory config, Deployment memory d) private {
        PredeployProxy orchestratorsProxy = new PredeployProxy(_temporaryAdmin());
        PredeployProxy vaultProxy = new PredeployProxy(_temporaryAdmin());
        PredeployProxy receiptsProxy = new PredeployProxy(_temporaryAdmin());
        // The four share `initialize(address admin, address guardian)`.
        bytes memory initialize = abi.encodeCall(CreditVault.initialize, (config.admin, config.guardian));
        _install(
            orchestratorsProxy,
            address(
                new OrchestratorRegistry(
                    address(receiptsProxy),
                    config.execution.minimumBond,
                    config.execution.orchestratorUnbondingPeriod
                )
            ),
            initialize,
            d.proxyAdmin
        );
        _install(
            vaultProxy,
            address(new CreditVault(address(receiptsProxy), config.execution.withdrawalDelay)),
            initialize,
            d.proxyAdmin
        );
        _install(
            receiptsProxy,
            address(
                new ExecutionReceipts(
                    ICreditVault(address(vaultProxy)),
                    d.feeDistributor,
                    IOrchestratorRegistry(address(orchestratorsProxy)),
                    config.execution.challengeWindow,
                    config.execution.slashAmount
                )
            ),
            initialize,
            d.proxyAdmin
        );
        d.orchestrators = OrchestratorRegistry(payable(address(orchestratorsProxy)));
        d.creditVault = CreditVault(address(vaultProxy));
        d.executionReceipts = ExecutionReceipts(payable(address(receiptsProxy)));

        PredeployProxy reputationProxy = new PredeployProxy(_temporaryAdmin());
        _install(
            reputationProxy,
            address(
                new AgentReputation(
                    d.registry, d.executionReceipts, d.creditVault, config.execution.minFeedbackFee
                )
            ),
            initialize,
            d.proxyAdmin
        );
        d.reputation = AgentReputation(address(reputationProxy));
    }

    /// @notice The account whose calls reach the proxies' admin functions during deployment.
    function _temporaryAdmin() internal view virtual returns (address) {
        return address(this);
    }

    function _install(
        PredeployProxy proxy,
        address implementation,
        bytes memory initCall,
        ProxyAdmin proxyAdmin
    ) private {
        if (initCall.length == 0) proxy.upgradeTo(implementation);
        else proxy.upgradeToAndCall(implementation, initCall);
        proxy.changeAdmin(address(proxyAdmin));
    }
}
