// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Guarded} from "../access/Guarded.sol";
import {IAgentRegistry} from "../interfaces/IAgentRegistry.sol";
import {IAgentReputation} from "../interfaces/IAgentReputation.sol";
import {ICreditVault} from "../interfaces/ICreditVault.sol";
import {IExecutionReceipts} from "../interfaces/IExecutionReceipts.sol";
import {IReputationRegistry} from "../interfaces/IReputationRegistry.sol";
import {IValidationRegistry} from "../interfaces/IValidationRegistry.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

/// @title AgentReputation
/// @notice ERC-8004 reputation and validation for CR8 agents, where feedback needs a settled execution
///         receipt of the rater. See {IAgentReputation}.
/// @dev Storage: a feedback is one packed slot (value, decimals, revoked flag, response count) plus one slot
///      per non-empty tag of up to 31 bytes; the execution it rests on is one slot (who rated it, and which
///      feedback), which doubles as the one-feedback-per-execution mark; the fees a payer has rated with an
///      orchestrator are one slot per pair. Whether a client is new for an agent is read from its feedback
///      counter, so no membership flag is kept, and responses are counted per feedback (total and per
///      responder) rather than listed, so `getResponseCount` needs no responder array. A validation request packs validator, response, flags and time in one slot.
///      Nothing here moves money; the guardian's pause is a brake on new entries (nothing written here can
///      be deleted) should the payment gating ever prove wrong. Revoking one's own feedback stays open.
/// @custom:proxied true
/// @custom:predeploy 0xC800000000000000000000000000000000000013
contract AgentReputation is IAgentReputation, Guarded {
    /// @inheritdoc IAgentReputation
    int128 public constant MAX_ABS_VALUE = 1e38;

    uint8 private constant MAX_DECIMALS = 18;
    uint8 private constant MAX_RESPONSE = 100;

    /// @inheritdoc IAgentReputation
    IAgentRegistry public immutable AGENT_REGISTRY;

    /// @inheritdoc IAgentReputation
    IExecutionReceipts public immutable RECEIPTS;

    /// @inheritdoc IAgentReputation
    ICreditVault public immutable VAULT;

    /// @inheritdoc IAgentReputation
    uint128 public immutable MIN_FEEDBACK_FEE;

    /// @notice One feedback: the first slot packs everything but the tags.
    struct Feedback {
        int128 value;
        uint8 valueDecimals;
        bool isRevoked;
        uint64 responseCount;
        string tag1;
        string tag2;
        mapping(address responder => uint64) responsesBy;
    }

    /// @notice The feedback an execution was used for (one slot; a zero client means unused).
    struct ExecutionFeedback {
        address clientAddress;
        uint64 feedbackIndex;
    }

    /// @notice One validation request and its latest response; the first slot packs all but three fields.
    struct Validation {
        address validatorAddress;
        uint8 response;
        bool hasResponse;
        bool referencesReceipt;
        uint64 lastUpdate;
        uint256 agentId;
        bytes32 responseHash;
        string tag;
    }

    /// @dev Which feedbacks a read selects: a zero tag hash matches any tag.
    struct Filter {
        bytes32 tag1Hash;
        bytes32 tag2Hash;
        bool includeRevoked;
    }

    /// @dev `readAllFeedback`'s seven parallel arrays, kept together while they are filled.
    struct FeedbackList {
        address[] clients;
        uint64[] feedbackIndexes;
        int128[] values;
        uint8[] valueDecimals;
        string[] tag1s;
        string[] tag2s;
        bool[] revokedStatuses;
    }

    /// @custom:storage-location erc7201:cr8.storage.AgentReputation
    struct AgentReputationStorage {
        mapping(
            uint256 agentId => mapping(address clientAddress => mapping(uint64 feedbackIndex => Feedback))
        ) feedback;
        mapping(uint256 agentId => mapping(address clientAddress => uint64)) lastIndex;
        mapping(uint256 agentId => address[]) clients;
        mapping(bytes32 executionKey => ExecutionFeedback) executionFeedback;
        mapping(address payer => mapping(address orchestrator => uint256)) ratedFees;
        mapping(bytes32 requestHash => Validation) validations;
        mapping(uint256 agentId => bytes32[]) agentValidations;
        mapping(address validatorAddress => bytes32[]) validatorRequests;
    }

    // keccak256(abi.encode(uint256(keccak256("cr8.storage.AgentReputation")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION =
        0x194b684c53eab271bdf555960b2b3dc49e974e17f08c2930f828370f61658e00;

    /// @param agentRegistry The ERC-8004 identity registry.
    /// @param receipts The settlement contract whose receipts prove payment.
    /// @param vault The receipts' CreditVault (`receipts.VAULT()`), passed in rather than read so that the
    ///        implementation can be built before the settlement proxies are set up (as genesis does).
    /// @param minFeedbackFee The smallest receipt fee that earns a feedback (wei of CR8; 0 for none).
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(
        IAgentRegistry agentRegistry,
        IExecutionReceipts receipts,
        ICreditVault vault,
        uint128 minFeedbackFee
    ) {
        if (
            address(agentRegistry) == address(0) || address(receipts) == address(0)
                || address(vault) == address(0)
        ) revert ZeroAddress();
        AGENT_REGISTRY = agentRegistry;
        RECEIPTS = receipts;
        VAULT = vault;
        MIN_FEEDBACK_FEE = minFeedbackFee;
        _disableInitializers();
    }

    /// @param admin Governance (no powers over entries; manages roles).
    /// @param guardian May pause new feedback, responses and validation.
    function initialize(address admin, address guardian) external initializer {
        __Guarded_init(admin, guardian);
    }

    // ---------------------------------------------------------------------------------------------
    // Feedback
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IAgentReputation
    /// @dev Public, with the strings in memory: as calldata (two stack slots each) the standard's event
    ///      does not fit the stack.
    function giveFeedback(
        uint256 agentId,
        int128 value,
        uint8 valueDecimals,
        string memory tag1,
        string memory tag2,
        string memory endpoint,
        string memory feedbackURI,
        bytes32 feedbackHash,
        ReceiptProof calldata paid
    ) public whenNotPaused {
        uint64 feedbackIndex = _recordFeedback(agentId, value, valueDecimals, tag1, tag2, paid);
        emit NewFeedback(
            agentId,
            msg.sender,
            feedbackIndex,
            value,
            valueDecimals,
            tag1,
            tag1,
            tag2,
            endpoint,
            feedbackURI,
            feedbackHash
        );
        emit FeedbackReceiptLinked(
            agentId,
            msg.sender,
            feedbackIndex,
            paid.orchestrator,
            paid.sequence,
            paid.receipt.executionId,
            paid.receipt.fee
        );
    }

    /// @inheritdoc IReputationRegistry
    /// @dev Never paused: a client can always take its word back.
    function revokeFeedback(uint256 agentId, uint64 feedbackIndex) external {
        Feedback storage feedback = _existingFeedback(agentId, msg.sender, feedbackIndex);
        if (feedback.isRevoked) revert FeedbackAlreadyRevoked(agentId, msg.sender, feedbackIndex);
        feedback.isRevoked = true;
        emit FeedbackRevoked(agentId, msg.sender, feedbackIndex);
    }

    /// @inheritdoc IReputationRegistry
    function appendResponse(
        uint256 agentId,
        address clientAddress,
        uint64 feedbackIndex,
        string calldata responseURI,
        bytes32 responseHash
    ) external whenNotPaused {
        if (bytes(responseURI).length == 0) revert EmptyResponseURI();
        Feedback storage feedback = _existingFeedback(agentId, clientAddress, feedbackIndex);
        ++feedback.responseCount;
        ++feedback.responsesBy[msg.sender];
        emit ResponseAppended(agentId, clientAddress, feedbackIndex, msg.sender, responseURI, responseHash);
    }

    // ---------------------------------------------------------------------------------------------
    // Validation
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IValidationRegistry
    function validationRequest(
        address validatorAddress,
        uint256 agentId,
        string calldata requestURI,
        bytes32 requestHash
    ) external whenNotPaused {
        _recordRequest(validatorAddress, agentId, requestHash, false);
        emit ValidationRequest(validatorAddress, agentId, requestURI, requestHash);
    }

    /// @inheritdoc IAgentReputation
    function validationRequest(
        address validatorAddress,
        uint256 agentId,
        string calldata requestURI,
        bytes32 requestHash,
        ReceiptProof calldata paid
    ) external whenNotPaused {
        if (paid.receipt.agentId != agentId) {
            revert ReceiptAgentMismatch(paid.receipt.agentId, agentId);
        }
        bytes32 leaf = _leaf(paid.receipt);
        if (requestHash != leaf) revert RequestHashNotReceiptLeaf(requestHash, leaf);
        _requireSettled(paid, leaf);
        _recordRequest(validatorAddress, agentId, requestHash, true);
        emit ValidationRequest(validatorAddress, agentId, requestURI, requestHash);
        emit ValidationReceiptLinked(
            requestHash, agentId, paid.orchestrator, paid.sequence, paid.receipt.executionId
        );
    }

    /// @inheritdoc IValidationRegistry
    function validationResponse(
        bytes32 requestHash,
        uint8 response,
        string calldata responseURI,
        bytes32 responseHash,
        string calldata tag
    ) external whenNotPaused {
        Validation storage validation = _storage().validations[requestHash];
        address validator = validation.validatorAddress;
        if (validator == address(0)) revert UnknownValidationRequest(requestHash);
        if (msg.sender != validator) revert NotValidator(requestHash, validator, msg.sender);
        if (response > MAX_RESPONSE) revert ResponseOutOfRange(response);
        validation.response = response;
        validation.hasResponse = true;
        validation.lastUpdate = uint64(block.timestamp);
        validation.responseHash = responseHash;
        validation.tag = tag;
        emit ValidationResponse(
            validator, validation.agentId, requestHash, response, responseURI, responseHash, tag
        );
    }

    // ---------------------------------------------------------------------------------------------
    // Reputation views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IAgentReputation
    function getIdentityRegistry() external view returns (address) {
        return address(AGENT_REGISTRY);
    }

    /// @inheritdoc IReputationRegistry
    function getLastIndex(uint256 agentId, address clientAddress) external view returns (uint64) {
        return _storage().lastIndex[agentId][clientAddress];
    }

    /// @inheritdoc IReputationRegistry
    function readFeedback(uint256 agentId, address clientAddress, uint64 feedbackIndex)
        external
        view
        returns (int128 value, uint8 valueDecimals, string memory tag1, string memory tag2, bool isRevoked)
    {
        Feedback storage feedback = _existingFeedback(agentId, clientAddress, feedbackIndex);
        return (feedback.value, feedback.valueDecimals, feedback.tag1, feedback.tag2, feedback.isRevoked);
    }

    /// @inheritdoc IReputationRegistry
    /// @dev Each value is scaled to 18 decimals (|value| <= 1e38, so the sum of up to 2**64 of them stays
    ///      below 2**255), the sum divided by the count (Solidity's division, toward zero), then scaled to
    ///      the decimals most feedbacks used (the fewest on a tie). Where that average does not fit int128
    ///      (at most 1e56 at 18 decimals), decimals are dropped until it does: less precise, never wrong.
    ///      A client listed twice counts twice.
    function getSummary(
        uint256 agentId,
        address[] calldata clientAddresses,
        string calldata tag1,
        string calldata tag2
    ) external view returns (uint64 count, int128 summaryValue, uint8 summaryValueDecimals) {
        if (clientAddresses.length == 0) revert ClientAddressesRequired();
        return _summary(agentId, clientAddresses, _filter(tag1, tag2, false));
    }

    /// @inheritdoc IReputationRegistry
    /// @dev Public, with its arguments in memory: seven returned arrays leave no stack for calldata ones.
    function readAllFeedback(
        uint256 agentId,
        address[] memory clientAddresses,
        string memory tag1,
        string memory tag2,
        bool includeRevoked
    )
        public
        view
        returns (
            address[] memory,
            uint64[] memory,
            int128[] memory,
            uint8[] memory,
            string[] memory,
            string[] memory,
            bool[] memory
        )
    {
        if (clientAddresses.length == 0) clientAddresses = _storage().clients[agentId];
        FeedbackList memory list = _readAll(agentId, clientAddresses, _filter(tag1, tag2, includeRevoked));
        return (
            list.clients,
            list.feedbackIndexes,
            list.values,
            list.valueDecimals,
            list.tag1s,
            list.tag2s,
            list.revokedStatuses
        );
    }

    /// @inheritdoc IReputationRegistry
    function getResponseCount(
        uint256 agentId,
        address clientAddress,
        uint64 feedbackIndex,
        address[] calldata responders
    ) external view returns (uint64 count) {
        AgentReputationStorage storage $ = _storage();
        if (clientAddress == address(0)) {
            address[] storage clients = $.clients[agentId];
            for (uint256 i; i < clients.length; ++i) {
                count += _clientResponses(agentId, clients[i], responders);
            }
        } else if (feedbackIndex == 0) {
            count = _clientResponses(agentId, clientAddress, responders);
        } else if (feedbackIndex <= $.lastIndex[agentId][clientAddress]) {
            count = _responses($.feedback[agentId][clientAddress][feedbackIndex], responders);
        }
    }

    /// @inheritdoc IReputationRegistry
    function getClients(uint256 agentId) external view returns (address[] memory) {
        return _storage().clients[agentId];
    }

    /// @inheritdoc IAgentReputation
    function ratedFees(address payer, address orchestrator) external view returns (uint256) {
        return _storage().ratedFees[payer][orchestrator];
    }

    /// @inheritdoc IAgentReputation
    function executionFeedback(address orchestrator, bytes32 executionId)
        external
        view
        returns (address clientAddress, uint64 feedbackIndex)
    {
        ExecutionFeedback storage used =
            _storage().executionFeedback[_executionKey(orchestrator, executionId)];
        return (used.clientAddress, used.feedbackIndex);
    }

    // ---------------------------------------------------------------------------------------------
    // Validation views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IValidationRegistry
    function getValidationStatus(bytes32 requestHash)
        external
        view
        returns (
            address validatorAddress,
            uint256 agentId,
            uint8 response,
            bytes32 responseHash,
            string memory tag,
            uint256 lastUpdate
        )
    {
        Validation storage validation = _storage().validations[requestHash];
        validatorAddress = validation.validatorAddress;
        if (validatorAddress == address(0)) revert UnknownValidationRequest(requestHash);
        return (
            validatorAddress,
            validation.agentId,
            validation.response,
            validation.responseHash,
            validation.tag,
            validation.lastUpdate
        );
    }

    /// @inheritdoc IValidationRegistry
    function getSummary(uint256 agentId, address[] calldata validatorAddresses, string calldata tag)
        external
        view
        returns (uint64 count, uint8 averageResponse)
    {
        AgentReputationStorage storage $ = _storage();
        bytes32[] storage requests = $.agentValidations[agentId];
        bytes32 tagHash = bytes(tag).length == 0 ? bytes32(0) : keccak256(bytes(tag));
        uint256 total;
        for (uint256 i; i < requests.length; ++i) {
            Validation storage validation = $.validations[requests[i]];
            if (!validation.hasResponse) continue;
            if (validatorAddresses.length != 0 && !_contains(validatorAddresses, validation.validatorAddress))
            {
                continue;
            }
            if (tagHash != bytes32(0) && keccak256(bytes(validation.tag)) != tagHash) continue;
            total += validation.response;
            ++count;
        }
        // Cannot truncate: an average of responses of at most 100.
        if (count != 0) averageResponse = uint8(total / count);
    }

    /// @inheritdoc IValidationRegistry
    function getAgentValidations(uint256 agentId) external view returns (bytes32[] memory) {
        return _storage().agentValidations[agentId];
    }

    /// @inheritdoc IValidationRegistry
    function getValidatorRequests(address validatorAddress) external view returns (bytes32[] memory) {
        return _storage().validatorRequests[validatorAddress];
    }

    /// @inheritdoc IAgentReputation
    function referencesReceipt(bytes32 requestHash) external view returns (bool) {
        return _storage().validations[requestHash].referencesReceipt;
    }

    /// @notice The implementation's version.
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    // ---------------------------------------------------------------------------------------------
    // Internals: writes
    // ---------------------------------------------------------------------------------------------

    /// @dev Every check of `giveFeedback`, those without external calls first, then the writes. Returns the
    ///      new feedback's index.
    function _recordFeedback(
        uint256 agentId,
        int128 value,
        uint8 valueDecimals,
        string memory tag1,
        string memory tag2,
        ReceiptProof calldata paid
    ) private returns (uint64 feedbackIndex) {
        if (valueDecimals > MAX_DECIMALS) {
            revert InvalidValueDecimals(valueDecimals);
        }
        if (value > MAX_ABS_VALUE || value < -MAX_ABS_VALUE) revert ValueOutOfRange(value, MAX_ABS_VALUE);
        IExecutionReceipts.Receipt calldata receipt = paid.receipt;
        if (receipt.payer != msg.sender) revert NotReceiptPayer(receipt.payer, msg.sender);
        if (receipt.agentId != agentId) revert ReceiptAgentMismatch(receipt.agentId, agentId);
        if (receipt.fee < MIN_FEEDBACK_FEE) revert FeeBelowMinimum(receipt.fee, MIN_FEEDBACK_FEE);
        AgentReputationStorage storage $ = _storage();
        ExecutionFeedback storage used =
            $.executionFeedback[_executionKey(paid.orchestrator, receipt.executionId)];
        if (used.clientAddress != address(0)) {
            revert ReceiptAlreadyUsed(paid.orchestrator, receipt.executionId);
        }
        if (_isAgentSide(agentId, msg.sender)) revert SelfFeedback(agentId, msg.sender);
        _requireSettled(paid, _leaf(receipt));
        _spendCharges($, paid.orchestrator, receipt.fee);

        // Cannot overflow: one feedback per settled execution, far fewer than 2**64.
        feedbackIndex = $.lastIndex[agentId][msg.sender] + 1;
        $.lastIndex[agentId][msg.sender] = feedbackIndex;
        if (feedbackIndex == 1) $.clients[agentId].push(msg.sender);
        Feedback storage feedback = $.feedback[agentId][msg.sender][feedbackIndex];
        feedback.value = value;
        feedback.valueDecimals = valueDecimals;
        if (bytes(tag1).length != 0) feedback.tag1 = tag1;
        if (bytes(tag2).length != 0) feedback.tag2 = tag2;
        used.clientAddress = msg.sender;
        used.feedbackIndex = feedbackIndex;
    }

    /// @dev Counts the receipt's fee against what the vault has really charged the caller on its channel with
    ///      `orchestrator`: the fees of all receipts a payer rates there can never exceed that. Receipts stay
    ///      off-chain behind their batch root, so one shown only now, after its challenge window, could never
    ///      be challenged; its `fee` is the orchestrator's word. The vault's cumulative charge is not: the
    ///      payer deposited it and signed for it. An honest payer's rated fees are always covered (a settled,
    ///      unchallengeable receipt's batch charged the payer at least up to the receipt's `payerCumulative`).
    function _spendCharges(AgentReputationStorage storage $, address orchestrator, uint128 fee) private {
        uint256 rated = $.ratedFees[msg.sender][orchestrator] + fee;
        uint256 charged = VAULT.channelOf(msg.sender, orchestrator).charged;
        if (rated > charged) revert FeesExceedCharges(msg.sender, orchestrator, rated, charged);
        $.ratedFees[msg.sender][orchestrator] = rated;
    }

    /// @dev The checks and writes every validation request shares (ERC-8004: owner or operator only, one
    ///      request per hash).
    function _recordRequest(address validatorAddress, uint256 agentId, bytes32 requestHash, bool withReceipt)
        private
    {
        if (validatorAddress == address(0)) revert ZeroAddress();
        (address owner, bool operator) = _ownerAndOperator(agentId, msg.sender);
        if (msg.sender != owner && !operator) revert NotAgentOperator(agentId, msg.sender);
        AgentReputationStorage storage $ = _storage();
        Validation storage validation = $.validations[requestHash];
        if (validation.validatorAddress != address(0)) revert ValidationRequestExists(requestHash);
        validation.validatorAddress = validatorAddress;
        validation.referencesReceipt = withReceipt;
        validation.lastUpdate = uint64(block.timestamp);
        validation.agentId = agentId;
        $.agentValidations[agentId].push(requestHash);
        $.validatorRequests[validatorAddress].push(requestHash);
    }

    // ---------------------------------------------------------------------------------------------
    // Internals: checks
    // ---------------------------------------------------------------------------------------------

    /// @dev Reverts, with the reason, unless the receipt is settled (see {IAgentReputation}).
    function _requireSettled(ReceiptProof calldata paid, bytes32 leaf) private view {
        IExecutionReceipts.ReceiptStatus status =
            RECEIPTS.receiptStatus(paid.orchestrator, paid.sequence, paid.receipt, paid.proof);
        if (status == IExecutionReceipts.ReceiptStatus.Settled) return;
        if (status == IExecutionReceipts.ReceiptStatus.UnknownBatch) {
            revert UnknownReceiptBatch(paid.orchestrator, paid.sequence);
        }
        if (status == IExecutionReceipts.ReceiptStatus.NotInBatch) {
            revert ReceiptNotInBatch(paid.orchestrator, paid.sequence, leaf);
        }
        if (status == IExecutionReceipts.ReceiptStatus.Disproven) {
            revert ReceiptDisproven(paid.orchestrator, paid.sequence, leaf);
        }
        // Challengeable: settled from the first second after the window (fraud proofs take its last one).
        uint256 settlesAt = uint256(RECEIPTS.batchOf(paid.orchestrator, paid.sequence).postedAt)
            + RECEIPTS.CHALLENGE_WINDOW() + 1;
        revert ReceiptNotSettled(paid.orchestrator, paid.sequence, settlesAt);
    }

    /// @dev Whether `account` speaks for the agent: its owner, an approved operator, or its agent wallet
    ///      (ERC-8004 forbids the first two feedback; the wallet is the agent itself acting as a client).
    function _isAgentSide(uint256 agentId, address account) private view returns (bool) {
        (address owner, bool operator) = _ownerAndOperator(agentId, account);
        return account == owner || operator || AGENT_REGISTRY.getAgentWallet(agentId) == account;
    }

    /// @dev The agent's owner, and whether `account` is approved for the agent (the ERC-721 way, by token
    ///      or for all of the owner's). Reverts with `UnknownAgent` for an id the registry does not know.
    function _ownerAndOperator(uint256 agentId, address account)
        private
        view
        returns (address owner, bool operator)
    {
        IERC721 registry = IERC721(address(AGENT_REGISTRY));
        try registry.ownerOf(agentId) returns (address agentOwner) {
            owner = agentOwner;
        } catch {
            revert UnknownAgent(agentId);
        }
        operator = registry.isApprovedForAll(owner, account) || registry.getApproved(agentId) == account;
    }

    function _existingFeedback(uint256 agentId, address clientAddress, uint64 feedbackIndex)
        private
        view
        returns (Feedback storage)
    {
        AgentReputationStorage storage $ = _storage();
        if (feedbackIndex == 0 || feedbackIndex > $.lastIndex[agentId][clientAddress]) {
            revert FeedbackNotFound(agentId, clientAddress, feedbackIndex);
        }
        return $.feedback[agentId][clientAddress][feedbackIndex];
    }

    // ---------------------------------------------------------------------------------------------
    // Internals: reads
    // ---------------------------------------------------------------------------------------------

    function _filter(string memory tag1, string memory tag2, bool includeRevoked)
        private
        pure
        returns (Filter memory)
    {
        return Filter({
            tag1Hash: bytes(tag1).length == 0 ? bytes32(0) : keccak256(bytes(tag1)),
            tag2Hash: bytes(tag2).length == 0 ? bytes32(0) : keccak256(bytes(tag2)),
            includeRevoked: includeRevoked
        });
    }

    function _matches(Feedback storage feedback, Filter memory filter) private view returns (bool) {
        if (feedback.isRevoked && !filter.includeRevoked) return false;
        if (filter.tag1Hash != bytes32(0) && keccak256(bytes(feedback.tag1)) != filter.tag1Hash) {
            return false;
        }
        if (filter.tag2Hash != bytes32(0) && keccak256(bytes(feedback.tag2)) != filter.tag2Hash) {
            return false;
        }
        return true;
    }

    /// @dev `getSummary` once its arguments are checked.
    function _summary(uint256 agentId, address[] calldata clientAddresses, Filter memory filter)
        private
        view
        returns (uint64 count, int128 summaryValue, uint8 summaryValueDecimals)
    {
        int256 sum;
        uint64[19] memory decimalsUsed;
        for (uint256 i; i < clientAddresses.length; ++i) {
            (uint64 clientCount, int256 clientSum) =
                _accumulate(agentId, clientAddresses[i], filter, decimalsUsed);
            count += clientCount;
            sum += clientSum;
        }
        if (count == 0) return (0, 0, 0);
        (summaryValue, summaryValueDecimals) = _average(sum, count, decimalsUsed);
    }

    /// @dev The matching feedbacks of one client: how many, their sum at 18 decimals, and a tally of the
    ///      decimals they were given in (added to `decimalsUsed`).
    function _accumulate(
        uint256 agentId,
        address clientAddress,
        Filter memory filter,
        uint64[19] memory decimalsUsed
    ) private view returns (uint64 count, int256 sum) {
        AgentReputationStorage storage $ = _storage();
        uint64 last = $.lastIndex[agentId][clientAddress];
        mapping(uint64 => Feedback) storage feedbacks = $.feedback[agentId][clientAddress];
        for (uint64 j = 1; j <= last; ++j) {
            Feedback storage feedback = feedbacks[j];
            if (!_matches(feedback, filter)) continue;
            uint8 decimals = feedback.valueDecimals;
            sum += int256(feedback.value) * int256(10 ** uint256(MAX_DECIMALS - decimals));
            ++decimalsUsed[decimals];
            ++count;
        }
    }

    /// @dev `sum / count` (at 18 decimals) expressed at the most used decimals, fewer if it would not fit.
    function _average(int256 sum, uint64 count, uint64[19] memory decimalsUsed)
        private
        pure
        returns (int128, uint8)
    {
        uint8 decimals;
        for (uint8 d = 1; d <= MAX_DECIMALS; ++d) {
            if (decimalsUsed[d] > decimalsUsed[decimals]) decimals = d;
        }
        int256 average = sum / int256(uint256(count)) / int256(10 ** uint256(MAX_DECIMALS - decimals));
        // At 0 decimals |average| <= 1e38 < 2**127, so this ends; truncation composes (toward zero).
        while (average > type(int128).max || average < type(int128).min) {
            average /= 10;
            --decimals;
        }
        return (int128(average), decimals);
    }

    /// @dev The matching feedbacks of `clients`, in (client, index) order: counted first, then listed.
    function _readAll(uint256 agentId, address[] memory clients, Filter memory filter)
        private
        view
        returns (FeedbackList memory list)
    {
        AgentReputationStorage storage $ = _storage();
        uint256 total;
        for (uint256 i; i < clients.length; ++i) {
            mapping(uint64 => Feedback) storage feedbacks = $.feedback[agentId][clients[i]];
            uint64 last = $.lastIndex[agentId][clients[i]];
            for (uint64 j = 1; j <= last; ++j) {
                if (_matches(feedbacks[j], filter)) ++total;
            }
        }
        list.clients = new address[](total);
        list.feedbackIndexes = new uint64[](total);
        list.values = new int128[](total);
        list.valueDecimals = new uint8[](total);
        list.tag1s = new string[](total);
        list.tag2s = new string[](total);
        list.revokedStatuses = new bool[](total);
        uint256 n;
        for (uint256 i; i < clients.length; ++i) {
            n = _list(list, n, agentId, clients[i], filter);
        }
    }

    /// @dev Appends the matching feedbacks of one client to `list` from position `n`; returns the next.
    function _list(
        FeedbackList memory list,
        uint256 n,
        uint256 agentId,
        address clientAddress,
        Filter memory filter
    ) private view returns (uint256) {
        AgentReputationStorage storage $ = _storage();
        mapping(uint64 => Feedback) storage feedbacks = $.feedback[agentId][clientAddress];
        uint64 last = $.lastIndex[agentId][clientAddress];
        for (uint64 j = 1; j <= last; ++j) {
            Feedback storage feedback = feedbacks[j];
            if (!_matches(feedback, filter)) continue;
            list.clients[n] = clientAddress;
            list.feedbackIndexes[n] = j;
            list.values[n] = feedback.value;
            list.valueDecimals[n] = feedback.valueDecimals;
            list.tag1s[n] = feedback.tag1;
            list.tag2s[n] = feedback.tag2;
            list.revokedStatuses[n] = feedback.isRevoked;
            ++n;
        }
        return n;
    }

    /// @dev Responses to every feedback `clientAddress` gave `agentId`.
    function _clientResponses(uint256 agentId, address clientAddress, address[] calldata responders)
        private
        view
        returns (uint64 count)
    {
        AgentReputationStorage storage $ = _storage();
        uint64 last = $.lastIndex[agentId][clientAddress];
        for (uint64 j = 1; j <= last; ++j) {
            count += _responses($.feedback[agentId][clientAddress][j], responders);
        }
    }

    /// @dev Responses to one feedback, from `responders` (all of them if empty).
    function _responses(Feedback storage feedback, address[] calldata responders)
        private
        view
        returns (uint64 count)
    {
        if (responders.length == 0) return feedback.responseCount;
        for (uint256 k; k < responders.length; ++k) {
            count += feedback.responsesBy[responders[k]];
        }
    }

    function _contains(address[] calldata list, address account) private pure returns (bool) {
        for (uint256 i; i < list.length; ++i) {
            if (list[i] == account) return true;
        }
        return false;
    }

    /// @dev One execution, whichever receipt (or duplicate) carries it: execution ids are unique per orchestrator.
    function _executionKey(address orchestrator, bytes32 executionId) private pure returns (bytes32) {
        return keccak256(abi.encode(orchestrator, executionId));
    }

    /// @dev The receipt's Merkle leaf, as ExecutionReceipts and OpenZeppelin's StandardMerkleTree build it.
    function _leaf(IExecutionReceipts.Receipt calldata receipt) private pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(receipt))));
    }

    function _storage() private pure returns (AgentReputationStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
