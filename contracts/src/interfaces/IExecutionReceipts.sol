// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICreditVault} from "./ICreditVault.sol";
import {IFeeDistributor} from "./IFeeDistributor.sol";
import {IGuarded} from "./IGuarded.sol";

/// @title IExecutionReceipts
/// @notice Settles agent executions in batches. An orchestrator posts a Merkle root over its receipts,
///         the per-agent fee totals and each payer's charge (with a signed authorization that covers it):
///         payers are debited in the CreditVault no further than they signed, and the fees
///         go to the FeeDistributor per agent. Batches are numbered per orchestrator, so a batch posts
///         exactly once. For `CHALLENGE_WINDOW` after a batch anyone may prove, with Merkle proofs, a
///         receipt that repeats an execution id or that its batch did not charge for: the orchestrator's
///         bond is slashed, the payer refunded and the prover rewarded with the rest.
interface IExecutionReceipts is IGuarded {
    /// @notice One execution, as the orchestrator signs off on it by posting its batch.
    /// @param payerCumulative What the orchestrator has charged the payer in total, this execution
    ///        included (the payer's cumulative authorization must cover it; see `proveUncharged`).
    struct Receipt {
        bytes32 executionId;
        uint256 agentId;
        address payer;
        bytes32 inputHash;
        bytes32 outputHash;
        uint64 gpuSeconds;
        uint128 fee;
        uint128 payerCumulative;
    }

    /// @notice A posted batch: its receipts' root, the hash of its charges, when it was posted, how many
    ///         executions it settled and what it charged in total.
    struct Batch {
        bytes32 receiptsRoot;
        bytes32 chargesHash;
        uint64 postedAt;
        uint32 executions;
        uint128 total;
    }

    /// @notice Where a receipt stands (see `receiptStatus`). Only `Settled` is final: a `Challengeable`
    ///         receipt may still be proven fraudulent, and then is `Disproven` for good.
    enum ReceiptStatus {
        UnknownBatch,
        NotInBatch,
        Disproven,
        Challengeable,
        Settled
    }

    event BatchPosted(
        address indexed orchestrator,
        uint64 indexed sequence,
        bytes32 receiptsRoot,
        uint32 executions,
        uint256 total
    );

    /// @notice A receipt in batch `sequence` was proven fraudulent (`kind` 1: a repeated execution id,
    ///         2: a receipt its batch did not charge for); `slashed` came out of the orchestrator's bond.
    event FraudProven(
        address indexed orchestrator,
        uint64 indexed sequence,
        bytes32 indexed executionId,
        uint8 kind,
        address prover,
        uint256 slashed,
        uint256 refunded
    );

    error OrchestratorNotActive(address orchestrator);
    error UnexpectedSequence(address orchestrator, uint64 sequence, uint64 expected);
    error EmptyBatch();
    /// @notice The agent fees of a batch do not add up to what its charges took from payers.
    error FeesDoNotMatchCharges(uint256 fees, uint256 charged);
    error UnknownBatch(address orchestrator, uint64 sequence);
    error ChallengeWindowClosed(address orchestrator, uint64 sequence, uint256 closedAt);
    error InvalidReceiptProof(address orchestrator, uint64 sequence, bytes32 leaf);
    /// @notice The two receipts do not repeat an execution id, or are given in the wrong order.
    error NotADuplicate();
    /// @notice The charges given are not the ones the batch posted.
    error ChargesMismatch(bytes32 expected, bytes32 given);
    /// @notice The batch did charge the receipt's payer at least as far as the receipt says.
    error ReceiptCharged(address payer, uint256 payerCumulative, uint256 chargeTo);
    error AlreadyProven(bytes32 leaf);
    /// @notice Native CR8 arrived from someone other than the vault or the orchestrator registry.
    error UnexpectedSender(address sender);

    /// @notice Settles a batch of the caller's executions. `sequence` must be the caller's next batch
    ///         number; `agentFees` must add up to what `charges` take from payers.
    function postBatch(
        uint64 sequence,
        bytes32 receiptsRoot,
        uint32 executions,
        IFeeDistributor.AgentFee[] calldata agentFees,
        ICreditVault.Charge[] calldata charges
    ) external;

    /// @notice Proves that `b` repeats the execution id of `a`, both posted by `orchestrator`;
    ///         `(sequenceB, leaf of b)` must come after `(sequenceA, leaf of a)`, and `b`'s batch must be
    ///         within its challenge window. Refunds `b`'s fee to its payer.
    function proveDuplicate(
        address orchestrator,
        uint64 sequenceA,
        Receipt calldata a,
        bytes32[] calldata proofA,
        uint64 sequenceB,
        Receipt calldata b,
        bytes32[] calldata proofB
    ) external;

    /// @notice Proves that `receipt`, in batch `sequence`, names a payer the batch did not charge, or
    ///         charged less than the receipt's `payerCumulative` (so beyond what the payer's authorization
    ///         covered in that batch). `charges` must be the batch's charges as `(payer, chargeTo)`, in the
    ///         order posted (their hash is checked against the batch's `chargesHash`). Refunds the receipt's fee.
    function proveUncharged(
        address orchestrator,
        uint64 sequence,
        Receipt calldata receipt,
        bytes32[] calldata proof,
        ICreditVault.ChargedTo[] calldata charges
    ) external;

    /// @notice The Merkle leaf of a receipt: keccak256(bytes.concat(keccak256(abi.encode(receipt)))), as
    ///         OpenZeppelin's StandardMerkleTree builds it.
    function receiptLeaf(Receipt calldata receipt) external pure returns (bytes32);

    function batchOf(address orchestrator, uint64 sequence) external view returns (Batch memory);

    /// @notice The number the orchestrator's next batch must carry.
    function nextSequence(address orchestrator) external view returns (uint64);

    /// @notice Whether a receipt (by its batch and leaf) was already proven fraudulent.
    function isProven(address orchestrator, uint64 sequence, bytes32 leaf) external view returns (bool);

    /// @notice Where `receipt` stands in the orchestrator's batch `sequence`: `UnknownBatch` if no such batch
    ///         was posted, `NotInBatch` if `proof` does not place the receipt's leaf under the batch's root,
    ///         `Disproven` if a fraud proof took it down, `Challengeable` while the batch's challenge window
    ///         is open (up to and including `postedAt + CHALLENGE_WINDOW`), else `Settled`.
    /// @dev For contracts that build on payments (the ERC-8004 reputation registry). `Settled` never changes
    ///      again, since fraud proofs close with the window; `Challengeable` may still become `Disproven`.
    ///      Not a proof of uniqueness: an unchallenged duplicate of an execution id settles too, so callers
    ///      that count executions key them by (orchestrator, executionId).
    function receiptStatus(
        address orchestrator,
        uint64 sequence,
        Receipt calldata receipt,
        bytes32[] calldata proof
    ) external view returns (ReceiptStatus);

    /// @notice Whether `receipt` is final: its batch was posted, `proof` places it in the batch, no fraud
    ///         proof took it down and the challenge window has closed, so its fee was paid for good.
    function isSettledReceipt(
        address orchestrator,
        uint64 sequence,
        Receipt calldata receipt,
        bytes32[] calldata proof
    ) external view returns (bool);

    function VAULT() external view returns (ICreditVault);

    function FEE_DISTRIBUTOR() external view returns (IFeeDistributor);

    function CHALLENGE_WINDOW() external view returns (uint64);

    /// @notice What one proven fraud takes from the orchestrator's bond (or all of it, if less).
    function SLASH_AMOUNT() external view returns (uint256);
}
