// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICR8VestingWallet} from "../interfaces/ICR8VestingWallet.sol";
import {
    VestingWalletCliffUpgradeable
} from "@openzeppelin/contracts-upgradeable/finance/VestingWalletCliffUpgradeable.sol";

/// @title CR8VestingWallet
/// @notice OpenZeppelin's VestingWalletCliff made clonable: the VestingFactory creates one clone per
///         schedule and initializes it. The beneficiary owns the wallet (and may hand it on); anyone may
///         call `release(token)` to pay out what has vested.
contract CR8VestingWallet is ICR8VestingWallet, VestingWalletCliffUpgradeable {
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc ICR8VestingWallet
    function initialize(address beneficiary, uint64 start, uint64 duration, uint64 cliff)
        external
        initializer
    {
        __VestingWallet_init(beneficiary, start, duration);
        __VestingWalletCliff_init(cliff);
    }

    /// @notice Always reverts: a vesting wallet must keep a beneficiary (use `transferOwnership`).
    function renounceOwnership() public pure override {
        revert OwnershipCannotBeRenounced();
    }
}
