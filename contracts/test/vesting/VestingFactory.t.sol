// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICR8VestingWallet} from "../../src/interfaces/ICR8VestingWallet.sol";
import {ICommon} from "../../src/interfaces/ICommon.sol";
import {IVestingFactory} from "../../src/interfaces/IVestingFactory.sol";
import {CR8Token} from "../../src/token/CR8Token.sol";
import {CR8VestingWallet} from "../../src/vesting/CR8VestingWallet.sol";
import {VestingFactory} from "../../src/vesting/VestingFactory.sol";
import {
    VestingWalletCliffUpgradeable
} from "@openzeppelin/contracts-upgradeable/finance/VestingWalletCliffUpgradeable.sol";
import {
    VestingWalletUpgradeable
} from "@openzeppelin/contracts-upgradeable/finance/VestingWalletUpgradeable.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Test} from "forge-std/Test.sol";

/// @notice VestingFactory and the CR8VestingWallet clones it creates.
contract VestingFactoryTest is Test {
    uint256 internal constant CAP = 1_000_000_000e18;
    uint256 internal constant FUNDS = 100_000_000e18;
    uint256 internal constant AMOUNT = 1_200_000e18;
    uint64 internal constant DURATION = 4 * 365 days;
    uint64 internal constant CLIFF = 365 days;
    bytes32 internal constant LABEL = "team";

    address internal admin = makeAddr("admin");
    address internal manager = makeAddr("manager");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    CR8Token internal cr8;
    VestingFactory internal factory;
    bytes32 internal managerRole;
    uint64 internal start;

    function setUp() public {
        vm.warp(1_750_000_000);
        start = uint64(block.timestamp) + 1 days;
        cr8 = new CR8Token(admin, CAP, manager, FUNDS);
        factory = new VestingFactory(admin, address(cr8));
        managerRole = factory.VESTING_MANAGER_ROLE();
        vm.prank(admin);
        factory.grantRole(managerRole, manager);
        vm.prank(manager);
        cr8.approve(address(factory), type(uint256).max);
    }

    function _create(address beneficiary, uint64 start_, uint64 duration, uint64 cliff, uint256 amount)
        internal
        returns (CR8VestingWallet)
    {
        vm.prank(manager);
        return CR8VestingWallet(
            payable(factory.createVestingSchedule(beneficiary, start_, duration, cliff, amount, LABEL))
        );
    }

    function _standard() internal returns (CR8VestingWallet) {
        return _create(alice, start, DURATION, CLIFF, AMOUNT);
    }

    // ---------------------------------------------------------------------------------------------
    // constructor
    // ---------------------------------------------------------------------------------------------

    function test_constructor_setsTokenRolesAndImplementation_succeeds() public view {
        assertEq(factory.token(), address(cr8));
        assertEq(factory.VESTING_MANAGER_ROLE(), keccak256("cr8.role.vestingManager"));
        assertTrue(factory.hasRole(factory.DEFAULT_ADMIN_ROLE(), admin));
        assertFalse(factory.hasRole(managerRole, admin));
        assertGt(factory.WALLET_IMPLEMENTATION().code.length, 0);
    }

    function test_constructor_zeroAdmin_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommon.ZeroAddress.selector));
        new VestingFactory(address(0), address(cr8));
    }

    function test_constructor_zeroToken_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommon.ZeroAddress.selector));
        new VestingFactory(admin, address(0));
    }

    // ---------------------------------------------------------------------------------------------
    // createVestingSchedule
    // ---------------------------------------------------------------------------------------------

    function test_createVestingSchedule_fundsAndConfiguresWallet_succeeds() public {
        uint256 managerBefore = cr8.balanceOf(manager);
        CR8VestingWallet wallet = _standard();
        assertEq(cr8.balanceOf(address(wallet)), AMOUNT);
        assertEq(cr8.balanceOf(manager), managerBefore - AMOUNT);
        assertEq(cr8.balanceOf(address(factory)), 0);
        assertEq(wallet.owner(), alice);
        assertEq(wallet.start(), start);
        assertEq(wallet.duration(), DURATION);
        assertEq(wallet.cliff(), start + CLIFF);
        assertEq(wallet.end(), start + DURATION);
        assertEq(wallet.released(address(cr8)), 0);
    }

    function test_createVestingSchedule_emitsEvent_succeeds() public {
        address predicted = vm.computeCreateAddress(address(factory), vm.getNonce(address(factory)));
        vm.expectEmit(true, true, true, true, address(factory));
        emit IVestingFactory.VestingScheduleCreated(predicted, alice, start, DURATION, CLIFF, AMOUNT, LABEL);
        CR8VestingWallet wallet = _standard();
        assertEq(address(wallet), predicted);
    }

    function test_createVestingSchedule_deploysMinimalCloneOfImplementation_succeeds() public {
        CR8VestingWallet wallet = _standard();
        bytes memory expected = abi.encodePacked(
            hex"363d3d373d3d3d363d73", factory.WALLET_IMPLEMENTATION(), hex"5af43d82803e903d91602b57fd5bf3"
        );
        assertEq(address(wallet).code, expected);
    }

    function test_createVestingSchedule_eachCallNewWallet_succeeds() public {
        CR8VestingWallet first = _standard();
        CR8VestingWallet second = _standard();
        assertNotEq(address(first), address(second));
        assertEq(cr8.balanceOf(address(first)), AMOUNT);
        assertEq(cr8.balanceOf(address(second)), AMOUNT);
    }

    function test_createVestingSchedule_cliffEqualsDuration_succeeds() public {
        CR8VestingWallet wallet = _create(alice, start, DURATION, DURATION, AMOUNT);
        assertEq(wallet.cliff(), wallet.end());
        assertEq(wallet.vestedAmount(address(cr8), uint64(wallet.end()) - 1), 0);
        assertEq(wallet.vestedAmount(address(cr8), uint64(wallet.end())), AMOUNT);
    }

    function test_createVestingSchedule_zeroCliff_succeeds() public {
        CR8VestingWallet wallet = _create(alice, start, DURATION, 0, AMOUNT);
        assertEq(wallet.cliff(), start);
        assertEq(wallet.vestedAmount(address(cr8), start + DURATION / 2), AMOUNT / 2);
    }

    function test_createVestingSchedule_notManager_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, managerRole
            )
        );
        vm.prank(alice);
        factory.createVestingSchedule(alice, start, DURATION, CLIFF, AMOUNT, LABEL);
    }

    function test_createVestingSchedule_adminWithoutRole_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, admin, managerRole
            )
        );
        vm.prank(admin);
        factory.createVestingSchedule(alice, start, DURATION, CLIFF, AMOUNT, LABEL);
    }

    function test_createVestingSchedule_afterRoleRevoked_reverts() public {
        vm.prank(admin);
        factory.revokeRole(managerRole, manager);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, manager, managerRole
            )
        );
        vm.prank(manager);
        factory.createVestingSchedule(alice, start, DURATION, CLIFF, AMOUNT, LABEL);
    }

    function test_grantRole_notAdmin_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                manager,
                factory.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(manager);
        factory.grantRole(managerRole, alice);
    }

    function test_supportsInterface_accessControl_succeeds() public view {
        assertTrue(factory.supportsInterface(type(IAccessControl).interfaceId));
        assertFalse(factory.supportsInterface(0xffffffff));
    }

    function test_createVestingSchedule_zeroBeneficiary_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommon.ZeroAddress.selector));
        vm.prank(manager);
        factory.createVestingSchedule(address(0), start, DURATION, CLIFF, AMOUNT, LABEL);
    }

    function test_createVestingSchedule_zeroAmount_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommon.ZeroAmount.selector));
        vm.prank(manager);
        factory.createVestingSchedule(alice, start, DURATION, CLIFF, 0, LABEL);
    }

    function test_createVestingSchedule_zeroDuration_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IVestingFactory.InvalidSchedule.selector, uint64(0), uint64(0))
        );
        vm.prank(manager);
        factory.createVestingSchedule(alice, start, 0, 0, AMOUNT, LABEL);
    }

    function test_createVestingSchedule_cliffLongerThanDuration_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IVestingFactory.InvalidSchedule.selector, DURATION, DURATION + 1)
        );
        vm.prank(manager);
        factory.createVestingSchedule(alice, start, DURATION, DURATION + 1, AMOUNT, LABEL);
    }

    function test_createVestingSchedule_withoutApproval_reverts() public {
        vm.prank(manager);
        cr8.approve(address(factory), 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(factory), 0, AMOUNT
            )
        );
        vm.prank(manager);
        factory.createVestingSchedule(alice, start, DURATION, CLIFF, AMOUNT, LABEL);
    }

    function test_createVestingSchedule_insufficientBalance_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, manager, FUNDS, FUNDS + 1)
        );
        vm.prank(manager);
        factory.createVestingSchedule(alice, start, DURATION, CLIFF, FUNDS + 1, LABEL);
    }

    function test_createVestingSchedule_pullsFromCallingManagerOnly_succeeds() public {
        address other = makeAddr("otherManager");
        vm.prank(admin);
        factory.grantRole(managerRole, other);
        // The second manager holds nothing: the first manager's approval must not fund it.
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(factory), 0, 1)
        );
        vm.prank(other);
        factory.createVestingSchedule(alice, start, DURATION, CLIFF, 1, LABEL);
        assertEq(cr8.balanceOf(manager), FUNDS);
    }

    function testFuzz_createVestingSchedule_scheduleValidation_succeeds(uint64 duration, uint64 cliff)
        public
    {
        // start + cliff must fit the wallet's uint64 cliff timestamp.
        cliff = uint64(bound(cliff, 0, type(uint64).max - start));
        bool valid = duration != 0 && cliff <= duration;
        if (!valid) {
            vm.expectRevert(abi.encodeWithSelector(IVestingFactory.InvalidSchedule.selector, duration, cliff));
        }
        vm.prank(manager);
        address wallet = factory.createVestingSchedule(alice, start, duration, cliff, AMOUNT, LABEL);
        if (valid) {
            assertEq(CR8VestingWallet(payable(wallet)).duration(), duration);
            assertEq(CR8VestingWallet(payable(wallet)).cliff(), uint256(start) + cliff);
            assertEq(factory.schedulesOf(alice).length, 1);
        } else {
            assertEq(factory.schedulesOf(alice).length, 0);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // schedulesOf
    // ---------------------------------------------------------------------------------------------

    function test_schedulesOf_unknownBeneficiary_succeeds() public view {
        assertEq(factory.schedulesOf(carol).length, 0);
    }

    function test_schedulesOf_listsEveryScheduleInOrder_succeeds() public {
        CR8VestingWallet a1 = _standard();
        CR8VestingWallet b1 = _create(bob, start, DURATION, CLIFF, 1e18);
        CR8VestingWallet a2 = _create(alice, start + 10, DURATION, 0, 2e18);
        address[] memory aliceWallets = factory.schedulesOf(alice);
        address[] memory bobWallets = factory.schedulesOf(bob);
        assertEq(aliceWallets.length, 2);
        assertEq(aliceWallets[0], address(a1));
        assertEq(aliceWallets[1], address(a2));
        assertEq(bobWallets.length, 1);
        assertEq(bobWallets[0], address(b1));
    }

    // ---------------------------------------------------------------------------------------------
    // vesting: vestedAmount, releasable, release
    // ---------------------------------------------------------------------------------------------

    function test_vestedAmount_beforeStart_succeeds() public {
        CR8VestingWallet wallet = _standard();
        assertEq(wallet.vestedAmount(address(cr8), start - 1), 0);
        assertEq(wallet.releasable(address(cr8)), 0);
    }

    function test_vestedAmount_beforeCliffIsZero_succeeds() public {
        CR8VestingWallet wallet = _standard();
        assertEq(wallet.vestedAmount(address(cr8), start), 0);
        assertEq(wallet.vestedAmount(address(cr8), start + CLIFF - 1), 0);
        vm.warp(start + CLIFF - 1);
        assertEq(wallet.releasable(address(cr8)), 0);
    }

    function test_vestedAmount_atCliffJumpsToLinearShare_succeeds() public {
        CR8VestingWallet wallet = _standard();
        // One year of four: a quarter.
        assertEq(wallet.vestedAmount(address(cr8), start + CLIFF), AMOUNT / 4);
    }

    function test_vestedAmount_linearAfterCliff_succeeds() public {
        CR8VestingWallet wallet = _standard();
        assertEq(wallet.vestedAmount(address(cr8), start + DURATION / 2), AMOUNT / 2);
        assertEq(wallet.vestedAmount(address(cr8), start + (DURATION * 3) / 4), (AMOUNT * 3) / 4);
        uint64 t = start + CLIFF + 12_345;
        assertEq(wallet.vestedAmount(address(cr8), t), AMOUNT * (t - start) / DURATION);
    }

    function test_vestedAmount_allAtAndAfterEnd_succeeds() public {
        CR8VestingWallet wallet = _standard();
        assertEq(wallet.vestedAmount(address(cr8), start + DURATION - 1), AMOUNT * (DURATION - 1) / DURATION);
        assertEq(wallet.vestedAmount(address(cr8), start + DURATION), AMOUNT);
        assertEq(wallet.vestedAmount(address(cr8), type(uint64).max), AMOUNT);
    }

    function testFuzz_vestedAmount_followsCliffLinearSchedule_succeeds(
        uint64 start_,
        uint64 duration,
        uint64 cliff,
        uint64 timestamp,
        uint256 amount
    ) public {
        start_ = uint64(bound(start_, 0, type(uint40).max));
        duration = uint64(bound(duration, 1, type(uint40).max));
        cliff = uint64(bound(cliff, 0, duration));
        amount = bound(amount, 1, FUNDS);
        CR8VestingWallet wallet = _create(alice, start_, duration, cliff, amount);

        uint256 expected;
        if (timestamp < uint256(start_) + cliff) expected = 0;
        else if (timestamp >= uint256(start_) + duration) expected = amount;
        else expected = amount * (timestamp - start_) / duration;
        uint256 vested = wallet.vestedAmount(address(cr8), timestamp);
        assertEq(vested, expected);
        assertLe(vested, amount);
    }

    function testFuzz_vestedAmount_monotonic_succeeds(uint64 t1, uint64 t2) public {
        CR8VestingWallet wallet = _standard();
        (uint64 lo, uint64 hi) = t1 <= t2 ? (t1, t2) : (t2, t1);
        assertLe(wallet.vestedAmount(address(cr8), lo), wallet.vestedAmount(address(cr8), hi));
    }

    function test_release_beforeCliffPaysNothing_succeeds() public {
        CR8VestingWallet wallet = _standard();
        vm.warp(start + CLIFF - 1);
        vm.expectEmit(true, false, false, true, address(wallet));
        emit VestingWalletUpgradeable.ERC20Released(address(cr8), 0);
        wallet.release(address(cr8));
        assertEq(cr8.balanceOf(alice), 0);
        assertEq(cr8.balanceOf(address(wallet)), AMOUNT);
    }

    function test_release_afterCliffPaysBeneficiary_succeeds() public {
        CR8VestingWallet wallet = _standard();
        vm.warp(start + DURATION / 2);
        vm.expectEmit(true, false, false, true, address(wallet));
        emit VestingWalletUpgradeable.ERC20Released(address(cr8), AMOUNT / 2);
        vm.prank(carol); // anyone may trigger a release; the beneficiary is paid
        wallet.release(address(cr8));
        assertEq(cr8.balanceOf(alice), AMOUNT / 2);
        assertEq(cr8.balanceOf(carol), 0);
        assertEq(wallet.released(address(cr8)), AMOUNT / 2);
        assertEq(wallet.releasable(address(cr8)), 0);
    }

    function test_release_inStepsThenAll_succeeds() public {
        CR8VestingWallet wallet = _standard();
        vm.warp(start + CLIFF);
        wallet.release(address(cr8));
        assertEq(cr8.balanceOf(alice), AMOUNT / 4);
        vm.warp(start + CLIFF + 30 days);
        uint256 expected = AMOUNT * (CLIFF + 30 days) / DURATION - AMOUNT / 4;
        assertEq(wallet.releasable(address(cr8)), expected);
        wallet.release(address(cr8));
        assertEq(cr8.balanceOf(alice), AMOUNT / 4 + expected);
        vm.warp(start + DURATION + 1);
        wallet.release(address(cr8));
        assertEq(cr8.balanceOf(alice), AMOUNT);
        assertEq(cr8.balanceOf(address(wallet)), 0);
        assertEq(wallet.released(address(cr8)), AMOUNT);
    }

    function test_release_paysNewOwnerAfterTransfer_succeeds() public {
        CR8VestingWallet wallet = _standard();
        vm.prank(alice);
        wallet.transferOwnership(bob);
        vm.warp(start + DURATION);
        wallet.release(address(cr8));
        assertEq(cr8.balanceOf(bob), AMOUNT);
        assertEq(cr8.balanceOf(alice), 0);
    }

    function test_renounceOwnership_disabled_reverts() public {
        // Renouncing would route every later release to address(0) and lock the funds.
        CR8VestingWallet wallet = _standard();
        vm.expectRevert(abi.encodeWithSelector(ICR8VestingWallet.OwnershipCannotBeRenounced.selector));
        vm.prank(alice);
        wallet.renounceOwnership();
        assertEq(wallet.owner(), alice);
    }

    function test_createVestingSchedule_cliffEndOverflows_reverts() public {
        uint64 farStart = type(uint64).max - 10;
        vm.expectRevert(
            abi.encodeWithSelector(IVestingFactory.InvalidSchedule.selector, uint64(100), uint64(11))
        );
        vm.prank(manager);
        factory.createVestingSchedule(alice, farStart, 100, 11, AMOUNT, LABEL);
    }

    function test_transferOwnership_notBeneficiary_reverts() public {
        CR8VestingWallet wallet = _standard();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, bob));
        vm.prank(bob);
        wallet.transferOwnership(bob);
    }

    function test_release_nativeCr8SentToWalletVestsToo_succeeds() public {
        CR8VestingWallet wallet = _standard();
        vm.deal(address(this), 8 ether);
        (bool ok,) = address(wallet).call{value: 8 ether}("");
        assertTrue(ok);
        vm.warp(start + DURATION / 2);
        assertEq(wallet.releasable(), 4 ether);
        wallet.release();
        assertEq(alice.balance, 4 ether);
        assertEq(wallet.released(), 4 ether);
    }

    function testFuzz_release_paysVestedAtAnyTime_succeeds(uint64 elapsed) public {
        CR8VestingWallet wallet = _standard();
        elapsed = uint64(bound(elapsed, 0, DURATION * 2));
        vm.warp(start + elapsed);
        uint256 vested = wallet.vestedAmount(address(cr8), uint64(block.timestamp));
        wallet.release(address(cr8));
        assertEq(cr8.balanceOf(alice), vested);
        assertEq(cr8.balanceOf(address(wallet)), AMOUNT - vested);
        if (elapsed < CLIFF) assertEq(vested, 0);
        if (elapsed >= DURATION) assertEq(vested, AMOUNT);
    }

    // ---------------------------------------------------------------------------------------------
    // initialize
    // ---------------------------------------------------------------------------------------------

    function test_initialize_cloneTwice_reverts() public {
        CR8VestingWallet wallet = _standard();
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        vm.prank(carol);
        wallet.initialize(carol, 0, 1, 0);
        assertEq(wallet.owner(), alice);
    }

    function test_initialize_cloneTwiceThroughInheritedOverload_reverts() public {
        // VestingWalletUpgradeable also exposes initialize(address,uint64,uint64); it is closed too.
        CR8VestingWallet wallet = _standard();
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        vm.prank(carol);
        VestingWalletUpgradeable(payable(address(wallet))).initialize(carol, 0, 1);
        assertEq(wallet.owner(), alice);
    }

    function test_initialize_implementation_reverts() public {
        CR8VestingWallet implementation = CR8VestingWallet(payable(factory.WALLET_IMPLEMENTATION()));
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        implementation.initialize(carol, 0, 1, 0);
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        VestingWalletUpgradeable(payable(address(implementation))).initialize(carol, 0, 1);
        assertEq(implementation.owner(), address(0));
    }

    function test_initialize_cloneCliffLongerThanDuration_reverts() public {
        // The wallet enforces the cliff bound itself, not only the factory.
        CR8VestingWallet wallet = CR8VestingWallet(payable(Clones.clone(factory.WALLET_IMPLEMENTATION())));
        vm.expectRevert(
            abi.encodeWithSelector(
                VestingWalletCliffUpgradeable.InvalidCliffDuration.selector, uint64(11), uint64(10)
            )
        );
        wallet.initialize(alice, start, 10, 11);
    }

    function test_initialize_cloneZeroBeneficiary_reverts() public {
        CR8VestingWallet wallet = CR8VestingWallet(payable(Clones.clone(factory.WALLET_IMPLEMENTATION())));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        wallet.initialize(address(0), start, 10, 1);
    }
}
