// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "../src/interfaces/IAgentRegistry.sol";
import {AgentToken} from "../src/token/AgentToken.sol";
import {CR8Test} from "./utils/CR8Test.sol";

/// @title GasSnapshotsTest
/// @notice The gas of CR8's main operations as committed, reviewed numbers: each test writes a named
///         snapshot to `snapshots/` and `make test` (FORGE_SNAPSHOT_CHECK=true) fails when one moves.
///         Before each measured call the touched contracts are cooled (`vm.cool`), so storage reads and
///         writes are priced as in a fresh transaction. `make bench-gas` measures whole transactions.
contract GasSnapshotsTest is CR8Test {
    uint256 internal agentId;
    AgentToken internal token;

    function setUp() public override {
        super.setUp();
        (agentId, token) = registerAgent(carol);
        buyTokens(alice, agentId, 10e18);
        vm.prank(bob);
        staking.stake{value: 100e18}();
        vm.deal(address(this), 100e18);
        feeDistributor.distribute{value: 1e18}(agentId, orchestrator);
    }

    function _coolAll() internal {
        vm.cool(address(registry));
        vm.cool(address(tokenFactory));
        vm.cool(address(market));
        vm.cool(address(feeDistributor));
        vm.cool(address(staking));
        vm.cool(address(token));
        vm.cool(address(deployment.tokenImplementation));
    }

    function test_gas_registerAgent() public {
        _coolAll();
        vm.prank(bob);
        registry.registerAgent(registration(CARD_URI));
        vm.snapshotGasLastCall("AgentRegistry", "registerAgent (new creator)");
    }

    function test_gas_registerAgentFor() public {
        (address developer, uint256 developerKey) = makeAddrAndKey("developer");
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = signDigest(developerKey, registerAgentDigest(r, developer, 0, deadline));
        _coolAll();
        vm.prank(bob);
        registry.registerAgentFor(r, developer, deadline, signature);
        vm.snapshotGasLastCall("AgentRegistry", "registerAgentFor (new creator, relayed)");
    }

    function test_gas_agentTokenTransferToNewHolder() public {
        _coolAll();
        vm.prank(alice);
        token.transfer(makeAddr("fresh holder"), 1e18);
        vm.snapshotGasLastCall("AgentToken", "transfer to a new holder (fees accrued)");
    }

    function test_gas_distribute() public {
        _coolAll();
        feeDistributor.distribute{value: 1e18}(agentId, orchestrator);
        vm.snapshotGasLastCall("FeeDistributor", "distribute");
    }

    function test_gas_claimHolderFees() public {
        _coolAll();
        vm.prank(alice);
        feeDistributor.claimHolderFees(agentId, alice);
        vm.snapshotGasLastCall("FeeDistributor", "claimHolderFees");
    }

    function test_gas_buy() public {
        _coolAll();
        vm.prank(bob);
        market.buy{value: 1e18}(agentId, 0, block.timestamp);
        vm.snapshotGasLastCall("AgentMarket", "buy");
    }

    function test_gas_sell() public {
        _coolAll();
        vm.prank(alice);
        market.sell(agentId, 1e18, 0, block.timestamp);
        vm.snapshotGasLastCall("AgentMarket", "sell");
    }

    function test_gas_stakeAndUnstake() public {
        _coolAll();
        vm.prank(carol);
        staking.stake{value: 50e18}();
        vm.snapshotGasLastCall("CR8Staking", "stake (new staker)");
        _coolAll();
        vm.prank(carol);
        staking.unstake(25e18);
        vm.snapshotGasLastCall("CR8Staking", "unstake");
    }
}
