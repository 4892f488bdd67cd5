// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IKycRegistry} from "../interfaces/IKycRegistry.sol";
import {
    AccessControlUpgradeable
} from "@openzeppelin/contracts-upgradeable/access/AccessControlUpgradeable.sol";

/// @title KycRegistry
/// @notice Wallets verified off-chain by a KYC provider, written here by an authorized attester (the
///         backend's attester key) with an expiry. Holds no personal data: only the expiry and a reference.
/// @custom:proxied true
contract KycRegistry is IKycRegistry, AccessControlUpgradeable {
    /// @notice May record and revoke verifications.
    bytes32 public constant ATTESTER_ROLE = keccak256("cr8.role.kycAttester");

    /// @custom:storage-location erc7201:cr8.storage.KycRegistry
    struct KycRegistryStorage {
        mapping(address wallet => uint64 expiresAt) verifiedUntil;
    }

    // keccak256(abi.encode(uint256(keccak256("cr8.storage.KycRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION =
        0x2797510bebaf41400aba88a1a819dcb5d64198e6a809b14f1a52a185bcd9e000;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @param admin Governance: manages the attester role.
    /// @param attester The first attester (the backend's attester key).
    function initialize(address admin, address attester) external initializer {
        if (admin == address(0) || attester == address(0)) revert ZeroAddress();
        __AccessControl_init();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(ATTESTER_ROLE, attester);
    }

    /// @inheritdoc IKycRegistry
    function attest(address wallet, uint64 expiresAt, bytes32 providerRef) external onlyRole(ATTESTER_ROLE) {
        if (wallet == address(0)) revert ZeroAddress();
        if (expiresAt <= block.timestamp) revert KycExpiryInPast(expiresAt, block.timestamp);
        _storage().verifiedUntil[wallet] = expiresAt;
        emit KycAttested(wallet, expiresAt, providerRef, msg.sender);
    }

    /// @inheritdoc IKycRegistry
    function revoke(address wallet) external onlyRole(ATTESTER_ROLE) {
        if (wallet == address(0)) revert ZeroAddress();
        delete _storage().verifiedUntil[wallet];
        emit KycRevoked(wallet, msg.sender);
    }

    /// @inheritdoc IKycRegistry
    function isVerified(address wallet) external view returns (bool) {
        return _storage().verifiedUntil[wallet] > block.timestamp;
    }

    /// @inheritdoc IKycRegistry
    function verifiedUntil(address wallet) external view returns (uint64) {
        return _storage().verifiedUntil[wallet];
    }

    /// @notice The implementation's version.
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    function _storage() private pure returns (KycRegistryStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
