// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICR8Token} from "../interfaces/ICR8Token.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title CR8Token
/// @notice CR8 on the parent L2 (see {ICR8Token}): OpenZeppelin ERC-20 with permit, votes (delegation,
///         checkpoints) and a hard cap. Minting is a role, so no single hard-wired owner controls supply.
/// @dev Not proxied: a token's rules should not change under its holders.
contract CR8Token is ICR8Token, ERC20, ERC20Permit, ERC20Votes, ERC20Capped, AccessControl {
    /// @notice May mint within the cap (the treasury multisig, the vesting funder).
    bytes32 public constant MINTER_ROLE = keccak256("cr8.role.minter");

    /// @param admin Manages the minter role.
    /// @param supplyCap The most CR8 that can ever exist (wei).
    /// @param initialHolder Receives `initialSupply`.
    /// @param initialSupply Minted at deployment (wei).
    constructor(address admin, uint256 supplyCap, address initialHolder, uint256 initialSupply)
        ERC20("CR8", "CR8")
        ERC20Permit("CR8")
        ERC20Capped(supplyCap)
    {
        // Without an admin no minter could ever be added; above 2**208 - 1 ERC20Votes would be the real cap.
        if (admin == address(0)) revert ZeroAddress();
        if (supplyCap > type(uint208).max) revert InvalidCap(supplyCap, type(uint208).max);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        if (initialSupply != 0) _mint(initialHolder, initialSupply);
    }

    /// @inheritdoc ICR8Token
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }

    /// @inheritdoc ICR8Token
    function burn(uint256 amount) external {
        _burn(msg.sender, amount);
    }

    /// @inheritdoc ICR8Token
    function cap() public view override(ICR8Token, ERC20Capped) returns (uint256) {
        return super.cap();
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value)
        internal
        override(ERC20, ERC20Votes, ERC20Capped)
    {
        super._update(from, to, value);
    }
}
