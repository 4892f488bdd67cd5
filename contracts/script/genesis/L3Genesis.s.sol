// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CR8L3Bridge} from "../../src/bridge/CR8L3Bridge.sol";
import {LiquidityController} from "../../src/cgt/LiquidityController.sol";
import {NativeAssetLiquidity} from "../../src/cgt/NativeAssetLiquidity.sol";
import {CreditVault} from "../../src/execution/CreditVault.sol";
import {ExecutionReceipts} from "../../src/execution/ExecutionReceipts.sol";
import {OrchestratorRegistry} from "../../src/execution/OrchestratorRegistry.sol";
import {FeeDistributor} from "../../src/fees/FeeDistributor.sol";
import {IAgentMarket} from "../../src/interfaces/IAgentMarket.sol";
import {IAgentRegistry} from "../../src/interfaces/IAgentRegistry.sol";
import {IAgentTokenFactory} from "../../src/interfaces/IAgentTokenFactory.sol";
import {ICR8Staking} from "../../src/interfaces/ICR8Staking.sol";
import {ICreditVault} from "../../src/interfaces/ICreditVault.sol";
import {IExecutionReceipts} from "../../src/interfaces/IExecutionReceipts.sol";
import {IFeeDistributor} from "../../src/interfaces/IFeeDistributor.sol";
import {IKycRegistry} from "../../src/interfaces/IKycRegistry.sol";
import {IOrchestratorRegistry} from "../../src/interfaces/IOrchestratorRegistry.sol";
import {KycRegistry} from "../../src/kyc/KycRegistry.sol";
import {Predeploys} from "../../src/libraries/Predeploys.sol";
import {AgentMarket} from "../../src/market/AgentMarket.sol";
import {PredeployProxy} from "../../src/proxy/PredeployProxy.sol";
import {AgentRegistry} from "../../src/registry/AgentRegistry.sol";
import {AgentReputation} from "../../src/reputation/AgentReputation.sol";
import {CR8Staking} from "../../src/staking/CR8Staking.sol";
import {AgentToken} from "../../src/token/AgentToken.sol";
import {AgentTokenFactory} from "../../src/token/AgentTokenFactory.sol";
import {Script} from "forge-std/Script.sol";

/// @dev The OP predeploys' entry points the genesis calls (OP contracts-bedrock v0.17.3 ABIs).
interface IOpL1Block {
    function setGasPayingToken(address token, uint8 decimals, bytes32 name, bytes32 symbol) external;
}

interface IOpGasPriceOracle {
    function setEcotone() external;
    function setFjord() external;
}

interface IOpInitializable {
    function initialize(address counterpart) external;
}

/// @title L3Genesis
/// @notice Builds the CR8 L3's genesis state: the OP protocol predeploys the chain needs (bytecode from
///         OP's published contracts-bedrock artifacts), the custom-gas-token predeploys, and CR8's own
///         modules, each behind an EIP-1967 proxy administered by the ProxyAdmin at 0x4200…0018 and
///         initialized here, then dumps the state with `vm.dumpState`. OP's own generator
///         (contracts-bedrock's L2Genesis.s.sol) works the same way.
/// @dev Run by `cr8 genesis build` (predeploys/src/genesis/build-genesis.ts), which writes GENESIS_INPUT
///      from chain/config/genesis-params.json, then keeps only the predeploy accounts from the dump
///      (GENESIS_DUMP) and wraps them into op-geth's genesis format. Implementations are placed with
///      `vm.etch` at fixed addresses, so a contract's immutables must point at predeploy addresses,
///      never at a temporary deployment.
contract L3Genesis is Script {
    string internal constant OP_ARTIFACTS = "lib/@eth-optimism/contracts-bedrock/forge-artifacts/";

    /// @dev EIP-1967 admin and implementation slots.
    bytes32 internal constant ADMIN_SLOT = 0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103;
    bytes32 internal constant IMPLEMENTATION_SLOT =
        0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;
    /// @dev OpenZeppelin 5's Initializable storage (ERC-7201 "openzeppelin.storage.Initializable").
    bytes32 internal constant INITIALIZABLE_SLOT =
        0xf0c57e16840df040f15088dc2f81fe391c3923bec73e23a9662efc9c229c6a00;

    /// @dev OP's FeeVault.WithdrawalNetwork.L2: on a custom-gas-token chain the vaults pay out on the L3.
    uint8 internal constant WITHDRAWAL_NETWORK_L2 = 1;
    uint256 internal constant FEE_VAULT_MIN_WITHDRAWAL = 10 ether;

    string internal input;

    function run() external {
        input = vm.readFile(vm.envString("GENESIS_INPUT"));

        _opProtocol();
        _customGasToken();
        _cr8Modules();

        vm.dumpState(vm.envString("GENESIS_DUMP"));
    }

    // ---------------------------------------------------------------- OP protocol

    function _opProtocol() internal {
        // The ProxyAdmin is itself proxied and administers its own proxy, as on every OP Stack chain.
        _proxied(Predeploys.PROXY_ADMIN, _opRuntime("ProxyAdmin"));
        vm.store(
            Predeploys.PROXY_ADMIN, bytes32(0), bytes32(uint256(uint160(_address(".owners.proxyAdminOwner"))))
        );

        _proxied(Predeploys.L2_TO_L1_MESSAGE_PASSER, _opRuntime("L2ToL1MessagePasser"));

        _proxied(Predeploys.L1_BLOCK, _opRuntime("L1Block"));
        // L1Block names the gas-paying token; WETH (Wrapped CR8) and the OP bridges read it from here.
        vm.prank(Predeploys.DEPOSITOR_ACCOUNT);
        IOpL1Block(Predeploys.L1_BLOCK)
            .setGasPayingToken(
                _address(".parent.cr8Token"),
                18,
                _bytes32String(".gasToken.name"),
                _bytes32String(".gasToken.symbol")
            );

        _proxied(Predeploys.GAS_PRICE_ORACLE, _opRuntime("GasPriceOracle"));
        if (vm.parseJsonBool(input, ".activeAtGenesis.ecotone")) {
            vm.prank(Predeploys.DEPOSITOR_ACCOUNT);
            IOpGasPriceOracle(Predeploys.GAS_PRICE_ORACLE).setEcotone();
        }
        if (vm.parseJsonBool(input, ".activeAtGenesis.fjord")) {
            vm.prank(Predeploys.DEPOSITOR_ACCOUNT);
            IOpGasPriceOracle(Predeploys.GAS_PRICE_ORACLE).setFjord();
        }

        address feeRecipient = _address(".owners.feeVaultRecipient");
        bytes memory feeVaultArgs = abi.encode(feeRecipient, FEE_VAULT_MIN_WITHDRAWAL, WITHDRAWAL_NETWORK_L2);
        _proxied(Predeploys.SEQUENCER_FEE_VAULT, _opRuntimeWithArgs("SequencerFeeVault", feeVaultArgs));
        _proxied(Predeploys.BASE_FEE_VAULT, _opRuntimeWithArgs("BaseFeeVault", feeVaultArgs));
        _proxied(Predeploys.L1_FEE_VAULT, _opRuntimeWithArgs("L1FeeVault", feeVaultArgs));

        // CR8 moves its gas token through its own bridge; the OP messenger and standard bridge are
        // initialized with their parent counterparts when the parent has them (zero otherwise), so nobody
        // else can initialize them.
        _proxied(Predeploys.L2_CROSS_DOMAIN_MESSENGER, _opRuntime("L2CrossDomainMessenger"));
        IOpInitializable(Predeploys.L2_CROSS_DOMAIN_MESSENGER)
            .initialize(_address(".parent.l1CrossDomainMessenger"));
        _proxied(Predeploys.L2_STANDARD_BRIDGE, _opRuntime("L2StandardBridge"));
        IOpInitializable(Predeploys.L2_STANDARD_BRIDGE).initialize(_address(".parent.l1StandardBridge"));
    }

    // ---------------------------------------------------------------- custom gas token

    function _customGasToken() internal {
        vm.etch(Predeploys.WRAPPED_CR8, _opRuntime("WETH"));

        _proxied(Predeploys.NATIVE_ASSET_LIQUIDITY, address(new NativeAssetLiquidity()).code);
        vm.deal(Predeploys.NATIVE_ASSET_LIQUIDITY, vm.parseJsonUint(input, ".nativeLiquidity"));

        _proxiedLocked(Predeploys.LIQUIDITY_CONTROLLER, address(new LiquidityController()));
        address owner = _address(".owners.liquidityControllerOwner");
        LiquidityController(Predeploys.LIQUIDITY_CONTROLLER)
            .initialize(
                owner,
                vm.parseJsonString(input, ".gasToken.name"),
                vm.parseJsonString(input, ".gasToken.symbol")
            );
        vm.prank(owner);
        LiquidityController(Predeploys.LIQUIDITY_CONTROLLER).authorizeMinter(Predeploys.CR8_L3_BRIDGE);
    }

    // ---------------------------------------------------------------- CR8

    function _cr8Modules() internal {
        address admin = _address(".owners.admin");
        address guardian = _address(".owners.guardian");

        vm.etch(
            Predeploys.AGENT_TOKEN_IMPLEMENTATION,
            address(
                new AgentToken(
                    Predeploys.AGENT_TOKEN_FACTORY, Predeploys.FEE_DISTRIBUTOR, Predeploys.AGENT_MARKET
                )
            )
            .code
        );

        _proxiedLocked(Predeploys.KYC_REGISTRY, address(new KycRegistry()));
        KycRegistry(Predeploys.KYC_REGISTRY).initialize(admin, _address(".owners.kycAttester"));

        _proxiedLocked(Predeploys.CR8_STAKING, address(new CR8Staking()));
        CR8Staking(payable(Predeploys.CR8_STAKING))
            .initialize(admin, guardian, uint64(vm.parseJsonUint(input, ".cr8.unbondingPeriod")));

        _proxied(
            Predeploys.AGENT_TOKEN_FACTORY,
            address(new AgentTokenFactory(Predeploys.AGENT_TOKEN_IMPLEMENTATION, Predeploys.AGENT_REGISTRY))
            .code
        );

        _proxiedLocked(
            Predeploys.AGENT_REGISTRY,
            address(
                new AgentRegistry(
                    IAgentTokenFactory(Predeploys.AGENT_TOKEN_FACTORY),
                    IAgentMarket(Predeploys.AGENT_MARKET),
                    IKycRegistry(Predeploys.KYC_REGISTRY)
                )
            )
        );
        AgentRegistry(payable(Predeploys.AGENT_REGISTRY))
            .initialize(
                admin,
                guardian,
                uint128(vm.parseJsonUint(input, ".cr8.registrationFee")),
                vm.parseJsonBool(input, ".cr8.kycRequired")
            );

        _proxiedLocked(
            Predeploys.AGENT_MARKET,
            address(
                new AgentMarket(
                    IAgentRegistry(Predeploys.AGENT_REGISTRY), IFeeDistributor(Predeploys.FEE_DISTRIBUTOR)
                )
            )
        );
        AgentMarket(payable(Predeploys.AGENT_MARKET))
            .initialize(
                admin,
                guardian,
                uint16(vm.parseJsonUint(input, ".cr8.tradeFeeBps")),
                uint128(vm.parseJsonUint(input, ".cr8.virtualReserve"))
            );

        _proxiedLocked(
            Predeploys.FEE_DISTRIBUTOR,
            address(
                new FeeDistributor(
                    IAgentRegistry(Predeploys.AGENT_REGISTRY), ICR8Staking(Predeploys.CR8_STAKING)
                )
            )
        );
        FeeDistributor(payable(Predeploys.FEE_DISTRIBUTOR))
            .initialize(
                admin,
                guardian,
                _address(".owners.treasury"),
                IFeeDistributor.FeeSplit({
                holdersBps: uint16(vm.parseJsonUint(input, ".cr8.feeSplit.holdersBps")),
                stakersBps: uint16(vm.parseJsonUint(input, ".cr8.feeSplit.stakersBps")),
                creatorBps: uint16(vm.parseJsonUint(input, ".cr8.feeSplit.creatorBps")),
                orchestratorBps: uint16(vm.parseJsonUint(input, ".cr8.feeSplit.orchestratorBps")),
                treasuryBps: uint16(vm.parseJsonUint(input, ".cr8.feeSplit.treasuryBps"))
            })
            );

        _proxied(Predeploys.CR8_L3_BRIDGE, address(new CR8L3Bridge(_address(".parent.cr8Bridge"))).code);

        _executionSettlement(admin, guardian);
    }

    /// @dev The execution-settlement contracts: ExecutionReceipts is the registry's slasher and the vault's
    ///      only settlement caller.
    function _executionSettlement(address admin, address guardian) internal {
        _proxiedLocked(
            Predeploys.ORCHESTRATOR_REGISTRY,
            address(
                new OrchestratorRegistry(
                    Predeploys.EXECUTION_RECEIPTS,
                    vm.parseJsonUint(input, ".execution.minimumBond"),
                    uint64(vm.parseJsonUint(input, ".execution.orchestratorUnbondingPeriod"))
                )
            )
        );
        OrchestratorRegistry(payable(Predeploys.ORCHESTRATOR_REGISTRY)).initialize(admin, guardian);

        _proxiedLocked(
            Predeploys.CREDIT_VAULT,
            address(
                new CreditVault(
                    Predeploys.EXECUTION_RECEIPTS,
                    uint64(vm.parseJsonUint(input, ".execution.withdrawalDelay"))
                )
            )
        );
        CreditVault(Predeploys.CREDIT_VAULT).initialize(admin, guardian);

        _proxiedLocked(
            Predeploys.EXECUTION_RECEIPTS,
            address(
                new ExecutionReceipts(
                    ICreditVault(Predeploys.CREDIT_VAULT),
                    IFeeDistributor(Predeploys.FEE_DISTRIBUTOR),
                    IOrchestratorRegistry(Predeploys.ORCHESTRATOR_REGISTRY),
                    uint64(vm.parseJsonUint(input, ".execution.challengeWindow")),
                    vm.parseJsonUint(input, ".execution.slashAmount")
                )
            )
        );
        ExecutionReceipts(payable(Predeploys.EXECUTION_RECEIPTS)).initialize(admin, guardian);

        _proxiedLocked(
            Predeploys.AGENT_REPUTATION,
            address(
                new AgentReputation(
                    IAgentRegistry(Predeploys.AGENT_REGISTRY),
                    IExecutionReceipts(Predeploys.EXECUTION_RECEIPTS),
                    ICreditVault(Predeploys.CREDIT_VAULT),
                    uint128(vm.parseJsonUint(input, ".execution.minFeedbackFee"))
                )
            )
        );
        AgentReputation(Predeploys.AGENT_REPUTATION).initialize(admin, guardian);
    }

    // ---------------------------------------------------------------- placement

    /// @dev Places `runtime` at the predeploy's implementation address and a proxy at `proxy` pointing at
    ///      it, administered by the ProxyAdmin. Protocol predeploys get OP's own Proxy, CR8's get
    ///      PredeployProxy; both read their admin from the EIP-1967 slot.
    function _proxied(address proxy, bytes memory runtime) internal {
        address implementation = _implementationOf(proxy);
        vm.etch(implementation, runtime);
        vm.etch(proxy, _isProtocol(proxy) ? _opRuntime("Proxy") : type(PredeployProxy).runtimeCode);
        vm.store(proxy, ADMIN_SLOT, bytes32(uint256(uint160(Predeploys.PROXY_ADMIN))));
        vm.store(proxy, IMPLEMENTATION_SLOT, bytes32(uint256(uint160(implementation))));
    }

    /// @dev As `_proxied`, for an OpenZeppelin-initializable implementation: the placed implementation
    ///      keeps the "initializers disabled" mark its constructor set, so nobody can initialize it.
    function _proxiedLocked(address proxy, address deployed) internal {
        _proxied(proxy, deployed.code);
        vm.store(_implementationOf(proxy), INITIALIZABLE_SLOT, vm.load(deployed, INITIALIZABLE_SLOT));
    }

    /// @dev op-geth's convention, 0xc0d3c0d3…<last two bytes>, and its CR8 analogue 0xc8c0d3c0…<last two
    ///      bytes> (predeploys/src/addresses.ts; the genesis builder checks the two agree).
    function _implementationOf(address proxy) internal pure returns (address) {
        uint160 suffix = uint160(proxy) & 0xffff;
        return _isProtocol(proxy)
            ? address(uint160(0xc0D3C0d3C0d3C0D3c0d3C0d3c0D3C0d3c0d30000) | suffix)
            : address(uint160(0xc8c0D3c0D3C0d3C0d3c0D3C0d3c0d3C0d3c00000) | suffix);
    }

    function _isProtocol(address predeploy) internal pure returns (bool) {
        return uint160(predeploy) >> 11 == uint160(0x4200000000000000000000000000000000000000) >> 11;
    }

    function _opRuntime(string memory name) internal view returns (bytes memory) {
        return vm.getDeployedCode(string.concat(OP_ARTIFACTS, name, ".sol/", name, ".json"));
    }

    /// @dev Deploys an OP artifact with constructor arguments (its immutables) and returns its runtime code.
    function _opRuntimeWithArgs(string memory name, bytes memory args) internal returns (bytes memory) {
        return vm.deployCode(string.concat(OP_ARTIFACTS, name, ".sol/", name, ".json"), args).code;
    }

    function _address(string memory key) internal view returns (address) {
        return vm.parseJsonAddress(input, key);
    }

    /// @dev OP's L1Block stores the token name and symbol as left-aligned bytes32 strings.
    function _bytes32String(string memory key) internal view returns (bytes32) {
        return bytes32(bytes(vm.parseJsonString(input, key)));
    }
}
