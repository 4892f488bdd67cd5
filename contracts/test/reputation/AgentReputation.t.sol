// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "../../src/interfaces/IAgentRegistry.sol";
import {IAgentReputation} from "../../src/interfaces/IAgentReputation.sol";
import {ICommon} from "../../src/interfaces/ICommon.sol";
import {ICreditVault} from "../../src/interfaces/ICreditVault.sol";
import {IExecutionReceipts} from "../../src/interfaces/IExecutionReceipts.sol";
import {IFeeDistributor} from "../../src/interfaces/IFeeDistributor.sol";
import {IReputationRegistry} from "../../src/interfaces/IReputationRegistry.sol";
import {AgentReputation} from "../../src/reputation/AgentReputation.sol";
import {ReputationTest} from "./ReputationTest.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

/// @notice AgentReputation's feedback side: ERC-8004 feedback accepted only from the payer of a settled
///         receipt for the agent, once per execution; revocation, responses and the reads.
contract AgentReputationTest is ReputationTest {
    int128 internal constant MAX = 1e38;

    // ---------------------------------------------------------------------------------------------
    // constructor / initialize
    // ---------------------------------------------------------------------------------------------

    function test_constructor_setsImmutables_succeeds() public view {
        assertEq(address(reputation.AGENT_REGISTRY()), address(registry));
        assertEq(address(reputation.RECEIPTS()), address(receipts));
        assertEq(address(reputation.VAULT()), address(vault));
        assertEq(reputation.MIN_FEEDBACK_FEE(), MIN_FEEDBACK_FEE);
        assertEq(reputation.getIdentityRegistry(), address(registry));
        assertEq(reputation.MAX_ABS_VALUE(), MAX);
        assertEq(reputation.version(), "1.0.0");
        assertTrue(reputation.hasRole(reputation.DEFAULT_ADMIN_ROLE(), admin));
        assertTrue(reputation.hasRole(reputation.GUARDIAN_ROLE(), guardian));
    }

    function test_constructor_zeroAddress_reverts() public {
        IAgentRegistry r = IAgentRegistry(address(registry));
        IExecutionReceipts e = IExecutionReceipts(address(receipts));
        ICreditVault v = ICreditVault(address(vault));
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new AgentReputation(IAgentRegistry(address(0)), e, v, MIN_FEEDBACK_FEE);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new AgentReputation(r, IExecutionReceipts(address(0)), v, MIN_FEEDBACK_FEE);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new AgentReputation(r, e, ICreditVault(address(0)), MIN_FEEDBACK_FEE);
    }

    function test_initialize_twice_reverts() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        reputation.initialize(alice, alice);
    }

    function test_initialize_implementation_reverts() public {
        AgentReputation implementation = new AgentReputation(
            IAgentRegistry(address(registry)),
            IExecutionReceipts(address(receipts)),
            ICreditVault(address(vault)),
            MIN_FEEDBACK_FEE
        );
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(alice, alice);
    }

    // ---------------------------------------------------------------------------------------------
    // giveFeedback
    // ---------------------------------------------------------------------------------------------

    function test_giveFeedback_settledReceipt_succeeds() public {
        settle0();
        IAgentReputation.ReceiptProof memory proof = paid(0);
        vm.expectEmit(address(reputation));
        emit IReputationRegistry.NewFeedback(
            agentA,
            payer0,
            1,
            87,
            0,
            "starred",
            "starred",
            "fast",
            "https://agent.example/run",
            "ipfs://fb",
            bytes32("h")
        );
        vm.expectEmit(address(reputation));
        emit IAgentReputation.FeedbackReceiptLinked(agentA, payer0, 1, orchestrator, 0, "exec-1", 1e18);
        vm.prank(payer0);
        reputation.giveFeedback(
            agentA, 87, 0, "starred", "fast", "https://agent.example/run", "ipfs://fb", bytes32("h"), proof
        );

        (int128 value, uint8 decimals, string memory tag1, string memory tag2, bool revoked) =
            reputation.readFeedback(agentA, payer0, 1);
        assertEq(value, 87);
        assertEq(decimals, 0);
        assertEq(tag1, "starred");
        assertEq(tag2, "fast");
        assertFalse(revoked);
        assertEq(reputation.getLastIndex(agentA, payer0), 1);
        assertEq(reputation.getClients(agentA), one(payer0));
        (address client, uint64 index) = reputation.executionFeedback(orchestrator, "exec-1");
        assertEq(client, payer0);
        assertEq(index, 1);

        (uint64 count, int128 summary, uint8 summaryDecimals) =
            reputation.getSummary(agentA, one(payer0), "", "");
        assertEq(count, 1);
        assertEq(summary, 87);
        assertEq(summaryDecimals, 0);
    }

    /// @dev Two executions, two feedbacks, numbered per (agent, client); a second client joins the list once.
    function test_giveFeedback_severalExecutions_succeeds() public {
        settle0();
        assertEq(rate(payer0, agentA, 80, 0, paid(0)), 1);
        assertEq(rate(payer0, agentA, 90, 0, paid(1)), 2);
        assertEq(rate(payer1, agentA, 70, 0, paid(3)), 1);
        assertEq(rate(payer0, agentB, -5, 1, paid(2)), 1);
        assertEq(reputation.getClients(agentA), two(payer0, payer1));
        assertEq(reputation.getClients(agentB), one(payer0));

        (uint64 count, int128 summary, uint8 decimals) =
            reputation.getSummary(agentA, two(payer0, payer1), "", "");
        assertEq(count, 3);
        assertEq(summary, 80);
        assertEq(decimals, 0);
        (count, summary, decimals) = reputation.getSummary(agentB, one(payer0), "", "");
        assertEq(count, 1);
        assertEq(summary, -5);
        assertEq(decimals, 1);
    }

    /// @dev Untagged feedback stores no tags and reads back empty.
    function test_giveFeedback_emptyTags_succeeds() public {
        settle0();
        rateTagged(payer2, agentA, 1, 0, "", "", paid(4));
        (,, string memory tag1, string memory tag2,) = reputation.readFeedback(agentA, payer2, 1);
        assertEq(tag1, "");
        assertEq(tag2, "");
    }

    function test_giveFeedback_notPayer_reverts() public {
        settle0();
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.NotReceiptPayer.selector, payer0, payer1));
        rate(payer1, agentA, 50, 0, paid(0));
    }

    function test_giveFeedback_wrongAgent_reverts() public {
        settle0();
        vm.expectRevert(
            abi.encodeWithSelector(IAgentReputation.ReceiptAgentMismatch.selector, agentA, agentB)
        );
        rate(payer0, agentB, 50, 0, paid(0));
    }

    /// @dev A receipt can name an agent id that was never registered (receipts are not checked on-chain).
    function test_giveFeedback_unknownAgent_reverts() public {
        settle0();
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, UNKNOWN_AGENT));
        rate(payer2, UNKNOWN_AGENT, 50, 0, paid(6));
    }

    function test_giveFeedback_unknownBatch_reverts() public {
        settle0();
        IAgentReputation.ReceiptProof memory proof = paid(0);
        proof.sequence = 1;
        vm.expectRevert(
            abi.encodeWithSelector(IAgentReputation.UnknownReceiptBatch.selector, orchestrator, 1)
        );
        rate(payer0, agentA, 50, 0, proof);

        proof = paid(0);
        proof.orchestrator = carol;
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.UnknownReceiptBatch.selector, carol, 0));
        rate(payer0, agentA, 50, 0, proof);
    }

    function test_giveFeedback_badProof_reverts() public {
        settle0();
        // Receipt 0 with receipt 1's proof.
        IAgentReputation.ReceiptProof memory proof = paid(0);
        proof.proof = paid(1).proof;
        bytes32 leaf = leafOf(proof.receipt);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentReputation.ReceiptNotInBatch.selector, orchestrator, 0, leaf)
        );
        rate(payer0, agentA, 50, 0, proof);

        // A receipt forged from a real one: a higher fee than the orchestrator posted.
        proof = paid(0);
        proof.receipt.fee = 100e18;
        leaf = leafOf(proof.receipt);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentReputation.ReceiptNotInBatch.selector, orchestrator, 0, leaf)
        );
        rate(payer0, agentA, 50, 0, proof);
    }

    /// @dev The window is open through postedAt + CHALLENGE_WINDOW; the receipt settles a second later.
    function test_giveFeedback_windowOpen_reverts() public {
        uint256 settlesAt = postedAt0 + CHALLENGE_WINDOW + 1;
        bytes memory notSettled =
            abi.encodeWithSelector(IAgentReputation.ReceiptNotSettled.selector, orchestrator, 0, settlesAt);
        vm.expectRevert(notSettled);
        rate(payer0, agentA, 50, 0, paid(0));
        vm.warp(settlesAt - 1);
        vm.expectRevert(notSettled);
        rate(payer0, agentA, 50, 0, paid(0));
        vm.warp(settlesAt);
        rate(payer0, agentA, 50, 0, paid(0));
    }

    /// @dev Receipt 5 claims payer1 beyond what batch 0 charged: once proven, it rests on no payment.
    function test_giveFeedback_disprovenReceipt_reverts() public {
        IExecutionReceipts.Receipt memory fraudulent = batch0[5];
        vm.prank(carol);
        receipts.proveUncharged(orchestrator, 0, fraudulent, proofOf(batch0, 5), charges0());
        bytes32 leaf = leafOf(fraudulent);
        bytes memory disproven =
            abi.encodeWithSelector(IAgentReputation.ReceiptDisproven.selector, orchestrator, 0, leaf);
        // Disproven is reported as such, in the window and after it.
        vm.expectRevert(disproven);
        rate(payer1, agentA, 50, 0, paid(5));
        settle0();
        vm.expectRevert(disproven);
        rate(payer1, agentA, 50, 0, paid(5));
        assertEq(reputation.getLastIndex(agentA, payer1), 0);
    }

    function test_giveFeedback_receiptAlreadyUsed_reverts() public {
        settle0();
        rate(payer0, agentA, 50, 0, paid(0));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentReputation.ReceiptAlreadyUsed.selector, orchestrator, bytes32("exec-1")
            )
        );
        rate(payer0, agentA, 60, 0, paid(0));
    }

    /// @dev A later batch repeats exec-1 under another leaf (an unchallenged duplicate: it settles too). The
    ///      execution, not the leaf, is what may be rated once.
    function test_giveFeedback_duplicateOfUsedExecution_reverts() public {
        IExecutionReceipts.Receipt[] memory batch1 = _postBatch1();
        vm.warp(block.timestamp + CHALLENGE_WINDOW + 1);
        rate(payer0, agentA, 50, 0, paid(0));
        assertTrue(receipts.isSettledReceipt(orchestrator, 1, batch1[0], proofOf(batch1, 0)));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentReputation.ReceiptAlreadyUsed.selector, orchestrator, bytes32("exec-1")
            )
        );
        rate(payer0, agentA, 60, 0, paidIn(1, batch1, 0));
    }

    /// @dev Receipt 5 claims payer1 up to 5 where batch 0 charged it to 4. Nobody proved it within the window
    ///      (nobody had seen it: receipts stay off-chain), so it settled; but payer1's rated fees would then
    ///      exceed its real charges (4 + 1 > 4).
    function test_giveFeedback_feesExceedCharges_reverts() public {
        settle0();
        assertTrue(receipts.isSettledReceipt(orchestrator, 0, batch0[5], proofOf(batch0, 5)));
        rate(payer1, agentA, 50, 0, paid(3));
        assertEq(reputation.ratedFees(payer1, orchestrator), 4e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentReputation.FeesExceedCharges.selector, payer1, orchestrator, 5e18, 4e18
            )
        );
        rate(payer1, agentA, 50, 0, paid(5));
    }

    /// @dev A bonded orchestrator can put any receipts under a root: here a hundred-CR8 receipt for a payer it
    ///      charged 1 wei. Settled (nobody could challenge what was never shown), but not paid for.
    function test_giveFeedback_fabricatedReceipt_reverts() public {
        IExecutionReceipts.Receipt[] memory batch = new IExecutionReceipts.Receipt[](2);
        batch[0] = receipt("fake-1", agentA, payer2, 100e18, 1e18 + 1);
        batch[1] = receipt("fake-2", agentA, payer2, 100e18, 1e18 + 1);
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](1);
        charges[0] = charge(payer2, 1e18 + 1, 10e18, true);
        IFeeDistributor.AgentFee[] memory fees = new IFeeDistributor.AgentFee[](1);
        fees[0] = fee(agentA, 1);
        vm.prank(orchestrator);
        receipts.postBatch(1, rootOf(batch), 2, fees, charges);
        vm.warp(block.timestamp + CHALLENGE_WINDOW + 1);
        assertTrue(receipts.isSettledReceipt(orchestrator, 1, batch[0], proofOf(batch, 0)));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentReputation.FeesExceedCharges.selector, payer2, orchestrator, 100e18, 1e18 + 1
            )
        );
        rate(payer2, agentA, 100, 0, paidIn(1, batch, 0));
    }

    function test_giveFeedback_feeBelowMinimum_reverts() public {
        IExecutionReceipts.Receipt[] memory batch = new IExecutionReceipts.Receipt[](1);
        batch[0] = receipt("cheap", agentA, payer2, MIN_FEEDBACK_FEE - 1, 1e18 + MIN_FEEDBACK_FEE - 1);
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](1);
        charges[0] = charge(payer2, 1e18 + MIN_FEEDBACK_FEE - 1, 10e18, true);
        IFeeDistributor.AgentFee[] memory fees = new IFeeDistributor.AgentFee[](1);
        fees[0] = fee(agentA, MIN_FEEDBACK_FEE - 1);
        vm.prank(orchestrator);
        receipts.postBatch(1, rootOf(batch), 1, fees, charges);
        vm.warp(block.timestamp + CHALLENGE_WINDOW + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentReputation.FeeBelowMinimum.selector, MIN_FEEDBACK_FEE - 1, MIN_FEEDBACK_FEE
            )
        );
        rate(payer2, agentA, 100, 0, paidIn(1, batch, 0));
    }

    /// @dev What a payer rates adds up per orchestrator, across agents, up to its charges exactly.
    function test_giveFeedback_ratedFeesUpToCharges_succeeds() public {
        settle0();
        rate(payer0, agentA, 1, 0, paid(0));
        rate(payer0, agentA, 1, 0, paid(1));
        rate(payer0, agentB, 1, 0, paid(2));
        assertEq(reputation.ratedFees(payer0, orchestrator), 6e18);
        assertEq(vault.channelOf(payer0, orchestrator).charged, 6e18);
    }

    /// @dev Execution ids are only unique per orchestrator: the same id from another one is another execution.
    function test_giveFeedback_sameIdOtherOrchestrator_succeeds() public {
        address orchestrator2 = makeAddr("orchestrator2");
        vm.deal(orchestrator2, MINIMUM_BOND);
        vm.prank(orchestrator2);
        orchestrators.register{value: MINIMUM_BOND}(capabilities());
        vm.deal(payer0, 1e18);
        vm.prank(payer0);
        vault.deposit{value: 1e18}(orchestrator2);
        IExecutionReceipts.Receipt[] memory batch = new IExecutionReceipts.Receipt[](1);
        batch[0] = receipt("exec-1", agentA, payer0, 1e18, 1e18);
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](1);
        charges[0] = chargeFor(orchestrator2, payer0, 1e18, 1e18, true);
        IFeeDistributor.AgentFee[] memory fees = new IFeeDistributor.AgentFee[](1);
        fees[0] = fee(agentA, 1e18);
        vm.prank(orchestrator2);
        receipts.postBatch(0, rootOf(batch), 1, fees, charges);
        vm.warp(block.timestamp + CHALLENGE_WINDOW + 1);

        rate(payer0, agentA, 50, 0, paid(0));
        IAgentReputation.ReceiptProof memory proof = IAgentReputation.ReceiptProof({
            orchestrator: orchestrator2, sequence: 0, receipt: batch[0], proof: new bytes32[](0)
        });
        assertEq(rate(payer0, agentA, 70, 0, proof), 2);
        (address client, uint64 index) = reputation.executionFeedback(orchestrator2, "exec-1");
        assertEq(client, payer0);
        assertEq(index, 2);
    }

    /// @dev The agent's owner cannot rate it, even with a receipt of its own: here alice's agent is sold to payer2.
    function test_giveFeedback_agentOwner_reverts() public {
        settle0();
        vm.prank(alice);
        registry.transferFrom(alice, payer2, agentA);
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.SelfFeedback.selector, agentA, payer2));
        rate(payer2, agentA, 100, 0, paid(4));
    }

    function test_giveFeedback_approvedOperator_reverts() public {
        settle0();
        vm.prank(alice);
        registry.approve(payer2, agentA);
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.SelfFeedback.selector, agentA, payer2));
        rate(payer2, agentA, 100, 0, paid(4));

        vm.startPrank(alice);
        registry.approve(address(0), agentA);
        registry.setApprovalForAll(payer2, true);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.SelfFeedback.selector, agentA, payer2));
        rate(payer2, agentA, 100, 0, paid(4));
    }

    /// @dev The agent wallet is the agent acting as a client (ERC-8004): it cannot rate itself either.
    function test_giveFeedback_agentWallet_reverts() public {
        settle0();
        uint256 deadline = block.timestamp + 1 minutes;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("AgentWalletSet(uint256 agentId,address newWallet,address owner,uint256 deadline)"),
                agentA,
                payer2,
                alice,
                deadline
            )
        );
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01", registryDomainSeparator(address(registry), block.chainid), structHash
            )
        );
        vm.prank(alice);
        registry.setAgentWallet(agentA, payer2, deadline, signDigest(keyOf[payer2], digest));
        assertEq(registry.getAgentWallet(agentA), payer2);

        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.SelfFeedback.selector, agentA, payer2));
        rate(payer2, agentA, 100, 0, paid(4));
    }

    function test_giveFeedback_valueOutOfRange_reverts() public {
        settle0();
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.ValueOutOfRange.selector, MAX + 1, MAX));
        rate(payer0, agentA, MAX + 1, 0, paid(0));
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.ValueOutOfRange.selector, -MAX - 1, MAX));
        rate(payer0, agentA, -MAX - 1, 0, paid(0));
        vm.expectRevert(
            abi.encodeWithSelector(IAgentReputation.ValueOutOfRange.selector, type(int128).min, MAX)
        );
        rate(payer0, agentA, type(int128).min, 0, paid(0));
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.InvalidValueDecimals.selector, 19));
        rate(payer0, agentA, 1, 19, paid(0));
        // The bounds themselves are accepted.
        rate(payer0, agentA, MAX, 18, paid(0));
        rate(payer0, agentA, -MAX, 0, paid(1));
    }

    function test_giveFeedback_whilePaused_reverts() public {
        settle0();
        vm.prank(guardian);
        reputation.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        rate(payer0, agentA, 50, 0, paid(0));
    }

    // ---------------------------------------------------------------------------------------------
    // revokeFeedback
    // ---------------------------------------------------------------------------------------------

    function test_revokeFeedback_succeeds() public {
        settle0();
        rate(payer0, agentA, 10, 0, paid(0));
        rate(payer0, agentA, 30, 0, paid(1));
        vm.expectEmit(address(reputation));
        emit IReputationRegistry.FeedbackRevoked(agentA, payer0, 1);
        vm.prank(payer0);
        reputation.revokeFeedback(agentA, 1);

        (int128 value,,,, bool revoked) = reputation.readFeedback(agentA, payer0, 1);
        assertEq(value, 10);
        assertTrue(revoked);
        (uint64 count, int128 summary,) = reputation.getSummary(agentA, one(payer0), "", "");
        assertEq(count, 1);
        assertEq(summary, 30);
    }

    /// @dev A revoked feedback keeps its execution: one paid execution, one say.
    function test_revokeFeedback_receiptStaysUsed_reverts() public {
        settle0();
        rate(payer0, agentA, 10, 0, paid(0));
        vm.prank(payer0);
        reputation.revokeFeedback(agentA, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentReputation.ReceiptAlreadyUsed.selector, orchestrator, bytes32("exec-1")
            )
        );
        rate(payer0, agentA, 90, 0, paid(0));
    }

    function test_revokeFeedback_twice_reverts() public {
        settle0();
        rate(payer0, agentA, 10, 0, paid(0));
        vm.startPrank(payer0);
        reputation.revokeFeedback(agentA, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentReputation.FeedbackAlreadyRevoked.selector, agentA, payer0, 1)
        );
        reputation.revokeFeedback(agentA, 1);
        vm.stopPrank();
    }

    function test_revokeFeedback_unknownFeedback_reverts() public {
        settle0();
        rate(payer0, agentA, 10, 0, paid(0));
        vm.startPrank(payer0);
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.FeedbackNotFound.selector, agentA, payer0, 0));
        reputation.revokeFeedback(agentA, 0);
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.FeedbackNotFound.selector, agentA, payer0, 2));
        reputation.revokeFeedback(agentA, 2);
        vm.stopPrank();
        // Only the client's own feedback: payer1 has none on agentA.
        vm.prank(payer1);
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.FeedbackNotFound.selector, agentA, payer1, 1));
        reputation.revokeFeedback(agentA, 1);
    }

    /// @dev Taking one's word back does not wait for the guardian.
    function test_revokeFeedback_whilePaused_succeeds() public {
        settle0();
        rate(payer0, agentA, 10, 0, paid(0));
        vm.prank(guardian);
        reputation.pause();
        vm.prank(payer0);
        reputation.revokeFeedback(agentA, 1);
        (,,,, bool revoked) = reputation.readFeedback(agentA, payer0, 1);
        assertTrue(revoked);
    }

    // ---------------------------------------------------------------------------------------------
    // appendResponse / getResponseCount
    // ---------------------------------------------------------------------------------------------

    function test_appendResponse_ownerAndAnyone_succeeds() public {
        settle0();
        rate(payer0, agentA, 10, 0, paid(0));
        rate(payer0, agentA, 20, 0, paid(1));
        rate(payer1, agentA, 30, 0, paid(3));

        vm.expectEmit(address(reputation));
        emit IReputationRegistry.ResponseAppended(agentA, payer0, 1, alice, "ipfs://refund", bytes32("r"));
        vm.prank(alice);
        reputation.appendResponse(agentA, payer0, 1, "ipfs://refund", bytes32("r"));
        vm.prank(alice);
        reputation.appendResponse(agentA, payer0, 1, "ipfs://refund-2", bytes32(0));
        vm.prank(carol);
        reputation.appendResponse(agentA, payer0, 1, "https://aggregator.example/spam", bytes32(0));
        vm.prank(carol);
        reputation.appendResponse(agentA, payer0, 2, "https://aggregator.example/ok", bytes32(0));
        vm.prank(carol);
        reputation.appendResponse(agentA, payer1, 1, "https://aggregator.example/ok", bytes32(0));

        address[] memory anyone = new address[](0);
        assertEq(reputation.getResponseCount(agentA, payer0, 1, anyone), 3);
        assertEq(reputation.getResponseCount(agentA, payer0, 1, one(alice)), 2);
        assertEq(reputation.getResponseCount(agentA, payer0, 1, one(carol)), 1);
        assertEq(reputation.getResponseCount(agentA, payer0, 1, two(alice, carol)), 3);
        assertEq(reputation.getResponseCount(agentA, payer0, 2, one(alice)), 0);
        // Every feedback of payer0, then of every client.
        assertEq(reputation.getResponseCount(agentA, payer0, 0, anyone), 4);
        assertEq(reputation.getResponseCount(agentA, payer0, 0, one(carol)), 2);
        assertEq(reputation.getResponseCount(agentA, address(0), 0, anyone), 5);
        assertEq(reputation.getResponseCount(agentA, address(0), 0, one(carol)), 3);
        // A feedback that does not exist has no responses.
        assertEq(reputation.getResponseCount(agentA, payer0, 9, anyone), 0);
    }

    /// @dev Revoked feedback can still be answered (ERC-8004 does not forbid it; the record stays).
    function test_appendResponse_revokedFeedback_succeeds() public {
        settle0();
        rate(payer0, agentA, 10, 0, paid(0));
        vm.prank(payer0);
        reputation.revokeFeedback(agentA, 1);
        vm.prank(alice);
        reputation.appendResponse(agentA, payer0, 1, "ipfs://noted", bytes32(0));
        assertEq(reputation.getResponseCount(agentA, payer0, 1, new address[](0)), 1);
    }

    function test_appendResponse_emptyURI_reverts() public {
        settle0();
        rate(payer0, agentA, 10, 0, paid(0));
        vm.prank(alice);
        vm.expectRevert(IAgentReputation.EmptyResponseURI.selector);
        reputation.appendResponse(agentA, payer0, 1, "", bytes32("r"));
    }

    function test_appendResponse_unknownFeedback_reverts() public {
        settle0();
        rate(payer0, agentA, 10, 0, paid(0));
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.FeedbackNotFound.selector, agentA, payer0, 2));
        reputation.appendResponse(agentA, payer0, 2, "ipfs://x", bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.FeedbackNotFound.selector, agentB, payer0, 1));
        reputation.appendResponse(agentB, payer0, 1, "ipfs://x", bytes32(0));
        vm.stopPrank();
    }

    function test_appendResponse_whilePaused_reverts() public {
        settle0();
        rate(payer0, agentA, 10, 0, paid(0));
        vm.prank(guardian);
        reputation.pause();
        vm.prank(alice);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        reputation.appendResponse(agentA, payer0, 1, "ipfs://x", bytes32(0));
    }

    // ---------------------------------------------------------------------------------------------
    // Reads
    // ---------------------------------------------------------------------------------------------

    function test_readFeedback_unknown_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.FeedbackNotFound.selector, agentA, payer0, 1));
        reputation.readFeedback(agentA, payer0, 1);
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.FeedbackNotFound.selector, agentA, payer0, 0));
        reputation.readFeedback(agentA, payer0, 0);
    }

    function test_getSummary_noClients_reverts() public {
        vm.expectRevert(IAgentReputation.ClientAddressesRequired.selector);
        reputation.getSummary(agentA, new address[](0), "", "");
    }

    function test_getSummary_noFeedback_succeeds() public view {
        (uint64 count, int128 summary, uint8 decimals) = reputation.getSummary(agentA, one(payer0), "", "");
        assertEq(count, 0);
        assertEq(summary, 0);
        assertEq(decimals, 0);
    }

    function test_getSummary_tagFilters_succeeds() public {
        settle0();
        rateTagged(payer0, agentA, 90, 0, "starred", "quality", paid(0));
        rateTagged(payer0, agentA, 60, 0, "starred", "speed", paid(1));
        rateTagged(payer1, agentA, 9977, 2, "uptime", "", paid(3));
        address[] memory clients = two(payer0, payer1);

        (uint64 count, int128 summary, uint8 decimals) = reputation.getSummary(agentA, clients, "starred", "");
        assertEq(count, 2);
        assertEq(summary, 75);
        assertEq(decimals, 0);
        (count, summary, decimals) = reputation.getSummary(agentA, clients, "starred", "speed");
        assertEq(count, 1);
        assertEq(summary, 60);
        (count, summary, decimals) = reputation.getSummary(agentA, clients, "", "speed");
        assertEq(count, 1);
        assertEq(summary, 60);
        (count, summary, decimals) = reputation.getSummary(agentA, clients, "uptime", "");
        assertEq(count, 1);
        assertEq(summary, 9977);
        assertEq(decimals, 2);
        (count,,) = reputation.getSummary(agentA, clients, "missing", "");
        assertEq(count, 0);
    }

    /// @dev Mixed decimals: averaged at 18, reported at the decimals most used (the fewest on a tie);
    ///      negative averages round toward zero.
    function test_getSummary_mixedDecimals_succeeds() public {
        settle0();
        rate(payer0, agentA, 15, 1, paid(0)); // 1.5
        rate(payer0, agentA, 2, 0, paid(1)); // 2
        rate(payer1, agentA, 25, 1, paid(3)); // 2.5
        (uint64 count, int128 summary, uint8 decimals) =
            reputation.getSummary(agentA, two(payer0, payer1), "", "");
        assertEq(count, 3);
        assertEq(summary, 20); // 2.0 at one decimal
        assertEq(decimals, 1);

        // A tie (one at 1 decimal, one at 0) reports the fewer decimals: (1.5 + 2) / 2 = 1.75 -> 1.
        (count, summary, decimals) = reputation.getSummary(agentA, one(payer0), "", "");
        assertEq(count, 2);
        assertEq(summary, 1);
        assertEq(decimals, 0);

        // -1 and -2 at 0 decimals: -1.5 rounds toward zero to -1.
        rate(payer2, agentA, -1, 0, paid(4));
        IExecutionReceipts.Receipt[] memory batch1 = _postBatch1();
        vm.warp(block.timestamp + CHALLENGE_WINDOW + 1);
        rate(payer2, agentA, -2, 0, paidIn(1, batch1, 2));
        (count, summary, decimals) = reputation.getSummary(agentA, one(payer2), "", "");
        assertEq(count, 2);
        assertEq(summary, -1);
        assertEq(decimals, 0);
    }

    /// @dev One huge whole-number value among values at 18 decimals: the average does not fit int128 at 18
    ///      decimals (the reference implementation would truncate it to garbage), so decimals are dropped.
    function test_getSummary_averageTooLargeForMostUsedDecimals_succeeds() public {
        settle0();
        rate(payer0, agentA, MAX, 0, paid(0));
        rate(payer0, agentA, 1, 18, paid(1));
        rate(payer1, agentA, 1, 18, paid(3));
        (uint64 count, int128 summary, uint8 decimals) =
            reputation.getSummary(agentA, two(payer0, payer1), "", "");
        assertEq(count, 3);
        // (1e56 + 2) / 3 at 18 decimals is 3.3e55: fits int128 only at 0 decimals.
        assertEq(decimals, 0);
        assertEq(summary, int128((int256(MAX) * 1e18 + 2) / 3 / 1e18));
    }

    function test_readAllFeedback_filters_succeeds() public {
        settle0();
        rateTagged(payer0, agentA, 90, 0, "starred", "quality", paid(0));
        rateTagged(payer0, agentA, 60, 0, "starred", "speed", paid(1));
        rateTagged(payer1, agentA, 9977, 2, "uptime", "", paid(3));
        vm.prank(payer0);
        reputation.revokeFeedback(agentA, 2);

        // Every client, revoked left out.
        (
            address[] memory clients,
            uint64[] memory indexes,
            int128[] memory values,
            uint8[] memory decimals,
            string[] memory tag1s,
            string[] memory tag2s,
            bool[] memory revoked
        ) = reputation.readAllFeedback(agentA, new address[](0), "", "", false);
        assertEq(clients.length, 2);
        assertEq(clients[0], payer0);
        assertEq(indexes[0], 1);
        assertEq(values[0], 90);
        assertEq(tag2s[0], "quality");
        assertEq(clients[1], payer1);
        assertEq(indexes[1], 1);
        assertEq(values[1], 9977);
        assertEq(decimals[1], 2);
        assertEq(tag1s[1], "uptime");
        assertFalse(revoked[0] || revoked[1]);

        // With revoked ones, one client, one tag.
        (clients, indexes, values,,,, revoked) =
            reputation.readAllFeedback(agentA, one(payer0), "starred", "", true);
        assertEq(clients.length, 2);
        assertEq(indexes[1], 2);
        assertEq(values[1], 60);
        assertTrue(revoked[1]);
        (clients,,,,,,) = reputation.readAllFeedback(agentA, one(payer0), "", "speed", false);
        assertEq(clients.length, 0);
        (clients,,,,,,) = reputation.readAllFeedback(agentB, new address[](0), "", "", true);
        assertEq(clients.length, 0);
    }

    // ---------------------------------------------------------------------------------------------
    // Fuzz
    // ---------------------------------------------------------------------------------------------

    /// @dev getSummary against a model written differently: the mode of the decimals by a second count, the
    ///      average by one division of the 18-decimal sum by count * 10**(18 - decimals), decimals dropped
    ///      from the mode until the result fits int128.
    function testFuzz_getSummary_matchesModel_succeeds(
        int128[6] memory rawValues,
        uint8[6] memory rawDecimals,
        uint8 rawCount
    ) public {
        uint256 n = bound(rawCount, 1, 6);
        int128[] memory values = new int128[](n);
        uint8[] memory decimals = new uint8[](n);
        for (uint256 i; i < n; ++i) {
            values[i] = int128(bound(int256(rawValues[i]), -int256(MAX), int256(MAX)));
            decimals[i] = uint8(bound(rawDecimals[i], 0, 18));
        }
        IExecutionReceipts.Receipt[] memory batch = _postRun(payer2, n);
        vm.warp(block.timestamp + CHALLENGE_WINDOW + 1);
        for (uint256 i; i < n; ++i) {
            rate(payer2, agentA, values[i], decimals[i], paidIn(1, batch, i));
        }

        (uint64 count, int128 summary, uint8 summaryDecimals) =
            reputation.getSummary(agentA, one(payer2), "", "");
        (int128 expected, uint8 expectedDecimals) = _model(values, decimals);
        assertEq(count, n);
        assertEq(summary, expected);
        assertEq(summaryDecimals, expectedDecimals);
    }

    /// @dev Random feedback attempts over receipts that share executions (batch 1 repeats exec-1 and exec-4
    ///      under other leaves), with random revocations in between: an attempt succeeds exactly when its
    ///      execution has not been rated, and in the end each rated execution holds one feedback.
    function testFuzz_giveFeedback_atMostOncePerExecution_succeeds(
        uint8[12] memory picks,
        bool[12] memory revokes
    ) public {
        IExecutionReceipts.Receipt[] memory batch1 = _postBatch1();
        vm.warp(block.timestamp + CHALLENGE_WINDOW + 1);
        IAgentReputation.ReceiptProof[] memory candidates = new IAgentReputation.ReceiptProof[](7);
        candidates[0] = paid(0);
        candidates[1] = paid(1);
        candidates[2] = paid(3);
        candidates[3] = paid(4);
        candidates[4] = paidIn(1, batch1, 0); // exec-1 again
        candidates[5] = paidIn(1, batch1, 1); // exec-4 again
        candidates[6] = paidIn(1, batch1, 2); // exec-8

        bytes32[] memory rated = new bytes32[](picks.length);
        uint256 ratedCount;
        for (uint256 k; k < picks.length; ++k) {
            IAgentReputation.ReceiptProof memory proof = candidates[picks[k] % candidates.length];
            bytes32 executionId = proof.receipt.executionId;
            bool seen;
            for (uint256 r; r < ratedCount; ++r) {
                if (rated[r] == executionId) seen = true;
            }
            address client = proof.receipt.payer;
            vm.prank(client);
            try reputation.giveFeedback(agentA, int128(int256(k)), 0, "", "", "", "", bytes32(0), proof) {
                assertFalse(seen, "an execution was rated twice");
                rated[ratedCount++] = executionId;
                if (revokes[k]) {
                    uint64 index = reputation.getLastIndex(agentA, client);
                    vm.prank(client);
                    reputation.revokeFeedback(agentA, index);
                }
            } catch (bytes memory reason) {
                assertTrue(seen, "a fresh execution was refused");
                assertEq(
                    reason,
                    abi.encodeWithSelector(
                        IAgentReputation.ReceiptAlreadyUsed.selector, orchestrator, executionId
                    )
                );
            }
        }

        // One feedback per rated execution, and each execution points at a feedback of its payer.
        address[] memory clients = reputation.getClients(agentA);
        uint256 feedbacks;
        for (uint256 i; i < clients.length; ++i) {
            feedbacks += reputation.getLastIndex(agentA, clients[i]);
        }
        assertEq(feedbacks, ratedCount);
        for (uint256 r; r < ratedCount; ++r) {
            (address client, uint64 index) = reputation.executionFeedback(orchestrator, rated[r]);
            assertTrue(index != 0 && index <= reputation.getLastIndex(agentA, client));
        }
        // And no payer rated more fees than the vault charged it.
        for (uint256 i; i < payers.length; ++i) {
            assertLe(
                reputation.ratedFees(payers[i], orchestrator),
                vault.channelOf(payers[i], orchestrator).charged
            );
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    /// @dev Batch 1: exec-1 again for payer0 (a duplicate nobody challenges), exec-4 again for payer1, and a
    ///      new exec-8 for payer2 (all agentA).
    function _postBatch1() internal returns (IExecutionReceipts.Receipt[] memory batch1) {
        batch1 = new IExecutionReceipts.Receipt[](3);
        batch1[0] = receipt("exec-1", agentA, payer0, 1e18, 7e18);
        batch1[1] = receipt("exec-4", agentA, payer1, 1e18, 5e18);
        batch1[2] = receipt("exec-8", agentA, payer2, 1e18, 2e18);
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](3);
        charges[0] = charge(payer0, 7e18, 20e18, true);
        charges[1] = charge(payer1, 5e18, 10e18, true);
        charges[2] = charge(payer2, 2e18, 10e18, true);
        IFeeDistributor.AgentFee[] memory fees = new IFeeDistributor.AgentFee[](1);
        fees[0] = fee(agentA, 3e18);
        vm.prank(orchestrator);
        receipts.postBatch(1, rootOf(batch1), 3, fees, charges);
    }

    /// @dev Batch 1: `n` executions of agentA by `payer`, at the minimum fee each.
    function _postRun(address payer, uint256 n) internal returns (IExecutionReceipts.Receipt[] memory batch) {
        uint128 charged = vault.channelOf(payer, orchestrator).charged;
        uint128 each = MIN_FEEDBACK_FEE;
        batch = new IExecutionReceipts.Receipt[](n);
        for (uint256 i; i < n; ++i) {
            batch[i] = receipt(
                keccak256(abi.encode("run", i)), agentA, payer, each, charged + each * uint128(i + 1)
            );
        }
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](1);
        charges[0] = charge(payer, charged + each * uint128(n), 10e18, true);
        IFeeDistributor.AgentFee[] memory fees = new IFeeDistributor.AgentFee[](1);
        fees[0] = fee(agentA, each * n);
        vm.prank(orchestrator);
        receipts.postBatch(1, rootOf(batch), uint32(n), fees, charges);
    }

    function _model(int128[] memory values, uint8[] memory decimals) internal pure returns (int128, uint8) {
        uint256 n = values.length;
        int256 sum;
        for (uint256 i; i < n; ++i) {
            sum += int256(values[i]) * int256(10 ** (18 - uint256(decimals[i])));
        }
        uint8 mode;
        uint256 modeCount;
        for (uint8 d; d <= 18; ++d) {
            uint256 c;
            for (uint256 i; i < n; ++i) {
                if (decimals[i] == d) ++c;
            }
            if (c > modeCount) (mode, modeCount) = (d, c);
        }
        for (uint256 d = mode + 1; d > 0; --d) {
            int256 q = sum / int256(n * 10 ** (18 - (d - 1)));
            if (q >= type(int128).min && q <= type(int128).max) return (int128(q), uint8(d - 1));
        }
        revert("model: no fit");
    }
}
