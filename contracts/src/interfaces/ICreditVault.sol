// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IGuarded} from "./IGuarded.sol";

/// @title ICreditVault
/// @notice Native CR8 that users deposit to pay for agent executions. A payer funds a channel with one
///         orchestrator, and that orchestrator may charge the channel only what the payer signed: an
///         EIP-712 `SpendingAuthorization` caps, cumulatively, what the orchestrator may ever charge the
///         payer, so one signature covers many executions. Charges arrive through the settlement contract
///         (ExecutionReceipts) in batches. Payers withdraw what is unspent after a delay that gives the
///         orchestrator time to settle what it already ran.
/// @dev Why channels rather than one balance per payer: a batch then writes one storage slot per payer
///      (balance and cumulative charge share it) instead of two, which is most of what settlement costs.
interface ICreditVault is IGuarded {
    /// @notice A payer's side of a settlement batch: charge its channel up to `chargeTo` in total
    ///         (cumulative). `signature` is the payer's `SpendingAuthorization` for `authorizedCumulative`
    ///         (ECDSA, or ERC-1271 for contract wallets); the latest one the orchestrator holds will do, as
    ///         long as it covers `chargeTo`.
    struct Charge {
        address payer;
        uint128 authorizedCumulative;
        uint128 chargeTo;
        bytes signature;
    }

    /// @notice A payer's channel with one orchestrator: what is left to charge or withdraw, and what the
    ///         orchestrator has charged so far (never more than the payer signed).
    struct Channel {
        uint128 balance;
        uint128 charged;
    }

    /// @notice Where a batch left one payer's cumulative charge: `charge` returns a hash over these (one
    ///         per charge, in batch order) for fraud proofs to check a batch's charges against.
    struct ChargedTo {
        address payer;
        uint128 chargeTo;
    }

    /// @notice A pending withdrawal from a channel.
    struct Withdrawal {
        uint128 amount;
        uint64 withdrawableAt;
    }

    event Deposited(address indexed payer, address indexed orchestrator, address from, uint256 amount);
    event WithdrawalRequested(
        address indexed payer, address indexed orchestrator, uint256 amount, uint64 withdrawableAt
    );
    event Withdrawn(address indexed payer, address indexed orchestrator, address to, uint256 amount);
    /// @notice A slashed orchestrator's bond paid `amount` back into `payer`'s channel with it.
    event Refunded(address indexed payer, address indexed orchestrator, uint256 amount);

    /// @notice Only the settlement contract may charge.
    error OnlySettlement(address caller);
    /// @notice The charge goes past what the payer authorized (`chargeTo > authorized`).
    error ChargeExceedsAuthorization(address payer, uint256 chargeTo, uint256 authorized);
    /// @notice The charge does not move the payer's cumulative total forward.
    error ChargeNotAdvancing(address payer, uint256 chargeTo, uint256 charged);
    /// @notice The signature is not the payer's authorization of `authorizedCumulative` for this orchestrator.
    error InvalidAuthorization(address payer, address orchestrator, uint256 authorizedCumulative);
    /// @notice The payer's channel balance does not cover the charge or withdrawal.
    error InsufficientCredit(address payer, uint256 balance, uint256 needed);
    /// @notice The amount does not fit the vault's 128-bit accounting.
    error AmountTooLarge(uint256 amount);
    /// @notice No withdrawal was requested, or its delay has not passed.
    error WithdrawalNotReady(address payer, uint64 withdrawableAt, uint256 timestamp);

    /// @notice Adds `msg.value` to the caller's channel with `orchestrator`.
    function deposit(address orchestrator) external payable;

    /// @notice Adds `msg.value` to `payer`'s channel with `orchestrator`.
    function depositFor(address payer, address orchestrator) external payable;

    /// @notice Asks to withdraw `amount` from the caller's channel with `orchestrator` after the withdrawal
    ///         delay (replacing any earlier request on that channel). The balance stays chargeable until
    ///         then, so executions already run can still be settled.
    function requestWithdrawal(address orchestrator, uint256 amount) external;

    /// @notice Sends the requested amount (or the balance, if charges left less) to `to`.
    function withdraw(address orchestrator, address to) external returns (uint256 amount);

    /// @notice Settlement only: charges each payer's channel with `orchestrator` up to its `chargeTo` and
    ///         sends the total to the caller. Reverts the whole batch if any charge is not authorized or
    ///         not covered.
    /// @return total What the charges took from payers, in all.
    ///         Emits no event per payer (a log costs each payer of each batch more than its signature
    ///         check's hashing): the charges are in the batch's calldata, and `channelOf` has each result.
    /// @return chargesHash keccak256 over `abi.encode(payer, chargeTo)` of each charge, concatenated in
    ///         order: the ABI encoding of the batch's `ChargedTo` entries without the array's length.
    function charge(address orchestrator, Charge[] calldata charges)
        external
        returns (uint256 total, bytes32 chargesHash);

    /// @notice Settlement only: credits `payer`'s channel with `orchestrator` with `msg.value`, taken from
    ///         that orchestrator's slashed bond.
    function refund(address payer, address orchestrator) external payable;

    /// @notice The EIP-712 digest a payer signs to authorize `orchestrator` up to `authorizedCumulative`.
    function authorizationDigest(address payer, address orchestrator, uint256 authorizedCumulative)
        external
        view
        returns (bytes32);

    function channelOf(address payer, address orchestrator) external view returns (Channel memory);

    function withdrawalOf(address payer, address orchestrator) external view returns (Withdrawal memory);

    /// @notice Σ channel balances: what the vault owes its payers (its native balance equals it).
    function totalBalances() external view returns (uint256);

    /// @notice The settlement contract allowed to charge.
    function SETTLEMENT() external view returns (address);

    /// @notice Seconds between a withdrawal request and the withdrawal.
    function WITHDRAWAL_DELAY() external view returns (uint64);

    /// @notice The EIP-712 domain separator (name "CR8 CreditVault", version "1").
    function DOMAIN_SEPARATOR() external view returns (bytes32);
}
