// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICommon} from "../../src/interfaces/ICommon.sol";
import {ForcedSend} from "../../src/libraries/ForcedSend.sol";
import {Test} from "forge-std/Test.sol";

contract ForcedSendHarness {
    function send(address to, uint256 amount) external {
        ForcedSend.send(to, amount);
    }

    receive() external payable {}
}

/// @dev Refuses native CR8 and would record any call if one reached it.
contract RefusingRecipient {
    uint256 public calls;

    receive() external payable {
        ++calls;
        revert("refused");
    }

    fallback() external payable {
        ++calls;
        revert("refused");
    }
}

/// @notice ForcedSend delivers to anyone without running their code, leaves no contract behind, and fails
///         with a typed error when the sender is short.
contract ForcedSendTest is Test {
    ForcedSendHarness internal harness;

    function setUp() public {
        harness = new ForcedSendHarness();
        vm.deal(address(harness), 100e18);
    }

    function test_send_toRefusingContract_succeeds() public {
        RefusingRecipient recipient = new RefusingRecipient();
        harness.send(address(recipient), 3e18);
        assertEq(address(recipient).balance, 3e18);
        assertEq(recipient.calls(), 0);
        assertEq(address(harness).balance, 97e18);
    }

    function test_send_toNewAccount_succeeds() public {
        address to = makeAddr("fresh");
        harness.send(to, 1);
        assertEq(to.balance, 1);
    }

    function test_send_toPrecompile_succeeds() public {
        harness.send(address(4), 2e18);
        assertEq(address(4).balance, 2e18);
    }

    function test_send_leavesNoContractBehind_succeeds() public {
        address created = vm.computeCreateAddress(address(harness), vm.getNonce(address(harness)));
        harness.send(makeAddr("to"), 1e18);
        assertEq(created.code.length, 0);
        assertEq(created.balance, 0);
    }

    function test_send_moreThanBalance_reverts() public {
        address to = makeAddr("to");
        vm.expectRevert(abi.encodeWithSelector(ICommon.NativeTransferFailed.selector, to, 101e18));
        harness.send(to, 101e18);
    }

    function testFuzz_send_anyRecipient_succeeds(address to, uint256 amount) public {
        amount = bound(amount, 0, 100e18);
        vm.assume(to != address(harness));
        uint256 before = to.balance;
        harness.send(to, amount);
        assertEq(to.balance, before + amount);
    }
}
