// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IVestingFactory} from "../interfaces/IVestingFactory.sol";
import {CR8VestingWallet} from "./CR8VestingWallet.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title VestingFactory
/// @notice Creates funded team and investor vesting schedules for CR8. See {IVestingFactory}.
contract VestingFactory is IVestingFactory, AccessControl {
    using SafeERC20 for IERC20;

    /// @notice May create schedules; each is funded with CR8 pulled from the manager creating it.
    bytes32 public constant VESTING_MANAGER_ROLE = keccak256("cr8.role.vestingManager");

    /// @notice The CR8VestingWallet implementation the schedules clone.
    address public immutable WALLET_IMPLEMENTATION;

    /// @inheritdoc IVestingFactory
    address public immutable token;

    mapping(address beneficiary => address[] wallets) private _schedules;

    constructor(address admin, address cr8) {
        if (admin == address(0) || cr8 == address(0)) revert ZeroAddress();
        token = cr8;
        WALLET_IMPLEMENTATION = address(new CR8VestingWallet());
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc IVestingFactory
    function createVestingSchedule(
        address beneficiary,
        uint64 start,
        uint64 duration,
        uint64 cliff,
        uint256 amount,
        bytes32 label
    ) external onlyRole(VESTING_MANAGER_ROLE) returns (address wallet) {
        if (beneficiary == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        if (duration == 0 || cliff > duration || uint256(start) + cliff > type(uint64).max) {
            revert InvalidSchedule(duration, cliff);
        }
        wallet = Clones.clone(WALLET_IMPLEMENTATION);
        CR8VestingWallet(payable(wallet)).initialize(beneficiary, start, duration, cliff);
        _schedules[beneficiary].push(wallet);
        IERC20(token).safeTransferFrom(msg.sender, wallet, amount);
        emit VestingScheduleCreated(wallet, beneficiary, start, duration, cliff, amount, label);
    }

    /// @inheritdoc IVestingFactory
    function schedulesOf(address beneficiary) external view returns (address[] memory) {
        return _schedules[beneficiary];
    }
}
