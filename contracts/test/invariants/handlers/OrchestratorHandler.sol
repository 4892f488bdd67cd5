// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OrchestratorRegistry} from "../../../src/execution/OrchestratorRegistry.sol";
import {IOrchestratorRegistry} from "../../../src/interfaces/IOrchestratorRegistry.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @title OrchestratorHandler
/// @notice Drives OrchestratorRegistry for the bond-conservation invariants: six actors register, add bond
///         (from one wei up), request unbonding (partial or everything), withdraw (warping past their
///         release time when needed) and update their capabilities; the slasher slashes anyone, from one
///         wei to more than they hold, sometimes while the guardian has paused the registry; time passes.
///         Every call is bounded to succeed. Outcomes that differ from what the records predicted are
///         counted in `ghost_mismatches`.
contract OrchestratorHandler is CommonBase, StdCheats, StdUtils {
    uint256 public constant ACTORS = 6;

    OrchestratorRegistry public immutable registry;
    address public immutable slasher;
    address public immutable guardian;
    uint256 public immutable minimumBond;

    address[] internal _actors;

    /// @notice CR8 that entered the registry as bonds, and that left it as withdrawals and as slashes.
    uint256 public ghost_deposits;
    uint256 public ghost_withdrawals;
    uint256 public ghost_slashed;
    uint256 public ghost_mismatches;
    uint256 public ghost_registers;
    uint256 public ghost_unbonds;
    uint256 public ghost_withdraws;
    uint256 public ghost_slashes;
    uint256 public ghost_pausedSlashes;

    constructor(OrchestratorRegistry registry_, address guardian_) {
        registry = registry_;
        slasher = registry_.SLASHER();
        guardian = guardian_;
        minimumBond = registry_.MINIMUM_BOND();
        for (uint256 i; i < ACTORS; ++i) {
            _actors.push(makeAddr(string.concat("orchestrator", vm.toString(i))));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Actions
    // ---------------------------------------------------------------------------------------------

    /// @notice Registers the first unregistered actor from `actorSeed` on.
    function register(uint256 actorSeed, uint256 bond) external {
        for (uint256 i; i < ACTORS; ++i) {
            address actor = _actor(actorSeed % ACTORS + i);
            if (registry.orchestratorOf(actor).registered) continue;
            // Half of the time exactly the minimum or one wei above, where the rules bite.
            bond = bond % 2 == 0 ? minimumBond + (bond >> 1) % 2 : _bound(bond, minimumBond, 1_000_000e18);
            vm.deal(actor, actor.balance + bond);
            vm.prank(actor);
            registry.register{value: bond}(_capabilities(bond));
            IOrchestratorRegistry.Orchestrator memory o = registry.orchestratorOf(actor);
            if (o.bonded != bond || o.unbonding != 0 || !o.registered || !registry.isActive(actor)) {
                ++ghost_mismatches;
            }
            ghost_deposits += bond;
            ++ghost_registers;
            return;
        }
    }

    function updateCapabilities(uint256 actorSeed, uint256 salt) external {
        (address actor,) = _registered(actorSeed);
        if (actor == address(0)) return;
        IOrchestratorRegistry.Orchestrator memory before = registry.orchestratorOf(actor);
        vm.prank(actor);
        registry.updateCapabilities(_capabilities(salt));
        if (keccak256(abi.encode(registry.orchestratorOf(actor))) != keccak256(abi.encode(before))) {
            ++ghost_mismatches;
        }
    }

    function addBond(uint256 actorSeed, uint256 amount) external {
        (address actor, IOrchestratorRegistry.Orchestrator memory before) = _registered(actorSeed);
        if (actor == address(0)) return;
        amount = amount % 2 == 0 ? _bound(amount, 1, 1e9) : _bound(amount, 1e9, 100_000e18);
        vm.deal(actor, actor.balance + amount);
        vm.prank(actor);
        registry.addBond{value: amount}();
        IOrchestratorRegistry.Orchestrator memory after_ = registry.orchestratorOf(actor);
        if (after_.bonded != before.bonded + amount || after_.unbonding != before.unbonding) {
            ++ghost_mismatches;
        }
        ghost_deposits += amount;
    }

    /// @notice Unbonds for the first actor with a bond: everything a third of the time (and whenever a
    ///         partial unbond could not leave the minimum), else an amount that leaves at least the minimum.
    function requestUnbond(uint256 actorSeed, uint256 amount) external {
        for (uint256 i; i < ACTORS; ++i) {
            address actor = _actor(actorSeed % ACTORS + i);
            IOrchestratorRegistry.Orchestrator memory before = registry.orchestratorOf(actor);
            if (before.bonded == 0) continue;
            amount = amount % 3 == 0 || before.bonded <= minimumBond
                ? before.bonded
                : _bound(amount, 1, before.bonded - minimumBond);
            vm.prank(actor);
            registry.requestUnbond(amount);
            IOrchestratorRegistry.Orchestrator memory after_ = registry.orchestratorOf(actor);
            if (
                after_.bonded != before.bonded - amount || after_.unbonding != before.unbonding + amount
                    || after_.unbondingReleasableAt != block.timestamp + registry.UNBONDING_PERIOD()
            ) {
                ++ghost_mismatches;
            }
            ++ghost_unbonds;
            return;
        }
    }

    /// @notice Withdraws for the first actor from `actorSeed` on with something unbonding, warping to its
    ///         release time if needed.
    function withdrawUnbonded(uint256 actorSeed) external {
        for (uint256 i; i < ACTORS; ++i) {
            address actor = _actor(actorSeed % ACTORS + i);
            IOrchestratorRegistry.Orchestrator memory before = registry.orchestratorOf(actor);
            if (before.unbonding == 0) continue;
            if (before.unbondingReleasableAt > block.timestamp) vm.warp(before.unbondingReleasableAt);
            uint256 balanceBefore = actor.balance;
            vm.prank(actor);
            uint256 amount = registry.withdrawUnbonded(actor);
            IOrchestratorRegistry.Orchestrator memory after_ = registry.orchestratorOf(actor);
            if (
                amount != before.unbonding || actor.balance != balanceBefore + amount || after_.unbonding != 0
                    || after_.bonded != before.bonded
            ) {
                ++ghost_mismatches;
            }
            ghost_withdrawals += amount;
            ++ghost_withdraws;
            return;
        }
    }

    /// @notice The slasher takes from any actor (registered or not), up to a little more than it holds;
    ///         a quarter of the time while the registry is paused.
    function slash(uint256 actorSeed, uint256 amount, uint256 mode) external {
        address actor = _actor(actorSeed);
        IOrchestratorRegistry.Orchestrator memory before = registry.orchestratorOf(actor);
        uint256 held = uint256(before.bonded) + before.unbonding;
        amount = _bound(amount, 1, held + held / 4 + 1);
        uint256 fromBonded = amount < before.bonded ? amount : before.bonded;
        uint256 expected = amount < held ? amount : held;

        bool paused = mode % 4 == 0;
        if (paused) {
            vm.prank(guardian);
            registry.pause();
        }
        uint256 slasherBefore = slasher.balance;
        vm.prank(slasher);
        uint256 slashed = registry.slash(actor, amount);
        if (paused) {
            vm.prank(guardian);
            registry.unpause();
            ++ghost_pausedSlashes;
        }

        IOrchestratorRegistry.Orchestrator memory after_ = registry.orchestratorOf(actor);
        if (
            slashed != expected || slasher.balance != slasherBefore + expected
                || after_.bonded != before.bonded - fromBonded
                || after_.unbonding != before.unbonding - (expected - fromBonded)
        ) {
            ++ghost_mismatches;
        }
        ghost_slashed += slashed;
        ++ghost_slashes;
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + _bound(seconds_, 1, 10 days));
    }

    // ---------------------------------------------------------------------------------------------
    // Views for the invariants
    // ---------------------------------------------------------------------------------------------

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % ACTORS];
    }

    /// @dev The first registered actor from `seed` on and its record (address(0) if none).
    function _registered(uint256 seed)
        internal
        view
        returns (address actor, IOrchestratorRegistry.Orchestrator memory record)
    {
        for (uint256 i; i < ACTORS; ++i) {
            actor = _actor(seed % ACTORS + i);
            record = registry.orchestratorOf(actor);
            if (record.registered) return (actor, record);
        }
        actor = address(0);
    }

    function _capabilities(uint256 salt) internal pure returns (IOrchestratorRegistry.Capabilities memory) {
        return IOrchestratorRegistry.Capabilities({
            gpuModel: salt % 2 == 0 ? bytes32("H100-80GB") : bytes32("A100-40GB"),
            gpuCount: uint16(salt % 16 + 1),
            vramGbPerGpu: salt % 2 == 0 ? 80 : 40,
            region: bytes32("eu-west"),
            pricePerGpuSecond: uint128(salt % 1e12 + 1),
            endpoint: "https://orchestrator.example.com"
        });
    }
}
