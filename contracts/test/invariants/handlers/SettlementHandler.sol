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
/// @notice Drives execution settlement for the settlement invariants: payers deposit into and withdraw
///         from their channels with the orchestrator and with a second orchestrator that never posts; the
///         orchestrator posts batches (charging random payers random amounts, presenting the latest
///         authorization it holds, an older one that still covers the charge, or a newly signed one),
///         tries to charge beyond what payers signed, sometimes repeats an execution it already settled or
///         posts a receipt its batch did not charge, and a prover proves every such fraud; anyone settles
///         agents' pending fees.
/// @dev Ghosts: `ghostIn` counts native CR8 sent into the system (deposits, bond top-ups), `ghostOut` what
///      left it to outsiders (withdrawals, provers' rewards); `maxSigned` the largest authorization each
///      payer signed; `otherBalance` what each payer's channel with the second orchestrator must hold;
///      `copies`/`proven` how often each execution id was settled and proven a repeat.
contract SettlementHandler is CommonBase, StdUtils {
    CreditVault public immutable vault;
    ExecutionReceipts public immutable receipts;
    address public immutable orchestrator;
    /// @notice A second orchestrator payers also fund; it never posts, so only its payers move its channels.
    address public immutable other;
    address public immutable prover;
    OrchestratorRegistry public immutable registry;

    address[] internal _payers;
    uint256[] internal _keys;
    uint256[] internal _agents;

    uint256 public ghostIn;
    uint256 public ghostOut;
    uint256 public ghostRefunded;
    uint256 public ghostRepeatedFees;
    uint256 public ghostUnchargedRefunded;
    uint256 public ghostUnchargedFees;
    uint256 public executions;
    uint64 public sequence;
    uint256 public olderSignaturesUsed;
    uint256 public overchargesRefused;
    /// @notice Overcharges the vault accepted, or refused for another reason than the payer's authorization.
    uint256 public overchargesMishandled;
    mapping(address payer => uint256) public maxSigned;
    mapping(address payer => uint256) public otherBalance;
    mapping(bytes32 executionId => uint256) public copies;
    mapping(bytes32 executionId => uint256) public proven;
    bytes32[] public executionIds;

    /// @dev The orchestrator's latest authorization from each payer, and the one before it.
    mapping(address payer => uint128) internal _held;
    mapping(address payer => bytes) internal _heldSignature;
    mapping(address payer => uint128) internal _previous;
    mapping(address payer => bytes) internal _previousSignature;

    /// @dev The last batch's single receipt, kept so a later batch can repeat it.
    IExecutionReceipts.Receipt internal _last;
    uint64 internal _lastSequence;
    bool internal _haveLast;

    constructor(
        CreditVault vault_,
        ExecutionReceipts receipts_,
        OrchestratorRegistry registry_,
        address orchestrator_,
        address other_,
        address[] memory payers_,
        uint256[] memory keys_,
        uint256[] memory agents_
    ) {
        (vault, receipts, registry, orchestrator, other, prover) =
        (vault_, receipts_, registry_, orchestrator_, other_, address(0xBEEF));
        (_payers, _keys, _agents) = (payers_, keys_, agents_);
    }

    function payers() external view returns (address[] memory) {
        return _payers;
    }

    function deposit(uint256 payerSeed, uint256 amount, bool toOther) external {
        address payer = _payers[payerSeed % _payers.length];
        amount = bound(amount, 1, 50e18);
        vm.deal(payer, payer.balance + amount);
        vm.prank(payer);
        vault.deposit{value: amount}(toOther ? other : orchestrator);
        if (toOther) otherBalance[payer] += amount;
        ghostIn += amount;
    }

    function withdraw(uint256 payerSeed, uint256 amount, bool fromOther) external {
        address payer = _payers[payerSeed % _payers.length];
        address channel = fromOther ? other : orchestrator;
        uint256 balance = vault.channelOf(payer, channel).balance;
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        vm.prank(payer);
        vault.requestWithdrawal(channel, amount);
        vm.warp(block.timestamp + vault.WITHDRAWAL_DELAY());
        uint256 before = payer.balance;
        vm.prank(payer);
        vault.withdraw(channel, payer);
        uint256 withdrawn = payer.balance - before;
        if (fromOther) otherBalance[payer] -= withdrawn;
        ghostOut += withdrawn;
    }

    /// @notice One batch with one receipt per chosen payer (1 to 3 payers), each charged `fee`.
    function postBatch(uint256 payerSeed, uint256 count, uint256 feeSeed, bool raiseAuthorization) external {
        count = bound(count, 1, 3);
        IExecutionReceipts.Receipt[] memory list = new IExecutionReceipts.Receipt[](count);
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](count);
        IFeeDistributor.AgentFee[] memory fees = new IFeeDistributor.AgentFee[](count);
        for (uint256 i; i < count; ++i) {
            uint256 index = (payerSeed % _payers.length + i) % _payers.length;
            uint128 fee = uint128(bound(uint256(keccak256(abi.encode(feeSeed, i))), 1, 1e18));
            bool covered;
            (covered, list[i], charges[i]) = _entry(index, fee, raiseAuthorization, feeSeed % 2 == 1);
            if (!covered) return; // an honest orchestrator checks first
            fees[i] = IFeeDistributor.AgentFee(list[i].agentId, fee);
        }
        _post(list, charges, fees);
    }

    /// @dev Payer `index`'s receipt and charge for one execution of `fee`, unless its channel cannot pay it.
    function _entry(uint256 index, uint128 fee, bool raise, bool older)
        private
        returns (bool covered, IExecutionReceipts.Receipt memory r, ICreditVault.Charge memory c)
    {
        address payer = _payers[index];
        ICreditVault.Channel memory channel = vault.channelOf(payer, orchestrator);
        if (channel.balance < fee) return (false, r, c);
        uint128 chargeTo = channel.charged + fee;
        bytes32 id = keccak256(abi.encode("exec", executions++));
        r = _receipt(id, _agents[index % _agents.length], payer, fee, chargeTo);
        c = _authorizedCharge(index, chargeTo, raise, older);
        covered = true;
    }

    /// @notice The orchestrator tries to charge a payer one wei past the largest authorization it holds:
    ///         with that authorization (`mode` 0), claiming a larger one with its signature (1), or with no
    ///         signature (2). The vault must refuse each; an accepted one breaks the invariants.
    function overcharge(uint256 payerSeed, uint256 mode) external {
        uint256 index = payerSeed % _payers.length;
        address payer = _payers[index];
        mode = mode % 3;
        uint128 held = _held[payer];
        uint128 chargeTo = held + 1;
        uint128 charged = vault.channelOf(payer, orchestrator).charged;
        if (chargeTo <= charged) return;
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](1);
        charges[0] = ICreditVault.Charge(
            payer, mode == 0 ? held : chargeTo, chargeTo, mode == 2 ? bytes("") : _heldSignature[payer]
        );
        IFeeDistributor.AgentFee[] memory fees = new IFeeDistributor.AgentFee[](1);
        fees[0] = IFeeDistributor.AgentFee(_agents[0], chargeTo - charged);
        bytes memory expected = mode == 0
            ? abi.encodeWithSelector(ICreditVault.ChargeExceedsAuthorization.selector, payer, chargeTo, held)
            : abi.encodeWithSelector(
                ICreditVault.InvalidAuthorization.selector, payer, orchestrator, chargeTo
            );
        vm.prank(orchestrator);
        try receipts.postBatch(sequence, keccak256(abi.encode("overcharge", sequence)), 1, fees, charges) {
            overchargesMishandled++;
            sequence++;
        } catch (bytes memory reason) {
            if (keccak256(reason) == keccak256(expected)) overchargesRefused++;
            else overchargesMishandled++;
        }
    }

    /// @notice The orchestrator settles the last batch's execution again (charging its payer once more);
    ///         the prover proves the repeat, which refunds the payer from the orchestrator's bond.
    function repeatAndProve() external {
        if (!_haveLast) return;
        (IExecutionReceipts.Receipt memory first, uint64 firstSequence) = (_last, _lastSequence);
        if (vault.channelOf(first.payer, orchestrator).balance < first.fee) return;
        (IExecutionReceipts.Receipt memory copy, uint64 copySequence) = _repeat(first);
        _prove(first, firstSequence, copy, copySequence);
    }

    /// @notice The orchestrator posts a batch that charges one payer for its receipt but also holds a
    ///         receipt for the next payer that the batch does not charge; the prover proves it uncharged
    ///         with the batch's (payer, chargeTo) list, which refunds that payer's channel from the bond.
    function underchargeAndProve(uint256 payerSeed, uint256 feeSeed) external {
        uint256 index = payerSeed % _payers.length;
        uint128 fee = uint128(bound(feeSeed, 1, 1e18));
        if (vault.channelOf(_payers[index], orchestrator).balance < fee) return;
        (IExecutionReceipts.Receipt[] memory list, uint128 chargeTo, uint64 posted) =
            _postUndercharged(index, fee);

        ICreditVault.ChargedTo[] memory chargedTo = new ICreditVault.ChargedTo[](1);
        chargedTo[0] = ICreditVault.ChargedTo(list[0].payer, chargeTo);
        bytes32[] memory leaves = new bytes32[](2);
        (leaves[0], leaves[1]) = (_leaf(list[0]), _leaf(list[1]));
        address victim = list[1].payer;
        uint256 victimBefore = vault.channelOf(victim, orchestrator).balance;
        uint256 proverBefore = prover.balance;
        vm.prank(prover);
        receipts.proveUncharged(orchestrator, posted, list[1], MerkleTrees.proof(leaves, 1), chargedTo);
        ghostUnchargedRefunded += vault.channelOf(victim, orchestrator).balance - victimBefore;
        ghostUnchargedFees += fee;
        ghostOut += prover.balance - proverBefore;
        _topUp();
    }

    /// @dev A batch charging payer `index` `fee`, whose tree also holds a receipt of `fee` for the next
    ///      payer, which it does not charge.
    function _postUndercharged(uint256 index, uint128 fee)
        private
        returns (IExecutionReceipts.Receipt[] memory list, uint128 chargeTo, uint64 posted)
    {
        (address payer, address victim) = (_payers[index], _payers[(index + 1) % _payers.length]);
        chargeTo = vault.channelOf(payer, orchestrator).charged + fee;
        uint128 victimCumulative = vault.channelOf(victim, orchestrator).charged + fee;
        list = new IExecutionReceipts.Receipt[](2);
        list[0] = _receipt(keccak256(abi.encode("exec", executions++)), _agents[0], payer, fee, chargeTo);
        list[1] =
            _receipt(keccak256(abi.encode("exec", executions++)), _agents[0], victim, fee, victimCumulative);
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](1);
        charges[0] = _authorizedCharge(index, chargeTo, false, false);
        IFeeDistributor.AgentFee[] memory fees = new IFeeDistributor.AgentFee[](1);
        fees[0] = IFeeDistributor.AgentFee(_agents[0], fee);
        posted = sequence;
        _post(list, charges, fees);
    }

    function settle(uint256 agentSeed) external {
        receipts.FEE_DISTRIBUTOR().settleAgentFees(_agents[agentSeed % _agents.length]);
    }

    function executionIdCount() external view returns (uint256) {
        return executionIds.length;
    }

    /// @dev A charge of payer `index` up to `chargeTo`, carrying what an orchestrator would: the latest
    ///      authorization it holds when that covers `chargeTo` (or, with `older`, the one before it if that
    ///      still does), else a new one the payer signs for `chargeTo` (plus 1 CR8 with `raise`).
    function _authorizedCharge(uint256 index, uint128 chargeTo, bool raise, bool older)
        private
        returns (ICreditVault.Charge memory)
    {
        address payer = _payers[index];
        if (chargeTo > _held[payer] || raise) {
            uint128 authorized = chargeTo + (raise ? 1e18 : 0);
            if (authorized > _held[payer]) {
                (_previous[payer], _previousSignature[payer]) = (_held[payer], _heldSignature[payer]);
                (_held[payer], _heldSignature[payer]) = (authorized, _sign(index, authorized));
                if (authorized > maxSigned[payer]) maxSigned[payer] = authorized;
            }
        } else if (older && _previous[payer] >= chargeTo) {
            olderSignaturesUsed++;
            return ICreditVault.Charge(payer, _previous[payer], chargeTo, _previousSignature[payer]);
        }
        return ICreditVault.Charge(payer, _held[payer], chargeTo, _heldSignature[payer]);
    }

    /// @dev Posts `first` again as a batch of its own, charging its payer once more.
    function _repeat(IExecutionReceipts.Receipt memory first)
        private
        returns (IExecutionReceipts.Receipt memory copy, uint64 copySequence)
    {
        uint128 chargeTo = vault.channelOf(first.payer, orchestrator).charged + first.fee;
        IExecutionReceipts.Receipt[] memory list = new IExecutionReceipts.Receipt[](1);
        list[0] = _receipt(first.executionId, first.agentId, first.payer, first.fee, chargeTo);
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](1);
        charges[0] = _authorizedCharge(_indexOf(first.payer), chargeTo, false, false);
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
        uint256 payerBefore = vault.channelOf(first.payer, orchestrator).balance;
        uint256 proverBefore = prover.balance;
        vm.prank(prover);
        receipts.proveDuplicate(
            orchestrator, firstSequence, first, new bytes32[](0), copySequence, copy, new bytes32[](0)
        );
        proven[first.executionId]++;
        ghostRefunded += vault.channelOf(first.payer, orchestrator).balance - payerBefore;
        ghostOut += prover.balance - proverBefore;
        _topUp();

        vm.prank(prover);
        try receipts.proveDuplicate(
            orchestrator, firstSequence, first, new bytes32[](0), copySequence, copy, new bytes32[](0)
        ) {
            proven[first.executionId] += 1000; // a second refund: breaks the at-most-once invariant on purpose
        } catch {}
    }

    /// @dev The orchestrator tops its bond back up after a slash (new CR8 entering the system), so it stays
    ///      active.
    function _topUp() private {
        uint256 topUp = receipts.SLASH_AMOUNT();
        vm.deal(orchestrator, orchestrator.balance + topUp);
        vm.prank(orchestrator);
        registry.addBond{value: topUp}();
        ghostIn += topUp;
    }

    function _post(
        IExecutionReceipts.Receipt[] memory list,
        ICreditVault.Charge[] memory charges,
        IFeeDistributor.AgentFee[] memory fees
    ) private {
        bytes32[] memory leaves = new bytes32[](list.length);
        for (uint256 i; i < list.length; ++i) {
            leaves[i] = _leaf(list[i]);
            if (copies[list[i].executionId]++ == 0) executionIds.push(list[i].executionId);
        }
        vm.prank(orchestrator);
        receipts.postBatch(sequence, MerkleTrees.root(leaves), uint32(list.length), fees, charges);
        if (list.length == 1) (_last, _lastSequence, _haveLast) = (list[0], sequence, true);
        sequence++;
    }

    function _leaf(IExecutionReceipts.Receipt memory r) private pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(r))));
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
