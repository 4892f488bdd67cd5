// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentMarket} from "../../../src/interfaces/IAgentMarket.sol";
import {AgentMarket} from "../../../src/market/AgentMarket.sol";
import {AgentRegistry} from "../../../src/registry/AgentRegistry.sol";
import {AgentToken} from "../../../src/token/AgentToken.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @title MarketHandler
/// @notice Drives the AgentMarket for the solvency invariants: several traders (and the agents' creators,
///         who hold tokens the market never sold) buy, sell and pass tokens around on a few agents, while
///         governance moves the fee and the virtual reserve and time passes. Every call is bounded to
///         succeed; anything that does not match the quote is counted in `ghost_quoteMismatches`.
contract MarketHandler is CommonBase, StdCheats, StdUtils {
    uint256 internal constant MAX_BUY = 50_000e18;

    AgentMarket public immutable market;
    AgentRegistry public immutable registry;
    address public immutable admin;

    address[] internal _actors;
    uint256[] internal _agentIds;
    mapping(uint256 agentId => AgentToken) public tokenOf;
    mapping(uint256 agentId => address) public creatorOf;

    /// @notice Net CR8 (after fee) paid into each pool, and gross CR8 taken out of it by sales.
    mapping(uint256 agentId => uint256) public ghost_netIn;
    mapping(uint256 agentId => uint256) public ghost_grossOut;
    /// @notice Every trading fee the market forwarded.
    uint256 public ghost_fees;
    /// @notice The virtual reserve each pool started with at its first trade (zero until then).
    mapping(uint256 agentId => uint256) public ghost_virtualReserveAtFirstTrade;
    uint256 public ghost_quoteMismatches;
    uint256 public ghost_buys;
    uint256 public ghost_sells;

    constructor(
        AgentMarket market_,
        AgentRegistry registry_,
        address admin_,
        address[] memory traders,
        uint256[] memory agentIds,
        address[] memory creators
    ) {
        market = market_;
        registry = registry_;
        admin = admin_;
        for (uint256 i; i < traders.length; ++i) {
            _actors.push(traders[i]);
        }
        for (uint256 i; i < agentIds.length; ++i) {
            _agentIds.push(agentIds[i]);
            tokenOf[agentIds[i]] = AgentToken(registry_.agentToken(agentIds[i]));
            creatorOf[agentIds[i]] = creators[i];
            _actors.push(creators[i]);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Actions
    // ---------------------------------------------------------------------------------------------

    /// @notice Buys with up to MAX_BUY CR8.
    function buy(uint256 actorSeed, uint256 agentSeed, uint256 cr8In) external {
        _buy(_actor(actorSeed), _agent(agentSeed), _bound(cr8In, 1e15, MAX_BUY));
    }

    /// @notice Buys with dust: one wei up to 0.001 CR8, where rounding matters most.
    function buySmall(uint256 actorSeed, uint256 agentSeed, uint256 cr8In) external {
        _buy(_actor(actorSeed), _agent(agentSeed), _bound(cr8In, 1, 1e15));
    }

    /// @notice Sells part of what the actor (or the next actor holding tokens) may sell.
    function sell(uint256 actorSeed, uint256 agentSeed, uint256 tokensIn) external {
        uint256 agentId = _agent(agentSeed);
        (address actor, uint256 cap) = _seller(actorSeed, agentId);
        if (cap == 0) return;
        _sell(actor, agentId, _bound(tokensIn, 1, cap));
    }

    /// @notice Sells everything the actor (or the next actor holding tokens) may sell.
    function sellAll(uint256 actorSeed, uint256 agentSeed) external {
        uint256 agentId = _agent(agentSeed);
        (address actor, uint256 cap) = _seller(actorSeed, agentId);
        if (cap == 0) return;
        _sell(actor, agentId, cap);
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 agentSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        AgentToken token = tokenOf[_agent(agentSeed)];
        uint256 held = token.balanceOf(from);
        if (held == 0) return;
        amount = _bound(amount, 1, held);
        vm.prank(from);
        token.transfer(to, amount);
    }

    /// @notice The creator deactivates (one time in four) or reactivates an agent.
    function setActive(uint256 agentSeed, uint256 seed) external {
        uint256 agentId = _agent(agentSeed);
        vm.prank(creatorOf[agentId]);
        registry.setActive(agentId, seed % 4 != 0);
    }

    /// @notice Governance moves the trading fee or (for pools that have not traded yet; the invariants
    ///         check the others did not follow) the virtual reserve.
    function govern(uint256 seed, uint256 value) external {
        vm.startPrank(admin);
        if (seed % 2 == 0) market.setTradeFee(uint16(_bound(value, 0, market.MAX_TRADE_FEE_BPS())));
        else market.setVirtualReserve(uint128(_bound(value, 1, 1e27)));
        vm.stopPrank();
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + _bound(seconds_, 1, 7 days));
    }

    // ---------------------------------------------------------------------------------------------
    // Views for the invariants
    // ---------------------------------------------------------------------------------------------

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function agentIds() external view returns (uint256[] memory) {
        return _agentIds;
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    function _buy(address actor, uint256 agentId, uint256 cr8In) internal {
        if (!registry.isActive(agentId)) return;
        (uint256 quoted, uint256 fee) = market.quoteBuy(agentId, cr8In);
        if (quoted == 0) return;
        if (ghost_virtualReserveAtFirstTrade[agentId] == 0) {
            ghost_virtualReserveAtFirstTrade[agentId] = market.pool(agentId).virtualReserve;
        }
        vm.deal(actor, actor.balance + cr8In);
        vm.prank(actor);
        uint256 tokensOut = market.buy{value: cr8In}(agentId, quoted, block.timestamp);

        if (tokensOut != quoted) ++ghost_quoteMismatches;
        ghost_netIn[agentId] += cr8In - fee;
        ghost_fees += fee;
        ++ghost_buys;
    }

    function _sell(address actor, uint256 agentId, uint256 tokensIn) internal {
        (uint256 quoted, uint256 fee) = market.quoteSell(agentId, tokensIn);
        if (quoted == 0) return;
        uint256 balanceBefore = actor.balance;

        vm.prank(actor);
        uint256 cr8Out = market.sell(agentId, tokensIn, quoted, block.timestamp);

        if (cr8Out != quoted || actor.balance != balanceBefore + quoted) ++ghost_quoteMismatches;
        ghost_grossOut[agentId] += cr8Out + fee;
        ghost_fees += fee;
        ++ghost_sells;
    }

    /// @dev The first actor from `seed` on that holds tokens of `agentId`, and what it may sell: its
    ///      balance, capped by what the market sold.
    function _seller(uint256 seed, uint256 agentId) internal view returns (address actor, uint256 cap) {
        uint256 sold = market.pool(agentId).tokensSold;
        if (sold == 0) return (address(0), 0);
        for (uint256 i; i < _actors.length; ++i) {
            actor = _actor(seed % _actors.length + i);
            uint256 held = tokenOf[agentId].balanceOf(actor);
            if (held != 0) return (actor, held < sold ? held : sold);
        }
        return (address(0), 0);
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _agent(uint256 seed) internal view returns (uint256) {
        return _agentIds[seed % _agentIds.length];
    }
}
