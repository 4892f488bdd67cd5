// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommon} from "./ICommon.sol";

/// @title IAgentTokenFactory
/// @notice Creates each agent's token as a minimal-proxy clone (ERC-1167 with immutable arguments)
///         of one AgentToken implementation: cheap to create, same code for every agent.
interface IAgentTokenFactory is ICommon {
    /// @notice The token of `agentId` was created at `token`.
    event AgentTokenCreated(
        uint256 indexed agentId,
        address indexed token,
        address indexed creator,
        uint256 supply,
        uint256 creatorAllocation
    );

    /// @notice Creates and initializes the token of `agentId`. Registry only.
    function createAgentToken(
        uint256 agentId,
        address creator,
        string calldata name,
        string calldata symbol,
        uint96 supply,
        uint96 creatorAllocation
    ) external returns (address token);

    /// @notice The AgentToken implementation the clones delegate to. (Not named `implementation()`: that
    ///         selector belongs to the proxy's admin surface.)
    function tokenImplementation() external view returns (address);

    /// @notice The registry allowed to create tokens.
    function registry() external view returns (address);
}
