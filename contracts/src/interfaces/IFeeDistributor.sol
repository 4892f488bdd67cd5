// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IGuarded} from "./IGuarded.sol";

/// @title IFeeDistributor
/// @notice Receives every fee paid for an agent (execution fees, trading fees) and splits it by basis
///         points among the agent's token holders, the CR8 stakers, the agent's creator, the orchestrator
///         that ran the execution and the treasury. All shares are pulled by their owners. The guardian's
///         pause stops every payout (claims, sweeps); fees keep arriving.
interface IFeeDistributor is IGuarded {
    /// @notice The split of every fee, in basis points summing to 10,000.
    struct FeeSplit {
        uint16 holdersBps;
        uint16 stakersBps;
        uint16 creatorBps;
        uint16 orchestratorBps;
        uint16 treasuryBps;
    }

    /// @notice An agent's fee in a batch of execution fees.
    struct AgentFee {
        uint256 agentId;
        uint256 amount;
    }

    /// @notice `payer` paid `amount` for `agentId`, split as given. When no orchestrator ran the
    ///         execution (`orchestrator == 0`, e.g. a trading fee) its share went to the treasury.
    event FeesDistributed(
        uint256 indexed agentId,
        address indexed payer,
        address indexed orchestrator,
        uint256 amount,
        uint256 holdersShare,
        uint256 stakersShare,
        uint256 creatorShare,
        uint256 orchestratorShare,
        uint256 treasuryShare
    );

    /// @notice A batch of execution fees arrived from `payer` (the settlement contract), run by
    ///         `orchestrator`: the stakers', orchestrator's and treasury's shares were booked at once, the
    ///         holders' and creators' shares of each agent wait in `pendingAgentFees` until settled.
    event ExecutionFeesCredited(
        address indexed payer,
        address indexed orchestrator,
        uint256 amount,
        uint256 stakersShare,
        uint256 orchestratorShare,
        uint256 treasuryShare
    );

    /// @notice The pending holders' and creator's shares of `agentId` reached the agent token and the creator.
    event AgentFeesSettled(uint256 indexed agentId, uint256 holdersShare, uint256 creatorShare);

    /// @notice The agent token's holders can earn no more fees (about 2**95 wei in its lifetime), so
    ///         `amount` of pending holder fees went to the treasury at settlement.
    event HolderShareRedirected(uint256 indexed agentId, uint256 amount);

    /// @notice `holder` claimed `amount` of the holder fees of `agentId`.
    event HolderFeesClaimed(
        uint256 indexed agentId, address indexed holder, address indexed to, uint256 amount
    );

    /// @notice The fees earned by the market's unsold tokens of `agentId` went to the treasury.
    event UnsoldShareSwept(uint256 indexed agentId, uint256 amount);

    /// @notice `account` claimed `amount` of its creator, orchestrator or treasury balance.
    event Claimed(address indexed account, address indexed to, uint256 amount);

    event FeeSplitUpdated(FeeSplit split);
    event TreasuryUpdated(address treasury);

    /// @notice The split does not sum to 10,000 basis points.
    error InvalidFeeSplit(uint256 sumBps);

    /// @notice The fees of a batch add up to `total`, but `value` was sent.
    error FeeTotalMismatch(uint256 total, uint256 value);

    /// @notice There is nothing to claim.
    error NothingToClaim(address account);

    /// @notice Pays `msg.value` of fees for `agentId`, run by `orchestrator` (zero if none).
    function distribute(uint256 agentId, address orchestrator) external payable;

    /// @notice Pays `msg.value` of execution fees for many agents at once (one settlement batch of
    ///         `orchestrator`). Books the stakers', orchestrator's and treasury's shares of the whole batch
    ///         and, per agent, only adds its holders' and creator's shares to a pending total (one storage
    ///         write per agent, and no event per agent: each agent's fees are in the call's calldata, and
    ///         `AgentFeesSettled` reports them per agent when settled); `settleAgentFees` moves them on. Reverts with `FeeTotalMismatch` unless the
    ///         fees sum to `msg.value`, `ZeroAmount` for an empty fee, `UnknownAgent` for an unknown agent.
    function creditAgentFees(AgentFee[] calldata fees, address orchestrator) external payable;

    /// @notice Moves the pending holders' share of `agentId` to its token holders and the pending
    ///         creator's share to the creator's balance. The holders' share goes to whoever holds the token
    ///         at settlement, pro rata: a holder who sells before the fees credited while it held are
    ///         settled leaves them to the buyer, so settle often. Anyone may call; holder claims and sweeps
    ///         settle first by themselves. Returns what moved (zero when nothing was pending).
    function settleAgentFees(uint256 agentId) external returns (uint256 holdersShare, uint256 creatorShare);

    /// @notice The holders' and creator's shares of `agentId` credited but not yet settled.
    function pendingAgentFees(uint256 agentId)
        external
        view
        returns (uint256 holdersShare, uint256 creatorShare);

    /// @notice Sends the caller its holder fees for `agentId` to `to` (settling its pending fees first).
    function claimHolderFees(uint256 agentId, address to) external returns (uint256 amount);

    /// @notice Sends the caller its holder fees for each of `agentIds` to `to` in one transfer.
    function claimHolderFeesBatch(uint256[] calldata agentIds, address to) external returns (uint256 amount);

    /// @notice Sends the caller its creator, orchestrator or treasury balance to `to`.
    function claim(address to) external returns (uint256 amount);

    /// @notice Moves the fees earned by the market's unsold tokens of `agentId` to the treasury. Anyone may call.
    function sweepUnsoldShare(uint256 agentId) external returns (uint256 amount);

    /// @notice Governance: sets the split. Reverts with `InvalidFeeSplit` unless it sums to 10,000.
    function setFeeSplit(FeeSplit calldata split) external;

    /// @notice Governance: sets the treasury that future treasury shares accrue to.
    function setTreasury(address treasury) external;

    function feeSplit() external view returns (FeeSplit memory);

    function treasury() external view returns (address);

    /// @notice The creator, orchestrator or treasury balance of `account`.
    function claimableOf(address account) external view returns (uint256);

    /// @notice The holder fees `holder` may claim for `agentId`, its pro-rata part of pending execution
    ///         fees included (what a claim settling now would pay, within a wei of rounding).
    function holderFeesOf(uint256 agentId, address holder) external view returns (uint256);

    /// @notice Fees ever credited to the holders of `agentId` and fees they claimed.
    function holderFeeTotals(uint256 agentId) external view returns (uint256 distributed, uint256 claimed);
}
