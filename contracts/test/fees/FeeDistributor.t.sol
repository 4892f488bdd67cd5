// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FeeDistributor} from "../../src/fees/FeeDistributor.sol";
import {IAgentRegistry} from "../../src/interfaces/IAgentRegistry.sol";
import {IAgentToken} from "../../src/interfaces/IAgentToken.sol";
import {ICR8Staking} from "../../src/interfaces/ICR8Staking.sol";
import {ICommon} from "../../src/interfaces/ICommon.sol";
import {IFeeDistributor} from "../../src/interfaces/IFeeDistributor.sol";
import {AgentToken} from "../../src/token/AgentToken.sol";
import {CR8Test} from "../utils/CR8Test.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Vm} from "forge-std/Vm.sol";

/// @dev Accepts no native CR8.
contract RejectingReceiver {}

/// @dev A holder contract whose receive hook tries to claim again, and records how that attempt failed.
contract ReentrantHolder {
    FeeDistributor internal immutable distributor;
    uint256 internal immutable agentId;
    bytes public reentryError;
    uint256 public received;

    constructor(FeeDistributor distributor_, uint256 agentId_) {
        distributor = distributor_;
        agentId = agentId_;
    }

    function claim() external returns (uint256) {
        return distributor.claimHolderFees(agentId, address(this));
    }

    receive() external payable {
        received += msg.value;
        try distributor.claimHolderFees(agentId, address(this)) {}
        catch (bytes memory reason) {
            reentryError = reason;
        }
    }
}

/// @notice FeeDistributor: the split, holder claims through the agent token's ledger, pulled balances,
///         the unsold-share sweep, governance and pausing.
/// @dev Holder amounts are checked against the exact rational `sum(holdersShare * balance) / supply`: never
///      above it, at most one wei below (see AgentToken.t.sol for why one wei).
contract FeeDistributorTest is CR8Test {
    uint256 internal constant BPS = 10_000;

    address internal creator = makeAddr("creator");
    address internal payer = makeAddr("payer");
    uint256 internal agentId;
    AgentToken internal token;

    function setUp() public override {
        super.setUp();
        (agentId, token) = registerAgent(creator);
        vm.deal(payer, 1_000_000e18);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    struct Shares {
        uint256 holders;
        uint256 stakers;
        uint256 creator;
        uint256 orchestrator;
        uint256 treasury;
    }

    function _split(uint16 h, uint16 s, uint16 c, uint16 o, uint16 t)
        internal
        pure
        returns (IFeeDistributor.FeeSplit memory)
    {
        return IFeeDistributor.FeeSplit({
            holdersBps: h, stakersBps: s, creatorBps: c, orchestratorBps: o, treasuryBps: t
        });
    }

    /// @dev The split the spec asks for: each share floored by its bps, the treasury takes the remainder
    ///      (and the orchestrator's share when there is none).
    function _expectedShares(uint256 amount, bool withOrchestrator) internal view returns (Shares memory s) {
        IFeeDistributor.FeeSplit memory split = feeDistributor.feeSplit();
        s.holders = amount * split.holdersBps / BPS;
        s.stakers = amount * split.stakersBps / BPS;
        s.creator = amount * split.creatorBps / BPS;
        s.orchestrator = withOrchestrator ? amount * split.orchestratorBps / BPS : 0;
        s.treasury = amount - s.holders - s.stakers - s.creator - s.orchestrator;
    }

    function _distribute(uint256 id, uint256 amount, address orch) internal {
        vm.deal(payer, payer.balance + amount);
        vm.prank(payer);
        feeDistributor.distribute{value: amount}(id, orch);
    }

    function _distribute(uint256 amount, address orch) internal {
        _distribute(agentId, amount, orch);
    }

    function _give(address to, uint256 amount) internal {
        vm.prank(creator);
        token.transfer(to, amount);
    }

    function _holderFees(address holder) internal view returns (uint256) {
        return feeDistributor.holderFeesOf(agentId, holder);
    }

    function _assertEarned(uint256 paid, uint256 numerator, string memory label) internal pure {
        uint256 exact = numerator / SUPPLY;
        assertLe(paid, exact, string.concat(label, ": paid more than earned"));
        assertGe(paid + 1, exact, string.concat(label, ": paid more than 1 wei below earned"));
    }

    function _pause() internal {
        vm.prank(guardian);
        feeDistributor.pause();
    }

    function _ids(uint256 a, uint256 b) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](2);
        ids[0] = a;
        ids[1] = b;
    }

    // ---------------------------------------------------------------------------------------------
    // constructor / initialize
    // ---------------------------------------------------------------------------------------------

    function test_constructor_setsImmutables_succeeds() public view {
        assertEq(address(feeDistributor.REGISTRY()), address(registry));
        assertEq(address(feeDistributor.STAKING()), address(staking));
    }

    function test_constructor_zeroRegistry_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new FeeDistributor(IAgentRegistry(address(0)), staking);
    }

    function test_constructor_zeroStaking_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new FeeDistributor(registry, ICR8Staking(address(0)));
    }

    function test_initialize_setsSplitTreasuryAndRoles_succeeds() public view {
        IFeeDistributor.FeeSplit memory split = feeDistributor.feeSplit();
        assertEq(split.holdersBps, 4000);
        assertEq(split.stakersBps, 1500);
        assertEq(split.creatorBps, 2000);
        assertEq(split.orchestratorBps, 2000);
        assertEq(split.treasuryBps, 500);
        assertEq(feeDistributor.treasury(), treasury);
        assertTrue(feeDistributor.hasRole(feeDistributor.DEFAULT_ADMIN_ROLE(), admin));
        assertTrue(feeDistributor.hasRole(feeDistributor.GUARDIAN_ROLE(), guardian));
        assertFalse(feeDistributor.hasRole(feeDistributor.GUARDIAN_ROLE(), admin));
        assertFalse(feeDistributor.paused());
    }

    function test_initialize_freshProxyEmits_succeeds() public {
        FeeDistributor implementation = new FeeDistributor(registry, staking);
        IFeeDistributor.FeeSplit memory split = _split(1000, 2000, 3000, 3000, 1000);
        vm.expectEmit(true, true, true, true);
        emit IFeeDistributor.TreasuryUpdated(bob);
        vm.expectEmit(true, true, true, true);
        emit IFeeDistributor.FeeSplitUpdated(split);
        FeeDistributor fresh = FeeDistributor(
            address(
                new ERC1967Proxy(
                    address(implementation),
                    abi.encodeCall(FeeDistributor.initialize, (admin, guardian, bob, split))
                )
            )
        );
        assertEq(fresh.treasury(), bob);
        assertEq(fresh.feeSplit().creatorBps, 3000);
    }

    function test_initialize_twice_reverts() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        feeDistributor.initialize(alice, alice, alice, _split(10_000, 0, 0, 0, 0));
    }

    function test_initialize_onImplementation_reverts() public {
        FeeDistributor implementation = new FeeDistributor(registry, staking);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(admin, guardian, treasury, _split(10_000, 0, 0, 0, 0));
    }

    function test_initialize_zeroTreasury_reverts() public {
        FeeDistributor implementation = new FeeDistributor(registry, staking);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new ERC1967Proxy(
            address(implementation),
            abi.encodeCall(
                FeeDistributor.initialize, (admin, guardian, address(0), _split(10_000, 0, 0, 0, 0))
            )
        );
    }

    function test_initialize_zeroAdmin_reverts() public {
        FeeDistributor implementation = new FeeDistributor(registry, staking);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new ERC1967Proxy(
            address(implementation),
            abi.encodeCall(
                FeeDistributor.initialize, (address(0), guardian, treasury, _split(10_000, 0, 0, 0, 0))
            )
        );
    }

    function test_initialize_invalidSplit_reverts() public {
        FeeDistributor implementation = new FeeDistributor(registry, staking);
        vm.expectRevert(abi.encodeWithSelector(IFeeDistributor.InvalidFeeSplit.selector, 9999));
        new ERC1967Proxy(
            address(implementation),
            abi.encodeCall(
                FeeDistributor.initialize, (admin, guardian, treasury, _split(4000, 1500, 2000, 2000, 499))
            )
        );
    }

    function test_version_returns110_succeeds() public view {
        assertEq(feeDistributor.version(), "1.1.0");
    }

    function test_receive_plainTransfer_reverts() public {
        vm.prank(alice);
        (bool ok,) = address(feeDistributor).call{value: 1}("");
        assertFalse(ok);
        assertEq(address(feeDistributor).balance, 0);
    }

    // ---------------------------------------------------------------------------------------------
    // distribute
    // ---------------------------------------------------------------------------------------------

    function test_distribute_splitsWithOrchestrator_succeeds() public {
        uint256 amount = 1e18 + 12_345; // not a multiple of 10,000: leaves rounding dust
        Shares memory s = _expectedShares(amount, true);
        uint256 stakingBefore = address(staking).balance;

        vm.expectEmit(address(token));
        emit IAgentToken.FeesAccrued(s.holders, s.holders * (1 << 128) / SUPPLY);
        vm.expectEmit(address(feeDistributor));
        emit IFeeDistributor.FeesDistributed(
            agentId, payer, orchestrator, amount, s.holders, s.stakers, s.creator, s.orchestrator, s.treasury
        );
        _distribute(amount, orchestrator);

        assertEq(s.holders + s.stakers + s.creator + s.orchestrator + s.treasury, amount);
        assertEq(feeDistributor.claimableOf(creator), s.creator);
        assertEq(feeDistributor.claimableOf(orchestrator), s.orchestrator);
        assertEq(feeDistributor.claimableOf(treasury), s.treasury);
        assertEq(address(staking).balance - stakingBefore, s.stakers);
        assertEq(address(feeDistributor).balance, amount - s.stakers);
        (uint256 distributed, uint256 claimed) = feeDistributor.holderFeeTotals(agentId);
        assertEq(distributed, s.holders);
        assertEq(claimed, 0);
        // Each bps share is floored; the dust is the treasury's.
        assertEq(s.holders, amount * 4000 / BPS);
        assertEq(s.treasury, amount * 500 / BPS + 1);
    }

    function test_distribute_noOrchestratorTreasuryTakesShare_succeeds() public {
        uint256 amount = 10e18;
        Shares memory s = _expectedShares(amount, false);
        assertEq(s.orchestrator, 0);

        vm.expectEmit(address(feeDistributor));
        emit IFeeDistributor.FeesDistributed(
            agentId, payer, address(0), amount, s.holders, s.stakers, s.creator, 0, s.treasury
        );
        _distribute(amount, address(0));

        assertEq(feeDistributor.claimableOf(treasury), amount * (500 + 2000) / BPS);
        assertEq(feeDistributor.claimableOf(address(0)), 0);
        assertEq(feeDistributor.claimableOf(creator), amount * 2000 / BPS);
    }

    function test_distribute_accumulatesClaimables_succeeds() public {
        _distribute(1e18, orchestrator);
        _distribute(3e18, orchestrator);
        assertEq(feeDistributor.claimableOf(creator), 4e18 * 2000 / BPS);
        assertEq(feeDistributor.claimableOf(orchestrator), 4e18 * 2000 / BPS);
        assertEq(feeDistributor.claimableOf(treasury), 4e18 * 500 / BPS);
        (uint256 distributed,) = feeDistributor.holderFeeTotals(agentId);
        assertEq(distributed, 4e18 * 4000 / BPS);
    }

    function test_distribute_oneWeiAllToTreasury_succeeds() public {
        vm.recordLogs();
        _distribute(1, orchestrator);
        assertEq(feeDistributor.claimableOf(treasury), 1);
        assertEq(feeDistributor.claimableOf(orchestrator), 0);
        assertEq(feeDistributor.claimableOf(creator), 0);
        (uint256 distributed,) = feeDistributor.holderFeeTotals(agentId);
        assertEq(distributed, 0);
        assertEq(token.magnifiedFeesPerShare(), 0);
        // Only FeesDistributed: no accrual, no staking notification.
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 1);
        assertEq(logs[0].emitter, address(feeDistributor));
        assertEq(logs[0].topics[0], IFeeDistributor.FeesDistributed.selector);
    }

    function test_distribute_sendsStakersShareToStaking_succeeds() public {
        uint256 amount = 2e18;
        uint256 stakersShare = amount * 1500 / BPS;
        vm.expectCall(address(staking), stakersShare, abi.encodeCall(ICR8Staking.notifyRewardAmount, ()));
        _distribute(amount, orchestrator);
        // Nobody stakes yet: the staking contract queues the rewards.
        assertEq(staking.queuedRewards(), stakersShare);
    }

    function test_distribute_stakersEarnTheirShare_succeeds() public {
        vm.prank(alice);
        staking.stake{value: 100e18}();
        uint256 amount = 2e18;
        _distribute(amount, orchestrator);
        uint256 stakersShare = amount * 1500 / BPS;
        assertLe(staking.earned(alice), stakersShare);
        assertGe(staking.earned(alice) + 1, stakersShare);
    }

    function test_distribute_stakingPaused_succeeds() public {
        // CR8Staking never pauses notifyRewardAmount, so fees keep flowing while staking is paused.
        vm.prank(guardian);
        staking.pause();
        _distribute(1e18, orchestrator);
        assertEq(address(staking).balance, 1e18 * 1500 / BPS);
        assertEq(feeDistributor.claimableOf(orchestrator), 1e18 * 2000 / BPS);
    }

    function test_distribute_zeroStakersBpsSkipsStaking_succeeds() public {
        vm.prank(admin);
        feeDistributor.setFeeSplit(_split(5000, 0, 2500, 2000, 500));
        vm.expectCall(address(staking), abi.encodeCall(ICR8Staking.notifyRewardAmount, ()), 0);
        _distribute(1e18, orchestrator);
        assertEq(address(staking).balance, 0);
        assertEq(address(feeDistributor).balance, 1e18);
    }

    function test_distribute_zeroHoldersBpsSkipsAccrual_succeeds() public {
        vm.prank(admin);
        feeDistributor.setFeeSplit(_split(0, 2000, 4000, 2000, 2000));
        vm.expectCall(address(token), abi.encodeWithSelector(IAgentToken.accrueFees.selector), 0);
        _distribute(1e18, orchestrator);
        (uint256 distributed,) = feeDistributor.holderFeeTotals(agentId);
        assertEq(distributed, 0);
        assertEq(token.magnifiedFeesPerShare(), 0);
        assertEq(feeDistributor.claimableOf(creator), 0.4e18);
    }

    function test_distribute_anyPayer_succeeds() public {
        Shares memory s = _expectedShares(1e18, false);
        vm.expectEmit(address(feeDistributor));
        emit IFeeDistributor.FeesDistributed(
            agentId, alice, address(0), 1e18, s.holders, s.stakers, s.creator, 0, s.treasury
        );
        vm.prank(alice);
        feeDistributor.distribute{value: 1e18}(agentId, address(0));
    }

    function test_distribute_marketTradeFee_succeeds() public {
        uint256 cr8In = 100e18;
        (, uint256 fee) = market.quoteBuy(agentId, cr8In);
        assertGt(fee, 0);
        Shares memory s = _expectedShares(fee, false);
        vm.expectEmit(address(feeDistributor));
        emit IFeeDistributor.FeesDistributed(
            agentId, address(market), address(0), fee, s.holders, s.stakers, s.creator, 0, s.treasury
        );
        uint256 bought = buyTokens(alice, agentId, cr8In);
        // The buyer already holds its tokens when the fee of its own buy is credited.
        _assertEarned(_holderFees(alice), s.holders * bought, "alice");
        _assertEarned(_holderFees(address(market)), s.holders * token.balanceOf(address(market)), "market");
    }

    function test_distribute_zeroAmount_reverts() public {
        vm.prank(payer);
        vm.expectRevert(ICommon.ZeroAmount.selector);
        feeDistributor.distribute{value: 0}(agentId, orchestrator);
    }

    function test_distribute_unknownAgent_reverts() public {
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, 999));
        feeDistributor.distribute{value: 1e18}(999, orchestrator);
    }

    function test_distribute_agentIdZero_reverts() public {
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, 0));
        feeDistributor.distribute{value: 1e18}(0, address(0));
    }

    function test_distribute_whenPaused_succeeds() public {
        // Fees keep arriving while paused (markets and settlement must not freeze); payouts stop.
        _pause();
        uint256 before = feeDistributor.claimableOf(orchestrator);
        vm.prank(payer);
        feeDistributor.distribute{value: 1e18}(agentId, orchestrator);
        assertEq(feeDistributor.claimableOf(orchestrator), before + 0.2e18);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vm.prank(orchestrator);
        feeDistributor.claim(orchestrator);
    }

    function test_claimHolderFees_byMarket_reverts() public {
        // The market's unsold share goes to the treasury through sweepUnsoldShare, never to the market.
        vm.prank(payer);
        feeDistributor.distribute{value: 1e18}(agentId, orchestrator);
        vm.expectRevert(IAgentToken.UnsoldShareNotClaimable.selector);
        vm.prank(address(market));
        feeDistributor.claimHolderFees(agentId, address(market));
    }

    function test_claimHolderFeesBatch_zeroRecipientWithNoIds_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vm.prank(alice);
        feeDistributor.claimHolderFeesBatch(new uint256[](0), address(0));
    }

    function test_distribute_holderFeeAccumulatorFull_reverts() public {
        // Lifetime holder fees per agent are capped near 2**95 wei; past it every distribution reverts.
        uint256 amount = (uint256(1) << 95) * BPS / 4000;
        uint256 holdersShare = amount * 4000 / BPS;
        uint256 accumulator = holdersShare * (1 << 128) / SUPPLY;
        vm.deal(payer, amount);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(IAgentToken.FeeAccumulatorOverflow.selector, accumulator));
        feeDistributor.distribute{value: amount}(agentId, orchestrator);
    }

    /// @dev Four sorted cuts of [0, 10,000] give a random split summing to 10,000.
    function _randomSplit(uint256 cutA, uint256 cutB, uint256 cutC, uint256 cutD)
        internal
        pure
        returns (IFeeDistributor.FeeSplit memory)
    {
        uint256[4] memory cuts = [cutA % (BPS + 1), cutB % (BPS + 1), cutC % (BPS + 1), cutD % (BPS + 1)];
        for (uint256 i; i < 4; ++i) {
            for (uint256 j = i + 1; j < 4; ++j) {
                if (cuts[j] < cuts[i]) (cuts[i], cuts[j]) = (cuts[j], cuts[i]);
            }
        }
        return _split(
            uint16(cuts[0]),
            uint16(cuts[1] - cuts[0]),
            uint16(cuts[2] - cuts[1]),
            uint16(cuts[3] - cuts[2]),
            uint16(BPS - cuts[3])
        );
    }

    function testFuzz_distribute_sharesSumToAmount_succeeds(
        uint256 amount,
        uint256 cutA,
        uint256 cutB,
        uint256 cutC,
        uint256 cutD,
        bool withOrchestrator
    ) public {
        amount = bound(amount, 1, 1e28); // below the 2**95 lifetime holder-fee cap
        IFeeDistributor.FeeSplit memory split = _randomSplit(cutA, cutB, cutC, cutD);
        vm.prank(admin);
        feeDistributor.setFeeSplit(split);
        address orch = withOrchestrator ? orchestrator : address(0);
        uint256 stakingBefore = address(staking).balance;

        _distribute(amount, orch);

        Shares memory got;
        (got.holders,) = feeDistributor.holderFeeTotals(agentId);
        got.stakers = address(staking).balance - stakingBefore;
        got.creator = feeDistributor.claimableOf(creator);
        got.orchestrator = feeDistributor.claimableOf(orchestrator);
        got.treasury = feeDistributor.claimableOf(treasury);

        assertEq(got.holders, amount * split.holdersBps / BPS);
        assertEq(got.stakers, amount * split.stakersBps / BPS);
        assertEq(got.creator, amount * split.creatorBps / BPS);
        assertEq(got.orchestrator, withOrchestrator ? amount * split.orchestratorBps / BPS : 0);
        assertEq(got.holders + got.stakers + got.creator + got.orchestrator + got.treasury, amount);
        // The treasury gets its own share (and the orchestrator's when none ran) plus the floors' dust.
        uint256 ownShare =
            amount * split.treasuryBps / BPS + (withOrchestrator ? 0 : amount * split.orchestratorBps / BPS);
        assertGe(got.treasury, ownShare);
        assertLe(got.treasury, ownShare + 4);
        assertEq(address(feeDistributor).balance, amount - got.stakers);
    }

    // ---------------------------------------------------------------------------------------------
    // claimHolderFees
    // ---------------------------------------------------------------------------------------------

    function test_claimHolderFees_paysWithdrawable_succeeds() public {
        uint256 x = 100_000_000e18;
        _give(alice, x);
        _distribute(10e18 + 1, orchestrator);
        uint256 expected = _holderFees(alice);
        _assertEarned(expected, (10e18 + 1) * 4000 / BPS * x, "alice");
        uint256 before = alice.balance;

        vm.expectEmit(address(feeDistributor));
        emit IFeeDistributor.HolderFeesClaimed(agentId, alice, alice, expected);
        vm.prank(alice);
        uint256 paid = feeDistributor.claimHolderFees(agentId, alice);

        assertEq(paid, expected);
        assertEq(alice.balance - before, expected);
        assertEq(_holderFees(alice), 0);
        (, uint256 claimed) = feeDistributor.holderFeeTotals(agentId);
        assertEq(claimed, expected);
        assertEq(token.balanceOf(alice), x);
    }

    function test_claimHolderFees_toOtherAccount_succeeds() public {
        _give(alice, 1e24);
        _distribute(5e18, address(0));
        uint256 expected = _holderFees(alice);
        uint256 bobBefore = bob.balance;
        uint256 aliceBefore = alice.balance;
        vm.expectEmit(address(feeDistributor));
        emit IFeeDistributor.HolderFeesClaimed(agentId, alice, bob, expected);
        vm.prank(alice);
        feeDistributor.claimHolderFees(agentId, bob);
        assertEq(bob.balance - bobBefore, expected);
        assertEq(alice.balance, aliceBefore);
    }

    function test_claimHolderFees_proportionalAcrossTransfers_succeeds() public {
        uint256 x = 100_000_000e18;
        _give(alice, x);
        uint256 f1 = 7e18 + 3;
        _distribute(f1, orchestrator);
        vm.prank(alice);
        token.transfer(bob, x / 2);
        uint256 f2 = 11e18 + 9;
        _distribute(f2, address(0));
        uint256 h1 = f1 * 4000 / BPS;
        uint256 h2 = f2 * 4000 / BPS;

        uint256 aliceBefore = alice.balance;
        uint256 bobBefore = bob.balance;
        vm.prank(alice);
        feeDistributor.claimHolderFees(agentId, alice);
        vm.prank(bob);
        feeDistributor.claimHolderFees(agentId, bob);

        _assertEarned(alice.balance - aliceBefore, h1 * x + h2 * (x / 2), "alice");
        _assertEarned(bob.balance - bobBefore, h2 * (x / 2), "bob");
    }

    function test_claimHolderFees_claimBetweenDistributions_succeeds() public {
        uint256 x = 30_000_000e18 + 1;
        _give(alice, x);
        uint256 total;
        uint256 numerator;
        for (uint256 i; i < 4; ++i) {
            uint256 fee = 1e18 + i * 333;
            _distribute(fee, orchestrator);
            numerator += fee * 4000 / BPS * x;
            vm.prank(alice);
            total += feeDistributor.claimHolderFees(agentId, alice);
        }
        // Each claim leaves its unpaid fraction in the ledger, so the total stays within one wei.
        _assertEarned(total + _holderFees(alice), numerator, "alice");
    }

    function test_claimHolderFees_nothingToClaim_reverts() public {
        _distribute(1e18, orchestrator);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IFeeDistributor.NothingToClaim.selector, alice));
        feeDistributor.claimHolderFees(agentId, alice);
    }

    function test_claimHolderFees_twice_reverts() public {
        _distribute(1e18, orchestrator);
        vm.startPrank(creator);
        feeDistributor.claimHolderFees(agentId, creator);
        vm.expectRevert(abi.encodeWithSelector(IFeeDistributor.NothingToClaim.selector, creator));
        feeDistributor.claimHolderFees(agentId, creator);
        vm.stopPrank();
    }

    function test_claimHolderFees_zeroRecipient_reverts() public {
        _distribute(1e18, orchestrator);
        vm.prank(creator);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        feeDistributor.claimHolderFees(agentId, address(0));
    }

    function test_claimHolderFees_unknownAgent_reverts() public {
        vm.prank(creator);
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, 42));
        feeDistributor.claimHolderFees(42, creator);
    }

    function test_claimHolderFees_whenPaused_reverts() public {
        _distribute(1e18, orchestrator);
        _pause();
        vm.prank(creator);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        feeDistributor.claimHolderFees(agentId, creator);
    }

    function test_claimHolderFees_recipientRejects_reverts() public {
        _distribute(1e18, orchestrator);
        RejectingReceiver sink = new RejectingReceiver();
        uint256 amount = _holderFees(creator);
        vm.prank(creator);
        vm.expectRevert(abi.encodeWithSelector(ICommon.NativeTransferFailed.selector, address(sink), amount));
        feeDistributor.claimHolderFees(agentId, address(sink));
        assertEq(_holderFees(creator), amount);
    }

    function test_claimHolderFees_reentrantClaim_reverts() public {
        ReentrantHolder holder = new ReentrantHolder(feeDistributor, agentId);
        _give(address(holder), 1e26);
        _distribute(1e18, orchestrator);
        uint256 expected = _holderFees(address(holder));
        assertGt(expected, 0);

        uint256 paid = holder.claim();

        assertEq(paid, expected);
        assertEq(holder.received(), expected);
        assertEq(
            holder.reentryError(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)
        );
        (, uint256 claimed) = feeDistributor.holderFeeTotals(agentId);
        assertEq(claimed, expected);
    }

    function test_claimHolderFees_marketShareNotClaimableByOthers_succeeds() public {
        _give(alice, 5e25);
        _distribute(10e18, orchestrator);
        uint256 marketShare = _holderFees(address(market));
        assertGt(marketShare, 0);
        vm.prank(alice);
        feeDistributor.claimHolderFees(agentId, alice);
        vm.prank(creator);
        feeDistributor.claimHolderFees(agentId, creator);
        // Holder claims never touch the market's unsold share.
        assertEq(_holderFees(address(market)), marketShare);
    }

    // ---------------------------------------------------------------------------------------------
    // claimHolderFeesBatch
    // ---------------------------------------------------------------------------------------------

    function test_claimHolderFeesBatch_sumsAgentsInOneTransfer_succeeds() public {
        (uint256 secondId, AgentToken second) = registerAgent(creator);
        _distribute(agentId, 3e18, orchestrator);
        _distribute(secondId, 5e18 + 1, address(0));
        uint256 first = token.withdrawableFeesOf(creator);
        uint256 other = second.withdrawableFeesOf(creator);
        assertGt(first, 0);
        assertGt(other, 0);
        uint256 before = carol.balance;

        vm.expectEmit(address(feeDistributor));
        emit IFeeDistributor.HolderFeesClaimed(agentId, creator, carol, first);
        vm.expectEmit(address(feeDistributor));
        emit IFeeDistributor.HolderFeesClaimed(secondId, creator, carol, other);
        vm.prank(creator);
        uint256 paid = feeDistributor.claimHolderFeesBatch(_ids(agentId, secondId), carol);

        assertEq(paid, first + other);
        assertEq(carol.balance - before, first + other);
        (, uint256 claimed1) = feeDistributor.holderFeeTotals(agentId);
        (, uint256 claimed2) = feeDistributor.holderFeeTotals(secondId);
        assertEq(claimed1, first);
        assertEq(claimed2, other);
        assertEq(token.withdrawableFeesOf(creator), 0);
        assertEq(second.withdrawableFeesOf(creator), 0);
    }

    function test_claimHolderFeesBatch_skipsAgentsWithNothing_succeeds() public {
        (uint256 secondId,) = registerAgent(creator);
        _distribute(agentId, 3e18, orchestrator);
        uint256 first = _holderFees(creator);
        vm.recordLogs();
        vm.prank(creator);
        uint256 paid = feeDistributor.claimHolderFeesBatch(_ids(agentId, secondId), creator);
        assertEq(paid, first);
        // One HolderFeesClaimed (the token's FeesClaimRecorded aside): none for the agent with nothing.
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 claims;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == IFeeDistributor.HolderFeesClaimed.selector) ++claims;
        }
        assertEq(claims, 1);
    }

    function test_claimHolderFeesBatch_duplicateIdsPayOnce_succeeds() public {
        _distribute(3e18, orchestrator);
        uint256 expected = _holderFees(creator);
        uint256 before = creator.balance;
        vm.prank(creator);
        uint256 paid = feeDistributor.claimHolderFeesBatch(_ids(agentId, agentId), creator);
        assertEq(paid, expected);
        assertEq(creator.balance - before, expected);
        (, uint256 claimed) = feeDistributor.holderFeeTotals(agentId);
        assertEq(claimed, expected);
    }

    function test_claimHolderFeesBatch_empty_reverts() public {
        vm.prank(creator);
        vm.expectRevert(abi.encodeWithSelector(IFeeDistributor.NothingToClaim.selector, creator));
        feeDistributor.claimHolderFeesBatch(new uint256[](0), creator);
    }

    function test_claimHolderFeesBatch_nothingToClaim_reverts() public {
        (uint256 secondId,) = registerAgent(creator);
        _distribute(1e18, orchestrator);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IFeeDistributor.NothingToClaim.selector, alice));
        feeDistributor.claimHolderFeesBatch(_ids(agentId, secondId), alice);
    }

    function test_claimHolderFeesBatch_zeroRecipient_reverts() public {
        _distribute(1e18, orchestrator);
        vm.prank(creator);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        feeDistributor.claimHolderFeesBatch(_ids(agentId, agentId), address(0));
    }

    function test_claimHolderFeesBatch_unknownAgent_reverts() public {
        _distribute(1e18, orchestrator);
        vm.prank(creator);
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, 7));
        feeDistributor.claimHolderFeesBatch(_ids(agentId, 7), creator);
        // The whole batch reverted: the first agent's fees are still there.
        assertGt(_holderFees(creator), 0);
    }

    function test_claimHolderFeesBatch_whenPaused_reverts() public {
        _distribute(1e18, orchestrator);
        _pause();
        vm.prank(creator);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        feeDistributor.claimHolderFeesBatch(_ids(agentId, agentId), creator);
    }

    function test_claimHolderFeesBatch_recipientRejects_reverts() public {
        _distribute(1e18, orchestrator);
        RejectingReceiver sink = new RejectingReceiver();
        uint256 amount = _holderFees(creator);
        vm.prank(creator);
        vm.expectRevert(abi.encodeWithSelector(ICommon.NativeTransferFailed.selector, address(sink), amount));
        feeDistributor.claimHolderFeesBatch(_ids(agentId, agentId), address(sink));
    }

    // ---------------------------------------------------------------------------------------------
    // claim
    // ---------------------------------------------------------------------------------------------

    function test_claim_creatorBalance_succeeds() public {
        _distribute(10e18, orchestrator);
        uint256 amount = feeDistributor.claimableOf(creator);
        assertEq(amount, 2e18);
        uint256 before = creator.balance;
        vm.expectEmit(address(feeDistributor));
        emit IFeeDistributor.Claimed(creator, creator, amount);
        vm.prank(creator);
        uint256 paid = feeDistributor.claim(creator);
        assertEq(paid, amount);
        assertEq(creator.balance - before, amount);
        assertEq(feeDistributor.claimableOf(creator), 0);
    }

    function test_claim_orchestratorToOtherAccount_succeeds() public {
        _distribute(10e18, orchestrator);
        uint256 amount = feeDistributor.claimableOf(orchestrator);
        uint256 before = carol.balance;
        vm.expectEmit(address(feeDistributor));
        emit IFeeDistributor.Claimed(orchestrator, carol, amount);
        vm.prank(orchestrator);
        feeDistributor.claim(carol);
        assertEq(carol.balance - before, amount);
        assertEq(orchestrator.balance, 0);
    }

    function test_claim_treasury_succeeds() public {
        _distribute(10e18 + 7, address(0));
        uint256 amount = feeDistributor.claimableOf(treasury);
        assertEq(amount, _expectedShares(10e18 + 7, false).treasury);
        assertGt(amount, (10e18 + 7) * 2500 / BPS); // the rounding dust is the treasury's
        vm.prank(treasury);
        feeDistributor.claim(treasury);
        assertEq(treasury.balance, amount);
    }

    function test_claim_leavesHolderFeesAlone_succeeds() public {
        _distribute(10e18, orchestrator);
        uint256 holderFees = _holderFees(creator);
        vm.prank(creator);
        feeDistributor.claim(creator);
        assertEq(_holderFees(creator), holderFees);
    }

    function test_claim_nothingToClaim_reverts() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IFeeDistributor.NothingToClaim.selector, alice));
        feeDistributor.claim(alice);
    }

    function test_claim_twice_reverts() public {
        _distribute(1e18, orchestrator);
        vm.startPrank(orchestrator);
        feeDistributor.claim(orchestrator);
        vm.expectRevert(abi.encodeWithSelector(IFeeDistributor.NothingToClaim.selector, orchestrator));
        feeDistributor.claim(orchestrator);
        vm.stopPrank();
    }

    function test_claim_zeroRecipient_reverts() public {
        _distribute(1e18, orchestrator);
        vm.prank(creator);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        feeDistributor.claim(address(0));
    }

    function test_claim_whenPaused_reverts() public {
        _distribute(1e18, orchestrator);
        _pause();
        vm.prank(creator);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        feeDistributor.claim(creator);
    }

    function test_claim_recipientRejects_reverts() public {
        _distribute(1e18, orchestrator);
        RejectingReceiver sink = new RejectingReceiver();
        uint256 amount = feeDistributor.claimableOf(creator);
        vm.prank(creator);
        vm.expectRevert(abi.encodeWithSelector(ICommon.NativeTransferFailed.selector, address(sink), amount));
        feeDistributor.claim(address(sink));
        assertEq(feeDistributor.claimableOf(creator), amount);
    }

    // ---------------------------------------------------------------------------------------------
    // sweepUnsoldShare
    // ---------------------------------------------------------------------------------------------

    function test_sweepUnsoldShare_movesMarketShareToTreasury_succeeds() public {
        uint256 fee = 10e18 + 3;
        _distribute(fee, orchestrator);
        uint256 marketShare = _holderFees(address(market));
        _assertEarned(marketShare, fee * 4000 / BPS * token.marketAllocation(), "market");
        uint256 treasuryBefore = feeDistributor.claimableOf(treasury);

        vm.expectEmit(address(feeDistributor));
        emit IFeeDistributor.UnsoldShareSwept(agentId, marketShare);
        vm.prank(alice); // anyone may sweep
        uint256 swept = feeDistributor.sweepUnsoldShare(agentId);

        assertEq(swept, marketShare);
        assertEq(feeDistributor.claimableOf(treasury) - treasuryBefore, marketShare);
        assertEq(_holderFees(address(market)), 0);
        (, uint256 claimed) = feeDistributor.holderFeeTotals(agentId);
        assertEq(claimed, marketShare);
        assertEq(feeDistributor.claimableOf(alice), 0);
        assertEq(token.balanceOf(address(market)), token.marketAllocation());
    }

    function test_sweepUnsoldShare_onlyUnsoldTokensEarn_succeeds() public {
        uint256 f1 = 4e18;
        _distribute(f1, address(0));
        (, uint256 buyFee) = market.quoteBuy(agentId, 1000e18);
        uint256 bought = buyTokens(alice, agentId, 1000e18);
        uint256 f2 = 6e18;
        _distribute(f2, address(0));
        uint256 unsoldAfter = token.marketAllocation() - bought;
        uint256 numerator = f1 * 4000 / BPS * token.marketAllocation()
            + (buyFee * 4000 / BPS + f2 * 4000 / BPS) * unsoldAfter;
        vm.prank(bob);
        uint256 swept = feeDistributor.sweepUnsoldShare(agentId);
        _assertEarned(swept, numerator, "market");
    }

    function test_sweepUnsoldShare_toCurrentTreasury_succeeds() public {
        _distribute(10e18, address(0));
        address newTreasury = makeAddr("newTreasury");
        uint256 oldClaimable = feeDistributor.claimableOf(treasury);
        vm.prank(admin);
        feeDistributor.setTreasury(newTreasury);
        uint256 swept = feeDistributor.sweepUnsoldShare(agentId);
        assertEq(feeDistributor.claimableOf(newTreasury), swept);
        assertEq(feeDistributor.claimableOf(treasury), oldClaimable);
    }

    function test_sweepUnsoldShare_thenTreasuryClaims_succeeds() public {
        _distribute(10e18, orchestrator);
        uint256 swept = feeDistributor.sweepUnsoldShare(agentId);
        uint256 total = feeDistributor.claimableOf(treasury);
        assertEq(total, 10e18 * 500 / BPS + swept);
        vm.prank(treasury);
        assertEq(feeDistributor.claim(treasury), total);
        assertEq(treasury.balance, total);
    }

    function test_sweepUnsoldShare_nothingEarned_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IFeeDistributor.NothingToClaim.selector, address(market)));
        feeDistributor.sweepUnsoldShare(agentId);
    }

    function test_sweepUnsoldShare_twice_reverts() public {
        _distribute(1e18, orchestrator);
        feeDistributor.sweepUnsoldShare(agentId);
        vm.expectRevert(abi.encodeWithSelector(IFeeDistributor.NothingToClaim.selector, address(market)));
        feeDistributor.sweepUnsoldShare(agentId);
    }

    function test_sweepUnsoldShare_unknownAgent_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, 3));
        feeDistributor.sweepUnsoldShare(3);
    }

    function test_sweepUnsoldShare_whenPaused_reverts() public {
        _distribute(1e18, orchestrator);
        _pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        feeDistributor.sweepUnsoldShare(agentId);
    }

    // ---------------------------------------------------------------------------------------------
    // setFeeSplit
    // ---------------------------------------------------------------------------------------------

    function test_setFeeSplit_byAdmin_succeeds() public {
        IFeeDistributor.FeeSplit memory split = _split(5000, 1000, 1000, 2500, 500);
        vm.expectEmit(address(feeDistributor));
        emit IFeeDistributor.FeeSplitUpdated(split);
        vm.prank(admin);
        feeDistributor.setFeeSplit(split);
        IFeeDistributor.FeeSplit memory stored = feeDistributor.feeSplit();
        assertEq(stored.holdersBps, 5000);
        assertEq(stored.stakersBps, 1000);
        assertEq(stored.creatorBps, 1000);
        assertEq(stored.orchestratorBps, 2500);
        assertEq(stored.treasuryBps, 500);

        _distribute(1e18, orchestrator);
        (uint256 distributed,) = feeDistributor.holderFeeTotals(agentId);
        assertEq(distributed, 0.5e18);
        assertEq(feeDistributor.claimableOf(orchestrator), 0.25e18);
    }

    function test_setFeeSplit_allToOneParty_succeeds() public {
        vm.prank(admin);
        feeDistributor.setFeeSplit(_split(0, 0, 0, 0, 10_000));
        _distribute(1e18, orchestrator);
        assertEq(feeDistributor.claimableOf(treasury), 1e18);
        assertEq(feeDistributor.claimableOf(orchestrator), 0);
    }

    function test_setFeeSplit_sumBelow10000_reverts() public {
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(IFeeDistributor.InvalidFeeSplit.selector, 9999));
        feeDistributor.setFeeSplit(_split(4000, 1500, 2000, 2000, 499));
    }

    function test_setFeeSplit_sumAbove10000_reverts() public {
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(IFeeDistributor.InvalidFeeSplit.selector, 10_001));
        feeDistributor.setFeeSplit(_split(4001, 1500, 2000, 2000, 500));
    }

    function test_setFeeSplit_maxFields_reverts() public {
        // The sum is taken in 256 bits: uint16 fields cannot wrap around to 10,000.
        uint16 max = type(uint16).max;
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(IFeeDistributor.InvalidFeeSplit.selector, uint256(max) * 5));
        feeDistributor.setFeeSplit(_split(max, max, max, max, max));
    }

    function testFuzz_setFeeSplit_invalidSum_reverts(uint16 h, uint16 s, uint16 c, uint16 o, uint16 t)
        public
    {
        uint256 sum = uint256(h) + s + c + o + t;
        vm.assume(sum != BPS);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(IFeeDistributor.InvalidFeeSplit.selector, sum));
        feeDistributor.setFeeSplit(_split(h, s, c, o, t));
    }

    function test_setFeeSplit_notAdmin_reverts() public {
        bytes32 role = feeDistributor.DEFAULT_ADMIN_ROLE();
        vm.prank(guardian);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, guardian, role)
        );
        feeDistributor.setFeeSplit(_split(10_000, 0, 0, 0, 0));
    }

    // ---------------------------------------------------------------------------------------------
    // setTreasury
    // ---------------------------------------------------------------------------------------------

    function test_setTreasury_byAdmin_succeeds() public {
        _distribute(1e18, address(0));
        uint256 oldShare = feeDistributor.claimableOf(treasury);
        vm.expectEmit(address(feeDistributor));
        emit IFeeDistributor.TreasuryUpdated(carol);
        vm.prank(admin);
        feeDistributor.setTreasury(carol);
        assertEq(feeDistributor.treasury(), carol);

        _distribute(1e18, address(0));
        // The old treasury keeps what it accrued; future shares go to the new one.
        assertEq(feeDistributor.claimableOf(treasury), oldShare);
        assertEq(feeDistributor.claimableOf(carol), 1e18 * 2500 / BPS);
    }

    function test_setTreasury_zeroAddress_reverts() public {
        vm.prank(admin);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        feeDistributor.setTreasury(address(0));
    }

    function test_setTreasury_notAdmin_reverts() public {
        bytes32 role = feeDistributor.DEFAULT_ADMIN_ROLE();
        vm.prank(treasury);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, treasury, role)
        );
        feeDistributor.setTreasury(treasury);
    }

    // ---------------------------------------------------------------------------------------------
    // pause / unpause
    // ---------------------------------------------------------------------------------------------

    function test_pause_byGuardian_succeeds() public {
        vm.expectEmit(address(feeDistributor));
        emit PausableUpgradeable.Paused(guardian);
        _pause();
        assertTrue(feeDistributor.paused());
    }

    function test_pause_notGuardian_reverts() public {
        bytes32 role = feeDistributor.GUARDIAN_ROLE();
        vm.prank(admin);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, role)
        );
        feeDistributor.pause();
    }

    function test_pause_alreadyPaused_reverts() public {
        _pause();
        vm.prank(guardian);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        feeDistributor.pause();
    }

    function test_pause_marketTradesKeepPayingFees_succeeds() public {
        // Trades send their fee through distribute, which stays open while payouts are paused.
        _pause();
        (uint256 before,) = feeDistributor.holderFeeTotals(agentId);
        vm.prank(alice);
        market.buy{value: 1e18}(agentId, 0, block.timestamp);
        (uint256 afterBuy,) = feeDistributor.holderFeeTotals(agentId);
        assertEq(afterBuy - before, 0.01e18 * 4000 / BPS);
    }

    function test_pause_viewsStillWork_succeeds() public {
        _distribute(1e18, orchestrator);
        _pause();
        assertEq(feeDistributor.claimableOf(creator), 0.2e18);
        assertEq(feeDistributor.holderFeesOf(agentId, creator), token.withdrawableFeesOf(creator));
    }

    function test_unpause_byGuardian_succeeds() public {
        _pause();
        vm.expectEmit(address(feeDistributor));
        emit PausableUpgradeable.Unpaused(guardian);
        vm.prank(guardian);
        feeDistributor.unpause();
        assertFalse(feeDistributor.paused());
        _distribute(1e18, orchestrator);
        assertEq(feeDistributor.claimableOf(orchestrator), 0.2e18);
    }

    function test_unpause_notPaused_reverts() public {
        vm.prank(guardian);
        vm.expectRevert(PausableUpgradeable.ExpectedPause.selector);
        feeDistributor.unpause();
    }

    function test_unpause_notGuardian_reverts() public {
        bytes32 role = feeDistributor.GUARDIAN_ROLE();
        _pause();
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, role)
        );
        feeDistributor.unpause();
    }

    // ---------------------------------------------------------------------------------------------
    // Roles (AccessControl)
    // ---------------------------------------------------------------------------------------------

    function test_grantRole_adminAddsGuardian_succeeds() public {
        bytes32 role = feeDistributor.GUARDIAN_ROLE();
        assertEq(feeDistributor.getRoleAdmin(role), feeDistributor.DEFAULT_ADMIN_ROLE());
        vm.prank(admin);
        feeDistributor.grantRole(role, carol);
        assertTrue(feeDistributor.hasRole(role, carol));
        vm.prank(carol);
        feeDistributor.pause();
        assertTrue(feeDistributor.paused());
    }

    function test_grantRole_notAdmin_reverts() public {
        bytes32 guardianRole = feeDistributor.GUARDIAN_ROLE();
        bytes32 adminRole = feeDistributor.DEFAULT_ADMIN_ROLE();
        vm.prank(guardian);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, guardian, adminRole
            )
        );
        feeDistributor.grantRole(guardianRole, carol);
    }

    function test_revokeRole_adminRemovesGuardian_succeeds() public {
        bytes32 role = feeDistributor.GUARDIAN_ROLE();
        vm.prank(admin);
        feeDistributor.revokeRole(role, guardian);
        assertFalse(feeDistributor.hasRole(role, guardian));
        vm.prank(guardian);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, guardian, role)
        );
        feeDistributor.pause();
    }

    function test_renounceRole_guardianGivesUpRole_succeeds() public {
        bytes32 role = feeDistributor.GUARDIAN_ROLE();
        vm.prank(guardian);
        feeDistributor.renounceRole(role, guardian);
        assertFalse(feeDistributor.hasRole(role, guardian));
    }

    function test_supportsInterface_accessControl_succeeds() public view {
        assertTrue(feeDistributor.supportsInterface(type(IAccessControl).interfaceId));
        assertFalse(feeDistributor.supportsInterface(0xffffffff));
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    function test_holderFeesOf_matchesToken_succeeds() public {
        _give(alice, 1e24 + 1);
        _distribute(3e18 + 1, orchestrator);
        assertEq(feeDistributor.holderFeesOf(agentId, alice), token.withdrawableFeesOf(alice));
        assertEq(
            feeDistributor.holderFeesOf(agentId, address(market)), token.withdrawableFeesOf(address(market))
        );
        assertGt(feeDistributor.holderFeesOf(agentId, alice), 0);
        assertEq(feeDistributor.holderFeesOf(agentId, bob), 0);
    }

    function test_holderFeesOf_unknownAgent_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, 5));
        feeDistributor.holderFeesOf(5, alice);
    }

    function test_holderFeeTotals_unknownAgent_succeeds() public view {
        (uint256 distributed, uint256 claimed) = feeDistributor.holderFeeTotals(5);
        assertEq(distributed, 0);
        assertEq(claimed, 0);
    }

    function test_holderFeeTotals_conservation_succeeds() public {
        address[5] memory holders = [creator, alice, bob, carol, address(market)];
        _give(alice, 12_345_678e18 + 1);
        _give(bob, 1e18);
        _distribute(10e18 + 1, orchestrator);
        vm.prank(alice);
        token.transfer(carol, 1e24 + 7);
        _distribute(3e18 + 7, address(0));
        vm.prank(alice);
        feeDistributor.claimHolderFees(agentId, alice);
        feeDistributor.sweepUnsoldShare(agentId);
        _distribute(5e18 + 11, orchestrator);

        (uint256 distributed, uint256 claimed) = feeDistributor.holderFeeTotals(agentId);
        uint256 outstanding;
        for (uint256 i; i < holders.length; ++i) {
            outstanding += _holderFees(holders[i]);
        }
        assertLe(claimed + outstanding, distributed);
        assertGe(claimed + outstanding + holders.length, distributed);
        assertGe(
            address(feeDistributor).balance,
            outstanding + feeDistributor.claimableOf(creator) + feeDistributor.claimableOf(orchestrator)
                + feeDistributor.claimableOf(treasury)
        );
    }

    /// @dev Random holdings and fees over three holders: whatever each claims matches its exact share.
    function testFuzz_claimHolderFees_exactShares_succeeds(
        uint256 x,
        uint256 y,
        uint256 f1,
        uint256 f2,
        uint256 moved
    ) public {
        x = bound(x, 0, 1e26 / 2);
        y = bound(y, 0, 1e26 / 2);
        f1 = bound(f1, 1, 1e27);
        f2 = bound(f2, 1, 1e27);
        moved = bound(moved, 0, x);
        _give(alice, x);
        _give(bob, y);
        _distribute(f1, orchestrator);
        vm.prank(alice);
        token.transfer(bob, moved);
        _distribute(f2, address(0));
        uint256 h1 = f1 * 4000 / BPS;
        uint256 h2 = f2 * 4000 / BPS;

        _assertEarned(_holderFees(alice), h1 * x + h2 * (x - moved), "alice");
        _assertEarned(_holderFees(bob), h1 * y + h2 * (y + moved), "bob");
        uint256 creatorLeft = uint256(SUPPLY) / 10 - x - y;
        _assertEarned(_holderFees(creator), (h1 + h2) * creatorLeft, "creator");
        _assertEarned(_holderFees(address(market)), (h1 + h2) * token.marketAllocation(), "market");

        uint256 aliceFees = _holderFees(alice);
        if (aliceFees != 0) {
            uint256 before = alice.balance;
            vm.prank(alice);
            feeDistributor.claimHolderFees(agentId, alice);
            assertEq(alice.balance - before, aliceFees);
        }
        (uint256 distributed, uint256 claimed) = feeDistributor.holderFeeTotals(agentId);
        assertEq(distributed, h1 + h2);
        assertEq(claimed, aliceFees);
    }
}
