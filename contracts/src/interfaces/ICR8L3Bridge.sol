// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommon} from "./ICommon.sol";

/// @title ICR8L3Bridge
/// @notice The L3 half of the CR8 gas bridge, a LiquidityController minter. Deposits from the parent bridge
///         arrive as portal deposit transactions and mint native CR8; withdrawals burn native CR8 and send a
///         message through L2ToL1MessagePasser that the parent bridge turns into a CR8 release once the
///         portal has proven and finalized it.
/// @dev Predeploy at 0xC800000000000000000000000000000000000007.
interface ICR8L3Bridge is ICommon {
    /// @notice `amount` native CR8 was minted to `to` for a deposit `from` made on the parent chain.
    event DepositFinalized(address indexed from, address indexed to, uint256 amount);

    /// @notice `from` burned `amount` native CR8 to withdraw it to `to` on the parent chain.
    event WithdrawalInitiated(address indexed from, address indexed to, uint256 amount);

    /// @notice Deposits must come from the parent bridge through the portal (its aliased address); `caller`
    ///         is not it.
    error NotParentBridge(address caller);

    /// @notice Mints `amount` native CR8 to `to` for a parent-chain deposit by `from`. Only the parent bridge,
    ///         through the portal, may call.
    function finalizeDeposit(address from, address to, uint256 amount) external;

    /// @notice Burns `msg.value` native CR8 and starts its withdrawal to `to` on the parent chain, to be
    ///         released there by the parent bridge after the portal's proof and finalization period.
    function withdraw(address to) external payable;

    /// @notice Native CR8 minted for deposits, ever.
    function totalMinted() external view returns (uint256);

    /// @notice Native CR8 burned for withdrawals, ever.
    function totalBurned() external view returns (uint256);

    /// @notice The parent bridge on the parent chain.
    function PARENT_BRIDGE() external view returns (address);

    /// @notice The address deposits from the parent bridge arrive from: the parent bridge plus OP's alias
    ///         offset, because the portal aliases contract senders.
    function ALIASED_PARENT_BRIDGE() external view returns (address);

    /// @notice The parent-chain gas limit of every withdrawal's call to the parent bridge.
    function WITHDRAWAL_GAS_LIMIT() external view returns (uint256);

    /// @notice The semantic version of the implementation behind the proxy.
    function version() external view returns (string memory);
}
