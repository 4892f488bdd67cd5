// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IGuarded} from "./IGuarded.sol";

/// @title IOrchestratorRegistry
/// @notice The GPU orchestrators that run agent executions on the CR8 L3. An orchestrator registers by
///         bonding at least `MINIMUM_BOND` native CR8 and declaring its capabilities (GPUs, region, price,
///         API endpoint); it is active while its bond stays at or above the minimum. Unbonding moves bond
///         into an unbonding balance that can be withdrawn `UNBONDING_PERIOD` seconds after the latest
///         request. Both the bond and the unbonding balance stay slashable by the single `SLASHER`
///         (ExecutionReceipts) on proven fraud, the bond first. The guardian's pause stops registration,
///         bonding, unbonding and withdrawals, never slashing.
/// @dev Predeploy at 0xC800000000000000000000000000000000000012.
interface IOrchestratorRegistry is IGuarded {
    /// @notice What an orchestrator offers, validated on every write. The GPU model and region are free-form
    ///         labels the registry does not check.
    struct Capabilities {
        bytes32 gpuModel; // e.g. bytes32("H100-80GB")
        uint16 gpuCount; // more than zero
        uint32 vramGbPerGpu; // more than zero
        bytes32 region; // e.g. bytes32("eu-west")
        uint128 pricePerGpuSecond; // wei of CR8 per GPU-second, more than zero
        string endpoint; // the orchestrator's API (e.g. an https URL), 1 to MAX_ENDPOINT_LENGTH bytes
    }

    /// @notice One orchestrator's money and status.
    struct Orchestrator {
        uint128 bonded; // the bond backing its work
        uint128 unbonding; // bond it asked to take out, slashable until withdrawn
        uint64 unbondingReleasableAt; // when `unbonding` may be withdrawn (0 while nothing is unbonding)
        bool registered; // registration is for life; the bond decides whether it is active
    }

    /// @notice `orchestrator` registered with a bond of `bond` and `capabilities`.
    event Registered(address indexed orchestrator, uint256 bond, Capabilities capabilities);

    /// @notice `orchestrator` replaced its capabilities with `capabilities`.
    event CapabilitiesUpdated(address indexed orchestrator, Capabilities capabilities);

    /// @notice `orchestrator` added `amount` to its bond, which is now `bonded`.
    event BondAdded(address indexed orchestrator, uint256 amount, uint256 bonded);

    /// @notice `orchestrator` moved `amount` of its bond to unbonding; all `unbonding` of it may be
    ///         withdrawn from `releasableAt` on.
    event UnbondRequested(
        address indexed orchestrator, uint256 amount, uint256 unbonding, uint64 releasableAt
    );

    /// @notice `orchestrator` withdrew its `amount` of unbonded CR8 to `to`.
    event Withdrawn(address indexed orchestrator, address indexed to, uint256 amount);

    /// @notice The slasher asked for `requested` of `orchestrator`'s CR8 and took `slashed` (capped at what
    ///         it had, taken from its bond first), leaving it `bonded` and `unbonding`.
    event Slashed(
        address indexed orchestrator, uint256 requested, uint256 slashed, uint256 bonded, uint256 unbonding
    );

    /// @notice `orchestrator` is registered already.
    error AlreadyRegistered(address orchestrator);

    /// @notice `orchestrator` has not registered.
    error OrchestratorNotRegistered(address orchestrator);

    /// @notice The bond sent, `bond`, is below `minimumBond`.
    error BondBelowMinimum(uint256 bond, uint256 minimumBond);

    /// @notice Unbonding would leave `remaining` bonded: above zero yet below `minimumBond`. Stay at or
    ///         above the minimum, or unbond everything.
    error RemainingBondBelowMinimum(uint256 remaining, uint256 minimumBond);

    /// @notice The orchestrator has `bonded` bonded, less than the `requested` amount.
    error InsufficientBond(uint256 bonded, uint256 requested);

    /// @notice `orchestrator` has nothing unbonding.
    error NothingToWithdraw(address orchestrator);

    /// @notice The `amount` unbonding may be withdrawn only from `releasableAt` on.
    error StillUnbonding(uint256 amount, uint64 releasableAt);

    /// @notice Accepting `amount` would take the CR8 held past 2**128 - 1; at most `maximum` more fits.
    error AmountTooLarge(uint256 amount, uint256 maximum);

    /// @notice The unbonding period given at construction was zero.
    error ZeroUnbondingPeriod();

    /// @notice The capabilities declare no GPUs.
    error ZeroGpuCount();

    /// @notice The capabilities declare GPUs without memory.
    error ZeroVramPerGpu();

    /// @notice The capabilities declare a zero price.
    error ZeroPricePerGpuSecond();

    /// @notice The capabilities declare no endpoint.
    error EmptyEndpoint();

    /// @notice The endpoint is `length` bytes long, above `maxLength`.
    error EndpointTooLong(uint256 length, uint256 maxLength);

    /// @notice Registers the caller with `capabilities` and a bond of `msg.value`, at least `MINIMUM_BOND`.
    ///         Reverts with `AlreadyRegistered` for a registered caller, `BondBelowMinimum` below the
    ///         minimum, and the capability errors for invalid capabilities.
    function register(Capabilities calldata capabilities) external payable;

    /// @notice Replaces the caller's capabilities. Registered orchestrators only; works while paused.
    function updateCapabilities(Capabilities calldata capabilities) external;

    /// @notice Adds `msg.value` (nonzero) to the caller's bond. Registered orchestrators only. Any amount
    ///         may be added: a bond below `MINIMUM_BOND` (after a slash, or a full unbond) stays inactive
    ///         until topped up to the minimum.
    function addBond() external payable;

    /// @notice Moves `amount` of the caller's bond to unbonding and restarts the unbonding clock for all of
    ///         it: everything unbonding is withdrawable `UNBONDING_PERIOD` seconds from now. What stays
    ///         bonded must be zero or at least `MINIMUM_BOND`. Unbonding CR8 remains slashable.
    function requestUnbond(uint256 amount) external;

    /// @notice Sends all the caller's unbonding CR8 to `to` once its release time has come.
    function withdrawUnbonded(address to) external returns (uint256 amount);

    /// @notice Slasher only: takes up to `amount` of `orchestrator`'s CR8, its bond first and then its
    ///         unbonding balance, and sends it to the slasher. Takes what there is when the orchestrator
    ///         has less (down to nothing, without reverting, for an orchestrator with nothing left). Works
    ///         while paused, so proven fraud stays punishable during an emergency. Reverts with `ZeroAmount`
    ///         for a zero `amount` and `Unauthorized` for any caller but the slasher.
    function slash(address orchestrator, uint256 amount) external returns (uint256 slashed);

    /// @notice Whether `orchestrator` is registered with at least `MINIMUM_BOND` bonded.
    function isActive(address orchestrator) external view returns (bool);

    /// @notice `orchestrator`'s bond, unbonding balance and release time, and whether it registered.
    function orchestratorOf(address orchestrator) external view returns (Orchestrator memory);

    /// @notice The capabilities `orchestrator` declared last (all zero if it never registered).
    function capabilitiesOf(address orchestrator) external view returns (Capabilities memory);

    /// @notice All CR8 bonded, across orchestrators.
    function totalBonded() external view returns (uint256);

    /// @notice All CR8 unbonding, across orchestrators.
    function totalUnbonding() external view returns (uint256);

    /// @notice The only account that may slash: ExecutionReceipts.
    function SLASHER() external view returns (address);

    /// @notice The least bond that registers an orchestrator and keeps it active.
    function MINIMUM_BOND() external view returns (uint256);

    /// @notice Seconds between the latest unbonding request and the withdrawal of the unbonding CR8.
    function UNBONDING_PERIOD() external view returns (uint64);

    /// @notice The longest endpoint accepted, in bytes.
    function MAX_ENDPOINT_LENGTH() external view returns (uint256);
}
