// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Guarded} from "../access/Guarded.sol";
import {ICR8Staking} from "../interfaces/ICR8Staking.sol";
import {NativeTransfer} from "../libraries/NativeTransfer.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title CR8Staking
/// @notice Native CR8 staking with an unbonding period; rewards through a reward-per-stake accumulator
///         (Synthetix StakingRewards style), O(1) per action. See {ICR8Staking}.
/// @custom:proxied true
contract CR8Staking is ICR8Staking, Guarded, ReentrancyGuardTransient {
    /// @notice Rewards per staked wei are scaled by 2**128.
    uint256 private constant MAGNITUDE = 1 << 128;

    /// @notice The unbonding period can never exceed 90 days.
    uint64 public constant MAX_UNBONDING_PERIOD = 90 days;

    /// @notice One staker. `rewards` holds what was earned up to `rewardPerStakePaid`.
    struct Staker {
        uint128 staked;
        uint128 rewards;
        uint256 rewardPerStakePaid;
        uint128 unbonding;
        uint64 unlocksAt;
    }

    /// @custom:storage-location erc7201:cr8.storage.CR8Staking
    struct CR8StakingStorage {
        uint128 totalStaked;
        uint128 totalUnbonding;
        uint256 rewardPerStake;
        uint128 queuedRewards;
        uint64 unbondingPeriod;
        mapping(address account => Staker) stakers;
    }

    // keccak256(abi.encode(uint256(keccak256("cr8.storage.CR8Staking")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION =
        0xcbdd5e189408bfe44e81d03193019c2fc99163fe3e3d20186c6707d5f9da7700;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @param admin Governance.
    /// @param guardian May pause staking, unstaking, withdrawals and claims.
    /// @param unbondingPeriod_ Seconds between an unstake and its withdrawal.
    function initialize(address admin, address guardian, uint64 unbondingPeriod_) external initializer {
        __Guarded_init(admin, guardian);
        _setUnbondingPeriod(unbondingPeriod_);
    }

    /// @inheritdoc ICR8Staking
    function stake() external payable nonReentrant whenNotPaused {
        if (msg.value == 0) revert ZeroAmount();
        CR8StakingStorage storage $ = _storage();
        Staker storage staker = _settle($, msg.sender);
        // Cannot overflow: amounts are bounded by the native CR8 supply, far below 2**128.
        staker.staked += uint128(msg.value);
        uint128 total = $.totalStaked + uint128(msg.value);
        $.totalStaked = total;
        // Rewards that arrived while nobody staked go to the stakers present now. (They can only be
        // queued while the total stake is zero, so this staker is the only one and earns them all.)
        uint256 queued = $.queuedRewards;
        if (queued != 0) {
            $.queuedRewards = 0;
            _accrue($, 0, queued, address(this));
        }
        emit Staked(msg.sender, msg.value, total);
    }

    /// @inheritdoc ICR8Staking
    function unstake(uint256 amount) external nonReentrant whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        CR8StakingStorage storage $ = _storage();
        Staker storage staker = _settle($, msg.sender);
        uint128 staked = staker.staked;
        if (amount > staked) revert InsufficientStake(staked, amount);
        // Cannot underflow or overflow: amount <= staked <= totalStaked, all below 2**128.
        staker.staked = staked - uint128(amount);
        uint128 unbonding = staker.unbonding + uint128(amount);
        uint64 unlocksAt = uint64(block.timestamp) + $.unbondingPeriod;
        staker.unbonding = unbonding;
        staker.unlocksAt = unlocksAt;
        $.totalStaked -= uint128(amount);
        $.totalUnbonding += uint128(amount);
        emit UnstakeRequested(msg.sender, amount, unbonding, unlocksAt);
    }

    /// @inheritdoc ICR8Staking
    function withdraw() external nonReentrant whenNotPaused returns (uint256 amount) {
        CR8StakingStorage storage $ = _storage();
        Staker storage staker = $.stakers[msg.sender];
        amount = staker.unbonding;
        if (amount == 0 || staker.unlocksAt > block.timestamp) {
            revert StillUnbonding(amount, staker.unlocksAt);
        }
        staker.unbonding = 0;
        staker.unlocksAt = 0;
        $.totalUnbonding -= uint128(amount);
        NativeTransfer.send(msg.sender, amount);
        emit Withdrawn(msg.sender, amount);
    }

    /// @inheritdoc ICR8Staking
    function claimRewards() external nonReentrant whenNotPaused returns (uint256 amount) {
        Staker storage staker = _settle(_storage(), msg.sender);
        amount = staker.rewards;
        if (amount == 0) revert NothingToClaim(msg.sender);
        staker.rewards = 0;
        NativeTransfer.send(msg.sender, amount);
        emit RewardsClaimed(msg.sender, amount);
    }

    /// @inheritdoc ICR8Staking
    /// @dev Never paused: fees keep flowing to stakers while the guardian holds user actions.
    function notifyRewardAmount() external payable {
        if (msg.value == 0) revert ZeroAmount();
        CR8StakingStorage storage $ = _storage();
        if ($.totalStaked == 0) {
            $.queuedRewards += uint128(msg.value);
            emit RewardsNotified(msg.sender, msg.value, 0, $.rewardPerStake);
            return;
        }
        uint256 amount = msg.value + $.queuedRewards;
        $.queuedRewards = 0;
        _accrue($, msg.value, amount, msg.sender);
    }

    /// @inheritdoc ICR8Staking
    function setUnbondingPeriod(uint64 unbondingPeriod_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setUnbondingPeriod(unbondingPeriod_);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ICR8Staking
    function stakedOf(address account) external view returns (uint256) {
        return _storage().stakers[account].staked;
    }

    /// @inheritdoc ICR8Staking
    function unbondingOf(address account) external view returns (uint256 amount, uint64 unlocksAt) {
        Staker storage staker = _storage().stakers[account];
        return (staker.unbonding, staker.unlocksAt);
    }

    /// @inheritdoc ICR8Staking
    function earned(address account) public view returns (uint256) {
        CR8StakingStorage storage $ = _storage();
        Staker storage staker = $.stakers[account];
        return
            staker.rewards
                + Math.mulDiv(staker.staked, $.rewardPerStake - staker.rewardPerStakePaid, MAGNITUDE);
    }

    /// @inheritdoc ICR8Staking
    function totalStaked() external view returns (uint256) {
        return _storage().totalStaked;
    }

    /// @inheritdoc ICR8Staking
    function totalUnbonding() external view returns (uint256) {
        return _storage().totalUnbonding;
    }

    /// @inheritdoc ICR8Staking
    function queuedRewards() external view returns (uint256) {
        return _storage().queuedRewards;
    }

    /// @inheritdoc ICR8Staking
    function rewardPerStake() external view returns (uint256) {
        return _storage().rewardPerStake;
    }

    /// @inheritdoc ICR8Staking
    function unbondingPeriod() external view returns (uint64) {
        return _storage().unbondingPeriod;
    }

    /// @notice The implementation's version.
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    /// @dev Books what `account` earned since its last action and returns its record.
    function _settle(CR8StakingStorage storage $, address account) private returns (Staker storage staker) {
        staker = $.stakers[account];
        uint256 perStake = $.rewardPerStake;
        uint256 paid = staker.rewardPerStakePaid;
        if (perStake != paid) {
            uint128 staked = staker.staked;
            // Cannot overflow uint128: a staker's rewards are part of the native CR8 supply.
            if (staked != 0) staker.rewards += uint128(Math.mulDiv(staked, perStake - paid, MAGNITUDE));
            staker.rewardPerStakePaid = perStake;
        }
    }

    function _accrue(CR8StakingStorage storage $, uint256 received, uint256 amount, address from) private {
        uint256 perStake = $.rewardPerStake + Math.mulDiv(amount, MAGNITUDE, $.totalStaked);
        $.rewardPerStake = perStake;
        emit RewardsNotified(from, received, amount, perStake);
    }

    function _setUnbondingPeriod(uint64 unbondingPeriod_) private {
        if (unbondingPeriod_ > MAX_UNBONDING_PERIOD) revert InvalidUnbondingPeriod(unbondingPeriod_);
        _storage().unbondingPeriod = unbondingPeriod_;
        emit UnbondingPeriodUpdated(unbondingPeriod_);
    }

    function _storage() private pure returns (CR8StakingStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
