// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IDepositPortal} from "../interfaces/IDepositPortal.sol";
import {IDevnetOutputOracle} from "../interfaces/IDevnetOutputOracle.sol";
import {IDevnetPortal} from "../interfaces/IDevnetPortal.sol";
import {Predeploys} from "../libraries/Predeploys.sol";
import {EthereumTrie} from "@polytope-labs/solidity-merkle-trees/src/EthereumTrie.sol";
import {StorageValue} from "@polytope-labs/solidity-merkle-trees/src/trie/Node.sol";

/// @title DevnetPortal
/// @notice The local devnet's OptimismPortal for the CR8 L3. See {IDevnetPortal}.
/// @dev Devnet only: production uses OP's OptimismPortal deployed by op-deployer. Not proxied.
///      On purpose unlike OptimismPortal: a withdrawal whose call fails reverts (`WithdrawalCallFailed`)
///      instead of being marked finalized with `success = false`. OP's behaviour loses such a withdrawal for
///      good (for the CR8 bridge: CR8 burned on the L3 and never released); here it stays proven and anyone
///      can finalize it again once the call can succeed, e.g. with more gas. The event keeps its `success`
///      argument for OptimismPortal's signature; it is always true.
contract DevnetPortal is IDevnetPortal {
    /// @dev `l2Sender` while no withdrawal is being finalized (OP's `Constants.DEFAULT_L2_SENDER`).
    address internal constant DEFAULT_L2_SENDER = 0x000000000000000000000000000000000000dEaD;

    /// @dev The version of the `TransactionDeposited` encoding op-node understands.
    uint256 internal constant DEPOSIT_VERSION = 0;

    /// @dev OptimismPortal's cap on deposit data: it keeps a deposit within the p2p size limit of 128 kB.
    uint256 internal constant MAX_DEPOSIT_DATA_SIZE = 120_000;

    /// @dev OptimismPortal caps a deposit's gas through its resource metering (20M per parent block by
    ///      default); without metering, this cap keeps a deposit small enough for an L3 block.
    uint64 internal constant MAX_DEPOSIT_GAS_LIMIT = 20_000_000;

    /// @dev Gas kept beyond the 64/63 of the withdrawal's gas limit for the CALL's own costs (OP's SafeCall).
    uint256 internal constant CALL_GAS_BUFFER = 40_000;

    /// @dev The most revert data of a failed withdrawal call that `WithdrawalCallFailed` carries.
    uint256 internal constant MAX_REASON_SIZE = 1024;

    IDevnetOutputOracle private immutable _ORACLE;

    /// @inheritdoc IDepositPortal
    address public l2Sender;

    /// @inheritdoc IDevnetPortal
    mapping(bytes32 withdrawalHash => bool) public finalizedWithdrawals;

    /// @inheritdoc IDevnetPortal
    mapping(bytes32 withdrawalHash => ProvenWithdrawal) public provenWithdrawals;

    /// @param oracle The DevnetOutputOracle that holds the L3's output roots.
    constructor(IDevnetOutputOracle oracle) {
        if (address(oracle) == address(0)) revert ZeroAddress();
        _ORACLE = oracle;
        l2Sender = DEFAULT_L2_SENDER;
    }

    // ---------------------------------------------------------------------------------------------
    // Deposits
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IDepositPortal
    /// @dev OptimismPortal's checks and event, with custom gas token v2 semantics: `msg.value` (the amount
    ///      minted on the child chain) must be zero, because the child chain's native asset is not ETH.
    ///      `_value` is allowed: the child chain pays it from the sender's own native balance there.
    function depositTransaction(
        address _to,
        uint256 _value,
        uint64 _gasLimit,
        bool _isCreation,
        bytes calldata _data
    ) external payable {
        if (msg.value != 0) revert ValueNotSupported(msg.value);
        // A creation names no target, so that nobody mistakes the target for the created address.
        if (_isCreation && _to != address(0)) revert BadTarget(_to);
        // Checked before the gas floor so that the floor's uint64 arithmetic cannot overflow.
        if (_data.length > MAX_DEPOSIT_DATA_SIZE) revert DataTooLarge(_data.length, MAX_DEPOSIT_DATA_SIZE);
        uint64 minimum = minimumGasLimit(uint64(_data.length));
        if (_gasLimit < minimum) revert GasLimitTooLow(_gasLimit, minimum);
        if (_gasLimit > MAX_DEPOSIT_GAS_LIMIT) revert GasLimitTooHigh(_gasLimit, MAX_DEPOSIT_GAS_LIMIT);

        // OptimismPortal v2's aliasing: a contract caller (any caller that is not the transaction's origin)
        // appears on the child chain at its address plus 0x1111…1111, so that a parent-chain contract cannot
        // impersonate the child-chain contract at the same address.
        address from = msg.sender;
        if (msg.sender != tx.origin) {
            // Wraps at 2**160 by design.
            unchecked {
                from = address(uint160(msg.sender) + Predeploys.ALIAS_OFFSET);
            }
        }
        // op-node reads mint (32 bytes), value (32), gas limit (8), isCreation (1), then the data.
        bytes memory opaqueData = abi.encodePacked(msg.value, _value, _gasLimit, _isCreation, _data);
        emit TransactionDeposited(from, _to, DEPOSIT_VERSION, opaqueData);
    }

    /// @inheritdoc IDevnetPortal
    /// @dev The current OptimismPortal's floor: intrinsic gas plus 40 per data byte.
    function minimumGasLimit(uint64 _byteCount) public pure returns (uint64) {
        return _byteCount * 40 + 21_000;
    }

    // ---------------------------------------------------------------------------------------------
    // Withdrawals
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IDevnetPortal
    function proveWithdrawalTransaction(
        WithdrawalTransaction calldata _tx,
        uint256 _l2OutputIndex,
        OutputRootProof calldata _outputRootProof,
        bytes[] calldata _withdrawalProof
    ) external {
        // The portal never calls itself: a withdrawal could otherwise act as the portal (OptimismPortal's rule).
        if (_tx.target == address(this)) revert BadTarget(_tx.target);
        // As OptimismPortal in custom-gas-token mode: there is no ETH here to pay a withdrawal's value.
        if (_tx.value != 0) revert ValueNotSupported(_tx.value);
        if (_outputRootProof.version != bytes32(0)) {
            revert UnsupportedOutputVersion(_outputRootProof.version);
        }

        bytes32 outputRoot = _ORACLE.getL2Output(_l2OutputIndex).outputRoot; // reverts with OutputNotFound
        bytes32 provenRoot = keccak256(
            abi.encode(
                _outputRootProof.version,
                _outputRootProof.stateRoot,
                _outputRootProof.messagePasserStorageRoot,
                _outputRootProof.latestBlockhash
            )
        );
        if (provenRoot != outputRoot) revert OutputRootMismatch(outputRoot, provenRoot);

        bytes32 withdrawalHash = hashWithdrawal(_tx);
        ProvenWithdrawal memory proven = provenWithdrawals[withdrawalHash];
        // Re-proving would restart the finalization period, so it is allowed only once the output the first
        // proof used is gone or replaced (as OptimismPortal). Unlike OptimismPortal, a deleted output that
        // was not proposed again also counts as gone, rather than blocking the proof until it is.
        if (proven.timestamp != 0 && _currentOutputRoot(proven.l2OutputIndex) == proven.outputRoot) {
            revert AlreadyProven(withdrawalHash);
        }

        // The verifier reverts on malformed proofs (missing nodes, bad RLP); those are invalid proofs too.
        bool included;
        try this.isWithdrawalIncluded(
            _outputRootProof.messagePasserStorageRoot, withdrawalHash, _withdrawalProof
        ) returns (
            bool result
        ) {
            included = result;
        } catch {}
        if (!included) revert InvalidWithdrawalProof(withdrawalHash);

        // Cannot truncate: the index names an existing output, and timestamps stay far below 2**128.
        provenWithdrawals[withdrawalHash] = ProvenWithdrawal({
            outputRoot: outputRoot,
            timestamp: uint128(block.timestamp),
            l2OutputIndex: uint128(_l2OutputIndex)
        });
        emit WithdrawalProven(withdrawalHash, _tx.sender, _tx.target);
    }

    /// @inheritdoc IDevnetPortal
    function finalizeWithdrawalTransaction(WithdrawalTransaction calldata _tx) external {
        // l2Sender doubles as the reentrancy lock, as in OptimismPortal.
        if (l2Sender != DEFAULT_L2_SENDER) revert FinalizationInProgress();
        if (_tx.value != 0) revert ValueNotSupported(_tx.value);

        bytes32 withdrawalHash = hashWithdrawal(_tx);
        if (finalizedWithdrawals[withdrawalHash]) revert AlreadyFinalized(withdrawalHash);
        ProvenWithdrawal memory proven = provenWithdrawals[withdrawalHash];
        if (proven.timestamp == 0) revert NotProven(withdrawalHash);

        // Both the proof and the output must be older than the finalization period (OptimismPortal's rule:
        // the output may have been deleted and proposed again, with the same root, after the proof).
        uint256 period = _ORACLE.FINALIZATION_PERIOD_SECONDS();
        _requireFinalizationPeriodElapsed(proven.timestamp, period);
        bytes32 currentRoot = _currentOutputRoot(proven.l2OutputIndex);
        if (currentRoot != proven.outputRoot) revert OutputRootMismatch(proven.outputRoot, currentRoot);
        _requireFinalizationPeriodElapsed(_ORACLE.getL2Output(proven.l2OutputIndex).timestamp, period);

        finalizedWithdrawals[withdrawalHash] = true;
        l2Sender = _tx.sender;
        bool success = _callWithMinGas(_tx.target, _tx.gasLimit, _tx.data);
        if (!success) revert WithdrawalCallFailed(withdrawalHash, _returnDataPrefix());
        l2Sender = DEFAULT_L2_SENDER;
        emit WithdrawalFinalized(withdrawalHash, true);
    }

    /// @inheritdoc IDevnetPortal
    /// @dev The withdrawal is L2ToL1MessagePasser's `sentMessages[withdrawalHash] = true`: storage slot
    ///      keccak256(abi.encode(withdrawalHash, 0)). A storage trie is a secure trie, keyed by the keccak256
    ///      of the 32-byte slot, and its leaves hold the RLP encoding of the value, which for `true` is the
    ///      single byte 0x01. The verifier follows the proof nodes from the root by their hashes and accepts
    ///      inline nodes, so the extra node viem's buildProveWithdrawal may append does no harm.
    function isWithdrawalIncluded(
        bytes32 messagePasserStorageRoot,
        bytes32 withdrawalHash,
        bytes[] calldata withdrawalProof
    ) external pure returns (bool) {
        bytes32 slot = keccak256(abi.encode(withdrawalHash, uint256(0)));
        bytes[] memory keys = new bytes[](1);
        keys[0] = abi.encodePacked(keccak256(abi.encode(slot)));
        StorageValue[] memory values =
            EthereumTrie.VerifyProof(messagePasserStorageRoot, withdrawalProof, keys);
        return keccak256(values[0].value) == keccak256(hex"01");
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IDevnetPortal
    function isOutputFinalized(uint256 _l2OutputIndex) external view returns (bool) {
        return block.timestamp
            > _ORACLE.getL2Output(_l2OutputIndex).timestamp + _ORACLE.FINALIZATION_PERIOD_SECONDS();
    }

    /// @inheritdoc IDevnetPortal
    function l2Oracle() external view returns (IDevnetOutputOracle) {
        return _ORACLE;
    }

    /// @inheritdoc IDevnetPortal
    // forge-lint: disable-next-line(mixed-case-function)
    function L2_ORACLE() external view returns (IDevnetOutputOracle) {
        return _ORACLE;
    }

    /// @inheritdoc IDevnetPortal
    function version() external pure returns (string memory) {
        return "2.8.0";
    }

    /// @inheritdoc IDevnetPortal
    function hashWithdrawal(WithdrawalTransaction calldata _tx) public pure returns (bytes32) {
        return keccak256(abi.encode(_tx.nonce, _tx.sender, _tx.target, _tx.value, _tx.gasLimit, _tx.data));
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    /// @dev The oracle's root at `index`, or zero once that output was deleted.
    function _currentOutputRoot(uint256 index) private view returns (bytes32) {
        if (index >= _ORACLE.nextOutputIndex()) return bytes32(0);
        return _ORACLE.getL2Output(index).outputRoot;
    }

    function _requireFinalizationPeriodElapsed(uint256 timestamp, uint256 period) private view {
        uint256 readyAt = timestamp + period + 1;
        if (block.timestamp < readyAt) revert FinalizationWindowNotElapsed(readyAt);
    }

    /// @dev OP's SafeCall.callWithMinGas: the callee must get at least `minGas`, which EIP-150's 63/64 rule
    ///      and the CALL's own costs could otherwise cut short, letting a finalizer starve a withdrawal on
    ///      purpose. Return data is not copied here, so a callee cannot bloat this frame's memory.
    function _callWithMinGas(address target, uint256 minGas, bytes calldata data)
        private
        returns (bool success)
    {
        bytes memory payload = data;
        // gasleft() * 63 >= minGas * 64 + 63 * buffer; the bound keeps the products from overflowing.
        if (minGas > type(uint128).max || gasleft() * 63 < minGas * 64 + CALL_GAS_BUFFER * 63) {
            revert InsufficientGas(minGas);
        }
        assembly ("memory-safe") {
            success := call(gas(), target, 0, add(payload, 0x20), mload(payload), 0, 0)
        }
    }

    /// @dev The first MAX_REASON_SIZE bytes of the last call's return data.
    function _returnDataPrefix() private pure returns (bytes memory reason) {
        uint256 size;
        assembly ("memory-safe") {
            size := returndatasize()
        }
        reason = new bytes(size > MAX_REASON_SIZE ? MAX_REASON_SIZE : size);
        assembly ("memory-safe") {
            returndatacopy(add(reason, 0x20), 0, mload(reason))
        }
    }
}
