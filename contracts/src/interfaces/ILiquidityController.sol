// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommon} from "./ICommon.sol";

/// @title ILiquidityController
/// @notice The custom-gas-token v2 supply router of the CR8 L3 (OP spec `custom-gas-token/predeploys.md`).
///         Its owner authorizes minters (on CR8: the CR8 L3 bridge); a minter `mint`s native CR8 out of
///         NativeAssetLiquidity to a recipient and `burn`s native CR8 back into it. It also names the gas
///         token, which OP's L1Block and WETH predeploys read to call wrapped CR8 "Wrapped CR8" / "WCR8".
/// @dev Predeploy at 0x420000000000000000000000000000000000002A. Events are the spec's. The name and
///      symbol getters come in both spellings: the spec's `gasPayingAssetName`/`gasPayingAssetSymbol`,
///      and OP's implementation's `gasPayingTokenName`/`gasPayingTokenSymbol`, which its L1Block and WETH
///      actually call.
interface ILiquidityController is ICommon {
    /// @notice The owner authorized `minter` to mint and burn.
    event MinterAuthorized(address indexed minter);

    /// @notice The owner revoked `minter`.
    event MinterDeauthorized(address indexed minter);

    /// @notice `minter` released `amount` native CR8 from NativeAssetLiquidity to `to`.
    event LiquidityMinted(address indexed minter, address indexed to, uint256 amount);

    /// @notice `minter` locked `amount` native CR8 back in NativeAssetLiquidity.
    event LiquidityBurned(address indexed minter, uint256 amount);

    /// @param owner_ Manages minters (the chain's governance; OP's intent calls it `liquidityControllerOwner`).
    /// @param gasPayingTokenName_ The native asset's name, e.g. "CR8".
    /// @param gasPayingTokenSymbol_ The native asset's symbol, e.g. "CR8".
    function initialize(
        address owner_,
        string calldata gasPayingTokenName_,
        string calldata gasPayingTokenSymbol_
    ) external;

    /// @notice Lets `minter` mint and burn. Owner only.
    function authorizeMinter(address minter) external;

    /// @notice Stops `minter` from minting and burning. Owner only.
    function deauthorizeMinter(address minter) external;

    /// @notice Releases `amount` native CR8 from NativeAssetLiquidity and delivers it to `to`. Minters only.
    ///         Delivery is a forced send: no code of `to` runs, so no recipient can make a mint revert.
    function mint(address to, uint256 amount) external;

    /// @notice Locks `msg.value` (which must be positive) back in NativeAssetLiquidity. Minters only.
    function burn() external payable;

    /// @notice Whether `account` may mint and burn.
    function minters(address account) external view returns (bool);

    /// @notice The native asset's name (OP implementation's spelling, read by L1Block and WETH).
    function gasPayingTokenName() external view returns (string memory);

    /// @notice The native asset's symbol (OP implementation's spelling, read by L1Block and WETH).
    function gasPayingTokenSymbol() external view returns (string memory);

    /// @notice The native asset's name (the spec's spelling).
    function gasPayingAssetName() external view returns (string memory);

    /// @notice The native asset's symbol (the spec's spelling).
    function gasPayingAssetSymbol() external view returns (string memory);

    /// @notice The semantic version of the implementation behind the proxy.
    function version() external view returns (string memory);
}
