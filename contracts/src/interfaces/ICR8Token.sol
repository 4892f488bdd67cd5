// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommon} from "./ICommon.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ICR8Token
/// @notice CR8 on the parent L2: an ERC-20 with EIP-2612 permit, ERC-5805 votes and a capped supply.
///         On the CR8 L3 the same CR8 is the native gas token, moved across by the CR8 bridge.
interface ICR8Token is IERC20, ICommon {
    /// @notice The cap is zero or above what vote checkpoints can hold (2**208 - 1).
    error InvalidCap(uint256 cap, uint256 maxCap);

    /// @notice Mints `amount` to `to` within the cap. Minter role only.
    function mint(address to, uint256 amount) external;

    /// @notice Burns `amount` of the caller's tokens.
    function burn(uint256 amount) external;

    /// @notice The most CR8 that can ever exist.
    function cap() external view returns (uint256);
}
