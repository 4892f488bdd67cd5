// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IGuarded} from "./IGuarded.sol";

/// @title IAgentMarket
/// @notice Liquidity for every agent token: a constant-product curve per agent between native CR8 and
///         the agent token, with a virtual CR8 reserve so the first buyer has a price.
///         The curve is `(virtualReserve + reserve) * (marketAllocation - tokensSold) >= k`, where
///         `k = virtualReserve * marketAllocation` is fixed when the agent first trades. Every trade
///         rounds in the market's favour, so the market always holds the CR8 to buy back every token
///         it sold. A trading fee on the CR8 side goes to the FeeDistributor for that agent.
interface IAgentMarket is IGuarded {
    /// @notice The curve state of one agent.
    /// @param reserve Real CR8 held for this agent.
    /// @param virtualReserve The virtual CR8 reserve fixed at the agent's first trade.
    /// @param tokensSold Agent tokens the market has sold and not bought back.
    /// @param allocation The agent tokens minted to the market at creation.
    struct Pool {
        uint128 reserve;
        uint128 virtualReserve;
        uint128 tokensSold;
        uint128 allocation;
    }

    /// @notice `buyer` paid `cr8In` (fee included) for `tokensOut` agent tokens.
    event TokensBought(
        uint256 indexed agentId,
        address indexed buyer,
        uint256 cr8In,
        uint256 fee,
        uint256 tokensOut,
        uint256 reserveAfter,
        uint256 tokensSoldAfter
    );

    /// @notice `seller` sold `tokensIn` agent tokens for `cr8Out` (after `fee`).
    event TokensSold(
        uint256 indexed agentId,
        address indexed seller,
        uint256 tokensIn,
        uint256 fee,
        uint256 cr8Out,
        uint256 reserveAfter,
        uint256 tokensSoldAfter
    );

    /// @notice Governance set the trading fee.
    event TradeFeeUpdated(uint16 tradeFeeBps);

    /// @notice Governance set the virtual reserve for agents that have not traded yet.
    event VirtualReserveUpdated(uint128 virtualReserve);

    /// @notice The trade would give less than the caller's minimum.
    error SlippageExceeded(uint256 amountOut, uint256 minAmountOut);

    /// @notice The trade is too small to buy a single token unit or return any CR8.
    error TradeTooSmall(uint256 amountIn);

    /// @notice The market cannot buy back more tokens than it sold.
    error ExceedsTokensSold(uint256 tokensIn, uint256 tokensSold);

    /// @notice New buys are closed while the agent is inactive (selling stays open).
    error AgentInactive(uint256 agentId);

    /// @notice The trading fee is above MAX_TRADE_FEE_BPS.
    error InvalidTradeFee(uint256 tradeFeeBps);

    /// @notice The virtual reserve is zero or unreasonably large.
    error InvalidVirtualReserve(uint256 virtualReserve);

    /// @notice Buys agent tokens with `msg.value` CR8 (fee included); reverts unless at least
    ///         `minTokensOut` arrive and `block.timestamp <= deadline`.
    function buy(uint256 agentId, uint256 minTokensOut, uint256 deadline)
        external
        payable
        returns (uint256 tokensOut);

    /// @notice Sells `tokensIn` agent tokens for CR8; reverts unless at least `minCr8Out` arrive and
    ///         `block.timestamp <= deadline`. Needs no approval: the market takes the tokens from the caller.
    function sell(uint256 agentId, uint256 tokensIn, uint256 minCr8Out, uint256 deadline)
        external
        returns (uint256 cr8Out);

    /// @notice What `cr8In` CR8 (fee included) buys now.
    function quoteBuy(uint256 agentId, uint256 cr8In) external view returns (uint256 tokensOut, uint256 fee);

    /// @notice What selling `tokensIn` returns now, after the fee.
    function quoteSell(uint256 agentId, uint256 tokensIn) external view returns (uint256 cr8Out, uint256 fee);

    /// @notice The marginal price of one whole token (1e18 units) in wei of CR8, before fees.
    function spotPrice(uint256 agentId) external view returns (uint256);

    /// @notice The curve state of `agentId` (as it would be at its first trade if it has not traded).
    function pool(uint256 agentId) external view returns (Pool memory);

    /// @notice Real CR8 liquidity held for `agentId`.
    function liquidityOf(uint256 agentId) external view returns (uint256);

    /// @notice The trading fee in basis points.
    function tradeFeeBps() external view returns (uint16);

    /// @notice The virtual reserve new pools start with.
    function virtualReserve() external view returns (uint128);

    /// @notice Governance: sets the trading fee.
    function setTradeFee(uint16 tradeFeeBps) external;

    /// @notice Governance: sets the virtual reserve for pools that have not traded yet.
    function setVirtualReserve(uint128 virtualReserve) external;
}
