// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Guarded} from "../access/Guarded.sol";
import {IOrchestratorRegistry} from "../interfaces/IOrchestratorRegistry.sol";
import {NativeTransfer} from "../libraries/NativeTransfer.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title OrchestratorRegistry
/// @notice GPU orchestrators bond native CR8, declare their capabilities, unbond after a delay, and are
///         slashed by ExecutionReceipts on proven fraud. See {IOrchestratorRegistry}.
/// @dev Every wei this contract holds is some orchestrator's bond or unbonding balance: the totals are kept
///      alongside the per-orchestrator records, and nothing else pays in (there is no `receive`). The
///      unbonding period must outlast ExecutionReceipts' fraud-proof window, so that an orchestrator
///      cannot withdraw before fraud it committed while bonded can be proven and slashed.
///      The slasher, minimum bond and unbonding period are immutables of the implementation: in genesis
///      the slasher must be the ExecutionReceipts predeploy address, and changing any of them is an upgrade.
/// @custom:proxied true
/// @custom:predeploy 0xC800000000000000000000000000000000000012
contract OrchestratorRegistry is IOrchestratorRegistry, Guarded, ReentrancyGuardTransient {
    /// @inheritdoc IOrchestratorRegistry
    uint256 public constant MAX_ENDPOINT_LENGTH = 256;

    /// @inheritdoc IOrchestratorRegistry
    address public immutable SLASHER;

    /// @inheritdoc IOrchestratorRegistry
    uint256 public immutable MINIMUM_BOND;

    /// @inheritdoc IOrchestratorRegistry
    uint64 public immutable UNBONDING_PERIOD;

    /// @custom:storage-location erc7201:cr8.storage.OrchestratorRegistry
    struct OrchestratorRegistryStorage {
        uint128 totalBonded;
        uint128 totalUnbonding;
        mapping(address orchestrator => Orchestrator) orchestrators;
        mapping(address orchestrator => Capabilities) capabilities;
    }

    // keccak256(abi.encode(uint256(keccak256("cr8.storage.OrchestratorRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION =
        0x1a5c81d36dee4feeed340286b4f52ffe2511f29fbfc6c77f0ea6e8aaced91700;

    /// @param slasher The only account allowed to slash: ExecutionReceipts.
    /// @param minimumBond The least bond that registers an orchestrator and keeps it active.
    /// @param unbondingPeriod Seconds between the latest unbonding request and the withdrawal; longer than
    ///        ExecutionReceipts' fraud-proof window.
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(address slasher, uint256 minimumBond, uint64 unbondingPeriod) {
        if (slasher == address(0)) revert ZeroAddress();
        if (minimumBond == 0) revert ZeroAmount();
        if (minimumBond > type(uint128).max) revert AmountTooLarge(minimumBond, type(uint128).max);
        if (unbondingPeriod == 0) revert ZeroUnbondingPeriod();
        SLASHER = slasher;
        MINIMUM_BOND = minimumBond;
        UNBONDING_PERIOD = unbondingPeriod;
        _disableInitializers();
    }

    /// @param admin Governance: manages the roles.
    /// @param guardian May pause registration, bonding, unbonding and withdrawals (never slashing).
    function initialize(address admin, address guardian) external initializer {
        __Guarded_init(admin, guardian);
    }

    // ---------------------------------------------------------------------------------------------
    // Orchestrators
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IOrchestratorRegistry
    function register(Capabilities calldata capabilities) external payable nonReentrant whenNotPaused {
        OrchestratorRegistryStorage storage $ = _storage();
        Orchestrator storage orchestrator = $.orchestrators[msg.sender];
        if (orchestrator.registered) revert AlreadyRegistered(msg.sender);
        uint256 bond = msg.value;
        if (bond < MINIMUM_BOND) revert BondBelowMinimum(bond, MINIMUM_BOND);
        _checkFits($, bond);
        _validate(capabilities);
        // Cannot overflow: `_checkFits` keeps everything held at or below 2**128 - 1.
        orchestrator.bonded = uint128(bond);
        orchestrator.registered = true;
        $.totalBonded += uint128(bond);
        $.capabilities[msg.sender] = capabilities;
        emit Registered(msg.sender, bond, capabilities);
    }

    /// @inheritdoc IOrchestratorRegistry
    /// @dev Never paused: it moves no money, and an orchestrator may need to move its endpoint during an
    ///      emergency.
    function updateCapabilities(Capabilities calldata capabilities) external {
        OrchestratorRegistryStorage storage $ = _storage();
        if (!$.orchestrators[msg.sender].registered) revert OrchestratorNotRegistered(msg.sender);
        _validate(capabilities);
        $.capabilities[msg.sender] = capabilities;
        emit CapabilitiesUpdated(msg.sender, capabilities);
    }

    /// @inheritdoc IOrchestratorRegistry
    function addBond() external payable nonReentrant whenNotPaused {
        uint256 amount = msg.value;
        if (amount == 0) revert ZeroAmount();
        OrchestratorRegistryStorage storage $ = _storage();
        Orchestrator storage orchestrator = $.orchestrators[msg.sender];
        if (!orchestrator.registered) revert OrchestratorNotRegistered(msg.sender);
        _checkFits($, amount);
        // Cannot overflow: `_checkFits` keeps everything held at or below 2**128 - 1.
        uint128 bonded = orchestrator.bonded + uint128(amount);
        orchestrator.bonded = bonded;
        $.totalBonded += uint128(amount);
        emit BondAdded(msg.sender, amount, bonded);
    }

    /// @inheritdoc IOrchestratorRegistry
    function requestUnbond(uint256 amount) external nonReentrant whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        OrchestratorRegistryStorage storage $ = _storage();
        Orchestrator storage orchestrator = $.orchestrators[msg.sender];
        if (!orchestrator.registered) revert OrchestratorNotRegistered(msg.sender);
        uint128 bonded = orchestrator.bonded;
        if (amount > bonded) revert InsufficientBond(bonded, amount);
        // Cannot underflow or overflow: amount <= bonded, and bonded + unbonding <= 2**128 - 1.
        uint128 remaining = bonded - uint128(amount);
        if (remaining != 0 && remaining < MINIMUM_BOND) {
            revert RemainingBondBelowMinimum(remaining, MINIMUM_BOND);
        }
        uint128 unbonding = orchestrator.unbonding + uint128(amount);
        uint64 releasableAt = uint64(block.timestamp) + UNBONDING_PERIOD;
        orchestrator.bonded = remaining;
        orchestrator.unbonding = unbonding;
        orchestrator.unbondingReleasableAt = releasableAt;
        $.totalBonded -= uint128(amount);
        $.totalUnbonding += uint128(amount);
        emit UnbondRequested(msg.sender, amount, unbonding, releasableAt);
    }

    /// @inheritdoc IOrchestratorRegistry
    function withdrawUnbonded(address to) external nonReentrant whenNotPaused returns (uint256 amount) {
        if (to == address(0)) revert ZeroAddress();
        OrchestratorRegistryStorage storage $ = _storage();
        Orchestrator storage orchestrator = $.orchestrators[msg.sender];
        uint128 unbonding = orchestrator.unbonding;
        if (unbonding == 0) revert NothingToWithdraw(msg.sender);
        uint64 releasableAt = orchestrator.unbondingReleasableAt;
        if (block.timestamp < releasableAt) revert StillUnbonding(unbonding, releasableAt);
        orchestrator.unbonding = 0;
        orchestrator.unbondingReleasableAt = 0;
        $.totalUnbonding -= unbonding;
        amount = unbonding;
        emit Withdrawn(msg.sender, to, amount);
        NativeTransfer.send(to, amount);
    }

    // ---------------------------------------------------------------------------------------------
    // Slashing
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IOrchestratorRegistry
    /// @dev Never paused: fraud proven during an emergency must still cost the orchestrator its bond. An
    ///      orchestrator with nothing left (or never registered) yields zero and nothing is sent, so a
    ///      fraud proof against it still settles. A slash never changes the unbonding release time, except
    ///      to clear it when it takes the whole unbonding balance.
    function slash(address orchestrator, uint256 amount) external nonReentrant returns (uint256 slashed) {
        if (msg.sender != SLASHER) revert Unauthorized(msg.sender);
        if (amount == 0) revert ZeroAmount();
        OrchestratorRegistryStorage storage $ = _storage();
        Orchestrator storage record = $.orchestrators[orchestrator];
        uint128 bonded = record.bonded;
        uint128 unbonding = record.unbonding;

        // Cannot overflow or underflow: each part is capped at what the orchestrator holds.
        uint128 fromBonded = amount < bonded ? uint128(amount) : bonded;
        uint256 rest = amount - fromBonded;
        uint128 fromUnbonding = rest < unbonding ? uint128(rest) : unbonding;
        slashed = uint256(fromBonded) + fromUnbonding;

        if (fromBonded != 0) {
            bonded -= fromBonded;
            record.bonded = bonded;
            $.totalBonded -= fromBonded;
        }
        if (fromUnbonding != 0) {
            unbonding -= fromUnbonding;
            record.unbonding = unbonding;
            if (unbonding == 0) record.unbondingReleasableAt = 0;
            $.totalUnbonding -= fromUnbonding;
        }
        emit Slashed(orchestrator, amount, slashed, bonded, unbonding);
        if (slashed != 0) NativeTransfer.send(msg.sender, slashed);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IOrchestratorRegistry
    function isActive(address orchestrator) external view returns (bool) {
        Orchestrator storage record = _storage().orchestrators[orchestrator];
        return record.registered && record.bonded >= MINIMUM_BOND;
    }

    /// @inheritdoc IOrchestratorRegistry
    function orchestratorOf(address orchestrator) external view returns (Orchestrator memory) {
        return _storage().orchestrators[orchestrator];
    }

    /// @inheritdoc IOrchestratorRegistry
    function capabilitiesOf(address orchestrator) external view returns (Capabilities memory) {
        return _storage().capabilities[orchestrator];
    }

    /// @inheritdoc IOrchestratorRegistry
    function totalBonded() external view returns (uint256) {
        return _storage().totalBonded;
    }

    /// @inheritdoc IOrchestratorRegistry
    function totalUnbonding() external view returns (uint256) {
        return _storage().totalUnbonding;
    }

    /// @notice The implementation's version.
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    /// @dev Reverts unless `amount` more keeps all the CR8 held in bonds and unbonding within uint128, which
    ///      bounds every per-orchestrator amount and both totals.
    function _checkFits(OrchestratorRegistryStorage storage $, uint256 amount) private view {
        uint256 room = type(uint128).max - (uint256($.totalBonded) + $.totalUnbonding);
        if (amount > room) revert AmountTooLarge(amount, room);
    }

    function _validate(Capabilities calldata capabilities) private pure {
        if (capabilities.gpuCount == 0) revert ZeroGpuCount();
        if (capabilities.vramGbPerGpu == 0) revert ZeroVramPerGpu();
        if (capabilities.pricePerGpuSecond == 0) revert ZeroPricePerGpuSecond();
        uint256 length = bytes(capabilities.endpoint).length;
        if (length == 0) revert EmptyEndpoint();
        if (length > MAX_ENDPOINT_LENGTH) revert EndpointTooLong(length, MAX_ENDPOINT_LENGTH);
    }

    function _storage() private pure returns (OrchestratorRegistryStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
