// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CR8L3Bridge} from "../../src/bridge/CR8L3Bridge.sol";
import {CR8ParentBridge} from "../../src/bridge/CR8ParentBridge.sol";
import {ICR8L3Bridge} from "../../src/interfaces/ICR8L3Bridge.sol";
import {ICR8ParentBridge} from "../../src/interfaces/ICR8ParentBridge.sol";
import {ICommon} from "../../src/interfaces/ICommon.sol";
import {IDepositPortal} from "../../src/interfaces/IDepositPortal.sol";
import {IL2ToL1MessagePasser} from "../../src/interfaces/IL2ToL1MessagePasser.sol";
import {ILiquidityController} from "../../src/interfaces/ILiquidityController.sol";
import {INativeAssetLiquidity} from "../../src/interfaces/INativeAssetLiquidity.sol";
import {Predeploys} from "../../src/libraries/Predeploys.sol";
import {L3Predeploys} from "../utils/L3Predeploys.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @dev Refuses native CR8, as a recipient trying to block its own deposit would.
contract RefusingRecipient {
    receive() external payable {
        revert("refused");
    }
}

/// @notice CR8L3Bridge at its predeploy address behind a PredeployProxy, minting through the real
///         LiquidityController and NativeAssetLiquidity and withdrawing through OP's L2ToL1MessagePasser.
contract CR8L3BridgeTest is L3Predeploys {
    IL2ToL1MessagePasser internal constant MESSAGE_PASSER =
        IL2ToL1MessagePasser(Predeploys.L2_TO_L1_MESSAGE_PASSER);

    address internal parentBridge = makeAddr("parentBridge");
    address internal aliasedParent;
    CR8L3Bridge internal bridge;

    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");

    function setUp() public {
        placeCgtPredeploys();
        placeMessagePasser();
        bridge = placeL3Bridge(parentBridge);
        aliasedParent = aliasOf(parentBridge);
    }

    // ---------------------------------------------------------------------------------------------
    // Constructor and views
    // ---------------------------------------------------------------------------------------------

    function test_constructor_setsImmutables_succeeds() public view {
        assertEq(bridge.PARENT_BRIDGE(), parentBridge);
        assertEq(
            bridge.ALIASED_PARENT_BRIDGE(),
            address(uint160(parentBridge) + uint160(0x1111000000000000000000000000000000001111))
        );
        assertEq(bridge.WITHDRAWAL_GAS_LIMIT(), 300_000);
        assertEq(bridge.totalMinted(), 0);
        assertEq(bridge.totalBurned(), 0);
        assertEq(bridge.version(), "1.0.0");
    }

    function test_constructor_aliasWrapsAround_succeeds() public {
        CR8L3Bridge high = new CR8L3Bridge(address(type(uint160).max));
        assertEq(high.ALIASED_PARENT_BRIDGE(), 0x1111000000000000000000000000000000001110);
    }

    function test_constructor_zeroParentBridge_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new CR8L3Bridge(address(0));
    }

    function test_storage_countersInErc7201Namespace_succeeds() public {
        _deposit(alice, 3e18);
        bytes32 location = keccak256(abi.encode(uint256(keccak256("cr8.storage.CR8L3Bridge")) - 1))
            & ~bytes32(uint256(0xff));
        assertEq(uint256(vm.load(address(bridge), location)), 3e18);
    }

    // ---------------------------------------------------------------------------------------------
    // finalizeDeposit
    // ---------------------------------------------------------------------------------------------

    function test_finalizeDeposit_fromAliasedParentBridge_succeeds() public {
        vm.expectEmit(true, false, false, true, address(liquidity));
        emit INativeAssetLiquidity.LiquidityWithdrawn(address(controller), 12e18);
        vm.expectEmit(true, true, false, true, address(controller));
        emit ILiquidityController.LiquidityMinted(address(bridge), bob, 12e18);
        vm.expectEmit(true, true, false, true, address(bridge));
        emit ICR8L3Bridge.DepositFinalized(alice, bob, 12e18);
        vm.prank(aliasedParent);
        bridge.finalizeDeposit(alice, bob, 12e18);
        assertEq(bob.balance, 12e18);
        assertEq(address(liquidity).balance, GENESIS_LIQUIDITY - 12e18);
        assertEq(bridge.totalMinted(), 12e18);
        assertEq(address(bridge).balance, 0);
    }

    function test_finalizeDeposit_toRecipientThatRefusesValue_succeeds() public {
        RefusingRecipient recipient = new RefusingRecipient();
        vm.prank(aliasedParent);
        bridge.finalizeDeposit(alice, address(recipient), 2e18);
        assertEq(address(recipient).balance, 2e18);
    }

    function test_finalizeDeposit_fromUnaliasedParentBridge_reverts() public {
        // The parent bridge's own address on the L3 is not it: deposits always arrive aliased.
        vm.expectRevert(abi.encodeWithSelector(ICR8L3Bridge.NotParentBridge.selector, parentBridge));
        vm.prank(parentBridge);
        bridge.finalizeDeposit(alice, bob, 1e18);
    }

    function test_finalizeDeposit_fromOther_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICR8L3Bridge.NotParentBridge.selector, alice));
        vm.prank(alice);
        bridge.finalizeDeposit(alice, alice, 1e18);
    }

    function test_finalizeDeposit_bridgeNotMinter_reverts() public {
        // Genesis must authorize the bridge: without it every deposit fails on the L3.
        vm.prank(controllerOwner);
        controller.deauthorizeMinter(address(bridge));
        vm.expectRevert(abi.encodeWithSelector(ICommon.Unauthorized.selector, address(bridge)));
        vm.prank(aliasedParent);
        bridge.finalizeDeposit(alice, bob, 1e18);
    }

    /// @notice Measures a deposit transaction's whole L3 gas against CR8ParentBridge.DEPOSIT_GAS_LIMIT in the
    ///         worst case: every account cold (bridge, controller and vault proxies and implementations), a
    ///         recipient that does not exist yet, plus the transaction's intrinsic gas and calldata.
    function test_finalizeDeposit_gasWithinDepositLimit_succeeds() public {
        address fresh = makeAddr("freshRecipient");
        address[6] memory accounts = [
            address(bridge),
            address(controller),
            address(liquidity),
            _implementation(address(bridge)),
            _implementation(address(controller)),
            _implementation(address(liquidity))
        ];
        for (uint256 i; i < accounts.length; ++i) {
            vm.cool(accounts[i]);
        }
        bytes memory data = abi.encodeCall(ICR8L3Bridge.finalizeDeposit, (alice, fresh, 1e18));
        vm.prank(aliasedParent);
        uint256 before = gasleft();
        bridge.finalizeDeposit(alice, fresh, 1e18);
        uint256 execution = before - gasleft();
        // Intrinsic gas of the deposit transaction: 21,000 plus 16 per calldata byte (an upper bound).
        uint256 total = execution + 21_000 + 16 * data.length;
        emit log_named_uint("finalizeDeposit execution gas", execution);
        emit log_named_uint("deposit transaction gas", total);
        assertEq(fresh.balance, 1e18);
        assertLt(
            total * 2, _parentBridgeTemplate().DEPOSIT_GAS_LIMIT(), "DEPOSIT_GAS_LIMIT keeps 2x headroom"
        );
    }

    // ---------------------------------------------------------------------------------------------
    // withdraw
    // ---------------------------------------------------------------------------------------------

    function test_withdraw_burnsAndSendsMessage_succeeds() public {
        _deposit(alice, 10e18);
        uint256 nonce = MESSAGE_PASSER.messageNonce();
        bytes memory data = abi.encodeCall(ICR8ParentBridge.finalizeWithdrawal, (alice, bob, 4e18));
        bytes32 withdrawalHash = keccak256(abi.encode(nonce, address(bridge), parentBridge, 0, 300_000, data));

        vm.expectEmit(true, false, false, true, address(liquidity));
        emit INativeAssetLiquidity.LiquidityDeposited(address(controller), 4e18);
        vm.expectEmit(true, false, false, true, address(controller));
        emit ILiquidityController.LiquidityBurned(address(bridge), 4e18);
        vm.expectEmit(true, true, true, true, address(MESSAGE_PASSER));
        emit IL2ToL1MessagePasser.MessagePassed(
            nonce, address(bridge), parentBridge, 0, 300_000, data, withdrawalHash
        );
        vm.expectEmit(true, true, false, true, address(bridge));
        emit ICR8L3Bridge.WithdrawalInitiated(alice, bob, 4e18);
        vm.prank(alice);
        bridge.withdraw{value: 4e18}(bob);

        assertTrue(MESSAGE_PASSER.sentMessages(withdrawalHash));
        assertEq(MESSAGE_PASSER.messageNonce(), nonce + 1);
        assertEq(alice.balance, 6e18);
        assertEq(address(liquidity).balance, GENESIS_LIQUIDITY - 6e18);
        assertEq(bridge.totalBurned(), 4e18);
        assertEq(address(bridge).balance, 0);
        assertEq(address(MESSAGE_PASSER).balance, 0, "no value goes to the message passer");
    }

    function test_withdraw_zeroValue_reverts() public {
        vm.expectRevert(ICommon.ZeroAmount.selector);
        vm.prank(alice);
        bridge.withdraw(bob);
    }

    function test_withdraw_zeroRecipient_reverts() public {
        _deposit(alice, 1e18);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vm.prank(alice);
        bridge.withdraw{value: 1e18}(address(0));
    }

    function test_withdraw_bridgeNotMinter_reverts() public {
        _deposit(alice, 1e18);
        vm.prank(controllerOwner);
        controller.deauthorizeMinter(address(bridge));
        vm.expectRevert(abi.encodeWithSelector(ICommon.Unauthorized.selector, address(bridge)));
        vm.prank(alice);
        bridge.withdraw{value: 1e18}(alice);
    }

    function test_receive_plainTransfer_reverts() public {
        vm.deal(alice, 1e18);
        vm.prank(alice);
        (bool success,) = address(bridge).call{value: 1e18}("");
        assertFalse(success);
    }

    // ---------------------------------------------------------------------------------------------
    // Fuzz
    // ---------------------------------------------------------------------------------------------

    /// @notice Circulating native CR8 always equals minted minus burned, and the vault holds the rest.
    function testFuzz_depositThenWithdraw_conservesSupply_succeeds(uint256 deposited, uint256 withdrawn)
        public
    {
        deposited = bound(deposited, 1, GENESIS_LIQUIDITY);
        withdrawn = bound(withdrawn, 1, deposited);
        _deposit(alice, deposited);
        vm.prank(alice);
        bridge.withdraw{value: withdrawn}(bob);
        assertEq(bridge.totalMinted() - bridge.totalBurned(), alice.balance);
        assertEq(address(liquidity).balance + alice.balance, GENESIS_LIQUIDITY);
    }

    function testFuzz_finalizeDeposit_notAliasedParent_reverts(address caller) public {
        vm.assume(caller != aliasedParent && caller != proxyAdmin);
        vm.expectRevert(abi.encodeWithSelector(ICR8L3Bridge.NotParentBridge.selector, caller));
        vm.prank(caller);
        bridge.finalizeDeposit(alice, bob, 1);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    function _deposit(address to, uint256 amount) internal {
        vm.prank(aliasedParent);
        bridge.finalizeDeposit(to, to, amount);
    }

    /// @dev A parent bridge to read its constants from (its constructor calls nothing).
    function _parentBridgeTemplate() internal returns (CR8ParentBridge) {
        return new CR8ParentBridge(IERC20(address(1)), IDepositPortal(address(1)));
    }

    function _implementation(address proxy) internal view returns (address) {
        return address(uint160(uint256(vm.load(proxy, IMPLEMENTATION_SLOT))));
    }
}
