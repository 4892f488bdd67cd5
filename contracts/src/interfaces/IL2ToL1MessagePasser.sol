// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IL2ToL1MessagePasser
/// @notice The part of OP's L2ToL1MessagePasser predeploy (0x4200…0016) that CR8 contracts call. Every
///         withdrawal is a `sentMessages` entry that the parent chain's portal proves against an output root.
interface IL2ToL1MessagePasser {
    /// @notice A withdrawal was initiated; `withdrawalHash` is keccak256(abi.encode(nonce, sender, target,
    ///         value, gasLimit, data)).
    event MessagePassed(
        uint256 indexed nonce,
        address indexed sender,
        address indexed target,
        uint256 value,
        uint256 gasLimit,
        bytes data,
        bytes32 withdrawalHash
    );

    /// @notice Records a withdrawal from the caller to `_target` on the parent chain, to be called there with
    ///         `_data` and at least `_gasLimit` gas. On a custom-gas-token chain `msg.value` must be zero.
    function initiateWithdrawal(address _target, uint256 _gasLimit, bytes memory _data) external payable;

    /// @notice The nonce the next withdrawal gets (message version in the top two bytes).
    function messageNonce() external view returns (uint256);

    /// @notice Whether a withdrawal with this hash was initiated.
    function sentMessages(bytes32 withdrawalHash) external view returns (bool);
}
