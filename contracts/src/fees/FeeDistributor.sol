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

    /// @custom:storage-location erc7201:cr8.storage.FeeDistributor
    struct FeeDistributorStorage {
        FeeSplit split;
        address treasury;
        mapping(address account => uint256) claimable;
        mapping(uint256 agentId => HolderTotals) holderTotals;
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
        return IAgentToken(REGISTRY.agentToken(agentId)).withdrawableFeesOf(holder);
    }

    /// @inheritdoc IFeeDistributor
    function holderFeeTotals(uint256 agentId) external view returns (uint256 distributed, uint256 claimed) {
        HolderTotals storage totals = _storage().holderTotals[agentId];
        return (totals.distributed, totals.claimed);
    }

    /// @notice The implementation's version.
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    function _recordHolderClaim(uint256 agentId, address to) private returns (uint256 amount) {
        if (to == address(0)) revert ZeroAddress();
        amount = IAgentToken(REGISTRY.agentToken(agentId)).recordFeeClaim(msg.sender);
        if (amount != 0) {
            _storage().holderTotals[agentId].claimed += uint128(amount);
            emit HolderFeesClaimed(agentId, msg.sender, to, amount);
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
