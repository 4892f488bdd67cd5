// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DevnetOutputOracle} from "../../src/devnet/DevnetOutputOracle.sol";
import {IDevnetOutputOracle} from "../../src/interfaces/IDevnetOutputOracle.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Test} from "forge-std/Test.sol";

/// @notice DevnetOutputOracle: proposals by the proposer at any increasing block, the lookups viem makes
///         (with OP's revert strings), and deletion of outputs still within the finalization period.
contract DevnetOutputOracleTest is Test {
    string internal constant NOT_PROPOSED =
        "L2OutputOracle: cannot get output for a block that has not been proposed";
    string internal constant NO_OUTPUTS =
        "L2OutputOracle: cannot get output as no outputs have been proposed yet";
    uint256 internal constant PERIOD = 1 hours;

    address internal proposer = makeAddr("proposer");
    address internal alice = makeAddr("alice");
    DevnetOutputOracle internal oracle;

    function setUp() public {
        vm.warp(1_700_000_000);
        oracle = new DevnetOutputOracle(proposer, PERIOD, 2, 10);
    }

    // ---------------------------------------------------------------------------------------------
    // Constructor and views
    // ---------------------------------------------------------------------------------------------

    function test_constructor_setsImmutables_succeeds() public view {
        assertEq(oracle.PROPOSER(), proposer);
        assertEq(oracle.FINALIZATION_PERIOD_SECONDS(), PERIOD);
        assertEq(oracle.L2_BLOCK_TIME(), 2);
        assertEq(oracle.SUBMISSION_INTERVAL(), 10);
        assertEq(oracle.nextOutputIndex(), 0);
        assertEq(oracle.latestBlockNumber(), 0);
        assertEq(oracle.version(), "1.0.0");
    }

    function test_constructor_zeroFinalizationPeriod_succeeds() public {
        assertEq(new DevnetOutputOracle(proposer, 0, 1, 1).FINALIZATION_PERIOD_SECONDS(), 0);
    }

    function test_constructor_zeroProposer_reverts() public {
        vm.expectRevert(IDevnetOutputOracle.InvalidParameter.selector);
        new DevnetOutputOracle(address(0), PERIOD, 2, 10);
    }

    function test_constructor_zeroBlockTime_reverts() public {
        vm.expectRevert(IDevnetOutputOracle.InvalidParameter.selector);
        new DevnetOutputOracle(proposer, PERIOD, 0, 10);
    }

    function test_constructor_zeroSubmissionInterval_reverts() public {
        vm.expectRevert(IDevnetOutputOracle.InvalidParameter.selector);
        new DevnetOutputOracle(proposer, PERIOD, 2, 0);
    }

    function test_latestOutputIndex_noOutputs_reverts() public {
        vm.expectRevert(IDevnetOutputOracle.NoOutputs.selector);
        oracle.latestOutputIndex();
    }

    // ---------------------------------------------------------------------------------------------
    // proposeL2Output
    // ---------------------------------------------------------------------------------------------

    function test_proposeL2Output_storesAndEmits_succeeds() public {
        vm.expectEmit(true, true, true, true, address(oracle));
        emit IDevnetOutputOracle.OutputProposed(bytes32("root"), 0, 17, block.timestamp);
        vm.prank(proposer);
        oracle.proposeL2Output(bytes32("root"), 17, bytes32(0), 0);

        IDevnetOutputOracle.OutputProposal memory output = oracle.getL2Output(0);
        assertEq(output.outputRoot, bytes32("root"));
        assertEq(output.timestamp, block.timestamp);
        assertEq(output.l2BlockNumber, 17);
        assertEq(oracle.latestOutputIndex(), 0);
        assertEq(oracle.nextOutputIndex(), 1);
        assertEq(oracle.latestBlockNumber(), 17);
    }

    function test_proposeL2Output_genesisBlockFirst_succeeds() public {
        _propose(bytes32("genesis"), 0);
        assertEq(oracle.latestBlockNumber(), 0);
        assertEq(oracle.nextOutputIndex(), 1);
        assertEq(oracle.getL2OutputIndexAfter(0), 0);
    }

    function test_proposeL2Output_anyIncreasingBlock_succeeds() public {
        // Unlike OP's oracle, no fixed interval: 5, 6, then 1,000.
        _propose(bytes32("a"), 5);
        _propose(bytes32("b"), 6);
        _propose(bytes32("c"), 1000);
        assertEq(oracle.latestOutputIndex(), 2);
        assertEq(oracle.latestBlockNumber(), 1000);
    }

    function test_proposeL2Output_matchingL1BlockHash_succeeds() public {
        vm.roll(100);
        vm.setBlockhash(99, bytes32("l1 block 99"));
        vm.prank(proposer);
        oracle.proposeL2Output(bytes32("root"), 1, bytes32("l1 block 99"), 99);
        assertEq(oracle.nextOutputIndex(), 1);
    }

    function test_proposeL2Output_mismatchedL1BlockHash_reverts() public {
        vm.roll(100);
        vm.setBlockhash(99, bytes32("l1 block 99"));
        vm.expectRevert(
            abi.encodeWithSelector(
                IDevnetOutputOracle.L1BlockHashMismatch.selector,
                99,
                bytes32("reorged"),
                bytes32("l1 block 99")
            )
        );
        vm.prank(proposer);
        oracle.proposeL2Output(bytes32("root"), 1, bytes32("reorged"), 99);
    }

    function test_proposeL2Output_notProposer_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDevnetOutputOracle.NotProposer.selector, alice));
        vm.prank(alice);
        oracle.proposeL2Output(bytes32("root"), 1, bytes32(0), 0);
    }

    function test_proposeL2Output_zeroRoot_reverts() public {
        vm.expectRevert(IDevnetOutputOracle.EmptyOutputRoot.selector);
        vm.prank(proposer);
        oracle.proposeL2Output(bytes32(0), 1, bytes32(0), 0);
    }

    function test_proposeL2Output_sameBlock_reverts() public {
        _propose(bytes32("a"), 10);
        vm.expectRevert(
            abi.encodeWithSelector(IDevnetOutputOracle.L2BlockNumberNotIncreasing.selector, 10, 10)
        );
        vm.prank(proposer);
        oracle.proposeL2Output(bytes32("b"), 10, bytes32(0), 0);
    }

    function test_proposeL2Output_lowerBlock_reverts() public {
        _propose(bytes32("a"), 10);
        vm.expectRevert(
            abi.encodeWithSelector(IDevnetOutputOracle.L2BlockNumberNotIncreasing.selector, 3, 10)
        );
        vm.prank(proposer);
        oracle.proposeL2Output(bytes32("b"), 3, bytes32(0), 0);
    }

    function test_proposeL2Output_blockAbove128Bits_reverts() public {
        uint256 tooHigh = uint256(type(uint128).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 128, tooHigh)
        );
        vm.prank(proposer);
        oracle.proposeL2Output(bytes32("a"), tooHigh, bytes32(0), 0);
    }

    // ---------------------------------------------------------------------------------------------
    // Lookups
    // ---------------------------------------------------------------------------------------------

    function test_getL2Output_missingIndex_reverts() public {
        _propose(bytes32("a"), 10);
        vm.expectRevert(abi.encodeWithSelector(IDevnetOutputOracle.OutputNotFound.selector, 1));
        oracle.getL2Output(1);
    }

    function test_getL2OutputIndexAfter_findsFirstOutputAtOrAfter_succeeds() public {
        _propose(bytes32("a"), 10);
        _propose(bytes32("b"), 20);
        _propose(bytes32("c"), 35);
        assertEq(oracle.getL2OutputIndexAfter(0), 0);
        assertEq(oracle.getL2OutputIndexAfter(10), 0);
        assertEq(oracle.getL2OutputIndexAfter(11), 1);
        assertEq(oracle.getL2OutputIndexAfter(20), 1);
        assertEq(oracle.getL2OutputIndexAfter(21), 2);
        assertEq(oracle.getL2OutputIndexAfter(35), 2);
        assertEq(oracle.getL2OutputAfter(15).outputRoot, bytes32("b"));
        assertEq(oracle.getL2OutputAfter(15).l2BlockNumber, 20);
    }

    function test_getL2OutputIndexAfter_blockNotProposed_reverts() public {
        _propose(bytes32("a"), 10);
        // The exact string viem's getWithdrawalStatus compares to answer "waiting-to-prove".
        vm.expectRevert(bytes(NOT_PROPOSED));
        oracle.getL2OutputIndexAfter(11);
    }

    function test_getL2OutputIndexAfter_emptyOracleLaterBlock_reverts() public {
        // As in OP, the block check comes first: an empty oracle still says "not proposed" for block 1.
        vm.expectRevert(bytes(NOT_PROPOSED));
        oracle.getL2OutputIndexAfter(1);
    }

    function test_getL2OutputIndexAfter_emptyOracleBlockZero_reverts() public {
        vm.expectRevert(bytes(NO_OUTPUTS));
        oracle.getL2OutputIndexAfter(0);
    }

    function test_getL2OutputAfter_blockNotProposed_reverts() public {
        _propose(bytes32("a"), 10);
        vm.expectRevert(bytes(NOT_PROPOSED));
        oracle.getL2OutputAfter(11);
    }

    // ---------------------------------------------------------------------------------------------
    // deleteL2Outputs
    // ---------------------------------------------------------------------------------------------

    function test_deleteL2Outputs_deletesFromIndexOn_succeeds() public {
        _propose(bytes32("a"), 10);
        _propose(bytes32("b"), 20);
        _propose(bytes32("c"), 30);
        vm.expectEmit(true, true, false, false, address(oracle));
        emit IDevnetOutputOracle.OutputsDeleted(3, 1);
        vm.prank(proposer);
        oracle.deleteL2Outputs(1);
        assertEq(oracle.nextOutputIndex(), 1);
        assertEq(oracle.latestBlockNumber(), 10);
        vm.expectRevert(abi.encodeWithSelector(IDevnetOutputOracle.OutputNotFound.selector, 1));
        oracle.getL2Output(1);
        // A lower block than the deleted ones is accepted again.
        _propose(bytes32("b2"), 15);
        assertEq(oracle.getL2Output(1).outputRoot, bytes32("b2"));
    }

    function test_deleteL2Outputs_all_succeeds() public {
        _propose(bytes32("a"), 10);
        vm.prank(proposer);
        oracle.deleteL2Outputs(0);
        assertEq(oracle.nextOutputIndex(), 0);
        assertEq(oracle.latestBlockNumber(), 0);
    }

    function test_deleteL2Outputs_atEndOfPeriod_succeeds() public {
        _propose(bytes32("a"), 10);
        vm.warp(block.timestamp + PERIOD); // finalized only once strictly past the period
        vm.prank(proposer);
        oracle.deleteL2Outputs(0);
        assertEq(oracle.nextOutputIndex(), 0);
    }

    function test_deleteL2Outputs_finalizedOutput_reverts() public {
        _propose(bytes32("a"), 10);
        vm.warp(block.timestamp + PERIOD + 1);
        _propose(bytes32("b"), 20);
        vm.expectRevert(abi.encodeWithSelector(IDevnetOutputOracle.OutputFinalized.selector, 0));
        vm.prank(proposer);
        oracle.deleteL2Outputs(0);
        // The later, unfinalized output can still go.
        vm.prank(proposer);
        oracle.deleteL2Outputs(1);
        assertEq(oracle.nextOutputIndex(), 1);
    }

    function test_deleteL2Outputs_missingIndex_reverts() public {
        _propose(bytes32("a"), 10);
        vm.expectRevert(abi.encodeWithSelector(IDevnetOutputOracle.OutputNotFound.selector, 1));
        vm.prank(proposer);
        oracle.deleteL2Outputs(1);
    }

    function test_deleteL2Outputs_notProposer_reverts() public {
        _propose(bytes32("a"), 10);
        vm.expectRevert(abi.encodeWithSelector(IDevnetOutputOracle.NotProposer.selector, alice));
        vm.prank(alice);
        oracle.deleteL2Outputs(0);
    }

    // ---------------------------------------------------------------------------------------------
    // Fuzz
    // ---------------------------------------------------------------------------------------------

    /// @notice The binary search agrees with a linear scan over random increasing block numbers.
    function testFuzz_getL2OutputIndexAfter_matchesLinearScan_succeeds(
        uint256 seed,
        uint8 count,
        uint256 query
    ) public {
        count = uint8(bound(count, 1, 40));
        uint256[] memory blocks = new uint256[](count);
        uint256 blockNumber;
        for (uint256 i; i < count; ++i) {
            blockNumber += 1 + uint256(keccak256(abi.encode(seed, i))) % 50;
            blocks[i] = blockNumber;
            _propose(keccak256(abi.encode(i)), blockNumber);
        }
        query = bound(query, 0, blockNumber + 10);
        if (query > blockNumber) {
            vm.expectRevert(bytes(NOT_PROPOSED));
            oracle.getL2OutputIndexAfter(query);
            return;
        }
        uint256 expected;
        while (blocks[expected] < query) {
            ++expected;
        }
        assertEq(oracle.getL2OutputIndexAfter(query), expected);
    }

    function testFuzz_proposeL2Output_notProposer_reverts(address caller) public {
        vm.assume(caller != proposer);
        vm.expectRevert(abi.encodeWithSelector(IDevnetOutputOracle.NotProposer.selector, caller));
        vm.prank(caller);
        oracle.proposeL2Output(bytes32("root"), 1, bytes32(0), 0);
    }

    function _propose(bytes32 root, uint256 l2BlockNumber) internal {
        vm.prank(proposer);
        oracle.proposeL2Output(root, l2BlockNumber, bytes32(0), 0);
    }
}
