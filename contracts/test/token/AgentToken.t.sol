// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "../../src/interfaces/IAgentRegistry.sol";
import {IAgentToken} from "../../src/interfaces/IAgentToken.sol";
import {ICommon} from "../../src/interfaces/ICommon.sol";
import {AgentToken} from "../../src/token/AgentToken.sol";
import {CR8Test} from "../utils/CR8Test.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {stdError} from "forge-std/StdError.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice AgentToken: the clone's ERC-20 core, its platform hooks and the fee accumulator.
/// @dev Fee expectations are exact rationals `sum(fee * balance) / supply`, floored. The token may credit a
///      holder less, never more: the accumulator is floored on every accrual and every transfer rounds the
///      corrections against the holder, each by less than 2**-64 wei, so what a holder has claimed plus what
///      it can still withdraw is `floor(exact - epsilon)`, that is `floor(exact)` or one wei below it (the
///      latter when the exact amount is an integer or within epsilon above one). The tests allow exactly that.
contract AgentTokenTest is CR8Test {
    uint256 internal constant Q128 = 1 << 128;

    address internal creator = makeAddr("creator");
    uint256 internal agentId;
    AgentToken internal token;
    uint256 internal creatorAllocation;
    uint256 internal marketAllocation;

    function setUp() public override {
        super.setUp();
        (agentId, token) = registerAgent(creator);
        creatorAllocation = uint256(SUPPLY) * CREATOR_SHARE_BPS / 10_000;
        marketAllocation = SUPPLY - creatorAllocation;
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    function _accrue(AgentToken t, uint256 amount) internal {
        vm.prank(address(feeDistributor));
        t.accrueFees(amount);
    }

    function _accrue(uint256 amount) internal {
        _accrue(token, amount);
    }

    function _recordClaim(AgentToken t, address holder) internal returns (uint256) {
        vm.prank(address(feeDistributor));
        return holder == address(market) ? t.recordUnsoldShareClaim() : t.recordFeeClaim(holder);
    }

    function _send(address from, address to, uint256 amount) internal {
        vm.prank(from);
        token.transfer(to, amount);
    }

    /// @dev Asserts `paid` (claimed + withdrawable) is the exact share `numerator / supply`, floored, or one
    ///      wei below it; never above.
    function _assertEarned(uint256 paid, uint256 numerator, uint256 supply, string memory label)
        internal
        pure
    {
        uint256 exact = numerator / supply;
        assertLe(paid, exact, string.concat(label, ": credited more than earned"));
        assertGe(paid + 1, exact, string.concat(label, ": credited more than 1 wei below earned"));
    }

    function _assertEarned(address holder, uint256 numerator, string memory label) internal view {
        _assertEarned(token.withdrawableFeesOf(holder), numerator, SUPPLY, label);
    }

    function _ascii(uint256 length, uint256 salt) internal pure returns (string memory) {
        bytes memory b = new bytes(length);
        for (uint256 i; i < length; ++i) {
            b[i] = bytes1(uint8(0x41 + uint256(keccak256(abi.encode(salt, i))) % 26));
        }
        return string(b);
    }

    function _register(
        address who,
        string memory name_,
        string memory symbol_,
        uint96 supply,
        uint16 creatorBps
    ) internal returns (uint256 id, AgentToken t) {
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        r.tokenName = name_;
        r.tokenSymbol = symbol_;
        r.tokenSupply = supply;
        r.creatorShareBps = creatorBps;
        vm.prank(who);
        (uint256 newId, address tokenAddress) = registry.registerAgent(r);
        return (newId, AgentToken(tokenAddress));
    }

    // ---------------------------------------------------------------------------------------------
    // constructor
    // ---------------------------------------------------------------------------------------------

    function test_constructor_setsPlatformAddresses_succeeds() public view {
        AgentToken implementation = deployment.tokenImplementation;
        assertEq(implementation.FACTORY(), address(tokenFactory));
        assertEq(implementation.FEE_DISTRIBUTOR(), address(feeDistributor));
        assertEq(implementation.MARKET(), address(market));
        // A clone reads the implementation's immutables.
        assertEq(token.FACTORY(), address(tokenFactory));
        assertEq(token.FEE_DISTRIBUTOR(), address(feeDistributor));
        assertEq(token.market(), address(market));
    }

    function test_constructor_zeroFactory_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new AgentToken(address(0), address(feeDistributor), address(market));
    }

    function test_constructor_zeroFeeDistributor_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new AgentToken(address(tokenFactory), address(0), address(market));
    }

    function test_constructor_zeroMarket_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new AgentToken(address(tokenFactory), address(feeDistributor), address(0));
    }

    // ---------------------------------------------------------------------------------------------
    // initialize
    // ---------------------------------------------------------------------------------------------

    function test_initialize_mintsCreatorAndMarketAllocations_succeeds() public view {
        assertEq(token.balanceOf(creator), creatorAllocation);
        assertEq(token.balanceOf(address(market)), marketAllocation);
        assertEq(token.creatorAllocation(), creatorAllocation);
        assertEq(token.marketAllocation(), marketAllocation);
        assertEq(token.balanceOf(creator) + token.balanceOf(address(market)), token.totalSupply());
        assertEq(token.magnifiedFeesPerShare(), 0);
    }

    function test_initialize_emitsMintTransfers_succeeds() public {
        vm.recordLogs();
        (, AgentToken t) = registerAgent(alice);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 found;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(t)) continue;
            assertEq(logs[i].topics[0], IERC20.Transfer.selector);
            assertEq(logs[i].topics[1], bytes32(0));
            address to = address(uint160(uint256(logs[i].topics[2])));
            uint256 value = abi.decode(logs[i].data, (uint256));
            if (found == 0) {
                assertEq(to, alice);
                assertEq(value, creatorAllocation);
            } else {
                assertEq(to, address(market));
                assertEq(value, marketAllocation);
            }
            ++found;
        }
        assertEq(found, 2);
    }

    function test_initialize_calledAgainByFactory_reverts() public {
        vm.prank(address(tokenFactory));
        vm.expectRevert(IAgentToken.AlreadyInitialized.selector);
        token.initialize(creator);
    }

    function test_initialize_calledAgainAfterCreatorSpentAllocation_reverts() public {
        // Once fees accrued, the creator's slot keeps a non-zero correction even with no balance left.
        _accrue(1e18);
        _send(creator, alice, creatorAllocation);
        assertEq(token.balanceOf(creator), 0);
        vm.prank(address(tokenFactory));
        vm.expectRevert(IAgentToken.AlreadyInitialized.selector);
        token.initialize(creator);
    }

    function test_initialize_notFactory_reverts() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAgentToken.OnlyPlatform.selector, alice));
        token.initialize(alice);
    }

    function test_initialize_registryNotFactory_reverts() public {
        vm.prank(address(registry));
        vm.expectRevert(abi.encodeWithSelector(IAgentToken.OnlyPlatform.selector, address(registry)));
        token.initialize(alice);
    }

    function test_initialize_zeroCreator_reverts() public {
        vm.prank(address(tokenFactory));
        vm.expectRevert(ICommon.ZeroAddress.selector);
        token.initialize(address(0));
    }

    // ---------------------------------------------------------------------------------------------
    // Metadata (immutable clone arguments)
    // ---------------------------------------------------------------------------------------------

    function test_name_returnsRegisteredName_succeeds() public view {
        assertEq(token.name(), "Research Agent");
    }

    function test_symbol_returnsRegisteredSymbol_succeeds() public view {
        assertEq(token.symbol(), "RSRCH");
    }

    function test_decimals_returns18_succeeds() public view {
        assertEq(token.decimals(), 18);
    }

    function test_totalSupply_returnsRegisteredSupply_succeeds() public view {
        assertEq(token.totalSupply(), SUPPLY);
    }

    function test_agentId_returnsRegisteredId_succeeds() public {
        assertEq(token.agentId(), agentId);
        (uint256 secondId, AgentToken second) = registerAgent(bob);
        assertEq(second.agentId(), secondId);
        assertTrue(secondId != agentId);
        assertEq(registry.agentToken(secondId), address(second));
    }

    function test_market_returnsAgentMarket_succeeds() public view {
        assertEq(token.market(), address(market));
    }

    function test_name_maxLengthNameAndSymbol_succeeds() public {
        string memory longName = _ascii(31, 1);
        string memory longSymbol = _ascii(31, 2);
        (, AgentToken t) = _register(alice, longName, longSymbol, SUPPLY, CREATOR_SHARE_BPS);
        assertEq(t.name(), longName);
        assertEq(t.symbol(), longSymbol);
    }

    function testFuzz_cloneArgs_anyTerms_succeeds(
        uint96 supply,
        uint16 creatorBps,
        uint8 nameLength,
        uint8 symbolLength,
        uint256 salt
    ) public {
        supply = uint96(bound(supply, registry.MIN_TOKEN_SUPPLY(), registry.MAX_TOKEN_SUPPLY()));
        creatorBps = uint16(bound(creatorBps, 0, registry.MAX_CREATOR_SHARE_BPS()));
        string memory name_ = _ascii(bound(nameLength, 1, 31), salt);
        string memory symbol_ = _ascii(bound(symbolLength, 1, 31), ~salt);

        (uint256 id, AgentToken t) = _register(alice, name_, symbol_, supply, creatorBps);

        uint256 expectedCreator = uint256(supply) * creatorBps / 10_000;
        assertEq(t.agentId(), id);
        assertEq(t.name(), name_);
        assertEq(t.symbol(), symbol_);
        assertEq(t.totalSupply(), supply);
        assertEq(t.creatorAllocation(), expectedCreator);
        assertEq(t.marketAllocation(), supply - expectedCreator);
        assertEq(t.balanceOf(alice), expectedCreator);
        assertEq(t.balanceOf(address(market)), supply - expectedCreator);
    }

    // ---------------------------------------------------------------------------------------------
    // balanceOf
    // ---------------------------------------------------------------------------------------------

    function test_balanceOf_unknownAccount_succeeds() public view {
        assertEq(token.balanceOf(alice), 0);
        assertEq(token.balanceOf(address(0)), 0);
    }

    function test_balanceOf_marketReportsUnsoldTokens_succeeds() public {
        uint256 bought = buyTokens(alice, agentId, 10e18);
        assertGt(bought, 0);
        assertEq(token.balanceOf(alice), bought);
        assertEq(token.balanceOf(address(market)), marketAllocation - bought);
        assertEq(market.pool(agentId).tokensSold, bought);
        assertEq(token.balanceOf(creator) + token.balanceOf(address(market)) + bought, SUPPLY);
    }

    // ---------------------------------------------------------------------------------------------
    // approve / allowance
    // ---------------------------------------------------------------------------------------------

    function test_approve_setsAllowanceAndEmits_succeeds() public {
        vm.expectEmit(address(token));
        emit IERC20.Approval(alice, bob, 123);
        vm.prank(alice);
        assertTrue(token.approve(bob, 123));
        assertEq(token.allowance(alice, bob), 123);
        assertEq(token.allowance(bob, alice), 0);
    }

    function test_approve_overwritesAllowance_succeeds() public {
        vm.startPrank(alice);
        token.approve(bob, 123);
        token.approve(bob, 7);
        vm.stopPrank();
        assertEq(token.allowance(alice, bob), 7);
    }

    function test_approve_zeroSpender_reverts() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidSpender.selector, address(0)));
        token.approve(address(0), 1);
    }

    // ---------------------------------------------------------------------------------------------
    // transfer
    // ---------------------------------------------------------------------------------------------

    function test_transfer_movesBalanceAndEmits_succeeds() public {
        vm.expectEmit(address(token));
        emit IERC20.Transfer(creator, alice, 1000e18);
        vm.prank(creator);
        assertTrue(token.transfer(alice, 1000e18));
        assertEq(token.balanceOf(alice), 1000e18);
        assertEq(token.balanceOf(creator), creatorAllocation - 1000e18);
        assertEq(token.totalSupply(), SUPPLY);
    }

    function test_transfer_zeroAmount_succeeds() public {
        vm.expectEmit(address(token));
        emit IERC20.Transfer(alice, bob, 0);
        vm.prank(alice);
        assertTrue(token.transfer(bob, 0));
        assertEq(token.balanceOf(alice), 0);
        assertEq(token.balanceOf(bob), 0);
    }

    function test_transfer_wholeBalance_succeeds() public {
        _send(creator, alice, creatorAllocation);
        assertEq(token.balanceOf(creator), 0);
        assertEq(token.balanceOf(alice), creatorAllocation);
    }

    function test_transfer_insufficientBalance_reverts() public {
        vm.prank(creator);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientBalance.selector,
                creator,
                creatorAllocation,
                creatorAllocation + 1
            )
        );
        token.transfer(alice, creatorAllocation + 1);
    }

    function test_transfer_fromEmptyAccount_reverts() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 0, 1));
        token.transfer(bob, 1);
    }

    function test_transfer_toZeroAddress_reverts() public {
        vm.prank(creator);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        token.transfer(address(0), 1);
    }

    function test_transfer_fromZeroAddress_reverts() public {
        vm.prank(address(0));
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidSender.selector, address(0)));
        token.transfer(alice, 0);
    }

    function test_transfer_toMarket_reverts() public {
        vm.prank(creator);
        vm.expectRevert(IAgentToken.DirectTransferToMarket.selector);
        token.transfer(address(market), 1);
    }

    function test_transfer_zeroAmountToMarket_reverts() public {
        vm.prank(creator);
        vm.expectRevert(IAgentToken.DirectTransferToMarket.selector);
        token.transfer(address(market), 0);
    }

    function test_transfer_byMarketBeyondUnsold_reverts() public {
        vm.prank(address(market));
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientBalance.selector,
                address(market),
                marketAllocation,
                marketAllocation + 1
            )
        );
        token.transfer(alice, marketAllocation + 1);
    }

    function test_transfer_byMarketWholeAllocation_succeeds() public {
        vm.prank(address(market));
        token.transfer(alice, marketAllocation);
        assertEq(token.balanceOf(address(market)), 0);
        assertEq(token.balanceOf(alice), marketAllocation);
        vm.prank(address(market));
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, address(market), 0, 1)
        );
        token.transfer(alice, 1);
    }

    function test_transfer_toSelfKeepsBalanceAndFees_succeeds() public {
        uint256 x = 100_000_000e18;
        _send(creator, alice, x);
        uint256 f1 = 3e18 + 7;
        _accrue(f1);
        uint256 before = token.withdrawableFeesOf(alice);

        vm.expectEmit(address(token));
        emit IERC20.Transfer(alice, alice, x / 3);
        _send(alice, alice, x / 3);

        assertEq(token.balanceOf(alice), x);
        uint256 afterSelf = token.withdrawableFeesOf(alice);
        // The round-trip rounds the correction against alice by less than 2**-64 wei.
        assertLe(afterSelf, before);
        assertGe(afterSelf + 1, before);

        uint256 f2 = 5e18 + 3;
        _accrue(f2);
        _assertEarned(alice, (f1 + f2) * x, "alice");
    }

    // ---------------------------------------------------------------------------------------------
    // transferFrom
    // ---------------------------------------------------------------------------------------------

    function test_transferFrom_spendsAllowance_succeeds() public {
        vm.prank(creator);
        token.approve(bob, 500e18);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(creator, carol, 200e18);
        vm.prank(bob);
        assertTrue(token.transferFrom(creator, carol, 200e18));
        assertEq(token.allowance(creator, bob), 300e18);
        assertEq(token.balanceOf(carol), 200e18);
        assertEq(token.balanceOf(creator), creatorAllocation - 200e18);
    }

    function test_transferFrom_exactAllowance_succeeds() public {
        vm.prank(creator);
        token.approve(bob, 500e18);
        vm.prank(bob);
        token.transferFrom(creator, bob, 500e18);
        assertEq(token.allowance(creator, bob), 0);
        assertEq(token.balanceOf(bob), 500e18);
    }

    function test_transferFrom_infiniteAllowance_succeeds() public {
        vm.prank(creator);
        token.approve(bob, type(uint256).max);
        vm.recordLogs();
        vm.startPrank(bob);
        token.transferFrom(creator, carol, 200e18);
        token.transferFrom(creator, carol, 300e18);
        vm.stopPrank();
        assertEq(token.allowance(creator, bob), type(uint256).max);
        assertEq(token.balanceOf(carol), 500e18);
        // Only the two Transfer events: no Approval is emitted for an infinite allowance.
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 2);
        assertEq(logs[0].topics[0], IERC20.Transfer.selector);
        assertEq(logs[1].topics[0], IERC20.Transfer.selector);
    }

    function test_transferFrom_insufficientAllowance_reverts() public {
        vm.prank(creator);
        token.approve(bob, 5);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, bob, 5, 6));
        token.transferFrom(creator, bob, 6);
    }

    function test_transferFrom_noAllowance_reverts() public {
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, bob, 0, 1));
        token.transferFrom(creator, bob, 1);
    }

    function test_transferFrom_ownerWithoutSelfAllowance_reverts() public {
        // transferFrom spends an allowance even when the owner calls it.
        vm.prank(creator);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, creator, 0, 1)
        );
        token.transferFrom(creator, bob, 1);
    }

    function test_transferFrom_insufficientBalance_reverts() public {
        _send(creator, alice, 10);
        vm.prank(alice);
        token.approve(bob, type(uint256).max);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 10, 11));
        token.transferFrom(alice, bob, 11);
    }

    function test_transferFrom_toMarket_reverts() public {
        vm.prank(creator);
        token.approve(bob, 100);
        vm.prank(bob);
        vm.expectRevert(IAgentToken.DirectTransferToMarket.selector);
        token.transferFrom(creator, address(market), 1);
        assertEq(token.allowance(creator, bob), 100);
    }

    function test_transferFrom_toZeroAddress_reverts() public {
        vm.prank(creator);
        token.approve(bob, 100);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        token.transferFrom(creator, address(0), 1);
    }

    function test_transferFrom_fromZeroAddress_reverts() public {
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidSender.selector, address(0)));
        token.transferFrom(address(0), bob, 0);
    }

    function test_transferFrom_movesFeeEntitlementLikeTransfer_succeeds() public {
        uint256 x = 50_000_000e18;
        _send(creator, alice, x);
        _accrue(1e18 + 1);
        vm.prank(alice);
        token.approve(bob, type(uint256).max);
        vm.prank(bob);
        token.transferFrom(alice, carol, x);
        _accrue(2e18 + 1);
        _assertEarned(alice, (1e18 + 1) * x, "alice");
        _assertEarned(carol, (2e18 + 1) * x, "carol");
        assertEq(token.withdrawableFeesOf(bob), 0);
    }

    // ---------------------------------------------------------------------------------------------
    // marketTransferFrom
    // ---------------------------------------------------------------------------------------------

    function test_marketTransferFrom_movesTokensToMarket_succeeds() public {
        uint256 bought = buyTokens(alice, agentId, 10e18);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(alice, address(market), bought / 2);
        vm.prank(address(market));
        token.marketTransferFrom(alice, bought / 2);
        assertEq(token.balanceOf(alice), bought - bought / 2);
        assertEq(token.balanceOf(address(market)), marketAllocation - (bought - bought / 2));
        assertEq(token.allowance(alice, address(market)), 0); // no allowance needed
    }

    function test_marketTransferFrom_notMarket_reverts() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAgentToken.OnlyPlatform.selector, alice));
        token.marketTransferFrom(creator, 1);
    }

    function test_marketTransferFrom_byFeeDistributor_reverts() public {
        vm.prank(address(feeDistributor));
        vm.expectRevert(abi.encodeWithSelector(IAgentToken.OnlyPlatform.selector, address(feeDistributor)));
        token.marketTransferFrom(creator, 1);
    }

    function test_marketTransferFrom_insufficientBalance_reverts() public {
        uint256 bought = buyTokens(alice, agentId, 10e18);
        vm.prank(address(market));
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, bought, bought + 1)
        );
        token.marketTransferFrom(alice, bought + 1);
    }

    function test_marketTransferFrom_zeroSender_reverts() public {
        vm.prank(address(market));
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidSender.selector, address(0)));
        token.marketTransferFrom(address(0), 0);
    }

    function test_marketTransferFrom_moreThanMarketSold_reverts() public {
        // The market's stored balance is "tokens sold"; it can never take back more than it sold.
        vm.prank(address(market));
        vm.expectRevert(stdError.arithmeticError);
        token.marketTransferFrom(creator, 1);
    }

    function test_marketTransferFrom_fromMarketItself_succeeds() public {
        vm.prank(address(market));
        token.transfer(alice, 1000);
        vm.prank(address(market));
        token.marketTransferFrom(address(market), 400);
        assertEq(token.balanceOf(address(market)), marketAllocation - 1000);
        assertEq(token.balanceOf(alice), 1000);
    }

    // ---------------------------------------------------------------------------------------------
    // accrueFees
    // ---------------------------------------------------------------------------------------------

    function test_accrueFees_raisesAccumulatorAndEmits_succeeds() public {
        uint256 first = 1e18 + 3;
        uint256 expected = Math.mulDiv(first, Q128, SUPPLY);
        vm.expectEmit(address(token));
        emit IAgentToken.FeesAccrued(first, expected);
        _accrue(first);
        assertEq(token.magnifiedFeesPerShare(), expected);

        uint256 second = 7;
        expected += Math.mulDiv(second, Q128, SUPPLY);
        vm.expectEmit(address(token));
        emit IAgentToken.FeesAccrued(second, expected);
        _accrue(second);
        assertEq(token.magnifiedFeesPerShare(), expected);
    }

    function test_accrueFees_creditsEveryHolderProportionally_succeeds() public {
        uint256 fee = 10e18 + 1;
        _accrue(fee);
        _assertEarned(creator, fee * creatorAllocation, "creator");
        _assertEarned(address(market), fee * marketAllocation, "market");
        assertLe(token.withdrawableFeesOf(creator) + token.withdrawableFeesOf(address(market)), fee);
    }

    function test_accrueFees_oneWei_succeeds() public {
        _accrue(1);
        assertEq(token.magnifiedFeesPerShare(), Q128 / SUPPLY);
        // Nobody holds the whole supply, so nobody may withdraw the single wei.
        assertEq(token.withdrawableFeesOf(creator), 0);
        assertEq(token.withdrawableFeesOf(address(market)), 0);
    }

    function test_accrueFees_notFeeDistributor_reverts() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAgentToken.OnlyPlatform.selector, alice));
        token.accrueFees(1);
    }

    function test_accrueFees_byMarket_reverts() public {
        vm.prank(address(market));
        vm.expectRevert(abi.encodeWithSelector(IAgentToken.OnlyPlatform.selector, address(market)));
        token.accrueFees(1);
    }

    function test_accrueFees_zeroAmount_reverts() public {
        vm.prank(address(feeDistributor));
        vm.expectRevert(ICommon.ZeroAmount.selector);
        token.accrueFees(0);
    }

    function test_accrueFees_accumulatorLimit_reverts() public {
        // Lifetime holder fees are capped just below 2**95 wei: accumulator * supply must stay below 2**223.
        uint256 amount = 1 << 95;
        uint256 accumulator = Math.mulDiv(amount, Q128, SUPPLY);
        assertGe(accumulator, (1 << 223) / uint256(SUPPLY));
        vm.prank(address(feeDistributor));
        vm.expectRevert(abi.encodeWithSelector(IAgentToken.FeeAccumulatorOverflow.selector, accumulator));
        token.accrueFees(amount);
    }

    function test_accrueFees_limitReachedInSteps_reverts() public {
        // Leaves about 1e12 wei of room below the limit; accruing twice that crosses it.
        uint256 first = (1 << 95) - 1e12;
        _accrue(first);
        uint256 expected = Math.mulDiv(first, Q128, SUPPLY);
        assertEq(token.magnifiedFeesPerShare(), expected);
        expected += Math.mulDiv(2e12, Q128, SUPPLY);
        vm.prank(address(feeDistributor));
        vm.expectRevert(abi.encodeWithSelector(IAgentToken.FeeAccumulatorOverflow.selector, expected));
        token.accrueFees(2e12);
    }

    function test_transfer_nearAccumulatorLimit_succeeds() public {
        // Corrections of the largest magnitude still fit their int160 beside the balance.
        uint256 fee = (1 << 95) - 1e12;
        _accrue(fee);
        _send(creator, alice, creatorAllocation);
        vm.prank(address(market));
        token.transfer(alice, marketAllocation);
        assertEq(token.balanceOf(alice), SUPPLY);
        _send(alice, bob, SUPPLY);

        _assertEarned(creator, fee * creatorAllocation, "creator");
        _assertEarned(address(market), fee * marketAllocation, "market");
        assertEq(token.withdrawableFeesOf(alice), 0);
        assertEq(token.withdrawableFeesOf(bob), 0);

        uint256 claimed = _recordClaim(token, creator);
        _assertEarned(claimed, fee * creatorAllocation, SUPPLY, "creator claim");
        assertEq(token.withdrawableFeesOf(creator), 0);
    }

    // ---------------------------------------------------------------------------------------------
    // recordFeeClaim
    // ---------------------------------------------------------------------------------------------

    function test_recordFeeClaim_returnsAndZeroesWithdrawable_succeeds() public {
        _accrue(10e18 + 1);
        uint256 withdrawable = token.withdrawableFeesOf(creator);
        assertGt(withdrawable, 0);

        vm.expectEmit(address(token));
        emit IAgentToken.FeesClaimRecorded(creator, withdrawable);
        uint256 recorded = _recordClaim(token, creator);

        assertEq(recorded, withdrawable);
        assertEq(token.withdrawableFeesOf(creator), 0);
        assertEq(token.balanceOf(creator), creatorAllocation); // a claim moves no tokens
    }

    function test_recordFeeClaim_thenNewFeesOnly_succeeds() public {
        uint256 f1 = 10e18 + 1;
        _accrue(f1);
        uint256 claimed = _recordClaim(token, creator);
        uint256 f2 = 4e18 + 9;
        _accrue(f2);
        // The fraction left unpaid by the first claim stays in the correction and is paid later.
        _assertEarned(
            claimed + token.withdrawableFeesOf(creator), (f1 + f2) * creatorAllocation, SUPPLY, "creator"
        );
    }

    function test_recordFeeClaim_nothingEarned_succeeds() public {
        vm.recordLogs();
        uint256 recorded = _recordClaim(token, alice);
        assertEq(recorded, 0);
        assertEq(vm.getRecordedLogs().length, 0);
    }

    function test_recordFeeClaim_twice_succeeds() public {
        _accrue(1e18);
        assertGt(_recordClaim(token, creator), 0);
        assertEq(_recordClaim(token, creator), 0);
    }

    function test_recordFeeClaim_forMarket_reverts() public {
        _accrue(2e18);
        vm.prank(address(feeDistributor));
        vm.expectRevert(IAgentToken.UnsoldShareNotClaimable.selector);
        token.recordFeeClaim(address(market));
    }

    function test_recordUnsoldShareClaim_notFeeDistributor_reverts() public {
        vm.prank(address(market));
        vm.expectRevert(abi.encodeWithSelector(IAgentToken.OnlyPlatform.selector, address(market)));
        token.recordUnsoldShareClaim();
    }

    function test_recordUnsoldShareClaim_market_succeeds() public {
        uint256 fee = 2e18 + 5;
        _accrue(fee);
        uint256 expected = token.withdrawableFeesOf(address(market));
        _assertEarned(expected, fee * marketAllocation, SUPPLY, "market");
        assertEq(_recordClaim(token, address(market)), expected);
        assertEq(token.withdrawableFeesOf(address(market)), 0);
        assertEq(token.balanceOf(address(market)), marketAllocation);
    }

    function test_recordFeeClaim_notFeeDistributor_reverts() public {
        vm.prank(creator);
        vm.expectRevert(abi.encodeWithSelector(IAgentToken.OnlyPlatform.selector, creator));
        token.recordFeeClaim(creator);
    }

    function test_recordFeeClaim_byMarket_reverts() public {
        vm.prank(address(market));
        vm.expectRevert(abi.encodeWithSelector(IAgentToken.OnlyPlatform.selector, address(market)));
        token.recordFeeClaim(address(market));
    }

    // ---------------------------------------------------------------------------------------------
    // withdrawableFeesOf: exactness across transfers
    // ---------------------------------------------------------------------------------------------

    function test_withdrawableFeesOf_transferHalfBetweenAccruals_succeeds() public {
        uint256 x = 100_000_000e18;
        _send(creator, alice, x);
        uint256 f1 = 3e18 + 7;
        _accrue(f1);
        _send(alice, bob, x / 2);
        uint256 f2 = 5e18 + 3;
        _accrue(f2);

        _assertEarned(alice, f1 * x + f2 * (x / 2), "alice");
        _assertEarned(bob, f2 * (x / 2), "bob");
        _assertEarned(creator, (f1 + f2) * (creatorAllocation - x), "creator");
        _assertEarned(address(market), (f1 + f2) * marketAllocation, "market");
    }

    function test_withdrawableFeesOf_receiverEarnsNoPastFees_succeeds() public {
        _accrue(50e18);
        _send(creator, alice, creatorAllocation);
        assertEq(token.withdrawableFeesOf(alice), 0);
        // The sender keeps what it earned before the transfer.
        _assertEarned(creator, 50e18 * creatorAllocation, "creator");
    }

    function test_withdrawableFeesOf_roundTripTransfer_succeeds() public {
        uint256 x = 12_345_678e18 + 9;
        _send(creator, alice, x);
        uint256 f1 = 1e18 + 1;
        _accrue(f1);
        _send(alice, bob, x);
        uint256 f2 = 2e18 + 1;
        _accrue(f2);
        _send(bob, alice, x);
        uint256 f3 = 3e18 + 1;
        _accrue(f3);
        _assertEarned(alice, (f1 + f3) * x, "alice");
        _assertEarned(bob, f2 * x, "bob");
    }

    function test_withdrawableFeesOf_marketUnsoldShare_succeeds() public {
        uint256 f1 = 8e18 + 1;
        _accrue(f1);
        // The market sells some tokens (as on a buy) and earns only on what it still holds.
        uint256 sold = 200_000_000e18;
        vm.prank(address(market));
        token.transfer(alice, sold);
        uint256 f2 = 6e18 + 1;
        _accrue(f2);
        _assertEarned(address(market), f1 * marketAllocation + f2 * (marketAllocation - sold), "market");
        _assertEarned(alice, f2 * sold, "alice");

        // Alice sells half back; the market earns on it again from now on.
        vm.prank(address(market));
        token.marketTransferFrom(alice, sold / 2);
        uint256 f3 = 4e18 + 1;
        _accrue(f3);
        _assertEarned(
            address(market),
            f1 * marketAllocation + f2 * (marketAllocation - sold) + f3 * (marketAllocation - sold / 2),
            "market after sale"
        );
        _assertEarned(alice, f2 * sold + f3 * (sold / 2), "alice after sale");
    }

    /// @dev A supply of 2**70 makes a 1-wei accrual exact (accumulator 2**58), so the only rounding left is
    ///      the transfer's correction rounding, which the holder's share sits just below a wei to expose.
    function _exactAccumulatorToken() internal returns (AgentToken t) {
        (, t) = _register(creator, "Exact", "EX", uint96(1 << 70), 0);
        assertEq(t.balanceOf(address(market)), 1 << 70);
    }

    function test_transfer_senderRoundingNeverOverCredits_succeeds() public {
        AgentToken t = _exactAccumulatorToken();
        vm.startPrank(address(market));
        t.transfer(alice, (1 << 70) - 1);
        t.transfer(bob, 1);
        vm.stopPrank();
        _accrue(t, 1);
        assertEq(t.magnifiedFeesPerShare(), 1 << 58);
        // Alice earned (2**70 - 1) / 2**70 wei: less than one.
        assertEq(t.withdrawableFeesOf(alice), 0);

        vm.prank(alice);
        t.transfer(carol, 1);
        // Rounding her kept credit up would lift her past the wei she has not earned.
        assertEq(t.withdrawableFeesOf(alice), 0);
        assertEq(t.withdrawableFeesOf(carol), 0);
    }

    function test_transfer_receiverRoundingNeverOverCredits_succeeds() public {
        AgentToken t = _exactAccumulatorToken();
        vm.startPrank(address(market));
        t.transfer(alice, 62);
        t.transfer(bob, (1 << 70) - 62);
        vm.stopPrank();
        _accrue(t, 1);
        // Bob earned (2**70 - 62) / 2**70 wei: less than one.
        assertEq(t.withdrawableFeesOf(bob), 0);

        vm.prank(alice);
        t.transfer(bob, 62);
        // Bob now holds the whole supply but earned nothing on the 62 tokens he just received; rounding
        // his debit down would credit him the wei.
        assertEq(t.balanceOf(bob), 1 << 70);
        assertEq(t.withdrawableFeesOf(bob), 0);
        _accrue(t, 1);
        assertEq(t.withdrawableFeesOf(bob), 1);
    }

    function test_withdrawableFeesOf_tinyBalancesAndFees_succeeds() public {
        _send(creator, alice, 1);
        _send(creator, bob, 3);
        for (uint256 i; i < 5; ++i) {
            _accrue(1);
        }
        // 5 wei over a 1e27 supply: nowhere near a wei for 1- and 3-token holders.
        assertEq(token.withdrawableFeesOf(alice), 0);
        assertEq(token.withdrawableFeesOf(bob), 0);
        _assertEarned(creator, 5 * (creatorAllocation - 4), "creator");
    }

    function test_withdrawableFeesOf_sumNeverExceedsAccrued_succeeds() public {
        address[5] memory holders = [creator, alice, bob, carol, address(market)];
        _send(creator, alice, 1e18 + 1);
        _send(creator, bob, 33_333_333e18 + 3);
        vm.prank(address(market));
        token.transfer(carol, 77_777_777e18 + 7);
        uint256 accrued;
        for (uint256 i; i < 10; ++i) {
            uint256 fee = 1e18 / (i + 1) + i;
            _accrue(fee);
            accrued += fee;
            _send(bob, alice, 1e18 + i);
        }
        uint256 sum;
        for (uint256 i; i < holders.length; ++i) {
            sum += token.withdrawableFeesOf(holders[i]);
        }
        assertLe(sum, accrued);
        assertGe(sum + holders.length, accrued);
    }

    // ---------------------------------------------------------------------------------------------
    // Fuzz
    // ---------------------------------------------------------------------------------------------

    function testFuzz_accrueFees_anyAmount_succeeds(uint256 amount, uint256 share) public {
        amount = bound(amount, 1, (1 << 95) - 1e12);
        share = bound(share, 0, creatorAllocation);
        _send(creator, alice, share);
        _accrue(amount);
        assertEq(token.magnifiedFeesPerShare(), Math.mulDiv(amount, Q128, SUPPLY));
        _assertEarned(alice, amount * share, "alice");
        _assertEarned(creator, amount * (creatorAllocation - share), "creator");
        _assertEarned(address(market), amount * marketAllocation, "market");
    }

    function testFuzz_transfer_keepsEarnedFees_succeeds(uint256 fee, uint256 given, uint256 moved) public {
        fee = bound(fee, 1, 1e28);
        given = bound(given, 0, creatorAllocation);
        moved = bound(moved, 0, given);
        _send(creator, alice, given);
        _accrue(fee);
        uint256 aliceBefore = token.withdrawableFeesOf(alice);
        uint256 bobBefore = token.withdrawableFeesOf(bob);

        _send(alice, bob, moved);

        // A transfer moves no earned fees; rounding may cost each side less than 2**-64 wei, which shows
        // as at most one wei when the amount sits on an integer.
        uint256 aliceAfter = token.withdrawableFeesOf(alice);
        assertLe(aliceAfter, aliceBefore);
        assertGe(aliceAfter + 1, aliceBefore);
        assertEq(bobBefore, 0);
        assertEq(token.withdrawableFeesOf(bob), 0);
        assertEq(token.balanceOf(alice), given - moved);
        assertEq(token.balanceOf(bob), moved);
    }

    /// @dev The model of the random-operations fuzz: per holder, the exact share numerator and what it claimed.
    struct Model {
        AgentToken t;
        uint256 supply;
        address[5] holders;
        uint256[5] numerators;
        uint256[5] claimed;
        uint256 accrued;
    }

    /// @dev A random sequence over five holders (the market included) of transfers, market sales and buybacks,
    ///      accruals and claims, on a token with a random supply and split. After every step each holder's
    ///      claimed + withdrawable is checked against its exact rational share (never above, at most one
    ///      wei below), and the holders together never hold more than was accrued, nor more than one wei
    ///      per holder less.
    function testFuzz_withdrawableFeesOf_randomOperations_succeeds(
        uint256 seed,
        uint96 supply,
        uint16 creatorBps
    ) public {
        supply = uint96(bound(supply, registry.MIN_TOKEN_SUPPLY(), registry.MAX_TOKEN_SUPPLY()));
        creatorBps = uint16(bound(creatorBps, 0, registry.MAX_CREATOR_SHARE_BPS()));
        Model memory m;
        (, m.t) = _register(creator, "Fuzz", "FZ", supply, creatorBps);
        m.supply = supply;
        m.holders = [address(market), creator, alice, bob, carol];

        for (uint256 step; step < 24; ++step) {
            _step(m, uint256(keccak256(abi.encode(seed, step))));
            _check(m);
        }
    }

    function _step(Model memory m, uint256 r) internal {
        AgentToken t = m.t;
        uint256 op = r % 5;
        address a = m.holders[1 + (r >> 8) % 4];
        address b = m.holders[1 + (r >> 16) % 4];
        uint256 rand = r >> 32;
        if (op == 0) {
            // Transfer between non-market holders (self-transfers included); sometimes the whole balance.
            uint256 bal = t.balanceOf(a);
            uint256 amount = (rand & 3) == 0 ? bal : (rand >> 2) % (bal + 1);
            vm.prank(a);
            t.transfer(b, amount);
        } else if (op == 1) {
            // The market sells to a holder.
            uint256 unsold = t.balanceOf(address(market));
            vm.prank(address(market));
            t.transfer(b, rand % (unsold + 1));
        } else if (op == 2) {
            // A holder sells back to the market (never more than the market has sold).
            uint256 sold = t.marketAllocation() - t.balanceOf(address(market));
            uint256 cap = Math.min(sold, t.balanceOf(a));
            vm.prank(address(market));
            t.marketTransferFrom(a, rand % (cap + 1));
        } else if (op == 3) {
            uint256 fee = (rand & 3) == 0 ? 1 + (rand >> 2) % 1000 : 1 + (rand >> 2) % 1e24;
            for (uint256 i; i < m.holders.length; ++i) {
                m.numerators[i] += fee * t.balanceOf(m.holders[i]);
            }
            m.accrued += fee;
            _accrue(t, fee);
        } else {
            uint256 i = (r >> 8) % 5;
            m.claimed[i] += _recordClaim(t, m.holders[i]);
        }
    }

    function _check(Model memory m) internal view {
        uint256 total;
        uint256 balances;
        for (uint256 i; i < m.holders.length; ++i) {
            uint256 paid = m.claimed[i] + m.t.withdrawableFeesOf(m.holders[i]);
            _assertEarned(paid, m.numerators[i], m.supply, vm.toString(m.holders[i]));
            total += paid;
            balances += m.t.balanceOf(m.holders[i]);
        }
        assertEq(balances, m.supply);
        assertLe(total, m.accrued);
        assertGe(total + m.holders.length, m.accrued);
    }
}
