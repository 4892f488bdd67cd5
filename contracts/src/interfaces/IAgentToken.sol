// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommon} from "./ICommon.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";

/// @title IAgentToken
/// @notice One ERC-20 per agent: fractional ownership of the agent. The supply is fixed at creation
///         and split between the creator and the AgentMarket. Every holder earns the agent's fees in
///         proportion to its balance, exactly, whatever transfers happen in between: the token keeps a
///         fees-per-share accumulator and a correction per holder that mint, burn and transfer update,
///         so no operation loops over holders. The fee money itself sits in the FeeDistributor; this
///         token is the ledger of who may claim how much of it.
interface IAgentToken is IERC20Metadata, ICommon {
    /// @notice `amount` of fees were credited to the holders of this token.
    event FeesAccrued(uint256 amount, uint256 magnifiedFeesPerShare);

    /// @notice `holder`'s claim of `amount` was recorded (the FeeDistributor pays it out).
    event FeesClaimRecorded(address indexed holder, uint256 amount);

    /// @notice Only the FeeDistributor, the AgentMarket or the factory may call this.
    error OnlyPlatform(address caller);

    /// @notice `initialize` was called on a token that already has its allocations.
    error AlreadyInitialized();

    /// @notice The market's unsold share is not claimed as a holder: it is swept to the treasury.
    error UnsoldShareNotClaimable();

    /// @notice Tokens may reach the market only by selling through it.
    error DirectTransferToMarket();

    /// @notice The accumulated fees would leave the range a holder's correction can record
    ///         (about 3.9e10 CR8 of fees per agent over its whole life).
    error FeeAccumulatorOverflow(uint256 magnifiedFeesPerShare);

    /// @notice Mints the creator's and the market's allocations. Factory only, once, at creation.
    function initialize(address creator) external;

    /// @notice Credits `amount` of fees to the holders. FeeDistributor only.
    function accrueFees(uint256 amount) external;

    /// @notice Records that `holder` claims all its fees and returns the amount. FeeDistributor only;
    ///         never for the market (its unsold share is swept to the treasury instead).
    function recordFeeClaim(address holder) external returns (uint256 amount);

    /// @notice Records the claim of the fees the market's unsold tokens earned and returns the amount.
    ///         FeeDistributor only (it credits them to the treasury).
    function recordUnsoldShareClaim() external returns (uint256 amount);

    /// @notice Moves `amount` from `from` to the market for a sale `from` asked the market for.
    ///         AgentMarket only; needs no allowance.
    function marketTransferFrom(address from, uint256 amount) external;

    /// @notice The fees `holder` may claim now, in wei of CR8.
    function withdrawableFeesOf(address holder) external view returns (uint256);

    /// @notice The fees-per-share accumulator, scaled by 2**128.
    function magnifiedFeesPerShare() external view returns (uint256);

    /// @notice The id of the agent this token belongs to.
    function agentId() external view returns (uint256);

    /// @notice The part of the supply minted to the market at creation.
    function marketAllocation() external view returns (uint256);

    /// @notice The part of the supply minted to the creator at creation.
    function creatorAllocation() external view returns (uint256);

    /// @notice The AgentMarket this token trades on.
    function market() external view returns (address);
}
