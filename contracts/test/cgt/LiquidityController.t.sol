// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LiquidityController} from "../../src/cgt/LiquidityController.sol";
import {ICommon} from "../../src/interfaces/ICommon.sol";
import {ILiquidityController} from "../../src/interfaces/ILiquidityController.sol";
import {INativeAssetLiquidity} from "../../src/interfaces/INativeAssetLiquidity.sol";
import {L3Predeploys} from "../utils/L3Predeploys.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @dev Reverts on any native CR8 it is sent, and burns all gas it is given when called with data.
contract HostileRecipient {
    uint256 public calls;

    receive() external payable {
        ++calls;
        revert("no thanks");
    }

    fallback() external payable {
        while (true) {
            ++calls;
        }
    }
}

/// @notice LiquidityController behind its predeploy proxy: initialization, minter management by the owner,
///         mint (forced delivery) and burn against NativeAssetLiquidity, and the gas token's name.
contract LiquidityControllerTest is L3Predeploys {
    address internal minter = makeAddr("minter");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");

    // keccak256(abi.encode(uint256(keccak256("cr8.storage.LiquidityController")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 internal constant STORAGE_LOCATION =
        0xee3fcd8a8ace0c7562274b6594616f5defb9846c882144dceef6a48a06e97200;

    function setUp() public {
        placeCgtPredeploys();
        vm.prank(controllerOwner);
        controller.authorizeMinter(minter);
        vm.deal(minter, 1000e18);
    }

    // ---------------------------------------------------------------------------------------------
    // Initialization
    // ---------------------------------------------------------------------------------------------

    function test_initialize_setsOwnerAndNames_succeeds() public view {
        assertEq(controller.owner(), controllerOwner);
        assertEq(controller.gasPayingTokenName(), "CR8");
        assertEq(controller.gasPayingTokenSymbol(), "CR8");
        assertEq(controller.gasPayingAssetName(), "CR8");
        assertEq(controller.gasPayingAssetSymbol(), "CR8");
    }

    function test_initialize_freshProxyEmits_succeeds() public {
        LiquidityController fresh = _freshController();
        vm.expectEmit(true, true, false, false, address(fresh));
        emit Ownable.OwnershipTransferred(address(0), alice);
        vm.expectEmit(false, false, false, true, address(fresh));
        emit Initializable.Initialized(1);
        fresh.initialize(alice, "Creator Token", "CRT");
        assertEq(fresh.owner(), alice);
        assertEq(fresh.gasPayingAssetName(), "Creator Token");
        assertEq(fresh.gasPayingAssetSymbol(), "CRT");
        assertFalse(fresh.minters(minter), "a fresh controller has no minters");
    }

    function test_initialize_twice_reverts() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        controller.initialize(alice, "X", "X");
    }

    function test_initialize_onImplementation_reverts() public {
        LiquidityController implementation = new LiquidityController();
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(alice, "X", "X");
    }

    function test_initialize_zeroOwner_reverts() public {
        LiquidityController fresh = _freshController();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        fresh.initialize(address(0), "CR8", "CR8");
    }

    /// @dev An uninitialized controller behind a new proxy (the predeploy's storage is already initialized).
    function _freshController() internal returns (LiquidityController) {
        address at = makeAddr("freshController");
        placePredeploy(at, address(new LiquidityController()));
        return LiquidityController(at);
    }

    function test_version_returns100_succeeds() public view {
        assertEq(controller.version(), "1.0.0");
    }

    function test_storage_mintersInErc7201Namespace_succeeds() public view {
        // minters is the namespace's first member: mapping slot = the namespace's base slot.
        bytes32 slot = keccak256(abi.encode(minter, STORAGE_LOCATION));
        assertEq(vm.load(address(controller), slot), bytes32(uint256(1)));
        assertEq(
            STORAGE_LOCATION,
            keccak256(abi.encode(uint256(keccak256("cr8.storage.LiquidityController")) - 1))
                & ~bytes32(uint256(0xff))
        );
    }

    // ---------------------------------------------------------------------------------------------
    // Minter management
    // ---------------------------------------------------------------------------------------------

    function test_authorizeMinter_byOwner_succeeds() public {
        vm.expectEmit(true, false, false, false, address(controller));
        emit ILiquidityController.MinterAuthorized(alice);
        vm.prank(controllerOwner);
        controller.authorizeMinter(alice);
        assertTrue(controller.minters(alice));
    }

    function test_authorizeMinter_twice_succeeds() public {
        vm.startPrank(controllerOwner);
        controller.authorizeMinter(alice);
        controller.authorizeMinter(alice);
        vm.stopPrank();
        assertTrue(controller.minters(alice));
    }

    function test_authorizeMinter_byOther_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        controller.authorizeMinter(alice);
    }

    function test_authorizeMinter_zeroAddress_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vm.prank(controllerOwner);
        controller.authorizeMinter(address(0));
    }

    function test_deauthorizeMinter_byOwner_succeeds() public {
        vm.expectEmit(true, false, false, false, address(controller));
        emit ILiquidityController.MinterDeauthorized(minter);
        vm.prank(controllerOwner);
        controller.deauthorizeMinter(minter);
        assertFalse(controller.minters(minter));

        vm.expectRevert(abi.encodeWithSelector(ICommon.Unauthorized.selector, minter));
        vm.prank(minter);
        controller.mint(alice, 1);
    }

    function test_deauthorizeMinter_byOther_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, minter));
        vm.prank(minter);
        controller.deauthorizeMinter(minter);
    }

    function test_transferOwnership_twoStep_succeeds() public {
        vm.prank(controllerOwner);
        controller.transferOwnership(alice);
        assertEq(controller.owner(), controllerOwner, "ownership moves only once accepted");
        assertEq(controller.pendingOwner(), alice);
        vm.prank(alice);
        controller.acceptOwnership();
        assertEq(controller.owner(), alice);
        vm.prank(alice);
        controller.authorizeMinter(bob);
        assertTrue(controller.minters(bob));
    }

    // ---------------------------------------------------------------------------------------------
    // mint
    // ---------------------------------------------------------------------------------------------

    function test_mint_releasesFromLiquidity_succeeds() public {
        vm.expectEmit(true, false, false, true, address(liquidity));
        emit INativeAssetLiquidity.LiquidityWithdrawn(address(controller), 10e18);
        vm.expectEmit(true, true, false, true, address(controller));
        emit ILiquidityController.LiquidityMinted(minter, alice, 10e18);
        vm.prank(minter);
        controller.mint(alice, 10e18);
        assertEq(alice.balance, 10e18);
        assertEq(address(liquidity).balance, GENESIS_LIQUIDITY - 10e18);
        assertEq(address(controller).balance, 0, "the controller keeps nothing");
    }

    function test_mint_toRecipientThatRefusesValue_succeeds() public {
        HostileRecipient recipient = new HostileRecipient();
        vm.prank(minter);
        controller.mint(address(recipient), 4e18);
        assertEq(address(recipient).balance, 4e18);
        assertEq(recipient.calls(), 0, "no code of the recipient ran");
    }

    function test_mint_toLiquidityVault_succeeds() public {
        // Odd but harmless: the CR8 goes straight back into the vault.
        vm.prank(minter);
        controller.mint(address(liquidity), 1e18);
        assertEq(address(liquidity).balance, GENESIS_LIQUIDITY);
    }

    function test_mint_byNonMinter_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommon.Unauthorized.selector, alice));
        vm.prank(alice);
        controller.mint(alice, 1e18);
    }

    function test_mint_byOwnerWithoutMinterRole_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommon.Unauthorized.selector, controllerOwner));
        vm.prank(controllerOwner);
        controller.mint(alice, 1e18);
    }

    function test_mint_zeroRecipient_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vm.prank(minter);
        controller.mint(address(0), 1e18);
    }

    function test_mint_zeroAmount_reverts() public {
        vm.expectRevert(ICommon.ZeroAmount.selector);
        vm.prank(minter);
        controller.mint(alice, 0);
    }

    function test_mint_moreThanLiquidity_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                INativeAssetLiquidity.InsufficientLiquidity.selector, GENESIS_LIQUIDITY, GENESIS_LIQUIDITY + 1
            )
        );
        vm.prank(minter);
        controller.mint(alice, GENESIS_LIQUIDITY + 1);
    }

    // ---------------------------------------------------------------------------------------------
    // burn
    // ---------------------------------------------------------------------------------------------

    function test_burn_locksInLiquidity_succeeds() public {
        vm.expectEmit(true, false, false, true, address(liquidity));
        emit INativeAssetLiquidity.LiquidityDeposited(address(controller), 6e18);
        vm.expectEmit(true, false, false, true, address(controller));
        emit ILiquidityController.LiquidityBurned(minter, 6e18);
        vm.prank(minter);
        controller.burn{value: 6e18}();
        assertEq(address(liquidity).balance, GENESIS_LIQUIDITY + 6e18);
        assertEq(minter.balance, 994e18);
        assertEq(address(controller).balance, 0);
    }

    function test_burn_zeroValue_reverts() public {
        vm.expectRevert(ICommon.ZeroAmount.selector);
        vm.prank(minter);
        controller.burn();
    }

    function test_burn_byNonMinter_reverts() public {
        vm.deal(alice, 1e18);
        vm.expectRevert(abi.encodeWithSelector(ICommon.Unauthorized.selector, alice));
        vm.prank(alice);
        controller.burn{value: 1e18}();
    }

    function test_receive_plainTransfer_reverts() public {
        vm.prank(minter);
        (bool success,) = address(controller).call{value: 1e18}("");
        assertFalse(success);
    }

    // ---------------------------------------------------------------------------------------------
    // Fuzz
    // ---------------------------------------------------------------------------------------------

    /// @notice Minting and burning move native CR8 between the vault and circulation, never creating any.
    function testFuzz_mintAndBurn_conserveSupply_succeeds(address to, uint256 minted, uint256 burned) public {
        vm.assume(to != address(0) && to != address(liquidity) && to.balance == 0);
        minted = bound(minted, 1, GENESIS_LIQUIDITY);
        burned = bound(burned, 1, minted);
        vm.prank(minter);
        controller.mint(to, minted);
        assertEq(to.balance, minted);
        // `to` hands some back to a minter, which burns it.
        vm.prank(to);
        (bool sent,) = minter.call{value: burned}("");
        vm.assume(sent); // precompiles and cheatcode addresses cannot send
        vm.prank(minter);
        controller.burn{value: burned}();
        assertEq(address(liquidity).balance + to.balance, GENESIS_LIQUIDITY);
    }

    function testFuzz_mint_nonMinter_reverts(address caller) public {
        vm.assume(caller != minter && caller != proxyAdmin);
        vm.expectRevert(abi.encodeWithSelector(ICommon.Unauthorized.selector, caller));
        vm.prank(caller);
        controller.mint(alice, 1);
    }
}
