// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommon} from "./ICommon.sol";
import {IDepositPortal} from "./IDepositPortal.sol";
import {IDevnetOutputOracle} from "./IDevnetOutputOracle.sol";

/// @title IDevnetPortal
/// @notice The devnet's stand-in for OP's OptimismPortal (v2, the L2OutputOracle flow) on the parent chain of
///         a custom-gas-token L3: deposits emit `TransactionDeposited` byte for byte as OptimismPortal does,
///         withdrawals are proven against DevnetOutputOracle's output roots with an `eth_getProof` storage
///         proof and finalized after the finalization period. Functions, events and the `version()` major
///         (2) are what viem's OP Stack actions expect, so its deposit and withdrawal flows work unchanged.
/// @dev Differences from OptimismPortal: custom errors instead of strings; no pause, no gas metering (a gas
///      limit cap instead); no ETH anywhere (custom gas token: deposits with value and withdrawals with
///      value are refused); and a withdrawal whose call fails reverts instead of being marked finalized,
///      so it can be finalized again later and nothing is lost.
interface IDevnetPortal is IDepositPortal, ICommon {
    /// @notice A withdrawal as L2ToL1MessagePasser recorded it (OP's `Types.WithdrawalTransaction`).
    struct WithdrawalTransaction {
        uint256 nonce;
        address sender;
        address target;
        uint256 value;
        uint256 gasLimit;
        bytes data;
    }

    /// @notice The preimage of an output root (OP's `Types.OutputRootProof`).
    struct OutputRootProof {
        bytes32 version;
        bytes32 stateRoot;
        bytes32 messagePasserStorageRoot;
        bytes32 latestBlockhash;
    }

    /// @notice A proven withdrawal: the output root it was proven against, when, and that output's index.
    struct ProvenWithdrawal {
        bytes32 outputRoot;
        uint128 timestamp;
        uint128 l2OutputIndex;
    }

    /// @notice A deposit for the child chain; `opaqueData` is abi.encodePacked(mint, value, gasLimit,
    ///         isCreation, data) and `version` is 0, exactly as OptimismPortal emits it for op-node.
    event TransactionDeposited(
        address indexed from, address indexed to, uint256 indexed version, bytes opaqueData
    );

    /// @notice The withdrawal `withdrawalHash` from `from` to `to` was proven.
    event WithdrawalProven(bytes32 indexed withdrawalHash, address indexed from, address indexed to);

    /// @notice The withdrawal `withdrawalHash` was finalized; `success` is always true here (a failing call
    ///         reverts), kept for OptimismPortal's event signature.
    event WithdrawalFinalized(bytes32 indexed withdrawalHash, bool success);

    /// @notice Native value is not supported on a custom-gas-token chain: `value` was sent with a deposit or
    ///         carried by a withdrawal.
    error ValueNotSupported(uint256 value);

    /// @notice A deposit's `gasLimit` is below the minimum for its data size, `minimum`.
    error GasLimitTooLow(uint64 gasLimit, uint64 minimum);

    /// @notice A deposit's `gasLimit` is above `maximum`, more than a child-chain block could hold.
    error GasLimitTooHigh(uint64 gasLimit, uint64 maximum);

    /// @notice A deposit's data is `size` bytes, above `maximum`.
    error DataTooLarge(uint256 size, uint256 maximum);

    /// @notice `target` cannot be a deposit's or a withdrawal's target: a creation must have no target, and a
    ///         withdrawal cannot call the portal itself.
    error BadTarget(address target);

    /// @notice Only output root version 0 exists; the proof carries `version`.
    error UnsupportedOutputVersion(bytes32 version);

    /// @notice The output root `expected` (the oracle's, or the one the withdrawal was proven against) does
    ///         not match `actual` (the proof's hash, or the oracle's current root; zero if it was deleted).
    error OutputRootMismatch(bytes32 expected, bytes32 actual);

    /// @notice The storage proof does not show `withdrawalHash` in L2ToL1MessagePasser's storage.
    error InvalidWithdrawalProof(bytes32 withdrawalHash);

    /// @notice `withdrawalHash` is already proven against an output that is still current.
    error AlreadyProven(bytes32 withdrawalHash);

    /// @notice `withdrawalHash` has not been proven.
    error NotProven(bytes32 withdrawalHash);

    /// @notice The finalization period has not elapsed; finalization is possible from time `readyAt` on.
    error FinalizationWindowNotElapsed(uint256 readyAt);

    /// @notice `withdrawalHash` is already finalized.
    error AlreadyFinalized(bytes32 withdrawalHash);

    /// @notice A withdrawal is being finalized; finalization cannot be re-entered.
    error FinalizationInProgress();

    /// @notice The transaction has too little gas left to give the withdrawal call its `gasLimit`.
    error InsufficientGas(uint256 gasLimit);

    /// @notice The withdrawal's call reverted with `reason` (at most its first 1,024 bytes); the withdrawal
    ///         stays proven and can be finalized again.
    error WithdrawalCallFailed(bytes32 withdrawalHash, bytes reason);

    /// @notice Proves that L2ToL1MessagePasser recorded `_tx` at the L3 block of output `_l2OutputIndex`.
    ///         `_outputRootProof` must hash to that output's root, and `_withdrawalProof` (eth_getProof's
    ///         storage proof, as viem's buildProveWithdrawal returns it) must show the withdrawal's
    ///         `sentMessages` slot set under `messagePasserStorageRoot`. A proven withdrawal may be proven
    ///         again only once its output was deleted or replaced.
    function proveWithdrawalTransaction(
        WithdrawalTransaction calldata _tx,
        uint256 _l2OutputIndex,
        OutputRootProof calldata _outputRootProof,
        bytes[] calldata _withdrawalProof
    ) external;

    /// @notice Executes a proven withdrawal once both it and its output are past the finalization period:
    ///         calls `_tx.target` with `_tx.data` and at least `_tx.gasLimit` gas, with `l2Sender()` set to
    ///         `_tx.sender` during the call. Reverts (and can be retried) if that call fails.
    function finalizeWithdrawalTransaction(WithdrawalTransaction calldata _tx) external;

    /// @notice Whether `withdrawalProof` shows `withdrawalHash` recorded in L2ToL1MessagePasser's storage
    ///         whose root is `messagePasserStorageRoot`. May revert on a malformed proof.
    function isWithdrawalIncluded(
        bytes32 messagePasserStorageRoot,
        bytes32 withdrawalHash,
        bytes[] calldata withdrawalProof
    ) external pure returns (bool);

    /// @notice The proof record of `withdrawalHash` (all zero when unproven).
    function provenWithdrawals(bytes32 withdrawalHash)
        external
        view
        returns (bytes32 outputRoot, uint128 timestamp, uint128 l2OutputIndex);

    /// @notice OP's withdrawal hash: keccak256(abi.encode(nonce, sender, target, value, gasLimit, data)).
    function hashWithdrawal(WithdrawalTransaction calldata _tx) external pure returns (bytes32);

    /// @notice Whether `withdrawalHash` was finalized.
    function finalizedWithdrawals(bytes32 withdrawalHash) external view returns (bool);

    /// @notice Whether the output at `_l2OutputIndex` is past its finalization period.
    function isOutputFinalized(uint256 _l2OutputIndex) external view returns (bool);

    /// @notice The smallest gas limit a deposit with `_byteCount` bytes of data may ask for.
    function minimumGasLimit(uint64 _byteCount) external pure returns (uint64);

    /// @notice The output oracle withdrawals are proven against.
    function l2Oracle() external view returns (IDevnetOutputOracle);

    /// @notice The output oracle (OptimismPortal's legacy getter name).
    function L2_ORACLE() external view returns (IDevnetOutputOracle);

    /// @notice "2.8.0": viem's OP Stack actions take the L2OutputOracle path for a major below 3.
    function version() external view returns (string memory);
}
