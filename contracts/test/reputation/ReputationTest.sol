// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "../../src/interfaces/IAgentRegistry.sol";
import {IAgentReputation} from "../../src/interfaces/IAgentReputation.sol";
import {ICreditVault} from "../../src/interfaces/ICreditVault.sol";
import {IExecutionReceipts} from "../../src/interfaces/IExecutionReceipts.sol";
import {IFeeDistributor} from "../../src/interfaces/IFeeDistributor.sol";
import {PredeployProxy} from "../../src/proxy/PredeployProxy.sol";
import {AgentReputation} from "../../src/reputation/AgentReputation.sol";
import {ExecutionTest} from "../execution/ExecutionTest.sol";

/// @title ReputationTest
/// @notice The settlement system of ExecutionTest plus AgentReputation behind its proxy, two agents (alice's
///         and bob's), three payers and one posted batch of real receipts (Merkle root, signed charges),
///         with helpers to prove a receipt and to let its challenge window pass.
abstract contract ReputationTest is ExecutionTest {
    /// @dev An agent id the registry never issued (the tests register two).
    uint256 internal constant UNKNOWN_AGENT = 99;
    /// @dev The smallest receipt fee that earns a feedback here.
    uint128 internal constant MIN_FEEDBACK_FEE = 0.01e18;

    AgentReputation internal reputation;
    uint256 internal agentA;
    uint256 internal agentB;
    address internal payer0;
    address internal payer1;
    address internal payer2;

    /// @dev Batch 0 of `orchestrator`: payer0 runs agentA twice and agentB once (charged to 6), payer1 runs
    ///      agentA (charged to 4), payer2 runs agentA (charged to 1). Index 5 claims payer1 up to 5, beyond
    ///      what the batch charged (fraud anyone may prove); index 6 names an agent that does not exist.
    IExecutionReceipts.Receipt[] internal batch0;
    uint256 internal postedAt0;

    function setUp() public virtual override {
        super.setUp();
        PredeployProxy proxy = new PredeployProxy(address(this));
        proxy.upgradeToAndCall(
            address(
                new AgentReputation(
                    IAgentRegistry(address(registry)),
                    IExecutionReceipts(address(receipts)),
                    ICreditVault(address(vault)),
                    MIN_FEEDBACK_FEE
                )
            ),
            abi.encodeCall(AgentReputation.initialize, (admin, guardian))
        );
        reputation = AgentReputation(address(proxy));

        (agentA,) = registerAgent(alice);
        (agentB,) = registerAgent(bob);
        makePayers(3);
        (payer0, payer1, payer2) = (payers[0], payers[1], payers[2]);

        batch0.push(receipt("exec-1", agentA, payer0, 1e18, 1e18));
        batch0.push(receipt("exec-2", agentA, payer0, 2e18, 3e18));
        batch0.push(receipt("exec-3", agentB, payer0, 3e18, 6e18));
        batch0.push(receipt("exec-4", agentA, payer1, 4e18, 4e18));
        batch0.push(receipt("exec-5", agentA, payer2, 1e18, 1e18));
        batch0.push(receipt("exec-6", agentA, payer1, 1e18, 5e18));
        batch0.push(receipt("exec-7", UNKNOWN_AGENT, payer2, 1e18, 1e18));

        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](3);
        charges[0] = charge(payer0, 6e18, 20e18, true);
        charges[1] = charge(payer1, 4e18, 10e18, true);
        charges[2] = charge(payer2, 1e18, 10e18, true);
        IFeeDistributor.AgentFee[] memory fees = new IFeeDistributor.AgentFee[](2);
        fees[0] = fee(agentA, 8e18);
        fees[1] = fee(agentB, 3e18);
        vm.prank(orchestrator);
        receipts.postBatch(0, rootOf(batch0), uint32(batch0.length), fees, charges);
        postedAt0 = block.timestamp;
    }

    /// @notice The charges batch 0 posted, as `proveUncharged` takes them.
    function charges0() internal view returns (ICreditVault.ChargedTo[] memory list) {
        list = new ICreditVault.ChargedTo[](3);
        list[0] = ICreditVault.ChargedTo(payer0, 6e18);
        list[1] = ICreditVault.ChargedTo(payer1, 4e18);
        list[2] = ICreditVault.ChargedTo(payer2, 1e18);
    }

    /// @notice Receipt `index` of batch 0 with its proof.
    function paid(uint256 index) internal view returns (IAgentReputation.ReceiptProof memory) {
        IExecutionReceipts.Receipt[] memory list = batch0;
        return paidIn(0, list, index);
    }

    /// @notice Receipt `index` of `list`, posted by `orchestrator` as batch `sequence`, with its proof.
    function paidIn(uint64 sequence, IExecutionReceipts.Receipt[] memory list, uint256 index)
        internal
        view
        returns (IAgentReputation.ReceiptProof memory)
    {
        return IAgentReputation.ReceiptProof({
            orchestrator: orchestrator, sequence: sequence, receipt: list[index], proof: proofOf(list, index)
        });
    }

    /// @notice Lets batch 0's challenge window pass (the first second its receipts count as settled).
    function settle0() internal {
        vm.warp(postedAt0 + CHALLENGE_WINDOW + 1);
    }

    /// @notice `client` rates `agentId` with `proof`: tags "starred" / "", no endpoint or file.
    function rate(
        address client,
        uint256 agentId,
        int128 value,
        uint8 decimals,
        IAgentReputation.ReceiptProof memory proof
    ) internal returns (uint64) {
        return rateTagged(client, agentId, value, decimals, "starred", "", proof);
    }

    function rateTagged(
        address client,
        uint256 agentId,
        int128 value,
        uint8 decimals,
        string memory tag1,
        string memory tag2,
        IAgentReputation.ReceiptProof memory proof
    ) internal returns (uint64) {
        vm.prank(client);
        reputation.giveFeedback(agentId, value, decimals, tag1, tag2, "", "", bytes32(0), proof);
        return reputation.getLastIndex(agentId, client);
    }

    function one(address account) internal pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = account;
    }

    function two(address a, address b) internal pure returns (address[] memory list) {
        list = new address[](2);
        (list[0], list[1]) = (a, b);
    }
}
