// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentToken} from "../interfaces/IAgentToken.sol";
import {IAgentTokenFactory} from "../interfaces/IAgentTokenFactory.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

/// @title AgentTokenFactory
/// @notice Creates agent tokens as ERC-1167 clones with immutable arguments. See {IAgentTokenFactory}.
/// @dev Holds no storage: the implementation and the registry are immutables of this (proxied)
///      contract, so shipping a new AgentToken implementation for future agents is an upgrade of the
///      factory. Existing clones keep the implementation they were created with.
/// @custom:proxied true
contract AgentTokenFactory is IAgentTokenFactory {
    /// @inheritdoc IAgentTokenFactory
    address public immutable tokenImplementation;

    /// @inheritdoc IAgentTokenFactory
    address public immutable registry;

    constructor(address tokenImplementation_, address agentRegistry) {
        if (tokenImplementation_ == address(0) || agentRegistry == address(0)) revert ZeroAddress();
        tokenImplementation = tokenImplementation_;
        registry = agentRegistry;
    }

    /// @inheritdoc IAgentTokenFactory
    /// @dev The clone is CREATE2-deployed with the agent id as salt; its address also depends on the
    ///      token terms (they are part of the clone's code). One token per agent holds because only the
    ///      registry may call and it never repeats an id; the registry also bounds the id to 64 bits and
    ///      name and symbol to 31 bytes, which the packed arguments below rely on.
    function createAgentToken(
        uint256 agentId,
        address creator,
        string calldata name,
        string calldata symbol,
        uint96 supply,
        uint96 creatorAllocation
    ) external returns (address token) {
        if (msg.sender != registry) revert Unauthorized(msg.sender);
        // The registry bounds name and symbol to 31 bytes, so each length fits its byte.
        bytes memory args = abi.encodePacked(
            uint64(agentId),
            supply,
            creatorAllocation,
            uint8(bytes(name).length),
            name,
            uint8(bytes(symbol).length),
            symbol
        );
        token = Clones.cloneDeterministicWithImmutableArgs(tokenImplementation, args, bytes32(agentId));
        IAgentToken(token).initialize(creator);
        emit AgentTokenCreated(agentId, token, creator, supply, creatorAllocation);
    }

    /// @notice The implementation's version.
    function version() external pure returns (string memory) {
        return "1.0.0";
    }
}
