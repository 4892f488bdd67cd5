// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OrchestratorRegistry} from "../../src/execution/OrchestratorRegistry.sol";
import {ICommon} from "../../src/interfaces/ICommon.sol";
import {IOrchestratorRegistry} from "../../src/interfaces/IOrchestratorRegistry.sol";
import {IPredeployProxy} from "../../src/interfaces/IPredeployProxy.sol";
import {PredeployProxy} from "../../src/proxy/PredeployProxy.sol";
import {L3Predeploys} from "../utils/L3Predeploys.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @dev Accepts no native CR8.
contract RejectingSink {}

/// @dev A slasher contract without `receive`: every slash that takes something fails to pay it.
contract RejectingSlasher {
    function slash(OrchestratorRegistry registry, address orchestrator, uint256 amount)
        external
        returns (uint256)
    {
        return registry.slash(orchestrator, amount);
    }
}

/// @dev A slasher contract whose receive hook slashes again, and records how that attempt failed.
contract ReentrantSlasher {
    OrchestratorRegistry internal _registry;
    address internal _orchestrator;
    bytes public reentryError;
    uint256 public received;

    function slash(OrchestratorRegistry registry, address orchestrator, uint256 amount)
        external
        returns (uint256)
    {
        _registry = registry;
        _orchestrator = orchestrator;
        return registry.slash(orchestrator, amount);
    }

    receive() external payable {
        received += msg.value;
        try _registry.slash(_orchestrator, 1) {}
        catch (bytes memory err) {
            reentryError = err;
        }
    }
}

/// @dev An orchestrator contract that, on receiving its withdrawal, tries every money-moving action again.
contract ReentrantOrchestrator {
    OrchestratorRegistry internal immutable REGISTRY;

    bool internal _armed;
    uint256 public callbacks;
    uint256 public received;
    bytes public registerError;
    bytes public addBondError;
    bytes public requestUnbondError;
    bytes public withdrawError;

    constructor(OrchestratorRegistry registry) {
        REGISTRY = registry;
    }

    function register(IOrchestratorRegistry.Capabilities calldata capabilities) external payable {
        REGISTRY.register{value: msg.value}(capabilities);
    }

    function requestUnbond(uint256 amount) external {
        REGISTRY.requestUnbond(amount);
    }

    function withdrawUnbonded() external returns (uint256) {
        _armed = true;
        return REGISTRY.withdrawUnbonded(address(this));
    }

    receive() external payable {
        received += msg.value;
        if (!_armed) return;
        _armed = false;
        ++callbacks;
        try REGISTRY.register{value: 1}(REGISTRY.capabilitiesOf(address(this))) {}
        catch (bytes memory err) {
            registerError = err;
        }
        try REGISTRY.addBond{value: 1}() {}
        catch (bytes memory err) {
            addBondError = err;
        }
        try REGISTRY.requestUnbond(1) {}
        catch (bytes memory err) {
            requestUnbondError = err;
        }
        try REGISTRY.withdrawUnbonded(address(this)) {}
        catch (bytes memory err) {
            withdrawError = err;
        }
    }
}

/// @notice OrchestratorRegistry behind a PredeployProxy: registration, capabilities, bonding, unbonding with
///         its delay, slashing (bond first, capped, never paused), pausing and access control.
contract OrchestratorRegistryTest is L3Predeploys {
    address internal constant PREDEPLOY = 0xc800000000000000000000000000000000000012;
    uint256 internal constant MIN_BOND = 1000e18;
    uint64 internal constant UNBONDING = 14 days;

    address internal admin = makeAddr("admin");
    address internal guardian = makeAddr("guardian");
    address internal slasher = makeAddr("slasher");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    OrchestratorRegistry internal registry;

    function setUp() public {
        vm.warp(1_750_000_000);
        registry = _deploy(slasher, MIN_BOND, UNBONDING);
        vm.deal(alice, 1_000_000e18);
        vm.deal(bob, 1_000_000e18);
        vm.deal(carol, 1_000_000e18);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    /// @dev As CR8Deployer: a PredeployProxy upgraded-and-initialized by this contract, then handed to the
    ///      ProxyAdmin.
    function _deploy(address slasher_, uint256 minimumBond, uint64 unbondingPeriod)
        internal
        returns (OrchestratorRegistry)
    {
        PredeployProxy proxy = new PredeployProxy(address(this));
        proxy.upgradeToAndCall(
            address(new OrchestratorRegistry(slasher_, minimumBond, unbondingPeriod)),
            abi.encodeCall(OrchestratorRegistry.initialize, (admin, guardian))
        );
        proxy.changeAdmin(proxyAdmin);
        return OrchestratorRegistry(address(proxy));
    }

    function _caps() internal pure returns (IOrchestratorRegistry.Capabilities memory) {
        return IOrchestratorRegistry.Capabilities({
            gpuModel: bytes32("H100-80GB"),
            gpuCount: 8,
            vramGbPerGpu: 80,
            region: bytes32("eu-west"),
            pricePerGpuSecond: 1e12,
            endpoint: "https://orchestrator.example.com/v1"
        });
    }

    function _otherCaps() internal pure returns (IOrchestratorRegistry.Capabilities memory) {
        return IOrchestratorRegistry.Capabilities({
            gpuModel: bytes32("RTX-4090"),
            gpuCount: 2,
            vramGbPerGpu: 24,
            region: bytes32("us-east"),
            pricePerGpuSecond: 3e10,
            endpoint: "https://gpu.example.org"
        });
    }

    function _endpoint(uint256 length) internal pure returns (string memory) {
        bytes memory b = new bytes(length);
        for (uint256 i; i < length; ++i) {
            b[i] = "a";
        }
        return string(b);
    }

    function _register(address account, uint256 bond) internal {
        vm.deal(account, account.balance + bond);
        vm.prank(account);
        registry.register{value: bond}(_caps());
    }

    function _unbond(address account, uint256 amount) internal {
        vm.prank(account);
        registry.requestUnbond(amount);
    }

    function _slash(address account, uint256 amount) internal returns (uint256) {
        vm.prank(slasher);
        return registry.slash(account, amount);
    }

    function _pause() internal {
        vm.prank(guardian);
        registry.pause();
    }

    function _assertRecord(
        address account,
        uint256 bonded,
        uint256 unbonding,
        uint64 releasableAt,
        bool registered
    ) internal view {
        IOrchestratorRegistry.Orchestrator memory o = registry.orchestratorOf(account);
        assertEq(o.bonded, bonded, "bonded");
        assertEq(o.unbonding, unbonding, "unbonding");
        assertEq(o.unbondingReleasableAt, releasableAt, "releasableAt");
        assertEq(o.registered, registered, "registered");
    }

    function _assertCaps(
        IOrchestratorRegistry.Capabilities memory a,
        IOrchestratorRegistry.Capabilities memory b
    ) internal pure {
        assertEq(a.gpuModel, b.gpuModel, "gpuModel");
        assertEq(a.gpuCount, b.gpuCount, "gpuCount");
        assertEq(a.vramGbPerGpu, b.vramGbPerGpu, "vramGbPerGpu");
        assertEq(a.region, b.region, "region");
        assertEq(a.pricePerGpuSecond, b.pricePerGpuSecond, "pricePerGpuSecond");
        assertEq(a.endpoint, b.endpoint, "endpoint");
    }

    /// @dev The contract holds exactly what its books say.
    function _assertConserved() internal view {
        assertEq(
            address(registry).balance, registry.totalBonded() + registry.totalUnbonding(), "balance != books"
        );
    }

    function _expectReentrancy(bytes memory err) internal pure {
        assertEq(err, abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector));
    }

    // ---------------------------------------------------------------------------------------------
    // constructor / initialize
    // ---------------------------------------------------------------------------------------------

    function test_constructor_setsImmutables_succeeds() public view {
        assertEq(registry.SLASHER(), slasher);
        assertEq(registry.MINIMUM_BOND(), MIN_BOND);
        assertEq(registry.UNBONDING_PERIOD(), UNBONDING);
        assertEq(registry.MAX_ENDPOINT_LENGTH(), 256);
        assertEq(registry.totalBonded(), 0);
        assertEq(registry.totalUnbonding(), 0);
        assertEq(registry.version(), "1.0.0");
    }

    function test_constructor_zeroSlasher_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new OrchestratorRegistry(address(0), MIN_BOND, UNBONDING);
    }

    function test_constructor_zeroMinimumBond_reverts() public {
        vm.expectRevert(ICommon.ZeroAmount.selector);
        new OrchestratorRegistry(slasher, 0, UNBONDING);
    }

    function test_constructor_minimumBondAboveUint128_reverts() public {
        uint256 tooLarge = uint256(type(uint128).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                IOrchestratorRegistry.AmountTooLarge.selector, tooLarge, uint256(type(uint128).max)
            )
        );
        new OrchestratorRegistry(slasher, tooLarge, UNBONDING);
        // The largest that fits is accepted.
        new OrchestratorRegistry(slasher, type(uint128).max, UNBONDING);
    }

    function test_constructor_zeroUnbondingPeriod_reverts() public {
        vm.expectRevert(IOrchestratorRegistry.ZeroUnbondingPeriod.selector);
        new OrchestratorRegistry(slasher, MIN_BOND, 0);
    }

    function test_initialize_setsRoles_succeeds() public view {
        assertTrue(registry.hasRole(registry.DEFAULT_ADMIN_ROLE(), admin));
        assertTrue(registry.hasRole(registry.GUARDIAN_ROLE(), guardian));
        assertFalse(registry.hasRole(registry.GUARDIAN_ROLE(), admin));
        assertFalse(registry.hasRole(registry.DEFAULT_ADMIN_ROLE(), guardian));
        assertFalse(registry.hasRole(registry.DEFAULT_ADMIN_ROLE(), slasher));
        assertFalse(registry.paused());
    }

    function test_initialize_twice_reverts() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        registry.initialize(alice, alice);
    }

    function test_initialize_implementation_reverts() public {
        OrchestratorRegistry implementation = new OrchestratorRegistry(slasher, MIN_BOND, UNBONDING);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(admin, guardian);
    }

    function test_initialize_zeroAddress_reverts() public {
        OrchestratorRegistry implementation = new OrchestratorRegistry(slasher, MIN_BOND, UNBONDING);
        address[2][2] memory pairs = [[address(0), guardian], [admin, address(0)]];
        for (uint256 i; i < pairs.length; ++i) {
            PredeployProxy proxy = new PredeployProxy(address(this));
            vm.expectRevert(
                abi.encodeWithSelector(
                    IPredeployProxy.UpgradeCallFailed.selector,
                    abi.encodeWithSelector(ICommon.ZeroAddress.selector)
                )
            );
            proxy.upgradeToAndCall(
                address(implementation),
                abi.encodeCall(OrchestratorRegistry.initialize, (pairs[i][0], pairs[i][1]))
            );
        }
    }

    /// @dev The genesis way: proxy code at the predeploy address with only its two EIP-1967 slots set,
    ///      then `initialize`.
    function test_initialize_atPredeployAddress_succeeds() public {
        placePredeploy(PREDEPLOY, address(new OrchestratorRegistry(slasher, MIN_BOND, UNBONDING)));
        OrchestratorRegistry predeploy = OrchestratorRegistry(PREDEPLOY);
        predeploy.initialize(admin, guardian);
        assertEq(predeploy.SLASHER(), slasher);
        assertTrue(predeploy.hasRole(predeploy.GUARDIAN_ROLE(), guardian));

        vm.prank(alice);
        predeploy.register{value: MIN_BOND}(_caps());
        assertTrue(predeploy.isActive(alice));
        assertEq(PREDEPLOY.balance, MIN_BOND);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        predeploy.initialize(alice, alice);
    }

    /// @dev The namespaced storage constant matches its ERC-7201 formula, and the layout is the one
    ///      documented: totals, then the orchestrator records, then the capabilities.
    function test_storageLocation_matchesErc7201_succeeds() public {
        _register(alice, 3000e18);
        _unbond(alice, 1000e18);
        bytes32 base = keccak256(abi.encode(uint256(keccak256("cr8.storage.OrchestratorRegistry")) - 1))
            & ~bytes32(uint256(0xff));
        // Slot 0: totalBonded (low 128 bits) and totalUnbonding (high 128 bits).
        assertEq(uint256(vm.load(address(registry), base)), (uint256(1000e18) << 128) | 2000e18);
        // Slot 1: orchestrators[alice] = {bonded | unbonding << 128}, {releasableAt | registered << 64}.
        bytes32 record = keccak256(abi.encode(alice, uint256(base) + 1));
        assertEq(uint256(vm.load(address(registry), record)), (uint256(1000e18) << 128) | 2000e18);
        assertEq(
            uint256(vm.load(address(registry), bytes32(uint256(record) + 1))),
            (uint256(1) << 64) | (block.timestamp + UNBONDING)
        );
        // Slot 2: capabilities[alice] = {gpuModel}, {gpuCount | vramGbPerGpu << 16}, ...
        bytes32 caps = keccak256(abi.encode(alice, uint256(base) + 2));
        assertEq(vm.load(address(registry), caps), bytes32("H100-80GB"));
        assertEq(uint256(vm.load(address(registry), bytes32(uint256(caps) + 1))), (uint256(80) << 16) | 8);
        assertEq(vm.load(address(registry), bytes32(uint256(caps) + 2)), bytes32("eu-west"));
        assertEq(uint256(vm.load(address(registry), bytes32(uint256(caps) + 3))), 1e12);
    }

    function test_receive_plainTransfer_reverts() public {
        vm.prank(alice);
        (bool ok,) = address(registry).call{value: 1e18}("");
        assertFalse(ok);
        assertEq(address(registry).balance, 0);
    }

    // ---------------------------------------------------------------------------------------------
    // register
    // ---------------------------------------------------------------------------------------------

    function test_register_succeeds() public {
        uint256 aliceBefore = alice.balance;
        assertFalse(registry.isActive(alice));

        vm.expectEmit(address(registry));
        emit IOrchestratorRegistry.Registered(alice, MIN_BOND, _caps());
        vm.prank(alice);
        registry.register{value: MIN_BOND}(_caps());

        _assertRecord(alice, MIN_BOND, 0, 0, true);
        _assertCaps(registry.capabilitiesOf(alice), _caps());
        assertTrue(registry.isActive(alice));
        assertEq(registry.totalBonded(), MIN_BOND);
        assertEq(registry.totalUnbonding(), 0);
        assertEq(address(registry).balance, MIN_BOND);
        assertEq(alice.balance, aliceBefore - MIN_BOND);
        // Others are untouched.
        assertFalse(registry.isActive(bob));
        _assertRecord(bob, 0, 0, 0, false);
    }

    function test_register_aboveMinimum_succeeds() public {
        _register(alice, 2500e18);
        _register(bob, MIN_BOND);
        _assertRecord(alice, 2500e18, 0, 0, true);
        _assertRecord(bob, MIN_BOND, 0, 0, true);
        assertEq(registry.totalBonded(), 3500e18);
        _assertConserved();
    }

    function test_register_alreadyRegistered_reverts() public {
        _register(alice, MIN_BOND);
        vm.expectRevert(abi.encodeWithSelector(IOrchestratorRegistry.AlreadyRegistered.selector, alice));
        vm.prank(alice);
        registry.register{value: MIN_BOND}(_otherCaps());
        _assertCaps(registry.capabilitiesOf(alice), _caps());

        // Still registered after leaving entirely: registration is for life, `addBond` re-activates.
        _unbond(alice, MIN_BOND);
        vm.warp(block.timestamp + UNBONDING);
        vm.prank(alice);
        registry.withdrawUnbonded(alice);
        vm.expectRevert(abi.encodeWithSelector(IOrchestratorRegistry.AlreadyRegistered.selector, alice));
        vm.prank(alice);
        registry.register{value: MIN_BOND}(_caps());
    }

    function test_register_belowMinimum_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IOrchestratorRegistry.BondBelowMinimum.selector, MIN_BOND - 1, MIN_BOND)
        );
        vm.prank(alice);
        registry.register{value: MIN_BOND - 1}(_caps());

        vm.expectRevert(abi.encodeWithSelector(IOrchestratorRegistry.BondBelowMinimum.selector, 0, MIN_BOND));
        vm.prank(alice);
        registry.register(_caps());

        _assertRecord(alice, 0, 0, 0, false);
        assertEq(address(registry).balance, 0);
    }

    function test_register_zeroGpuCount_reverts() public {
        IOrchestratorRegistry.Capabilities memory caps = _caps();
        caps.gpuCount = 0;
        vm.expectRevert(IOrchestratorRegistry.ZeroGpuCount.selector);
        vm.prank(alice);
        registry.register{value: MIN_BOND}(caps);
    }

    function test_register_zeroVram_reverts() public {
        IOrchestratorRegistry.Capabilities memory caps = _caps();
        caps.vramGbPerGpu = 0;
        vm.expectRevert(IOrchestratorRegistry.ZeroVramPerGpu.selector);
        vm.prank(alice);
        registry.register{value: MIN_BOND}(caps);
    }

    function test_register_zeroPrice_reverts() public {
        IOrchestratorRegistry.Capabilities memory caps = _caps();
        caps.pricePerGpuSecond = 0;
        vm.expectRevert(IOrchestratorRegistry.ZeroPricePerGpuSecond.selector);
        vm.prank(alice);
        registry.register{value: MIN_BOND}(caps);
    }

    function test_register_emptyEndpoint_reverts() public {
        IOrchestratorRegistry.Capabilities memory caps = _caps();
        caps.endpoint = "";
        vm.expectRevert(IOrchestratorRegistry.EmptyEndpoint.selector);
        vm.prank(alice);
        registry.register{value: MIN_BOND}(caps);
    }

    function test_register_endpointTooLong_reverts() public {
        IOrchestratorRegistry.Capabilities memory caps = _caps();
        caps.endpoint = _endpoint(257);
        vm.expectRevert(abi.encodeWithSelector(IOrchestratorRegistry.EndpointTooLong.selector, 257, 256));
        vm.prank(alice);
        registry.register{value: MIN_BOND}(caps);
        _assertRecord(alice, 0, 0, 0, false);
    }

    function test_register_endpointAtMaxLength_succeeds() public {
        IOrchestratorRegistry.Capabilities memory caps = _caps();
        caps.endpoint = _endpoint(256);
        vm.prank(alice);
        registry.register{value: MIN_BOND}(caps);
        assertEq(bytes(registry.capabilitiesOf(alice).endpoint).length, 256);
        assertEq(registry.capabilitiesOf(alice).endpoint, caps.endpoint);
    }

    /// @dev The GPU model and region are labels the registry does not check.
    function test_register_blankLabels_succeeds() public {
        IOrchestratorRegistry.Capabilities memory caps = _caps();
        caps.gpuModel = bytes32(0);
        caps.region = bytes32(0);
        caps.gpuCount = 1;
        caps.vramGbPerGpu = 1;
        caps.pricePerGpuSecond = 1;
        caps.endpoint = "x";
        vm.prank(alice);
        registry.register{value: MIN_BOND}(caps);
        _assertCaps(registry.capabilitiesOf(alice), caps);
    }

    function test_register_amountTooLarge_reverts() public {
        uint256 tooLarge = uint256(type(uint128).max) + 1;
        vm.deal(alice, tooLarge);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOrchestratorRegistry.AmountTooLarge.selector, tooLarge, uint256(type(uint128).max)
            )
        );
        vm.prank(alice);
        registry.register{value: tooLarge}(_caps());

        // What others hold counts: the room is what is left below 2**128.
        _register(bob, MIN_BOND);
        uint256 room = type(uint128).max - MIN_BOND;
        vm.expectRevert(abi.encodeWithSelector(IOrchestratorRegistry.AmountTooLarge.selector, room + 1, room));
        vm.prank(alice);
        registry.register{value: room + 1}(_caps());

        vm.prank(alice);
        registry.register{value: room}(_caps());
        assertEq(registry.totalBonded(), type(uint128).max);
        _assertConserved();
    }

    function test_register_whenPaused_reverts() public {
        _pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vm.prank(alice);
        registry.register{value: MIN_BOND}(_caps());
        _assertRecord(alice, 0, 0, 0, false);
    }

    function testFuzz_register_succeeds(
        uint256 bond,
        bytes32 gpuModel,
        uint16 gpuCount,
        uint32 vram,
        bytes32 region,
        uint128 price,
        uint256 endpointLength
    ) public {
        bond = bound(bond, MIN_BOND, 1e30);
        IOrchestratorRegistry.Capabilities memory caps = IOrchestratorRegistry.Capabilities({
            gpuModel: gpuModel,
            gpuCount: uint16(bound(gpuCount, 1, type(uint16).max)),
            vramGbPerGpu: uint32(bound(vram, 1, type(uint32).max)),
            region: region,
            pricePerGpuSecond: uint128(bound(price, 1, type(uint128).max)),
            endpoint: _endpoint(bound(endpointLength, 1, 256))
        });
        vm.deal(carol, bond);
        vm.expectEmit(address(registry));
        emit IOrchestratorRegistry.Registered(carol, bond, caps);
        vm.prank(carol);
        registry.register{value: bond}(caps);

        _assertRecord(carol, bond, 0, 0, true);
        _assertCaps(registry.capabilitiesOf(carol), caps);
        assertTrue(registry.isActive(carol));
        assertEq(carol.balance, 0);
        _assertConserved();
    }

    function testFuzz_register_invalidCapabilities_reverts(uint256 which, uint256 endpointLength) public {
        IOrchestratorRegistry.Capabilities memory caps = _caps();
        which = bound(which, 0, 4);
        bytes memory expected;
        if (which == 0) {
            caps.gpuCount = 0;
            expected = abi.encodeWithSelector(IOrchestratorRegistry.ZeroGpuCount.selector);
        } else if (which == 1) {
            caps.vramGbPerGpu = 0;
            expected = abi.encodeWithSelector(IOrchestratorRegistry.ZeroVramPerGpu.selector);
        } else if (which == 2) {
            caps.pricePerGpuSecond = 0;
            expected = abi.encodeWithSelector(IOrchestratorRegistry.ZeroPricePerGpuSecond.selector);
        } else if (which == 3) {
            caps.endpoint = "";
            expected = abi.encodeWithSelector(IOrchestratorRegistry.EmptyEndpoint.selector);
        } else {
            endpointLength = bound(endpointLength, 257, 2048);
            caps.endpoint = _endpoint(endpointLength);
            expected =
                abi.encodeWithSelector(IOrchestratorRegistry.EndpointTooLong.selector, endpointLength, 256);
        }
        vm.expectRevert(expected);
        vm.prank(alice);
        registry.register{value: MIN_BOND}(caps);
        _assertRecord(alice, 0, 0, 0, false);
    }

    // ---------------------------------------------------------------------------------------------
    // updateCapabilities
    // ---------------------------------------------------------------------------------------------

    function test_updateCapabilities_succeeds() public {
        _register(alice, 2000e18);
        vm.expectEmit(address(registry));
        emit IOrchestratorRegistry.CapabilitiesUpdated(alice, _otherCaps());
        vm.prank(alice);
        registry.updateCapabilities(_otherCaps());

        _assertCaps(registry.capabilitiesOf(alice), _otherCaps());
        // Money and status are untouched.
        _assertRecord(alice, 2000e18, 0, 0, true);
        assertTrue(registry.isActive(alice));
    }

    function test_updateCapabilities_shorterEndpoint_succeeds() public {
        IOrchestratorRegistry.Capabilities memory caps = _caps();
        caps.endpoint = _endpoint(200);
        vm.prank(alice);
        registry.register{value: MIN_BOND}(caps);
        caps.endpoint = "https://a.b";
        vm.prank(alice);
        registry.updateCapabilities(caps);
        assertEq(registry.capabilitiesOf(alice).endpoint, "https://a.b");
    }

    function test_updateCapabilities_notRegistered_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IOrchestratorRegistry.OrchestratorNotRegistered.selector, alice)
        );
        vm.prank(alice);
        registry.updateCapabilities(_caps());
    }

    function test_updateCapabilities_invalid_reverts() public {
        _register(alice, MIN_BOND);
        IOrchestratorRegistry.Capabilities memory caps = _otherCaps();
        caps.gpuCount = 0;
        vm.expectRevert(IOrchestratorRegistry.ZeroGpuCount.selector);
        vm.prank(alice);
        registry.updateCapabilities(caps);

        caps = _otherCaps();
        caps.endpoint = _endpoint(300);
        vm.expectRevert(abi.encodeWithSelector(IOrchestratorRegistry.EndpointTooLong.selector, 300, 256));
        vm.prank(alice);
        registry.updateCapabilities(caps);

        _assertCaps(registry.capabilitiesOf(alice), _caps());
    }

    function test_updateCapabilities_whenPaused_succeeds() public {
        _register(alice, MIN_BOND);
        _pause();
        vm.prank(alice);
        registry.updateCapabilities(_otherCaps());
        _assertCaps(registry.capabilitiesOf(alice), _otherCaps());
    }

    // ---------------------------------------------------------------------------------------------
    // addBond
    // ---------------------------------------------------------------------------------------------

    function test_addBond_succeeds() public {
        _register(alice, MIN_BOND);
        uint256 aliceBefore = alice.balance;
        vm.expectEmit(address(registry));
        emit IOrchestratorRegistry.BondAdded(alice, 500e18, MIN_BOND + 500e18);
        vm.prank(alice);
        registry.addBond{value: 500e18}();

        _assertRecord(alice, MIN_BOND + 500e18, 0, 0, true);
        assertEq(registry.totalBonded(), MIN_BOND + 500e18);
        assertEq(alice.balance, aliceBefore - 500e18);
        _assertConserved();
    }

    function test_addBond_doesNotTouchUnbonding_succeeds() public {
        _register(alice, 3000e18);
        _unbond(alice, 1000e18);
        uint64 releasableAt = uint64(block.timestamp) + UNBONDING;
        vm.warp(block.timestamp + 1 days);
        vm.prank(alice);
        registry.addBond{value: 1}();
        _assertRecord(alice, 2000e18 + 1, 1000e18, releasableAt, true);
    }

    function test_addBond_zero_reverts() public {
        _register(alice, MIN_BOND);
        vm.expectRevert(ICommon.ZeroAmount.selector);
        vm.prank(alice);
        registry.addBond();
    }

    function test_addBond_notRegistered_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IOrchestratorRegistry.OrchestratorNotRegistered.selector, alice)
        );
        vm.prank(alice);
        registry.addBond{value: MIN_BOND}();
        assertEq(address(registry).balance, 0);
    }

    function test_addBond_amountTooLarge_reverts() public {
        _register(alice, MIN_BOND);
        _register(bob, 2 * MIN_BOND);
        uint256 room = type(uint128).max - 3 * MIN_BOND;
        vm.deal(alice, room + 1);
        vm.expectRevert(abi.encodeWithSelector(IOrchestratorRegistry.AmountTooLarge.selector, room + 1, room));
        vm.prank(alice);
        registry.addBond{value: room + 1}();
        vm.prank(alice);
        registry.addBond{value: room}();
        assertEq(registry.orchestratorOf(alice).bonded, type(uint128).max - 2 * MIN_BOND);
    }

    function test_addBond_whenPaused_reverts() public {
        _register(alice, MIN_BOND);
        _pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vm.prank(alice);
        registry.addBond{value: 1e18}();
    }

    // ---------------------------------------------------------------------------------------------
    // requestUnbond
    // ---------------------------------------------------------------------------------------------

    function test_requestUnbond_succeeds() public {
        _register(alice, 3000e18);
        uint64 releasableAt = uint64(block.timestamp) + UNBONDING;
        vm.expectEmit(address(registry));
        emit IOrchestratorRegistry.UnbondRequested(alice, 1000e18, 1000e18, releasableAt);
        _unbond(alice, 1000e18);

        _assertRecord(alice, 2000e18, 1000e18, releasableAt, true);
        assertEq(registry.totalBonded(), 2000e18);
        assertEq(registry.totalUnbonding(), 1000e18);
        assertEq(address(registry).balance, 3000e18, "nothing leaves yet");
        assertTrue(registry.isActive(alice));
    }

    function test_requestUnbond_leavesExactlyMinimum_succeeds() public {
        _register(alice, 1500e18);
        _unbond(alice, 500e18);
        _assertRecord(alice, MIN_BOND, 500e18, uint64(block.timestamp) + UNBONDING, true);
        assertTrue(registry.isActive(alice));
    }

    function test_requestUnbond_everything_succeeds() public {
        _register(alice, 1500e18);
        _unbond(alice, 1500e18);
        _assertRecord(alice, 0, 1500e18, uint64(block.timestamp) + UNBONDING, true);
        assertFalse(registry.isActive(alice));
        assertEq(registry.totalBonded(), 0);
        assertEq(registry.totalUnbonding(), 1500e18);
    }

    function test_requestUnbond_secondAddsAndRestartsClock_succeeds() public {
        _register(alice, 5000e18);
        _unbond(alice, 1000e18);
        uint64 firstRelease = uint64(block.timestamp) + UNBONDING;
        vm.warp(block.timestamp + 10 days);
        uint64 releasableAt = uint64(block.timestamp) + UNBONDING;
        vm.expectEmit(address(registry));
        emit IOrchestratorRegistry.UnbondRequested(alice, 500e18, 1500e18, releasableAt);
        _unbond(alice, 500e18);
        _assertRecord(alice, 3500e18, 1500e18, releasableAt, true);

        // The first part is not withdrawable when its own period ends.
        vm.warp(firstRelease);
        vm.expectRevert(
            abi.encodeWithSelector(IOrchestratorRegistry.StillUnbonding.selector, 1500e18, releasableAt)
        );
        vm.prank(alice);
        registry.withdrawUnbonded(alice);
    }

    function test_requestUnbond_zero_reverts() public {
        _register(alice, MIN_BOND);
        vm.expectRevert(ICommon.ZeroAmount.selector);
        _unbond(alice, 0);
    }

    function test_requestUnbond_notRegistered_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IOrchestratorRegistry.OrchestratorNotRegistered.selector, alice)
        );
        _unbond(alice, 1);
    }

    function test_requestUnbond_moreThanBonded_reverts() public {
        _register(alice, 2000e18);
        vm.expectRevert(
            abi.encodeWithSelector(IOrchestratorRegistry.InsufficientBond.selector, 2000e18, 2000e18 + 1)
        );
        _unbond(alice, 2000e18 + 1);

        // Unbonding CR8 no longer counts as bond.
        _unbond(alice, 2000e18);
        vm.expectRevert(abi.encodeWithSelector(IOrchestratorRegistry.InsufficientBond.selector, 0, 1));
        _unbond(alice, 1);
    }

    function test_requestUnbond_remainingBelowMinimum_reverts() public {
        _register(alice, 2000e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOrchestratorRegistry.RemainingBondBelowMinimum.selector, MIN_BOND - 1, MIN_BOND
            )
        );
        _unbond(alice, 1000e18 + 1);

        vm.expectRevert(
            abi.encodeWithSelector(IOrchestratorRegistry.RemainingBondBelowMinimum.selector, 1, MIN_BOND)
        );
        _unbond(alice, 2000e18 - 1);
        _assertRecord(alice, 2000e18, 0, 0, true);
    }

    /// @dev A slash can leave a bond below the minimum: only a full unbond (or a top-up) is then possible.
    function test_requestUnbond_afterSlashBelowMinimum_succeeds() public {
        _register(alice, MIN_BOND);
        _slash(alice, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IOrchestratorRegistry.RemainingBondBelowMinimum.selector, MIN_BOND - 2, MIN_BOND
            )
        );
        _unbond(alice, 1);
        _unbond(alice, MIN_BOND - 1);
        _assertRecord(alice, 0, MIN_BOND - 1, uint64(block.timestamp) + UNBONDING, true);
    }

    function test_requestUnbond_whenPaused_reverts() public {
        _register(alice, 2000e18);
        _pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        _unbond(alice, 1000e18);
    }

    function testFuzz_requestUnbond_minimumRule_succeeds(uint256 bond, uint256 amount) public {
        bond = bound(bond, MIN_BOND, 1e27);
        amount = bound(amount, 1, bond);
        _register(alice, bond);
        uint256 remaining = bond - amount;
        if (remaining != 0 && remaining < MIN_BOND) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IOrchestratorRegistry.RemainingBondBelowMinimum.selector, remaining, MIN_BOND
                )
            );
            _unbond(alice, amount);
            _assertRecord(alice, bond, 0, 0, true);
        } else {
            _unbond(alice, amount);
            _assertRecord(alice, remaining, amount, uint64(block.timestamp) + UNBONDING, true);
            assertEq(registry.isActive(alice), remaining != 0);
        }
        _assertConserved();
    }

    // ---------------------------------------------------------------------------------------------
    // withdrawUnbonded
    // ---------------------------------------------------------------------------------------------

    function test_withdrawUnbonded_succeeds() public {
        _register(alice, 3000e18);
        _unbond(alice, 1000e18);
        uint64 releasableAt = uint64(block.timestamp) + UNBONDING;
        vm.warp(releasableAt);
        uint256 bobBefore = bob.balance;
        uint256 aliceBefore = alice.balance;

        vm.expectEmit(address(registry));
        emit IOrchestratorRegistry.Withdrawn(alice, bob, 1000e18);
        vm.prank(alice);
        uint256 amount = registry.withdrawUnbonded(bob);

        assertEq(amount, 1000e18);
        assertEq(bob.balance, bobBefore + 1000e18);
        assertEq(alice.balance, aliceBefore);
        _assertRecord(alice, 2000e18, 0, 0, true);
        assertEq(registry.totalUnbonding(), 0);
        assertEq(address(registry).balance, 2000e18);
        assertTrue(registry.isActive(alice));
        _assertConserved();
    }

    function test_withdrawUnbonded_beforeRelease_reverts() public {
        _register(alice, 3000e18);
        _unbond(alice, 1000e18);
        uint64 releasableAt = uint64(block.timestamp) + UNBONDING;
        vm.warp(releasableAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IOrchestratorRegistry.StillUnbonding.selector, 1000e18, releasableAt)
        );
        vm.prank(alice);
        registry.withdrawUnbonded(alice);
        // One second later it goes through.
        vm.warp(releasableAt);
        vm.prank(alice);
        assertEq(registry.withdrawUnbonded(alice), 1000e18);
    }

    function test_withdrawUnbonded_nothingUnbonding_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IOrchestratorRegistry.NothingToWithdraw.selector, alice));
        vm.prank(alice);
        registry.withdrawUnbonded(alice);

        _register(alice, MIN_BOND);
        vm.warp(block.timestamp + UNBONDING);
        vm.expectRevert(abi.encodeWithSelector(IOrchestratorRegistry.NothingToWithdraw.selector, alice));
        vm.prank(alice);
        registry.withdrawUnbonded(alice);
    }

    function test_withdrawUnbonded_twice_reverts() public {
        _register(alice, MIN_BOND);
        _unbond(alice, MIN_BOND);
        vm.warp(block.timestamp + UNBONDING);
        vm.prank(alice);
        registry.withdrawUnbonded(alice);
        vm.expectRevert(abi.encodeWithSelector(IOrchestratorRegistry.NothingToWithdraw.selector, alice));
        vm.prank(alice);
        registry.withdrawUnbonded(alice);
        assertEq(address(registry).balance, 0);
    }

    function test_withdrawUnbonded_zeroAddress_reverts() public {
        _register(alice, MIN_BOND);
        _unbond(alice, MIN_BOND);
        vm.warp(block.timestamp + UNBONDING);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vm.prank(alice);
        registry.withdrawUnbonded(address(0));
    }

    function test_withdrawUnbonded_whenPaused_reverts() public {
        _register(alice, MIN_BOND);
        _unbond(alice, MIN_BOND);
        vm.warp(block.timestamp + UNBONDING);
        _pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vm.prank(alice);
        registry.withdrawUnbonded(alice);
    }

    function test_withdrawUnbonded_rejectingReceiver_reverts() public {
        address sink = address(new RejectingSink());
        _register(alice, MIN_BOND);
        _unbond(alice, MIN_BOND);
        uint64 releasableAt = uint64(block.timestamp) + UNBONDING;
        vm.warp(releasableAt);
        vm.expectRevert(abi.encodeWithSelector(ICommon.NativeTransferFailed.selector, sink, MIN_BOND));
        vm.prank(alice);
        registry.withdrawUnbonded(sink);
        _assertRecord(alice, 0, MIN_BOND, releasableAt, true);
        _assertConserved();
    }

    function test_withdrawUnbonded_reentrantCall_reverts() public {
        ReentrantOrchestrator attacker = new ReentrantOrchestrator(registry);
        vm.deal(address(attacker), 10e18);
        attacker.register{value: 2000e18}(_caps());
        attacker.requestUnbond(500e18);
        vm.warp(block.timestamp + UNBONDING);

        uint256 amount = attacker.withdrawUnbonded();

        assertEq(amount, 500e18);
        assertEq(attacker.callbacks(), 1);
        assertEq(attacker.received(), 500e18, "only the withdrawal was paid");
        _expectReentrancy(attacker.registerError());
        _expectReentrancy(attacker.addBondError());
        _expectReentrancy(attacker.requestUnbondError());
        _expectReentrancy(attacker.withdrawError());
        _assertRecord(address(attacker), 1500e18, 0, 0, true);
        _assertConserved();
    }

    function testFuzz_withdrawUnbonded_timing_succeeds(uint256 bond, uint256 wait) public {
        bond = bound(bond, MIN_BOND, 1e27);
        wait = bound(wait, 0, 3 * uint256(UNBONDING));
        _register(alice, bond);
        _unbond(alice, bond);
        uint64 releasableAt = uint64(block.timestamp) + UNBONDING;
        vm.warp(block.timestamp + wait);
        uint256 aliceBefore = alice.balance;

        if (block.timestamp < releasableAt) {
            vm.expectRevert(
                abi.encodeWithSelector(IOrchestratorRegistry.StillUnbonding.selector, bond, releasableAt)
            );
            vm.prank(alice);
            registry.withdrawUnbonded(alice);
            _assertRecord(alice, 0, bond, releasableAt, true);
        } else {
            vm.prank(alice);
            assertEq(registry.withdrawUnbonded(alice), bond);
            assertEq(alice.balance, aliceBefore + bond);
            _assertRecord(alice, 0, 0, 0, true);
        }
        _assertConserved();
    }

    // ---------------------------------------------------------------------------------------------
    // slash
    // ---------------------------------------------------------------------------------------------

    function test_slash_fromBond_succeeds() public {
        _register(alice, 1500e18);
        vm.expectEmit(address(registry));
        emit IOrchestratorRegistry.Slashed(alice, 400e18, 400e18, 1100e18, 0);
        uint256 slashed = _slash(alice, 400e18);

        assertEq(slashed, 400e18);
        assertEq(slasher.balance, 400e18);
        _assertRecord(alice, 1100e18, 0, 0, true);
        assertEq(registry.totalBonded(), 1100e18);
        assertTrue(registry.isActive(alice));
        _assertConserved();

        // Below the minimum: inactive.
        _slash(alice, 100e18 + 1);
        assertFalse(registry.isActive(alice));
        assertEq(slasher.balance, 500e18 + 1);
    }

    function test_slash_bondThenUnbonding_succeeds() public {
        _register(alice, 3000e18);
        _unbond(alice, 1000e18);
        uint64 releasableAt = uint64(block.timestamp) + UNBONDING;
        vm.warp(block.timestamp + 1 days);

        vm.expectEmit(address(registry));
        emit IOrchestratorRegistry.Slashed(alice, 2500e18, 2500e18, 0, 500e18);
        uint256 slashed = _slash(alice, 2500e18);

        assertEq(slashed, 2500e18);
        assertEq(slasher.balance, 2500e18);
        // The bond went first, then the unbonding balance; the release time is unchanged.
        _assertRecord(alice, 0, 500e18, releasableAt, true);
        assertEq(registry.totalBonded(), 0);
        assertEq(registry.totalUnbonding(), 500e18);
        assertFalse(registry.isActive(alice));
        _assertConserved();

        // Only what is left can be withdrawn.
        vm.warp(releasableAt);
        vm.prank(alice);
        assertEq(registry.withdrawUnbonded(alice), 500e18);
        assertEq(address(registry).balance, 0);
    }

    function test_slash_cappedAtHoldings_succeeds() public {
        _register(alice, 3000e18);
        _register(bob, MIN_BOND);
        _unbond(alice, 1000e18);

        vm.expectEmit(address(registry));
        emit IOrchestratorRegistry.Slashed(alice, type(uint256).max, 3000e18, 0, 0);
        uint256 slashed = _slash(alice, type(uint256).max);

        assertEq(slashed, 3000e18);
        assertEq(slasher.balance, 3000e18);
        // Everything gone, the release time cleared; still registered.
        _assertRecord(alice, 0, 0, 0, true);
        // Others are untouched.
        _assertRecord(bob, MIN_BOND, 0, 0, true);
        assertEq(address(registry).balance, MIN_BOND);
        _assertConserved();

        vm.warp(block.timestamp + UNBONDING);
        vm.expectRevert(abi.encodeWithSelector(IOrchestratorRegistry.NothingToWithdraw.selector, alice));
        vm.prank(alice);
        registry.withdrawUnbonded(alice);
    }

    function test_slash_onlyUnbonding_succeeds() public {
        _register(alice, 2000e18);
        _unbond(alice, 2000e18);
        uint64 releasableAt = uint64(block.timestamp) + UNBONDING;
        _slash(alice, 300e18);
        _assertRecord(alice, 0, 1700e18, releasableAt, true);
        assertEq(slasher.balance, 300e18);
        _assertConserved();
    }

    function test_slash_nothingLeft_succeeds() public {
        // Never registered.
        vm.expectEmit(address(registry));
        emit IOrchestratorRegistry.Slashed(carol, 1e18, 0, 0, 0);
        assertEq(_slash(carol, 1e18), 0);
        assertEq(slasher.balance, 0);
        _assertRecord(carol, 0, 0, 0, false);

        // Left and withdrew everything.
        _register(alice, MIN_BOND);
        _unbond(alice, MIN_BOND);
        vm.warp(block.timestamp + UNBONDING);
        vm.prank(alice);
        registry.withdrawUnbonded(alice);
        assertEq(_slash(alice, MIN_BOND), 0);
        assertEq(slasher.balance, 0);
    }

    /// @dev Fraud stays punishable while everything else is paused.
    function test_slash_whenPaused_succeeds() public {
        _register(alice, 2000e18);
        _pause();
        assertEq(_slash(alice, 700e18), 700e18);
        assertEq(slasher.balance, 700e18);
        _assertRecord(alice, 1300e18, 0, 0, true);
        _assertConserved();
    }

    function test_slash_notSlasher_reverts() public {
        _register(alice, MIN_BOND);
        address[4] memory callers = [alice, bob, admin, guardian];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(ICommon.Unauthorized.selector, callers[i]));
            vm.prank(callers[i]);
            registry.slash(alice, 1);
        }
        _assertRecord(alice, MIN_BOND, 0, 0, true);
    }

    function test_slash_zeroAmount_reverts() public {
        _register(alice, MIN_BOND);
        vm.expectRevert(ICommon.ZeroAmount.selector);
        _slash(alice, 0);
    }

    function test_slash_rejectingSlasher_reverts() public {
        RejectingSlasher rejecting = new RejectingSlasher();
        registry = _deploy(address(rejecting), MIN_BOND, UNBONDING);
        _register(alice, MIN_BOND);
        vm.expectRevert(
            abi.encodeWithSelector(ICommon.NativeTransferFailed.selector, address(rejecting), 10e18)
        );
        rejecting.slash(registry, alice, 10e18);
        _assertRecord(alice, MIN_BOND, 0, 0, true);

        // Nothing to take: nothing is sent, so even this slasher settles.
        assertEq(rejecting.slash(registry, bob, 10e18), 0);
    }

    function test_slash_reentrantCall_reverts() public {
        ReentrantSlasher reentrant = new ReentrantSlasher();
        registry = _deploy(address(reentrant), MIN_BOND, UNBONDING);
        _register(alice, 2000e18);

        assertEq(reentrant.slash(registry, alice, 100e18), 100e18);

        assertEq(reentrant.received(), 100e18, "only one slash was paid");
        _expectReentrancy(reentrant.reentryError());
        _assertRecord(alice, 1900e18, 0, 0, true);
        _assertConserved();
    }

    function testFuzz_slash_bondThenUnbonding_succeeds(uint256 bond, uint256 unbond, uint256 amount) public {
        bond = bound(bond, MIN_BOND, 1e27);
        unbond = bound(unbond, 0, bond);
        if (bond - unbond != 0 && bond - unbond < MIN_BOND) unbond = bond;
        amount = bound(amount, 1, type(uint256).max);
        _register(alice, bond);
        _register(bob, MIN_BOND);
        uint64 releasableAt;
        if (unbond != 0) {
            _unbond(alice, unbond);
            releasableAt = uint64(block.timestamp) + UNBONDING;
        }
        uint256 bonded = bond - unbond;

        uint256 fromBonded = amount < bonded ? amount : bonded;
        uint256 fromUnbonding = amount - fromBonded < unbond ? amount - fromBonded : unbond;
        uint256 expected = fromBonded + fromUnbonding;

        vm.expectEmit(address(registry));
        emit IOrchestratorRegistry.Slashed(
            alice, amount, expected, bonded - fromBonded, unbond - fromUnbonding
        );
        assertEq(_slash(alice, amount), expected);

        assertEq(slasher.balance, expected);
        _assertRecord(
            alice,
            bonded - fromBonded,
            unbond - fromUnbonding,
            unbond - fromUnbonding == 0 ? 0 : releasableAt,
            true
        );
        assertEq(registry.isActive(alice), bonded - fromBonded >= MIN_BOND);
        _assertRecord(bob, MIN_BOND, 0, 0, true);
        assertEq(address(registry).balance, bond + MIN_BOND - expected);
        _assertConserved();
    }

    // ---------------------------------------------------------------------------------------------
    // isActive
    // ---------------------------------------------------------------------------------------------

    function test_isActive_flips_succeeds() public {
        assertFalse(registry.isActive(alice), "unregistered");
        _register(alice, 2000e18);
        assertTrue(registry.isActive(alice), "registered");
        _unbond(alice, 1000e18);
        assertTrue(registry.isActive(alice), "exactly the minimum");
        _slash(alice, 1);
        assertFalse(registry.isActive(alice), "slashed below the minimum");
        vm.prank(alice);
        registry.addBond{value: 1}();
        assertTrue(registry.isActive(alice), "topped up");
        _unbond(alice, MIN_BOND);
        assertFalse(registry.isActive(alice), "unbonded everything");
        vm.prank(alice);
        registry.addBond{value: MIN_BOND - 1}();
        assertFalse(registry.isActive(alice), "a bond below the minimum");
        vm.prank(alice);
        registry.addBond{value: 1}();
        assertTrue(registry.isActive(alice), "back at the minimum");
    }

    function test_isActive_unaffectedByPause_succeeds() public {
        _register(alice, MIN_BOND);
        _pause();
        assertTrue(registry.isActive(alice));
    }

    // ---------------------------------------------------------------------------------------------
    // Pause
    // ---------------------------------------------------------------------------------------------

    function test_pause_notGuardian_reverts() public {
        bytes32 role = registry.GUARDIAN_ROLE();
        address[3] memory callers = [admin, slasher, alice];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IAccessControl.AccessControlUnauthorizedAccount.selector, callers[i], role
                )
            );
            vm.prank(callers[i]);
            registry.pause();
        }
        assertFalse(registry.paused());
    }

    function test_unpause_notGuardian_reverts() public {
        _pause();
        bytes32 role = registry.GUARDIAN_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, role)
        );
        vm.prank(admin);
        registry.unpause();
        assertTrue(registry.paused());
    }

    function test_unpause_resumesActions_succeeds() public {
        _register(alice, 2000e18);
        vm.startPrank(guardian);
        registry.pause();
        assertTrue(registry.paused());
        registry.unpause();
        vm.stopPrank();
        assertFalse(registry.paused());
        _unbond(alice, 1000e18);
        vm.prank(alice);
        registry.addBond{value: 1}();
        _register(bob, MIN_BOND);
        _assertRecord(alice, 1000e18 + 1, 1000e18, uint64(block.timestamp) + UNBONDING, true);
        assertTrue(registry.isActive(bob));
    }
}
