// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommon} from "../interfaces/ICommon.sol";

/// @title NativeTransfer
/// @notice Sends native CR8 with all remaining gas and a typed error on failure. Callers update their
///         state before sending and guard with a reentrancy lock, so the recipient's code cannot
///         observe or exploit a half-finished operation.
library NativeTransfer {
    function send(address to, uint256 amount) internal {
        if (to == address(0)) revert ICommon.ZeroAddress();
        (bool success,) = to.call{value: amount}("");
        if (!success) revert ICommon.NativeTransferFailed(to, amount);
    }
}
