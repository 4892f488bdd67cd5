// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentToken} from "../../src/interfaces/IAgentToken.sol";
import {ICR8Staking} from "../../src/interfaces/ICR8Staking.sol";
import {ICommon} from "../../src/interfaces/ICommon.sol";
import {ICreditVault} from "../../src/interfaces/ICreditVault.sol";
import {IExecutionReceipts} from "../../src/interfaces/IExecutionReceipts.sol";
import {IFeeDistributor} from "../../src/interfaces/IFeeDistributor.sol";
import {AgentToken} from "../../src/token/AgentToken.sol";
import {ExecutionTest} from "../execution/ExecutionTest.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice FeeDistributor's batched execution fees: `creditAgentFees` books the stakers', orchestrator's
///         and treasury's shares at once and leaves each agent's holders' and creator's shares pending;
///         `settleAgentFees` (and every holder claim, by itself) moves them to the agent token and creator.
/// @dev Holder amounts are checked against the exact rational `holdersShare * balance / supply`: never
///      above it, at most one wei below (the agent token's accumulator rounds down).
contract FeeDistributorCreditTest is ExecutionTest {
    uint256 internal constant BPS = 10_000;

    uint256 internal agentA;
    uint256 internal agentB;
    AgentToken internal tokenA;
    AgentToken internal tokenB;
    /// @dev Calls `creditAgentFees` as the settlement contract does (the function itself is open to anyone).
    address internal settler;

    function setUp() public override {
        super.setUp();
        (agentA, tokenA) = registerAgent(alice); // alice creates A and holds its creator allocation
        (agentB, tokenB) = registerAgent(bob);
        settler = address(receipts);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    function _fees(uint256 id, uint256 amount)
        internal
        pure
        returns (IFeeDistributor.AgentFee[] memory list)
    {
        list = new IFeeDistributor.AgentFee[](1);
        list[0] = fee(id, amount);
    }

    function _fees(uint256 idA, uint256 amountA, uint256 idB, uint256 amountB)
        internal
        pure
        returns (IFeeDistributor.AgentFee[] memory list)
    {
        list = new IFeeDistributor.AgentFee[](2);
        list[0] = fee(idA, amountA);
        list[1] = fee(idB, amountB);
    }

    function _sum(IFeeDistributor.AgentFee[] memory list) internal pure returns (uint256 total) {
        for (uint256 i; i < list.length; ++i) {
            total += list[i].amount;
        }
    }

    /// @dev Pays the batch's exact total as the settler.
    function _credit(IFeeDistributor.AgentFee[] memory list, address orchestrator_) internal {
        uint256 total = _sum(list);
        vm.deal(settler, settler.balance + total);
        vm.prank(settler);
        feeDistributor.creditAgentFees{value: total}(list, orchestrator_);
    }

    /// @dev `from` (a holder of `token`) gives `amount` to `to`.
    function _give(AgentToken token, address from, address to, uint256 amount) internal {
        vm.prank(from);
        token.transfer(to, amount);
    }

    function _pending(uint256 id) internal view returns (uint256 holders, uint256 creator) {
        return feeDistributor.pendingAgentFees(id);
    }

    function _distributed(uint256 id) internal view returns (uint256 distributed) {
        (distributed,) = feeDistributor.holderFeeTotals(id);
    }

    function _assertEarned(uint256 paid, uint256 numerator, string memory label) internal pure {
        uint256 exact = numerator / SUPPLY;
        assertLe(paid, exact, string.concat(label, ": paid more than earned"));
        assertGe(paid + 1, exact, string.concat(label, ": paid more than 1 wei below earned"));
    }

    // ---------------------------------------------------------------------------------------------
    // creditAgentFees
    // ---------------------------------------------------------------------------------------------

    function test_creditAgentFees_splitsExactly_succeeds() public {
        IFeeDistributor.AgentFee[] memory list = _fees(agentA, 3e18, agentB, 7e18);
        uint256 stakingBefore = address(staking).balance;
        uint256 distributorBefore = address(feeDistributor).balance;
        vm.expectCall(address(staking), 1.5e18, abi.encodeCall(ICR8Staking.notifyRewardAmount, ()));
        _credit(list, orchestrator);

        // 40% holders and 20% creator of each agent wait; nothing reached the tokens or the creators yet.
        (uint256 holdersA, uint256 creatorA) = _pending(agentA);
        (uint256 holdersB, uint256 creatorB) = _pending(agentB);
        assertEq(holdersA, 1.2e18);
        assertEq(creatorA, 0.6e18);
        assertEq(holdersB, 2.8e18);
        assertEq(creatorB, 1.4e18);
        assertEq(feeDistributor.claimableOf(alice), 0);
        assertEq(feeDistributor.claimableOf(bob), 0);
        assertEq(_distributed(agentA), 0);
        assertEq(_distributed(agentB), 0);
        assertEq(tokenA.magnifiedFeesPerShare(), 0);
        // 15% stakers (sent), 20% orchestrator, 5% treasury of the whole batch.
        assertEq(address(staking).balance - stakingBefore, 1.5e18);
        assertEq(staking.queuedRewards(), 1.5e18); // nobody stakes yet
        assertEq(feeDistributor.claimableOf(orchestrator), 2e18);
        assertEq(feeDistributor.claimableOf(treasury), 0.5e18);
        assertEq(address(feeDistributor).balance - distributorBefore, 10e18 - 1.5e18);
    }

    function test_creditAgentFees_oddAmountsDustToTreasury_succeeds() public {
        // A: 12,345 wei -> holders 4,938, creator 2,469. B: 6,789 wei -> holders 2,715 (.6 dropped),
        // creator 1,357 (.8 dropped). Batch of 19,134: stakers 2,870 (.1), orchestrator 3,826 (.8).
        _credit(_fees(agentA, 12_345, agentB, 6789), orchestrator);
        (uint256 holdersA, uint256 creatorA) = _pending(agentA);
        (uint256 holdersB, uint256 creatorB) = _pending(agentB);
        assertEq(holdersA, 4938);
        assertEq(creatorA, 2469);
        assertEq(holdersB, 2715);
        assertEq(creatorB, 1357);
        assertEq(staking.queuedRewards(), 2870);
        assertEq(feeDistributor.claimableOf(orchestrator), 3826);
        // The treasury's 5% (956) plus every share's rounding dust (3): 19,134 - 18,175.
        assertEq(feeDistributor.claimableOf(treasury), 959);
        assertEq(feeDistributor.claimableOf(treasury), uint256(19_134) * 500 / BPS + 3);
        assertEq(holdersA + creatorA + holdersB + creatorB + 2870 + 3826 + 959, 19_134);
    }

    function test_creditAgentFees_oneWeiAllToTreasury_succeeds() public {
        _credit(_fees(agentA, 1), orchestrator);
        (uint256 holders, uint256 creator) = _pending(agentA);
        assertEq(holders, 0);
        assertEq(creator, 0);
        assertEq(feeDistributor.claimableOf(treasury), 1);
        assertEq(feeDistributor.claimableOf(orchestrator), 0);
        assertEq(address(staking).balance, 0);
        // Nothing pending: settling moves nothing.
        (holders, creator) = feeDistributor.settleAgentFees(agentA);
        assertEq(holders + creator, 0);
    }

    function test_creditAgentFees_noOrchestratorTreasuryTakesShare_succeeds() public {
        IFeeDistributor.AgentFee[] memory list = _fees(agentA, 4e18, agentB, 6e18);
        vm.deal(settler, 10e18);
        vm.expectEmit(address(feeDistributor));
        emit IFeeDistributor.ExecutionFeesCredited(settler, address(0), 10e18, 1.5e18, 0, 2.5e18);
        vm.prank(settler);
        feeDistributor.creditAgentFees{value: 10e18}(list, address(0));

        assertEq(feeDistributor.claimableOf(treasury), 2.5e18); // 5% + the orchestrator's 20%
        assertEq(feeDistributor.claimableOf(address(0)), 0);
        assertEq(feeDistributor.claimableOf(orchestrator), 0);
        (uint256 holdersA, uint256 creatorA) = _pending(agentA);
        assertEq(holdersA, 1.6e18);
        assertEq(creatorA, 0.8e18);
    }

    function test_creditAgentFees_emitsOneEventPerBatch_succeeds() public {
        IFeeDistributor.AgentFee[] memory list = _fees(agentA, 3e18, agentB, 7e18);
        vm.deal(settler, 10e18);
        vm.expectEmit(address(feeDistributor));
        emit IFeeDistributor.ExecutionFeesCredited(settler, orchestrator, 10e18, 1.5e18, 2e18, 0.5e18);
        vm.recordLogs();
        vm.prank(settler);
        feeDistributor.creditAgentFees{value: 10e18}(list, orchestrator);

        // No event per agent: the batch's ExecutionFeesCredited is the distributor's only log...
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 fromDistributor;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(feeDistributor)) continue;
            fromDistributor++;
            assertEq(logs[i].topics[0], IFeeDistributor.ExecutionFeesCredited.selector);
        }
        assertEq(fromDistributor, 1);
        // ...and each agent's shares are in pendingAgentFees instead.
        (uint256 holdersA, uint256 creatorA) = _pending(agentA);
        (uint256 holdersB, uint256 creatorB) = _pending(agentB);
        assertEq(holdersA, 1.2e18);
        assertEq(creatorA, 0.6e18);
        assertEq(holdersB, 2.8e18);
        assertEq(creatorB, 1.4e18);
    }

    function test_creditAgentFees_noTokenOrCreatorCalls_succeeds() public {
        // Crediting touches neither the agent token nor the registry's creator lookup per agent.
        IFeeDistributor.AgentFee[] memory list = _fees(agentA, 3e18, agentB, 7e18);
        vm.expectCall(address(tokenA), abi.encodeWithSelector(IAgentToken.accrueFees.selector), 0);
        vm.expectCall(address(tokenB), abi.encodeWithSelector(IAgentToken.accrueFees.selector), 0);
        vm.recordLogs();
        _credit(list, orchestrator);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            assertNotEq(logs[i].topics[0], IFeeDistributor.AgentFeesSettled.selector);
        }
    }

    function test_creditAgentFees_sameAgentTwiceInBatch_accumulates_succeeds() public {
        _credit(_fees(agentA, 1e18, agentA, 2e18), orchestrator);
        (uint256 holders, uint256 creator) = _pending(agentA);
        assertEq(holders, 1.2e18);
        assertEq(creator, 0.6e18);
    }

    function test_creditAgentFees_batchesAccumulateUntilSettled_succeeds() public {
        _credit(_fees(agentA, 1e18), orchestrator);
        _credit(_fees(agentA, 2e18, agentB, 5e18), orchestrator);
        _credit(_fees(agentA, 7e18), address(0));
        (uint256 holders, uint256 creator) = _pending(agentA);
        assertEq(holders, 4e18);
        assertEq(creator, 2e18);
        assertEq(feeDistributor.claimableOf(orchestrator), 8e18 * 2000 / BPS);
        assertEq(feeDistributor.claimableOf(treasury), 15e18 * 500 / BPS + 7e18 * 2000 / BPS);
    }

    function test_creditAgentFees_totalMismatch_reverts() public {
        IFeeDistributor.AgentFee[] memory list = _fees(agentA, 3e18, agentB, 7e18);
        vm.deal(settler, 20e18);
        vm.prank(settler);
        vm.expectRevert(abi.encodeWithSelector(IFeeDistributor.FeeTotalMismatch.selector, 10e18, 10e18 - 1));
        feeDistributor.creditAgentFees{value: 10e18 - 1}(list, orchestrator);
        vm.prank(settler);
        vm.expectRevert(abi.encodeWithSelector(IFeeDistributor.FeeTotalMismatch.selector, 10e18, 10e18 + 1));
        feeDistributor.creditAgentFees{value: 10e18 + 1}(list, orchestrator);
    }

    function test_creditAgentFees_emptyBatch_reverts() public {
        IFeeDistributor.AgentFee[] memory list = new IFeeDistributor.AgentFee[](0);
        vm.deal(settler, 1);
        vm.prank(settler);
        vm.expectRevert(abi.encodeWithSelector(IFeeDistributor.FeeTotalMismatch.selector, 0, 1));
        feeDistributor.creditAgentFees{value: 1}(list, orchestrator);
        vm.prank(settler);
        vm.expectRevert(ICommon.ZeroAmount.selector);
        feeDistributor.creditAgentFees(list, orchestrator);
    }

    function test_creditAgentFees_zeroAmount_reverts() public {
        IFeeDistributor.AgentFee[] memory list = _fees(agentA, 1e18, agentB, 0);
        vm.deal(settler, 1e18);
        vm.prank(settler);
        vm.expectRevert(ICommon.ZeroAmount.selector);
        feeDistributor.creditAgentFees{value: 1e18}(list, orchestrator);
    }

    function test_creditAgentFees_unknownAgent_reverts() public {
        uint256 next = registry.totalAgents() + 1;
        assertEq(next, 3);
        uint256[2] memory ids = [uint256(0), next];
        vm.deal(settler, 2e18);
        for (uint256 i; i < ids.length; ++i) {
            IFeeDistributor.AgentFee[] memory list = _fees(agentA, 1e18, ids[i], 1e18);
            vm.prank(settler);
            vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, ids[i]));
            feeDistributor.creditAgentFees{value: 2e18}(list, orchestrator);
        }
    }

    function test_creditAgentFees_whenPaused_succeeds() public {
        vm.prank(guardian);
        feeDistributor.pause();
        _credit(_fees(agentA, 1e18), orchestrator);
        (uint256 holders,) = _pending(agentA);
        assertEq(holders, 0.4e18);
    }

    function test_creditAgentFees_throughPostBatch_succeeds() public {
        makePayers(1);
        address payer = payers[0];
        IExecutionReceipts.Receipt[] memory batch = new IExecutionReceipts.Receipt[](1);
        batch[0] = receipt("exec-1", agentA, payer, 5e18, 5e18);
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](1);
        charges[0] = charge(payer, 5e18, 5e18, true);
        IFeeDistributor.AgentFee[] memory list = _fees(agentA, 5e18);
        bytes32 root = rootOf(batch);

        vm.expectEmit(address(feeDistributor));
        emit IFeeDistributor.ExecutionFeesCredited(
            address(receipts), orchestrator, 5e18, 0.75e18, 1e18, 0.25e18
        );
        vm.prank(orchestrator);
        receipts.postBatch(0, root, 1, list, charges);

        (uint256 holders, uint256 creator) = _pending(agentA);
        assertEq(holders, 2e18);
        assertEq(creator, 1e18);
    }

    // ---------------------------------------------------------------------------------------------
    // settleAgentFees
    // ---------------------------------------------------------------------------------------------

    function test_settleAgentFees_movesPendingToHoldersAndCreator_succeeds() public {
        uint256 x = 50_000_000e18;
        _give(tokenA, alice, carol, x); // alice keeps 50M of her 100M creator allocation
        _credit(_fees(agentA, 10e18), orchestrator);
        // Pending fees count in the view: what a claim that settles now would pay.
        uint256 shown = feeDistributor.holderFeesOf(agentA, carol);
        assertEq(shown, 4e18 * x / SUPPLY);

        vm.expectEmit(address(tokenA));
        emit IAgentToken.FeesAccrued(4e18, 4e18 * (1 << 128) / SUPPLY);
        vm.expectEmit(address(feeDistributor));
        emit IFeeDistributor.AgentFeesSettled(agentA, 4e18, 2e18);
        vm.prank(bob); // anyone may settle
        (uint256 holdersShare, uint256 creatorShare) = feeDistributor.settleAgentFees(agentA);

        assertEq(holdersShare, 4e18);
        assertEq(creatorShare, 2e18);
        (uint256 holders, uint256 creator) = _pending(agentA);
        assertEq(holders, 0);
        assertEq(creator, 0);
        assertEq(feeDistributor.claimableOf(alice), 2e18);
        assertEq(_distributed(agentA), 4e18);
        uint256 carolFees = feeDistributor.holderFeesOf(agentA, carol);
        assertEq(carolFees, tokenA.withdrawableFeesOf(carol));
        _assertEarned(carolFees, 4e18 * x, "carol");
        _assertEarned(feeDistributor.holderFeesOf(agentA, alice), 4e18 * x, "alice");
        // The unsold market allocation earns its part too (swept to the treasury later).
        _assertEarned(feeDistributor.holderFeesOf(agentA, address(market)), 4e18 * (SUPPLY - 2 * x), "market");
        // Agent B was not touched.
        (holders, creator) = _pending(agentB);
        assertEq(holders + creator, 0);
        assertEq(feeDistributor.claimableOf(bob), 0);
    }

    function test_settleAgentFees_manyBatchesAtOnce_succeeds() public {
        _credit(_fees(agentA, 1e18, agentB, 2e18), orchestrator);
        _credit(_fees(agentA, 3e18), orchestrator);
        _credit(_fees(agentB, 4e18, agentA, 6e18), address(0));
        (uint256 holdersShare, uint256 creatorShare) = feeDistributor.settleAgentFees(agentA);
        assertEq(holdersShare, 4e18);
        assertEq(creatorShare, 2e18);
        (holdersShare, creatorShare) = feeDistributor.settleAgentFees(agentB);
        assertEq(holdersShare, 2.4e18);
        assertEq(creatorShare, 1.2e18);
        assertEq(_distributed(agentA), 4e18);
        assertEq(_distributed(agentB), 2.4e18);
        assertEq(feeDistributor.claimableOf(alice), 2e18);
        assertEq(feeDistributor.claimableOf(bob), 1.2e18);
    }

    function test_settleAgentFees_nothingPending_returnsZero_succeeds() public {
        vm.recordLogs();
        (uint256 holdersShare, uint256 creatorShare) = feeDistributor.settleAgentFees(agentA);
        assertEq(holdersShare, 0);
        assertEq(creatorShare, 0);
        assertEq(vm.getRecordedLogs().length, 0);

        // After a settlement, a second one finds nothing either.
        _credit(_fees(agentA, 1e18), orchestrator);
        feeDistributor.settleAgentFees(agentA);
        uint256 accumulator = tokenA.magnifiedFeesPerShare();
        vm.recordLogs();
        (holdersShare, creatorShare) = feeDistributor.settleAgentFees(agentA);
        assertEq(holdersShare + creatorShare, 0);
        assertEq(vm.getRecordedLogs().length, 0);
        assertEq(tokenA.magnifiedFeesPerShare(), accumulator);
        assertEq(feeDistributor.claimableOf(alice), 0.2e18);
    }

    function test_settleAgentFees_unknownAgentNothingPending_returnsZero_succeeds() public {
        // Nothing can be pending for an agent that does not exist, so settling it is a no-op, not a revert.
        (uint256 holdersShare, uint256 creatorShare) = feeDistributor.settleAgentFees(99);
        assertEq(holdersShare + creatorShare, 0);
        (uint256 holders, uint256 creator) = feeDistributor.pendingAgentFees(99);
        assertEq(holders + creator, 0);
    }

    function test_settleAgentFees_whenPaused_succeeds() public {
        _credit(_fees(agentA, 1e18), orchestrator);
        vm.prank(guardian);
        feeDistributor.pause();
        (uint256 holdersShare,) = feeDistributor.settleAgentFees(agentA);
        assertEq(holdersShare, 0.4e18);
    }

    /// @dev Documents the design: the holders' share goes to whoever holds the token when it is settled,
    ///      not when the fee was credited.
    function test_settleAgentFees_paysHoldersAtSettlementTime_succeeds() public {
        uint256 x = 50_000_000e18;
        _give(tokenA, alice, carol, x);
        _credit(_fees(agentA, 10e18), orchestrator); // carol holds x while the fee is credited...
        vm.prank(carol);
        tokenA.transfer(bob, x); // ...but sells before anyone settles
        feeDistributor.settleAgentFees(agentA);
        assertEq(feeDistributor.holderFeesOf(agentA, carol), 0);
        _assertEarned(feeDistributor.holderFeesOf(agentA, bob), 4e18 * x, "bob");
    }

    // ---------------------------------------------------------------------------------------------
    // Holder claims settle first
    // ---------------------------------------------------------------------------------------------

    function test_claimHolderFees_settlesPendingFirst_succeeds() public {
        uint256 x = 50_000_000e18;
        _give(tokenA, alice, carol, x);
        _credit(_fees(agentA, 10e18 + 1), orchestrator);
        (uint256 pendingHolders, uint256 pendingCreator) = _pending(agentA);
        uint256 shown = feeDistributor.holderFeesOf(agentA, carol);
        uint256 before = carol.balance;

        vm.expectEmit(address(feeDistributor));
        emit IFeeDistributor.AgentFeesSettled(agentA, pendingHolders, pendingCreator);
        vm.prank(carol);
        uint256 paid = feeDistributor.claimHolderFees(agentA, carol);

        _assertEarned(paid, pendingHolders * x, "carol");
        assertApproxEqAbs(paid, shown, 1, "the view showed what the claim paid");
        assertEq(carol.balance - before, paid);
        (uint256 holders, uint256 creator) = _pending(agentA);
        assertEq(holders + creator, 0);
        assertEq(feeDistributor.claimableOf(alice), pendingCreator);
        (uint256 distributed, uint256 claimed) = feeDistributor.holderFeeTotals(agentA);
        assertEq(distributed, pendingHolders);
        assertEq(claimed, paid);
        assertEq(feeDistributor.holderFeesOf(agentA, carol), 0);
    }

    function test_sweepUnsoldShare_settlesPendingFirst_succeeds() public {
        _credit(_fees(agentA, 10e18), orchestrator);
        (uint256 pendingHolders,) = _pending(agentA);
        uint256 marketShare = pendingHolders * tokenA.balanceOf(address(market)) / SUPPLY;
        uint256 treasuryBefore = feeDistributor.claimableOf(treasury);
        uint256 swept = feeDistributor.sweepUnsoldShare(agentA);
        assertApproxEqAbs(swept, marketShare, 1);
        assertEq(feeDistributor.claimableOf(treasury) - treasuryBefore, swept);
        (uint256 holders, uint256 creator) = _pending(agentA);
        assertEq(holders + creator, 0);
    }

    /// @dev An agent whose holders have earned all the token's accumulator can take (about 2**95 wei):
    ///      settling still goes through, the holders' share goes to the treasury, the creator is paid, and
    ///      holders can still claim what they earned before.
    function test_settleAgentFees_holderFeesFull_redirectsToTreasury_succeeds() public {
        uint256 x = 50_000_000e18;
        _give(tokenA, alice, carol, x);
        _credit(_fees(agentA, 10e18), orchestrator);
        feeDistributor.settleAgentFees(agentA);
        uint256 carolEarned = feeDistributor.holderFeesOf(agentA, carol);
        assertGt(carolEarned, 0);

        uint256 huge = (uint256(2) ** 95) * 10_000 / 4000 + 1e18;
        _credit(_fees(agentA, huge), orchestrator);
        (uint256 pendingHolders, uint256 pendingCreator) = _pending(agentA);
        uint256 treasuryBefore = feeDistributor.claimableOf(treasury);
        uint256 creatorBefore = feeDistributor.claimableOf(alice);

        vm.expectEmit(address(feeDistributor));
        emit IFeeDistributor.HolderShareRedirected(agentA, pendingHolders);
        (uint256 settledHolders, uint256 settledCreator) = feeDistributor.settleAgentFees(agentA);
        assertEq(settledHolders, 0);
        assertEq(settledCreator, pendingCreator);
        assertEq(feeDistributor.claimableOf(treasury) - treasuryBefore, pendingHolders);
        assertEq(feeDistributor.claimableOf(alice) - creatorBefore, pendingCreator);

        vm.prank(carol);
        assertEq(feeDistributor.claimHolderFees(agentA, carol), carolEarned);
    }

    function test_claimHolderFees_onlyPendingFees_succeeds() public {
        // The creator, holding its allocation, claims fees that were never settled by anyone.
        _credit(_fees(agentA, 5e18), orchestrator);
        vm.prank(alice);
        uint256 paid = feeDistributor.claimHolderFees(agentA, alice);
        _assertEarned(paid, 2e18 * tokenA.balanceOf(alice), "alice");
        assertEq(feeDistributor.claimableOf(alice), 1e18); // and the creator's share was booked
    }

    function test_claimHolderFees_nothingHeld_reverts() public {
        _credit(_fees(agentA, 5e18), orchestrator);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IFeeDistributor.NothingToClaim.selector, carol));
        feeDistributor.claimHolderFees(agentA, carol);
        // The revert undid the settlement the claim started.
        (uint256 holders,) = _pending(agentA);
        assertEq(holders, 2e18);
    }

    function test_claimHolderFeesBatch_settlesEachAgent_succeeds() public {
        uint256 x = 20_000_000e18;
        _give(tokenA, alice, carol, x);
        _give(tokenB, bob, carol, x);
        _credit(_fees(agentA, 3e18, agentB, 7e18), orchestrator);
        uint256[] memory ids = new uint256[](2);
        (ids[0], ids[1]) = (agentA, agentB);
        uint256 before = carol.balance;

        vm.prank(carol);
        uint256 paid = feeDistributor.claimHolderFeesBatch(ids, carol);

        // Each agent's token rounds down by at most a wei.
        uint256 exact = (1.2e18 + 2.8e18) * x / SUPPLY;
        assertLe(paid, exact);
        assertGe(paid + 2, exact);
        assertEq(carol.balance - before, paid);
        (uint256 holdersA,) = _pending(agentA);
        (uint256 holdersB,) = _pending(agentB);
        assertEq(holdersA + holdersB, 0);
        assertEq(feeDistributor.claimableOf(alice), 0.6e18);
        assertEq(feeDistributor.claimableOf(bob), 1.4e18);
    }

    function test_claim_creatorAfterSettlement_succeeds() public {
        _credit(_fees(agentA, 5e18), orchestrator);
        feeDistributor.settleAgentFees(agentA);
        uint256 before = alice.balance;
        vm.prank(alice);
        assertEq(feeDistributor.claim(alice), 1e18);
        assertEq(alice.balance - before, 1e18);
    }

    // ---------------------------------------------------------------------------------------------
    // holderFeeTotals
    // ---------------------------------------------------------------------------------------------

    function test_holderFeeTotals_includeSettledFees_succeeds() public {
        vm.deal(carol, 1e18);
        vm.prank(carol);
        feeDistributor.distribute{value: 1e18}(agentA, orchestrator); // a direct fee: 0.4 to holders now
        _credit(_fees(agentA, 10e18), orchestrator);
        assertEq(_distributed(agentA), 0.4e18); // the credited fees are still pending

        feeDistributor.settleAgentFees(agentA);
        assertEq(_distributed(agentA), 0.4e18 + 4e18);

        vm.prank(alice);
        uint256 paid = feeDistributor.claimHolderFees(agentA, alice);
        (uint256 distributed, uint256 claimed) = feeDistributor.holderFeeTotals(agentA);
        assertEq(distributed, 4.4e18);
        assertEq(claimed, paid);
        _assertEarned(paid, 4.4e18 * tokenA.balanceOf(alice), "alice");
    }

    // ---------------------------------------------------------------------------------------------
    // Fuzz
    // ---------------------------------------------------------------------------------------------

    /// @dev Random amounts for one or two agents, with or without an orchestrator: the distributor keeps
    ///      exactly what arrived minus the stakers' share, and pending + claimable account for all of it,
    ///      before and after settlement.
    function testFuzz_creditAgentFees_accountingSumsToValue_succeeds(
        uint256 amountA,
        uint256 amountB,
        bool sameAgent,
        bool withOrchestrator
    ) public {
        amountA = bound(amountA, 1, 1e28);
        amountB = bound(amountB, 1, 1e28);
        uint256 total = amountA + amountB;
        uint256 stakersShare = total * 1500 / BPS;
        uint256 kept = total - stakersShare;

        uint256 distributorBefore = address(feeDistributor).balance;
        uint256 stakingBefore = address(staking).balance;
        _credit(
            _fees(agentA, amountA, sameAgent ? agentA : agentB, amountB),
            withOrchestrator ? orchestrator : address(0)
        );

        assertEq(address(feeDistributor).balance - distributorBefore, kept, "distributor balance");
        assertEq(address(staking).balance - stakingBefore, stakersShare, "stakers");
        uint256 booked = feeDistributor.claimableOf(orchestrator) + feeDistributor.claimableOf(treasury);
        assertEq(_pendingTotal() + booked, kept, "credited");
        _assertBookedShares(total, withOrchestrator);

        feeDistributor.settleAgentFees(agentA);
        feeDistributor.settleAgentFees(agentB);
        assertEq(_pendingTotal(), 0);
        uint256 settled = _distributed(agentA) + _distributed(agentB) + feeDistributor.claimableOf(alice)
            + feeDistributor.claimableOf(bob);
        assertEq(settled + booked, kept, "settled");
        assertEq(address(feeDistributor).balance - distributorBefore, kept, "distributor balance");

        // Holders of A (alice's allocation and the unsold rest) can withdraw what was distributed, less
        // at most a wei each of rounding.
        uint256 withdrawableA =
            feeDistributor.holderFeesOf(agentA, alice) + feeDistributor.holderFeesOf(agentA, address(market));
        assertLe(withdrawableA, _distributed(agentA));
        assertGe(withdrawableA + 2, _distributed(agentA));
    }

    function _pendingTotal() internal view returns (uint256) {
        (uint256 holdersA, uint256 creatorA) = _pending(agentA);
        (uint256 holdersB, uint256 creatorB) = _pending(agentB);
        return holdersA + creatorA + holdersB + creatorB;
    }

    /// @dev The orchestrator's share is the floor of its bps (none without an orchestrator); the
    ///      treasury's is at least its own floor, plus the orchestrator's when none ran, plus under 6 wei
    ///      of the other shares' rounding.
    function _assertBookedShares(uint256 total, bool withOrchestrator) internal view {
        uint256 orchestratorShare = total * 2000 / BPS;
        uint256 treasuryFloor = total * 500 / BPS + (withOrchestrator ? 0 : orchestratorShare);
        assertEq(feeDistributor.claimableOf(orchestrator), withOrchestrator ? orchestratorShare : 0);
        assertGe(feeDistributor.claimableOf(treasury), treasuryFloor);
        assertLe(feeDistributor.claimableOf(treasury), treasuryFloor + 6);
    }
}
