// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IDevnetOutputOracle
/// @notice The devnet's stand-in for OP's L2OutputOracle on the parent chain: the list of L3 output roots the
///         devnet proposer posted, which DevnetPortal proves withdrawals against. Its functions, events and
///         the two revert strings of `getL2OutputIndexAfter` are what viem's OP Stack actions read from an
///         L2OutputOracle (portal version below 3), so viem's withdrawal flow works against it unchanged.
/// @dev Unlike OP's oracle it accepts any increasing L2 block number (the dev proposer posts whenever it
///      likes; `SUBMISSION_INTERVAL` and `L2_BLOCK_TIME` are only published for viem's time estimates) and
///      has no challenger: the proposer itself may delete outputs that are not finalized yet.
interface IDevnetOutputOracle {
    /// @notice An L3 output: its root, the parent-chain time it was proposed at, and the L3 block it covers.
    struct OutputProposal {
        bytes32 outputRoot;
        uint128 timestamp;
        uint128 l2BlockNumber;
    }

    /// @notice `outputRoot` for L3 block `l2BlockNumber` was stored at `l2OutputIndex`, at time `l1Timestamp`.
    event OutputProposed(
        bytes32 indexed outputRoot,
        uint256 indexed l2OutputIndex,
        uint256 indexed l2BlockNumber,
        uint256 l1Timestamp
    );

    /// @notice Outputs from `newNextOutputIndex` to `prevNextOutputIndex - 1` were deleted.
    event OutputsDeleted(uint256 indexed prevNextOutputIndex, uint256 indexed newNextOutputIndex);

    /// @notice Only the proposer may propose and delete outputs; `caller` is not it.
    error NotProposer(address caller);

    /// @notice A constructor argument is zero where it must not be.
    error InvalidParameter();

    /// @notice An output root cannot be zero.
    error EmptyOutputRoot();

    /// @notice `l2BlockNumber` is not above the latest output's block, `latestBlockNumber`.
    error L2BlockNumberNotIncreasing(uint256 l2BlockNumber, uint256 latestBlockNumber);

    /// @notice The parent-chain block hash at `l1BlockNumber` is `actual`, not the proposer's `expected`.
    error L1BlockHashMismatch(uint256 l1BlockNumber, bytes32 expected, bytes32 actual);

    /// @notice There is no output at `l2OutputIndex`.
    error OutputNotFound(uint256 l2OutputIndex);

    /// @notice No output has been proposed yet.
    error NoOutputs();

    /// @notice The output at `l2OutputIndex` is past its finalization period and can no longer be deleted.
    error OutputFinalized(uint256 l2OutputIndex);

    /// @notice Stores `outputRoot` for L3 block `l2BlockNumber`, which must be above the latest output's.
    ///         When `l1BlockHash` is not zero it must be the hash of parent-chain block `l1BlockNumber` (which
    ///         guards a proposal against a parent-chain reorg, as in OP). Proposer only.
    function proposeL2Output(
        bytes32 outputRoot,
        uint256 l2BlockNumber,
        bytes32 l1BlockHash,
        uint256 l1BlockNumber
    ) external;

    /// @notice Deletes the output at `l2OutputIndex` and every later one. Proposer only; only outputs still
    ///         within their finalization period.
    function deleteL2Outputs(uint256 l2OutputIndex) external;

    /// @notice The output at `l2OutputIndex` (`OutputNotFound` if none).
    function getL2Output(uint256 l2OutputIndex) external view returns (OutputProposal memory);

    /// @notice The index of the first output whose block is at or after `l2BlockNumber`. Reverts with the
    ///         string "L2OutputOracle: cannot get output for a block that has not been proposed" when
    ///         `l2BlockNumber` is above the latest output's block (viem reads that as "waiting to prove").
    function getL2OutputIndexAfter(uint256 l2BlockNumber) external view returns (uint256);

    /// @notice The first output whose block is at or after `l2BlockNumber` (reverts as `getL2OutputIndexAfter`).
    function getL2OutputAfter(uint256 l2BlockNumber) external view returns (OutputProposal memory);

    /// @notice The index of the latest output (`NoOutputs` if none).
    function latestOutputIndex() external view returns (uint256);

    /// @notice The index the next output gets: the number of outputs.
    function nextOutputIndex() external view returns (uint256);

    /// @notice The L3 block of the latest output; zero when there is none.
    function latestBlockNumber() external view returns (uint256);

    /// @notice Seconds an output (and a withdrawal proven against it) waits before withdrawals finalize.
    function FINALIZATION_PERIOD_SECONDS() external view returns (uint256);

    /// @notice Seconds between L3 blocks (for viem's time estimates).
    function L2_BLOCK_TIME() external view returns (uint256);

    /// @notice L3 blocks between outputs the proposer aims for (for viem's time estimates; not enforced).
    function SUBMISSION_INTERVAL() external view returns (uint256);

    /// @notice The only account that may propose and delete outputs.
    function PROPOSER() external view returns (address);

    /// @notice The semantic version of the contract.
    function version() external view returns (string memory);
}
