// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPredeployProxy} from "../../src/interfaces/IPredeployProxy.sol";
import {PredeployProxy} from "../../src/proxy/PredeployProxy.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {ProxyAdmin} from "@openzeppelin/contracts/proxy/transparent/ProxyAdmin.sol";
import {
    ITransparentUpgradeableProxy
} from "@openzeppelin/contracts/proxy/transparent/TransparentUpgradeableProxy.sol";
import {Test} from "forge-std/Test.sol";

/// @notice An implementation whose functions clash with the proxy's admin functions, so a test can see
///         which side a call reached. Its storage starts at slot 0 like any plain contract.
contract ClashingImpl {
    /// @notice What this implementation answers to admin() and implementation().
    address public constant SENTINEL = address(0x5e471e1);

    uint256 public value; // slot 0
    address public lastCaller; // slot 1
    uint256 public received; // slot 2
    uint256 public upgradeToCalls; // slot 3
    uint256 public changeAdminCalls; // slot 4

    error ImplFailed(uint256 code);

    function initialize(uint256 newValue) external payable returns (uint256) {
        value = newValue;
        received += msg.value;
        return newValue * 2;
    }

    function setValue(uint256 newValue) external {
        value = newValue;
        lastCaller = msg.sender;
    }

    function fail(uint256 code) external pure {
        revert ImplFailed(code);
    }

    function admin() external pure returns (address) {
        return SENTINEL;
    }

    function implementation() external pure returns (address) {
        return SENTINEL;
    }

    function upgradeTo(address) external {
        ++upgradeToCalls;
    }

    function upgradeToAndCall(address, bytes calldata) external payable returns (bytes memory) {
        return "implementation";
    }

    function changeAdmin(address) external {
        ++changeAdminCalls;
    }

    receive() external payable {
        received += msg.value;
    }
}

/// @notice The same layout as ClashingImpl plus a function, as an upgrade would add.
contract ClashingImplV2 is ClashingImpl {
    function doubled() external view returns (uint256) {
        return value * 2;
    }
}

/// @notice An implementation with neither receive nor fallback (like every CR8 contract).
contract PlainImpl {
    uint256 public value;

    function setValue(uint256 newValue) external {
        value = newValue;
    }
}

/// @notice The EIP-1967 transparent proxy every CR8 contract sits behind.
contract PredeployProxyTest is Test {
    bytes32 internal constant IMPLEMENTATION_SLOT =
        bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1);
    bytes32 internal constant ADMIN_SLOT = bytes32(uint256(keccak256("eip1967.proxy.admin")) - 1);

    address internal admin = makeAddr("admin");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");

    PredeployProxy internal proxy;
    ClashingImpl internal impl;
    ClashingImplV2 internal implV2;
    PlainImpl internal plain;

    function setUp() public {
        proxy = new PredeployProxy(admin);
        impl = new ClashingImpl();
        implV2 = new ClashingImplV2();
        plain = new PlainImpl();
        vm.deal(alice, 100 ether);
        vm.deal(admin, 100 ether);
    }

    function _implementationSlot() internal view returns (address) {
        return address(uint160(uint256(vm.load(address(proxy), IMPLEMENTATION_SLOT))));
    }

    function _adminSlot() internal view returns (address) {
        return address(uint160(uint256(vm.load(address(proxy), ADMIN_SLOT))));
    }

    function _install(address implementation_) internal {
        vm.prank(admin);
        proxy.upgradeTo(implementation_);
    }

    // ---------------------------------------------------------------------------------------------
    // constructor and slots
    // ---------------------------------------------------------------------------------------------

    function test_slots_matchEip1967_succeeds() public pure {
        assertEq(IMPLEMENTATION_SLOT, ERC1967Utils.IMPLEMENTATION_SLOT);
        assertEq(ADMIN_SLOT, ERC1967Utils.ADMIN_SLOT);
        assertEq(IMPLEMENTATION_SLOT, 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc);
    }

    function test_constructor_writesAdminSlot_succeeds() public {
        vm.expectEmit(false, false, false, true);
        emit IPredeployProxy.AdminChanged(address(0), bob);
        PredeployProxy fresh = new PredeployProxy(bob);
        assertEq(address(uint160(uint256(vm.load(address(fresh), ADMIN_SLOT)))), bob);
        assertEq(vm.load(address(fresh), IMPLEMENTATION_SLOT), bytes32(0));
    }

    function test_constructor_zeroAdmin_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ERC1967Utils.ERC1967InvalidAdmin.selector, address(0)));
        new PredeployProxy(address(0));
    }

    function test_storage_predeployStyleSlotsAlone_succeeds() public {
        // A genesis alloc sets only code and the two slots; no constructor runs.
        address predeploy = makeAddr("predeploy");
        vm.etch(predeploy, address(proxy).code);
        vm.store(predeploy, ADMIN_SLOT, bytes32(uint256(uint160(bob))));
        vm.store(predeploy, IMPLEMENTATION_SLOT, bytes32(uint256(uint160(address(plain)))));
        PlainImpl(predeploy).setValue(11);
        assertEq(PlainImpl(predeploy).value(), 11);
        vm.prank(bob);
        assertEq(IPredeployProxy(predeploy).admin(), bob);
        vm.prank(bob);
        IPredeployProxy(predeploy).upgradeTo(address(impl));
        assertEq(address(uint160(uint256(vm.load(predeploy, IMPLEMENTATION_SLOT)))), address(impl));
    }

    // ---------------------------------------------------------------------------------------------
    // upgradeTo
    // ---------------------------------------------------------------------------------------------

    function test_upgradeTo_byAdmin_succeeds() public {
        vm.expectEmit(true, false, false, false, address(proxy));
        emit IPredeployProxy.Upgraded(address(impl));
        _install(address(impl));
        assertEq(_implementationSlot(), address(impl));
        vm.prank(admin);
        assertEq(proxy.implementation(), address(impl));
    }

    function test_upgradeTo_replacesImplementation_succeeds() public {
        _install(address(impl));
        vm.prank(alice);
        ClashingImpl(payable(address(proxy))).setValue(21);
        _install(address(implV2));
        assertEq(_implementationSlot(), address(implV2));
        assertEq(ClashingImplV2(payable(address(proxy))).doubled(), 42);
    }

    function test_upgradeTo_noCode_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IPredeployProxy.ImplementationHasNoCode.selector, bob));
        vm.prank(admin);
        proxy.upgradeTo(bob);
    }

    function test_upgradeTo_zeroAddress_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IPredeployProxy.ImplementationHasNoCode.selector, address(0)));
        vm.prank(admin);
        proxy.upgradeTo(address(0));
    }

    function test_upgradeTo_nonAdminReachesImplementation_succeeds() public {
        _install(address(impl));
        vm.prank(alice);
        proxy.upgradeTo(address(implV2));
        assertEq(_implementationSlot(), address(impl));
        assertEq(ClashingImpl(payable(address(proxy))).upgradeToCalls(), 1);
    }

    function test_upgradeTo_nonAdminWithoutImplementationFunction_reverts() public {
        _install(address(plain));
        vm.prank(alice);
        (bool ok, bytes memory returndata) =
            address(proxy).call(abi.encodeCall(IPredeployProxy.upgradeTo, (address(impl))));
        assertFalse(ok);
        assertEq(returndata.length, 0);
        assertEq(_implementationSlot(), address(plain));
    }

    function testFuzz_upgradeTo_anyNonAdminCannotUpgrade_succeeds(address caller) public {
        vm.assume(caller != admin && caller != address(0));
        _install(address(impl));
        vm.prank(caller);
        proxy.upgradeTo(address(implV2));
        assertEq(_implementationSlot(), address(impl));
    }

    // ---------------------------------------------------------------------------------------------
    // upgradeToAndCall
    // ---------------------------------------------------------------------------------------------

    function test_upgradeToAndCall_byAdmin_succeeds() public {
        vm.expectEmit(true, false, false, false, address(proxy));
        emit IPredeployProxy.Upgraded(address(impl));
        vm.prank(admin);
        bytes memory returned = proxy.upgradeToAndCall{value: 3 ether}(
            address(impl), abi.encodeCall(ClashingImpl.initialize, (5))
        );
        assertEq(abi.decode(returned, (uint256)), 10);
        assertEq(_implementationSlot(), address(impl));
        // The call ran in the proxy's storage and kept msg.value there.
        assertEq(ClashingImpl(payable(address(proxy))).value(), 5);
        assertEq(ClashingImpl(payable(address(proxy))).received(), 3 ether);
        assertEq(address(proxy).balance, 3 ether);
        assertEq(impl.value(), 0);
    }

    function test_upgradeToAndCall_emptyDataWithoutReceive_succeeds() public {
        // What OpenZeppelin 5's ProxyAdmin sends for a plain upgrade: empty data must not call the
        // implementation (which, like every CR8 contract, has no receive function).
        vm.prank(admin);
        bytes memory returned = proxy.upgradeToAndCall(address(plain), "");
        assertEq(returned.length, 0);
        assertEq(_implementationSlot(), address(plain));
    }

    function test_upgradeToAndCall_emptyDataWithValue_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ERC1967Utils.ERC1967NonPayable.selector));
        vm.prank(admin);
        proxy.upgradeToAndCall{value: 1}(address(plain), "");
    }

    function test_upgradeToAndCall_callFails_reverts() public {
        _install(address(plain));
        vm.expectRevert(
            abi.encodeWithSelector(
                IPredeployProxy.UpgradeCallFailed.selector,
                abi.encodeWithSelector(ClashingImpl.ImplFailed.selector, 7)
            )
        );
        vm.prank(admin);
        proxy.upgradeToAndCall(address(impl), abi.encodeCall(ClashingImpl.fail, (7)));
        assertEq(_implementationSlot(), address(plain));
    }

    function test_upgradeToAndCall_unknownFunction_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IPredeployProxy.UpgradeCallFailed.selector, bytes("")));
        vm.prank(admin);
        proxy.upgradeToAndCall(address(plain), abi.encodeCall(ClashingImpl.initialize, (1)));
    }

    function test_upgradeToAndCall_noCode_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IPredeployProxy.ImplementationHasNoCode.selector, bob));
        vm.prank(admin);
        proxy.upgradeToAndCall(bob, abi.encodeCall(ClashingImpl.initialize, (1)));
    }

    function test_upgradeToAndCall_nonAdminReachesImplementation_succeeds() public {
        _install(address(impl));
        vm.prank(alice);
        bytes memory returned =
            proxy.upgradeToAndCall(address(implV2), abi.encodeCall(ClashingImpl.initialize, (9)));
        assertEq(returned, bytes("implementation"));
        assertEq(_implementationSlot(), address(impl));
        assertEq(ClashingImpl(payable(address(proxy))).value(), 0);
    }

    function testFuzz_upgradeToAndCall_initValue_succeeds(uint256 initValue, uint96 sent) public {
        initValue = bound(initValue, 0, type(uint256).max / 2);
        vm.deal(admin, sent);
        vm.prank(admin);
        bytes memory returned = proxy.upgradeToAndCall{value: sent}(
            address(impl), abi.encodeCall(ClashingImpl.initialize, (initValue))
        );
        assertEq(abi.decode(returned, (uint256)), initValue * 2);
        assertEq(uint256(vm.load(address(proxy), bytes32(0))), initValue);
        assertEq(address(proxy).balance, sent);
    }

    // ---------------------------------------------------------------------------------------------
    // changeAdmin
    // ---------------------------------------------------------------------------------------------

    function test_changeAdmin_byAdmin_succeeds() public {
        _install(address(impl));
        vm.expectEmit(false, false, false, true, address(proxy));
        emit IPredeployProxy.AdminChanged(admin, bob);
        vm.prank(admin);
        proxy.changeAdmin(bob);
        assertEq(_adminSlot(), bob);
        vm.prank(bob);
        assertEq(proxy.admin(), bob);
        // The old admin is now an ordinary caller.
        vm.prank(admin);
        assertEq(proxy.admin(), impl.SENTINEL());
        vm.prank(admin);
        proxy.upgradeTo(address(implV2));
        assertEq(_implementationSlot(), address(impl));
    }

    function test_changeAdmin_zeroAddress_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ERC1967Utils.ERC1967InvalidAdmin.selector, address(0)));
        vm.prank(admin);
        proxy.changeAdmin(address(0));
    }

    function test_changeAdmin_nonAdminReachesImplementation_succeeds() public {
        _install(address(impl));
        vm.prank(alice);
        proxy.changeAdmin(alice);
        assertEq(_adminSlot(), admin);
        assertEq(ClashingImpl(payable(address(proxy))).changeAdminCalls(), 1);
    }

    // ---------------------------------------------------------------------------------------------
    // admin / implementation
    // ---------------------------------------------------------------------------------------------

    function test_admin_byAdminAndZeroSender_succeeds() public {
        _install(address(impl));
        vm.prank(admin);
        assertEq(proxy.admin(), admin);
        vm.prank(address(0));
        assertEq(proxy.admin(), admin);
    }

    function test_implementation_byAdminAndZeroSender_succeeds() public {
        _install(address(impl));
        vm.prank(admin);
        assertEq(proxy.implementation(), address(impl));
        vm.prank(address(0));
        assertEq(proxy.implementation(), address(impl));
    }

    function test_admin_otherCallerReachesImplementation_succeeds() public {
        _install(address(impl));
        vm.prank(alice);
        assertEq(proxy.admin(), impl.SENTINEL());
        vm.prank(alice);
        assertEq(proxy.implementation(), impl.SENTINEL());
    }

    function test_admin_otherCallerWithoutImplementationFunction_reverts() public {
        _install(address(plain));
        vm.prank(alice);
        (bool ok, bytes memory returndata) = address(proxy).call(abi.encodeCall(IPredeployProxy.admin, ()));
        assertFalse(ok);
        assertEq(returndata.length, 0);
    }

    // ---------------------------------------------------------------------------------------------
    // fallback / receive
    // ---------------------------------------------------------------------------------------------

    function test_fallback_noImplementationYet_reverts() public {
        // Before an implementation is set, calls and value must not silently succeed.
        PredeployProxy empty = new PredeployProxy(admin);
        vm.expectRevert(abi.encodeWithSelector(IPredeployProxy.ImplementationNotSet.selector));
        vm.prank(alice);
        PlainImpl(address(empty)).setValue(1);
        vm.deal(alice, 1 ether);
        vm.prank(alice);
        (bool ok, bytes memory reason) = address(empty).call{value: 1 ether}("");
        assertFalse(ok);
        assertEq(reason, abi.encodeWithSelector(IPredeployProxy.ImplementationNotSet.selector));
        assertEq(address(empty).balance, 0);
    }

    function test_fallback_delegatesInProxyStorage_succeeds() public {
        _install(address(impl));
        vm.prank(alice);
        ClashingImpl(payable(address(proxy))).setValue(77);
        assertEq(ClashingImpl(payable(address(proxy))).value(), 77);
        assertEq(ClashingImpl(payable(address(proxy))).lastCaller(), alice);
        assertEq(uint256(vm.load(address(proxy), bytes32(0))), 77);
        assertEq(impl.value(), 0);
    }

    function test_fallback_adminReachesNonClashingFunctions_succeeds() public {
        _install(address(impl));
        vm.prank(admin);
        ClashingImpl(payable(address(proxy))).setValue(5);
        assertEq(ClashingImpl(payable(address(proxy))).lastCaller(), admin);
    }

    function test_fallback_bubblesImplementationRevert_reverts() public {
        _install(address(impl));
        vm.expectRevert(abi.encodeWithSelector(ClashingImpl.ImplFailed.selector, 3));
        vm.prank(alice);
        ClashingImpl(payable(address(proxy))).fail(3);
    }

    function test_receive_delegatesToImplementation_succeeds() public {
        _install(address(impl));
        vm.prank(alice);
        (bool ok,) = address(proxy).call{value: 2 ether}("");
        assertTrue(ok);
        assertEq(ClashingImpl(payable(address(proxy))).received(), 2 ether);
        assertEq(address(proxy).balance, 2 ether);
    }

    function test_receive_implementationWithoutReceive_reverts() public {
        _install(address(plain));
        vm.prank(alice);
        (bool ok, bytes memory returndata) = address(proxy).call{value: 1 ether}("");
        assertFalse(ok);
        assertEq(returndata.length, 0);
        assertEq(address(proxy).balance, 0);
    }

    function testFuzz_fallback_anyCallerReachesImplementation_succeeds(address caller, uint256 newValue)
        public
    {
        vm.assume(caller != admin && caller != address(0));
        _install(address(impl));
        vm.prank(caller);
        ClashingImpl(payable(address(proxy))).setValue(newValue);
        assertEq(ClashingImpl(payable(address(proxy))).value(), newValue);
        assertEq(ClashingImpl(payable(address(proxy))).lastCaller(), caller);
        vm.prank(caller);
        assertEq(proxy.admin(), impl.SENTINEL());
    }

    // ---------------------------------------------------------------------------------------------
    // OpenZeppelin ProxyAdmin
    // ---------------------------------------------------------------------------------------------

    function _administered() internal returns (ProxyAdmin proxyAdmin) {
        proxyAdmin = new ProxyAdmin(admin);
        vm.prank(admin);
        proxy.changeAdmin(address(proxyAdmin));
    }

    function test_upgradeAndCall_proxyAdminOwnerWithCall_succeeds() public {
        ProxyAdmin proxyAdmin = _administered();
        vm.prank(admin);
        proxyAdmin.upgradeAndCall{value: 1 ether}(
            ITransparentUpgradeableProxy(address(proxy)),
            address(impl),
            abi.encodeCall(ClashingImpl.initialize, (4))
        );
        assertEq(_implementationSlot(), address(impl));
        assertEq(ClashingImpl(payable(address(proxy))).value(), 4);
        assertEq(ClashingImpl(payable(address(proxy))).received(), 1 ether);
    }

    function test_upgradeAndCall_proxyAdminOwnerEmptyData_succeeds() public {
        ProxyAdmin proxyAdmin = _administered();
        vm.prank(admin);
        proxyAdmin.upgradeAndCall(ITransparentUpgradeableProxy(address(proxy)), address(plain), "");
        assertEq(_implementationSlot(), address(plain));
        vm.prank(admin);
        proxyAdmin.upgradeAndCall(ITransparentUpgradeableProxy(address(proxy)), address(impl), "");
        assertEq(_implementationSlot(), address(impl));
    }

    function test_upgradeAndCall_notOwner_reverts() public {
        ProxyAdmin proxyAdmin = _administered();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        proxyAdmin.upgradeAndCall(ITransparentUpgradeableProxy(address(proxy)), address(impl), "");
    }

    function test_upgradeAndCall_callFails_reverts() public {
        ProxyAdmin proxyAdmin = _administered();
        vm.expectRevert(
            abi.encodeWithSelector(
                IPredeployProxy.UpgradeCallFailed.selector,
                abi.encodeWithSelector(ClashingImpl.ImplFailed.selector, 1)
            )
        );
        vm.prank(admin);
        proxyAdmin.upgradeAndCall(
            ITransparentUpgradeableProxy(address(proxy)),
            address(impl),
            abi.encodeCall(ClashingImpl.fail, (1))
        );
    }

    function test_upgradeTo_proxyAdminOwnerDirectlyReachesImplementation_succeeds() public {
        // Once a ProxyAdmin administers the proxy, its owner's direct calls are ordinary calls.
        _install(address(impl));
        _administered();
        vm.prank(admin);
        proxy.upgradeTo(address(implV2));
        assertEq(_implementationSlot(), address(impl));
        assertEq(ClashingImpl(payable(address(proxy))).upgradeToCalls(), 1);
    }
}
