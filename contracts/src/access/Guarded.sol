// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGuarded} from "../interfaces/IGuarded.sol";
import {
    AccessControlUpgradeable
} from "@openzeppelin/contracts-upgradeable/access/AccessControlUpgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

/// @title Guarded
/// @notice The access model every upgradeable CR8 contract shares: roles instead of a single owner.
///         `DEFAULT_ADMIN_ROLE` (governance: a multisig or timelock) sets parameters and manages roles;
///         `GUARDIAN_ROLE` pauses and unpauses the money-moving functions in an emergency.
/// @dev Storage lives in OpenZeppelin's ERC-7201 namespaces; inheritors keep theirs namespaced too.
abstract contract Guarded is IGuarded, AccessControlUpgradeable, PausableUpgradeable {
    /// @notice May pause and unpause.
    bytes32 public constant GUARDIAN_ROLE = keccak256("cr8.role.guardian");

    // forge-lint: disable-next-line(mixed-case-function)
    function __Guarded_init(address admin, address guardian) internal onlyInitializing {
        if (admin == address(0) || guardian == address(0)) revert ZeroAddress();
        __AccessControl_init();
        __Pausable_init();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GUARDIAN_ROLE, guardian);
    }

    /// @inheritdoc IGuarded
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @inheritdoc IGuarded
    function unpause() external onlyRole(GUARDIAN_ROLE) {
        _unpause();
    }
}
