// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CR8Test} from "../utils/CR8Test.sol";
import {StakingHandler} from "./handlers/StakingHandler.sol";

/// @title StakingConservationInvariants
/// @notice Every wei CR8Staking holds belongs to someone: a stake, an unbonding amount, a queued reward or
///         an earned reward, up to rounding dust that is never negative and stays tiny.
contract StakingConservationInvariants is CR8Test {
    StakingHandler internal handler;
    address[] internal actors;

    function setUp() public override {
        super.setUp();
        handler = new StakingHandler(staking, admin);
        actors = handler.actors();

        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = StakingHandler.stake.selector;
        selectors[1] = StakingHandler.unstake.selector;
        selectors[2] = StakingHandler.withdraw.selector;
        selectors[3] = StakingHandler.claimRewards.selector;
        selectors[4] = StakingHandler.notifyRewardAmount.selector;
        selectors[5] = StakingHandler.warp.selector;
        selectors[6] = StakingHandler.setUnbondingPeriod.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// @notice balance == totalStaked + totalUnbonding + queuedRewards + sum(earned) + dust, where the dust
    ///         is at most one wei per staker and per accumulator move (plus one per staker for the final
    ///         rounding of `earned`). (Required.)
    function invariant_conservation_balanceCoversEveryClaim() public view {
        uint256 sumEarned;
        for (uint256 i; i < actors.length; ++i) {
            sumEarned += staking.earned(actors[i]);
        }
        uint256 owed = staking.totalStaked() + staking.totalUnbonding() + staking.queuedRewards() + sumEarned;
        uint256 balance = address(staking).balance;
        assertGe(balance, owed, "the contract owes more than it holds");
        uint256 dust = balance - owed;
        uint256 maxDust = handler.ghost_distributions() * (actors.length + 1) + actors.length;
        assertLe(dust, maxDust, "rounding dust too large");
    }

    /// @notice The totals are the sums of the per-account records; the CR8 that came in is the CR8 held
    ///         plus the CR8 that went out; queued rewards only exist while nobody stakes; every withdrawal
    ///         and claim paid what the views promised.
    function invariant_conservation_totalsAndFlows() public view {
        uint256 sumStaked;
        uint256 sumUnbonding;
        for (uint256 i; i < actors.length; ++i) {
            sumStaked += staking.stakedOf(actors[i]);
            (uint256 unbonding,) = staking.unbondingOf(actors[i]);
            sumUnbonding += unbonding;
        }
        assertEq(sumStaked, staking.totalStaked(), "sum of stakes");
        assertEq(sumUnbonding, staking.totalUnbonding(), "sum of unbonding");
        assertEq(
            handler.ghost_deposits() + handler.ghost_rewardsIn(),
            address(staking).balance + handler.ghost_withdrawals() + handler.ghost_claims(),
            "CR8 in != CR8 held + CR8 out"
        );
        if (staking.queuedRewards() != 0) assertEq(staking.totalStaked(), 0, "queued while someone stakes");
        assertEq(handler.ghost_mismatches(), 0, "an action differed from the views");
    }
}
