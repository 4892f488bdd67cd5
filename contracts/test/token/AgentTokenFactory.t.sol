// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "../../src/interfaces/IAgentRegistry.sol";
import {IAgentToken} from "../../src/interfaces/IAgentToken.sol";
import {IAgentTokenFactory} from "../../src/interfaces/IAgentTokenFactory.sol";
import {ICommon} from "../../src/interfaces/ICommon.sol";
import {AgentToken} from "../../src/token/AgentToken.sol";
import {AgentTokenFactory} from "../../src/token/AgentTokenFactory.sol";
import {CR8Test} from "../utils/CR8Test.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Errors} from "@openzeppelin/contracts/utils/Errors.sol";

contract AgentTokenFactoryTest is CR8Test {
    uint96 internal constant CREATOR_ALLOCATION = 100_000_000e18;

    function _args(
        uint256 agentId,
        string memory name,
        string memory symbol,
        uint96 supply,
        uint96 creatorAllocation
    ) internal pure returns (bytes memory) {
        return abi.encodePacked(
            uint64(agentId),
            supply,
            creatorAllocation,
            uint8(bytes(name).length),
            name,
            uint8(bytes(symbol).length),
            symbol
        );
    }

    function _predict(
        uint256 agentId,
        string memory name,
        string memory symbol,
        uint96 supply,
        uint96 allocation
    ) internal view returns (address) {
        return Clones.predictDeterministicAddressWithImmutableArgs(
            address(deployment.tokenImplementation),
            _args(agentId, name, symbol, supply, allocation),
            bytes32(agentId),
            address(tokenFactory)
        );
    }

    function _create(
        uint256 agentId,
        address creator,
        string memory name,
        string memory symbol,
        uint96 supply,
        uint96 allocation
    ) internal returns (AgentToken) {
        vm.prank(address(registry));
        return AgentToken(tokenFactory.createAgentToken(agentId, creator, name, symbol, supply, allocation));
    }

    function _text(bytes32 seed, uint256 length) internal pure returns (string memory) {
        bytes memory out = new bytes(length);
        for (uint256 i; i < length; ++i) {
            // Printable ASCII.
            out[i] = bytes1(uint8(0x21 + uint8(seed[i % 32]) % 94));
        }
        return string(out);
    }

    // ---------------------------------------------------------------------------------------------
    // Deployment
    // ---------------------------------------------------------------------------------------------

    function test_constructor_setsImmutables_succeeds() public {
        assertEq(tokenFactory.tokenImplementation(), address(deployment.tokenImplementation));
        assertEq(tokenFactory.registry(), address(registry));
        assertEq(tokenFactory.version(), "1.0.0");
        assertEq(deployment.tokenImplementation.FACTORY(), address(tokenFactory));

        AgentTokenFactory fresh = new AgentTokenFactory(address(0xbeef), address(0xcafe));
        assertEq(fresh.tokenImplementation(), address(0xbeef));
        assertEq(fresh.registry(), address(0xcafe));
    }

    function test_constructor_zeroAddress_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new AgentTokenFactory(address(0), address(registry));
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new AgentTokenFactory(address(deployment.tokenImplementation), address(0));
    }

    // ---------------------------------------------------------------------------------------------
    // createAgentToken
    // ---------------------------------------------------------------------------------------------

    function test_createAgentToken_notRegistry_reverts() public {
        address[4] memory callers = [alice, admin, address(this), address(market)];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(ICommon.Unauthorized.selector, callers[i]));
            vm.prank(callers[i]);
            tokenFactory.createAgentToken(1, alice, "Agent", "AG", SUPPLY, CREATOR_ALLOCATION);
        }
        // Nothing was deployed at the address the token would get.
        assertEq(_predict(1, "Agent", "AG", SUPPLY, CREATOR_ALLOCATION).code.length, 0);
    }

    function testFuzz_createAgentToken_notRegistry_reverts(address caller) public {
        vm.assume(caller != address(registry));
        vm.expectRevert(abi.encodeWithSelector(ICommon.Unauthorized.selector, caller));
        vm.prank(caller);
        tokenFactory.createAgentToken(1, alice, "Agent", "AG", SUPPLY, CREATOR_ALLOCATION);
    }

    function test_createAgentToken_fromRegistry_succeeds() public {
        address predicted = _predict(77, "Direct Agent", "DIRECT", SUPPLY, CREATOR_ALLOCATION);

        vm.expectEmit(predicted);
        emit IERC20.Transfer(address(0), alice, CREATOR_ALLOCATION);
        vm.expectEmit(predicted);
        emit IERC20.Transfer(address(0), address(market), SUPPLY - CREATOR_ALLOCATION);
        vm.expectEmit(address(tokenFactory));
        emit IAgentTokenFactory.AgentTokenCreated(77, predicted, alice, SUPPLY, CREATOR_ALLOCATION);
        AgentToken token = _create(77, alice, "Direct Agent", "DIRECT", SUPPLY, CREATOR_ALLOCATION);

        assertEq(address(token), predicted);
        assertEq(token.name(), "Direct Agent");
        assertEq(token.symbol(), "DIRECT");
        assertEq(token.decimals(), 18);
        assertEq(token.totalSupply(), SUPPLY);
        assertEq(token.agentId(), 77);
        assertEq(token.creatorAllocation(), CREATOR_ALLOCATION);
        assertEq(token.marketAllocation(), SUPPLY - CREATOR_ALLOCATION);
        assertEq(token.balanceOf(alice), CREATOR_ALLOCATION);
        assertEq(token.balanceOf(address(market)), SUPPLY - CREATOR_ALLOCATION);
        assertEq(token.market(), address(market));
        assertEq(token.FACTORY(), address(tokenFactory));

        // An ERC-1167 clone of the implementation carrying the packed arguments.
        assertEq(
            Clones.fetchCloneArgs(address(token)),
            _args(77, "Direct Agent", "DIRECT", SUPPLY, CREATOR_ALLOCATION)
        );
        bytes memory code = address(token).code;
        address target;
        assembly {
            target := shr(96, mload(add(code, add(0x20, 10))))
        }
        assertEq(target, address(deployment.tokenImplementation));
    }

    function test_createAgentToken_sameAgentIdTwice_reverts() public {
        _create(5, alice, "Agent", "AG", SUPPLY, CREATOR_ALLOCATION);
        vm.expectRevert(Errors.FailedDeployment.selector);
        vm.prank(address(registry));
        tokenFactory.createAgentToken(5, alice, "Agent", "AG", SUPPLY, CREATOR_ALLOCATION);
        // Another creator does not change the address either.
        vm.expectRevert(Errors.FailedDeployment.selector);
        vm.prank(address(registry));
        tokenFactory.createAgentToken(5, bob, "Agent", "AG", SUPPLY, CREATOR_ALLOCATION);
    }

    function test_createAgentToken_registeredAgentIdAgain_reverts() public {
        (uint256 agentId, AgentToken token) = registerAgent(alice);
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        uint96 allocation = uint96(uint256(r.tokenSupply) * r.creatorShareBps / 10_000);
        assertEq(_predict(agentId, r.tokenName, r.tokenSymbol, r.tokenSupply, allocation), address(token));

        vm.expectRevert(Errors.FailedDeployment.selector);
        vm.prank(address(registry));
        tokenFactory.createAgentToken(agentId, bob, r.tokenName, r.tokenSymbol, r.tokenSupply, allocation);
        assertEq(token.balanceOf(bob), 0);
    }

    function test_createAgentToken_cloneCannotBeReinitialized_reverts() public {
        AgentToken token = _create(9, alice, "Agent", "AG", SUPPLY, CREATOR_ALLOCATION);
        vm.expectRevert(abi.encodeWithSelector(IAgentToken.OnlyPlatform.selector, address(registry)));
        vm.prank(address(registry));
        token.initialize(alice);
        vm.expectRevert(IAgentToken.AlreadyInitialized.selector);
        vm.prank(address(tokenFactory));
        token.initialize(alice);
        assertEq(token.balanceOf(alice), CREATOR_ALLOCATION);
    }

    function test_createAgentToken_zeroCreator_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vm.prank(address(registry));
        tokenFactory.createAgentToken(3, address(0), "Agent", "AG", SUPPLY, CREATOR_ALLOCATION);
    }

    function testFuzz_createAgentToken_readsBack_succeeds(
        uint64 agentId,
        bytes32 seed,
        uint256 nameLength,
        uint256 symbolLength,
        uint96 supply,
        uint96 allocation
    ) public {
        nameLength = bound(nameLength, 1, 31);
        symbolLength = bound(symbolLength, 1, 31);
        supply = uint96(bound(supply, 1, type(uint96).max));
        allocation = uint96(bound(allocation, 0, supply));
        string memory name = _text(seed, nameLength);
        string memory symbol = _text(keccak256(abi.encode(seed)), symbolLength);

        AgentToken token = _create(agentId, bob, name, symbol, supply, allocation);
        assertEq(address(token), _predict(agentId, name, symbol, supply, allocation));
        assertEq(token.name(), name);
        assertEq(token.symbol(), symbol);
        assertEq(token.agentId(), agentId);
        assertEq(token.totalSupply(), supply);
        assertEq(token.creatorAllocation(), allocation);
        assertEq(token.marketAllocation(), supply - allocation);
        assertEq(token.balanceOf(bob), allocation);
        assertEq(token.balanceOf(address(market)), supply - allocation);
    }

    /// @dev The path production uses: the registry computes the allocation and creates the token.
    function testFuzz_createAgentToken_viaRegistry_succeeds(
        bytes32 seed,
        uint256 nameLength,
        uint256 symbolLength,
        uint96 supply,
        uint16 shareBps
    ) public {
        nameLength = bound(nameLength, 1, 31);
        symbolLength = bound(symbolLength, 1, 31);
        supply = uint96(bound(supply, 1e18, type(uint96).max));
        shareBps = uint16(bound(shareBps, 0, 5000));
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        r.tokenName = _text(seed, nameLength);
        r.tokenSymbol = _text(keccak256(abi.encode(seed)), symbolLength);
        r.tokenSupply = supply;
        r.creatorShareBps = shareBps;
        uint256 allocation = uint256(supply) * shareBps / 10_000;

        vm.prank(carol);
        (uint256 agentId, address tokenAddress) = registry.registerAgent(r);
        AgentToken token = AgentToken(tokenAddress);
        assertEq(tokenAddress, _predict(agentId, r.tokenName, r.tokenSymbol, supply, uint96(allocation)));
        assertEq(token.name(), r.tokenName);
        assertEq(token.symbol(), r.tokenSymbol);
        assertEq(token.agentId(), agentId);
        assertEq(token.totalSupply(), supply);
        assertEq(token.creatorAllocation(), allocation);
        assertEq(token.marketAllocation(), supply - allocation);
        assertEq(token.balanceOf(carol), allocation);
        assertEq(token.balanceOf(address(market)), supply - allocation);
    }

    function test_createAgentToken_manyAgents_distinctAddresses_succeeds() public {
        address[] memory tokens = new address[](5);
        for (uint256 i; i < tokens.length; ++i) {
            (, AgentToken token) = registerAgent(alice);
            tokens[i] = address(token);
            assertEq(token.agentId(), i + 1);
            for (uint256 j; j < i; ++j) {
                assertTrue(tokens[i] != tokens[j]);
            }
        }
    }
}
