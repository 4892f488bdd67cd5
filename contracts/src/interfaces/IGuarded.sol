// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommon} from "./ICommon.sol";

/// @title IGuarded
/// @notice The emergency surface every money-moving CR8 contract shares. Holders of the guardian role
///         pause and unpause; while paused, the contract's money-moving functions revert with
///         `EnforcedPause()` (OpenZeppelin Pausable).
interface IGuarded is ICommon {
    /// @notice Stops the contract's money-moving functions. Guardian only.
    function pause() external;

    /// @notice Resumes them. Guardian only.
    function unpause() external;

    /// @notice The semantic version of the implementation behind the proxy.
    function version() external view returns (string memory);
}
