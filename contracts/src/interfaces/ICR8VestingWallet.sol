// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ICR8VestingWallet
/// @notice A clonable OpenZeppelin VestingWalletCliff: the beneficiary owns it (and may hand it on with
///         `transferOwnership`); anyone may call `release(token)` to pay out what has vested.
interface ICR8VestingWallet {
    /// @notice Renouncing would send every later release to address(0), locking the funds for good.
    error OwnershipCannotBeRenounced();

    /// @notice Sets the schedule of a fresh clone: linear from `start` over `duration` seconds, nothing
    ///         before `start + cliff`. Once only.
    function initialize(address beneficiary, uint64 start, uint64 duration, uint64 cliff) external;
}
