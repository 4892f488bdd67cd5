// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ExecutionTest} from "../execution/ExecutionTest.sol";
import {SettlementHandler} from "./handlers/SettlementHandler.sol";

/// @title SettlementConservationInvariants
/// @notice Execution settlement under random deposits and withdrawals on two orchestrators' channels,
///         batches (with new, latest-held and older authorizations), attempts to charge beyond what payers
///         signed, repeated and uncharged executions proven as fraud, and fee settlements:
///         - native CR8 is conserved across the vault, the receipts contract, the fee distributor, the
///           staking contract and the orchestrators' bonds: what came in is there or was paid out;
///         - the vault always holds exactly its payers' channel balances (native balance = totalBalances =
///           Σ channels); nothing stays in the receipts contract;
///         - no payer is ever charged beyond the largest cumulative authorization it signed, and every
///           attempt to is refused for that reason;
///         - a channel with an orchestrator that never posts moves only with its payer's deposits and
///           withdrawals;
///         - an execution is paid for at most once: every repeat is refunded, and no repeat twice; every
///           proven uncharged receipt is refunded in full.
contract SettlementConservationInvariants is ExecutionTest {
    SettlementHandler internal handler;
    uint256 internal baseline;
    address internal other = makeAddr("other orchestrator");

    function setUp() public override {
        super.setUp();
        uint256[] memory agents = new uint256[](3);
        for (uint256 i; i < agents.length; ++i) {
            (agents[i],) = registerAgent(alice);
        }
        makePayers(4);
        uint256[] memory keys = new uint256[](payers.length);
        for (uint256 i; i < payers.length; ++i) {
            keys[i] = keyOf[payers[i]];
        }
        // Someone stakes, so the stakers' share is paid out rather than queued.
        vm.prank(carol);
        staking.stake{value: 1000e18}();
        handler =
            new SettlementHandler(vault, receipts, orchestrators, orchestrator, other, payers, keys, agents);
        baseline = _held();

        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = SettlementHandler.deposit.selector;
        selectors[1] = SettlementHandler.withdraw.selector;
        selectors[2] = SettlementHandler.postBatch.selector;
        selectors[3] = SettlementHandler.overcharge.selector;
        selectors[4] = SettlementHandler.repeatAndProve.selector;
        selectors[5] = SettlementHandler.underchargeAndProve.selector;
        selectors[6] = SettlementHandler.settle.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// @dev The handler's actions do what they say (a handler that silently returned early would make the
    ///      invariants vacuous): a batch charges, an older signature is presented again, overcharges are
    ///      refused, a repeat is posted, proven and refunded, an uncharged receipt is proven and refunded,
    ///      and the other orchestrator's channels take deposits and withdrawals.
    function test_handler_reachesEveryAction_succeeds() public {
        address payer = payers[0];
        handler.postBatch(0, 1, 7, false); // signs what it charges
        handler.postBatch(0, 1, 8, true); // signs 1 CR8 more than it charges
        handler.postBatch(0, 1, 9, true); // and again
        // An odd fee seed whose fee the signature from the second batch still covers: presented again.
        uint256 seed = 11;
        while (_fee(9) + _fee(seed) > 1e18) {
            seed += 2;
        }
        handler.postBatch(0, 1, seed, false);
        assertEq(handler.olderSignaturesUsed(), 1);
        uint256 charged = _fee(7) + _fee(8) + _fee(9) + _fee(seed);
        assertEq(vault.channelOf(payer, orchestrator).charged, charged);
        assertEq(vault.channelOf(payer, orchestrator).balance, DEPOSIT - charged);
        assertEq(handler.maxSigned(payer), _fee(7) + _fee(8) + _fee(9) + 1e18);
        for (uint256 mode; mode < 3; ++mode) {
            handler.overcharge(0, mode);
        }
        assertEq(handler.overchargesRefused(), 3);
        handler.repeatAndProve();
        handler.underchargeAndProve(1, 3e17);
        handler.deposit(1, 5e18, false);
        handler.deposit(1, 5e18, true);
        handler.withdraw(1, 1e18, true);
        handler.withdraw(1, 1e18, false);
        handler.settle(0);
        assertEq(handler.sequence(), 6);
        assertGt(handler.ghostRepeatedFees(), 0);
        assertEq(handler.ghostRefunded(), handler.ghostRepeatedFees());
        assertEq(handler.ghostUnchargedFees(), 3e17);
        assertEq(handler.ghostUnchargedRefunded(), 3e17);
        assertEq(handler.proven(handler.executionIds(3)), 1);
        assertEq(handler.otherBalance(payers[1]), 4e18);
        assertGt(handler.ghostOut(), 0);
        invariant_nativeCR8IsConserved();
        invariant_vaultHoldsExactlyItsBalances();
        invariant_noPayerChargedBeyondItsSignature();
        invariant_otherOrchestratorsChannelsMoveOnlyWithTheirPayers();
        invariant_eachExecutionPaidAtMostOnce();
    }

    /// @dev The fee the handler's `postBatch` charges its first payer for `feeSeed`.
    function _fee(uint256 feeSeed) internal pure returns (uint256) {
        return _bound(uint256(keccak256(abi.encode(feeSeed, uint256(0)))), 1, 1e18);
    }

    /// @dev Native CR8 held by the settlement system and the contracts fees flow into.
    function _held() internal view returns (uint256) {
        return address(vault).balance + address(receipts).balance + address(feeDistributor).balance
            + address(staking).balance + address(orchestrators).balance;
    }

    function invariant_nativeCR8IsConserved() public view {
        assertEq(_held() + handler.ghostOut(), baseline + handler.ghostIn());
    }

    function invariant_vaultHoldsExactlyItsBalances() public view {
        assertEq(address(vault).balance, vault.totalBalances());
        // Every channel there is: the handler's payers with the orchestrator and the other orchestrator.
        address[] memory list = handler.payers();
        uint256 sum;
        for (uint256 i; i < list.length; ++i) {
            sum += vault.channelOf(list[i], orchestrator).balance + vault.channelOf(list[i], other).balance;
        }
        assertEq(sum, vault.totalBalances(), "sum of channels != totalBalances");
        assertEq(address(receipts).balance, 0);
        assertEq(address(orchestrators).balance, orchestrators.totalBonded() + orchestrators.totalUnbonding());
    }

    function invariant_noPayerChargedBeyondItsSignature() public view {
        address[] memory list = handler.payers();
        for (uint256 i; i < list.length; ++i) {
            assertLe(vault.channelOf(list[i], orchestrator).charged, handler.maxSigned(list[i]));
            assertEq(vault.channelOf(list[i], other).charged, 0);
        }
        assertEq(handler.overchargesMishandled(), 0);
    }

    function invariant_otherOrchestratorsChannelsMoveOnlyWithTheirPayers() public view {
        address[] memory list = handler.payers();
        for (uint256 i; i < list.length; ++i) {
            assertEq(vault.channelOf(list[i], other).balance, handler.otherBalance(list[i]));
        }
    }

    function invariant_eachExecutionPaidAtMostOnce() public view {
        uint256 count = handler.executionIdCount();
        for (uint256 i; i < count; ++i) {
            bytes32 id = handler.executionIds(i);
            assertLe(handler.copies(id) - handler.proven(id), 1);
        }
        // Every repeat's fee came back to its payer (the bond covers it: SLASH_AMOUNT >> any fee), and so
        // did every proven uncharged receipt's.
        assertEq(handler.ghostRefunded(), handler.ghostRepeatedFees());
        assertEq(handler.ghostUnchargedRefunded(), handler.ghostUnchargedFees());
    }
}
