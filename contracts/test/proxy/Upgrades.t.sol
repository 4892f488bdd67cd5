// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Guarded} from "../../src/access/Guarded.sol";
import {FeeDistributor} from "../../src/fees/FeeDistributor.sol";
import {IAgentMarket} from "../../src/interfaces/IAgentMarket.sol";
import {IAgentRegistry} from "../../src/interfaces/IAgentRegistry.sol";
import {IAgentTokenFactory} from "../../src/interfaces/IAgentTokenFactory.sol";
import {ICR8Staking} from "../../src/interfaces/ICR8Staking.sol";
import {IFeeDistributor} from "../../src/interfaces/IFeeDistributor.sol";
import {IGuarded} from "../../src/interfaces/IGuarded.sol";
import {IKycRegistry} from "../../src/interfaces/IKycRegistry.sol";
import {IPredeployProxy} from "../../src/interfaces/IPredeployProxy.sol";
import {KycRegistry} from "../../src/kyc/KycRegistry.sol";
import {AgentMarket} from "../../src/market/AgentMarket.sol";
import {AgentRegistry} from "../../src/registry/AgentRegistry.sol";
import {CR8Staking} from "../../src/staking/CR8Staking.sol";
import {AgentToken} from "../../src/token/AgentToken.sol";
import {AgentTokenFactory} from "../../src/token/AgentTokenFactory.sol";
import {CR8Test} from "../utils/CR8Test.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {
    ITransparentUpgradeableProxy
} from "@openzeppelin/contracts/proxy/transparent/TransparentUpgradeableProxy.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";

interface IVersioned {
    function version() external view returns (string memory);
}

/// @notice A registry upgrade that adds a second initializer, its own ERC-7201 namespace and a function.
contract AgentRegistryV2 is AgentRegistry {
    /// @custom:storage-location erc7201:cr8.storage.AgentRegistryV2
    struct V2Storage {
        uint256 marker;
    }

    // keccak256(abi.encode(uint256(keccak256("cr8.storage.AgentRegistryV2")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant V2_LOCATION = keccak256(
        abi.encode(uint256(keccak256("cr8.storage.AgentRegistryV2")) - 1)
    ) & ~bytes32(uint256(0xff));

    constructor(IAgentTokenFactory tokenFactory, IAgentMarket agentMarket, IKycRegistry kycRegistry)
        AgentRegistry(tokenFactory, agentMarket, kycRegistry)
    {}

    function initializeV2(uint256 marker_) external reinitializer(2) {
        _v2().marker = marker_;
    }

    function marker() external view returns (uint256) {
        return _v2().marker;
    }

    /// @notice New logic over the old state.
    function creatorsAgentCount(address creator) external view returns (uint256 count) {
        uint256 total = this.totalAgents();
        for (uint256 id = 1; id <= total; ++id) {
            if (this.creatorOf(id) == creator) ++count;
        }
    }

    function _v2() private pure returns (V2Storage storage $) {
        bytes32 location = V2_LOCATION;
        assembly {
            $.slot := location
        }
    }
}

/// @notice A staking upgrade that adds a function reading the existing state.
contract CR8StakingV2 is CR8Staking {
    function positionOf(address account)
        external
        view
        returns (uint256 staked, uint256 unbonding, uint256 rewards)
    {
        (unbonding,) = this.unbondingOf(account);
        return (this.stakedOf(account), unbonding, this.earned(account));
    }
}

/// @notice A market upgrade that adds a function.
contract AgentMarketV2 is AgentMarket {
    constructor(IAgentRegistry registry, IFeeDistributor feeDistributor)
        AgentMarket(registry, feeDistributor)
    {}

    function poolValue(uint256 agentId) external view returns (uint256) {
        Pool memory p = this.pool(agentId);
        return uint256(p.reserve) + p.virtualReserve;
    }
}

/// @notice A distributor upgrade that adds a function.
contract FeeDistributorV2 is FeeDistributor {
    constructor(IAgentRegistry registry, ICR8Staking staking) FeeDistributor(registry, staking) {}

    function unclaimedHolderFees(uint256 agentId) external view returns (uint256) {
        (uint256 distributed, uint256 claimed) = this.holderFeeTotals(agentId);
        return distributed - claimed;
    }
}

/// @notice Upgradeability of the system as CR8Deployer deploys it: proxy administration, initializer
///         locks, state preservation across upgrades, ERC-7201 storage locations, and the guardian.
contract UpgradesTest is CR8Test {
    bytes32 internal constant IMPLEMENTATION_SLOT =
        bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1);
    bytes32 internal constant ADMIN_SLOT = bytes32(uint256(keccak256("eip1967.proxy.admin")) - 1);

    uint256 internal agentOne;
    uint256 internal agentTwo;
    AgentToken internal tokenOne;

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    function _erc7201(string memory id) internal pure returns (bytes32) {
        return keccak256(abi.encode(uint256(keccak256(bytes(id))) - 1)) & ~bytes32(uint256(0xff));
    }

    function _implementationOf(address proxy) internal view returns (address) {
        return address(uint160(uint256(vm.load(proxy, IMPLEMENTATION_SLOT))));
    }

    function _proxies() internal view returns (address[6] memory) {
        return [
            address(registry),
            address(tokenFactory),
            address(market),
            address(feeDistributor),
            address(staking),
            address(kyc)
        ];
    }

    function _guarded() internal view returns (IGuarded[4] memory) {
        return [
            IGuarded(address(registry)),
            IGuarded(address(market)),
            IGuarded(address(feeDistributor)),
            IGuarded(address(staking))
        ];
    }

    function _upgrade(address proxy, address implementation, bytes memory data) internal {
        vm.prank(admin);
        deployment.proxyAdmin.upgradeAndCall(ITransparentUpgradeableProxy(proxy), implementation, data);
    }

    /// @dev Registers two agents, trades, stakes, unstakes, distributes fees and attests KYC.
    function _populate() internal {
        (agentOne, tokenOne) = registerAgent(alice);
        (agentTwo,) = registerAgent(bob);

        vm.prank(bob);
        staking.stake{value: 100e18}();
        vm.startPrank(alice);
        staking.stake{value: 20e18}();
        staking.unstake(5e18);
        vm.stopPrank();

        buyTokens(carol, agentOne, 500e18);
        buyTokens(bob, agentTwo, 50e18);

        vm.prank(bob);
        feeDistributor.distribute{value: 10e18}(agentOne, orchestrator);

        vm.prank(attester);
        kyc.attest(alice, uint64(block.timestamp + 365 days), keccak256("provider-ref"));

        vm.prank(alice);
        registry.setPricing(agentOne, 0.002e18, 20_000);
    }

    function _registryState() internal view returns (bytes memory) {
        IAgentRegistry.AgentInfo memory one = registry.agent(agentOne);
        IAgentRegistry.AgentInfo memory two = registry.agent(agentTwo);
        return bytes.concat(
            abi.encode(registry.totalAgents(), registry.registrationFee(), registry.kycRequired()),
            abi.encode(one),
            abi.encode(two),
            abi.encode(registry.ownerOf(agentOne), registry.ownerOf(agentTwo), registry.tokenURI(agentOne)),
            abi.encode(registry.getAgentWallet(agentOne), registry.executionFee(agentOne), registry.name()),
            abi.encode(
                registry.hasRole(registry.DEFAULT_ADMIN_ROLE(), admin),
                registry.hasRole(registry.GUARDIAN_ROLE(), guardian),
                registry.paused()
            )
        );
    }

    function _marketState() internal view returns (bytes memory) {
        return bytes.concat(
            abi.encode(market.pool(agentOne), market.pool(agentTwo)),
            abi.encode(market.tradeFeeBps(), market.virtualReserve(), market.liquidityOf(agentOne)),
            abi.encode(market.spotPrice(agentOne), address(market).balance),
            abi.encode(market.hasRole(market.GUARDIAN_ROLE(), guardian), market.paused())
        );
    }

    function _distributorState() internal view returns (bytes memory) {
        (uint256 distributed, uint256 claimed) = feeDistributor.holderFeeTotals(agentOne);
        return bytes.concat(
            abi.encode(feeDistributor.feeSplit(), feeDistributor.treasury()),
            abi.encode(
                feeDistributor.claimableOf(alice),
                feeDistributor.claimableOf(bob),
                feeDistributor.claimableOf(orchestrator),
                feeDistributor.claimableOf(treasury)
            ),
            abi.encode(distributed, claimed, feeDistributor.holderFeesOf(agentOne, carol)),
            abi.encode(
                address(feeDistributor).balance,
                feeDistributor.hasRole(feeDistributor.GUARDIAN_ROLE(), guardian)
            )
        );
    }

    function _stakingState() internal view returns (bytes memory) {
        (uint256 aliceUnbonding, uint64 aliceUnlocks) = staking.unbondingOf(alice);
        return bytes.concat(
            abi.encode(staking.stakedOf(bob), staking.stakedOf(alice), aliceUnbonding, aliceUnlocks),
            abi.encode(staking.totalStaked(), staking.totalUnbonding(), staking.queuedRewards()),
            abi.encode(staking.rewardPerStake(), staking.earned(bob), staking.earned(alice)),
            abi.encode(staking.unbondingPeriod(), address(staking).balance, staking.paused())
        );
    }

    function _otherState() internal view returns (bytes memory) {
        return bytes.concat(
            abi.encode(
                kyc.verifiedUntil(alice), kyc.isVerified(alice), kyc.hasRole(kyc.ATTESTER_ROLE(), attester)
            ),
            abi.encode(tokenFactory.tokenImplementation(), tokenFactory.registry()),
            abi.encode(tokenOne.balanceOf(carol), tokenOne.totalSupply(), tokenOne.withdrawableFeesOf(carol))
        );
    }

    function _systemState() internal view returns (bytes32) {
        return keccak256(
            bytes.concat(
                _registryState(), _marketState(), _distributorState(), _stakingState(), _otherState()
            )
        );
    }

    function _freshImplementations() internal returns (address[6] memory impls) {
        impls[0] =
            address(new AgentRegistry(registry.TOKEN_FACTORY(), registry.MARKET(), registry.KYC_REGISTRY()));
        impls[1] = address(new AgentTokenFactory(tokenFactory.tokenImplementation(), tokenFactory.registry()));
        impls[2] = address(new AgentMarket(market.REGISTRY(), market.FEE_DISTRIBUTOR()));
        impls[3] = address(new FeeDistributor(feeDistributor.REGISTRY(), feeDistributor.STAKING()));
        impls[4] = address(new CR8Staking());
        impls[5] = address(new KycRegistry());
    }

    /// @dev After an upgrade, every flow still works on the preserved state.
    function _exerciseAfterUpgrade() internal {
        // Staking: rewards from the pre-upgrade fees, the pending unbonding.
        uint256 bobEarned = staking.earned(bob);
        assertGt(bobEarned, 0);
        uint256 bobBefore = bob.balance;
        vm.prank(bob);
        assertEq(staking.claimRewards(), bobEarned);
        assertEq(bob.balance, bobBefore + bobEarned);
        vm.warp(block.timestamp + staking.unbondingPeriod());
        vm.prank(alice);
        assertEq(staking.withdraw(), 5e18);

        // Fees: the orchestrator's and the holders' balances survived.
        uint256 orchestratorShare = feeDistributor.claimableOf(orchestrator);
        assertGt(orchestratorShare, 0);
        vm.prank(orchestrator);
        feeDistributor.claim(orchestrator);
        assertEq(orchestrator.balance, orchestratorShare);
        uint256 carolFees = feeDistributor.holderFeesOf(agentOne, carol);
        assertGt(carolFees, 0);
        vm.prank(carol);
        assertEq(feeDistributor.claimHolderFees(agentOne, carol), carolFees);

        // Market: the pre-upgrade buyer sells on the same curve.
        uint256 carolTokens = tokenOne.balanceOf(carol);
        (uint256 quoted,) = market.quoteSell(agentOne, carolTokens);
        vm.prank(carol);
        assertEq(market.sell(agentOne, carolTokens, quoted, block.timestamp), quoted);

        // Registry and factory: the next agent gets the next id.
        (uint256 next,) = registerAgent(carol);
        assertEq(next, agentTwo + 1);
    }

    // ---------------------------------------------------------------------------------------------
    // Administration
    // ---------------------------------------------------------------------------------------------

    function test_proxyAdmin_administersEveryProxy_succeeds() public {
        address[6] memory proxies = _proxies();
        for (uint256 i; i < proxies.length; ++i) {
            assertEq(
                address(uint160(uint256(vm.load(proxies[i], ADMIN_SLOT)))), address(deployment.proxyAdmin)
            );
            vm.prank(address(0));
            assertEq(IPredeployProxy(proxies[i]).admin(), address(deployment.proxyAdmin));
            vm.prank(address(0));
            address implementation = IPredeployProxy(proxies[i]).implementation();
            assertEq(implementation, _implementationOf(proxies[i]));
            assertGt(implementation.code.length, 0);
            assertNotEq(implementation, proxies[i]);
        }
        assertEq(deployment.proxyAdmin.owner(), admin);
    }

    function test_proxyAdmin_implementationsAreDistinct_succeeds() public view {
        address[6] memory proxies = _proxies();
        for (uint256 i; i < proxies.length; ++i) {
            for (uint256 j = i + 1; j < proxies.length; ++j) {
                assertNotEq(_implementationOf(proxies[i]), _implementationOf(proxies[j]));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // initialize
    // ---------------------------------------------------------------------------------------------

    function test_initialize_registryTwice_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        vm.prank(alice);
        registry.initialize(alice, alice, 0, false);
    }

    function test_initialize_marketTwice_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        vm.prank(alice);
        market.initialize(alice, alice, 0, 1e18);
    }

    function test_initialize_feeDistributorTwice_reverts() public {
        IFeeDistributor.FeeSplit memory split = IFeeDistributor.FeeSplit(10_000, 0, 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        vm.prank(alice);
        feeDistributor.initialize(alice, alice, alice, split);
    }

    function test_initialize_stakingTwice_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        vm.prank(alice);
        staking.initialize(alice, alice, 0);
    }

    function test_initialize_kycTwice_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        vm.prank(alice);
        kyc.initialize(alice, alice);
    }

    function test_initialize_registryImplementation_reverts() public {
        AgentRegistry implementation = AgentRegistry(_implementationOf(address(registry)));
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        implementation.initialize(alice, alice, 0, false);
    }

    function test_initialize_marketImplementation_reverts() public {
        AgentMarket implementation = AgentMarket(_implementationOf(address(market)));
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        implementation.initialize(alice, alice, 0, 1e18);
    }

    function test_initialize_feeDistributorImplementation_reverts() public {
        FeeDistributor implementation = FeeDistributor(_implementationOf(address(feeDistributor)));
        IFeeDistributor.FeeSplit memory split = IFeeDistributor.FeeSplit(10_000, 0, 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        implementation.initialize(alice, alice, alice, split);
    }

    function test_initialize_stakingImplementation_reverts() public {
        CR8Staking implementation = CR8Staking(_implementationOf(address(staking)));
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        implementation.initialize(alice, alice, 0);
    }

    function test_initialize_kycImplementation_reverts() public {
        KycRegistry implementation = KycRegistry(_implementationOf(address(kyc)));
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        implementation.initialize(alice, alice);
    }

    function test_initialize_initializableVersions_succeeds() public view {
        // OpenZeppelin's Initializable namespace: version 1 behind each initialized proxy, the "disabled"
        // marker (2**64 - 1) in each implementation.
        bytes32 slot = _erc7201("openzeppelin.storage.Initializable");
        address[5] memory initialized =
            [address(registry), address(market), address(feeDistributor), address(staking), address(kyc)];
        for (uint256 i; i < initialized.length; ++i) {
            assertEq(uint256(vm.load(initialized[i], slot)), 1);
            assertEq(uint256(vm.load(_implementationOf(initialized[i]), slot)), type(uint64).max);
        }
    }

    function test_upgradeAndCall_reinitializeWithV1Initializer_reverts() public {
        address fresh = address(new CR8Staking());
        vm.expectRevert(
            abi.encodeWithSelector(
                IPredeployProxy.UpgradeCallFailed.selector,
                abi.encodeWithSelector(Initializable.InvalidInitialization.selector)
            )
        );
        _upgrade(address(staking), fresh, abi.encodeCall(CR8Staking.initialize, (alice, alice, 0)));
    }

    // ---------------------------------------------------------------------------------------------
    // Upgrades preserve state
    // ---------------------------------------------------------------------------------------------

    function test_upgradeAndCall_freshImplementationsPreserveAllState_succeeds() public {
        _populate();
        bytes32 before = _systemState();
        address[6] memory proxies = _proxies();
        address[6] memory impls = _freshImplementations();
        for (uint256 i; i < proxies.length; ++i) {
            address old = _implementationOf(proxies[i]);
            vm.expectEmit(true, false, false, false, proxies[i]);
            emit IPredeployProxy.Upgraded(impls[i]);
            _upgrade(proxies[i], impls[i], "");
            assertEq(_implementationOf(proxies[i]), impls[i]);
            assertNotEq(old, impls[i]);
            assertEq(IVersioned(proxies[i]).version(), IVersioned(impls[i]).version());
        }
        assertEq(_systemState(), before);
        _exerciseAfterUpgrade();
    }

    function test_systemState_detectsAnyChange_succeeds() public {
        // Guards the comparison above against being vacuous: one wei staked changes the digest.
        _populate();
        bytes32 before = _systemState();
        vm.prank(carol);
        staking.stake{value: 1}();
        assertNotEq(_systemState(), before);
    }

    function test_upgradeAndCall_registryV2WithReinitializer_succeeds() public {
        _populate();
        bytes32 before = _systemState();
        AgentRegistryV2 v2 =
            new AgentRegistryV2(registry.TOKEN_FACTORY(), registry.MARKET(), registry.KYC_REGISTRY());
        _upgrade(address(registry), address(v2), abi.encodeCall(AgentRegistryV2.initializeV2, (42)));

        AgentRegistryV2 upgraded = AgentRegistryV2(address(registry));
        assertEq(upgraded.marker(), 42);
        assertEq(upgraded.creatorsAgentCount(alice), 1);
        assertEq(upgraded.creatorsAgentCount(carol), 0);
        assertEq(_systemState(), before);
        assertEq(uint256(vm.load(address(registry), _erc7201("openzeppelin.storage.Initializable"))), 2);

        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        upgraded.initializeV2(7);
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        upgraded.initialize(alice, alice, 0, false);
        _exerciseAfterUpgrade();
        assertEq(upgraded.creatorsAgentCount(carol), 1);
    }

    function test_upgradeAndCall_v2ContractsAddFunctions_succeeds() public {
        _populate();
        bytes32 before = _systemState();
        _upgrade(address(staking), address(new CR8StakingV2()), "");
        _upgrade(address(market), address(new AgentMarketV2(market.REGISTRY(), market.FEE_DISTRIBUTOR())), "");
        _upgrade(
            address(feeDistributor),
            address(new FeeDistributorV2(feeDistributor.REGISTRY(), feeDistributor.STAKING())),
            ""
        );
        assertEq(_systemState(), before);

        (uint256 staked, uint256 unbonding, uint256 rewards) =
            CR8StakingV2(address(staking)).positionOf(alice);
        assertEq(staked, staking.stakedOf(alice));
        assertEq(staked, 15e18);
        assertEq(unbonding, 5e18);
        assertEq(rewards, staking.earned(alice));

        IAgentMarket.Pool memory p = market.pool(agentOne);
        assertEq(AgentMarketV2(address(market)).poolValue(agentOne), uint256(p.reserve) + p.virtualReserve);

        (uint256 distributed, uint256 claimed) = feeDistributor.holderFeeTotals(agentOne);
        assertGt(distributed, 0);
        assertEq(
            FeeDistributorV2(address(feeDistributor)).unclaimedHolderFees(agentOne), distributed - claimed
        );
        _exerciseAfterUpgrade();
    }

    function test_upgradeAndCall_pausedStateAndRolesSurvive_succeeds() public {
        _populate();
        vm.prank(guardian);
        staking.pause();
        _upgrade(address(staking), address(new CR8Staking()), "");
        assertTrue(staking.paused());
        assertTrue(staking.hasRole(staking.GUARDIAN_ROLE(), guardian));
        assertTrue(staking.hasRole(staking.DEFAULT_ADMIN_ROLE(), admin));
        vm.expectRevert(abi.encodeWithSelector(PausableUpgradeable.EnforcedPause.selector));
        vm.prank(bob);
        staking.claimRewards();
        vm.prank(guardian);
        staking.unpause();
        vm.prank(bob);
        assertGt(staking.claimRewards(), 0);
    }

    function testFuzz_upgradeAndCall_stakesSurvive_succeeds(uint96 bobStake, uint96 aliceStake, uint96 fee)
        public
    {
        bobStake = uint96(bound(bobStake, 1, 1000e18));
        aliceStake = uint96(bound(aliceStake, 1, 1000e18));
        fee = uint96(bound(fee, 1, 100e18));
        (uint256 agentId,) = registerAgent(alice);
        vm.prank(bob);
        staking.stake{value: bobStake}();
        vm.prank(alice);
        staking.stake{value: aliceStake}();
        vm.deal(carol, fee);
        vm.prank(carol);
        feeDistributor.distribute{value: fee}(agentId, address(0));
        bytes memory before = _stakingState();
        uint256 creatorClaimable = feeDistributor.claimableOf(alice);

        _upgrade(address(staking), address(new CR8Staking()), "");
        _upgrade(
            address(feeDistributor),
            address(new FeeDistributor(feeDistributor.REGISTRY(), feeDistributor.STAKING())),
            ""
        );

        assertEq(_stakingState(), before);
        assertEq(feeDistributor.claimableOf(alice), creatorClaimable);
        assertEq(staking.totalStaked(), uint256(bobStake) + aliceStake);
    }

    // ---------------------------------------------------------------------------------------------
    // Who may upgrade
    // ---------------------------------------------------------------------------------------------

    function test_upgradeAndCall_notOwner_reverts() public {
        address[6] memory proxies = _proxies();
        address[6] memory impls = _freshImplementations();
        address[3] memory outsiders = [alice, guardian, treasury];
        for (uint256 i; i < proxies.length; ++i) {
            for (uint256 j; j < outsiders.length; ++j) {
                vm.expectRevert(
                    abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, outsiders[j])
                );
                vm.prank(outsiders[j]);
                deployment.proxyAdmin.upgradeAndCall(ITransparentUpgradeableProxy(proxies[i]), impls[i], "");
            }
        }
    }

    function test_upgradeTo_directCallByAnyoneNotProxyAdmin_reverts() public {
        // The ProxyAdmin owner and everyone else reach the implementation, which has no upgradeTo.
        address[6] memory proxies = _proxies();
        address[6] memory impls = _freshImplementations();
        address[2] memory callers = [admin, alice];
        for (uint256 i; i < proxies.length; ++i) {
            address old = _implementationOf(proxies[i]);
            for (uint256 j; j < callers.length; ++j) {
                vm.prank(callers[j]);
                (bool ok, bytes memory returndata) =
                    proxies[i].call(abi.encodeCall(IPredeployProxy.upgradeTo, (impls[i])));
                assertFalse(ok);
                assertEq(returndata.length, 0);
                vm.prank(callers[j]);
                (ok,) = proxies[i].call(abi.encodeCall(IPredeployProxy.changeAdmin, (callers[j])));
                assertFalse(ok);
            }
            assertEq(_implementationOf(proxies[i]), old);
            assertEq(
                address(uint160(uint256(vm.load(proxies[i], ADMIN_SLOT)))), address(deployment.proxyAdmin)
            );
        }
    }

    function test_upgradeAndCall_implementationWithoutCode_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IPredeployProxy.ImplementationHasNoCode.selector, alice));
        _upgrade(address(registry), alice, "");
    }

    function test_upgradeAndCall_valueWithoutCall_reverts() public {
        address fresh = address(new CR8Staking());
        vm.deal(admin, 1e18);
        vm.expectRevert(abi.encodeWithSelector(ERC1967Utils.ERC1967NonPayable.selector));
        vm.prank(admin);
        deployment.proxyAdmin.upgradeAndCall{value: 1e18}(
            ITransparentUpgradeableProxy(address(staking)), fresh, ""
        );
    }

    function test_transferOwnership_newOwnerUpgradesOldCannot_succeeds() public {
        vm.prank(admin);
        deployment.proxyAdmin.transferOwnership(bob);
        address fresh = address(new KycRegistry());
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, admin));
        vm.prank(admin);
        deployment.proxyAdmin.upgradeAndCall(ITransparentUpgradeableProxy(address(kyc)), fresh, "");
        vm.prank(bob);
        deployment.proxyAdmin.upgradeAndCall(ITransparentUpgradeableProxy(address(kyc)), fresh, "");
        assertEq(_implementationOf(address(kyc)), fresh);
    }

    // ---------------------------------------------------------------------------------------------
    // ERC-7201 storage locations
    // ---------------------------------------------------------------------------------------------

    function test_storageLocation_agentRegistry_succeeds() public {
        _populate();
        vm.startPrank(admin);
        registry.setRegistrationFee(0.5e18);
        registry.setKycRequired(true);
        vm.stopPrank();
        bytes32 slot = _erc7201("cr8.storage.AgentRegistry");
        assertEq(slot, 0xd2300a75ff3f943dcaa1290b195e0d1218f18e50b3426e9c437f6c87467d9300);
        // lastAgentId (uint64) | kycRequired (bool) << 64 | registrationFee (uint128) << 72
        uint256 packed = uint256(vm.load(address(registry), slot));
        assertEq(uint64(packed), registry.totalAgents());
        assertEq(uint8(packed >> 64), 1);
        assertEq(uint128(packed >> 72), registry.registrationFee());
        assertEq(packed, registry.totalAgents() | (1 << 64) | (uint256(0.5e18) << 72));
        // agents[agentOne].creator: the first slot of the mapping's value.
        bytes32 agentSlot = keccak256(abi.encode(agentOne, uint256(slot) + 1));
        assertEq(address(uint160(uint256(vm.load(address(registry), agentSlot)))), alice);
        _assertSourceHasLocation("src/registry/AgentRegistry.sol", slot);
    }

    function test_storageLocation_agentMarket_succeeds() public {
        _populate();
        bytes32 slot = _erc7201("cr8.storage.AgentMarket");
        // tradeFeeBps (uint16) | virtualReserve (uint128) << 16
        uint256 packed = uint256(vm.load(address(market), slot));
        assertEq(uint16(packed), market.tradeFeeBps());
        assertEq(uint128(packed >> 16), market.virtualReserve());
        // pools[agentOne]: reserve | virtualReserve << 128
        uint256 poolWord =
            uint256(vm.load(address(market), keccak256(abi.encode(agentOne, uint256(slot) + 1))));
        IAgentMarket.Pool memory p = market.pool(agentOne);
        assertEq(uint128(poolWord), p.reserve);
        assertEq(uint128(poolWord >> 128), p.virtualReserve);
        assertGt(p.reserve, 0);
        _assertSourceHasLocation("src/market/AgentMarket.sol", slot);
    }

    function test_storageLocation_feeDistributor_succeeds() public {
        _populate();
        bytes32 slot = _erc7201("cr8.storage.FeeDistributor");
        IFeeDistributor.FeeSplit memory split = feeDistributor.feeSplit();
        uint256 packed = uint256(vm.load(address(feeDistributor), slot));
        assertEq(uint16(packed), split.holdersBps);
        assertEq(uint16(packed >> 16), split.stakersBps);
        assertEq(uint16(packed >> 32), split.creatorBps);
        assertEq(uint16(packed >> 48), split.orchestratorBps);
        assertEq(uint16(packed >> 64), split.treasuryBps);
        assertEq(
            address(uint160(uint256(vm.load(address(feeDistributor), bytes32(uint256(slot) + 1))))), treasury
        );
        assertEq(feeDistributor.treasury(), treasury);
        // claimable[orchestrator]
        bytes32 claimableSlot = keccak256(abi.encode(orchestrator, uint256(slot) + 2));
        assertEq(
            uint256(vm.load(address(feeDistributor), claimableSlot)), feeDistributor.claimableOf(orchestrator)
        );
        assertGt(feeDistributor.claimableOf(orchestrator), 0);
        _assertSourceHasLocation("src/fees/FeeDistributor.sol", slot);
    }

    function test_storageLocation_cr8Staking_succeeds() public {
        _populate();
        bytes32 slot = _erc7201("cr8.storage.CR8Staking");
        uint256 totals = uint256(vm.load(address(staking), slot));
        assertEq(uint128(totals), staking.totalStaked());
        assertEq(uint128(totals >> 128), staking.totalUnbonding());
        assertEq(uint256(vm.load(address(staking), bytes32(uint256(slot) + 1))), staking.rewardPerStake());
        uint256 packed = uint256(vm.load(address(staking), bytes32(uint256(slot) + 2)));
        assertEq(uint128(packed), staking.queuedRewards());
        assertEq(uint64(packed >> 128), staking.unbondingPeriod());
        assertEq(staking.unbondingPeriod(), 7 days);
        _assertSourceHasLocation("src/staking/CR8Staking.sol", slot);
    }

    function test_storageLocation_kycRegistry_succeeds() public {
        _populate();
        bytes32 slot = _erc7201("cr8.storage.KycRegistry");
        bytes32 entry = keccak256(abi.encode(alice, slot));
        assertEq(uint64(uint256(vm.load(address(kyc), entry))), kyc.verifiedUntil(alice));
        assertGt(kyc.verifiedUntil(alice), block.timestamp);
        _assertSourceHasLocation("src/kyc/KycRegistry.sol", slot);
    }

    function test_storageLocation_noLinearStorage_succeeds() public {
        // Every proxied contract keeps its state in namespaces, so the low slots stay empty and an upgrade
        // that adds inheritance cannot collide.
        _populate();
        address[6] memory proxies = _proxies();
        for (uint256 i; i < proxies.length; ++i) {
            for (uint256 s; s < 8; ++s) {
                assertEq(vm.load(proxies[i], bytes32(s)), bytes32(0));
            }
        }
    }

    function _assertSourceHasLocation(string memory path, bytes32 location) internal view {
        // forge fmt may break the declaration after `=`, so match the declaration and the value apart.
        string memory source = vm.readFile(path);
        string memory declaration = "bytes32 private constant STORAGE_LOCATION =";
        string memory value = string.concat(vm.toString(location), ";");
        uint256 at = vm.indexOf(source, declaration);
        assertTrue(at != type(uint256).max, string.concat(path, ": no STORAGE_LOCATION constant"));
        assertTrue(
            vm.indexOf(source, value) != type(uint256).max,
            string.concat(path, ": STORAGE_LOCATION is not ", value)
        );
    }

    // ---------------------------------------------------------------------------------------------
    // Guardian: pause / unpause
    // ---------------------------------------------------------------------------------------------

    function test_pause_guardianPausesAndUnpausesEach_succeeds() public {
        IGuarded[4] memory guarded = _guarded();
        for (uint256 i; i < guarded.length; ++i) {
            PausableUpgradeable target = PausableUpgradeable(address(guarded[i]));
            assertFalse(target.paused());
            vm.expectEmit(false, false, false, true, address(target));
            emit PausableUpgradeable.Paused(guardian);
            vm.prank(guardian);
            guarded[i].pause();
            assertTrue(target.paused());
            vm.expectEmit(false, false, false, true, address(target));
            emit PausableUpgradeable.Unpaused(guardian);
            vm.prank(guardian);
            guarded[i].unpause();
            assertFalse(target.paused());
        }
    }

    function test_pause_notGuardian_reverts() public {
        IGuarded[4] memory guarded = _guarded();
        address[3] memory outsiders = [alice, admin, address(deployment.proxyAdmin)];
        for (uint256 i; i < guarded.length; ++i) {
            bytes32 role = Guarded(address(guarded[i])).GUARDIAN_ROLE();
            for (uint256 j; j < outsiders.length; ++j) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IAccessControl.AccessControlUnauthorizedAccount.selector, outsiders[j], role
                    )
                );
                vm.prank(outsiders[j]);
                guarded[i].pause();
            }
            assertFalse(PausableUpgradeable(address(guarded[i])).paused());
        }
    }

    function test_unpause_notGuardian_reverts() public {
        IGuarded[4] memory guarded = _guarded();
        for (uint256 i; i < guarded.length; ++i) {
            vm.prank(guardian);
            guarded[i].pause();
            bytes32 role = Guarded(address(guarded[i])).GUARDIAN_ROLE();
            vm.expectRevert(
                abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, role)
            );
            vm.prank(admin);
            guarded[i].unpause();
            assertTrue(PausableUpgradeable(address(guarded[i])).paused());
        }
    }

    function test_pause_whenPaused_reverts() public {
        IGuarded[4] memory guarded = _guarded();
        for (uint256 i; i < guarded.length; ++i) {
            vm.prank(guardian);
            guarded[i].pause();
            vm.expectRevert(abi.encodeWithSelector(PausableUpgradeable.EnforcedPause.selector));
            vm.prank(guardian);
            guarded[i].pause();
        }
    }

    function test_unpause_whenNotPaused_reverts() public {
        IGuarded[4] memory guarded = _guarded();
        for (uint256 i; i < guarded.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(PausableUpgradeable.ExpectedPause.selector));
            vm.prank(guardian);
            guarded[i].unpause();
        }
    }

    function test_pause_grantedGuardianCanPause_succeeds() public {
        IGuarded[4] memory guarded = _guarded();
        for (uint256 i; i < guarded.length; ++i) {
            Guarded target = Guarded(address(guarded[i]));
            bytes32 role = target.GUARDIAN_ROLE();
            assertEq(role, keccak256("cr8.role.guardian"));
            vm.prank(admin);
            target.grantRole(role, carol);
            vm.prank(carol);
            guarded[i].pause();
            assertTrue(target.paused());
            vm.prank(admin);
            target.revokeRole(role, carol);
            vm.expectRevert(
                abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, carol, role)
            );
            vm.prank(carol);
            guarded[i].unpause();
        }
    }

    function test_registerAgent_whenPaused_reverts() public {
        vm.prank(guardian);
        registry.pause();
        vm.expectRevert(abi.encodeWithSelector(PausableUpgradeable.EnforcedPause.selector));
        vm.prank(alice);
        registry.registerAgent(registration(CARD_URI));
    }

    function test_buy_whenPaused_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.prank(guardian);
        market.pause();
        vm.expectRevert(abi.encodeWithSelector(PausableUpgradeable.EnforcedPause.selector));
        vm.prank(bob);
        market.buy{value: 1e18}(agentId, 0, block.timestamp);
    }

    function test_claim_whenFeeDistributorPaused_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.prank(bob);
        feeDistributor.distribute{value: 1e18}(agentId, address(0));
        vm.prank(guardian);
        feeDistributor.pause();
        vm.expectRevert(abi.encodeWithSelector(PausableUpgradeable.EnforcedPause.selector));
        vm.prank(alice);
        feeDistributor.claim(alice);
    }

    function test_stake_whenPaused_reverts() public {
        vm.prank(guardian);
        staking.pause();
        vm.expectRevert(abi.encodeWithSelector(PausableUpgradeable.EnforcedPause.selector));
        vm.prank(bob);
        staking.stake{value: 1e18}();
    }

    function test_stake_afterUnpause_succeeds() public {
        vm.startPrank(guardian);
        staking.pause();
        staking.unpause();
        vm.stopPrank();
        vm.prank(bob);
        staking.stake{value: 1e18}();
        assertEq(staking.stakedOf(bob), 1e18);
    }

    // ---------------------------------------------------------------------------------------------
    // version
    // ---------------------------------------------------------------------------------------------

    function test_version_everyProxyAnswers_succeeds() public view {
        address[6] memory proxies = _proxies();
        for (uint256 i; i < proxies.length; ++i) {
            string memory viaProxy = IVersioned(proxies[i]).version();
            // FeeDistributor 1.1.0 added batch crediting of execution fees; the others are at 1.0.0.
            assertEq(viaProxy, proxies[i] == address(feeDistributor) ? "1.1.0" : "1.0.0");
            assertEq(viaProxy, IVersioned(_implementationOf(proxies[i])).version());
        }
    }
}
