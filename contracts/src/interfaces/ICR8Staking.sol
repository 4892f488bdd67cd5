// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IGuarded} from "./IGuarded.sol";

/// @title ICR8Staking
/// @notice Stake native CR8 on the L3 to earn the stakers' share of every fee. Rewards accrue through a
///         reward-per-stake accumulator, so every action costs O(1) whatever the number of stakers.
///         Unstaking starts an unbonding period during which the amount earns nothing; a second
///         unstake adds to the unbonding amount and restarts its clock.
interface ICR8Staking is IGuarded {
    event Staked(address indexed account, uint256 amount, uint256 totalStaked);
    event UnstakeRequested(
        address indexed account, uint256 amount, uint256 unbondingAmount, uint64 unlocksAt
    );
    event Withdrawn(address indexed account, uint256 amount);
    event RewardsClaimed(address indexed account, uint256 amount);
    /// @notice `amount` of rewards arrived; `distributed` of it (with earlier queued rewards) reached stakers.
    event RewardsNotified(address indexed from, uint256 amount, uint256 distributed, uint256 rewardPerStake);
    event UnbondingPeriodUpdated(uint64 unbondingPeriod);

    /// @notice `account` has `staked` staked, less than the `requested` amount.
    error InsufficientStake(uint256 staked, uint256 requested);

    /// @notice Nothing is unbonding, or it unlocks only at `unlocksAt`.
    error StillUnbonding(uint256 amount, uint64 unlocksAt);

    /// @notice The account has no rewards to claim.
    error NothingToClaim(address account);

    /// @notice The unbonding period is above MAX_UNBONDING_PERIOD.
    error InvalidUnbondingPeriod(uint64 unbondingPeriod);

    /// @notice Stakes `msg.value`.
    function stake() external payable;

    /// @notice Starts unbonding `amount` of the caller's stake.
    function unstake(uint256 amount) external;

    /// @notice Sends the caller its unbonded CR8 once the period has passed.
    function withdraw() external returns (uint256 amount);

    /// @notice Sends the caller its rewards.
    function claimRewards() external returns (uint256 amount);

    /// @notice Adds `msg.value` to the stakers' rewards (queued while nobody stakes).
    function notifyRewardAmount() external payable;

    /// @notice Governance: sets the unbonding period for future unstakes.
    function setUnbondingPeriod(uint64 unbondingPeriod) external;

    function stakedOf(address account) external view returns (uint256);

    function unbondingOf(address account) external view returns (uint256 amount, uint64 unlocksAt);

    function earned(address account) external view returns (uint256);

    function totalStaked() external view returns (uint256);

    /// @notice All CR8 in unbonding across accounts.
    function totalUnbonding() external view returns (uint256);

    /// @notice Rewards received while nobody staked, waiting for the next staker.
    function queuedRewards() external view returns (uint256);

    function rewardPerStake() external view returns (uint256);

    function unbondingPeriod() external view returns (uint64);
}
