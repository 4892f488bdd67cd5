// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CR8Deployer} from "./CR8Deployer.sol";
import {Script} from "forge-std/Script.sol";
import {stdJson} from "forge-std/StdJson.sol";

/// @title Deploy
/// @notice Deploys the CR8 contracts to a running chain and writes their addresses as JSON.
///         Environment: DEPLOYER_PRIVATE_KEY (required; read from the environment so it never appears
///         in a process list or shell history), ADMIN, GUARDIAN, TREASURY, KYC_ATTESTER (addresses;
///         default: the deployer), DEPLOYMENT_OUT (file to write, inside contracts/; default
///         `deployments/local.json`). Usually run through `cr8 contracts deploy`.
contract Deploy is Script, CR8Deployer {
    using stdJson for string;

    address private _broadcaster;

    function run() external {
        uint256 deployerKey = vm.envUint("DEPLOYER_PRIVATE_KEY");
        address sender = vm.addr(deployerKey);
        _broadcaster = sender;
        vm.startBroadcast(deployerKey);
        Config memory config = defaultConfig(
            vm.envOr("ADMIN", sender),
            vm.envOr("GUARDIAN", sender),
            vm.envOr("TREASURY", sender),
            vm.envOr("KYC_ATTESTER", sender)
        );
        Deployment memory d = deployCR8(config);
        vm.stopBroadcast();

        string memory json = "deployment";
        json.serialize("chainId", block.chainid);
        json.serialize("ProxyAdmin", address(d.proxyAdmin));
        json.serialize("AgentRegistry", address(d.registry));
        json.serialize("AgentTokenFactory", address(d.tokenFactory));
        json.serialize("AgentTokenImplementation", address(d.tokenImplementation));
        json.serialize("AgentMarket", address(d.market));
        json.serialize("FeeDistributor", address(d.feeDistributor));
        json.serialize("CR8Staking", address(d.staking));
        json.serialize("KycRegistry", address(d.kycRegistry));
        json.serialize("OrchestratorRegistry", address(d.orchestrators));
        json.serialize("CreditVault", address(d.creditVault));
        json.serialize("ExecutionReceipts", address(d.executionReceipts));
        string memory out = json.serialize("AgentReputation", address(d.reputation));
        string memory path = vm.envOr("DEPLOYMENT_OUT", string("deployments/local.json"));
        vm.writeJson(out, path);
    }

    function _temporaryAdmin() internal view override returns (address) {
        return _broadcaster;
    }
}
