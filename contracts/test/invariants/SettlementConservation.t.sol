// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ExecutionTest} from "../execution/ExecutionTest.sol";
import {SettlementHandler} from "./handlers/SettlementHandler.sol";

/// @title SettlementConservationInvariants
/// @notice Execution settlement under random deposits, withdrawals, batches (with and without new
///         authorizations), repeated executions proven as fraud, and fee settlements:
///         - native CR8 is conserved across the vault, the receipts contract, the fee distributor, the
///           staking contract and the orchestrators' bonds: what came in is there or was paid out;
///         - the vault always holds exactly its payers' balances; nothing stays in the receipts contract;
///         - no payer is ever charged beyond the largest cumulative authorization it signed;
///         - an execution is paid for at most once: every repeat is refunded, and no repeat twice.
contract SettlementConservationInvariants is ExecutionTest {
    SettlementHandler internal handler;
    uint256 internal baseline;

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
        handler = new SettlementHandler(vault, receipts, orchestrators, orchestrator, payers, keys, agents);
        baseline = _held();

        bytes4[] memory selectors = new bytes4[](5);
        selectors[0] = SettlementHandler.deposit.selector;
        selectors[1] = SettlementHandler.withdraw.selector;
        selectors[2] = SettlementHandler.postBatch.selector;
        selectors[3] = SettlementHandler.repeatAndProve.selector;
        selectors[4] = SettlementHandler.settle.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// @dev The handler's actions do what they say (a handler that silently returned early would make the
    ///      invariants vacuous): a batch charges, a repeat is posted, proven and refunded.
    function test_handler_reachesEveryAction_succeeds() public {
        handler.postBatch(0, 1, 7, false);
        handler.repeatAndProve();
        handler.deposit(1, 5e18);
        handler.withdraw(1, 1e18);
        handler.settle(0);
        assertEq(handler.sequence(), 2);
        assertGt(handler.ghostRepeatedFees(), 0);
        assertEq(handler.ghostRefunded(), handler.ghostRepeatedFees());
        assertEq(handler.proven(handler.executionIds(0)), 1);
        assertGt(handler.ghostOut(), 0);
        invariant_nativeCR8IsConserved();
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
        assertEq(address(receipts).balance, 0);
        assertEq(address(orchestrators).balance, orchestrators.totalBonded() + orchestrators.totalUnbonding());
    }

    function invariant_noPayerChargedBeyondItsSignature() public view {
        address[] memory list = handler.payers();
        for (uint256 i; i < list.length; ++i) {
            assertLe(vault.channelOf(list[i], orchestrator).charged, handler.maxSigned(list[i]));
        }
    }

    function invariant_eachExecutionPaidAtMostOnce() public view {
        uint256 count = handler.executionIdCount();
        for (uint256 i; i < count; ++i) {
            bytes32 id = handler.executionIds(i);
            assertLe(handler.copies(id) - handler.proven(id), 1);
        }
        // Every repeat's fee came back to its payer (the bond covers it: SLASH_AMOUNT >> any fee).
        assertEq(handler.ghostRefunded(), handler.ghostRepeatedFees());
    }
}
