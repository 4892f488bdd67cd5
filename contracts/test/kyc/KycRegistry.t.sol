// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICommon} from "../../src/interfaces/ICommon.sol";
import {IKycRegistry} from "../../src/interfaces/IKycRegistry.sol";
import {IPredeployProxy} from "../../src/interfaces/IPredeployProxy.sol";
import {KycRegistry} from "../../src/kyc/KycRegistry.sol";
import {PredeployProxy} from "../../src/proxy/PredeployProxy.sol";
import {CR8Test} from "../utils/CR8Test.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

contract KycRegistryTest is CR8Test {
    bytes32 internal constant REF = keccak256("sumsub:applicant-123");
    bytes32 internal attesterRole;

    function setUp() public override {
        super.setUp();
        vm.warp(1_750_000_000);
        attesterRole = kyc.ATTESTER_ROLE();
    }

    function _attest(address wallet, uint64 expiresAt) internal {
        vm.prank(attester);
        kyc.attest(wallet, expiresAt, REF);
    }

    function _unauthorized(address caller) internal view returns (bytes memory) {
        return abi.encodeWithSelector(
            IAccessControl.AccessControlUnauthorizedAccount.selector, caller, attesterRole
        );
    }

    // ---------------------------------------------------------------------------------------------
    // Deployment
    // ---------------------------------------------------------------------------------------------

    function test_initialize_setsRoles_succeeds() public view {
        assertEq(attesterRole, keccak256("cr8.role.kycAttester"));
        assertTrue(kyc.hasRole(kyc.DEFAULT_ADMIN_ROLE(), admin));
        assertTrue(kyc.hasRole(attesterRole, attester));
        assertFalse(kyc.hasRole(attesterRole, admin));
        assertFalse(kyc.hasRole(kyc.DEFAULT_ADMIN_ROLE(), attester));
        assertEq(kyc.getRoleAdmin(attesterRole), kyc.DEFAULT_ADMIN_ROLE());
        assertEq(kyc.version(), "1.0.0");
    }

    function test_initialize_again_reverts() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        kyc.initialize(alice, alice);
    }

    function test_initialize_implementation_reverts() public {
        KycRegistry implementation = new KycRegistry();
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(alice, alice);
    }

    function test_initialize_zeroAddress_reverts() public {
        KycRegistry implementation = new KycRegistry();
        address[2][2] memory pairs = [[address(0), attester], [admin, address(0)]];
        for (uint256 i; i < pairs.length; ++i) {
            PredeployProxy proxy = new PredeployProxy(address(this));
            vm.expectRevert(
                abi.encodeWithSelector(
                    IPredeployProxy.UpgradeCallFailed.selector,
                    abi.encodeWithSelector(ICommon.ZeroAddress.selector)
                )
            );
            proxy.upgradeToAndCall(
                address(implementation), abi.encodeCall(KycRegistry.initialize, (pairs[i][0], pairs[i][1]))
            );
        }
    }

    /// @dev The namespaced storage constant matches its ERC-7201 formula.
    function test_storageLocation_matchesErc7201_succeeds() public {
        _attest(alice, uint64(block.timestamp + 10));
        bytes32 base = keccak256(abi.encode(uint256(keccak256("cr8.storage.KycRegistry")) - 1))
            & ~bytes32(uint256(0xff));
        bytes32 slot = keccak256(abi.encode(alice, base));
        assertEq(uint256(vm.load(address(kyc), slot)), block.timestamp + 10);
    }

    // ---------------------------------------------------------------------------------------------
    // attest
    // ---------------------------------------------------------------------------------------------

    function test_attest_succeeds() public {
        uint64 expiresAt = uint64(block.timestamp + 365 days);
        assertFalse(kyc.isVerified(alice));
        assertEq(kyc.verifiedUntil(alice), 0);

        vm.expectEmit(address(kyc));
        emit IKycRegistry.KycAttested(alice, expiresAt, REF, attester);
        vm.prank(attester);
        kyc.attest(alice, expiresAt, REF);

        assertTrue(kyc.isVerified(alice));
        assertEq(kyc.verifiedUntil(alice), expiresAt);
        assertFalse(kyc.isVerified(bob));
    }

    function test_attest_overwrites_succeeds() public {
        _attest(alice, uint64(block.timestamp + 30 days));
        // Extend.
        _attest(alice, uint64(block.timestamp + 60 days));
        assertEq(kyc.verifiedUntil(alice), block.timestamp + 60 days);
        // Shorten.
        _attest(alice, uint64(block.timestamp + 1));
        assertEq(kyc.verifiedUntil(alice), block.timestamp + 1);
        vm.warp(block.timestamp + 1);
        assertFalse(kyc.isVerified(alice));
    }

    function testFuzz_attest_succeeds(address wallet, uint64 expiresAt, bytes32 providerRef) public {
        vm.assume(wallet != address(0));
        expiresAt = uint64(bound(expiresAt, block.timestamp + 1, type(uint64).max));
        vm.expectEmit(address(kyc));
        emit IKycRegistry.KycAttested(wallet, expiresAt, providerRef, attester);
        vm.prank(attester);
        kyc.attest(wallet, expiresAt, providerRef);
        assertTrue(kyc.isVerified(wallet));
        assertEq(kyc.verifiedUntil(wallet), expiresAt);
    }

    function test_attest_expiryInPast_reverts() public {
        uint64 now_ = uint64(block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IKycRegistry.KycExpiryInPast.selector, now_, block.timestamp));
        vm.prank(attester);
        kyc.attest(alice, now_, REF);

        vm.expectRevert(
            abi.encodeWithSelector(IKycRegistry.KycExpiryInPast.selector, now_ - 1, block.timestamp)
        );
        vm.prank(attester);
        kyc.attest(alice, now_ - 1, REF);

        vm.expectRevert(abi.encodeWithSelector(IKycRegistry.KycExpiryInPast.selector, 0, block.timestamp));
        vm.prank(attester);
        kyc.attest(alice, 0, REF);
        assertEq(kyc.verifiedUntil(alice), 0);
    }

    function testFuzz_attest_expiryInPast_reverts(uint64 expiresAt) public {
        expiresAt = uint64(bound(expiresAt, 0, block.timestamp));
        vm.expectRevert(
            abi.encodeWithSelector(IKycRegistry.KycExpiryInPast.selector, expiresAt, block.timestamp)
        );
        vm.prank(attester);
        kyc.attest(alice, expiresAt, REF);
    }

    function test_attest_zeroAddress_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vm.prank(attester);
        kyc.attest(address(0), uint64(block.timestamp + 1), REF);
    }

    function test_attest_notAttester_reverts() public {
        address[3] memory callers = [alice, admin, guardian];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(_unauthorized(callers[i]));
            vm.prank(callers[i]);
            kyc.attest(callers[i], uint64(block.timestamp + 1 days), REF);
            assertFalse(kyc.isVerified(callers[i]));
        }
    }

    function test_attest_grantedAndRevokedAttester_succeeds() public {
        vm.prank(admin);
        kyc.grantRole(attesterRole, carol);
        vm.prank(carol);
        kyc.attest(bob, uint64(block.timestamp + 1 days), REF);
        assertTrue(kyc.isVerified(bob));

        vm.prank(admin);
        kyc.revokeRole(attesterRole, carol);
        vm.expectRevert(_unauthorized(carol));
        vm.prank(carol);
        kyc.attest(alice, uint64(block.timestamp + 1 days), REF);
    }

    // ---------------------------------------------------------------------------------------------
    // revoke
    // ---------------------------------------------------------------------------------------------

    function test_revoke_succeeds() public {
        _attest(alice, uint64(block.timestamp + 30 days));
        _attest(bob, uint64(block.timestamp + 30 days));

        vm.expectEmit(address(kyc));
        emit IKycRegistry.KycRevoked(alice, attester);
        vm.prank(attester);
        kyc.revoke(alice);

        assertFalse(kyc.isVerified(alice));
        assertEq(kyc.verifiedUntil(alice), 0);
        // Others are untouched.
        assertTrue(kyc.isVerified(bob));

        // A new attestation verifies again.
        _attest(alice, uint64(block.timestamp + 1 days));
        assertTrue(kyc.isVerified(alice));
    }

    function test_revoke_unverifiedWallet_succeeds() public {
        vm.expectEmit(address(kyc));
        emit IKycRegistry.KycRevoked(carol, attester);
        vm.prank(attester);
        kyc.revoke(carol);
        assertEq(kyc.verifiedUntil(carol), 0);
    }

    function test_revoke_zeroAddress_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vm.prank(attester);
        kyc.revoke(address(0));
    }

    function test_revoke_notAttester_reverts() public {
        _attest(alice, uint64(block.timestamp + 30 days));
        address[3] memory callers = [alice, admin, bob];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(_unauthorized(callers[i]));
            vm.prank(callers[i]);
            kyc.revoke(alice);
        }
        assertTrue(kyc.isVerified(alice));
    }

    // ---------------------------------------------------------------------------------------------
    // isVerified / verifiedUntil
    // ---------------------------------------------------------------------------------------------

    function test_isVerified_honoursExpiry_succeeds() public {
        uint64 expiresAt = uint64(block.timestamp + 90 days);
        _attest(alice, expiresAt);

        vm.warp(expiresAt - 1);
        assertTrue(kyc.isVerified(alice));
        vm.warp(expiresAt);
        assertFalse(kyc.isVerified(alice));
        vm.warp(expiresAt + 365 days);
        assertFalse(kyc.isVerified(alice));
        // The record stays readable after expiry.
        assertEq(kyc.verifiedUntil(alice), expiresAt);
    }

    function testFuzz_isVerified_expiry_succeeds(uint64 expiresAt, uint256 later) public {
        expiresAt = uint64(bound(expiresAt, block.timestamp + 1, type(uint64).max));
        _attest(alice, expiresAt);
        later = bound(later, block.timestamp, uint256(type(uint64).max) + 1);
        vm.warp(later);
        assertEq(kyc.isVerified(alice), later < expiresAt);
        assertEq(kyc.verifiedUntil(alice), expiresAt);
    }

    function test_isVerified_neverAttested_succeeds() public view {
        assertFalse(kyc.isVerified(alice));
        assertFalse(kyc.isVerified(address(0)));
        assertEq(kyc.verifiedUntil(alice), 0);
    }
}
