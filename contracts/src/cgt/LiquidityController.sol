// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ILiquidityController} from "../interfaces/ILiquidityController.sol";
import {INativeAssetLiquidity} from "../interfaces/INativeAssetLiquidity.sol";
import {ForcedSend} from "../libraries/ForcedSend.sol";
import {Predeploys} from "../libraries/Predeploys.sol";
import {
    Ownable2StepUpgradeable
} from "@openzeppelin/contracts-upgradeable/access/Ownable2StepUpgradeable.sol";

/// @title LiquidityController
/// @notice Decides who may move native CR8 in and out of NativeAssetLiquidity, and names the gas token.
///         See {ILiquidityController}.
/// @dev Ownership is two-step (OpenZeppelin Ownable2Step): a mistyped new owner would otherwise lose minter
///      management for good. The spec also lets the owner be the chain's ProxyAdmin owner; here it is
///      whoever `initialize` names, as in OP's implementation.
/// @custom:proxied true
/// @custom:predeploy 0x420000000000000000000000000000000000002A
contract LiquidityController is ILiquidityController, Ownable2StepUpgradeable {
    /// @custom:storage-location erc7201:cr8.storage.LiquidityController
    struct LiquidityControllerStorage {
        mapping(address account => bool) minters;
        string gasPayingTokenName;
        string gasPayingTokenSymbol;
    }

    // keccak256(abi.encode(uint256(keccak256("cr8.storage.LiquidityController")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION =
        0xee3fcd8a8ace0c7562274b6594616f5defb9846c882144dceef6a48a06e97200;

    modifier onlyMinter() {
        if (!_storage().minters[msg.sender]) revert Unauthorized(msg.sender);
        _;
    }

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc ILiquidityController
    function initialize(
        address owner_,
        string calldata gasPayingTokenName_,
        string calldata gasPayingTokenSymbol_
    ) external initializer {
        __Ownable_init(owner_); // reverts with OwnableInvalidOwner on the zero address
        LiquidityControllerStorage storage $ = _storage();
        $.gasPayingTokenName = gasPayingTokenName_;
        $.gasPayingTokenSymbol = gasPayingTokenSymbol_;
    }

    // ---------------------------------------------------------------------------------------------
    // Governance
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ILiquidityController
    function authorizeMinter(address minter) external onlyOwner {
        if (minter == address(0)) revert ZeroAddress();
        _storage().minters[minter] = true;
        emit MinterAuthorized(minter);
    }

    /// @inheritdoc ILiquidityController
    function deauthorizeMinter(address minter) external onlyOwner {
        delete _storage().minters[minter];
        emit MinterDeauthorized(minter);
    }

    // ---------------------------------------------------------------------------------------------
    // Supply
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ILiquidityController
    /// @dev The spec asks for exactly `amount` to reach `to`; a plain call would let a recipient that
    ///      reverts on receipt (or runs out of gas) make the mint revert, and the CR8 bridge's deposit with
    ///      it: the CR8 escrowed on the parent chain would be stranded. The forced send runs no code of `to`.
    ///      Zero amounts and the zero address are refused: neither can come from the CR8 bridge, whose
    ///      parent side rejects them, and both would only emit a misleading event or lose CR8.
    function mint(address to, uint256 amount) external onlyMinter {
        if (to == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        // Reverts with InsufficientLiquidity when the vault holds less; sends the CR8 here by forced send.
        INativeAssetLiquidity(Predeploys.NATIVE_ASSET_LIQUIDITY).withdraw(amount);
        ForcedSend.send(to, amount);
        emit LiquidityMinted(msg.sender, to, amount);
    }

    /// @inheritdoc ILiquidityController
    function burn() external payable onlyMinter {
        if (msg.value == 0) revert ZeroAmount();
        INativeAssetLiquidity(Predeploys.NATIVE_ASSET_LIQUIDITY).deposit{value: msg.value}();
        emit LiquidityBurned(msg.sender, msg.value);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ILiquidityController
    function minters(address account) external view returns (bool) {
        return _storage().minters[account];
    }

    /// @inheritdoc ILiquidityController
    function gasPayingTokenName() public view returns (string memory) {
        return _storage().gasPayingTokenName;
    }

    /// @inheritdoc ILiquidityController
    function gasPayingTokenSymbol() public view returns (string memory) {
        return _storage().gasPayingTokenSymbol;
    }

    /// @inheritdoc ILiquidityController
    function gasPayingAssetName() external view returns (string memory) {
        return gasPayingTokenName();
    }

    /// @inheritdoc ILiquidityController
    function gasPayingAssetSymbol() external view returns (string memory) {
        return gasPayingTokenSymbol();
    }

    /// @inheritdoc ILiquidityController
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    function _storage() private pure returns (LiquidityControllerStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
