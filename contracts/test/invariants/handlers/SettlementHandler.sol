// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CreditVault} from "../../../src/execution/CreditVault.sol";
import {ExecutionReceipts} from "../../../src/execution/ExecutionReceipts.sol";
import {OrchestratorRegistry} from "../../../src/execution/OrchestratorRegistry.sol";
import {ICreditVault} from "../../../src/interfaces/ICreditVault.sol";
import {IExecutionReceipts} from "../../../src/interfaces/IExecutionReceipts.sol";
import {IFeeDistributor} from "../../../src/interfaces/IFeeDistributor.sol";
import {MerkleTrees} from "../../utils/MerkleTrees.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @title SettlementHandler
/// @notice Drives execution settlement for the settlement invariants: payers deposit and withdraw, the
///         orchestrator posts batches (charging random payers random amounts, raising their signed
///         authorizations when it needs to), sometimes repeats an execution it already settled, and a
///         prover proves every repeat; anyone settles agents' pending fees.
/// @dev Ghosts: `ghostIn` counts native CR8 sent into the system (deposits), `ghostOut` what left it to
///      outsiders (withdrawals, provers' rewards); `maxSigned` the largest authorization each payer
///      signed; `copies`/`proven` how often each execution id was settled and proven a repeat.
contract SettlementHandler is CommonBase, StdUtils {
    CreditVault public immutable vault;
    ExecutionReceipts public immutable receipts;
    address public immutable orchestrator;
    address public immutable prover;
    OrchestratorRegistry public immutable registry;

    address[] internal _payers;
    uint256[] internal _keys;
    uint256[] internal _agents;

    uint256 public ghostIn;
    uint256 public ghostOut;
    uint256 public ghostRefunded;
    uint256 public ghostRepeatedFees;
    uint256 public executions;
    uint64 public sequence;
    mapping(address payer => uint256) public maxSigned;
    mapping(bytes32 executionId => uint256) public copies;
    mapping(bytes32 executionId => uint256) public proven;
    bytes32[] public executionIds;

    /// @dev The last batch's single receipt, kept so a later batch can repeat it.
    IExecutionReceipts.Receipt internal _last;
    uint64 internal _lastSequence;
    bool internal _haveLast;

    constructor(
        CreditVault vault_,
        ExecutionReceipts receipts_,
        OrchestratorRegistry registry_,
        address orchestrator_,
        address[] memory payers_,
        uint256[] memory keys_,
        uint256[] memory agents_
    ) {
        (vault, receipts, registry, orchestrator, prover) =
        (vault_, receipts_, registry_, orchestrator_, address(0xBEEF));
        (_payers, _keys, _agents) = (payers_, keys_, agents_);
    }

    function payers() external view returns (address[] memory) {
        return _payers;
    }

    function deposit(uint256 payerSeed, uint256 amount) external {
        address payer = _payers[payerSeed % _payers.length];
        amount = bound(amount, 1, 50e18);
        vm.deal(payer, payer.balance + amount);
        vm.prank(payer);
        vault.deposit{value: amount}();
        ghostIn += amount;
    }

    function withdraw(uint256 payerSeed, uint256 amount) external {
        address payer = _payers[payerSeed % _payers.length];
        uint256 balance = vault.accountOf(payer).balance;
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        vm.prank(payer);
        vault.requestWithdrawal(amount);
        vm.warp(block.timestamp + vault.WITHDRAWAL_DELAY());
        uint256 before = payer.balance;
        vm.prank(payer);
        vault.withdraw(payer);
        ghostOut += payer.balance - before;
    }

    /// @notice One batch with one receipt per chosen payer (1 to 3 payers), each charged `fee`.
    function postBatch(uint256 payerSeed, uint256 count, uint256 feeSeed, bool raiseAuthorization) external {
        count = bound(count, 1, 3);
        IExecutionReceipts.Receipt[] memory list = new IExecutionReceipts.Receipt[](count);
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](count);
        IFeeDistributor.AgentFee[] memory fees = new IFeeDistributor.AgentFee[](count);
        for (uint256 i; i < count; ++i) {
            uint256 index = (payerSeed + i) % _payers.length;
            address payer = _payers[index];
            uint128 fee = uint128(bound(uint256(keccak256(abi.encode(feeSeed, i))), 1, 1e18));
            if (vault.accountOf(payer).balance < fee) return; // an honest orchestrator checks first
            ICreditVault.Channel memory channel = vault.channelOf(payer, orchestrator);
            uint128 chargeTo = channel.charged + fee;
            (uint128 authorized, bytes memory signature) = (0, "");
            if (chargeTo > channel.authorized || raiseAuthorization) {
                authorized = chargeTo + (raiseAuthorization ? 1e18 : 0);
                signature = _sign(index, authorized);
                if (authorized > maxSigned[payer]) maxSigned[payer] = authorized;
            }
            bytes32 id = keccak256(abi.encode("exec", executions++));
            list[i] = _receipt(id, _agents[index % _agents.length], payer, fee, chargeTo);
            charges[i] = ICreditVault.Charge(payer, authorized, chargeTo, signature);
            fees[i] = IFeeDistributor.AgentFee(list[i].agentId, fee);
        }
        _post(list, charges, fees);
    }

    /// @notice The orchestrator settles the last batch's execution again (charging its payer once more);
    ///         the prover proves the repeat, which refunds the payer from the orchestrator's bond.
    function repeatAndProve() external {
        if (!_haveLast) return;
        (IExecutionReceipts.Receipt memory first, uint64 firstSequence) = (_last, _lastSequence);
        if (vault.accountOf(first.payer).balance < first.fee) return;
        (IExecutionReceipts.Receipt memory copy, uint64 copySequence) = _repeat(first);
        _prove(first, firstSequence, copy, copySequence);
    }

    /// @dev Posts `first` again as a batch of its own, charging its payer once more.
    function _repeat(IExecutionReceipts.Receipt memory first)
        private
        returns (IExecutionReceipts.Receipt memory copy, uint64 copySequence)
    {
        uint128 chargeTo = vault.channelOf(first.payer, orchestrator).charged + first.fee;
        if (chargeTo > maxSigned[first.payer]) maxSigned[first.payer] = chargeTo;
        IExecutionReceipts.Receipt[] memory list = new IExecutionReceipts.Receipt[](1);
        list[0] = _receipt(first.executionId, first.agentId, first.payer, first.fee, chargeTo);
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](1);
        charges[0] =
            ICreditVault.Charge(first.payer, chargeTo, chargeTo, _sign(_indexOf(first.payer), chargeTo));
        IFeeDistributor.AgentFee[] memory fees = new IFeeDistributor.AgentFee[](1);
        fees[0] = IFeeDistributor.AgentFee(first.agentId, first.fee);
        copySequence = sequence;
        _post(list, charges, fees);
        ghostRepeatedFees += first.fee;
        copy = list[0];
    }

    /// @dev Proves the repeat (single-leaf batches: the proof is empty), tops the bond back up, and
    ///      checks that the same repeat cannot be proven twice.
    function _prove(
        IExecutionReceipts.Receipt memory first,
        uint64 firstSequence,
        IExecutionReceipts.Receipt memory copy,
        uint64 copySequence
    ) private {
        uint256 payerBefore = vault.accountOf(first.payer).balance;
        uint256 proverBefore = prover.balance;
        vm.prank(prover);
        receipts.proveDuplicate(
            orchestrator, firstSequence, first, new bytes32[](0), copySequence, copy, new bytes32[](0)
        );
        proven[first.executionId]++;
        ghostRefunded += vault.accountOf(first.payer).balance - payerBefore;
        ghostOut += prover.balance - proverBefore;

        // The orchestrator tops its bond back up (new CR8 entering the system), so it stays active.
        uint256 topUp = receipts.SLASH_AMOUNT();
        vm.deal(orchestrator, orchestrator.balance + topUp);
        vm.prank(orchestrator);
        registry.addBond{value: topUp}();
        ghostIn += topUp;

        vm.prank(prover);
        try receipts.proveDuplicate(
            orchestrator, firstSequence, first, new bytes32[](0), copySequence, copy, new bytes32[](0)
        ) {
            proven[first.executionId] += 1000; // a second refund: breaks the at-most-once invariant on purpose
        } catch {}
    }

    function settle(uint256 agentSeed) external {
        receipts.FEE_DISTRIBUTOR().settleAgentFees(_agents[agentSeed % _agents.length]);
    }

    function executionIdCount() external view returns (uint256) {
        return executionIds.length;
    }

    function _post(
        IExecutionReceipts.Receipt[] memory list,
        ICreditVault.Charge[] memory charges,
        IFeeDistributor.AgentFee[] memory fees
    ) private {
        bytes32[] memory leaves = new bytes32[](list.length);
        for (uint256 i; i < list.length; ++i) {
            leaves[i] = keccak256(bytes.concat(keccak256(abi.encode(list[i]))));
            if (copies[list[i].executionId]++ == 0) executionIds.push(list[i].executionId);
        }
        vm.prank(orchestrator);
        receipts.postBatch(sequence, MerkleTrees.root(leaves), uint32(list.length), fees, charges);
        if (list.length == 1) (_last, _lastSequence, _haveLast) = (list[0], sequence, true);
        sequence++;
    }

    function _receipt(bytes32 id, uint256 agentId, address payer, uint128 fee, uint128 cumulative)
        private
        pure
        returns (IExecutionReceipts.Receipt memory)
    {
        return IExecutionReceipts.Receipt(
            id, agentId, payer, keccak256(abi.encode(id)), bytes32(0), 1, fee, cumulative
        );
    }

    function _sign(uint256 index, uint256 authorized) private view returns (bytes memory) {
        bytes32 digest = vault.authorizationDigest(_payers[index], orchestrator, authorized);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(_keys[index], digest);
        return abi.encodePacked(r, s, v);
    }

    function _indexOf(address payer) private view returns (uint256) {
        for (uint256 i; i < _payers.length; ++i) {
            if (_payers[i] == payer) return i;
        }
        revert("unknown payer");
    }
}
