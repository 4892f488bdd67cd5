// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICreditVault} from "../../src/interfaces/ICreditVault.sol";
import {IExecutionReceipts} from "../../src/interfaces/IExecutionReceipts.sol";
import {IFeeDistributor} from "../../src/interfaces/IFeeDistributor.sol";
import {ReputationTest} from "./ReputationTest.sol";

/// @notice ExecutionReceipts.receiptStatus and isSettledReceipt, the views reputation rests on: where a
///         receipt stands, through its batch's challenge window and after a fraud proof.
contract ReceiptStatusTest is ReputationTest {
    function _status(uint64 sequence, IExecutionReceipts.Receipt memory r, bytes32[] memory proof)
        internal
        view
        returns (IExecutionReceipts.ReceiptStatus)
    {
        return receipts.receiptStatus(orchestrator, sequence, r, proof);
    }

    function _isSettled(uint256 index) internal view returns (bool) {
        return receipts.isSettledReceipt(orchestrator, 0, batch0[index], proofOf(batch0, index));
    }

    function test_receiptStatus_throughTheWindow_succeeds() public {
        for (uint256 i; i < batch0.length; ++i) {
            assertEq(
                uint8(_status(0, batch0[i], proofOf(batch0, i))),
                uint8(IExecutionReceipts.ReceiptStatus.Challengeable)
            );
            assertFalse(_isSettled(i));
        }
        // The last second fraud proofs are accepted is still challengeable.
        vm.warp(postedAt0 + CHALLENGE_WINDOW);
        assertEq(
            uint8(_status(0, batch0[0], proofOf(batch0, 0))),
            uint8(IExecutionReceipts.ReceiptStatus.Challengeable)
        );
        assertFalse(_isSettled(0));
        vm.warp(postedAt0 + CHALLENGE_WINDOW + 1);
        for (uint256 i; i < batch0.length; ++i) {
            assertEq(
                uint8(_status(0, batch0[i], proofOf(batch0, i))),
                uint8(IExecutionReceipts.ReceiptStatus.Settled)
            );
            assertTrue(_isSettled(i));
        }
    }

    function test_receiptStatus_unknownBatch_succeeds() public {
        settle0();
        assertEq(
            uint8(_status(1, batch0[0], proofOf(batch0, 0))),
            uint8(IExecutionReceipts.ReceiptStatus.UnknownBatch)
        );
        assertEq(
            uint8(receipts.receiptStatus(carol, 0, batch0[0], proofOf(batch0, 0))),
            uint8(IExecutionReceipts.ReceiptStatus.UnknownBatch)
        );
        assertFalse(receipts.isSettledReceipt(orchestrator, 1, batch0[0], proofOf(batch0, 0)));
    }

    function test_receiptStatus_notInBatch_succeeds() public {
        settle0();
        // Another receipt's proof, a tampered field, an empty proof.
        assertEq(
            uint8(_status(0, batch0[0], proofOf(batch0, 1))),
            uint8(IExecutionReceipts.ReceiptStatus.NotInBatch)
        );
        IExecutionReceipts.Receipt memory forged = batch0[0];
        forged.payer = carol;
        assertEq(
            uint8(_status(0, forged, proofOf(batch0, 0))), uint8(IExecutionReceipts.ReceiptStatus.NotInBatch)
        );
        assertEq(
            uint8(_status(0, batch0[0], new bytes32[](0))), uint8(IExecutionReceipts.ReceiptStatus.NotInBatch)
        );
        assertFalse(receipts.isSettledReceipt(orchestrator, 0, forged, proofOf(batch0, 0)));
    }

    /// @dev Receipt 5 claims payer1 beyond what batch 0 charged: proven, it is disproven for good, while the
    ///      other receipts of the batch still settle.
    function test_receiptStatus_disproven_succeeds() public {
        vm.prank(carol);
        receipts.proveUncharged(orchestrator, 0, batch0[5], proofOf(batch0, 5), charges0());
        assertEq(
            uint8(_status(0, batch0[5], proofOf(batch0, 5))),
            uint8(IExecutionReceipts.ReceiptStatus.Disproven)
        );
        settle0();
        assertEq(
            uint8(_status(0, batch0[5], proofOf(batch0, 5))),
            uint8(IExecutionReceipts.ReceiptStatus.Disproven)
        );
        assertFalse(_isSettled(5));
        assertTrue(_isSettled(4));
    }

    /// @dev A batch of one receipt: its root is its leaf and the proof is empty.
    function test_receiptStatus_singleReceiptBatch_succeeds() public {
        IExecutionReceipts.Receipt memory only = receipt("exec-9", agentA, payer2, 1e18, 2e18);
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](1);
        charges[0] = charge(payer2, 2e18, 10e18, true);
        IFeeDistributor.AgentFee[] memory fees = new IFeeDistributor.AgentFee[](1);
        fees[0] = fee(agentA, 1e18);
        vm.prank(orchestrator);
        receipts.postBatch(1, leafOf(only), 1, fees, charges);
        vm.warp(block.timestamp + CHALLENGE_WINDOW + 1);
        assertTrue(receipts.isSettledReceipt(orchestrator, 1, only, new bytes32[](0)));
    }
}
