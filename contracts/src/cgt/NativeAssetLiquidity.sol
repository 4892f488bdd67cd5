// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {INativeAssetLiquidity} from "../interfaces/INativeAssetLiquidity.sol";
import {ForcedSend} from "../libraries/ForcedSend.sol";
import {Predeploys} from "../libraries/Predeploys.sol";

/// @title NativeAssetLiquidity
/// @notice Holds the native CR8 that is not in circulation on the L3. See {INativeAssetLiquidity}.
/// @dev Stateless: its balance is the whole ledger. The native supply that genesis pre-mints sits here as
///      the proxy's balance; circulating supply is that genesis amount minus this balance.
///      No `receive`: a plain transfer here is refused, so value arrives only through `deposit` (the
///      controller's burns) or `fund`, each with its event.
/// @custom:proxied true
/// @custom:predeploy 0x4200000000000000000000000000000000000029
contract NativeAssetLiquidity is INativeAssetLiquidity {
    modifier onlyLiquidityController() {
        if (msg.sender != Predeploys.LIQUIDITY_CONTROLLER) revert Unauthorized(msg.sender);
        _;
    }

    /// @inheritdoc INativeAssetLiquidity
    function deposit() external payable onlyLiquidityController {
        emit LiquidityDeposited(msg.sender, msg.value);
    }

    /// @inheritdoc INativeAssetLiquidity
    /// @dev A forced send, as OP's implementation does, so the controller needs no `receive` function
    ///      (and so cannot be sent native CR8 by mistake).
    function withdraw(uint256 amount) external onlyLiquidityController {
        uint256 available = address(this).balance;
        if (amount > available) revert InsufficientLiquidity(available, amount);
        ForcedSend.send(msg.sender, amount);
        emit LiquidityWithdrawn(msg.sender, amount);
    }

    /// @inheritdoc INativeAssetLiquidity
    function fund() external payable {
        if (msg.value == 0) revert ZeroAmount();
        emit LiquidityFunded(msg.sender, msg.value);
    }

    /// @inheritdoc INativeAssetLiquidity
    function version() external pure returns (string memory) {
        return "1.0.0";
    }
}
