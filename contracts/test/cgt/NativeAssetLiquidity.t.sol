// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICommon} from "../../src/interfaces/ICommon.sol";
import {INativeAssetLiquidity} from "../../src/interfaces/INativeAssetLiquidity.sol";
import {Predeploys} from "../../src/libraries/Predeploys.sol";
import {L3Predeploys} from "../utils/L3Predeploys.sol";

/// @notice NativeAssetLiquidity behind its predeploy proxy, holding the genesis supply: only the
///         LiquidityController deposits and withdraws, anyone funds.
contract NativeAssetLiquidityTest is L3Predeploys {
    address internal constant CONTROLLER = Predeploys.LIQUIDITY_CONTROLLER;
    address internal alice = makeAddr("alice");

    function setUp() public {
        placeCgtPredeploys();
        vm.deal(alice, 1000e18);
    }

    function test_version_returns100_succeeds() public view {
        assertEq(liquidity.version(), "1.0.0");
    }

    function test_genesis_holdsPreMintedSupply_succeeds() public view {
        assertEq(address(liquidity).balance, GENESIS_LIQUIDITY);
    }

    // ---------------------------------------------------------------------------------------------
    // deposit
    // ---------------------------------------------------------------------------------------------

    function test_deposit_byController_succeeds() public {
        vm.deal(CONTROLLER, 5e18);
        vm.expectEmit(true, false, false, true, address(liquidity));
        emit INativeAssetLiquidity.LiquidityDeposited(CONTROLLER, 5e18);
        vm.prank(CONTROLLER);
        liquidity.deposit{value: 5e18}();
        assertEq(address(liquidity).balance, GENESIS_LIQUIDITY + 5e18);
        assertEq(CONTROLLER.balance, 0);
    }

    function test_deposit_zeroValue_succeeds() public {
        vm.expectEmit(true, false, false, true, address(liquidity));
        emit INativeAssetLiquidity.LiquidityDeposited(CONTROLLER, 0);
        vm.prank(CONTROLLER);
        liquidity.deposit();
        assertEq(address(liquidity).balance, GENESIS_LIQUIDITY);
    }

    function test_deposit_byOther_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommon.Unauthorized.selector, alice));
        vm.prank(alice);
        liquidity.deposit{value: 1e18}();
    }

    // ---------------------------------------------------------------------------------------------
    // withdraw
    // ---------------------------------------------------------------------------------------------

    function test_withdraw_byControllerSendsWithoutReceiveFunction_succeeds() public {
        // The controller's implementation has no receive function: the forced send delivers anyway.
        vm.expectEmit(true, false, false, true, address(liquidity));
        emit INativeAssetLiquidity.LiquidityWithdrawn(CONTROLLER, 7e18);
        vm.prank(CONTROLLER);
        liquidity.withdraw(7e18);
        assertEq(CONTROLLER.balance, 7e18);
        assertEq(address(liquidity).balance, GENESIS_LIQUIDITY - 7e18);
    }

    function test_withdraw_wholeBalance_succeeds() public {
        vm.prank(CONTROLLER);
        liquidity.withdraw(GENESIS_LIQUIDITY);
        assertEq(address(liquidity).balance, 0);
        assertEq(CONTROLLER.balance, GENESIS_LIQUIDITY);
    }

    function test_withdraw_moreThanBalance_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                INativeAssetLiquidity.InsufficientLiquidity.selector, GENESIS_LIQUIDITY, GENESIS_LIQUIDITY + 1
            )
        );
        vm.prank(CONTROLLER);
        liquidity.withdraw(GENESIS_LIQUIDITY + 1);
    }

    function test_withdraw_byOther_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommon.Unauthorized.selector, alice));
        vm.prank(alice);
        liquidity.withdraw(1);
    }

    // ---------------------------------------------------------------------------------------------
    // fund
    // ---------------------------------------------------------------------------------------------

    function test_fund_byAnyone_succeeds() public {
        vm.expectEmit(true, false, false, true, address(liquidity));
        emit INativeAssetLiquidity.LiquidityFunded(alice, 3e18);
        vm.prank(alice);
        liquidity.fund{value: 3e18}();
        assertEq(address(liquidity).balance, GENESIS_LIQUIDITY + 3e18);
    }

    function test_fund_zeroValue_reverts() public {
        vm.expectRevert(ICommon.ZeroAmount.selector);
        vm.prank(alice);
        liquidity.fund();
    }

    function test_receive_plainTransfer_reverts() public {
        vm.prank(alice);
        (bool success,) = address(liquidity).call{value: 1e18}("");
        assertFalse(success);
        assertEq(address(liquidity).balance, GENESIS_LIQUIDITY);
    }

    // ---------------------------------------------------------------------------------------------
    // Fuzz
    // ---------------------------------------------------------------------------------------------

    /// @notice Whatever goes out and comes back, vault + controller always hold the genesis supply.
    function testFuzz_withdrawThenDeposit_conservesSupply_succeeds(uint256 out, uint256 back) public {
        out = bound(out, 0, GENESIS_LIQUIDITY);
        back = bound(back, 0, out);
        vm.startPrank(CONTROLLER);
        liquidity.withdraw(out);
        liquidity.deposit{value: back}();
        vm.stopPrank();
        assertEq(address(liquidity).balance, GENESIS_LIQUIDITY - out + back);
        assertEq(address(liquidity).balance + CONTROLLER.balance, GENESIS_LIQUIDITY);
    }

    function testFuzz_withdraw_aboveBalance_reverts(uint256 amount) public {
        amount = bound(amount, GENESIS_LIQUIDITY + 1, type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(
                INativeAssetLiquidity.InsufficientLiquidity.selector, GENESIS_LIQUIDITY, amount
            )
        );
        vm.prank(CONTROLLER);
        liquidity.withdraw(amount);
    }

    function testFuzz_deposit_nonController_reverts(address caller) public {
        vm.assume(caller != CONTROLLER && caller != proxyAdmin);
        vm.deal(caller, 1);
        vm.expectRevert(abi.encodeWithSelector(ICommon.Unauthorized.selector, caller));
        vm.prank(caller);
        liquidity.deposit{value: 1}();
    }
}
