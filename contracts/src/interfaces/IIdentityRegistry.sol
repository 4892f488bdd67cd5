// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IIdentityRegistry
/// @notice The ERC-8004 ("Trustless Agents") identity registry surface, as the reference
///         implementation (erc-8004-contracts, IdentityRegistryUpgradeable 1.1.0) exposes it.
///         Agents are ERC-721 tokens whose tokenURI is the agent's registration file (agent card).
interface IIdentityRegistry {
    /// @notice One metadata entry attached to an agent.
    struct MetadataEntry {
        string metadataKey;
        bytes metadataValue;
    }

    event Registered(uint256 indexed agentId, string agentURI, address indexed owner);
    event MetadataSet(
        uint256 indexed agentId, string indexed indexedMetadataKey, string metadataKey, bytes metadataValue
    );
    event URIUpdated(uint256 indexed agentId, string newURI, address indexed updatedBy);

    /// @notice Registers an agent with no agent card yet.
    function register() external payable returns (uint256 agentId);

    /// @notice Registers an agent whose card lives at `agentURI`.
    function register(string calldata agentURI) external payable returns (uint256 agentId);

    /// @notice Registers an agent with its card and metadata entries.
    function register(string calldata agentURI, MetadataEntry[] calldata metadata)
        external
        payable
        returns (uint256 agentId);

    function getMetadata(uint256 agentId, string calldata metadataKey) external view returns (bytes memory);

    function setMetadata(uint256 agentId, string calldata metadataKey, bytes calldata metadataValue) external;

    function setAgentURI(uint256 agentId, string calldata newURI) external;

    /// @notice The wallet the agent receives payments at: the registrant until set, cleared on transfer.
    function getAgentWallet(uint256 agentId) external view returns (address);

    /// @notice Sets the agent wallet; `newWallet` proves control by signing the EIP-712 struct
    ///         `AgentWalletSet(uint256 agentId,address newWallet,address owner,uint256 deadline)`
    ///         (or answering ERC-1271 if it is a contract). `deadline` is at most 5 minutes ahead.
    function setAgentWallet(uint256 agentId, address newWallet, uint256 deadline, bytes calldata signature)
        external;
}
