// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CreditVault} from "../../src/execution/CreditVault.sol";
import {ExecutionReceipts} from "../../src/execution/ExecutionReceipts.sol";
import {OrchestratorRegistry} from "../../src/execution/OrchestratorRegistry.sol";
import {ICreditVault} from "../../src/interfaces/ICreditVault.sol";
import {IExecutionReceipts} from "../../src/interfaces/IExecutionReceipts.sol";
import {IFeeDistributor} from "../../src/interfaces/IFeeDistributor.sol";
import {IOrchestratorRegistry} from "../../src/interfaces/IOrchestratorRegistry.sol";
import {PredeployProxy} from "../../src/proxy/PredeployProxy.sol";
import {CR8Test} from "../utils/CR8Test.sol";
import {MerkleTrees} from "../utils/MerkleTrees.sol";

/// @title ExecutionTest
/// @notice The CR8 system plus the execution-settlement contracts (orchestrator registry, credit vault,
///         receipts) behind their proxies, a bonded orchestrator, payers with keys and deposits, and
///         helpers that build receipt batches with real Merkle trees and real EIP-712 signatures.
abstract contract ExecutionTest is CR8Test {
    uint256 internal constant MINIMUM_BOND = 1000e18;
    uint64 internal constant ORCHESTRATOR_UNBONDING = 14 days;
    uint64 internal constant WITHDRAWAL_DELAY = 1 days;
    uint64 internal constant CHALLENGE_WINDOW = 7 days;
    uint256 internal constant SLASH_AMOUNT = 500e18;
    uint256 internal constant DEPOSIT = 100e18;

    OrchestratorRegistry internal orchestrators;
    CreditVault internal vault;
    ExecutionReceipts internal receipts;

    address[] internal payers;
    mapping(address payer => uint256) internal keyOf;

    function setUp() public virtual override {
        super.setUp();
        vm.warp(1_750_000_000);
        PredeployProxy registryProxy = new PredeployProxy(address(this));
        PredeployProxy vaultProxy = new PredeployProxy(address(this));
        PredeployProxy receiptsProxy = new PredeployProxy(address(this));
        registryProxy.upgradeToAndCall(
            address(new OrchestratorRegistry(address(receiptsProxy), MINIMUM_BOND, ORCHESTRATOR_UNBONDING)),
            abi.encodeCall(OrchestratorRegistry.initialize, (admin, guardian))
        );
        vaultProxy.upgradeToAndCall(
            address(new CreditVault(address(receiptsProxy), WITHDRAWAL_DELAY)),
            abi.encodeCall(CreditVault.initialize, (admin, guardian))
        );
        receiptsProxy.upgradeToAndCall(
            address(
                new ExecutionReceipts(
                    ICreditVault(address(vaultProxy)),
                    IFeeDistributor(address(feeDistributor)),
                    IOrchestratorRegistry(address(registryProxy)),
                    CHALLENGE_WINDOW,
                    SLASH_AMOUNT
                )
            ),
            abi.encodeCall(ExecutionReceipts.initialize, (admin, guardian))
        );
        orchestrators = OrchestratorRegistry(payable(address(registryProxy)));
        vault = CreditVault(address(vaultProxy));
        receipts = ExecutionReceipts(payable(address(receiptsProxy)));

        vm.deal(orchestrator, 10_000e18);
        vm.prank(orchestrator);
        orchestrators.register{value: MINIMUM_BOND * 2}(capabilities());
    }

    function capabilities() internal pure returns (IOrchestratorRegistry.Capabilities memory) {
        return IOrchestratorRegistry.Capabilities({
            gpuModel: bytes32("H100-80GB"),
            gpuCount: 8,
            vramGbPerGpu: 80,
            region: bytes32("eu-west"),
            pricePerGpuSecond: 1e12,
            endpoint: "https://orchestrator.example/v1"
        });
    }

    /// @notice `count` payers with signing keys, each with `DEPOSIT` in its channel with `orchestrator`.
    function makePayers(uint256 count) internal {
        for (uint256 i; i < count; ++i) {
            (address payer, uint256 key) = makeAddrAndKey(string.concat("payer", vm.toString(payers.length)));
            payers.push(payer);
            keyOf[payer] = key;
            vm.deal(payer, DEPOSIT);
            vm.prank(payer);
            vault.deposit{value: DEPOSIT}(orchestrator);
        }
    }

    /// @notice The EIP-712 digest of a `SpendingAuthorization`, built here from the spec rather than read
    ///         from the vault (no call, so it can sit between `vm.prank` and the call it is for).
    function authorizationDigest(address payer, address orchestrator_, uint256 amount)
        internal
        view
        returns (bytes32)
    {
        bytes32 domainSeparator = keccak256(
            abi.encode(
                keccak256(
                    "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
                ),
                keccak256("CR8 CreditVault"),
                keccak256("1"),
                block.chainid,
                address(vault)
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "SpendingAuthorization(address payer,address orchestrator,uint256 cumulativeAmount)"
                ),
                payer,
                orchestrator_,
                amount
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }

    /// @notice The payer's EIP-712 authorization of `orchestrator` up to `amount`, signed with its key.
    function authorize(address payer, address orchestrator_, uint256 amount)
        internal
        view
        returns (bytes memory)
    {
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(keyOf[payer], authorizationDigest(payer, orchestrator_, amount));
        return abi.encodePacked(r, s, v);
    }

    /// @notice A charge of `payer` up to `chargeTo` for the test orchestrator; with `signed`, carrying the
    ///         payer's signed authorization of `authorized` (without, an empty signature, which the vault
    ///         refuses: every charge must carry one).
    function charge(address payer, uint128 chargeTo, uint128 authorized, bool signed)
        internal
        view
        returns (ICreditVault.Charge memory)
    {
        return chargeFor(orchestrator, payer, chargeTo, authorized, signed);
    }

    /// @notice The same for any orchestrator.
    function chargeFor(
        address orchestrator_,
        address payer,
        uint128 chargeTo,
        uint128 authorized,
        bool signed
    ) internal view returns (ICreditVault.Charge memory) {
        return ICreditVault.Charge({
            payer: payer,
            authorizedCumulative: authorized,
            chargeTo: chargeTo,
            signature: signed ? authorize(payer, orchestrator_, authorized) : bytes("")
        });
    }

    /// @notice The `(payer, chargeTo)` of each charge, in order: what `proveUncharged` takes.
    function chargedTo(ICreditVault.Charge[] memory charges)
        internal
        pure
        returns (ICreditVault.ChargedTo[] memory list)
    {
        list = new ICreditVault.ChargedTo[](charges.length);
        for (uint256 i; i < charges.length; ++i) {
            list[i] = ICreditVault.ChargedTo({payer: charges[i].payer, chargeTo: charges[i].chargeTo});
        }
    }

    /// @notice A batch's charges hash as the spec defines it, computed here rather than by the contracts:
    ///         keccak256 over `abi.encode(payer, chargeTo)` of each entry, concatenated in order.
    function chargesHashOf(ICreditVault.ChargedTo[] memory list) internal pure returns (bytes32) {
        bytes memory encoded;
        for (uint256 i; i < list.length; ++i) {
            encoded = bytes.concat(encoded, abi.encode(list[i].payer, list[i].chargeTo));
        }
        return keccak256(encoded);
    }

    function chargesHashOf(ICreditVault.Charge[] memory charges) internal pure returns (bytes32) {
        return chargesHashOf(chargedTo(charges));
    }

    function receipt(
        bytes32 executionId,
        uint256 agentId,
        address payer,
        uint128 executionFee,
        uint128 payerCumulative
    ) internal pure returns (IExecutionReceipts.Receipt memory) {
        return IExecutionReceipts.Receipt({
            executionId: executionId,
            agentId: agentId,
            payer: payer,
            inputHash: keccak256(abi.encode("input", executionId)),
            outputHash: keccak256(abi.encode("output", executionId)),
            gpuSeconds: 3,
            fee: executionFee,
            payerCumulative: payerCumulative
        });
    }

    /// @notice A receipt's leaf as OpenZeppelin's StandardMerkleTree makes it (computed here, not by the contract).
    function leafOf(IExecutionReceipts.Receipt memory r) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(r))));
    }

    function leaves(IExecutionReceipts.Receipt[] memory list) internal pure returns (bytes32[] memory out) {
        out = new bytes32[](list.length);
        for (uint256 i; i < list.length; ++i) {
            out[i] = leafOf(list[i]);
        }
    }

    function rootOf(IExecutionReceipts.Receipt[] memory list) internal pure returns (bytes32) {
        return MerkleTrees.root(leaves(list));
    }

    function proofOf(IExecutionReceipts.Receipt[] memory list, uint256 index)
        internal
        pure
        returns (bytes32[] memory)
    {
        return MerkleTrees.proof(leaves(list), index);
    }

    function fee(uint256 agentId, uint256 amount) internal pure returns (IFeeDistributor.AgentFee memory) {
        return IFeeDistributor.AgentFee({agentId: agentId, amount: amount});
    }
}
