// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentMarket} from "../../src/interfaces/IAgentMarket.sol";
import {AgentToken} from "../../src/token/AgentToken.sol";
import {CR8Test} from "../utils/CR8Test.sol";
import {MarketHandler} from "./handlers/MarketHandler.sol";

/// @title MarketSolvencyInvariants
/// @notice The market always holds the CR8 to buy back, on its own curve, every token it sold.
contract MarketSolvencyInvariants is CR8Test {
    MarketHandler internal handler;
    uint256[] internal agentIds;
    address[] internal actors;

    function setUp() public override {
        super.setUp();
        address[] memory creators = new address[](3);
        agentIds = new uint256[](3);
        for (uint256 i; i < 3; ++i) {
            creators[i] = makeAddr(string.concat("creator", vm.toString(i)));
            (agentIds[i],) = registerAgent(creators[i]);
        }
        address[] memory traders = new address[](4);
        traders[0] = alice;
        traders[1] = bob;
        traders[2] = carol;
        traders[3] = makeAddr("dave");

        handler = new MarketHandler(market, registry, admin, traders, agentIds, creators);
        actors = handler.actors();

        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = MarketHandler.buy.selector;
        selectors[1] = MarketHandler.buySmall.selector;
        selectors[2] = MarketHandler.sell.selector;
        selectors[3] = MarketHandler.sellAll.selector;
        selectors[4] = MarketHandler.transfer.selector;
        selectors[5] = MarketHandler.setActive.selector;
        selectors[6] = MarketHandler.warp.selector;
        selectors[7] = MarketHandler.govern.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// @notice Selling every sold token back on the curve needs at most the pool's real reserve, and the
    ///         market's balance covers every pool's reserve. (Required.)
    function invariant_solvency_reserveCoversBuyBackOfAllTokensSold() public view {
        uint256 sumReserves;
        for (uint256 i; i < agentIds.length; ++i) {
            IAgentMarket.Pool memory p = market.pool(agentIds[i]);
            sumReserves += p.reserve;
            uint256 x = uint256(p.virtualReserve) + p.reserve;
            uint256 y = uint256(p.allocation) - p.tokensSold;
            uint256 buyBack = x * p.tokensSold / (y + p.tokensSold);
            // The curve never empties and `x * y` never falls below the product it started with.
            assertGt(y, 0, "curve emptied");
            assertGe(x * y, uint256(p.virtualReserve) * p.allocation, "k decreased");
            assertLe(buyBack, p.reserve, "buy-back of all tokens sold exceeds the reserve");
            if (p.tokensSold != 0) {
                // The quote agrees with the curve (it subtracts only the fee).
                (uint256 cr8Out, uint256 fee) = market.quoteSell(agentIds[i], p.tokensSold);
                assertEq(cr8Out + fee, buyBack, "quoteSell gross");
            }
        }
        assertGe(address(market).balance, sumReserves, "market balance below the sum of reserves");
    }

    /// @notice Each reserve is exactly what trades put in minus what sales took out; pools that traded keep
    ///         the virtual reserve of their first trade; fees all reached the FeeDistributor (and staking);
    ///         every trade paid its quote; tokens are conserved.
    function invariant_accounting_reserveMatchesFlows() public view {
        uint256 sumReserves;
        for (uint256 i; i < agentIds.length; ++i) {
            uint256 id = agentIds[i];
            IAgentMarket.Pool memory p = market.pool(id);
            sumReserves += p.reserve;
            assertEq(p.reserve, handler.ghost_netIn(id) - handler.ghost_grossOut(id), "reserve vs flows");
            assertEq(market.liquidityOf(id), p.reserve, "liquidityOf");
            uint256 snapshot = handler.ghost_virtualReserveAtFirstTrade(id);
            if (snapshot != 0) assertEq(p.virtualReserve, snapshot, "traded pool's virtual reserve moved");
        }
        assertEq(address(market).balance, sumReserves, "market holds CR8 outside the reserves");
        // Nothing is claimed in this campaign, so every forwarded fee sits in the distributor or staking.
        assertEq(address(feeDistributor).balance + address(staking).balance, handler.ghost_fees(), "fees");
        assertEq(handler.ghost_quoteMismatches(), 0, "a trade differed from its quote");
        _assertTokenConservation();
    }

    /// @dev The holders own exactly the creator allocation plus what the market sold; the market's token
    ///      balance is its allocation minus what it sold.
    function _assertTokenConservation() internal view {
        for (uint256 i; i < agentIds.length; ++i) {
            uint256 id = agentIds[i];
            AgentToken token = handler.tokenOf(id);
            IAgentMarket.Pool memory p = market.pool(id);
            uint256 held;
            for (uint256 j; j < actors.length; ++j) {
                held += token.balanceOf(actors[j]);
            }
            assertEq(held, token.creatorAllocation() + p.tokensSold, "holders");
            assertEq(token.balanceOf(address(market)), p.allocation - p.tokensSold, "market token balance");
            assertEq(held + token.balanceOf(address(market)), token.totalSupply(), "supply");
        }
    }

    function afterInvariant() public view {
        // The campaign must have traded, or the invariants proved nothing.
        assertGt(handler.ghost_buys(), 0, "no buys");
    }
}
