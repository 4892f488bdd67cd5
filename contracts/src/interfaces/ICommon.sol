// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ICommon
/// @notice Errors shared by every CR8 contract. Declared once so that a contract implementing several
///         CR8 interfaces inherits each error exactly once.
interface ICommon {
    /// @notice An address argument was the zero address where a real account is required.
    error ZeroAddress();

    /// @notice An amount argument (or `msg.value`) was zero where a positive amount is required.
    error ZeroAmount();

    /// @notice The call came after the deadline the caller set for it.
    error DeadlineExpired(uint256 deadline, uint256 timestamp);

    /// @notice No agent is registered under `agentId`.
    error UnknownAgent(uint256 agentId);

    /// @notice Sending `amount` of native CR8 to `to` failed.
    error NativeTransferFailed(address to, uint256 amount);

    /// @notice The caller lacks the privilege the function requires.
    error Unauthorized(address caller);
}
