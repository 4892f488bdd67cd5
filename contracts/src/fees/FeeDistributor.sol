// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Guarded} from "../access/Guarded.sol";
import {IAgentRegistry} from "../interfaces/IAgentRegistry.sol";
import {IAgentToken} from "../interfaces/IAgentToken.sol";
import {ICR8Staking} from "../interfaces/ICR8Staking.sol";
import {IFeeDistributor} from "../interfaces/IFeeDistributor.sol";
import {NativeTransfer} from "../libraries/NativeTransfer.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title FeeDistributor
/// @notice Splits every agent fee among holders, stakers, creator, orchestrator and treasury, and pays
///         each share out when its owner pulls it. See {IFeeDistributor}.
/// @dev The holders' money stays here; each agent token keeps the ledger of which holder may claim how
///      much of it (an accumulator with per-holder corrections), so a distribution costs the same for
///      10 holders as for 10,000. The stakers' share goes to CR8Staking at once. Rounding remainders of
///      the split go to the treasury, so every wei of a fee has an owner.
/// @custom:proxied true
contract FeeDistributor is IFeeDistributor, Guarded, ReentrancyGuardTransient {
    uint256 private constant BPS = 10_000;

    /// @notice Resolves agents to their token and creator.
    IAgentRegistry public immutable REGISTRY;

    /// @notice Receives the stakers' share.
    ICR8Staking public immutable STAKING;

    /// @notice What holders of one agent's token were credited and have claimed.
    struct HolderTotals {
        uint128 distributed;
        uint128 claimed;
    }

    /// @notice Execution fees of one agent credited in batches and settled since: cumulative counters, so
    ///         a credit writes one slot that is already nonzero (5,000 gas, not 20,000) after the first.
    struct PendingFees {
        uint128 holdersCredited;
        uint128 creatorCredited;
        uint128 holdersSettled;
        uint128 creatorSettled;
    }

    /// @custom:storage-location erc7201:cr8.storage.FeeDistributor
    struct FeeDistributorStorage {
        FeeSplit split;
        address treasury;
        mapping(address account => uint256) claimable;
        mapping(uint256 agentId => HolderTotals) holderTotals;
        mapping(uint256 agentId => PendingFees) pending;
    }

    // keccak256(abi.encode(uint256(keccak256("cr8.storage.FeeDistributor")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION =
        0x6d3f33fa9d0c6d0156b949f4bd38eb3a17aff078b1caf3ac56d4ab6165c94900;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(IAgentRegistry registry, ICR8Staking staking) {
        if (address(registry) == address(0) || address(staking) == address(0)) revert ZeroAddress();
        REGISTRY = registry;
        STAKING = staking;
        _disableInitializers();
    }

    /// @param admin Governance: sets the split and the treasury.
    /// @param guardian May pause distributions and claims.
    /// @param treasury_ Receives the treasury share (and shares nobody else can take).
    /// @param split The initial split, summing to 10,000 basis points.
    function initialize(address admin, address guardian, address treasury_, FeeSplit calldata split)
        external
        initializer
    {
        __Guarded_init(admin, guardian);
        _setTreasury(treasury_);
        _setFeeSplit(split);
    }

    // ---------------------------------------------------------------------------------------------
    // Distribution
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IFeeDistributor
    /// @dev Never paused: it only takes money in and books it, and markets and execution settlement pay
    ///      their fees through it, so pausing it would freeze trading (exits included). Pausing stops
    ///      everything that pays out: claims and sweeps.
    function distribute(uint256 agentId, address orchestrator) external payable nonReentrant {
        uint256 amount = msg.value;
        if (amount == 0) revert ZeroAmount();
        (address token, address creator) = REGISTRY.feeRecipientsOf(agentId); // reverts with UnknownAgent
        FeeDistributorStorage storage $ = _storage();
        FeeSplit memory split = $.split;

        uint256 holdersShare = amount * split.holdersBps / BPS;
        uint256 stakersShare = amount * split.stakersBps / BPS;
        uint256 creatorShare = amount * split.creatorBps / BPS;
        uint256 orchestratorShare = orchestrator == address(0) ? 0 : amount * split.orchestratorBps / BPS;
        // The remainder: the treasury's own share, rounding dust, and the orchestrator's share when none ran.
        uint256 treasuryShare = amount - holdersShare - stakersShare - creatorShare - orchestratorShare;

        if (holdersShare != 0) {
            IAgentToken(token).accrueFees(holdersShare);
            // Cannot overflow: the token caps an agent's lifetime holder fees near 2**95.
            $.holderTotals[agentId].distributed += uint128(holdersShare);
        }
        if (creatorShare != 0) $.claimable[creator] += creatorShare;
        if (orchestratorShare != 0) $.claimable[orchestrator] += orchestratorShare;
        if (treasuryShare != 0) $.claimable[$.treasury] += treasuryShare;
        if (stakersShare != 0) STAKING.notifyRewardAmount{value: stakersShare}();

        emit FeesDistributed(
            agentId,
            msg.sender,
            orchestrator,
            amount,
            holdersShare,
            stakersShare,
            creatorShare,
            orchestratorShare,
            treasuryShare
        );
    }

    /// @inheritdoc IFeeDistributor
    /// @dev Never paused, like `distribute`. Per agent it costs one storage write and an event; the
    ///      calls to the agent token and the creator's balance happen at settlement, once for many batches.
    function creditAgentFees(AgentFee[] calldata fees, address orchestrator) external payable nonReentrant {
        FeeDistributorStorage storage $ = _storage();
        FeeSplit memory split = $.split;
        uint256 agents = REGISTRY.totalAgents(); // agent ids are 1..totalAgents, never removed
        uint256 total;
        uint256 perAgentShares;
        for (uint256 i; i < fees.length; ++i) {
            (uint256 agentId, uint256 amount) = (fees[i].agentId, fees[i].amount);
            if (amount == 0) revert ZeroAmount();
            if (agentId == 0 || agentId > agents) revert UnknownAgent(agentId);
            uint256 holdersShare = amount * split.holdersBps / BPS;
            uint256 creatorShare = amount * split.creatorBps / BPS;
            PendingFees storage pending = $.pending[agentId];
            // Cannot overflow: msg.value bounds every amount, and all native CR8 is far below 2**128. Both
            // counters share a slot: read and written once.
            (pending.holdersCredited, pending.creatorCredited) =
            (pending.holdersCredited + uint128(holdersShare), pending.creatorCredited + uint128(creatorShare));
            total += amount;
            perAgentShares += holdersShare + creatorShare;
        }
        if (total != msg.value) revert FeeTotalMismatch(total, msg.value);
        if (total == 0) revert ZeroAmount();

        uint256 stakersShare = total * split.stakersBps / BPS;
        uint256 orchestratorShare = orchestrator == address(0) ? 0 : total * split.orchestratorBps / BPS;
        // The remainder: the treasury's share, every agent's rounding dust, and the orchestrator's share when none ran.
        uint256 treasuryShare = total - perAgentShares - stakersShare - orchestratorShare;
        if (orchestratorShare != 0) $.claimable[orchestrator] += orchestratorShare;
        if (treasuryShare != 0) $.claimable[$.treasury] += treasuryShare;
        if (stakersShare != 0) STAKING.notifyRewardAmount{value: stakersShare}();
        emit ExecutionFeesCredited(
            msg.sender, orchestrator, total, stakersShare, orchestratorShare, treasuryShare
        );
    }

    /// @inheritdoc IFeeDistributor
    function settleAgentFees(uint256 agentId)
        external
        nonReentrant
        returns (uint256 holdersShare, uint256 creatorShare)
    {
        return _settle(agentId);
    }

    // ---------------------------------------------------------------------------------------------
    // Claims
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IFeeDistributor
    function claimHolderFees(uint256 agentId, address to)
        external
        nonReentrant
        whenNotPaused
        returns (uint256 amount)
    {
        amount = _recordHolderClaim(agentId, to);
        if (amount == 0) revert NothingToClaim(msg.sender);
        NativeTransfer.send(to, amount);
    }

    /// @inheritdoc IFeeDistributor
    function claimHolderFeesBatch(uint256[] calldata agentIds, address to)
        external
        nonReentrant
        whenNotPaused
        returns (uint256 amount)
    {
        if (to == address(0)) revert ZeroAddress();
        for (uint256 i; i < agentIds.length; ++i) {
            amount += _recordHolderClaim(agentIds[i], to);
        }
        if (amount == 0) revert NothingToClaim(msg.sender);
        NativeTransfer.send(to, amount);
    }

    /// @inheritdoc IFeeDistributor
    function claim(address to) external nonReentrant whenNotPaused returns (uint256 amount) {
        FeeDistributorStorage storage $ = _storage();
        amount = $.claimable[msg.sender];
        if (amount == 0) revert NothingToClaim(msg.sender);
        $.claimable[msg.sender] = 0;
        emit Claimed(msg.sender, to, amount);
        NativeTransfer.send(to, amount);
    }

    /// @inheritdoc IFeeDistributor
    function sweepUnsoldShare(uint256 agentId) external nonReentrant whenNotPaused returns (uint256 amount) {
        _settle(agentId); // the unsold tokens' part of pending execution fees first
        IAgentToken token = IAgentToken(REGISTRY.agentToken(agentId));
        amount = token.recordUnsoldShareClaim();
        if (amount == 0) revert NothingToClaim(token.market());
        FeeDistributorStorage storage $ = _storage();
        $.holderTotals[agentId].claimed += uint128(amount);
        $.claimable[$.treasury] += amount;
        emit UnsoldShareSwept(agentId, amount);
    }

    // ---------------------------------------------------------------------------------------------
    // Governance
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IFeeDistributor
    function setFeeSplit(FeeSplit calldata split) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setFeeSplit(split);
    }

    /// @inheritdoc IFeeDistributor
    function setTreasury(address treasury_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTreasury(treasury_);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IFeeDistributor
    function feeSplit() external view returns (FeeSplit memory) {
        return _storage().split;
    }

    /// @inheritdoc IFeeDistributor
    function treasury() external view returns (address) {
        return _storage().treasury;
    }

    /// @inheritdoc IFeeDistributor
    function claimableOf(address account) external view returns (uint256) {
        return _storage().claimable[account];
    }

    /// @inheritdoc IFeeDistributor
    function holderFeesOf(uint256 agentId, address holder) external view returns (uint256) {
        IAgentToken token = IAgentToken(REGISTRY.agentToken(agentId));
        PendingFees storage pending = _storage().pending[agentId];
        uint256 unsettled = pending.holdersCredited - pending.holdersSettled;
        uint256 share = unsettled == 0 ? 0 : unsettled * token.balanceOf(holder) / token.totalSupply();
        return token.withdrawableFeesOf(holder) + share;
    }

    /// @inheritdoc IFeeDistributor
    function pendingAgentFees(uint256 agentId)
        external
        view
        returns (uint256 holdersShare, uint256 creatorShare)
    {
        PendingFees storage pending = _storage().pending[agentId];
        return
            (
                pending.holdersCredited - pending.holdersSettled,
                pending.creatorCredited - pending.creatorSettled
            );
    }

    /// @inheritdoc IFeeDistributor
    function holderFeeTotals(uint256 agentId) external view returns (uint256 distributed, uint256 claimed) {
        HolderTotals storage totals = _storage().holderTotals[agentId];
        return (totals.distributed, totals.claimed);
    }

    /// @notice The implementation's version.
    function version() external pure returns (string memory) {
        return "1.1.0";
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    function _recordHolderClaim(uint256 agentId, address to) private returns (uint256 amount) {
        if (to == address(0)) revert ZeroAddress();
        _settle(agentId);
        amount = IAgentToken(REGISTRY.agentToken(agentId)).recordFeeClaim(msg.sender);
        if (amount != 0) {
            _storage().holderTotals[agentId].claimed += uint128(amount);
            emit HolderFeesClaimed(agentId, msg.sender, to, amount);
        }
    }

    /// @dev Books an agent's pending execution fees: the holders' share on its token's accumulator (so
    ///      it goes to whoever holds the token now), the creator's share to the creator's balance.
    function _settle(uint256 agentId) private returns (uint256 holdersShare, uint256 creatorShare) {
        FeeDistributorStorage storage $ = _storage();
        PendingFees storage pending = $.pending[agentId];
        (uint128 holdersCredited, uint128 creatorCredited) =
            (pending.holdersCredited, pending.creatorCredited);
        holdersShare = holdersCredited - pending.holdersSettled;
        creatorShare = creatorCredited - pending.creatorSettled;
        if (holdersShare == 0 && creatorShare == 0) return (0, 0);
        (address token, address creator) = REGISTRY.feeRecipientsOf(agentId);
        (pending.holdersSettled, pending.creatorSettled) = (holdersCredited, creatorCredited);
        if (holdersShare != 0) {
            try IAgentToken(token).accrueFees(holdersShare) {
                $.holderTotals[agentId].distributed += uint128(holdersShare);
            } catch (bytes memory reason) {
                // An agent whose holders earned about 2**95 wei in its lifetime can take no more (the
                // token's accumulator is full). Settling must still go through, or its creator's share and
                // every holder claim behind it would be stuck: the holders' share goes to the treasury.
                if (bytes4(reason) != IAgentToken.FeeAccumulatorOverflow.selector) _bubble(reason);
                $.claimable[$.treasury] += holdersShare;
                emit HolderShareRedirected(agentId, holdersShare);
                holdersShare = 0;
            }
        }
        if (creatorShare != 0) $.claimable[creator] += creatorShare;
        emit AgentFeesSettled(agentId, holdersShare, creatorShare);
    }

    function _bubble(bytes memory reason) private pure {
        assembly {
            revert(add(reason, 0x20), mload(reason))
        }
    }

    function _setFeeSplit(FeeSplit calldata split) private {
        uint256 sum = uint256(split.holdersBps) + split.stakersBps + split.creatorBps + split.orchestratorBps
            + split.treasuryBps;
        if (sum != BPS) revert InvalidFeeSplit(sum);
        _storage().split = split;
        emit FeeSplitUpdated(split);
    }

    function _setTreasury(address treasury_) private {
        if (treasury_ == address(0)) revert ZeroAddress();
        _storage().treasury = treasury_;
        emit TreasuryUpdated(treasury_);
    }

    function _storage() private pure returns (FeeDistributorStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
