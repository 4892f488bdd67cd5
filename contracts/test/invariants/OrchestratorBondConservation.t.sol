// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OrchestratorRegistry} from "../../src/execution/OrchestratorRegistry.sol";
import {IOrchestratorRegistry} from "../../src/interfaces/IOrchestratorRegistry.sol";
import {PredeployProxy} from "../../src/proxy/PredeployProxy.sol";
import {OrchestratorHandler} from "./handlers/OrchestratorHandler.sol";
import {Test} from "forge-std/Test.sol";

/// @title OrchestratorBondConservationInvariants
/// @notice Every wei OrchestratorRegistry holds is some orchestrator's bond or unbonding balance: nothing is
///         created or lost by registering, adding bond, unbonding, withdrawing or slashing, and the slasher
///         receives exactly what was slashed.
contract OrchestratorBondConservationInvariants is Test {
    uint256 internal constant MIN_BOND = 1000e18;
    uint64 internal constant UNBONDING = 14 days;

    address internal admin = makeAddr("admin");
    address internal guardian = makeAddr("guardian");
    address internal slasher = makeAddr("slasher");

    OrchestratorRegistry internal registry;
    OrchestratorHandler internal handler;
    address[] internal actors;

    function setUp() public {
        vm.warp(1_750_000_000);
        // As CR8Deployer: behind a PredeployProxy, upgraded and initialized in one call.
        PredeployProxy proxy = new PredeployProxy(address(this));
        proxy.upgradeToAndCall(
            address(new OrchestratorRegistry(slasher, MIN_BOND, UNBONDING)),
            abi.encodeCall(OrchestratorRegistry.initialize, (admin, guardian))
        );
        proxy.changeAdmin(makeAddr("proxyAdmin"));
        registry = OrchestratorRegistry(address(proxy));

        handler = new OrchestratorHandler(registry, guardian);
        actors = handler.actors();

        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = OrchestratorHandler.register.selector;
        selectors[1] = OrchestratorHandler.updateCapabilities.selector;
        selectors[2] = OrchestratorHandler.addBond.selector;
        selectors[3] = OrchestratorHandler.requestUnbond.selector;
        selectors[4] = OrchestratorHandler.withdrawUnbonded.selector;
        selectors[5] = OrchestratorHandler.slash.selector;
        selectors[6] = OrchestratorHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// @notice balance == sum(bonded) + sum(unbonding) == totalBonded + totalUnbonding. (Required.)
    function invariant_conservation_balanceEqualsBondedPlusUnbonding() public view {
        uint256 sumBonded;
        uint256 sumUnbonding;
        for (uint256 i; i < actors.length; ++i) {
            IOrchestratorRegistry.Orchestrator memory o = registry.orchestratorOf(actors[i]);
            sumBonded += o.bonded;
            sumUnbonding += o.unbonding;
        }
        assertEq(address(registry).balance, sumBonded + sumUnbonding, "balance != bonded + unbonding");
        assertEq(sumBonded, registry.totalBonded(), "sum of bonds");
        assertEq(sumUnbonding, registry.totalUnbonding(), "sum of unbonding");
    }

    /// @notice The CR8 that came in is the CR8 held plus the CR8 withdrawn plus the CR8 slashed; the slasher
    ///         holds exactly the CR8 slashed. (Required.)
    function invariant_conservation_flows() public view {
        assertEq(
            handler.ghost_deposits(),
            address(registry).balance + handler.ghost_withdrawals() + handler.ghost_slashed(),
            "CR8 in != CR8 held + CR8 out"
        );
        assertEq(slasher.balance, handler.ghost_slashed(), "slasher received != slashed");
        assertEq(handler.ghost_mismatches(), 0, "an action differed from the records");
    }

    /// @notice Each record is consistent: only registered orchestrators hold CR8, a release time exists
    ///         exactly while something is unbonding, and `isActive` is registered with at least the minimum.
    function invariant_records_consistent() public view {
        for (uint256 i; i < actors.length; ++i) {
            IOrchestratorRegistry.Orchestrator memory o = registry.orchestratorOf(actors[i]);
            if (!o.registered) assertEq(uint256(o.bonded) + o.unbonding, 0, "unregistered holds CR8");
            assertEq(o.unbonding == 0, o.unbondingReleasableAt == 0, "release time without unbonding");
            assertEq(registry.isActive(actors[i]), o.registered && o.bonded >= MIN_BOND, "isActive");
        }
        assertFalse(registry.paused(), "left paused");
    }
}
