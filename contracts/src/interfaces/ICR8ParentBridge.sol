// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommon} from "./ICommon.sol";
import {IDepositPortal} from "./IDepositPortal.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ICR8ParentBridge
/// @notice The parent-chain half of the CR8 gas bridge. A deposit escrows CR8 (the ERC-20) here and sends a
///         portal deposit that makes the CR8 L3 bridge mint the same amount of native CR8 on the L3. A
///         withdrawal burned on the L3 arrives here through the portal, and the escrow releases the CR8.
///         This is the custom-gas-token v2 design's application bridge: the protocol moves no CR8 itself.
/// @dev Invariant: the CR8 this contract holds is at least `totalEscrowed()`, which equals the native CR8
///      minted on the L3 by the CR8 bridge minus what was burned there and released here.
interface ICR8ParentBridge is ICommon {
    /// @notice `from` escrowed `amount` CR8; the L3 bridge mints `amount` native CR8 to `to`.
    event DepositInitiated(address indexed from, address indexed to, uint256 amount);

    /// @notice A withdrawal `from` burned on the L3 released `amount` CR8 to `to`.
    event WithdrawalFinalized(address indexed from, address indexed to, uint256 amount);

    /// @notice Only the portal may relay withdrawals; `caller` is not it.
    error NotPortal(address caller);

    /// @notice The portal is relaying a withdrawal from `l2Sender`, not from the CR8 L3 bridge.
    error NotL3Bridge(address l2Sender);

    /// @notice A withdrawal asks for more CR8 than the bridge has escrowed (can only come from a faulty L3).
    error InsufficientEscrow(uint256 escrowed, uint256 amount);

    /// @notice Escrows `amount` CR8 from the caller (who has approved this bridge) and sends a deposit that
    ///         mints `amount` native CR8 to `to` on the L3.
    function deposit(address to, uint256 amount) external;

    /// @notice As `deposit`, approving the bridge first with the caller's EIP-2612 permit signature.
    ///         A permit that fails (e.g. already used by someone who saw it in the mempool) is ignored when
    ///         the allowance already covers `amount`.
    function depositWithPermit(address to, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external;

    /// @notice Releases `amount` escrowed CR8 to `to` for a withdrawal `from` burned on the L3. Only the
    ///         portal may call, while it relays a withdrawal sent by the CR8 L3 bridge.
    function finalizeWithdrawal(address from, address to, uint256 amount) external;

    /// @notice CR8 escrowed by deposits and not yet released by withdrawals.
    function totalEscrowed() external view returns (uint256);

    /// @notice The CR8 token (ERC-20 with permit) this bridge escrows.
    function CR8() external view returns (IERC20);

    /// @notice The portal of the CR8 L3 on this chain.
    function PORTAL() external view returns (IDepositPortal);

    /// @notice The L3 bridge predeploy that deposits call and withdrawals must come from.
    function L3_BRIDGE() external view returns (address);

    /// @notice The L3 gas limit of every deposit's call to the L3 bridge.
    function DEPOSIT_GAS_LIMIT() external view returns (uint64);

    /// @notice The semantic version of the contract.
    function version() external view returns (string memory);
}
