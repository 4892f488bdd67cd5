// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICR8L3Bridge} from "../interfaces/ICR8L3Bridge.sol";
import {ICR8ParentBridge} from "../interfaces/ICR8ParentBridge.sol";
import {IL2ToL1MessagePasser} from "../interfaces/IL2ToL1MessagePasser.sol";
import {ILiquidityController} from "../interfaces/ILiquidityController.sol";
import {Predeploys} from "../libraries/Predeploys.sol";

/// @title CR8L3Bridge
/// @notice Mints native CR8 for parent-chain deposits and burns it for withdrawals. See {ICR8L3Bridge}.
/// @dev The parent bridge's address is an immutable of the implementation, so genesis only needs the proxy
///      and this code; the two counters live in an ERC-7201 namespace and start at zero, so no initializer.
///      Genesis must make this predeploy an authorized minter of the LiquidityController.
/// @custom:proxied true
/// @custom:predeploy 0xC800000000000000000000000000000000000007
contract CR8L3Bridge is ICR8L3Bridge {
    /// @inheritdoc ICR8L3Bridge
    /// @dev The least gas the portal gives the parent bridge's `finalizeWithdrawal`. Measured at 93,000 by
    ///      the forge test `test_finalizeWithdrawal_gasWithinWithdrawalLimit_succeeds` (CR8ParentBridge.t.sol)
    ///      in the worst case: bridge, token and portal cold, and a recipient with no CR8 yet who delegated
    ///      its votes (ERC20Votes writes a new checkpoint). On OP's real portal a withdrawal whose call runs
    ///      out of gas is marked finalized anyway and its CR8 is lost, so the limit is over three times the
    ///      measurement. It costs nothing unless used: the finalizer only needs to send that much gas.
    uint256 public constant WITHDRAWAL_GAS_LIMIT = 300_000;

    /// @inheritdoc ICR8L3Bridge
    address public immutable PARENT_BRIDGE;

    /// @inheritdoc ICR8L3Bridge
    address public immutable ALIASED_PARENT_BRIDGE;

    /// @custom:storage-location erc7201:cr8.storage.CR8L3Bridge
    struct CR8L3BridgeStorage {
        uint256 totalMinted;
        uint256 totalBurned;
    }

    // keccak256(abi.encode(uint256(keccak256("cr8.storage.CR8L3Bridge")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION =
        0xd807e218a2e8534c956f3bd9f91b39d632f02a939eae6a20f380f6b524c98900;

    /// @param parentBridge The CR8ParentBridge on the parent chain.
    constructor(address parentBridge) {
        if (parentBridge == address(0)) revert ZeroAddress();
        PARENT_BRIDGE = parentBridge;
        // The portal's alias of a contract sender: address + 0x1111…1111, wrapping at 2**160.
        unchecked {
            ALIASED_PARENT_BRIDGE = address(uint160(parentBridge) + Predeploys.ALIAS_OFFSET);
        }
    }

    /// @inheritdoc ICR8L3Bridge
    /// @dev Must not revert for a genuine deposit: its CR8 is already escrowed on the parent chain and
    ///      nothing would refund it. The parent bridge rules out a zero recipient and a zero amount, and the
    ///      controller's forced send cannot be refused.
    function finalizeDeposit(address from, address to, uint256 amount) external {
        if (msg.sender != ALIASED_PARENT_BRIDGE) revert NotParentBridge(msg.sender);
        _storage().totalMinted += amount;
        ILiquidityController(Predeploys.LIQUIDITY_CONTROLLER).mint(to, amount);
        emit DepositFinalized(from, to, amount);
    }

    /// @inheritdoc ICR8L3Bridge
    /// @dev A zero recipient is refused here because the parent bridge could not release to it: the CR8
    ///      token refuses transfers to the zero address, and the burned CR8 would be stuck.
    function withdraw(address to) external payable {
        uint256 amount = msg.value;
        if (amount == 0) revert ZeroAmount();
        if (to == address(0)) revert ZeroAddress();
        _storage().totalBurned += amount;
        ILiquidityController(Predeploys.LIQUIDITY_CONTROLLER).burn{value: amount}();
        // No value: the message passer of a custom-gas-token chain refuses it. The burn above is what takes
        // the CR8 out of circulation; the message only tells the parent bridge to release the escrow.
        IL2ToL1MessagePasser(Predeploys.L2_TO_L1_MESSAGE_PASSER)
            .initiateWithdrawal(
                PARENT_BRIDGE,
                WITHDRAWAL_GAS_LIMIT,
                abi.encodeCall(ICR8ParentBridge.finalizeWithdrawal, (msg.sender, to, amount))
            );
        emit WithdrawalInitiated(msg.sender, to, amount);
    }

    /// @inheritdoc ICR8L3Bridge
    function totalMinted() external view returns (uint256) {
        return _storage().totalMinted;
    }

    /// @inheritdoc ICR8L3Bridge
    function totalBurned() external view returns (uint256) {
        return _storage().totalBurned;
    }

    /// @inheritdoc ICR8L3Bridge
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    function _storage() private pure returns (CR8L3BridgeStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
