// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ExecutionReceipts} from "../../src/execution/ExecutionReceipts.sol";
import {ICommon} from "../../src/interfaces/ICommon.sol";
import {ICreditVault} from "../../src/interfaces/ICreditVault.sol";
import {IExecutionReceipts} from "../../src/interfaces/IExecutionReceipts.sol";
import {IFeeDistributor} from "../../src/interfaces/IFeeDistributor.sol";
import {IOrchestratorRegistry} from "../../src/interfaces/IOrchestratorRegistry.sol";
import {ExecutionTest} from "./ExecutionTest.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

/// @notice ExecutionReceipts: posting batches (charges forwarded to the vault as they are in the calldata,
///         the vault's charges hash kept per batch), and the fraud proofs that slash the orchestrator and
///         refund the payer into its channel with that orchestrator.
contract ExecutionReceiptsTest is ExecutionTest {
    uint256 internal agentA;
    uint256 internal agentB;
    address internal alicePayer;
    address internal bobPayer;
    address internal prover = makeAddr("prover");

    /// @dev Batch 0: alicePayer runs agentA twice (1 + 2 CR8) and agentB once (3 CR8); bobPayer runs agentB (4 CR8).
    IExecutionReceipts.Receipt[] internal batch0;

    function setUp() public override {
        super.setUp();
        (agentA,) = registerAgent(alice);
        (agentB,) = registerAgent(bob);
        makePayers(2);
        (alicePayer, bobPayer) = (payers[0], payers[1]);
        batch0.push(receipt("exec-1", agentA, alicePayer, 1e18, 1e18));
        batch0.push(receipt("exec-2", agentA, alicePayer, 2e18, 3e18));
        batch0.push(receipt("exec-3", agentB, alicePayer, 3e18, 6e18));
        batch0.push(receipt("exec-4", agentB, bobPayer, 4e18, 4e18));
    }

    function _fees0() internal view returns (IFeeDistributor.AgentFee[] memory fees) {
        fees = new IFeeDistributor.AgentFee[](2);
        fees[0] = fee(agentA, 3e18);
        fees[1] = fee(agentB, 7e18);
    }

    function _charges0() internal view returns (ICreditVault.Charge[] memory charges) {
        charges = new ICreditVault.Charge[](2);
        charges[0] = charge(alicePayer, 6e18, 20e18, true);
        charges[1] = charge(bobPayer, 4e18, 4e18, true);
    }

    function _post0() internal {
        vm.prank(orchestrator);
        receipts.postBatch(0, rootOf(batch0), 4, _fees0(), _charges0());
    }

    function _balanceOf(address payer) internal view returns (uint256) {
        return vault.channelOf(payer, orchestrator).balance;
    }

    /// @dev `data` without its first word (the offset word `abi.encode` puts before a lone dynamic value).
    function _tail(bytes memory data) internal pure returns (bytes memory out) {
        out = new bytes(data.length - 32);
        for (uint256 i; i < out.length; ++i) {
            out[i] = data[i + 32];
        }
    }

    // ---------------------------------------------------------------------------------------------
    // constructor / initialize
    // ---------------------------------------------------------------------------------------------

    function test_constructor_setsImmutables_succeeds() public view {
        assertEq(address(receipts.VAULT()), address(vault));
        assertEq(address(receipts.FEE_DISTRIBUTOR()), address(feeDistributor));
        assertEq(address(receipts.ORCHESTRATORS()), address(orchestrators));
        assertEq(receipts.CHALLENGE_WINDOW(), CHALLENGE_WINDOW);
        assertEq(receipts.SLASH_AMOUNT(), SLASH_AMOUNT);
        assertEq(receipts.version(), "1.0.0");
    }

    function test_constructor_zeroAddress_reverts() public {
        ICreditVault v = ICreditVault(address(vault));
        IFeeDistributor f = IFeeDistributor(address(feeDistributor));
        IOrchestratorRegistry o = IOrchestratorRegistry(address(orchestrators));
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new ExecutionReceipts(ICreditVault(address(0)), f, o, CHALLENGE_WINDOW, SLASH_AMOUNT);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new ExecutionReceipts(v, IFeeDistributor(address(0)), o, CHALLENGE_WINDOW, SLASH_AMOUNT);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new ExecutionReceipts(v, f, IOrchestratorRegistry(address(0)), CHALLENGE_WINDOW, SLASH_AMOUNT);
    }

    function test_constructor_zeroAmount_reverts() public {
        ICreditVault v = ICreditVault(address(vault));
        IFeeDistributor f = IFeeDistributor(address(feeDistributor));
        IOrchestratorRegistry o = IOrchestratorRegistry(address(orchestrators));
        vm.expectRevert(ICommon.ZeroAmount.selector);
        new ExecutionReceipts(v, f, o, 0, SLASH_AMOUNT);
        vm.expectRevert(ICommon.ZeroAmount.selector);
        new ExecutionReceipts(v, f, o, CHALLENGE_WINDOW, 0);
    }

    function test_initialize_twice_reverts() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        receipts.initialize(alice, alice);
    }

    // ---------------------------------------------------------------------------------------------
    // postBatch
    // ---------------------------------------------------------------------------------------------

    function test_postBatch_chargesPayersAndCreditsAgents_succeeds() public {
        uint256 orchestratorClaimable = feeDistributor.claimableOf(orchestrator);
        uint256 stakingBalance = address(staking).balance;
        vm.expectEmit(address(receipts));
        emit IExecutionReceipts.BatchPosted(orchestrator, 0, rootOf(batch0), 4, 10e18);
        _post0();

        ICreditVault.Channel memory channel = vault.channelOf(alicePayer, orchestrator);
        assertEq(channel.balance, DEPOSIT - 6e18);
        assertEq(channel.charged, 6e18);
        channel = vault.channelOf(bobPayer, orchestrator);
        assertEq(channel.balance, DEPOSIT - 4e18);
        assertEq(channel.charged, 4e18);
        assertEq(vault.totalBalances(), 2 * DEPOSIT - 10e18);
        assertEq(address(vault).balance, vault.totalBalances());

        // Split 40% holders, 15% stakers, 20% creator, 20% orchestrator, 5% treasury.
        (uint256 holdersA, uint256 creatorA) = feeDistributor.pendingAgentFees(agentA);
        (uint256 holdersB, uint256 creatorB) = feeDistributor.pendingAgentFees(agentB);
        assertEq(holdersA, 1.2e18);
        assertEq(creatorA, 0.6e18);
        assertEq(holdersB, 2.8e18);
        assertEq(creatorB, 1.4e18);
        assertEq(feeDistributor.claimableOf(orchestrator) - orchestratorClaimable, 2e18);
        assertEq(address(staking).balance - stakingBalance, 1.5e18);
        assertEq(address(receipts).balance, 0);

        IExecutionReceipts.Batch memory batch = receipts.batchOf(orchestrator, 0);
        assertEq(batch.receiptsRoot, rootOf(batch0));
        // The vault's hash of (payer, chargeTo) per charge, as computed here from the spec.
        assertEq(batch.chargesHash, chargesHashOf(_charges0()));
        assertEq(batch.postedAt, block.timestamp);
        assertEq(batch.executions, 4);
        assertEq(batch.total, 10e18);
        assertEq(receipts.nextSequence(orchestrator), 1);
    }

    function test_postBatch_reusedEarlierSignature_succeeds() public {
        _post0();
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](1);
        charges[0] = charge(alicePayer, 8e18, 20e18, true); // batch 0's signature of 20 again: covers 8
        assertEq(charges[0].signature, _charges0()[0].signature);
        IFeeDistributor.AgentFee[] memory fees = new IFeeDistributor.AgentFee[](1);
        fees[0] = fee(agentA, 2e18);
        vm.prank(orchestrator);
        receipts.postBatch(1, keccak256("root-1"), 1, fees, charges);
        assertEq(_balanceOf(alicePayer), DEPOSIT - 8e18);
        assertEq(vault.channelOf(alicePayer, orchestrator).charged, 8e18);
        assertEq(receipts.batchOf(orchestrator, 1).chargesHash, chargesHashOf(charges));
        assertEq(receipts.batchOf(orchestrator, 1).total, 2e18);
    }

    function test_postBatch_withoutSignature_reverts() public {
        _post0();
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](1);
        charges[0] = charge(alicePayer, 8e18, 20e18, false); // within the 20 signed, but no signature
        IFeeDistributor.AgentFee[] memory fees = new IFeeDistributor.AgentFee[](1);
        fees[0] = fee(agentA, 2e18);
        vm.prank(orchestrator);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICreditVault.InvalidAuthorization.selector, alicePayer, orchestrator, 20e18
            )
        );
        receipts.postBatch(1, keccak256("root-1"), 1, fees, charges);
    }

    /// @dev A vault revert reaches the orchestrator byte for byte: the vault's own custom error, not wrapped.
    function test_postBatch_vaultRevertBubblesUp_reverts() public {
        ICreditVault.Charge[] memory charges = _charges0();
        charges[1] = charge(bobPayer, uint128(DEPOSIT + 1), uint128(DEPOSIT + 1), true);
        vm.prank(orchestrator);
        (bool ok, bytes memory reason) = address(receipts)
            .call(abi.encodeCall(IExecutionReceipts.postBatch, (0, rootOf(batch0), 4, _fees0(), charges)));
        assertFalse(ok);
        assertEq(
            reason,
            abi.encodeWithSelector(ICreditVault.InsufficientCredit.selector, bobPayer, DEPOSIT, DEPOSIT + 1)
        );
        // Nothing of the batch stayed: alice's charge in the same batch included.
        assertEq(receipts.nextSequence(orchestrator), 0);
        assertEq(vault.channelOf(alicePayer, orchestrator).charged, 0);
        assertEq(receipts.batchOf(orchestrator, 0).postedAt, 0);
    }

    /// @dev Whatever the vault reverts with (here a revert string, from a mocked vault) comes back as it is.
    function test_postBatch_vaultRevertDataForwarded_reverts() public {
        bytes memory revertData = abi.encodeWithSignature("Error(string)", "vault says no");
        vm.mockCallRevert(address(vault), abi.encodeWithSelector(ICreditVault.charge.selector), revertData);
        vm.prank(orchestrator);
        vm.expectRevert(revertData);
        receipts.postBatch(0, rootOf(batch0), 4, _fees0(), _charges0());
    }

    /// @dev A vault answer shorter than (total, chargesHash) is refused, with no data.
    function test_postBatch_vaultShortReturn_reverts() public {
        vm.mockCall(
            address(vault), abi.encodeWithSelector(ICreditVault.charge.selector), abi.encode(uint256(10e18))
        );
        vm.prank(orchestrator);
        (bool ok, bytes memory reason) = address(receipts)
            .call(abi.encodeCall(IExecutionReceipts.postBatch, (0, rootOf(batch0), 4, _fees0(), _charges0())));
        assertFalse(ok);
        assertEq(reason.length, 0);
        assertEq(receipts.nextSequence(orchestrator), 0);
    }

    /// @dev The vault receives exactly `charge(orchestrator, charges)` as Solidity would encode it.
    function test_postBatch_forwardsChargesAsEncoded_succeeds() public {
        ICreditVault.Charge[] memory charges = _charges0();
        vm.expectCall(address(vault), abi.encodeCall(ICreditVault.charge, (orchestrator, charges)), 1);
        _post0();
    }

    /// @dev A hand-encoded call that puts the charges' tail before the fees' (valid ABI, not Solidity's
    ///      order): the vault is sent everything from the charges' length word to the end of the calldata,
    ///      and still charges exactly the batch's charges.
    function test_postBatch_chargesBeforeFeesInCalldata_succeeds() public {
        bytes memory chargesTail = _tail(abi.encode(_charges0()));
        bytes memory feesTail = _tail(abi.encode(_fees0()));
        bytes memory data = bytes.concat(
            IExecutionReceipts.postBatch.selector,
            abi.encode(uint64(0), rootOf(batch0), uint32(4), 0xa0 + chargesTail.length, uint256(0xa0)),
            chargesTail,
            feesTail
        );
        vm.prank(orchestrator);
        (bool ok,) = address(receipts).call(data);
        assertTrue(ok);
        assertEq(_balanceOf(alicePayer), DEPOSIT - 6e18);
        assertEq(_balanceOf(bobPayer), DEPOSIT - 4e18);
        IExecutionReceipts.Batch memory batch = receipts.batchOf(orchestrator, 0);
        assertEq(batch.chargesHash, chargesHashOf(_charges0()));
        assertEq(batch.total, 10e18);
        (uint256 holdersB,) = feeDistributor.pendingAgentFees(agentB);
        assertEq(holdersB, 2.8e18);
    }

    /// @dev Bytes after the encoding travel to the vault too, which ignores them.
    function test_postBatch_trailingCalldata_succeeds() public {
        bytes memory data = bytes.concat(
            abi.encodeCall(IExecutionReceipts.postBatch, (0, rootOf(batch0), 4, _fees0(), _charges0())),
            keccak256("junk"),
            bytes3(0xabcdef)
        );
        vm.prank(orchestrator);
        (bool ok,) = address(receipts).call(data);
        assertTrue(ok);
        assertEq(receipts.batchOf(orchestrator, 0).chargesHash, chargesHashOf(_charges0()));
        assertEq(_balanceOf(alicePayer), DEPOSIT - 6e18);
    }

    function test_postBatch_replayedSequence_reverts() public {
        _post0();
        vm.prank(orchestrator);
        vm.expectRevert(
            abi.encodeWithSelector(IExecutionReceipts.UnexpectedSequence.selector, orchestrator, 0, 1)
        );
        receipts.postBatch(0, rootOf(batch0), 4, _fees0(), _charges0());
    }

    function test_postBatch_beyondSignedWithOldSignature_reverts() public {
        _post0();
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](1);
        charges[0] = charge(bobPayer, 5e18, 5e18, false); // bob signed only 4: its signature claims 5 here
        charges[0].signature = authorize(bobPayer, orchestrator, 4e18);
        IFeeDistributor.AgentFee[] memory fees = new IFeeDistributor.AgentFee[](1);
        fees[0] = fee(agentB, 1e18);
        vm.prank(orchestrator);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.InvalidAuthorization.selector, bobPayer, orchestrator, 5e18)
        );
        receipts.postBatch(1, keccak256("root-1"), 1, fees, charges);
    }

    function test_postBatch_chargeAboveSignedAmount_reverts() public {
        ICreditVault.Charge[] memory charges = _charges0();
        charges[1] = charge(bobPayer, 4e18, 3e18, true);
        vm.prank(orchestrator);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.ChargeExceedsAuthorization.selector, bobPayer, 4e18, 3e18)
        );
        receipts.postBatch(0, rootOf(batch0), 4, _fees0(), charges);
    }

    function test_postBatch_signatureOfAnotherPayerOrOrchestrator_reverts() public {
        ICreditVault.Charge[] memory charges = _charges0();
        charges[1].signature = authorize(alicePayer, orchestrator, 4e18); // alice's key for bob's charge
        vm.prank(orchestrator);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.InvalidAuthorization.selector, bobPayer, orchestrator, 4e18)
        );
        receipts.postBatch(0, rootOf(batch0), 4, _fees0(), charges);

        charges[1].signature = authorize(bobPayer, carol, 4e18); // bob authorized someone else
        vm.prank(orchestrator);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.InvalidAuthorization.selector, bobPayer, orchestrator, 4e18)
        );
        receipts.postBatch(0, rootOf(batch0), 4, _fees0(), charges);
    }

    function test_postBatch_chargeNotCovered_reverts() public {
        ICreditVault.Charge[] memory charges = _charges0();
        charges[1] = charge(bobPayer, uint128(DEPOSIT + 1), uint128(DEPOSIT + 1), true);
        vm.prank(orchestrator);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.InsufficientCredit.selector, bobPayer, DEPOSIT, DEPOSIT + 1)
        );
        receipts.postBatch(0, rootOf(batch0), 4, _fees0(), charges);
    }

    function test_postBatch_chargeNotAdvancing_reverts() public {
        _post0();
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](1);
        charges[0] = charge(alicePayer, 6e18, 20e18, true); // already charged up to 6
        IFeeDistributor.AgentFee[] memory fees = new IFeeDistributor.AgentFee[](1);
        fees[0] = fee(agentA, 1);
        vm.prank(orchestrator);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.ChargeNotAdvancing.selector, alicePayer, 6e18, 6e18)
        );
        receipts.postBatch(1, keccak256("root-1"), 1, fees, charges);
    }

    function test_postBatch_feesNotMatchingCharges_reverts() public {
        IFeeDistributor.AgentFee[] memory fees = _fees0();
        fees[1].amount = 7e18 + 1;
        vm.prank(orchestrator);
        vm.expectRevert(
            abi.encodeWithSelector(IExecutionReceipts.FeesDoNotMatchCharges.selector, 10e18 + 1, 10e18)
        );
        receipts.postBatch(0, rootOf(batch0), 4, fees, _charges0());
    }

    function test_postBatch_unknownAgent_reverts() public {
        IFeeDistributor.AgentFee[] memory fees = _fees0();
        fees[1].agentId = 99;
        vm.prank(orchestrator);
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, 99));
        receipts.postBatch(0, rootOf(batch0), 4, fees, _charges0());
    }

    function test_postBatch_unbondedOrStranger_reverts() public {
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IExecutionReceipts.OrchestratorNotActive.selector, carol));
        receipts.postBatch(0, rootOf(batch0), 4, _fees0(), _charges0());

        vm.prank(orchestrator);
        orchestrators.requestUnbond(MINIMUM_BOND * 2);
        vm.prank(orchestrator);
        vm.expectRevert(
            abi.encodeWithSelector(IExecutionReceipts.OrchestratorNotActive.selector, orchestrator)
        );
        receipts.postBatch(0, rootOf(batch0), 4, _fees0(), _charges0());
    }

    function test_postBatch_empty_reverts() public {
        vm.prank(orchestrator);
        vm.expectRevert(IExecutionReceipts.EmptyBatch.selector);
        receipts.postBatch(0, rootOf(batch0), 0, _fees0(), _charges0());
        vm.prank(orchestrator);
        vm.expectRevert(IExecutionReceipts.EmptyBatch.selector);
        receipts.postBatch(0, rootOf(batch0), 4, _fees0(), new ICreditVault.Charge[](0));
        vm.prank(orchestrator);
        vm.expectRevert(IExecutionReceipts.EmptyBatch.selector);
        receipts.postBatch(0, rootOf(batch0), 4, new IFeeDistributor.AgentFee[](0), _charges0());
    }

    function test_postBatch_whilePaused_reverts() public {
        vm.prank(guardian);
        receipts.pause();
        vm.prank(orchestrator);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        receipts.postBatch(0, rootOf(batch0), 4, _fees0(), _charges0());
    }

    function test_receiptLeaf_isTheStandardMerkleTreeLeaf_succeeds() public view {
        for (uint256 i; i < batch0.length; ++i) {
            assertEq(receipts.receiptLeaf(batch0[i]), leafOf(batch0[i]));
        }
    }

    function test_authorizationDigest_isTheEip712Digest_succeeds() public view {
        assertEq(
            vault.authorizationDigest(alicePayer, orchestrator, 5e18),
            authorizationDigest(alicePayer, orchestrator, 5e18)
        );
    }

    function test_receive_fromStranger_reverts() public {
        vm.deal(carol, 1e18);
        vm.prank(carol);
        (bool ok, bytes memory data) = address(receipts).call{value: 1}("");
        assertFalse(ok);
        assertEq(data, abi.encodeWithSelector(IExecutionReceipts.UnexpectedSender.selector, carol));
    }

    // ---------------------------------------------------------------------------------------------
    // Fraud proofs
    // ---------------------------------------------------------------------------------------------

    /// @dev Batch 1 repeats exec-2 (charging alice for it again: 8 in all).
    function _postDuplicate() internal returns (IExecutionReceipts.Receipt[] memory batch1) {
        _post0();
        batch1 = new IExecutionReceipts.Receipt[](2);
        batch1[0] = receipt("exec-2", agentA, alicePayer, 2e18, 8e18);
        batch1[1] = receipt("exec-5", agentB, bobPayer, 1e18, 5e18);
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](2);
        charges[0] = charge(alicePayer, 8e18, 20e18, true); // alice's signature of 20 from batch 0
        charges[1] = charge(bobPayer, 5e18, 10e18, true);
        IFeeDistributor.AgentFee[] memory fees = new IFeeDistributor.AgentFee[](2);
        fees[0] = fee(agentA, 2e18);
        fees[1] = fee(agentB, 1e18);
        vm.prank(orchestrator);
        receipts.postBatch(1, rootOf(batch1), 2, fees, charges);
    }

    function test_proveDuplicate_slashesRefundsAndRewards_succeeds() public {
        IExecutionReceipts.Receipt[] memory batch1 = _postDuplicate();
        // alice also has a channel with another orchestrator: the refund does not go there.
        address orchestrator2 = makeAddr("orchestrator2");
        vm.deal(alicePayer, 1e18);
        vm.prank(alicePayer);
        vault.deposit{value: 1e18}(orchestrator2);
        ICreditVault.Channel memory before = vault.channelOf(alicePayer, orchestrator);
        bytes32 leaf = leafOf(batch1[0]);

        vm.expectEmit(address(receipts));
        emit IExecutionReceipts.FraudProven(orchestrator, 1, "exec-2", 1, prover, SLASH_AMOUNT, 2e18);
        vm.prank(prover);
        receipts.proveDuplicate(
            orchestrator, 0, batch0[1], proofOf(batch0, 1), 1, batch1[0], proofOf(batch1, 0)
        );

        // The refund lands in alice's channel with the slashed orchestrator; its cumulative charge stays.
        ICreditVault.Channel memory channel = vault.channelOf(alicePayer, orchestrator);
        assertEq(channel.balance, before.balance + 2e18);
        assertEq(channel.charged, before.charged);
        assertEq(vault.channelOf(alicePayer, orchestrator2).balance, 1e18);
        assertEq(prover.balance, SLASH_AMOUNT - 2e18);
        assertEq(orchestrators.orchestratorOf(orchestrator).bonded, MINIMUM_BOND * 2 - SLASH_AMOUNT);
        assertTrue(receipts.isProven(orchestrator, 1, leaf));
        assertEq(address(vault).balance, vault.totalBalances());

        vm.prank(prover);
        vm.expectRevert(abi.encodeWithSelector(IExecutionReceipts.AlreadyProven.selector, leaf));
        receipts.proveDuplicate(
            orchestrator, 0, batch0[1], proofOf(batch0, 1), 1, batch1[0], proofOf(batch1, 0)
        );
    }

    function test_proveDuplicate_differentIdsOrWrongOrder_reverts() public {
        IExecutionReceipts.Receipt[] memory batch1 = _postDuplicate();
        vm.expectRevert(IExecutionReceipts.NotADuplicate.selector);
        receipts.proveDuplicate(
            orchestrator, 0, batch0[0], proofOf(batch0, 0), 1, batch1[0], proofOf(batch1, 0)
        );
        // The same pair, earlier copy last: not how a duplicate is proven (the later copy is refunded).
        vm.expectRevert(IExecutionReceipts.NotADuplicate.selector);
        receipts.proveDuplicate(
            orchestrator, 1, batch1[0], proofOf(batch1, 0), 0, batch0[1], proofOf(batch0, 1)
        );
    }

    function test_proveDuplicate_forgedReceipt_reverts() public {
        IExecutionReceipts.Receipt[] memory batch1 = _postDuplicate();
        IExecutionReceipts.Receipt memory forged = batch1[0];
        forged.fee = 50e18;
        bytes32 leaf = leafOf(forged);
        vm.expectRevert(
            abi.encodeWithSelector(IExecutionReceipts.InvalidReceiptProof.selector, orchestrator, 1, leaf)
        );
        receipts.proveDuplicate(orchestrator, 0, batch0[1], proofOf(batch0, 1), 1, forged, proofOf(batch1, 0));
    }

    function test_proveDuplicate_afterWindow_reverts() public {
        IExecutionReceipts.Receipt[] memory batch1 = _postDuplicate();
        uint256 closedAt = block.timestamp + CHALLENGE_WINDOW;
        vm.warp(closedAt + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IExecutionReceipts.ChallengeWindowClosed.selector, orchestrator, 1, closedAt
            )
        );
        receipts.proveDuplicate(
            orchestrator, 0, batch0[1], proofOf(batch0, 1), 1, batch1[0], proofOf(batch1, 0)
        );
    }

    function test_proveDuplicate_unknownBatch_reverts() public {
        _post0();
        vm.expectRevert(abi.encodeWithSelector(IExecutionReceipts.UnknownBatch.selector, orchestrator, 7));
        receipts.proveDuplicate(
            orchestrator, 0, batch0[1], proofOf(batch0, 1), 7, batch0[1], proofOf(batch0, 1)
        );
    }

    function test_proveUncharged_receiptForPayerNotCharged_succeeds() public {
        // Batch 0 as posted, but its tree also holds a receipt for carol, whom it did not charge.
        IExecutionReceipts.Receipt[] memory tree = new IExecutionReceipts.Receipt[](5);
        for (uint256 i; i < 4; ++i) {
            tree[i] = batch0[i];
        }
        tree[4] = receipt("exec-carol", agentA, carol, 1e18, 1e18);
        vm.prank(orchestrator);
        receipts.postBatch(0, rootOf(tree), 5, _fees0(), _charges0());

        vm.expectEmit(address(receipts));
        emit IExecutionReceipts.FraudProven(orchestrator, 0, "exec-carol", 2, prover, SLASH_AMOUNT, 1e18);
        vm.expectEmit(address(vault));
        emit ICreditVault.Refunded(carol, orchestrator, 1e18);
        vm.prank(prover);
        receipts.proveUncharged(orchestrator, 0, tree[4], proofOf(tree, 4), chargedTo(_charges0()));
        // carol had no channel: the refund opens hers with the slashed orchestrator.
        assertEq(vault.channelOf(carol, orchestrator).balance, 1e18);
        assertEq(vault.channelOf(carol, orchestrator).charged, 0);
        assertEq(prover.balance, SLASH_AMOUNT - 1e18);
        assertTrue(receipts.isProven(orchestrator, 0, leafOf(tree[4])));
        assertEq(address(vault).balance, vault.totalBalances());

        vm.prank(prover);
        vm.expectRevert(abi.encodeWithSelector(IExecutionReceipts.AlreadyProven.selector, leafOf(tree[4])));
        receipts.proveUncharged(orchestrator, 0, tree[4], proofOf(tree, 4), chargedTo(_charges0()));
    }

    function test_proveUncharged_receiptWithoutPayer_paysProver_succeeds() public {
        // A receipt naming no payer refunds nobody: the whole slash goes to the prover.
        IExecutionReceipts.Receipt[] memory tree = new IExecutionReceipts.Receipt[](5);
        for (uint256 i; i < 4; ++i) {
            tree[i] = batch0[i];
        }
        tree[4] = receipt("exec-nobody", agentA, address(0), 1e18, 1e18);
        vm.prank(orchestrator);
        receipts.postBatch(0, rootOf(tree), 5, _fees0(), _charges0());
        uint256 total = vault.totalBalances();
        vm.prank(prover);
        receipts.proveUncharged(orchestrator, 0, tree[4], proofOf(tree, 4), chargedTo(_charges0()));
        assertEq(prover.balance, SLASH_AMOUNT);
        assertEq(vault.totalBalances(), total);
    }

    function test_proveUncharged_receiptBeyondItsCharge_succeeds() public {
        IExecutionReceipts.Receipt[] memory tree = new IExecutionReceipts.Receipt[](4);
        for (uint256 i; i < 4; ++i) {
            tree[i] = batch0[i];
        }
        tree[3].payerCumulative = 5e18; // bob's batch charge stops at 4
        vm.prank(orchestrator);
        receipts.postBatch(0, rootOf(tree), 4, _fees0(), _charges0());
        vm.prank(prover);
        receipts.proveUncharged(orchestrator, 0, tree[3], proofOf(tree, 3), chargedTo(_charges0()));
        ICreditVault.Channel memory channel = vault.channelOf(bobPayer, orchestrator);
        assertEq(channel.balance, DEPOSIT - 4e18 + 4e18);
        assertEq(channel.charged, 4e18);
        assertEq(prover.balance, SLASH_AMOUNT - 4e18);
    }

    function test_proveUncharged_chargedReceipt_reverts() public {
        _post0();
        vm.expectRevert(
            abi.encodeWithSelector(IExecutionReceipts.ReceiptCharged.selector, alicePayer, 3e18, 6e18)
        );
        receipts.proveUncharged(orchestrator, 0, batch0[1], proofOf(batch0, 1), chargedTo(_charges0()));
    }

    function test_proveUncharged_otherCharges_reverts() public {
        _post0();
        bytes32 expected = receipts.batchOf(orchestrator, 0).chargesHash;
        assertEq(expected, chargesHashOf(_charges0()));
        ICreditVault.ChargedTo[] memory posted = chargedTo(_charges0());

        // A different chargeTo, another payer, the posted entries swapped, one left out, one added.
        ICreditVault.ChargedTo[][] memory lists = new ICreditVault.ChargedTo[][](5);
        lists[0] = chargedTo(_charges0());
        lists[0][0].chargeTo = 1e18;
        lists[1] = chargedTo(_charges0());
        lists[1][1].payer = carol;
        lists[2] = new ICreditVault.ChargedTo[](2);
        (lists[2][0], lists[2][1]) = (posted[1], posted[0]);
        lists[3] = new ICreditVault.ChargedTo[](1);
        lists[3][0] = posted[1];
        lists[4] = new ICreditVault.ChargedTo[](3);
        (lists[4][0], lists[4][1], lists[4][2]) = (posted[0], posted[1], posted[1]);
        for (uint256 i; i < lists.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IExecutionReceipts.ChargesMismatch.selector, expected, chargesHashOf(lists[i])
                )
            );
            receipts.proveUncharged(orchestrator, 0, batch0[1], proofOf(batch0, 1), lists[i]);
        }
    }

    function test_proveUncharged_samePayerTwiceInBatch_reverts() public {
        // Any of the payer's entries that reaches the receipt's cumulative counts as charging it.
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](3);
        charges[0] = charge(alicePayer, 2e18, 20e18, true);
        charges[1] = charge(bobPayer, 4e18, 4e18, true);
        charges[2] = charge(alicePayer, 6e18, 20e18, true);
        vm.prank(orchestrator);
        receipts.postBatch(0, rootOf(batch0), 4, _fees0(), charges);
        vm.expectRevert(
            abi.encodeWithSelector(IExecutionReceipts.ReceiptCharged.selector, alicePayer, 6e18, 6e18)
        );
        receipts.proveUncharged(orchestrator, 0, batch0[2], proofOf(batch0, 2), chargedTo(charges));
    }

    function test_proveUncharged_unknownBatch_reverts() public {
        _post0();
        vm.expectRevert(abi.encodeWithSelector(IExecutionReceipts.UnknownBatch.selector, orchestrator, 1));
        receipts.proveUncharged(orchestrator, 1, batch0[1], proofOf(batch0, 1), chargedTo(_charges0()));
    }

    function test_proveUncharged_afterWindow_reverts() public {
        IExecutionReceipts.Receipt[] memory tree = batch0;
        tree[3].payerCumulative = 5e18;
        vm.prank(orchestrator);
        receipts.postBatch(0, rootOf(tree), 4, _fees0(), _charges0());
        uint256 closedAt = block.timestamp + CHALLENGE_WINDOW;
        vm.warp(closedAt + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IExecutionReceipts.ChallengeWindowClosed.selector, orchestrator, 0, closedAt
            )
        );
        receipts.proveUncharged(orchestrator, 0, tree[3], proofOf(tree, 3), chargedTo(_charges0()));
    }

    function test_proveUncharged_forgedReceipt_reverts() public {
        _post0();
        IExecutionReceipts.Receipt memory forged = batch0[3];
        forged.payerCumulative = 5e18; // not the receipt the orchestrator posted
        vm.expectRevert(
            abi.encodeWithSelector(
                IExecutionReceipts.InvalidReceiptProof.selector, orchestrator, 0, leafOf(forged)
            )
        );
        receipts.proveUncharged(orchestrator, 0, forged, proofOf(batch0, 3), chargedTo(_charges0()));
    }

    function test_proveDuplicate_bondExhausted_refundsWhatWasLeft_succeeds() public {
        IExecutionReceipts.Receipt[] memory batch1 = _postDuplicate();
        // The orchestrator unbonds all but nothing: slashing reaches its unbonding CR8 too.
        vm.prank(orchestrator);
        orchestrators.requestUnbond(MINIMUM_BOND * 2);
        vm.prank(prover);
        receipts.proveDuplicate(
            orchestrator, 0, batch0[1], proofOf(batch0, 1), 1, batch1[0], proofOf(batch1, 0)
        );
        assertEq(orchestrators.orchestratorOf(orchestrator).unbonding, MINIMUM_BOND * 2 - SLASH_AMOUNT);
    }
}
