// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IGuarded} from "./IGuarded.sol";

/// @title ICreditVault
/// @notice Native CR8 that users deposit to pay for agent executions. An orchestrator may charge a payer
///         only what the payer signed: an EIP-712 `SpendingAuthorization` caps, cumulatively, what one
///         orchestrator may ever charge one payer, so one signature covers many executions. Charges
///         arrive through the settlement contract (ExecutionReceipts) in batches. Payers withdraw what is
///         unspent after a delay that gives orchestrators time to settle what was already run.
interface ICreditVault is IGuarded {
    /// @notice A payer's side of a settlement batch: charge it up to `chargeTo` in total (cumulative, per
    ///         orchestrator). `signature` is the payer's `SpendingAuthorization` for `authorizedCumulative`;
    ///         it may be empty when an earlier batch already recorded an authorization covering `chargeTo`.
    struct Charge {
        address payer;
        uint128 authorizedCumulative;
        uint128 chargeTo;
        bytes signature;
    }

    /// @notice A payer's account with one orchestrator: the largest cumulative amount the payer signed
    ///         for it and what it has charged so far (never more than `authorized`).
    struct Channel {
        uint128 authorized;
        uint128 charged;
    }

    /// @notice A payer's balance and its pending withdrawal.
    struct Account {
        uint128 balance;
        uint128 withdrawalAmount;
        uint64 withdrawableAt;
    }

    event Deposited(address indexed payer, address indexed from, uint256 amount);
    event WithdrawalRequested(address indexed payer, uint256 amount, uint64 withdrawableAt);
    event Withdrawn(address indexed payer, address indexed to, uint256 amount);
    /// @notice The batch's orchestrator charged `payer` `amount`, bringing its cumulative charge to
    ///         `chargedTotal`. The orchestrator is the one in the same transaction's `BatchPosted`: every
    ///         field here costs every payer of every batch, so it is not repeated.
    event Charged(address indexed payer, uint256 amount, uint256 chargedTotal);
    /// @notice A slashed orchestrator's bond paid `payer` back `amount`.
    event Refunded(address indexed payer, uint256 amount);

    /// @notice Only the settlement contract may charge.
    error OnlySettlement(address caller);
    /// @notice The charge goes past what the payer authorized (`chargeTo > authorized`).
    error ChargeExceedsAuthorization(address payer, uint256 chargeTo, uint256 authorized);
    /// @notice The charge does not move the payer's cumulative total forward.
    error ChargeNotAdvancing(address payer, uint256 chargeTo, uint256 charged);
    /// @notice The signature is not the payer's authorization of `authorizedCumulative` for this orchestrator.
    error InvalidAuthorization(address payer, address orchestrator, uint256 authorizedCumulative);
    /// @notice The payer's balance does not cover the charge.
    error InsufficientCredit(address payer, uint256 balance, uint256 needed);
    /// @notice The amount does not fit the vault's 128-bit accounting.
    error AmountTooLarge(uint256 amount);
    /// @notice No withdrawal was requested, or its delay has not passed.
    error WithdrawalNotReady(address payer, uint64 withdrawableAt, uint256 timestamp);

    /// @notice Adds `msg.value` to the caller's balance.
    function deposit() external payable;

    /// @notice Adds `msg.value` to `payer`'s balance.
    function depositFor(address payer) external payable;

    /// @notice Asks to withdraw `amount` after the withdrawal delay (replacing any earlier request). The
    ///         balance stays chargeable until then, so executions already run can still be settled.
    function requestWithdrawal(uint256 amount) external;

    /// @notice Sends the requested amount (or the balance, if charges left less) to `to`.
    function withdraw(address to) external returns (uint256 amount);

    /// @notice Settlement only: charges each payer up to its `chargeTo` for `orchestrator` and sends the
    ///         total to the caller. Reverts the whole batch if any charge is not authorized or not covered.
    function charge(address orchestrator, Charge[] calldata charges) external returns (uint256 total);

    /// @notice Settlement only: credits `payer` with `msg.value` taken from a slashed orchestrator's bond.
    function refund(address payer) external payable;

    /// @notice The EIP-712 digest a payer signs to authorize `orchestrator` up to `authorizedCumulative`.
    function authorizationDigest(address payer, address orchestrator, uint256 authorizedCumulative)
        external
        view
        returns (bytes32);

    function accountOf(address payer) external view returns (Account memory);

    function channelOf(address payer, address orchestrator) external view returns (Channel memory);

    /// @notice Σ balances: what the vault owes its payers (its native balance equals it).
    function totalBalances() external view returns (uint256);

    /// @notice The settlement contract allowed to charge.
    function SETTLEMENT() external view returns (address);

    /// @notice Seconds between a withdrawal request and the withdrawal.
    function WITHDRAWAL_DELAY() external view returns (uint64);

    /// @notice The EIP-712 domain separator (name "CR8 CreditVault", version "1").
    function DOMAIN_SEPARATOR() external view returns (bytes32);
}
