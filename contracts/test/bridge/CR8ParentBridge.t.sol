// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CR8L3Bridge} from "../../src/bridge/CR8L3Bridge.sol";
import {CR8ParentBridge} from "../../src/bridge/CR8ParentBridge.sol";
import {DevnetOutputOracle} from "../../src/devnet/DevnetOutputOracle.sol";
import {DevnetPortal} from "../../src/devnet/DevnetPortal.sol";
import {ICR8L3Bridge} from "../../src/interfaces/ICR8L3Bridge.sol";
import {ICR8ParentBridge} from "../../src/interfaces/ICR8ParentBridge.sol";
import {ICommon} from "../../src/interfaces/ICommon.sol";
import {IDepositPortal} from "../../src/interfaces/IDepositPortal.sol";
import {IDevnetPortal} from "../../src/interfaces/IDevnetPortal.sol";
import {Predeploys} from "../../src/libraries/Predeploys.sol";
import {CR8Token} from "../../src/token/CR8Token.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @notice CR8ParentBridge on the parent chain with the devnet portal: escrow on deposit, the exact portal
///         deposit it sends, permits (front-run ones included), and releases that only the portal may make
///         while relaying a withdrawal from the CR8 L3 bridge.
contract CR8ParentBridgeTest is Test {
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    CR8Token internal token;
    DevnetPortal internal portal;
    CR8ParentBridge internal bridge;

    address internal admin = makeAddr("admin");
    address internal alice;
    uint256 internal aliceKey;
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    function setUp() public {
        (alice, aliceKey) = makeAddrAndKey("alice");
        token = new CR8Token(admin, 1_000_000_000e18, alice, 1_000_000e18);
        DevnetOutputOracle oracle = new DevnetOutputOracle(makeAddr("proposer"), 0, 2, 1);
        portal = new DevnetPortal(oracle);
        bridge = new CR8ParentBridge(token, portal);
        vm.prank(alice);
        token.approve(address(bridge), type(uint256).max);
    }

    // ---------------------------------------------------------------------------------------------
    // Constructor and views
    // ---------------------------------------------------------------------------------------------

    function test_constructor_setsImmutables_succeeds() public view {
        assertEq(address(bridge.CR8()), address(token));
        assertEq(address(bridge.PORTAL()), address(portal));
        assertEq(bridge.L3_BRIDGE(), Predeploys.CR8_L3_BRIDGE);
        assertEq(bridge.DEPOSIT_GAS_LIMIT(), 350_000);
        assertEq(bridge.totalEscrowed(), 0);
        assertEq(bridge.version(), "1.0.0");
    }

    function test_constructor_zeroToken_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new CR8ParentBridge(IERC20(address(0)), portal);
    }

    function test_constructor_zeroPortal_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new CR8ParentBridge(token, IDepositPortal(address(0)));
    }

    // ---------------------------------------------------------------------------------------------
    // deposit
    // ---------------------------------------------------------------------------------------------

    function test_deposit_escrowsAndSendsPortalDeposit_succeeds() public {
        bytes memory call = abi.encodeCall(ICR8L3Bridge.finalizeDeposit, (alice, bob, 25e18));
        bytes memory opaqueData = abi.encodePacked(uint256(0), uint256(0), uint64(350_000), false, call);
        vm.expectEmit(true, true, true, true, address(portal));
        emit IDevnetPortal.TransactionDeposited(
            _aliased(address(bridge)), Predeploys.CR8_L3_BRIDGE, 0, opaqueData
        );
        vm.expectEmit(true, true, false, true, address(bridge));
        emit ICR8ParentBridge.DepositInitiated(alice, bob, 25e18);
        vm.prank(alice);
        bridge.deposit(bob, 25e18);
        assertEq(token.balanceOf(address(bridge)), 25e18);
        assertEq(token.balanceOf(alice), 1_000_000e18 - 25e18);
        assertEq(bridge.totalEscrowed(), 25e18);
    }

    function test_deposit_aliasesEvenWhenCalledByOrigin_succeeds() public {
        // The bridge is always a contract caller of the portal, so its deposits always come from its alias.
        vm.recordLogs();
        vm.prank(alice, alice);
        bridge.deposit(alice, 1e18);
        assertEq(address(uint160(uint256(vm.getRecordedLogs()[1].topics[1]))), _aliased(address(bridge)));
    }

    function test_deposit_zeroRecipient_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vm.prank(alice);
        bridge.deposit(address(0), 1e18);
    }

    function test_deposit_zeroAmount_reverts() public {
        vm.expectRevert(ICommon.ZeroAmount.selector);
        vm.prank(alice);
        bridge.deposit(bob, 0);
    }

    function test_deposit_withoutAllowance_reverts() public {
        vm.prank(alice);
        token.transfer(bob, 10e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(bridge), 0, 10e18
            )
        );
        vm.prank(bob);
        bridge.deposit(bob, 10e18);
    }

    function test_deposit_moreThanBalance_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientBalance.selector, alice, 1_000_000e18, 1_000_000e18 + 1
            )
        );
        vm.prank(alice);
        bridge.deposit(bob, 1_000_000e18 + 1);
    }

    function test_deposit_portalRefusesDeposit_reverts() public {
        vm.mockCallRevert(
            address(portal), abi.encodeWithSelector(IDepositPortal.depositTransaction.selector), "paused"
        );
        vm.expectRevert("paused");
        vm.prank(alice);
        bridge.deposit(bob, 1e18);
        assertEq(token.balanceOf(address(bridge)), 0);
    }

    // ---------------------------------------------------------------------------------------------
    // depositWithPermit
    // ---------------------------------------------------------------------------------------------

    function test_depositWithPermit_validSignature_succeeds() public {
        vm.prank(alice);
        token.approve(address(bridge), 0);
        (uint8 v, bytes32 r, bytes32 s) = _permit(alice, aliceKey, 40e18, block.timestamp + 1 hours);
        vm.expectEmit(true, true, false, true, address(bridge));
        emit ICR8ParentBridge.DepositInitiated(alice, carol, 40e18);
        vm.prank(alice);
        bridge.depositWithPermit(carol, 40e18, block.timestamp + 1 hours, v, r, s);
        assertEq(bridge.totalEscrowed(), 40e18);
        assertEq(token.allowance(alice, address(bridge)), 0);
        assertEq(token.nonces(alice), 1);
    }

    function test_depositWithPermit_frontRunPermit_succeeds() public {
        vm.prank(alice);
        token.approve(address(bridge), 0);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permit(alice, aliceKey, 40e18, deadline);
        // Someone copies the signature from the mempool and submits it first.
        token.permit(alice, address(bridge), 40e18, deadline, v, r, s);
        vm.prank(alice);
        bridge.depositWithPermit(carol, 40e18, deadline, v, r, s);
        assertEq(bridge.totalEscrowed(), 40e18);
    }

    function test_depositWithPermit_badSignatureWithAllowance_succeeds() public {
        // The permit fails (expired), but the standing allowance covers the deposit.
        vm.warp(1000);
        (uint8 v, bytes32 r, bytes32 s) = _permit(alice, aliceKey, 1e18, 999);
        vm.prank(alice);
        bridge.depositWithPermit(bob, 1e18, 999, v, r, s);
        assertEq(bridge.totalEscrowed(), 1e18);
    }

    function test_depositWithPermit_badSignatureWithoutAllowance_reverts() public {
        vm.prank(alice);
        token.approve(address(bridge), 0);
        (uint8 v, bytes32 r, bytes32 s) = _permit(alice, aliceKey, 1e18, block.timestamp + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(bridge), 0, 2e18)
        );
        vm.prank(alice);
        bridge.depositWithPermit(bob, 2e18, block.timestamp + 1, v, r, s); // signed for 1e18, not 2e18
    }

    function test_depositWithPermit_zeroRecipient_reverts() public {
        (uint8 v, bytes32 r, bytes32 s) = _permit(alice, aliceKey, 1e18, block.timestamp + 1);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vm.prank(alice);
        bridge.depositWithPermit(address(0), 1e18, block.timestamp + 1, v, r, s);
    }

    // ---------------------------------------------------------------------------------------------
    // finalizeWithdrawal
    // ---------------------------------------------------------------------------------------------

    function test_finalizeWithdrawal_fromPortalForL3Bridge_succeeds() public {
        _escrow(100e18);
        _relayingFrom(Predeploys.CR8_L3_BRIDGE);
        vm.expectEmit(true, true, false, true, address(bridge));
        emit ICR8ParentBridge.WithdrawalFinalized(bob, carol, 30e18);
        vm.prank(address(portal));
        bridge.finalizeWithdrawal(bob, carol, 30e18);
        assertEq(token.balanceOf(carol), 30e18);
        assertEq(token.balanceOf(address(bridge)), 70e18);
        assertEq(bridge.totalEscrowed(), 70e18);
    }

    function test_finalizeWithdrawal_wholeEscrow_succeeds() public {
        _escrow(100e18);
        _relayingFrom(Predeploys.CR8_L3_BRIDGE);
        vm.prank(address(portal));
        bridge.finalizeWithdrawal(bob, bob, 100e18);
        assertEq(bridge.totalEscrowed(), 0);
        assertEq(token.balanceOf(bob), 100e18);
    }

    function test_finalizeWithdrawal_notPortal_reverts() public {
        _escrow(100e18);
        vm.expectRevert(abi.encodeWithSelector(ICR8ParentBridge.NotPortal.selector, bob));
        vm.prank(bob);
        bridge.finalizeWithdrawal(bob, bob, 1e18);
    }

    function test_finalizeWithdrawal_portalIdle_reverts() public {
        _escrow(100e18);
        // Outside a withdrawal the portal's l2Sender is the 0x…dEaD placeholder.
        vm.expectRevert(
            abi.encodeWithSelector(
                ICR8ParentBridge.NotL3Bridge.selector, 0x000000000000000000000000000000000000dEaD
            )
        );
        vm.prank(address(portal));
        bridge.finalizeWithdrawal(bob, bob, 1e18);
    }

    function test_finalizeWithdrawal_otherL2Sender_reverts() public {
        _escrow(100e18);
        _relayingFrom(bob);
        vm.expectRevert(abi.encodeWithSelector(ICR8ParentBridge.NotL3Bridge.selector, bob));
        vm.prank(address(portal));
        bridge.finalizeWithdrawal(bob, bob, 1e18);
    }

    function test_finalizeWithdrawal_moreThanEscrow_reverts() public {
        _escrow(100e18);
        // CR8 sent to the bridge directly is not escrow: it cannot be withdrawn.
        vm.prank(alice);
        token.transfer(address(bridge), 50e18);
        _relayingFrom(Predeploys.CR8_L3_BRIDGE);
        vm.expectRevert(
            abi.encodeWithSelector(ICR8ParentBridge.InsufficientEscrow.selector, 100e18, 100e18 + 1)
        );
        vm.prank(address(portal));
        bridge.finalizeWithdrawal(bob, bob, 100e18 + 1);
    }

    /// @notice Measures the call the portal makes for a withdrawal, in its most expensive case, against
    ///         CR8L3Bridge.WITHDRAWAL_GAS_LIMIT: cold bridge, token and portal; a recipient with no CR8
    ///         yet who has delegated its votes, so ERC20Votes writes a new checkpoint.
    function test_finalizeWithdrawal_gasWithinWithdrawalLimit_succeeds() public {
        _escrow(100e18);
        vm.prank(carol);
        token.delegate(carol);
        vm.roll(block.number + 1);
        _relayingFrom(Predeploys.CR8_L3_BRIDGE);
        vm.cool(address(bridge));
        vm.cool(address(token));
        vm.cool(address(portal));
        vm.prank(address(portal));
        uint256 before = gasleft();
        bridge.finalizeWithdrawal(bob, carol, 30e18);
        uint256 used = before - gasleft();
        emit log_named_uint("finalizeWithdrawal gas", used);
        assertEq(token.getVotes(carol), 30e18);
        assertLt(
            used * 3,
            new CR8L3Bridge(address(1)).WITHDRAWAL_GAS_LIMIT(),
            "WITHDRAWAL_GAS_LIMIT keeps 3x headroom"
        );
    }

    // ---------------------------------------------------------------------------------------------
    // Fuzz
    // ---------------------------------------------------------------------------------------------

    /// @notice The escrow always equals deposits minus releases, and the bridge always holds it.
    function testFuzz_depositAndRelease_escrowTracksBalance_succeeds(uint256 deposited, uint256 released)
        public
    {
        deposited = bound(deposited, 1, 1_000_000e18);
        released = bound(released, 0, deposited);
        vm.prank(alice);
        bridge.deposit(bob, deposited);
        _relayingFrom(Predeploys.CR8_L3_BRIDGE);
        vm.prank(address(portal));
        bridge.finalizeWithdrawal(bob, carol, released);
        assertEq(bridge.totalEscrowed(), deposited - released);
        assertEq(token.balanceOf(address(bridge)), deposited - released);
        assertEq(token.balanceOf(carol), released);
    }

    function testFuzz_finalizeWithdrawal_notPortal_reverts(address caller) public {
        vm.assume(caller != address(portal));
        vm.expectRevert(abi.encodeWithSelector(ICR8ParentBridge.NotPortal.selector, caller));
        vm.prank(caller);
        bridge.finalizeWithdrawal(bob, bob, 1);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    function _escrow(uint256 amount) internal {
        vm.prank(alice);
        bridge.deposit(alice, amount);
    }

    /// @dev Makes the portal report `sender` as the L2 sender of the withdrawal it relays.
    function _relayingFrom(address sender) internal {
        vm.mockCall(address(portal), abi.encodeCall(IDepositPortal.l2Sender, ()), abi.encode(sender));
    }

    function _permit(address owner, uint256 key, uint256 value, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        bytes32 structHash = keccak256(
            abi.encode(PERMIT_TYPEHASH, owner, address(bridge), value, token.nonces(owner), deadline)
        );
        return vm.sign(key, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
    }

    function _aliased(address account) internal pure returns (address) {
        unchecked {
            return address(uint160(account) + Predeploys.ALIAS_OFFSET);
        }
    }
}
