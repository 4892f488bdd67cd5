// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IDepositPortal
/// @notice The part of OP's OptimismPortal that an application bridge on the parent chain uses: sending a
///         deposit to the child chain, and learning, while the portal relays a withdrawal, which child-chain
///         account sent it. OptimismPortal (v2 and later) and CR8's DevnetPortal both implement it.
interface IDepositPortal {
    /// @notice Emits a deposit that the child chain executes as a transaction from the caller (aliased
    ///         when the caller is a contract) to `_to`. On a custom-gas-token child chain `msg.value` must be
    ///         zero; `_value` is then paid on the child chain from the sender's own balance.
    function depositTransaction(
        address _to,
        uint256 _value,
        uint64 _gasLimit,
        bool _isCreation,
        bytes memory _data
    ) external payable;

    /// @notice The child-chain sender of the withdrawal being relayed; 0x…dEaD when none is.
    function l2Sender() external view returns (address);
}
