// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CR8Staking} from "../../../src/staking/CR8Staking.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @title StakingHandler
/// @notice Drives CR8Staking for the conservation invariants: six actors stake, unstake, withdraw (warping
///         past their unlock time when needed) and claim; anyone notifies rewards, from dust to large
///         amounts, including while nobody stakes; governance moves the unbonding period; time passes.
///         Every call is bounded to succeed. Outcomes that differ from the views are counted in
///         `ghost_mismatches`.
contract StakingHandler is CommonBase, StdCheats, StdUtils {
    uint256 public constant ACTORS = 6;

    CR8Staking public immutable staking;
    address public immutable admin;
    address public immutable funder;

    address[] internal _actors;

    /// @notice CR8 that entered the contract as stakes and as rewards, and that left it as withdrawals
    ///         and as claims.
    uint256 public ghost_deposits;
    uint256 public ghost_rewardsIn;
    uint256 public ghost_withdrawals;
    uint256 public ghost_claims;
    /// @notice How many times the reward-per-stake accumulator moved (notifications while someone
    ///         staked, and stakes that released queued rewards): each can leave rounding dust.
    uint256 public ghost_distributions;
    uint256 public ghost_mismatches;
    uint256 public ghost_unstakes;
    uint256 public ghost_withdraws;
    uint256 public ghost_claimCount;

    constructor(CR8Staking staking_, address admin_) {
        staking = staking_;
        admin = admin_;
        funder = makeAddr("rewardFunder");
        for (uint256 i; i < ACTORS; ++i) {
            _actors.push(makeAddr(string.concat("staker", vm.toString(i))));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Actions
    // ---------------------------------------------------------------------------------------------

    function stake(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        // Half of the time dust stakes (down to one wei), where rounding matters most.
        amount = amount % 2 == 0 ? _bound(amount, 1, 1e9) : _bound(amount, 1e9, 1_000_000e18);
        bool releasesQueue = staking.queuedRewards() != 0;
        uint256 stakedBefore = staking.stakedOf(actor);
        vm.deal(actor, actor.balance + amount);
        vm.prank(actor);
        staking.stake{value: amount}();
        if (staking.stakedOf(actor) != stakedBefore + amount) ++ghost_mismatches;
        ghost_deposits += amount;
        if (releasesQueue) ++ghost_distributions;
    }

    function unstake(uint256 actorSeed, uint256 amount) external {
        (address actor, uint256 staked) = _staker(actorSeed);
        if (staked == 0) return;
        amount = amount % 3 == 0 ? staked : _bound(amount, 1, staked);
        (uint256 unbondingBefore,) = staking.unbondingOf(actor);
        vm.prank(actor);
        staking.unstake(amount);
        (uint256 unbondingAfter, uint64 unlocksAt) = staking.unbondingOf(actor);
        if (
            unbondingAfter != unbondingBefore + amount
                || unlocksAt != block.timestamp + staking.unbondingPeriod()
        ) {
            ++ghost_mismatches;
        }
        ++ghost_unstakes;
    }

    /// @notice Withdraws the first unbonding amount from `actorSeed` on, warping to its unlock time if needed.
    function withdraw(uint256 actorSeed) external {
        for (uint256 i; i < ACTORS; ++i) {
            address actor = _actor(actorSeed % ACTORS + i);
            (uint256 unbonding, uint64 unlocksAt) = staking.unbondingOf(actor);
            if (unbonding == 0) continue;
            if (unlocksAt > block.timestamp) vm.warp(unlocksAt);
            uint256 balanceBefore = actor.balance;
            vm.prank(actor);
            uint256 amount = staking.withdraw();
            if (amount != unbonding || actor.balance != balanceBefore + unbonding) ++ghost_mismatches;
            ghost_withdrawals += amount;
            ++ghost_withdraws;
            return;
        }
    }

    /// @notice Claims for the first actor from `actorSeed` on that has earned something.
    function claimRewards(uint256 actorSeed) external {
        for (uint256 i; i < ACTORS; ++i) {
            address actor = _actor(actorSeed % ACTORS + i);
            uint256 earned = staking.earned(actor);
            if (earned == 0) continue;
            uint256 balanceBefore = actor.balance;
            vm.prank(actor);
            uint256 amount = staking.claimRewards();
            if (amount != earned || actor.balance != balanceBefore + earned || staking.earned(actor) != 0) {
                ++ghost_mismatches;
            }
            ghost_claims += amount;
            ++ghost_claimCount;
            return;
        }
    }

    function notifyRewardAmount(uint256 amount) external {
        amount = amount % 2 == 0 ? _bound(amount, 1, 1e9) : _bound(amount, 1e9, 10_000e18);
        bool distributes = staking.totalStaked() != 0;
        vm.deal(funder, funder.balance + amount);
        vm.prank(funder);
        staking.notifyRewardAmount{value: amount}();
        ghost_rewardsIn += amount;
        if (distributes) ++ghost_distributions;
    }

    function setUnbondingPeriod(uint256 period) external {
        period = _bound(period, 0, staking.MAX_UNBONDING_PERIOD());
        vm.prank(admin);
        staking.setUnbondingPeriod(uint64(period));
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

    /// @dev The first actor from `seed` on with a stake, and its stake.
    function _staker(uint256 seed) internal view returns (address actor, uint256 staked) {
        for (uint256 i; i < ACTORS; ++i) {
            actor = _actor(seed % ACTORS + i);
            staked = staking.stakedOf(actor);
            if (staked != 0) return (actor, staked);
        }
    }
}
