// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentReputation} from "../../src/interfaces/IAgentReputation.sol";
import {ICommon} from "../../src/interfaces/ICommon.sol";
import {IValidationRegistry} from "../../src/interfaces/IValidationRegistry.sol";
import {ReputationTest} from "./ReputationTest.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

/// @notice AgentReputation's validation side: ERC-8004 requests and responses, and requests that reference
///         a settled receipt (their hash is the receipt's leaf).
contract AgentValidationTest is ReputationTest {
    address internal validator = makeAddr("validator");
    address internal validator2 = makeAddr("validator2");
    bytes32 internal constant REQUEST = keccak256("request-1");

    function _request(bytes32 requestHash) internal {
        vm.prank(alice);
        reputation.validationRequest(validator, agentA, "ipfs://request", requestHash);
    }

    function _respond(address from, bytes32 requestHash, uint8 response, string memory tag) internal {
        vm.prank(from);
        reputation.validationResponse(requestHash, response, "ipfs://evidence", bytes32("e"), tag);
    }

    // ---------------------------------------------------------------------------------------------
    // validationRequest (ERC-8004)
    // ---------------------------------------------------------------------------------------------

    function test_validationRequest_byOwner_succeeds() public {
        vm.expectEmit(address(reputation));
        emit IValidationRegistry.ValidationRequest(validator, agentA, "ipfs://request", REQUEST);
        _request(REQUEST);

        (
            address validatorAddress,
            uint256 agentId,
            uint8 response,
            bytes32 responseHash,
            string memory tag,
            uint256 lastUpdate
        ) = reputation.getValidationStatus(REQUEST);
        assertEq(validatorAddress, validator);
        assertEq(agentId, agentA);
        assertEq(response, 0);
        assertEq(responseHash, bytes32(0));
        assertEq(tag, "");
        assertEq(lastUpdate, block.timestamp);
        assertFalse(reputation.referencesReceipt(REQUEST));
        bytes32[] memory hashes = reputation.getAgentValidations(agentA);
        assertEq(hashes.length, 1);
        assertEq(hashes[0], REQUEST);
        hashes = reputation.getValidatorRequests(validator);
        assertEq(hashes.length, 1);
        assertEq(hashes[0], REQUEST);
    }

    function test_validationRequest_byApprovedOperator_succeeds() public {
        vm.prank(alice);
        registry.approve(carol, agentA);
        vm.prank(carol);
        reputation.validationRequest(validator, agentA, "ipfs://request", REQUEST);
        (, uint256 agentId,,,,) = reputation.getValidationStatus(REQUEST);
        assertEq(agentId, agentA);
    }

    function test_validationRequest_notOperator_reverts() public {
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.NotAgentOperator.selector, agentA, bob));
        reputation.validationRequest(validator, agentA, "ipfs://request", REQUEST);
    }

    function test_validationRequest_unknownAgent_reverts() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, UNKNOWN_AGENT));
        reputation.validationRequest(validator, UNKNOWN_AGENT, "ipfs://request", REQUEST);
    }

    function test_validationRequest_zeroValidator_reverts() public {
        vm.prank(alice);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        reputation.validationRequest(address(0), agentA, "ipfs://request", REQUEST);
    }

    function test_validationRequest_sameHashTwice_reverts() public {
        _request(REQUEST);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.ValidationRequestExists.selector, REQUEST));
        reputation.validationRequest(validator, agentB, "ipfs://request", REQUEST);
    }

    function test_validationRequest_whilePaused_reverts() public {
        vm.prank(guardian);
        reputation.pause();
        vm.prank(alice);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        reputation.validationRequest(validator, agentA, "ipfs://request", REQUEST);
    }

    // ---------------------------------------------------------------------------------------------
    // validationRequest with a receipt
    // ---------------------------------------------------------------------------------------------

    function test_validationRequest_settledReceipt_succeeds() public {
        settle0();
        IAgentReputation.ReceiptProof memory proof = paid(3);
        bytes32 leaf = receipts.receiptLeaf(proof.receipt);
        vm.expectEmit(address(reputation));
        emit IValidationRegistry.ValidationRequest(validator, agentA, "ipfs://rerun", leaf);
        vm.expectEmit(address(reputation));
        emit IAgentReputation.ValidationReceiptLinked(leaf, agentA, orchestrator, 0, "exec-4");
        vm.prank(alice);
        reputation.validationRequest(validator, agentA, "ipfs://rerun", leaf, proof);

        assertTrue(reputation.referencesReceipt(leaf));
        (address validatorAddress, uint256 agentId,,,,) = reputation.getValidationStatus(leaf);
        assertEq(validatorAddress, validator);
        assertEq(agentId, agentA);

        // The validator answers as to any request.
        _respond(validator, leaf, 100, "rerun");
        (uint64 count, uint8 average) = reputation.getSummary(agentA, new address[](0), "rerun");
        assertEq(count, 1);
        assertEq(average, 100);
    }

    function test_validationRequest_hashNotLeaf_reverts() public {
        settle0();
        IAgentReputation.ReceiptProof memory proof = paid(3);
        bytes32 leaf = leafOf(proof.receipt);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentReputation.RequestHashNotReceiptLeaf.selector, REQUEST, leaf)
        );
        reputation.validationRequest(validator, agentA, "ipfs://rerun", REQUEST, proof);
    }

    function test_validationRequest_receiptWindowOpen_reverts() public {
        IAgentReputation.ReceiptProof memory proof = paid(3);
        bytes32 leaf = leafOf(proof.receipt);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentReputation.ReceiptNotSettled.selector, orchestrator, 0, postedAt0 + CHALLENGE_WINDOW + 1
            )
        );
        reputation.validationRequest(validator, agentA, "ipfs://rerun", leaf, proof);
    }

    function test_validationRequest_receiptOfOtherAgent_reverts() public {
        settle0();
        IAgentReputation.ReceiptProof memory proof = paid(2); // agentB's
        bytes32 leaf = leafOf(proof.receipt);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentReputation.ReceiptAgentMismatch.selector, agentB, agentA)
        );
        reputation.validationRequest(validator, agentA, "ipfs://rerun", leaf, proof);
    }

    function test_validationRequest_receiptNotInBatch_reverts() public {
        settle0();
        IAgentReputation.ReceiptProof memory proof = paid(3);
        proof.receipt.outputHash = keccak256("another output");
        bytes32 leaf = leafOf(proof.receipt);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentReputation.ReceiptNotInBatch.selector, orchestrator, 0, leaf)
        );
        reputation.validationRequest(validator, agentA, "ipfs://rerun", leaf, proof);
    }

    /// @dev The receipt proves payment, not authority: only the agent's side requests validation (ERC-8004).
    function test_validationRequest_receiptPayer_reverts() public {
        settle0();
        IAgentReputation.ReceiptProof memory proof = paid(3);
        bytes32 leaf = leafOf(proof.receipt);
        vm.prank(payer1);
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.NotAgentOperator.selector, agentA, payer1));
        reputation.validationRequest(validator, agentA, "ipfs://rerun", leaf, proof);
    }

    function test_validationRequest_receiptAlreadyRequested_reverts() public {
        settle0();
        IAgentReputation.ReceiptProof memory proof = paid(3);
        bytes32 leaf = leafOf(proof.receipt);
        vm.startPrank(alice);
        reputation.validationRequest(validator, agentA, "ipfs://rerun", leaf, proof);
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.ValidationRequestExists.selector, leaf));
        reputation.validationRequest(validator2, agentA, "ipfs://rerun", leaf, proof);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------------------------------------
    // validationResponse
    // ---------------------------------------------------------------------------------------------

    function test_validationResponse_byValidator_succeeds() public {
        _request(REQUEST);
        vm.warp(block.timestamp + 1 hours);
        vm.expectEmit(address(reputation));
        emit IValidationRegistry.ValidationResponse(
            validator, agentA, REQUEST, 40, "ipfs://evidence", bytes32("e"), "soft"
        );
        _respond(validator, REQUEST, 40, "soft");
        // A later answer replaces the earlier one.
        vm.warp(block.timestamp + 1 hours);
        _respond(validator, REQUEST, 100, "hard");

        (
            address validatorAddress,
            uint256 agentId,
            uint8 response,
            bytes32 responseHash,
            string memory tag,
            uint256 lastUpdate
        ) = reputation.getValidationStatus(REQUEST);
        assertEq(validatorAddress, validator);
        assertEq(agentId, agentA);
        assertEq(response, 100);
        assertEq(responseHash, bytes32("e"));
        assertEq(tag, "hard");
        assertEq(lastUpdate, block.timestamp);
    }

    function test_validationResponse_notValidator_reverts() public {
        _request(REQUEST);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentReputation.NotValidator.selector, REQUEST, validator, alice)
        );
        reputation.validationResponse(REQUEST, 100, "", bytes32(0), "");
    }

    function test_validationResponse_unknownRequest_reverts() public {
        vm.prank(validator);
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.UnknownValidationRequest.selector, REQUEST));
        reputation.validationResponse(REQUEST, 100, "", bytes32(0), "");
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.UnknownValidationRequest.selector, REQUEST));
        reputation.getValidationStatus(REQUEST);
    }

    function test_validationResponse_outOfRange_reverts() public {
        _request(REQUEST);
        vm.prank(validator);
        vm.expectRevert(abi.encodeWithSelector(IAgentReputation.ResponseOutOfRange.selector, 101));
        reputation.validationResponse(REQUEST, 101, "", bytes32(0), "");
    }

    function test_validationResponse_whilePaused_reverts() public {
        _request(REQUEST);
        vm.prank(guardian);
        reputation.pause();
        vm.prank(validator);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        reputation.validationResponse(REQUEST, 100, "", bytes32(0), "");
    }

    // ---------------------------------------------------------------------------------------------
    // getSummary (validation)
    // ---------------------------------------------------------------------------------------------

    function test_getSummary_validatorAndTagFilters_succeeds() public {
        vm.startPrank(alice);
        reputation.validationRequest(validator, agentA, "ipfs://1", keccak256("1"));
        reputation.validationRequest(validator, agentA, "ipfs://2", keccak256("2"));
        reputation.validationRequest(validator2, agentA, "ipfs://3", keccak256("3"));
        reputation.validationRequest(validator2, agentA, "ipfs://4", keccak256("4")); // never answered
        vm.stopPrank();
        _respond(validator, keccak256("1"), 100, "zkml");
        _respond(validator, keccak256("2"), 51, "tee");
        _respond(validator2, keccak256("3"), 0, "zkml");

        address[] memory anyone = new address[](0);
        (uint64 count, uint8 average) = reputation.getSummary(agentA, anyone, "");
        assertEq(count, 3);
        assertEq(average, 50); // 151 / 3, rounded down
        (count, average) = reputation.getSummary(agentA, one(validator), "");
        assertEq(count, 2);
        assertEq(average, 75); // 151 / 2
        (count, average) = reputation.getSummary(agentA, anyone, "zkml");
        assertEq(count, 2);
        assertEq(average, 50);
        (count, average) = reputation.getSummary(agentA, one(validator2), "tee");
        assertEq(count, 0);
        assertEq(average, 0);
        (count,) = reputation.getSummary(agentB, anyone, "");
        assertEq(count, 0);
    }
}
