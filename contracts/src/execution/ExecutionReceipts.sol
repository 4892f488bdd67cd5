// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Guarded} from "../access/Guarded.sol";
import {ICreditVault} from "../interfaces/ICreditVault.sol";
import {IExecutionReceipts} from "../interfaces/IExecutionReceipts.sol";
import {IFeeDistributor} from "../interfaces/IFeeDistributor.sol";
import {IOrchestratorRegistry} from "../interfaces/IOrchestratorRegistry.sol";
import {NativeTransfer} from "../libraries/NativeTransfer.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title ExecutionReceipts
/// @notice Batch settlement of agent executions with fraud proofs. See {IExecutionReceipts}.
/// @dev What a batch costs does not grow with its executions: the receipts stay off-chain behind their
///      root, and the contract touches one slot per payer (in the vault), one per agent (in the fee
///      distributor) and three for the batch. Individual receipts come on-chain only in a fraud proof.
/// @custom:proxied true
/// @custom:predeploy 0xC800000000000000000000000000000000000011
contract ExecutionReceipts is IExecutionReceipts, Guarded, ReentrancyGuardTransient {
    uint8 private constant DUPLICATE = 1;
    uint8 private constant UNCHARGED = 2;

    /// @inheritdoc IExecutionReceipts
    ICreditVault public immutable VAULT;

    /// @inheritdoc IExecutionReceipts
    IFeeDistributor public immutable FEE_DISTRIBUTOR;

    /// @notice Bonds and slashes orchestrators.
    IOrchestratorRegistry public immutable ORCHESTRATORS;

    /// @inheritdoc IExecutionReceipts
    uint64 public immutable CHALLENGE_WINDOW;

    /// @inheritdoc IExecutionReceipts
    uint256 public immutable SLASH_AMOUNT;

    /// @custom:storage-location erc7201:cr8.storage.ExecutionReceipts
    struct ExecutionReceiptsStorage {
        mapping(address orchestrator => uint64) nextSequence;
        mapping(address orchestrator => mapping(uint64 sequence => Batch)) batches;
        mapping(bytes32 provenKey => bool) proven;
    }

    // keccak256(abi.encode(uint256(keccak256("cr8.storage.ExecutionReceipts")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION =
        0x80da5a3affef41cda85c708779255bb3b55a6f4608b57889468fd903d4104000;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(
        ICreditVault vault,
        IFeeDistributor feeDistributor,
        IOrchestratorRegistry orchestrators,
        uint64 challengeWindow,
        uint256 slashAmount
    ) {
        if (
            address(vault) == address(0) || address(feeDistributor) == address(0)
                || address(orchestrators) == address(0)
        ) revert ZeroAddress();
        if (challengeWindow == 0 || slashAmount == 0) revert ZeroAmount();
        VAULT = vault;
        FEE_DISTRIBUTOR = feeDistributor;
        ORCHESTRATORS = orchestrators;
        CHALLENGE_WINDOW = challengeWindow;
        SLASH_AMOUNT = slashAmount;
        _disableInitializers();
    }

    /// @param admin Governance.
    /// @param guardian May pause posting (fraud proofs stay open).
    function initialize(address admin, address guardian) external initializer {
        __Guarded_init(admin, guardian);
    }

    /// @dev Native CR8 arrives only as a batch's charges (from the vault) or a slashed bond (from the registry).
    receive() external payable {
        if (msg.sender != address(VAULT) && msg.sender != address(ORCHESTRATORS)) {
            revert UnexpectedSender(msg.sender);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Posting
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IExecutionReceipts
    function postBatch(
        uint64 sequence,
        bytes32 receiptsRoot,
        uint32 executions,
        IFeeDistributor.AgentFee[] calldata agentFees,
        ICreditVault.Charge[] calldata charges
    ) external nonReentrant whenNotPaused {
        if (!ORCHESTRATORS.isActive(msg.sender)) {
            revert OrchestratorNotActive(msg.sender);
        }
        ExecutionReceiptsStorage storage $ = _storage();
        uint64 expected = $.nextSequence[msg.sender];
        if (sequence != expected) revert UnexpectedSequence(msg.sender, sequence, expected);
        if (executions == 0 || charges.length == 0 || agentFees.length == 0) revert EmptyBatch();

        (uint256 charged, bytes32 chargesHash) = _charge(charges);
        uint256 fees;
        for (uint256 i; i < agentFees.length; ++i) {
            fees += agentFees[i].amount;
        }
        if (fees != charged) revert FeesDoNotMatchCharges(fees, charged);

        $.nextSequence[msg.sender] = expected + 1;
        $.batches[msg.sender][sequence] = Batch({
            receiptsRoot: receiptsRoot,
            chargesHash: chargesHash,
            postedAt: uint64(block.timestamp),
            executions: executions,
            // Cannot truncate: the vault keeps every balance, and so every charge, below 2**128.
            total: uint128(charged)
        });
        emit BatchPosted(msg.sender, sequence, receiptsRoot, executions, charged);
        FEE_DISTRIBUTOR.creditAgentFees{value: charged}(agentFees, msg.sender);
    }

    // ---------------------------------------------------------------------------------------------
    // Fraud proofs
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IExecutionReceipts
    /// @dev Never paused: fraud must stay punishable.
    function proveDuplicate(
        address orchestrator,
        uint64 sequenceA,
        Receipt calldata a,
        bytes32[] calldata proofA,
        uint64 sequenceB,
        Receipt calldata b,
        bytes32[] calldata proofB
    ) external nonReentrant {
        bytes32 leafA = _leaf(a);
        bytes32 leafB = _leaf(b);
        // The later copy (by batch, then by leaf) is the one refunded, so each extra copy is refunded once.
        bool ordered = sequenceB > sequenceA || (sequenceB == sequenceA && leafB > leafA);
        if (a.executionId != b.executionId || !ordered) revert NotADuplicate();
        _verify(orchestrator, sequenceA, leafA, proofA, false);
        _verify(orchestrator, sequenceB, leafB, proofB, true);
        _punish(orchestrator, sequenceB, leafB, b, DUPLICATE);
    }

    /// @inheritdoc IExecutionReceipts
    function proveUncharged(
        address orchestrator,
        uint64 sequence,
        Receipt calldata receipt,
        bytes32[] calldata proof,
        ICreditVault.ChargedTo[] calldata charges
    ) external nonReentrant {
        bytes32 leaf = _leaf(receipt);
        _verify(orchestrator, sequence, leaf, proof, true);
        bytes32 chargesHash = _chargesHash(charges);
        bytes32 expected = _storage().batches[orchestrator][sequence].chargesHash;
        if (chargesHash != expected) revert ChargesMismatch(expected, chargesHash);
        for (uint256 i; i < charges.length; ++i) {
            if (charges[i].payer == receipt.payer && receipt.payerCumulative <= charges[i].chargeTo) {
                revert ReceiptCharged(receipt.payer, receipt.payerCumulative, charges[i].chargeTo);
            }
        }
        _punish(orchestrator, sequence, leaf, receipt, UNCHARGED);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IExecutionReceipts
    function receiptLeaf(Receipt calldata receipt) external pure returns (bytes32) {
        return _leaf(receipt);
    }

    /// @inheritdoc IExecutionReceipts
    function batchOf(address orchestrator, uint64 sequence) external view returns (Batch memory) {
        return _storage().batches[orchestrator][sequence];
    }

    /// @inheritdoc IExecutionReceipts
    function nextSequence(address orchestrator) external view returns (uint64) {
        return _storage().nextSequence[orchestrator];
    }

    /// @inheritdoc IExecutionReceipts
    function isProven(address orchestrator, uint64 sequence, bytes32 leaf) external view returns (bool) {
        return _storage().proven[_provenKey(orchestrator, sequence, leaf)];
    }

    /// @inheritdoc IExecutionReceipts
    function receiptStatus(
        address orchestrator,
        uint64 sequence,
        Receipt calldata receipt,
        bytes32[] calldata proof
    ) public view returns (ReceiptStatus) {
        ExecutionReceiptsStorage storage $ = _storage();
        Batch storage batch = $.batches[orchestrator][sequence];
        uint64 postedAt = batch.postedAt;
        if (postedAt == 0) return ReceiptStatus.UnknownBatch;
        bytes32 leaf = _leaf(receipt);
        if (!MerkleProof.verifyCalldata(proof, batch.receiptsRoot, leaf)) return ReceiptStatus.NotInBatch;
        if ($.proven[_provenKey(orchestrator, sequence, leaf)]) return ReceiptStatus.Disproven;
        // The same bound as `_verify`: fraud proofs are accepted up to and including postedAt + window.
        if (block.timestamp <= uint256(postedAt) + CHALLENGE_WINDOW) return ReceiptStatus.Challengeable;
        return ReceiptStatus.Settled;
    }

    /// @inheritdoc IExecutionReceipts
    function isSettledReceipt(
        address orchestrator,
        uint64 sequence,
        Receipt calldata receipt,
        bytes32[] calldata proof
    ) external view returns (bool) {
        return receiptStatus(orchestrator, sequence, receipt, proof) == ReceiptStatus.Settled;
    }

    /// @notice The implementation's version.
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    /// @dev Checks that `leaf` is in the orchestrator's batch `sequence`; with `inWindow`, also that the
    ///      batch's challenge window is still open.
    function _verify(
        address orchestrator,
        uint64 sequence,
        bytes32 leaf,
        bytes32[] calldata proof,
        bool inWindow
    ) private view {
        Batch storage batch = _storage().batches[orchestrator][sequence];
        uint64 postedAt = batch.postedAt;
        if (postedAt == 0) revert UnknownBatch(orchestrator, sequence);
        if (inWindow && block.timestamp > uint256(postedAt) + CHALLENGE_WINDOW) {
            revert ChallengeWindowClosed(orchestrator, sequence, uint256(postedAt) + CHALLENGE_WINDOW);
        }
        if (!MerkleProof.verifyCalldata(proof, batch.receiptsRoot, leaf)) {
            revert InvalidReceiptProof(orchestrator, sequence, leaf);
        }
    }

    /// @dev Slashes the orchestrator, refunds the receipt's fee to its payer from the slashed amount, and
    ///      pays the rest to the prover.
    function _punish(
        address orchestrator,
        uint64 sequence,
        bytes32 leaf,
        Receipt calldata receipt,
        uint8 kind
    ) private {
        ExecutionReceiptsStorage storage $ = _storage();
        bytes32 key = _provenKey(orchestrator, sequence, leaf);
        if ($.proven[key]) revert AlreadyProven(leaf);
        $.proven[key] = true;
        uint256 slashed = ORCHESTRATORS.slash(orchestrator, SLASH_AMOUNT);
        // A receipt naming no payer refunds nobody (the vault has no such channel): all goes to the prover.
        uint256 refunded = receipt.payer == address(0) ? 0 : (receipt.fee < slashed ? receipt.fee : slashed);
        emit FraudProven(orchestrator, sequence, receipt.executionId, kind, msg.sender, slashed, refunded);
        if (refunded != 0) VAULT.refund{value: refunded}(receipt.payer, orchestrator);
        if (slashed > refunded) NativeTransfer.send(msg.sender, slashed - refunded);
    }

    /// @dev `VAULT.charge(msg.sender, charges)`, with the charges' ABI encoding copied from this call's
    ///      calldata as it is: Solidity would decode and re-encode every charge and signature into memory
    ///      first, which costs about as much per payer as the vault's own storage write. `charges` is the
    ///      last argument of `postBatch`, so its encoding (length word, then every offset and tail, all
    ///      relative to the array) runs from the word before its offset to the end of the calldata.
    function _charge(ICreditVault.Charge[] calldata charges)
        private
        returns (uint256 total, bytes32 chargesHash)
    {
        address vault = address(VAULT);
        bytes4 selector = ICreditVault.charge.selector;
        assembly ("memory-safe") {
            let start := sub(charges.offset, 0x20)
            let size := sub(calldatasize(), start)
            let call_ := mload(0x40)
            mstore(call_, selector)
            mstore(add(call_, 0x04), caller())
            mstore(add(call_, 0x24), 0x40)
            calldatacopy(add(call_, 0x44), start, size)
            if iszero(call(gas(), vault, 0, call_, add(0x44, size), 0x00, 0x40)) {
                returndatacopy(call_, 0x00, returndatasize())
                revert(call_, returndatasize())
            }
            if lt(returndatasize(), 0x40) { revert(0x00, 0x00) }
            total := mload(0x00)
            chargesHash := mload(0x20)
        }
    }

    /// @dev As the vault hashes a batch's charges: the entries' ABI words, without the array's length.
    function _chargesHash(ICreditVault.ChargedTo[] calldata charges) private pure returns (bytes32 hash) {
        assembly ("memory-safe") {
            let size := shl(6, charges.length)
            let buffer := mload(0x40)
            calldatacopy(buffer, charges.offset, size)
            hash := keccak256(buffer, size)
        }
    }

    function _leaf(Receipt calldata receipt) private pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(receipt))));
    }

    function _provenKey(address orchestrator, uint64 sequence, bytes32 leaf) private pure returns (bytes32) {
        return keccak256(abi.encode(orchestrator, sequence, leaf));
    }

    function _storage() private pure returns (ExecutionReceiptsStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
