// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICR8L3Bridge} from "../interfaces/ICR8L3Bridge.sol";
import {ICR8ParentBridge} from "../interfaces/ICR8ParentBridge.sol";
import {IDepositPortal} from "../interfaces/IDepositPortal.sol";
import {Predeploys} from "../libraries/Predeploys.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title CR8ParentBridge
/// @notice Escrows CR8 on the parent chain for the native CR8 of the L3. See {ICR8ParentBridge}.
/// @dev Not proxied: everything it depends on is fixed at construction, and an escrow whose rules cannot
///      change is easier to trust. A new version would be a new bridge (and a new L3 minter).
contract CR8ParentBridge is ICR8ParentBridge {
    using SafeERC20 for IERC20;

    /// @inheritdoc ICR8ParentBridge
    /// @dev The gas the L3 deposit transaction may use, its intrinsic gas included. Measured at 171,500 by the
    ///      forge test `test_finalizeDeposit_gasWithinDepositLimit_succeeds` (CR8L3Bridge.t.sol): 148,900 of
    ///      execution in the worst case (bridge, controller and vault proxies and implementations all cold,
    ///      a recipient that does not exist yet: two forced sends, one creating an account) plus 21,000 and
    ///      the calldata. A deposit that runs out of gas on the L3 strands its CR8 in this escrow, so the
    ///      limit is about twice the measurement, room for fork repricings. The portal buys this gas with
    ///      parent-chain gas (OptimismPortal's resource metering), paid by the depositor.
    uint64 public constant DEPOSIT_GAS_LIMIT = 350_000;

    /// @inheritdoc ICR8ParentBridge
    IERC20 public immutable CR8;

    /// @inheritdoc ICR8ParentBridge
    IDepositPortal public immutable PORTAL;

    /// @inheritdoc ICR8ParentBridge
    uint256 public totalEscrowed;

    /// @param cr8Token The CR8 ERC-20 on this chain (CR8Token: permit and votes).
    /// @param portal The OptimismPortal (DevnetPortal on the devnet) of the CR8 L3.
    constructor(IERC20 cr8Token, IDepositPortal portal) {
        if (address(cr8Token) == address(0) || address(portal) == address(0)) revert ZeroAddress();
        CR8 = cr8Token;
        PORTAL = portal;
    }

    // ---------------------------------------------------------------------------------------------
    // Deposits
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ICR8ParentBridge
    function deposit(address to, uint256 amount) external {
        _deposit(to, amount);
    }

    /// @inheritdoc ICR8ParentBridge
    /// @dev The permit is tried, not required: anyone who sees the signature in the mempool can submit it
    ///      first, which would otherwise make this call revert although the allowance is in place. Without
    ///      enough allowance the transfer below reverts with the token's own error.
    function depositWithPermit(address to, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
    {
        try IERC20Permit(address(CR8)).permit(msg.sender, address(this), amount, deadline, v, r, s) {}
            catch {}
        _deposit(to, amount);
    }

    // ---------------------------------------------------------------------------------------------
    // Withdrawals
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ICR8ParentBridge
    /// @dev The two checks together are the only proof that the L3 bridge sent this withdrawal: the portal
    ///      calls only with messages it proved against an L3 output root, and names their L3 sender.
    function finalizeWithdrawal(address from, address to, uint256 amount) external {
        if (msg.sender != address(PORTAL)) revert NotPortal(msg.sender);
        address l2Sender = PORTAL.l2Sender();
        if (l2Sender != Predeploys.CR8_L3_BRIDGE) revert NotL3Bridge(l2Sender);
        uint256 escrowed = totalEscrowed;
        if (amount > escrowed) revert InsufficientEscrow(escrowed, amount);
        // Cannot underflow: checked just above.
        unchecked {
            totalEscrowed = escrowed - amount;
        }
        CR8.safeTransfer(to, amount);
        emit WithdrawalFinalized(from, to, amount);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ICR8ParentBridge
    function L3_BRIDGE() external pure returns (address) {
        return Predeploys.CR8_L3_BRIDGE;
    }

    /// @inheritdoc ICR8ParentBridge
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    /// @dev The L3 side cannot refuse a deposit without stranding it, so everything that could make it
    ///      fail there is checked here: a recipient and a positive amount (LiquidityController.mint refuses
    ///      both zeros). `to` needs no other check: the mint's forced send reaches any address.
    function _deposit(address to, uint256 amount) private {
        if (to == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        totalEscrowed += amount;
        CR8.safeTransferFrom(msg.sender, address(this), amount);
        // No value: on a custom-gas-token chain the portal refuses it; the L3 bridge mints instead. The
        // portal aliases this contract's address, which is how the L3 bridge recognizes it.
        PORTAL.depositTransaction(
            Predeploys.CR8_L3_BRIDGE,
            0,
            DEPOSIT_GAS_LIMIT,
            false,
            abi.encodeCall(ICR8L3Bridge.finalizeDeposit, (msg.sender, to, amount))
        );
        emit DepositInitiated(msg.sender, to, amount);
    }
}
