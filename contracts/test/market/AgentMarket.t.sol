// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentMarket} from "../../src/interfaces/IAgentMarket.sol";
import {IAgentRegistry} from "../../src/interfaces/IAgentRegistry.sol";
import {ICR8Staking} from "../../src/interfaces/ICR8Staking.sol";
import {ICommon} from "../../src/interfaces/ICommon.sol";
import {IFeeDistributor} from "../../src/interfaces/IFeeDistributor.sol";
import {AgentMarket} from "../../src/market/AgentMarket.sol";
import {AgentToken} from "../../src/token/AgentToken.sol";
import {CR8Test} from "../utils/CR8Test.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice Trades on the market but has no `receive`, so every CR8 payment to it fails.
contract RejectingTrader {
    AgentMarket internal immutable MARKET;

    constructor(AgentMarket market) {
        MARKET = market;
    }

    function buy(uint256 agentId) external payable returns (uint256) {
        return MARKET.buy{value: msg.value}(agentId, 0, block.timestamp);
    }

    function sell(uint256 agentId, uint256 tokensIn) external returns (uint256) {
        return MARKET.sell(agentId, tokensIn, 0, block.timestamp);
    }
}

/// @notice Sells, and when the sale proceeds arrive tries to trade again inside the same call.
contract ReentrantSeller {
    AgentMarket internal immutable MARKET;
    uint256 internal immutable AGENT_ID;

    /// @notice When set, the re-entrant sale is not caught, so the whole receive reverts.
    bool public bubble;
    bool internal _armed;
    bytes public sellError;
    bytes public buyError;
    uint256 public received;
    uint256 public callbacks;

    constructor(AgentMarket market, uint256 agentId) {
        MARKET = market;
        AGENT_ID = agentId;
    }

    function setBubble(bool bubble_) external {
        bubble = bubble_;
    }

    function buy() external payable returns (uint256) {
        return MARKET.buy{value: msg.value}(AGENT_ID, 0, block.timestamp);
    }

    function sell(uint256 tokensIn) external returns (uint256) {
        _armed = true;
        return MARKET.sell(AGENT_ID, tokensIn, 0, block.timestamp);
    }

    receive() external payable {
        received += msg.value;
        if (!_armed) return;
        _armed = false;
        ++callbacks;
        if (bubble) {
            MARKET.sell(AGENT_ID, 1e18, 0, block.timestamp);
            return;
        }
        try MARKET.sell(AGENT_ID, 1e18, 0, block.timestamp) {}
        catch (bytes memory err) {
            sellError = err;
        }
        try MARKET.buy{value: 1 ether}(AGENT_ID, 0, block.timestamp) {}
        catch (bytes memory err) {
            buyError = err;
        }
    }
}

contract AgentMarketTest is CR8Test {
    uint256 internal constant BPS = 10_000;
    uint128 internal constant DEFAULT_VIRTUAL_RESERVE = 30_000e18;
    uint16 internal constant DEFAULT_FEE_BPS = 100;

    address internal creator = makeAddr("creator");
    uint256 internal agentId;
    AgentToken internal token;

    function setUp() public override {
        super.setUp();
        (agentId, token) = registerAgent(creator);
    }

    // ---------------------------------------------------------------------------------------------
    // Model and helpers
    // ---------------------------------------------------------------------------------------------

    /// @dev The curve, written independently of the contract: what `cr8In` buys on `p`.
    function _modelBuy(IAgentMarket.Pool memory p, uint256 cr8In, uint256 feeBps)
        internal
        pure
        returns (uint256 tokensOut, uint256 fee)
    {
        fee = cr8In * feeBps / BPS;
        uint256 net = cr8In - fee;
        uint256 x = uint256(p.virtualReserve) + p.reserve;
        uint256 y = uint256(p.allocation) - p.tokensSold;
        tokensOut = y * net / (x + net);
    }

    /// @dev What selling `tokensIn` on `p` pays before and after the fee.
    function _modelSell(IAgentMarket.Pool memory p, uint256 tokensIn, uint256 feeBps)
        internal
        pure
        returns (uint256 gross, uint256 fee, uint256 cr8Out)
    {
        uint256 x = uint256(p.virtualReserve) + p.reserve;
        uint256 y = uint256(p.allocation) - p.tokensSold;
        gross = x * tokensIn / (y + tokensIn);
        fee = gross * feeBps / BPS;
        cr8Out = gross - fee;
    }

    /// @dev How the FeeDistributor splits a trading fee (no orchestrator: its share goes to the treasury).
    function _split(uint256 fee)
        internal
        view
        returns (uint256 holders, uint256 stakers, uint256 creatorShare, uint256 treasuryShare)
    {
        IFeeDistributor.FeeSplit memory s = feeDistributor.feeSplit();
        holders = fee * s.holdersBps / BPS;
        stakers = fee * s.stakersBps / BPS;
        creatorShare = fee * s.creatorBps / BPS;
        treasuryShare = fee - holders - stakers - creatorShare;
    }

    function _sell(address seller, uint256 id, uint256 tokensIn) internal returns (uint256) {
        vm.prank(seller);
        return market.sell(id, tokensIn, 0, block.timestamp);
    }

    function _registerTinyAgent() internal returns (uint256 id, AgentToken t) {
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        r.tokenSupply = uint96(registry.MIN_TOKEN_SUPPLY());
        vm.prank(creator);
        (uint256 newId, address tokenAddress) = registry.registerAgent(r);
        return (newId, AgentToken(tokenAddress));
    }

    function _assertPoolEq(IAgentMarket.Pool memory a, IAgentMarket.Pool memory b) internal pure {
        assertEq(a.reserve, b.reserve, "reserve");
        assertEq(a.virtualReserve, b.virtualReserve, "virtualReserve");
        assertEq(a.tokensSold, b.tokensSold, "tokensSold");
        assertEq(a.allocation, b.allocation, "allocation");
    }

    // ---------------------------------------------------------------------------------------------
    // Construction and initialization
    // ---------------------------------------------------------------------------------------------

    function test_constructor_zeroRegistry_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new AgentMarket(IAgentRegistry(address(0)), feeDistributor);
    }

    function test_constructor_zeroFeeDistributor_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new AgentMarket(registry, IFeeDistributor(address(0)));
    }

    function test_constructor_setsImmutables_succeeds() public view {
        assertEq(address(market.REGISTRY()), address(registry));
        assertEq(address(market.FEE_DISTRIBUTOR()), address(feeDistributor));
        assertEq(market.version(), "1.0.0");
    }

    function test_initialize_defaults_succeeds() public view {
        assertEq(market.tradeFeeBps(), DEFAULT_FEE_BPS);
        assertEq(market.virtualReserve(), DEFAULT_VIRTUAL_RESERVE);
        assertTrue(market.hasRole(market.DEFAULT_ADMIN_ROLE(), admin));
        assertTrue(market.hasRole(market.GUARDIAN_ROLE(), guardian));
        assertFalse(market.paused());
    }

    function test_initialize_twice_reverts() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        market.initialize(alice, alice, 0, 1);
    }

    function test_initialize_implementation_reverts() public {
        AgentMarket implementation = new AgentMarket(registry, feeDistributor);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(admin, guardian, 100, 1);
    }

    function test_initialize_invalidTradeFee_reverts() public {
        AgentMarket implementation = new AgentMarket(registry, feeDistributor);
        vm.expectRevert(abi.encodeWithSelector(IAgentMarket.InvalidTradeFee.selector, uint256(1001)));
        new ERC1967Proxy(
            address(implementation), abi.encodeCall(AgentMarket.initialize, (admin, guardian, 1001, 1e18))
        );
    }

    function test_initialize_invalidVirtualReserve_reverts() public {
        AgentMarket implementation = new AgentMarket(registry, feeDistributor);
        vm.expectRevert(abi.encodeWithSelector(IAgentMarket.InvalidVirtualReserve.selector, uint256(0)));
        new ERC1967Proxy(
            address(implementation), abi.encodeCall(AgentMarket.initialize, (admin, guardian, 100, 0))
        );
    }

    function test_initialize_zeroGuardian_reverts() public {
        AgentMarket implementation = new AgentMarket(registry, feeDistributor);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new ERC1967Proxy(
            address(implementation), abi.encodeCall(AgentMarket.initialize, (admin, address(0), 100, 1e18))
        );
    }

    // ---------------------------------------------------------------------------------------------
    // buy
    // ---------------------------------------------------------------------------------------------

    function test_buy_firstTrade_succeeds() public {
        uint256 cr8In = 100e18;
        IAgentMarket.Pool memory before = market.pool(agentId);
        (uint256 expectedOut, uint256 expectedFee) = _modelBuy(before, cr8In, DEFAULT_FEE_BPS);
        uint256 aliceBefore = alice.balance;

        vm.prank(alice);
        uint256 tokensOut = market.buy{value: cr8In}(agentId, expectedOut, block.timestamp);

        assertEq(tokensOut, expectedOut);
        assertGt(tokensOut, 0);
        assertEq(token.balanceOf(alice), tokensOut);
        assertEq(token.balanceOf(address(market)), before.allocation - tokensOut);
        assertEq(alice.balance, aliceBefore - cr8In);
        assertEq(address(market).balance, cr8In - expectedFee);

        IAgentMarket.Pool memory p = market.pool(agentId);
        assertEq(p.reserve, cr8In - expectedFee);
        assertEq(p.virtualReserve, DEFAULT_VIRTUAL_RESERVE);
        assertEq(p.tokensSold, tokensOut);
        assertEq(p.allocation, token.marketAllocation());
        assertEq(market.liquidityOf(agentId), cr8In - expectedFee);
        assertEq(registry.agent(agentId).liquidity, cr8In - expectedFee);
    }

    function test_buy_emitsTokensBought_succeeds() public {
        uint256 cr8In = 250e18;
        (uint256 expectedOut, uint256 expectedFee) = _modelBuy(market.pool(agentId), cr8In, DEFAULT_FEE_BPS);

        vm.expectEmit(true, true, true, true, address(market));
        emit IAgentMarket.TokensBought(
            agentId, alice, cr8In, expectedFee, expectedOut, cr8In - expectedFee, expectedOut
        );
        vm.prank(alice);
        market.buy{value: cr8In}(agentId, 0, block.timestamp);
    }

    function test_buy_feeReachesFeeDistributor_succeeds() public {
        uint256 cr8In = 1000e18;
        (, uint256 fee) = _modelBuy(market.pool(agentId), cr8In, DEFAULT_FEE_BPS);
        (uint256 holders, uint256 stakers, uint256 creatorShare, uint256 treasuryShare) = _split(fee);
        uint256 distributorBefore = address(feeDistributor).balance;
        uint256 stakingBefore = address(staking).balance;

        vm.expectEmit(true, true, true, true, address(feeDistributor));
        emit IFeeDistributor.FeesDistributed(
            agentId, address(market), address(0), fee, holders, stakers, creatorShare, 0, treasuryShare
        );
        vm.prank(alice);
        market.buy{value: cr8In}(agentId, 0, block.timestamp);

        assertGt(fee, 0);
        assertEq(address(feeDistributor).balance - distributorBefore, fee - stakers);
        assertEq(address(staking).balance - stakingBefore, stakers);
        assertEq(staking.queuedRewards(), stakers); // nobody stakes yet
        assertEq(feeDistributor.claimableOf(creator), creatorShare);
        assertEq(feeDistributor.claimableOf(treasury), treasuryShare);
        (uint256 distributed,) = feeDistributor.holderFeeTotals(agentId);
        assertEq(distributed, holders);
    }

    function test_buy_feeReachesStakers_succeeds() public {
        vm.prank(bob);
        staking.stake{value: 10e18}();
        uint256 cr8In = 1000e18;
        (, uint256 fee) = _modelBuy(market.pool(agentId), cr8In, DEFAULT_FEE_BPS);
        (, uint256 stakers,,) = _split(fee);

        buyTokens(alice, agentId, cr8In);

        assertApproxEqAbs(staking.earned(bob), stakers, 1);
        assertLe(staking.earned(bob), stakers);
    }

    function test_buy_zeroTradeFee_skipsFeeDistributor_succeeds() public {
        vm.prank(admin);
        market.setTradeFee(0);
        uint256 cr8In = 100e18;
        (uint256 expectedOut,) = _modelBuy(market.pool(agentId), cr8In, 0);

        vm.recordLogs();
        uint256 tokensOut = buyTokens(alice, agentId, cr8In);

        assertEq(tokensOut, expectedOut);
        assertEq(address(feeDistributor).balance, 0);
        assertEq(address(staking).balance, 0);
        assertEq(address(market).balance, cr8In);
        assertEq(market.pool(agentId).reserve, cr8In);
        // No FeesDistributed log at all.
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertGt(logs.length, 0);
        for (uint256 i; i < logs.length; ++i) {
            assertTrue(logs[i].topics[0] != IFeeDistributor.FeesDistributed.selector, "fee distributed");
            assertTrue(logs[i].emitter != address(feeDistributor), "distributor touched");
        }
    }

    function test_buy_tinyAmountRoundsFeeToZero_succeeds() public {
        // 99 wei at 1% rounds the fee down to zero: nothing reaches the FeeDistributor.
        uint256 cr8In = BPS / DEFAULT_FEE_BPS - 1;
        (uint256 expectedOut, uint256 fee) = _modelBuy(market.pool(agentId), cr8In, DEFAULT_FEE_BPS);
        assertEq(fee, 0);
        uint256 tokensOut = buyTokens(alice, agentId, cr8In);
        assertEq(tokensOut, expectedOut);
        assertEq(address(feeDistributor).balance, 0);
        assertEq(market.pool(agentId).reserve, cr8In);
    }

    function test_buy_secondBuyCostsMore_succeeds() public {
        uint256 spot0 = market.spotPrice(agentId);
        uint256 first = buyTokens(alice, agentId, 1000e18);
        uint256 spot1 = market.spotPrice(agentId);
        uint256 second = buyTokens(bob, agentId, 1000e18);
        uint256 spot2 = market.spotPrice(agentId);

        assertLt(second, first);
        assertGt(spot1, spot0);
        assertGt(spot2, spot1);
        IAgentMarket.Pool memory p = market.pool(agentId);
        assertEq(p.tokensSold, first + second);
        assertEq(token.balanceOf(alice) + token.balanceOf(bob), p.tokensSold);
    }

    function test_buy_atDeadline_succeeds() public {
        vm.warp(1_000_000);
        vm.prank(alice);
        uint256 tokensOut = market.buy{value: 1e18}(agentId, 1, block.timestamp);
        assertGt(tokensOut, 0);
    }

    function test_buy_deadlineExpired_reverts() public {
        vm.warp(1_000_000);
        uint256 deadline = block.timestamp - 1;
        vm.expectRevert(abi.encodeWithSelector(ICommon.DeadlineExpired.selector, deadline, block.timestamp));
        vm.prank(alice);
        market.buy{value: 1e18}(agentId, 0, deadline);
    }

    function test_buy_zeroValue_reverts() public {
        vm.expectRevert(ICommon.ZeroAmount.selector);
        vm.prank(alice);
        market.buy(agentId, 0, block.timestamp);
    }

    function test_buy_unknownAgent_reverts() public {
        uint256 unknown = agentId + 1;
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, unknown));
        vm.prank(alice);
        market.buy{value: 1e18}(unknown, 0, block.timestamp);
    }

    function test_buy_agentZero_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, uint256(0)));
        vm.prank(alice);
        market.buy{value: 1e18}(0, 0, block.timestamp);
    }

    function test_buy_inactiveAgent_reverts() public {
        vm.prank(creator);
        registry.setActive(agentId, false);
        vm.expectRevert(abi.encodeWithSelector(IAgentMarket.AgentInactive.selector, agentId));
        vm.prank(alice);
        market.buy{value: 1e18}(agentId, 0, block.timestamp);
    }

    function test_buy_reactivatedAgent_succeeds() public {
        vm.startPrank(creator);
        registry.setActive(agentId, false);
        registry.setActive(agentId, true);
        vm.stopPrank();
        assertGt(buyTokens(alice, agentId, 1e18), 0);
    }

    function test_buy_tradeTooSmall_reverts() public {
        // The largest virtual reserve against the smallest supply: one wei buys less than one token unit.
        uint128 maxReserve = uint128(market.MAX_VIRTUAL_RESERVE());
        vm.prank(admin);
        market.setVirtualReserve(maxReserve);
        (uint256 tinyId,) = _registerTinyAgent();
        (uint256 quoted,) = market.quoteBuy(tinyId, 1);
        assertEq(quoted, 0);

        vm.expectRevert(abi.encodeWithSelector(IAgentMarket.TradeTooSmall.selector, uint256(1)));
        vm.prank(alice);
        market.buy{value: 1}(tinyId, 0, block.timestamp);
    }

    function test_buy_slippageExceeded_reverts() public {
        uint256 cr8In = 10e18;
        (uint256 quoted,) = market.quoteBuy(agentId, cr8In);
        vm.expectRevert(abi.encodeWithSelector(IAgentMarket.SlippageExceeded.selector, quoted, quoted + 1));
        vm.prank(alice);
        market.buy{value: cr8In}(agentId, quoted + 1, block.timestamp);
    }

    function test_buy_frontRunMovesPrice_reverts() public {
        uint256 cr8In = 10e18;
        (uint256 quoted,) = market.quoteBuy(agentId, cr8In);
        buyTokens(bob, agentId, 5000e18); // lands first
        (uint256 nowOut,) = market.quoteBuy(agentId, cr8In);
        assertLt(nowOut, quoted);
        vm.expectRevert(abi.encodeWithSelector(IAgentMarket.SlippageExceeded.selector, nowOut, quoted));
        vm.prank(alice);
        market.buy{value: cr8In}(agentId, quoted, block.timestamp);
    }

    function test_buy_whenPaused_reverts() public {
        vm.prank(guardian);
        market.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vm.prank(alice);
        market.buy{value: 1e18}(agentId, 0, block.timestamp);
    }

    function test_buy_afterUnpause_succeeds() public {
        vm.startPrank(guardian);
        market.pause();
        market.unpause();
        vm.stopPrank();
        assertGt(buyTokens(alice, agentId, 1e18), 0);
    }

    /// @dev Pausing the FeeDistributor stops its payouts, not the fees flowing in: trading (exits
    ///      included) keeps working.
    function test_buyAndSell_feeDistributorPaused_succeeds() public {
        vm.prank(guardian);
        feeDistributor.pause();
        uint256 tokensOut = buyTokens(alice, agentId, 1e18);
        assertGt(tokensOut, 0);
        vm.prank(alice);
        uint256 cr8Out = market.sell(agentId, tokensOut, 0, block.timestamp);
        assertGt(cr8Out, 0);
        (uint256 distributed,) = feeDistributor.holderFeeTotals(agentId);
        assertGt(distributed, 0);
    }

    function test_buy_hugeAmountNeverEmptiesCurve_succeeds() public {
        uint256 cr8In = 1e30;
        uint256 tokensOut = buyTokens(alice, agentId, cr8In);
        IAgentMarket.Pool memory p = market.pool(agentId);
        assertLt(tokensOut, p.allocation);
        assertGt(p.allocation - p.tokensSold, 0);
        assertGt(market.spotPrice(agentId), 0);
    }

    function test_buy_plainTransferToMarket_reverts() public {
        vm.prank(alice);
        (bool ok,) = address(market).call{value: 1e18}("");
        assertFalse(ok);
        assertEq(address(market).balance, 0);
    }

    // ---------------------------------------------------------------------------------------------
    // sell
    // ---------------------------------------------------------------------------------------------

    function test_sell_withoutApproval_succeeds() public {
        uint256 bought = buyTokens(alice, agentId, 1000e18);
        uint256 tokensIn = bought / 2;
        IAgentMarket.Pool memory before = market.pool(agentId);
        (uint256 gross,, uint256 expectedOut) = _modelSell(before, tokensIn, DEFAULT_FEE_BPS);
        uint256 aliceBefore = alice.balance;
        assertEq(token.allowance(alice, address(market)), 0);

        vm.prank(alice);
        uint256 cr8Out = market.sell(agentId, tokensIn, expectedOut, block.timestamp);

        assertEq(cr8Out, expectedOut);
        assertEq(alice.balance, aliceBefore + cr8Out);
        assertEq(token.balanceOf(alice), bought - tokensIn);
        IAgentMarket.Pool memory p = market.pool(agentId);
        assertEq(p.reserve, before.reserve - gross);
        assertEq(p.tokensSold, before.tokensSold - tokensIn);
        assertEq(p.virtualReserve, before.virtualReserve);
        assertEq(address(market).balance, p.reserve);
        assertEq(token.balanceOf(address(market)), p.allocation - p.tokensSold);
    }

    function test_sell_emitsTokensSold_succeeds() public {
        uint256 bought = buyTokens(alice, agentId, 1000e18);
        IAgentMarket.Pool memory before = market.pool(agentId);
        (uint256 gross, uint256 fee, uint256 cr8Out) = _modelSell(before, bought, DEFAULT_FEE_BPS);

        vm.expectEmit(true, true, true, true, address(market));
        emit IAgentMarket.TokensSold(agentId, alice, bought, fee, cr8Out, before.reserve - gross, 0);
        _sell(alice, agentId, bought);
    }

    function test_sell_feeReachesFeeDistributor_succeeds() public {
        uint256 bought = buyTokens(alice, agentId, 1000e18);
        (, uint256 fee,) = _modelSell(market.pool(agentId), bought, DEFAULT_FEE_BPS);
        (uint256 holders, uint256 stakers, uint256 creatorShare, uint256 treasuryShare) = _split(fee);
        uint256 distributorBefore = address(feeDistributor).balance;
        uint256 stakingBefore = address(staking).balance;
        uint256 creatorClaimBefore = feeDistributor.claimableOf(creator);

        vm.expectEmit(true, true, true, true, address(feeDistributor));
        emit IFeeDistributor.FeesDistributed(
            agentId, address(market), address(0), fee, holders, stakers, creatorShare, 0, treasuryShare
        );
        _sell(alice, agentId, bought);

        assertGt(fee, 0);
        assertEq(address(feeDistributor).balance - distributorBefore, fee - stakers);
        assertEq(address(staking).balance - stakingBefore, stakers);
        assertEq(feeDistributor.claimableOf(creator) - creatorClaimBefore, creatorShare);
    }

    function test_sell_roundTripLeavesDust_succeeds() public {
        uint256 cr8In = 1000e18;
        uint256 aliceBefore = alice.balance;
        vm.prank(alice);
        uint256 bought = market.buy{value: cr8In}(agentId, 0, block.timestamp);
        _sell(alice, agentId, bought);

        IAgentMarket.Pool memory p = market.pool(agentId);
        assertEq(p.tokensSold, 0);
        assertEq(address(market).balance, p.reserve);
        // Rounding is in the market's favour: a little CR8 stays behind, the seller never gains.
        assertLt(alice.balance, aliceBefore);
        assertEq(
            aliceBefore - alice.balance,
            p.reserve + address(feeDistributor).balance + address(staking).balance,
            "every wei alice lost is in the market, the distributor or staking"
        );
    }

    function test_sell_inactiveAgent_succeeds() public {
        uint256 bought = buyTokens(alice, agentId, 100e18);
        vm.prank(creator);
        registry.setActive(agentId, false);
        (uint256 quoted,) = market.quoteSell(agentId, bought);
        uint256 cr8Out = _sell(alice, agentId, bought);
        assertEq(cr8Out, quoted);
        assertGt(cr8Out, 0);
        assertEq(token.balanceOf(alice), 0);
    }

    function test_sell_transferredTokens_succeeds() public {
        uint256 bought = buyTokens(alice, agentId, 100e18);
        vm.prank(alice);
        token.transfer(carol, bought);
        (uint256 quoted,) = market.quoteSell(agentId, bought);
        uint256 carolBefore = carol.balance;
        uint256 cr8Out = _sell(carol, agentId, bought);
        assertEq(cr8Out, quoted);
        assertEq(carol.balance, carolBefore + quoted);
    }

    function test_sell_creatorAllocationUpToTokensSold_succeeds() public {
        uint256 bought = buyTokens(alice, agentId, 1000e18);
        assertGt(token.balanceOf(creator), bought);
        (uint256 quoted,) = market.quoteSell(agentId, bought);
        uint256 cr8Out = _sell(creator, agentId, bought);
        assertEq(cr8Out, quoted);
        // The creator took the buy-back capacity; alice can no longer sell (see the report).
        assertEq(market.pool(agentId).tokensSold, 0);
        vm.expectRevert(abi.encodeWithSelector(IAgentMarket.ExceedsTokensSold.selector, bought, uint256(0)));
        _sell(alice, agentId, bought);
    }

    function test_sell_atDeadline_succeeds() public {
        uint256 bought = buyTokens(alice, agentId, 100e18);
        vm.warp(block.timestamp + 1 days);
        vm.prank(alice);
        assertGt(market.sell(agentId, bought, 1, block.timestamp), 0);
    }

    function test_sell_deadlineExpired_reverts() public {
        uint256 bought = buyTokens(alice, agentId, 100e18);
        uint256 deadline = block.timestamp;
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(ICommon.DeadlineExpired.selector, deadline, deadline + 1));
        vm.prank(alice);
        market.sell(agentId, bought, 0, deadline);
    }

    function test_sell_zeroAmount_reverts() public {
        buyTokens(alice, agentId, 100e18);
        vm.expectRevert(ICommon.ZeroAmount.selector);
        _sell(alice, agentId, 0);
    }

    function test_sell_unknownAgent_reverts() public {
        uint256 unknown = agentId + 7;
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, unknown));
        _sell(alice, unknown, 1e18);
    }

    function test_sell_untradedPool_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAgentMarket.ExceedsTokensSold.selector, uint256(1e18), uint256(0))
        );
        _sell(creator, agentId, 1e18);
    }

    function test_sell_exceedsTokensSold_reverts() public {
        uint256 bought = buyTokens(alice, agentId, 100e18);
        vm.expectRevert(abi.encodeWithSelector(IAgentMarket.ExceedsTokensSold.selector, bought + 1, bought));
        _sell(creator, agentId, bought + 1);
    }

    function test_sell_tradeTooSmall_reverts() public {
        buyTokens(alice, agentId, 100e18);
        (uint256 gross,,) = _modelSell(market.pool(agentId), 1, DEFAULT_FEE_BPS);
        assertEq(gross, 0);
        vm.expectRevert(abi.encodeWithSelector(IAgentMarket.TradeTooSmall.selector, uint256(1)));
        _sell(alice, agentId, 1);
    }

    function test_sell_slippageExceeded_reverts() public {
        uint256 bought = buyTokens(alice, agentId, 100e18);
        (uint256 quoted,) = market.quoteSell(agentId, bought);
        vm.expectRevert(abi.encodeWithSelector(IAgentMarket.SlippageExceeded.selector, quoted, quoted + 1));
        vm.prank(alice);
        market.sell(agentId, bought, quoted + 1, block.timestamp);
    }

    function test_sell_insufficientBalance_reverts() public {
        uint256 bought = buyTokens(alice, agentId, 100e18);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, bob, uint256(0), bought)
        );
        _sell(bob, agentId, bought);
    }

    function test_sell_whenPaused_reverts() public {
        uint256 bought = buyTokens(alice, agentId, 100e18);
        vm.prank(guardian);
        market.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        _sell(alice, agentId, bought);
    }

    function test_sell_nativeTransferFailed_reverts() public {
        RejectingTrader trader = new RejectingTrader(market);
        vm.deal(address(trader), 0);
        uint256 bought = trader.buy{value: 100e18}(agentId);
        (uint256 quoted,) = market.quoteSell(agentId, bought);
        IAgentMarket.Pool memory before = market.pool(agentId);

        vm.expectRevert(
            abi.encodeWithSelector(ICommon.NativeTransferFailed.selector, address(trader), quoted)
        );
        trader.sell(agentId, bought);

        _assertPoolEq(market.pool(agentId), before);
        assertEq(token.balanceOf(address(trader)), bought);
    }

    function test_sell_reentrantTrade_reverts() public {
        ReentrantSeller attacker = new ReentrantSeller(market, agentId);
        vm.deal(address(this), 1000e18);
        uint256 bought = attacker.buy{value: 100e18}();
        vm.deal(address(attacker), 10 ether);
        uint256 attackerBefore = address(attacker).balance;
        (uint256 quoted,) = market.quoteSell(agentId, bought / 2);
        IAgentMarket.Pool memory before = market.pool(agentId);
        (uint256 gross,,) = _modelSell(before, bought / 2, DEFAULT_FEE_BPS);

        uint256 cr8Out = attacker.sell(bought / 2);

        bytes memory reentrancy =
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        assertEq(attacker.callbacks(), 1);
        assertEq(attacker.sellError(), reentrancy);
        assertEq(attacker.buyError(), reentrancy);
        // Only the one legitimate sale happened.
        assertEq(cr8Out, quoted);
        assertEq(address(attacker).balance, attackerBefore + quoted);
        assertEq(token.balanceOf(address(attacker)), bought - bought / 2);
        IAgentMarket.Pool memory p = market.pool(agentId);
        assertEq(p.reserve, before.reserve - gross);
        assertEq(p.tokensSold, before.tokensSold - bought / 2);
        assertEq(address(market).balance, p.reserve);
    }

    function test_sell_reentrantTradeBubbling_reverts() public {
        ReentrantSeller attacker = new ReentrantSeller(market, agentId);
        vm.deal(address(this), 1000e18);
        uint256 bought = attacker.buy{value: 100e18}();
        attacker.setBubble(true);
        (uint256 quoted,) = market.quoteSell(agentId, bought / 2);
        IAgentMarket.Pool memory before = market.pool(agentId);

        // The inner sale hits the lock; the failed receive makes the outer payment fail.
        vm.expectRevert(
            abi.encodeWithSelector(ICommon.NativeTransferFailed.selector, address(attacker), quoted)
        );
        attacker.sell(bought / 2);

        _assertPoolEq(market.pool(agentId), before);
        assertEq(token.balanceOf(address(attacker)), bought);
        assertEq(address(market).balance, before.reserve);
    }

    // ---------------------------------------------------------------------------------------------
    // Quotes and views
    // ---------------------------------------------------------------------------------------------

    function test_quoteBuy_untradedPool_succeeds() public view {
        uint256 cr8In = 500e18;
        (uint256 tokensOut, uint256 fee) = market.quoteBuy(agentId, cr8In);
        (uint256 expectedOut, uint256 expectedFee) = _modelBuy(market.pool(agentId), cr8In, DEFAULT_FEE_BPS);
        assertEq(tokensOut, expectedOut);
        assertEq(fee, expectedFee);
        assertEq(fee, cr8In * DEFAULT_FEE_BPS / BPS);
    }

    function test_quoteBuy_matchesBuy_succeeds() public {
        buyTokens(bob, agentId, 3333e18);
        (uint256 quoted, uint256 fee) = market.quoteBuy(agentId, 777e18);
        uint256 distributorBefore = address(feeDistributor).balance + address(staking).balance;
        uint256 tokensOut = buyTokens(alice, agentId, 777e18);
        assertEq(tokensOut, quoted);
        assertEq(address(feeDistributor).balance + address(staking).balance - distributorBefore, fee);
    }

    function test_quoteBuy_zero_succeeds() public view {
        (uint256 tokensOut, uint256 fee) = market.quoteBuy(agentId, 0);
        assertEq(tokensOut, 0);
        assertEq(fee, 0);
    }

    function test_quoteBuy_unknownAgent_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, agentId + 1));
        market.quoteBuy(agentId + 1, 1e18);
    }

    function test_quoteSell_matchesSell_succeeds() public {
        uint256 bought = buyTokens(alice, agentId, 2000e18);
        (uint256 quoted, uint256 fee) = market.quoteSell(agentId, bought / 3);
        (, uint256 expectedFee, uint256 expectedOut) =
            _modelSell(market.pool(agentId), bought / 3, DEFAULT_FEE_BPS);
        assertEq(quoted, expectedOut);
        assertEq(fee, expectedFee);
        assertEq(_sell(alice, agentId, bought / 3), quoted);
    }

    function test_quoteSell_exceedsTokensSold_reverts() public {
        uint256 bought = buyTokens(alice, agentId, 100e18);
        vm.expectRevert(abi.encodeWithSelector(IAgentMarket.ExceedsTokensSold.selector, bought + 1, bought));
        market.quoteSell(agentId, bought + 1);
    }

    function test_quoteSell_unknownAgent_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, agentId + 1));
        market.quoteSell(agentId + 1, 0);
    }

    function test_quoteSell_zero_succeeds() public view {
        (uint256 cr8Out, uint256 fee) = market.quoteSell(agentId, 0);
        assertEq(cr8Out, 0);
        assertEq(fee, 0);
    }

    function test_spotPrice_untradedPool_succeeds() public view {
        uint256 expected = uint256(DEFAULT_VIRTUAL_RESERVE) * 1e18 / token.marketAllocation();
        assertEq(market.spotPrice(agentId), expected);
    }

    function test_spotPrice_afterTrades_succeeds() public {
        buyTokens(alice, agentId, 5000e18);
        IAgentMarket.Pool memory p = market.pool(agentId);
        uint256 expected = (uint256(p.virtualReserve) + p.reserve) * 1e18 / (p.allocation - p.tokensSold);
        assertEq(market.spotPrice(agentId), expected);
    }

    function test_spotPrice_unknownAgent_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, agentId + 1));
        market.spotPrice(agentId + 1);
    }

    function test_pool_untradedPool_succeeds() public view {
        IAgentMarket.Pool memory p = market.pool(agentId);
        assertEq(p.reserve, 0);
        assertEq(p.tokensSold, 0);
        assertEq(p.virtualReserve, market.virtualReserve());
        assertEq(p.allocation, token.marketAllocation());
        assertEq(p.allocation, token.balanceOf(address(market)));
    }

    function test_pool_unknownAgent_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, agentId + 1));
        market.pool(agentId + 1);
    }

    function test_liquidityOf_tracksReserve_succeeds() public {
        assertEq(market.liquidityOf(agentId), 0);
        assertEq(market.liquidityOf(agentId + 1), 0); // unknown agents hold nothing
        buyTokens(alice, agentId, 10e18);
        assertEq(market.liquidityOf(agentId), market.pool(agentId).reserve);
        assertGt(market.liquidityOf(agentId), 0);
    }

    // ---------------------------------------------------------------------------------------------
    // Governance
    // ---------------------------------------------------------------------------------------------

    function test_setTradeFee_succeeds() public {
        vm.expectEmit(address(market));
        emit IAgentMarket.TradeFeeUpdated(250);
        vm.prank(admin);
        market.setTradeFee(250);
        assertEq(market.tradeFeeBps(), 250);

        (, uint256 fee) = market.quoteBuy(agentId, 1e18);
        assertEq(fee, 1e18 * 250 / BPS);
    }

    function test_setTradeFee_max_succeeds() public {
        uint16 maxFee = market.MAX_TRADE_FEE_BPS();
        vm.prank(admin);
        market.setTradeFee(maxFee);
        assertEq(market.tradeFeeBps(), maxFee);
        (uint256 expectedOut, uint256 expectedFee) = _modelBuy(market.pool(agentId), 10e18, maxFee);
        uint256 tokensOut = buyTokens(alice, agentId, 10e18);
        assertEq(tokensOut, expectedOut);
        assertEq(market.pool(agentId).reserve, 10e18 - expectedFee);
    }

    function test_setTradeFee_aboveMax_reverts() public {
        uint16 tooHigh = market.MAX_TRADE_FEE_BPS() + 1;
        vm.expectRevert(abi.encodeWithSelector(IAgentMarket.InvalidTradeFee.selector, uint256(tooHigh)));
        vm.prank(admin);
        market.setTradeFee(tooHigh);
    }

    function test_setTradeFee_notAdmin_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                guardian,
                market.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(guardian);
        market.setTradeFee(0);
    }

    function test_setVirtualReserve_succeeds() public {
        uint128 newReserve = 50_000e18;
        vm.expectEmit(address(market));
        emit IAgentMarket.VirtualReserveUpdated(newReserve);
        vm.prank(admin);
        market.setVirtualReserve(newReserve);
        assertEq(market.virtualReserve(), newReserve);
        // The untraded pool follows the new value.
        assertEq(market.pool(agentId).virtualReserve, newReserve);
        assertEq(market.spotPrice(agentId), uint256(newReserve) * 1e18 / token.marketAllocation());
    }

    function test_setVirtualReserve_max_succeeds() public {
        uint128 maxReserve = uint128(market.MAX_VIRTUAL_RESERVE());
        vm.prank(admin);
        market.setVirtualReserve(maxReserve);
        assertEq(market.virtualReserve(), maxReserve);
    }

    function test_setVirtualReserve_zero_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IAgentMarket.InvalidVirtualReserve.selector, uint256(0)));
        vm.prank(admin);
        market.setVirtualReserve(0);
    }

    function test_setVirtualReserve_aboveMax_reverts() public {
        uint256 tooHigh = market.MAX_VIRTUAL_RESERVE() + 1;
        vm.expectRevert(abi.encodeWithSelector(IAgentMarket.InvalidVirtualReserve.selector, tooHigh));
        vm.prank(admin);
        market.setVirtualReserve(uint128(tooHigh));
    }

    function test_setVirtualReserve_notAdmin_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, market.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(alice);
        market.setVirtualReserve(1e18);
    }

    function test_setVirtualReserve_tradedPoolKeepsItsCurve_succeeds() public {
        (uint256 otherId, AgentToken otherToken) = registerAgent(creator);
        buyTokens(alice, agentId, 1000e18);
        IAgentMarket.Pool memory before = market.pool(agentId);
        uint256 spotBefore = market.spotPrice(agentId);
        (uint256 quoteBefore,) = market.quoteBuy(agentId, 10e18);

        vm.prank(admin);
        market.setVirtualReserve(before.virtualReserve * 3);

        _assertPoolEq(market.pool(agentId), before);
        assertEq(market.spotPrice(agentId), spotBefore);
        assertEq(buyTokens(bob, agentId, 10e18), quoteBefore);
        // The untraded pool picks the new value up, and snapshots it at its first trade.
        assertEq(market.pool(otherId).virtualReserve, before.virtualReserve * 3);
        buyTokens(bob, otherId, 1e18);
        vm.prank(admin);
        market.setVirtualReserve(1e18);
        assertEq(market.pool(otherId).virtualReserve, before.virtualReserve * 3);
        assertEq(market.pool(otherId).allocation, otherToken.marketAllocation());
        assertEq(market.pool(agentId).virtualReserve, before.virtualReserve);
    }

    function test_setVirtualReserve_poolSoldBackToZeroKeepsItsCurve_succeeds() public {
        uint256 bought = buyTokens(alice, agentId, 1000e18);
        _sell(alice, agentId, bought);
        IAgentMarket.Pool memory before = market.pool(agentId);
        assertEq(before.tokensSold, 0);

        vm.prank(admin);
        market.setVirtualReserve(1e18);

        _assertPoolEq(market.pool(agentId), before);
    }

    function test_setVirtualReserve_quoteOnUntradedPoolFollows_succeeds() public {
        (uint256 quoteBefore,) = market.quoteBuy(agentId, 100e18);
        vm.prank(admin);
        market.setVirtualReserve(DEFAULT_VIRTUAL_RESERVE * 2);
        (uint256 quoteAfter,) = market.quoteBuy(agentId, 100e18);
        assertLt(quoteAfter, quoteBefore);
        assertEq(buyTokens(alice, agentId, 100e18), quoteAfter);
    }

    function test_pause_notGuardian_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, admin, market.GUARDIAN_ROLE()
            )
        );
        vm.prank(admin);
        market.pause();
    }

    function test_unpause_notGuardian_reverts() public {
        vm.prank(guardian);
        market.pause();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, market.GUARDIAN_ROLE()
            )
        );
        vm.prank(alice);
        market.unpause();
    }

    function test_pause_guardian_succeeds() public {
        vm.prank(guardian);
        market.pause();
        assertTrue(market.paused());
        // Views keep working while paused.
        (uint256 quoted,) = market.quoteBuy(agentId, 1e18);
        assertGt(quoted, 0);
        vm.prank(guardian);
        market.unpause();
        assertFalse(market.paused());
    }

    // ---------------------------------------------------------------------------------------------
    // Fuzz
    // ---------------------------------------------------------------------------------------------

    function testFuzz_buy_matchesQuote_succeeds(uint256 priorIn, uint256 cr8In, uint16 feeBps) public {
        feeBps = uint16(bound(feeBps, 0, market.MAX_TRADE_FEE_BPS()));
        vm.prank(admin);
        market.setTradeFee(feeBps);
        priorIn = bound(priorIn, 0, 1_000_000e18);
        if (priorIn != 0) buyTokens(bob, agentId, priorIn);
        cr8In = bound(cr8In, 1, 1_000_000e18);

        IAgentMarket.Pool memory before = market.pool(agentId);
        (uint256 quoted, uint256 fee) = market.quoteBuy(agentId, cr8In);
        (uint256 modelOut, uint256 modelFee) = _modelBuy(before, cr8In, feeBps);
        assertEq(quoted, modelOut);
        assertEq(fee, modelFee);
        uint256 feesBefore = address(feeDistributor).balance + address(staking).balance;

        uint256 tokensOut = buyTokens(alice, agentId, cr8In);

        assertEq(tokensOut, quoted);
        assertEq(address(feeDistributor).balance + address(staking).balance - feesBefore, fee);
        IAgentMarket.Pool memory p = market.pool(agentId);
        assertEq(p.reserve, before.reserve + cr8In - fee);
        assertEq(p.tokensSold, before.tokensSold + tokensOut);
        // x * y never decreases.
        assertGe(
            (uint256(p.virtualReserve) + p.reserve) * (p.allocation - p.tokensSold),
            (uint256(before.virtualReserve) + before.reserve) * (before.allocation - before.tokensSold)
        );
    }

    function testFuzz_sell_matchesQuote_succeeds(
        uint256 priorIn,
        uint256 cr8In,
        uint256 tokensIn,
        uint16 feeBps
    ) public {
        feeBps = uint16(bound(feeBps, 0, market.MAX_TRADE_FEE_BPS()));
        vm.prank(admin);
        market.setTradeFee(feeBps);
        priorIn = bound(priorIn, 0, 1_000_000e18);
        if (priorIn != 0) buyTokens(bob, agentId, priorIn);
        uint256 bought = buyTokens(alice, agentId, bound(cr8In, 1e9, 1_000_000e18));
        tokensIn = bound(tokensIn, 1, bought);

        IAgentMarket.Pool memory before = market.pool(agentId);
        (uint256 gross, uint256 modelFee, uint256 modelOut) = _modelSell(before, tokensIn, feeBps);
        vm.assume(modelOut != 0);
        (uint256 quoted, uint256 fee) = market.quoteSell(agentId, tokensIn);
        assertEq(quoted, modelOut);
        assertEq(fee, modelFee);
        uint256 aliceBefore = alice.balance;
        uint256 feesBefore = address(feeDistributor).balance + address(staking).balance;

        uint256 cr8Out = _sell(alice, agentId, tokensIn);

        assertEq(cr8Out, quoted);
        assertEq(alice.balance - aliceBefore, quoted);
        assertEq(address(feeDistributor).balance + address(staking).balance - feesBefore, fee);
        IAgentMarket.Pool memory p = market.pool(agentId);
        assertEq(p.reserve, before.reserve - gross);
        assertEq(p.tokensSold, before.tokensSold - tokensIn);
        assertEq(address(market).balance, p.reserve);
        assertGe(
            (uint256(p.virtualReserve) + p.reserve) * (p.allocation - p.tokensSold),
            (uint256(before.virtualReserve) + before.reserve) * (before.allocation - before.tokensSold)
        );
    }

    function testFuzz_buySell_roundTripNeverProfits_succeeds(uint256 priorIn, uint256 cr8In, uint16 feeBps)
        public
    {
        feeBps = uint16(bound(feeBps, 0, market.MAX_TRADE_FEE_BPS()));
        vm.prank(admin);
        market.setTradeFee(feeBps);
        priorIn = bound(priorIn, 0, 1_000_000e18);
        if (priorIn != 0) buyTokens(bob, agentId, priorIn);
        cr8In = bound(cr8In, 1, 1_000_000e18);
        uint256 reserveBefore = market.pool(agentId).reserve;
        uint256 aliceBefore = alice.balance;

        vm.prank(alice);
        uint256 bought = market.buy{value: cr8In}(agentId, 0, block.timestamp);
        (uint256 gross,,) = _modelSell(market.pool(agentId), bought, feeBps);
        if (gross == 0) {
            vm.expectRevert(abi.encodeWithSelector(IAgentMarket.TradeTooSmall.selector, bought));
            _sell(alice, agentId, bought);
            return;
        }
        uint256 cr8Out = _sell(alice, agentId, bought);

        assertLe(cr8Out, cr8In);
        assertLe(alice.balance, aliceBefore);
        assertEq(token.balanceOf(alice), 0);
        // Nobody else traded in between: the market ends with at least what it had.
        assertGe(market.pool(agentId).reserve, reserveBefore);
        assertEq(address(market).balance, market.pool(agentId).reserve);
    }

    function testFuzz_sell_everyHolderCanExit_succeeds(
        uint256[3] memory amounts,
        uint256 order,
        uint16 feeBps
    ) public {
        feeBps = uint16(bound(feeBps, 0, market.MAX_TRADE_FEE_BPS()));
        vm.prank(admin);
        market.setTradeFee(feeBps);
        address[3] memory holders = [alice, bob, carol];
        uint256[3] memory bought;
        for (uint256 i; i < 3; ++i) {
            bought[i] = buyTokens(holders[i], agentId, bound(amounts[i], 1e15, 2_000_000e18));
        }
        // Sell back in a fuzzed order, the whole sold supply: the market pays every holder.
        for (uint256 k; k < 3; ++k) {
            uint256 i = (order % 3 + k) % 3;
            (uint256 quoted,) = market.quoteSell(agentId, bought[i]);
            assertEq(_sell(holders[i], agentId, bought[i]), quoted);
        }
        IAgentMarket.Pool memory p = market.pool(agentId);
        assertEq(p.tokensSold, 0);
        assertEq(address(market).balance, p.reserve);
    }

    function testFuzz_setVirtualReserve_onlyUntradedPools_succeeds(uint128 newReserve) public {
        newReserve = uint128(bound(newReserve, 1, market.MAX_VIRTUAL_RESERVE()));
        (uint256 otherId,) = registerAgent(creator);
        buyTokens(alice, agentId, 1e18);
        IAgentMarket.Pool memory before = market.pool(agentId);

        vm.prank(admin);
        market.setVirtualReserve(newReserve);

        _assertPoolEq(market.pool(agentId), before);
        assertEq(market.pool(otherId).virtualReserve, newReserve);
    }
}
