// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IValidationRegistry
/// @notice The ERC-8004 ("Trustless Agents", v1) validation registry surface, with the standard's names,
///         argument order, events and reads. An agent's owner (or operator) asks a validator to check a
///         piece of its work, identified by `requestHash` (the keccak256 commitment to the request data at
///         `requestURI`); the validator answers with a score from 0 to 100, as often as it likes.
interface IValidationRegistry {
    event ValidationRequest(
        address indexed validatorAddress,
        uint256 indexed agentId,
        string requestURI,
        bytes32 indexed requestHash
    );

    event ValidationResponse(
        address indexed validatorAddress,
        uint256 indexed agentId,
        bytes32 indexed requestHash,
        uint8 response,
        string responseURI,
        bytes32 responseHash,
        string tag
    );

    /// @notice Asks `validatorAddress` to validate the work committed to by `requestHash`. Owner or
    ///         approved operator of `agentId` only; each `requestHash` can be requested once.
    function validationRequest(
        address validatorAddress,
        uint256 agentId,
        string calldata requestURI,
        bytes32 requestHash
    ) external;

    /// @notice The validator of `requestHash` records its verdict (0 failed ... 100 passed), with optional
    ///         evidence and a `tag`; a later response replaces the earlier one (e.g. soft, then hard finality).
    function validationResponse(
        bytes32 requestHash,
        uint8 response,
        string calldata responseURI,
        bytes32 responseHash,
        string calldata tag
    ) external;

    /// @notice The identity registry (ERC-721) whose agents are validated here.
    function getIdentityRegistry() external view returns (address identityRegistry);

    /// @notice A request and its latest response (`response`, `responseHash` and `tag` are empty until the
    ///         validator answers; `lastUpdate` is the time of the request, then of the latest response).
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
        );

    /// @notice The number of answered requests of `agentId` from the given validators (empty: any) with
    ///         `tag` (empty: any), and their average response, rounded down.
    function getSummary(uint256 agentId, address[] calldata validatorAddresses, string calldata tag)
        external
        view
        returns (uint64 count, uint8 averageResponse);

    /// @notice Every request hash of `agentId`, in request order.
    function getAgentValidations(uint256 agentId) external view returns (bytes32[] memory requestHashes);

    /// @notice Every request hash addressed to `validatorAddress`, in request order.
    function getValidatorRequests(address validatorAddress)
        external
        view
        returns (bytes32[] memory requestHashes);
}
