// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CR8L3Bridge} from "../../src/bridge/CR8L3Bridge.sol";
import {LiquidityController} from "../../src/cgt/LiquidityController.sol";
import {NativeAssetLiquidity} from "../../src/cgt/NativeAssetLiquidity.sol";
import {Predeploys} from "../../src/libraries/Predeploys.sol";
import {PredeployProxy} from "../../src/proxy/PredeployProxy.sol";
import {Test} from "forge-std/Test.sol";

/// @title L3Predeploys
/// @notice Places the CR8 L3's custom-gas-token and bridge predeploys the way genesis does: a
///         PredeployProxy's code at the predeploy address with only its admin and implementation slots
///         set, the pre-minted native supply as NativeAssetLiquidity's balance, and OP's own
///         L2ToL1MessagePasser bytecode (from the contracts-bedrock npm package) at 0x4200…0016.
abstract contract L3Predeploys is Test {
    /// @notice The native supply genesis pre-mints into NativeAssetLiquidity.
    uint256 internal constant GENESIS_LIQUIDITY = 10_000_000_000e18;

    bytes32 internal constant ADMIN_SLOT = 0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103;
    bytes32 internal constant IMPLEMENTATION_SLOT =
        0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;

    string internal constant MESSAGE_PASSER_ARTIFACT =
        "lib/@eth-optimism/contracts-bedrock/forge-artifacts/L2ToL1MessagePasser.sol/L2ToL1MessagePasser.json";

    address internal proxyAdmin = makeAddr("proxyAdmin");
    address internal controllerOwner = makeAddr("controllerOwner");

    NativeAssetLiquidity internal liquidity = NativeAssetLiquidity(Predeploys.NATIVE_ASSET_LIQUIDITY);
    LiquidityController internal controller = LiquidityController(Predeploys.LIQUIDITY_CONTROLLER);

    /// @notice Puts a PredeployProxy at `predeploy` pointing at `implementation`, as a genesis alloc does.
    function placePredeploy(address predeploy, address implementation) internal {
        PredeployProxy template = new PredeployProxy(proxyAdmin);
        vm.etch(predeploy, address(template).code);
        vm.store(predeploy, ADMIN_SLOT, bytes32(uint256(uint160(proxyAdmin))));
        vm.store(predeploy, IMPLEMENTATION_SLOT, bytes32(uint256(uint160(implementation))));
    }

    /// @notice NativeAssetLiquidity holding the genesis supply, and an initialized LiquidityController.
    function placeCgtPredeploys() internal {
        placePredeploy(Predeploys.NATIVE_ASSET_LIQUIDITY, address(new NativeAssetLiquidity()));
        vm.deal(Predeploys.NATIVE_ASSET_LIQUIDITY, GENESIS_LIQUIDITY);
        placePredeploy(Predeploys.LIQUIDITY_CONTROLLER, address(new LiquidityController()));
        controller.initialize(controllerOwner, "CR8", "CR8");
    }

    /// @notice OP's L2ToL1MessagePasser runtime code at its predeploy address.
    function placeMessagePasser() internal {
        vm.etch(Predeploys.L2_TO_L1_MESSAGE_PASSER, vm.getDeployedCode(MESSAGE_PASSER_ARTIFACT));
    }

    /// @notice The CR8 L3 bridge for `parentBridge` at its predeploy address, authorized as a minter.
    function placeL3Bridge(address parentBridge) internal returns (CR8L3Bridge bridge) {
        placePredeploy(Predeploys.CR8_L3_BRIDGE, address(new CR8L3Bridge(parentBridge)));
        vm.prank(controllerOwner);
        controller.authorizeMinter(Predeploys.CR8_L3_BRIDGE);
        return CR8L3Bridge(Predeploys.CR8_L3_BRIDGE);
    }

    /// @notice OP's address alias of a parent-chain contract.
    function aliasOf(address account) internal pure returns (address) {
        unchecked {
            return address(uint160(account) + Predeploys.ALIAS_OFFSET);
        }
    }
}
