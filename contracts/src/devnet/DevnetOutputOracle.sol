// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IDevnetOutputOracle} from "../interfaces/IDevnetOutputOracle.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title DevnetOutputOracle
/// @notice The L3 output roots of the local devnet, posted by its proposer. See {IDevnetOutputOracle}.
/// @dev Devnet only: production uses the output proposals of OP's own contracts deployed by op-deployer.
///      Not proxied; the devnet deploys a fresh one each time.
contract DevnetOutputOracle is IDevnetOutputOracle {
    /// @inheritdoc IDevnetOutputOracle
    address public immutable PROPOSER;

    /// @inheritdoc IDevnetOutputOracle
    uint256 public immutable FINALIZATION_PERIOD_SECONDS;

    /// @inheritdoc IDevnetOutputOracle
    uint256 public immutable L2_BLOCK_TIME;

    /// @inheritdoc IDevnetOutputOracle
    uint256 public immutable SUBMISSION_INTERVAL;

    OutputProposal[] private _outputs;

    /// @param proposer The only account that may propose and delete outputs.
    /// @param finalizationPeriodSeconds How long outputs and proofs wait; zero is allowed (instant devnet
    ///        withdrawals: a withdrawal still finalizes only in a later block than its proof).
    /// @param l2BlockTime Seconds between L3 blocks; not zero.
    /// @param submissionInterval L3 blocks between outputs the proposer aims for; not zero.
    constructor(
        address proposer,
        uint256 finalizationPeriodSeconds,
        uint256 l2BlockTime,
        uint256 submissionInterval
    ) {
        if (proposer == address(0) || l2BlockTime == 0 || submissionInterval == 0) {
            revert InvalidParameter();
        }
        PROPOSER = proposer;
        FINALIZATION_PERIOD_SECONDS = finalizationPeriodSeconds;
        L2_BLOCK_TIME = l2BlockTime;
        SUBMISSION_INTERVAL = submissionInterval;
    }

    modifier onlyProposer() {
        if (msg.sender != PROPOSER) revert NotProposer(msg.sender);
        _;
    }

    // ---------------------------------------------------------------------------------------------
    // Proposer
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IDevnetOutputOracle
    function proposeL2Output(
        bytes32 outputRoot,
        uint256 l2BlockNumber,
        bytes32 l1BlockHash,
        uint256 l1BlockNumber
    ) external onlyProposer {
        if (outputRoot == bytes32(0)) revert EmptyOutputRoot();
        uint256 index = _outputs.length;
        // Any block above the latest output's; an empty oracle takes any block, 0 (a genesis output) included.
        if (index != 0) {
            uint256 latest = _outputs[index - 1].l2BlockNumber;
            if (l2BlockNumber <= latest) revert L2BlockNumberNotIncreasing(l2BlockNumber, latest);
        }
        if (l1BlockHash != bytes32(0)) {
            bytes32 actual = blockhash(l1BlockNumber);
            if (actual != l1BlockHash) revert L1BlockHashMismatch(l1BlockNumber, l1BlockHash, actual);
        }
        _outputs.push(
            OutputProposal({
                outputRoot: outputRoot,
                // Cannot truncate: timestamps stay far below 2**128.
                timestamp: uint128(block.timestamp),
                l2BlockNumber: SafeCast.toUint128(l2BlockNumber)
            })
        );
        emit OutputProposed(outputRoot, index, l2BlockNumber, block.timestamp);
    }

    /// @inheritdoc IDevnetOutputOracle
    /// @dev OP gives this to a challenger; the devnet has none, so the proposer corrects its own mistakes.
    ///      Finalized outputs stay: withdrawals may already have been finalized against them.
    function deleteL2Outputs(uint256 l2OutputIndex) external onlyProposer {
        uint256 count = _outputs.length;
        if (l2OutputIndex >= count) revert OutputNotFound(l2OutputIndex);
        if (_isFinalized(_outputs[l2OutputIndex].timestamp)) revert OutputFinalized(l2OutputIndex);
        // Pops from the end down to the index, clearing the deleted outputs' storage.
        for (uint256 i = count; i > l2OutputIndex; --i) {
            _outputs.pop();
        }
        emit OutputsDeleted(count, l2OutputIndex);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IDevnetOutputOracle
    function getL2Output(uint256 l2OutputIndex) public view returns (OutputProposal memory) {
        if (l2OutputIndex >= _outputs.length) revert OutputNotFound(l2OutputIndex);
        return _outputs[l2OutputIndex];
    }

    /// @inheritdoc IDevnetOutputOracle
    /// @dev The two reverts are strings, unlike every other error in CR8's contracts, and their wording and
    ///      order are OP's L2OutputOracle's: viem's getWithdrawalStatus compares the first string verbatim
    ///      to answer "waiting-to-prove", and waitForNextL2Output polls until this stops reverting. As in OP,
    ///      the block check comes first; with no outputs `latestBlockNumber()` is 0, so any block above 0
    ///      gets the "not been proposed" string and only block 0 the "no outputs" one.
    function getL2OutputIndexAfter(uint256 l2BlockNumber) public view returns (uint256) {
        require(
            l2BlockNumber <= latestBlockNumber(),
            "L2OutputOracle: cannot get output for a block that has not been proposed"
        );
        uint256 count = _outputs.length;
        require(count > 0, "L2OutputOracle: cannot get output as no outputs have been proposed yet");
        // Binary search for the first output at or after the block; block numbers strictly increase.
        uint256 lo;
        uint256 hi = count - 1; // the latest output always qualifies (checked above)
        while (lo < hi) {
            uint256 mid = (lo + hi) / 2;
            if (_outputs[mid].l2BlockNumber < l2BlockNumber) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /// @inheritdoc IDevnetOutputOracle
    function getL2OutputAfter(uint256 l2BlockNumber) external view returns (OutputProposal memory) {
        return getL2Output(getL2OutputIndexAfter(l2BlockNumber));
    }

    /// @inheritdoc IDevnetOutputOracle
    function latestOutputIndex() external view returns (uint256) {
        uint256 count = _outputs.length;
        if (count == 0) revert NoOutputs();
        return count - 1;
    }

    /// @inheritdoc IDevnetOutputOracle
    function nextOutputIndex() external view returns (uint256) {
        return _outputs.length;
    }

    /// @inheritdoc IDevnetOutputOracle
    function latestBlockNumber() public view returns (uint256) {
        uint256 count = _outputs.length;
        return count == 0 ? 0 : _outputs[count - 1].l2BlockNumber;
    }

    /// @inheritdoc IDevnetOutputOracle
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    function _isFinalized(uint256 timestamp) private view returns (bool) {
        return block.timestamp > timestamp + FINALIZATION_PERIOD_SECONDS;
    }
}
