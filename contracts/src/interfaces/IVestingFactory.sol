// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommon} from "./ICommon.sol";

/// @title IVestingFactory
/// @notice Creates team and investor vesting schedules for CR8: each is an OpenZeppelin
///         VestingWalletCliff (linear vesting after a cliff), funded at creation.
interface IVestingFactory is ICommon {
    event VestingScheduleCreated(
        address indexed wallet,
        address indexed beneficiary,
        uint64 start,
        uint64 duration,
        uint64 cliff,
        uint256 amount,
        bytes32 indexed label
    );

    /// @notice The duration is zero, the cliff is longer than the duration, or start + cliff overflows.
    error InvalidSchedule(uint64 duration, uint64 cliff);

    /// @notice Creates a schedule for `beneficiary` vesting `amount` of CR8 (pulled from the caller)
    ///         linearly from `start` over `duration` seconds with a `cliff` in seconds. Vesting manager only.
    function createVestingSchedule(
        address beneficiary,
        uint64 start,
        uint64 duration,
        uint64 cliff,
        uint256 amount,
        bytes32 label
    ) external returns (address wallet);

    /// @notice Every schedule created for `beneficiary` (the wallet's current owner may differ if the
    ///         beneficiary handed it on; `Ownable.owner()` of each wallet is authoritative).
    function schedulesOf(address beneficiary) external view returns (address[] memory);

    /// @notice The CR8 token being vested.
    function token() external view returns (address);
}
