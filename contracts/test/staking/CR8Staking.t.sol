// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICR8Staking} from "../../src/interfaces/ICR8Staking.sol";
import {ICommon} from "../../src/interfaces/ICommon.sol";
import {IFeeDistributor} from "../../src/interfaces/IFeeDistributor.sol";
import {CR8Staking} from "../../src/staking/CR8Staking.sol";
import {CR8Test} from "../utils/CR8Test.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @notice Stakes but has no `receive`, so withdrawals and reward claims to it fail.
contract RejectingStaker {
    CR8Staking internal immutable STAKING;

    constructor(CR8Staking staking) {
        STAKING = staking;
    }

    function stake() external payable {
        STAKING.stake{value: msg.value}();
    }

    function unstake(uint256 amount) external {
        STAKING.unstake(amount);
    }

    function withdraw() external returns (uint256) {
        return STAKING.withdraw();
    }

    function claimRewards() external returns (uint256) {
        return STAKING.claimRewards();
    }
}

/// @notice On receiving CR8 from the staking contract, tries every user action again in the same call.
contract ReentrantStaker {
    CR8Staking internal immutable STAKING;

    bool internal _armed;
    uint256 public callbacks;
    uint256 public received;
    bytes public withdrawError;
    bytes public claimError;
    bytes public stakeError;
    bytes public unstakeError;

    constructor(CR8Staking staking) {
        STAKING = staking;
    }

    function stake() external payable {
        STAKING.stake{value: msg.value}();
    }

    function unstake(uint256 amount) external {
        STAKING.unstake(amount);
    }

    function withdraw() external returns (uint256) {
        _armed = true;
        return STAKING.withdraw();
    }

    function claimRewards() external returns (uint256) {
        _armed = true;
        return STAKING.claimRewards();
    }

    receive() external payable {
        received += msg.value;
        if (!_armed) return;
        _armed = false;
        ++callbacks;
        try STAKING.withdraw() {}
        catch (bytes memory err) {
            withdrawError = err;
        }
        try STAKING.claimRewards() {}
        catch (bytes memory err) {
            claimError = err;
        }
        try STAKING.stake{value: 1}() {}
        catch (bytes memory err) {
            stakeError = err;
        }
        try STAKING.unstake(1) {}
        catch (bytes memory err) {
            unstakeError = err;
        }
    }
}

contract CR8StakingTest is CR8Test {
    uint256 internal constant MAGNITUDE = 1 << 128;
    uint64 internal constant DEFAULT_UNBONDING = 7 days;

    address internal dave = makeAddr("dave");

    function _stake(address account, uint256 amount) internal {
        vm.deal(account, account.balance + amount);
        vm.prank(account);
        staking.stake{value: amount}();
    }

    function _unstake(address account, uint256 amount) internal {
        vm.prank(account);
        staking.unstake(amount);
    }

    function _notify(uint256 amount) internal {
        vm.deal(dave, dave.balance + amount);
        vm.prank(dave);
        staking.notifyRewardAmount{value: amount}();
    }

    function _expectReentrancy(bytes memory err) internal pure {
        assertEq(err, abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector));
    }

    // ---------------------------------------------------------------------------------------------
    // Initialization
    // ---------------------------------------------------------------------------------------------

    function test_initialize_defaults_succeeds() public view {
        assertEq(staking.unbondingPeriod(), DEFAULT_UNBONDING);
        assertEq(staking.totalStaked(), 0);
        assertEq(staking.totalUnbonding(), 0);
        assertEq(staking.queuedRewards(), 0);
        assertEq(staking.rewardPerStake(), 0);
        assertTrue(staking.hasRole(staking.DEFAULT_ADMIN_ROLE(), admin));
        assertTrue(staking.hasRole(staking.GUARDIAN_ROLE(), guardian));
        assertEq(staking.version(), "1.0.0");
    }

    function test_initialize_twice_reverts() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        staking.initialize(alice, alice, 1 days);
    }

    function test_initialize_implementation_reverts() public {
        CR8Staking implementation = new CR8Staking();
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(admin, guardian, 1 days);
    }

    function test_initialize_invalidUnbondingPeriod_reverts() public {
        CR8Staking implementation = new CR8Staking();
        uint64 tooLong = implementation.MAX_UNBONDING_PERIOD() + 1;
        vm.expectRevert(abi.encodeWithSelector(ICR8Staking.InvalidUnbondingPeriod.selector, tooLong));
        new ERC1967Proxy(
            address(implementation), abi.encodeCall(CR8Staking.initialize, (admin, guardian, tooLong))
        );
    }

    function test_initialize_zeroAdmin_reverts() public {
        CR8Staking implementation = new CR8Staking();
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new ERC1967Proxy(
            address(implementation), abi.encodeCall(CR8Staking.initialize, (address(0), guardian, 1 days))
        );
    }

    // ---------------------------------------------------------------------------------------------
    // stake
    // ---------------------------------------------------------------------------------------------

    function test_stake_succeeds() public {
        uint256 aliceBefore = alice.balance;
        vm.expectEmit(true, true, true, true, address(staking));
        emit ICR8Staking.Staked(alice, 10e18, 10e18);
        vm.prank(alice);
        staking.stake{value: 10e18}();

        assertEq(staking.stakedOf(alice), 10e18);
        assertEq(staking.totalStaked(), 10e18);
        assertEq(address(staking).balance, 10e18);
        assertEq(alice.balance, aliceBefore - 10e18);
        assertEq(staking.earned(alice), 0);
    }

    function test_stake_twiceAdds_succeeds() public {
        _stake(alice, 10e18);
        _stake(bob, 5e18);
        vm.expectEmit(true, true, true, true, address(staking));
        emit ICR8Staking.Staked(alice, 3e18, 18e18);
        _stake(alice, 3e18);
        assertEq(staking.stakedOf(alice), 13e18);
        assertEq(staking.stakedOf(bob), 5e18);
        assertEq(staking.totalStaked(), 18e18);
    }

    function test_stake_zero_reverts() public {
        vm.expectRevert(ICommon.ZeroAmount.selector);
        vm.prank(alice);
        staking.stake();
    }

    function test_stake_whenPaused_reverts() public {
        vm.prank(guardian);
        staking.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vm.prank(alice);
        staking.stake{value: 1e18}();
    }

    function test_stake_afterRewardsKeepsEarned_succeeds() public {
        _stake(alice, 10e18);
        _notify(1e18);
        uint256 earnedBefore = staking.earned(alice);
        _stake(alice, 90e18);
        // The new stake does not earn the past reward, and the old reward is not diluted.
        assertEq(staking.earned(alice), earnedBefore);
        _stake(bob, 100e18);
        _notify(2e18);
        assertApproxEqAbs(staking.earned(alice), earnedBefore + 1e18, 2);
        assertApproxEqAbs(staking.earned(bob), 1e18, 2);
    }

    function test_stake_queuedRewardsGoToFirstStaker_succeeds() public {
        _notify(3e18);
        _notify(2e18);
        assertEq(staking.queuedRewards(), 5e18);
        uint256 expectedPerStake = 5e18 * MAGNITUDE / 1e18;

        vm.expectEmit(true, true, true, true, address(staking));
        emit ICR8Staking.RewardsNotified(address(staking), 0, 5e18, expectedPerStake);
        vm.expectEmit(true, true, true, true, address(staking));
        emit ICR8Staking.Staked(alice, 1e18, 1e18);
        _stake(alice, 1e18);

        assertEq(staking.queuedRewards(), 0);
        assertEq(staking.rewardPerStake(), expectedPerStake);
        assertEq(staking.earned(alice), 5e18);
        // A later staker gets none of it.
        _stake(bob, 1e18);
        assertEq(staking.earned(bob), 0);
    }

    function test_stake_queuedAfterEveryoneLeft_succeeds() public {
        _stake(alice, 4e18);
        _notify(1e18);
        _unstake(alice, 4e18);
        _notify(2e18); // nobody stakes: queued
        assertEq(staking.queuedRewards(), 2e18);
        _stake(bob, 1e18);
        assertEq(staking.queuedRewards(), 0);
        assertApproxEqAbs(staking.earned(bob), 2e18, 1);
        assertApproxEqAbs(staking.earned(alice), 1e18, 1);
    }

    // ---------------------------------------------------------------------------------------------
    // unstake
    // ---------------------------------------------------------------------------------------------

    function test_unstake_succeeds() public {
        _stake(alice, 10e18);
        uint64 unlocksAt = uint64(block.timestamp) + DEFAULT_UNBONDING;
        vm.expectEmit(true, true, true, true, address(staking));
        emit ICR8Staking.UnstakeRequested(alice, 4e18, 4e18, unlocksAt);
        _unstake(alice, 4e18);

        assertEq(staking.stakedOf(alice), 6e18);
        assertEq(staking.totalStaked(), 6e18);
        assertEq(staking.totalUnbonding(), 4e18);
        (uint256 amount, uint64 at) = staking.unbondingOf(alice);
        assertEq(amount, 4e18);
        assertEq(at, unlocksAt);
        assertEq(address(staking).balance, 10e18);
    }

    function test_unstake_secondAddsAndRestartsClock_succeeds() public {
        _stake(alice, 10e18);
        _unstake(alice, 4e18);
        vm.warp(block.timestamp + 3 days);
        uint64 unlocksAt = uint64(block.timestamp) + DEFAULT_UNBONDING;
        vm.expectEmit(true, true, true, true, address(staking));
        emit ICR8Staking.UnstakeRequested(alice, 1e18, 5e18, unlocksAt);
        _unstake(alice, 1e18);

        (uint256 amount, uint64 at) = staking.unbondingOf(alice);
        assertEq(amount, 5e18);
        assertEq(at, unlocksAt);
        assertEq(staking.totalUnbonding(), 5e18);
        // The first part is no longer withdrawable when its own period ends.
        vm.warp(block.timestamp + DEFAULT_UNBONDING - 1);
        vm.expectRevert(abi.encodeWithSelector(ICR8Staking.StillUnbonding.selector, uint256(5e18), unlocksAt));
        vm.prank(alice);
        staking.withdraw();
    }

    function test_unstake_zero_reverts() public {
        _stake(alice, 1e18);
        vm.expectRevert(ICommon.ZeroAmount.selector);
        _unstake(alice, 0);
    }

    function test_unstake_moreThanStaked_reverts() public {
        _stake(alice, 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(ICR8Staking.InsufficientStake.selector, uint256(1e18), uint256(1e18 + 1))
        );
        _unstake(alice, 1e18 + 1);
    }

    function test_unstake_noStake_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICR8Staking.InsufficientStake.selector, uint256(0), uint256(1))
        );
        _unstake(bob, 1);
    }

    function test_unstake_whenPaused_reverts() public {
        _stake(alice, 1e18);
        vm.prank(guardian);
        staking.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        _unstake(alice, 1e18);
    }

    function test_unstake_stopsEarningButKeepsEarned_succeeds() public {
        _stake(alice, 10e18);
        _stake(bob, 10e18);
        _notify(2e18);
        _unstake(alice, 10e18);
        uint256 aliceEarned = staking.earned(alice);
        assertApproxEqAbs(aliceEarned, 1e18, 1);
        _notify(5e18);
        assertEq(staking.earned(alice), aliceEarned, "unbonding earns nothing");
        assertApproxEqAbs(staking.earned(bob), 6e18, 2);
    }

    function test_unstake_usesCurrentUnbondingPeriod_succeeds() public {
        _stake(alice, 10e18);
        _unstake(alice, 1e18);
        (, uint64 firstUnlock) = staking.unbondingOf(alice);
        vm.prank(admin);
        staking.setUnbondingPeriod(1 days);
        (, uint64 stillFirst) = staking.unbondingOf(alice);
        assertEq(stillFirst, firstUnlock, "existing unbonding keeps its unlock time");
        _unstake(alice, 1e18);
        (, uint64 secondUnlock) = staking.unbondingOf(alice);
        assertEq(secondUnlock, uint64(block.timestamp) + 1 days);
    }

    // ---------------------------------------------------------------------------------------------
    // withdraw
    // ---------------------------------------------------------------------------------------------

    function test_withdraw_afterUnbonding_succeeds() public {
        _stake(alice, 10e18);
        _unstake(alice, 4e18);
        vm.warp(block.timestamp + DEFAULT_UNBONDING);
        uint256 aliceBefore = alice.balance;

        vm.expectEmit(true, true, true, true, address(staking));
        emit ICR8Staking.Withdrawn(alice, 4e18);
        vm.prank(alice);
        uint256 amount = staking.withdraw();

        assertEq(amount, 4e18);
        assertEq(alice.balance, aliceBefore + 4e18);
        assertEq(staking.totalUnbonding(), 0);
        assertEq(address(staking).balance, 6e18);
        (uint256 unbonding, uint64 unlocksAt) = staking.unbondingOf(alice);
        assertEq(unbonding, 0);
        assertEq(unlocksAt, 0);
        assertEq(staking.stakedOf(alice), 6e18);
    }

    function test_withdraw_beforeUnlock_reverts() public {
        _stake(alice, 10e18);
        _unstake(alice, 4e18);
        (, uint64 unlocksAt) = staking.unbondingOf(alice);
        vm.warp(unlocksAt - 1);
        vm.expectRevert(abi.encodeWithSelector(ICR8Staking.StillUnbonding.selector, uint256(4e18), unlocksAt));
        vm.prank(alice);
        staking.withdraw();
    }

    function test_withdraw_nothingUnbonding_reverts() public {
        _stake(alice, 10e18);
        vm.expectRevert(abi.encodeWithSelector(ICR8Staking.StillUnbonding.selector, uint256(0), uint64(0)));
        vm.prank(alice);
        staking.withdraw();
    }

    function test_withdraw_twice_reverts() public {
        _stake(alice, 10e18);
        _unstake(alice, 10e18);
        vm.warp(block.timestamp + DEFAULT_UNBONDING);
        vm.prank(alice);
        staking.withdraw();
        vm.expectRevert(abi.encodeWithSelector(ICR8Staking.StillUnbonding.selector, uint256(0), uint64(0)));
        vm.prank(alice);
        staking.withdraw();
    }

    function test_withdraw_zeroUnbondingPeriod_succeeds() public {
        vm.prank(admin);
        staking.setUnbondingPeriod(0);
        _stake(alice, 2e18);
        _unstake(alice, 2e18);
        vm.prank(alice);
        assertEq(staking.withdraw(), 2e18);
        assertEq(address(staking).balance, 0);
    }

    function test_withdraw_whenPaused_reverts() public {
        _stake(alice, 10e18);
        _unstake(alice, 10e18);
        vm.warp(block.timestamp + DEFAULT_UNBONDING);
        vm.prank(guardian);
        staking.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vm.prank(alice);
        staking.withdraw();
    }

    function test_withdraw_rejectingReceiver_reverts() public {
        RejectingStaker staker = new RejectingStaker(staking);
        staker.stake{value: 3e18}();
        staker.unstake(3e18);
        vm.warp(block.timestamp + DEFAULT_UNBONDING);
        vm.expectRevert(
            abi.encodeWithSelector(ICommon.NativeTransferFailed.selector, address(staker), uint256(3e18))
        );
        staker.withdraw();
        (uint256 unbonding,) = staking.unbondingOf(address(staker));
        assertEq(unbonding, 3e18);
        assertEq(staking.totalUnbonding(), 3e18);
    }

    function test_withdraw_reentrantCall_reverts() public {
        ReentrantStaker attacker = new ReentrantStaker(staking);
        attacker.stake{value: 5e18}();
        _stake(bob, 5e18);
        _notify(1e18);
        attacker.unstake(2e18);
        vm.warp(block.timestamp + DEFAULT_UNBONDING);
        uint256 earnedBefore = staking.earned(address(attacker));

        uint256 amount = attacker.withdraw();

        assertEq(amount, 2e18);
        assertEq(attacker.callbacks(), 1);
        assertEq(attacker.received(), 2e18, "only the withdrawal was paid");
        _expectReentrancy(attacker.withdrawError());
        _expectReentrancy(attacker.claimError());
        _expectReentrancy(attacker.stakeError());
        _expectReentrancy(attacker.unstakeError());
        assertEq(staking.stakedOf(address(attacker)), 3e18);
        assertEq(staking.earned(address(attacker)), earnedBefore);
        assertEq(staking.totalUnbonding(), 0);
        assertEq(address(staking).balance, staking.totalStaked() + 1e18);
    }

    // ---------------------------------------------------------------------------------------------
    // claimRewards
    // ---------------------------------------------------------------------------------------------

    function test_claimRewards_succeeds() public {
        _stake(alice, 1e18);
        _stake(bob, 3e18);
        _notify(4e18);
        uint256 expected = staking.earned(alice);
        assertApproxEqAbs(expected, 1e18, 1);
        uint256 aliceBefore = alice.balance;

        vm.expectEmit(true, true, true, true, address(staking));
        emit ICR8Staking.RewardsClaimed(alice, expected);
        vm.prank(alice);
        uint256 amount = staking.claimRewards();

        assertEq(amount, expected);
        assertEq(alice.balance, aliceBefore + expected);
        assertEq(staking.earned(alice), 0);
        assertEq(staking.stakedOf(alice), 1e18);
        assertApproxEqAbs(staking.earned(bob), 3e18, 1);
    }

    function test_claimRewards_afterFullExit_succeeds() public {
        _stake(alice, 1e18);
        _notify(1e18);
        _unstake(alice, 1e18);
        vm.warp(block.timestamp + DEFAULT_UNBONDING);
        vm.prank(alice);
        staking.withdraw();
        vm.prank(alice);
        assertEq(staking.claimRewards(), 1e18);
        assertEq(address(staking).balance, 0);
    }

    function test_claimRewards_nothing_reverts() public {
        _stake(alice, 1e18);
        vm.expectRevert(abi.encodeWithSelector(ICR8Staking.NothingToClaim.selector, alice));
        vm.prank(alice);
        staking.claimRewards();
    }

    function test_claimRewards_twice_reverts() public {
        _stake(alice, 1e18);
        _notify(1e18);
        vm.prank(alice);
        staking.claimRewards();
        vm.expectRevert(abi.encodeWithSelector(ICR8Staking.NothingToClaim.selector, alice));
        vm.prank(alice);
        staking.claimRewards();
    }

    function test_claimRewards_whenPaused_reverts() public {
        _stake(alice, 1e18);
        _notify(1e18);
        vm.prank(guardian);
        staking.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vm.prank(alice);
        staking.claimRewards();
    }

    function test_claimRewards_rejectingReceiver_reverts() public {
        RejectingStaker staker = new RejectingStaker(staking);
        staker.stake{value: 1e18}();
        _notify(1e18);
        vm.expectRevert(
            abi.encodeWithSelector(ICommon.NativeTransferFailed.selector, address(staker), uint256(1e18))
        );
        staker.claimRewards();
        assertEq(staking.earned(address(staker)), 1e18);
    }

    function test_claimRewards_reentrantCall_reverts() public {
        ReentrantStaker attacker = new ReentrantStaker(staking);
        attacker.stake{value: 1e18}();
        attacker.unstake(5e17);
        vm.warp(block.timestamp + DEFAULT_UNBONDING); // a withdrawal is ready too: still refused inside
        _notify(2e18);

        uint256 amount = attacker.claimRewards();

        assertEq(amount, 2e18);
        assertEq(attacker.callbacks(), 1);
        assertEq(attacker.received(), 2e18);
        _expectReentrancy(attacker.withdrawError());
        _expectReentrancy(attacker.claimError());
        _expectReentrancy(attacker.stakeError());
        _expectReentrancy(attacker.unstakeError());
        (uint256 unbonding,) = staking.unbondingOf(address(attacker));
        assertEq(unbonding, 5e17);
        assertEq(staking.stakedOf(address(attacker)), 5e17);
        assertEq(address(staking).balance, 1e18);
    }

    // ---------------------------------------------------------------------------------------------
    // notifyRewardAmount
    // ---------------------------------------------------------------------------------------------

    function test_notifyRewardAmount_succeeds() public {
        _stake(alice, 3e18);
        uint256 expectedPerStake = 6e18 * MAGNITUDE / 3e18;
        vm.deal(dave, 6e18);
        vm.expectEmit(true, true, true, true, address(staking));
        emit ICR8Staking.RewardsNotified(dave, 6e18, 6e18, expectedPerStake);
        vm.prank(dave);
        staking.notifyRewardAmount{value: 6e18}();

        assertEq(staking.rewardPerStake(), expectedPerStake);
        assertEq(staking.earned(alice), 6e18);
        assertEq(address(staking).balance, 9e18);
        assertEq(staking.queuedRewards(), 0);
    }

    function test_notifyRewardAmount_noStakersQueues_succeeds() public {
        vm.deal(dave, 1e18);
        vm.expectEmit(true, true, true, true, address(staking));
        emit ICR8Staking.RewardsNotified(dave, 1e18, 0, 0);
        vm.prank(dave);
        staking.notifyRewardAmount{value: 1e18}();
        assertEq(staking.queuedRewards(), 1e18);
        assertEq(staking.rewardPerStake(), 0);
        assertEq(address(staking).balance, 1e18);
    }

    function test_notifyRewardAmount_onlyUnbondingQueues_succeeds() public {
        _stake(alice, 1e18);
        _unstake(alice, 1e18);
        _notify(1e18);
        assertEq(staking.queuedRewards(), 1e18);
        assertEq(staking.earned(alice), 0);
    }

    function test_notifyRewardAmount_splitsProportionally_succeeds() public {
        _stake(alice, 1e18);
        _stake(bob, 2e18);
        _stake(carol, 7e18);
        _notify(10e18);
        assertApproxEqAbs(staking.earned(alice), 1e18, 1);
        assertApproxEqAbs(staking.earned(bob), 2e18, 1);
        assertApproxEqAbs(staking.earned(carol), 7e18, 1);
        assertLe(staking.earned(alice) + staking.earned(bob) + staking.earned(carol), 10e18);
    }

    function test_notifyRewardAmount_zero_reverts() public {
        vm.expectRevert(ICommon.ZeroAmount.selector);
        staking.notifyRewardAmount();
    }

    function test_notifyRewardAmount_whenPaused_succeeds() public {
        _stake(alice, 1e18);
        vm.prank(guardian);
        staking.pause();
        _notify(1e18);
        assertEq(staking.earned(alice), 1e18);
    }

    function test_notifyRewardAmount_fromTradingFees_succeeds() public {
        _stake(alice, 1e18);
        (uint256 agentId,) = registerAgent(carol);
        (, uint256 tradeFee) = market.quoteBuy(agentId, 1000e18);
        uint256 stakersShare = tradeFee * feeDistributor.feeSplit().stakersBps / 10_000;
        uint256 stakingBefore = address(staking).balance;

        vm.expectEmit(true, true, true, true, address(staking));
        emit ICR8Staking.RewardsNotified(
            address(feeDistributor), stakersShare, stakersShare, stakersShare * MAGNITUDE / 1e18
        );
        buyTokens(bob, agentId, 1000e18);

        assertGt(stakersShare, 0);
        assertEq(address(staking).balance - stakingBefore, stakersShare);
        assertEq(staking.earned(alice), stakersShare);
    }

    // ---------------------------------------------------------------------------------------------
    // Governance
    // ---------------------------------------------------------------------------------------------

    function test_setUnbondingPeriod_succeeds() public {
        vm.expectEmit(address(staking));
        emit ICR8Staking.UnbondingPeriodUpdated(14 days);
        vm.prank(admin);
        staking.setUnbondingPeriod(14 days);
        assertEq(staking.unbondingPeriod(), 14 days);
    }

    function test_setUnbondingPeriod_max_succeeds() public {
        uint64 maxPeriod = staking.MAX_UNBONDING_PERIOD();
        vm.prank(admin);
        staking.setUnbondingPeriod(maxPeriod);
        assertEq(staking.unbondingPeriod(), 90 days);
    }

    function test_setUnbondingPeriod_aboveMax_reverts() public {
        uint64 tooLong = staking.MAX_UNBONDING_PERIOD() + 1;
        vm.expectRevert(abi.encodeWithSelector(ICR8Staking.InvalidUnbondingPeriod.selector, tooLong));
        vm.prank(admin);
        staking.setUnbondingPeriod(tooLong);
    }

    function test_setUnbondingPeriod_notAdmin_reverts() public {
        bytes32 role = staking.DEFAULT_ADMIN_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, guardian, role)
        );
        vm.prank(guardian);
        staking.setUnbondingPeriod(1 days);
    }

    function test_pause_notGuardian_reverts() public {
        bytes32 role = staking.GUARDIAN_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, role)
        );
        vm.prank(admin);
        staking.pause();
    }

    function test_unpause_notGuardian_reverts() public {
        vm.prank(guardian);
        staking.pause();
        bytes32 role = staking.GUARDIAN_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, role)
        );
        vm.prank(alice);
        staking.unpause();
    }

    function test_unpause_resumesActions_succeeds() public {
        _stake(alice, 1e18);
        vm.startPrank(guardian);
        staking.pause();
        assertTrue(staking.paused());
        staking.unpause();
        vm.stopPrank();
        assertFalse(staking.paused());
        _unstake(alice, 1e18);
        assertEq(staking.totalUnbonding(), 1e18);
    }

    // ---------------------------------------------------------------------------------------------
    // Fuzz
    // ---------------------------------------------------------------------------------------------

    function testFuzz_notifyRewardAmount_splitsProportionally_succeeds(
        uint256[4] memory stakes,
        uint256 reward
    ) public {
        address[4] memory stakers = [alice, bob, carol, dave];
        uint256 total;
        for (uint256 i; i < 4; ++i) {
            stakes[i] = bound(stakes[i], 1, 1e27);
            _stake(stakers[i], stakes[i]);
            total += stakes[i];
        }
        reward = bound(reward, 1, 1e27);
        _notify(reward);

        uint256 sum;
        for (uint256 i; i < 4; ++i) {
            uint256 e = staking.earned(stakers[i]);
            assertApproxEqAbs(e, reward * stakes[i] / total, 1);
            assertLe(e, reward * stakes[i] / total);
            sum += e;
        }
        assertLe(sum, reward);
        assertGe(sum + 4, reward, "at most one wei lost per staker");
    }

    function testFuzz_notifyRewardAmount_acrossStakeChanges_succeeds(
        uint256 aliceStake,
        uint256 bobStake,
        uint256 bobExtra,
        uint256 aliceOut,
        uint256 r1,
        uint256 r2,
        uint256 r3
    ) public {
        aliceStake = bound(aliceStake, 1, 1e26);
        bobStake = bound(bobStake, 1, 1e26);
        bobExtra = bound(bobExtra, 1, 1e26);
        aliceOut = bound(aliceOut, 1, aliceStake);
        r1 = bound(r1, 1, 1e24);
        r2 = bound(r2, 1, 1e24);
        r3 = bound(r3, 1, 1e24);

        _stake(alice, aliceStake);
        _stake(bob, bobStake);
        _notify(r1);
        uint256 expectedAlice = r1 * aliceStake / (aliceStake + bobStake);
        uint256 expectedBob = r1 * bobStake / (aliceStake + bobStake);

        _stake(bob, bobExtra);
        _notify(r2);
        uint256 t2 = aliceStake + bobStake + bobExtra;
        expectedAlice += r2 * aliceStake / t2;
        expectedBob += r2 * (bobStake + bobExtra) / t2;

        _unstake(alice, aliceOut);
        _notify(r3);
        uint256 t3 = t2 - aliceOut;
        expectedAlice += r3 * (aliceStake - aliceOut) / t3;
        expectedBob += r3 * (bobStake + bobExtra) / t3;

        assertApproxEqAbs(staking.earned(alice), expectedAlice, 3);
        assertApproxEqAbs(staking.earned(bob), expectedBob, 3);
        assertLe(staking.earned(alice) + staking.earned(bob), r1 + r2 + r3);
    }

    function testFuzz_withdraw_returnsPrincipal_succeeds(
        uint256 amount,
        uint256 out,
        uint64 period,
        uint256 wait
    ) public {
        amount = bound(amount, 1, 1e27);
        out = bound(out, 1, amount);
        period = uint64(bound(period, 0, staking.MAX_UNBONDING_PERIOD()));
        wait = bound(wait, 0, 2 * uint256(period) + 1);
        vm.prank(admin);
        staking.setUnbondingPeriod(period);
        _stake(alice, amount);
        uint256 aliceBefore = alice.balance;
        _unstake(alice, out);
        uint64 unlocksAt = uint64(block.timestamp) + period;
        vm.warp(block.timestamp + wait);

        if (block.timestamp < unlocksAt) {
            vm.expectRevert(abi.encodeWithSelector(ICR8Staking.StillUnbonding.selector, out, unlocksAt));
            vm.prank(alice);
            staking.withdraw();
        } else {
            vm.prank(alice);
            assertEq(staking.withdraw(), out);
            assertEq(alice.balance, aliceBefore + out);
        }
        assertEq(staking.stakedOf(alice), amount - out);
        assertEq(address(staking).balance, staking.totalStaked() + staking.totalUnbonding());
    }
}
