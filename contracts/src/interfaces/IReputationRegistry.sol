// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IReputationRegistry
/// @notice The ERC-8004 ("Trustless Agents", v1) reputation registry surface that CR8 serves unchanged:
///         the events, revocation, responses and every read, with the standard's names, argument order
///         and return values, so ERC-8004 indexers and SDKs read CR8 reputation as they read any other.
///         A client's feedback on an agent is a signed fixed-point `value` with `valueDecimals` (0 to 18)
///         and two optional tags; feedback is numbered per (agent, client) from 1.
/// @dev The standard's `giveFeedback(uint256,int128,uint8,string,string,string,string,bytes32)` is
///      deliberately absent: CR8 accepts feedback only with a proof of payment (see
///      {IAgentReputation-giveFeedback}), so that selector would be a function that always reverts.
interface IReputationRegistry {
    /// @notice `clientAddress` gave feedback number `feedbackIndex` on `agentId`. `endpoint`, `feedbackURI`
    ///         and `feedbackHash` are only emitted, not stored.
    event NewFeedback(
        uint256 indexed agentId,
        address indexed clientAddress,
        uint64 feedbackIndex,
        int128 value,
        uint8 valueDecimals,
        string indexed indexedTag1,
        string tag1,
        string tag2,
        string endpoint,
        string feedbackURI,
        bytes32 feedbackHash
    );

    /// @notice `clientAddress` revoked its feedback number `feedbackIndex` on `agentId`.
    event FeedbackRevoked(
        uint256 indexed agentId, address indexed clientAddress, uint64 indexed feedbackIndex
    );

    /// @notice `responder` answered a feedback (a refund shown by the agent, a spam tag by an aggregator...).
    event ResponseAppended(
        uint256 indexed agentId,
        address indexed clientAddress,
        uint64 feedbackIndex,
        address indexed responder,
        string responseURI,
        bytes32 responseHash
    );

    /// @notice Marks the caller's feedback number `feedbackIndex` on `agentId` as revoked. It stays readable
    ///         (with `isRevoked`) and no longer counts in `getSummary`.
    function revokeFeedback(uint256 agentId, uint64 feedbackIndex) external;

    /// @notice Attaches a response to a feedback; anyone may respond, any number of times. `responseHash`
    ///         is the keccak256 of the content at `responseURI` (optional for content-addressed URIs).
    function appendResponse(
        uint256 agentId,
        address clientAddress,
        uint64 feedbackIndex,
        string calldata responseURI,
        bytes32 responseHash
    ) external;

    /// @notice The identity registry (ERC-721) whose agents this registry rates.
    function getIdentityRegistry() external view returns (address identityRegistry);

    /// @notice The number of feedbacks `clientAddress` gave `agentId` (the last feedback index; 0 if none).
    function getLastIndex(uint256 agentId, address clientAddress) external view returns (uint64);

    /// @notice One feedback as stored.
    function readFeedback(uint256 agentId, address clientAddress, uint64 feedbackIndex)
        external
        view
        returns (int128 value, uint8 valueDecimals, string memory tag1, string memory tag2, bool isRevoked);

    /// @notice The average of the unrevoked feedbacks the given clients gave `agentId`, optionally only
    ///         those with `tag1` and/or `tag2` (an empty tag matches any). Values are brought to 18
    ///         decimals, averaged (rounding toward zero) and returned at the decimals most of them used.
    ///         `clientAddresses` must not be empty (ERC-8004: an unfiltered summary invites Sybil spam).
    function getSummary(
        uint256 agentId,
        address[] calldata clientAddresses,
        string calldata tag1,
        string calldata tag2
    ) external view returns (uint64 count, int128 summaryValue, uint8 summaryValueDecimals);

    /// @notice Every feedback on `agentId` that matches the filters, in (client, index) order. An empty
    ///         `clientAddresses` means every client; an empty tag matches any; revoked feedback is left out
    ///         unless `includeRevoked`.
    function readAllFeedback(
        uint256 agentId,
        address[] calldata clientAddresses,
        string calldata tag1,
        string calldata tag2,
        bool includeRevoked
    )
        external
        view
        returns (
            address[] memory clients,
            uint64[] memory feedbackIndexes,
            int128[] memory values,
            uint8[] memory valueDecimals,
            string[] memory tag1s,
            string[] memory tag2s,
            bool[] memory revokedStatuses
        );

    /// @notice How many responses were appended: to one feedback, to every feedback of `clientAddress`
    ///         (`feedbackIndex` 0) or of every client (`clientAddress` zero), from the given `responders`
    ///         (empty: from anyone).
    function getResponseCount(
        uint256 agentId,
        address clientAddress,
        uint64 feedbackIndex,
        address[] calldata responders
    ) external view returns (uint64 count);

    /// @notice Every client that gave `agentId` feedback, in the order of their first feedback.
    function getClients(uint256 agentId) external view returns (address[] memory);
}
