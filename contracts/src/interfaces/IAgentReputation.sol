// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAgentRegistry} from "./IAgentRegistry.sol";
import {ICreditVault} from "./ICreditVault.sol";
import {IExecutionReceipts} from "./IExecutionReceipts.sol";
import {IGuarded} from "./IGuarded.sol";
import {IReputationRegistry} from "./IReputationRegistry.sol";
import {IValidationRegistry} from "./IValidationRegistry.sol";

/// @title IAgentReputation
/// @notice CR8's ERC-8004 reputation and validation registries in one contract, with proof of payment:
///         feedback on an agent is accepted only from a payer holding a settled execution receipt for that
///         agent (ExecutionReceipts), one feedback per paid execution, and only as far as the CreditVault
///         really charged that payer. A rating then costs real CR8, which is what ERC-8004 leaves open
///         ("Sybil attacks are possible"). Everything a reader sees (events, reads, revocation, responses,
///         validation) is ERC-8004's surface unchanged; the registries' `getSummary` overloads differ by
///         argument list, so one address serves as both.
/// @dev "Settled" means the batch's challenge window has closed without a fraud proof against the receipt
///      (`IExecutionReceipts.receiptStatus` is `Settled`). The alternative, accepting feedback as soon as a
///      batch is posted, rates faster but would rest some feedback on receipts later proven fraudulent and
///      refunded (not paid after all), which then needs invalidating. Waiting the window (7 days on CR8)
///      keeps it simple: a settled receipt can never be disproven, so no accepted feedback ever loses its
///      basis. A client can prepare the feedback at once and submit it when the receipt settles.
///      What "settled" does not prove: receipts stay off-chain behind their batch's root, so a receipt first
///      shown at feedback time was never open to a fraud proof, and its `fee` is only the orchestrator's
///      word (orchestrators bond permissionlessly). Hence two more conditions: the receipt's fee is at least
///      `MIN_FEEDBACK_FEE`, and the fees of all receipts a payer rates with one orchestrator never exceed
///      the vault's cumulative charge of that payer on that channel, which the payer deposited and signed.
///      A fake rating thus costs at least `MIN_FEEDBACK_FEE` charged to a real deposit, of which the fee
///      split keeps the stakers' and treasury's share from anyone colluding.
interface IAgentReputation is IGuarded, IReputationRegistry, IValidationRegistry {
    /// @notice A receipt and where it was posted: the orchestrator's batch `sequence` and the receipt's
    ///         Merkle proof in that batch (OpenZeppelin sorted-pair proof, as the fraud proofs take it).
    struct ReceiptProof {
        address orchestrator;
        uint64 sequence;
        IExecutionReceipts.Receipt receipt;
        bytes32[] proof;
    }

    /// @notice Feedback `feedbackIndex` of `clientAddress` on `agentId` (see `NewFeedback`, emitted just
    ///         before) rests on execution `executionId` of `orchestrator`, whose receipt states `fee` (counted
    ///         against the client's charges, see `ratedFees`). Indexers can weigh feedback by what was paid,
    ///         or trust only some orchestrators.
    event FeedbackReceiptLinked(
        uint256 indexed agentId,
        address indexed clientAddress,
        uint64 feedbackIndex,
        address indexed orchestrator,
        uint64 sequence,
        bytes32 executionId,
        uint128 fee
    );

    /// @notice Validation request `requestHash` (see `ValidationRequest`, emitted just before) is the leaf
    ///         of a settled receipt: execution `executionId` of `orchestrator`, posted in batch `sequence`.
    event ValidationReceiptLinked(
        bytes32 indexed requestHash,
        uint256 indexed agentId,
        address indexed orchestrator,
        uint64 sequence,
        bytes32 executionId
    );

    /// @notice `valueDecimals` is above 18.
    error InvalidValueDecimals(uint8 valueDecimals);
    /// @notice `|value|` is above `maxAbsValue` (so that summaries cannot overflow).
    error ValueOutOfRange(int128 value, int128 maxAbsValue);
    /// @notice Only the receipt's payer may give feedback with it.
    error NotReceiptPayer(address payer, address caller);
    /// @notice The receipt is for another agent.
    error ReceiptAgentMismatch(uint256 receiptAgentId, uint256 agentId);
    /// @notice The caller owns or operates the agent, or is its agent wallet: no rating oneself.
    error SelfFeedback(uint256 agentId, address caller);
    /// @notice The orchestrator posted no batch `sequence`.
    error UnknownReceiptBatch(address orchestrator, uint64 sequence);
    /// @notice The proof does not place the receipt's `leaf` in the batch.
    error ReceiptNotInBatch(address orchestrator, uint64 sequence, bytes32 leaf);
    /// @notice The receipt was proven fraudulent (its fee refunded): no payment to rest on.
    error ReceiptDisproven(address orchestrator, uint64 sequence, bytes32 leaf);
    /// @notice The batch's challenge window is still open; the receipt settles at `settlesAt`.
    error ReceiptNotSettled(address orchestrator, uint64 sequence, uint256 settlesAt);
    /// @notice The execution already carries a feedback (one per paid execution).
    error ReceiptAlreadyUsed(address orchestrator, bytes32 executionId);
    /// @notice The receipt's fee is below `MIN_FEEDBACK_FEE`: a free (or nearly free) execution earns no say.
    error FeeBelowMinimum(uint128 fee, uint128 minimum);
    /// @notice With this receipt, the fees of the receipts `payer` rated with `orchestrator` would come to
    ///         `ratedFees`, more than the vault has ever charged it on that channel (`charged`).
    error FeesExceedCharges(address payer, address orchestrator, uint256 ratedFees, uint256 charged);
    /// @notice The caller neither owns `agentId` nor is approved for it.
    error NotAgentOperator(uint256 agentId, address caller);
    /// @notice `clientAddress` gave `agentId` no feedback numbered `feedbackIndex`.
    error FeedbackNotFound(uint256 agentId, address clientAddress, uint64 feedbackIndex);
    error FeedbackAlreadyRevoked(uint256 agentId, address clientAddress, uint64 feedbackIndex);
    error EmptyResponseURI();
    /// @notice `getSummary` needs the clients to average over (ERC-8004).
    error ClientAddressesRequired();
    error ValidationRequestExists(bytes32 requestHash);
    error UnknownValidationRequest(bytes32 requestHash);
    /// @notice Only the validator named in the request may answer it.
    error NotValidator(bytes32 requestHash, address validator, address caller);
    /// @notice Validation responses run from 0 to 100.
    error ResponseOutOfRange(uint8 response);
    /// @notice A request that references a receipt must use the receipt's leaf as its `requestHash`.
    error RequestHashNotReceiptLeaf(bytes32 requestHash, bytes32 leaf);

    /// @notice ERC-8004's `giveFeedback` with the proof of payment it rests on. The caller must be the
    ///         receipt's payer; the receipt must be for `agentId`, settled (window closed, never disproven), its fee at
    ///         least `MIN_FEEDBACK_FEE` and covered by the vault's charges of the caller (see `ratedFees`),
    ///         and its execution (orchestrator, execution id) not yet used for feedback. As in ERC-8004 the
    ///         caller may not own or operate the agent, nor be its agent wallet; `valueDecimals` is at most
    ///         18 (and `|value|` at most `MAX_ABS_VALUE`). Emits `NewFeedback` then `FeedbackReceiptLinked`.
    /// @dev The execution stays used after a revocation: one paid execution, one say, ever.
    function giveFeedback(
        uint256 agentId,
        int128 value,
        uint8 valueDecimals,
        string calldata tag1,
        string calldata tag2,
        string calldata endpoint,
        string calldata feedbackURI,
        bytes32 feedbackHash,
        ReceiptProof calldata paid
    ) external;

    /// @notice ERC-8004's `validationRequest` for the work of one paid execution: `requestHash` must be the
    ///         receipt's leaf (`IExecutionReceipts.receiptLeaf`), the receipt for `agentId` and settled.
    ///         Owner or approved operator of `agentId` only, as for any request. Emits `ValidationRequest`
    ///         then `ValidationReceiptLinked`.
    function validationRequest(
        address validatorAddress,
        uint256 agentId,
        string calldata requestURI,
        bytes32 requestHash,
        ReceiptProof calldata paid
    ) external;

    /// @notice ERC-8004's `getIdentityRegistry`, which both registries declare.
    function getIdentityRegistry()
        external
        view
        override(IReputationRegistry, IValidationRegistry)
        returns (address identityRegistry);

    /// @notice The feedback that execution `executionId` of `orchestrator` was used for (zero if none yet);
    ///         its agent is the receipt's `agentId`.
    function executionFeedback(address orchestrator, bytes32 executionId)
        external
        view
        returns (address clientAddress, uint64 feedbackIndex);

    /// @notice The fees of the receipts `payer` has rated that `orchestrator` settled; never more than the
    ///         vault's cumulative charge of `payer` on its channel with `orchestrator`.
    function ratedFees(address payer, address orchestrator) external view returns (uint256);

    /// @notice Whether validation request `requestHash` was made with a settled receipt (its hash being the
    ///         receipt's leaf) rather than as a plain ERC-8004 request.
    function referencesReceipt(bytes32 requestHash) external view returns (bool);

    /// @notice The largest `|value|` a feedback may carry: 1e38, so that any number of feedbacks at 18
    ///         decimals sum within 256 bits.
    function MAX_ABS_VALUE() external view returns (int128);

    /// @notice The ERC-8004 identity registry: CR8's AgentRegistry.
    function AGENT_REGISTRY() external view returns (IAgentRegistry);

    /// @notice The settlement contract whose receipts prove payment.
    function RECEIPTS() external view returns (IExecutionReceipts);

    /// @notice The CreditVault that charged the payers (`RECEIPTS.VAULT()`).
    function VAULT() external view returns (ICreditVault);

    /// @notice The smallest receipt fee that earns a feedback, in wei of CR8 (0: no minimum).
    function MIN_FEEDBACK_FEE() external view returns (uint128);
}
