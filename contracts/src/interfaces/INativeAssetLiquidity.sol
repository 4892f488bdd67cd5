// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommon} from "./ICommon.sol";

/// @title INativeAssetLiquidity
/// @notice The custom-gas-token v2 vault of the CR8 L3 (OP spec `custom-gas-token/predeploys.md`): genesis
///         pre-mints the native CR8 supply into it, and native CR8 enters circulation only when the
///         LiquidityController withdraws it and leaves circulation only when the controller deposits it back.
///         Anyone may add to it with `fund()`.
/// @dev Predeploy at 0x4200000000000000000000000000000000000029. Event names and arguments are the spec's.
interface INativeAssetLiquidity is ICommon {
    /// @notice The LiquidityController (`caller`) locked `value` native CR8 back in the vault.
    event LiquidityDeposited(address indexed caller, uint256 value);

    /// @notice The LiquidityController (`caller`) took `value` native CR8 out of the vault.
    event LiquidityWithdrawn(address indexed caller, uint256 value);

    /// @notice `funder` added `value` native CR8 to the vault.
    event LiquidityFunded(address indexed funder, uint256 value);

    /// @notice The vault holds `available`, less than the `needed` amount asked for.
    error InsufficientLiquidity(uint256 available, uint256 needed);

    /// @notice Locks `msg.value` (any amount, zero included) in the vault. LiquidityController only
    ///         (`Unauthorized` otherwise).
    function deposit() external payable;

    /// @notice Sends exactly `amount` to the caller, the LiquidityController (`Unauthorized` for anyone else).
    ///         Reverts with `InsufficientLiquidity` when the vault holds less.
    function withdraw(uint256 amount) external;

    /// @notice Adds `msg.value` to the vault. Anyone may call; reverts with `ZeroAmount` on zero.
    function fund() external payable;

    /// @notice The semantic version of the implementation.
    function version() external view returns (string memory);
}
