// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommon} from "../interfaces/ICommon.sol";

/// @title ForcedSend
/// @notice Delivers native CR8 without running any code of the recipient, so no recipient can refuse it or
///         make the sender revert. This is what OP's `SafeSend` does for the custom-gas-token predeploys.
/// @dev Creates a throwaway contract with `amount` whose init code is `PUSH20 to; SELFDESTRUCT`. A contract
///      created and self-destructed in the same transaction is removed entirely (EIP-6780), so nothing is
///      left behind; SELFDESTRUCT credits `to` without calling it. Costs about 37k gas (62k when `to` is a
///      new account). Use it only where a refusal must not block the caller (a mint that strands bridged
///      funds if it reverts); elsewhere prefer NativeTransfer, which lets the recipient react.
library ForcedSend {
    /// @notice Moves `amount` from this contract to `to`. Reverts with `NativeTransferFailed` if the
    ///         contract holds less than `amount`.
    function send(address to, uint256 amount) internal {
        address sender;
        assembly ("memory-safe") {
            // 22 bytes of init code in scratch space: 0x73 (PUSH20), the 20-byte address, 0xff (SELFDESTRUCT).
            mstore(
                0x00,
                or(
                    or(shl(248, 0x73), shl(88, and(to, 0xffffffffffffffffffffffffffffffffffffffff))),
                    shl(80, 0xff)
                )
            )
            sender := create(amount, 0x00, 22)
        }
        // CREATE returns zero instead of reverting when the balance is too low (or the call depth is exhausted).
        if (sender == address(0)) revert ICommon.NativeTransferFailed(to, amount);
    }
}
