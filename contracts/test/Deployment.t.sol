// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPredeployProxy} from "../src/interfaces/IPredeployProxy.sol";
import {CR8Test} from "./utils/CR8Test.sol";

contract DeploymentTest is CR8Test {
    function test_deploy_wiresEveryProxyToTheProxyAdmin_succeeds() public {
        address[6] memory proxies = [
            address(registry),
            address(tokenFactory),
            address(market),
            address(feeDistributor),
            address(staking),
            address(kyc)
        ];
        for (uint256 i; i < proxies.length; ++i) {
            vm.prank(address(0)); // the proxy answers admin() to eth_call's zero sender
            assertEq(IPredeployProxy(proxies[i]).admin(), address(deployment.proxyAdmin));
        }
        assertEq(deployment.proxyAdmin.owner(), admin);
    }

    function test_registerAgent_createsTokenAndListsIt_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        assertEq(agentId, 1);
        assertEq(registry.tokenURI(agentId), CARD_URI);
    }
}
