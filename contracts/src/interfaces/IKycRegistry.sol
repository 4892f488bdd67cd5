// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommon} from "./ICommon.sol";

/// @title IKycRegistry
/// @notice Wallets an authorized attester has verified off-chain (KYC), each until an expiry.
///         The AgentRegistry consults it when its KYC gate is on.
interface IKycRegistry is ICommon {
    /// @notice `attester` recorded `wallet` as verified until `expiresAt`; `providerRef` links the
    ///         off-chain verification (a hash of the provider's applicant id, never personal data).
    event KycAttested(
        address indexed wallet, uint64 expiresAt, bytes32 indexed providerRef, address indexed attester
    );

    /// @notice `attester` revoked the verification of `wallet`.
    event KycRevoked(address indexed wallet, address indexed attester);

    /// @notice The expiry is not after the current block time.
    error KycExpiryInPast(uint64 expiresAt, uint256 timestamp);

    /// @notice Records `wallet` as verified until `expiresAt`. Attester only.
    function attest(address wallet, uint64 expiresAt, bytes32 providerRef) external;

    /// @notice Removes the verification of `wallet` at once. Attester only.
    function revoke(address wallet) external;

    /// @notice Whether `wallet` holds a verification that has not expired.
    function isVerified(address wallet) external view returns (bool);

    /// @notice The time `wallet`'s verification ends (0 if it never had one or it was revoked).
    function verifiedUntil(address wallet) external view returns (uint64);
}
