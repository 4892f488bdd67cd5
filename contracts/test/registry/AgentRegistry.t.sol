// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentMarket} from "../../src/interfaces/IAgentMarket.sol";
import {IAgentRegistry} from "../../src/interfaces/IAgentRegistry.sol";
import {IAgentTokenFactory} from "../../src/interfaces/IAgentTokenFactory.sol";
import {ICommon} from "../../src/interfaces/ICommon.sol";
import {IIdentityRegistry} from "../../src/interfaces/IIdentityRegistry.sol";
import {IKycRegistry} from "../../src/interfaces/IKycRegistry.sol";
import {IPredeployProxy} from "../../src/interfaces/IPredeployProxy.sol";
import {PredeployProxy} from "../../src/proxy/PredeployProxy.sol";
import {AgentRegistry} from "../../src/registry/AgentRegistry.sol";
import {AgentToken} from "../../src/token/AgentToken.sol";
import {CR8Test} from "../utils/CR8Test.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {stdError} from "forge-std/StdError.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice An ERC-1271 contract wallet that accepts the ECDSA signatures of one key.
contract MockERC1271Wallet is IERC1271 {
    address public immutable signer;

    constructor(address signer_) {
        signer = signer_;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecover(hash, signature);
        return err == ECDSA.RecoverError.NoError && recovered == signer
            ? IERC1271.isValidSignature.selector
            : bytes4(0xffffffff);
    }
}

/// @notice A smart account: answers ERC-1271 for one key and accepts ERC-721 tokens.
contract MockSmartAccount is MockERC1271Wallet, IERC721Receiver {
    constructor(address signer_) MockERC1271Wallet(signer_) {}

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return IERC721Receiver.onERC721Received.selector;
    }
}

/// @notice An ERC-1271 wallet whose check always reverts.
contract RevertingERC1271Wallet {
    function isValidSignature(bytes32, bytes calldata) external pure returns (bytes4) {
        revert("no");
    }
}

/// @notice A contract creator: registers agents, answers `onERC721Received` with `answer`,
///         and rejects native CR8 (it has no receive function).
contract ContractCreator is IERC721Receiver {
    bytes4 public immutable answer;

    constructor(bytes4 answer_) {
        answer = answer_;
    }

    function register(AgentRegistry registry) external returns (uint256) {
        return registry.register();
    }

    function onERC721Received(address, address, uint256, bytes calldata) external view returns (bytes4) {
        return answer;
    }
}

/// @notice A contract creator without `onERC721Received`.
contract NonReceiverCreator {
    function register(AgentRegistry registry) external returns (uint256) {
        return registry.register();
    }
}

contract AgentRegistryTest is CR8Test {
    string internal constant HTTPS_URI = "https://agents.example.com/research/agent-card.json";
    string internal constant DAG_PB_URI =
        "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
    bytes32 internal constant DAG_PB_DIGEST =
        0xc3c4733ec8affd06cf9e9ff50ffc6bcd2ec85a6170004bb709669c31de94391a;
    string internal constant WALLET_KEY = "agentWallet";
    uint256 internal constant BPS = 10_000;

    bytes32 internal constant AGENT_WALLET_SET_TYPEHASH =
        keccak256("AgentWalletSet(uint256 agentId,address newWallet,address owner,uint256 deadline)");
    bytes32 internal constant EIP712_DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    /// @dev How many fields `_tamper` can change (the nine of the registration, metadata entries in five
    ///      ways, the creator and the deadline).
    uint256 internal constant TAMPERABLE_FIELDS = 15;

    address internal wallet;
    uint256 internal walletKey;
    /// @dev A creator who signs registrations and holds no CR8; `relayer` submits and pays for them.
    address internal developer;
    uint256 internal developerKey;
    address internal relayer = makeAddr("relayer");

    function setUp() public override {
        super.setUp();
        (wallet, walletKey) = makeAddrAndKey("agentWalletKey");
        (developer, developerKey) = makeAddrAndKey("developer");
        vm.deal(relayer, 1_000_000e18);
        vm.warp(1_750_000_000);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    function _terms(string memory name, string memory symbol, uint96 supply, uint16 shareBps)
        internal
        pure
        returns (IAgentRegistry.AgentRegistration memory r)
    {
        r = registration(CARD_URI);
        r.tokenName = name;
        r.tokenSymbol = symbol;
        r.tokenSupply = supply;
        r.creatorShareBps = shareBps;
    }

    function _registerAs(address creator, IAgentRegistry.AgentRegistration memory r)
        internal
        returns (uint256 agentId, AgentToken token)
    {
        vm.prank(creator);
        (uint256 id, address tokenAddress) = registry.registerAgent(r);
        return (id, AgentToken(tokenAddress));
    }

    /// @dev Where the factory's CREATE2 puts the token of `agentId` with these terms.
    function _predictToken(
        uint256 agentId,
        string memory name,
        string memory symbol,
        uint96 supply,
        uint96 creatorAllocation
    ) internal view returns (address) {
        bytes memory args = abi.encodePacked(
            uint64(agentId),
            supply,
            creatorAllocation,
            uint8(bytes(name).length),
            name,
            uint8(bytes(symbol).length),
            symbol
        );
        return Clones.predictDeterministicAddressWithImmutableArgs(
            address(deployment.tokenImplementation), args, bytes32(agentId), address(tokenFactory)
        );
    }

    /// @dev The EIP-712 digest built from scratch (not from the registry).
    function _walletDigest(uint256 agentId, address newWallet, address owner, uint256 deadline)
        internal
        view
        returns (bytes32)
    {
        bytes32 domainSeparator = keccak256(
            abi.encode(
                EIP712_DOMAIN_TYPEHASH,
                keccak256("ERC8004IdentityRegistry"),
                keccak256("1"),
                block.chainid,
                address(registry)
            )
        );
        bytes32 structHash =
            keccak256(abi.encode(AGENT_WALLET_SET_TYPEHASH, agentId, newWallet, owner, deadline));
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function _walletSignature(uint256 agentId, address newWallet, address owner, uint256 deadline)
        internal
        view
        returns (bytes memory)
    {
        return _sign(walletKey, _walletDigest(agentId, newWallet, owner, deadline));
    }

    /// @dev A registration whose every field differs from the defaults, with two metadata entries.
    function _fullRegistration() internal pure returns (IAgentRegistry.AgentRegistration memory r) {
        r = _terms("Solidity Auditor", "AUDIT", 21_000_000e18, 2500);
        r.agentURI = HTTPS_URI;
        r.metadataHash = keccak256("agent card");
        r.feePerExecution = 0.02e18;
        r.gpuMultiplierBps = 15_000;
        r.metadata = _entries2();
    }

    /// @dev `developer`'s signature of `r` for its current nonce.
    function _developerSignature(IAgentRegistry.AgentRegistration memory r, uint256 deadline)
        internal
        view
        returns (bytes memory)
    {
        return signDigest(
            developerKey, registerAgentDigest(r, developer, registry.registrationNonce(developer), deadline)
        );
    }

    /// @dev `relayer` submits `r` for `creator` and pays the registration fee.
    function _relay(
        IAgentRegistry.AgentRegistration memory r,
        address creator,
        uint256 deadline,
        bytes memory signature
    ) internal returns (uint256 agentId, address token) {
        uint256 fee = registry.registrationFee();
        vm.prank(relayer);
        return registry.registerAgentFor{value: fee}(r, creator, deadline, signature);
    }

    /// @dev A deep copy of `r` (fresh metadata array and entries), so that a change leaves `r` alone.
    function _copy(IAgentRegistry.AgentRegistration memory r)
        internal
        pure
        returns (IAgentRegistry.AgentRegistration memory c)
    {
        c = IAgentRegistry.AgentRegistration({
            agentURI: r.agentURI,
            metadataHash: r.metadataHash,
            tokenName: r.tokenName,
            tokenSymbol: r.tokenSymbol,
            tokenSupply: r.tokenSupply,
            creatorShareBps: r.creatorShareBps,
            feePerExecution: r.feePerExecution,
            gpuMultiplierBps: r.gpuMultiplierBps,
            metadata: new IIdentityRegistry.MetadataEntry[](r.metadata.length)
        });
        for (uint256 i; i < r.metadata.length; ++i) {
            c.metadata[i] =
                IIdentityRegistry.MetadataEntry(r.metadata[i].metadataKey, r.metadata[i].metadataValue);
        }
    }

    /// @dev `r` (with two metadata entries), `developer` and `deadline` with field `field` changed to a
    ///      different value derived from `seed`.
    function _tamper(IAgentRegistry.AgentRegistration memory r, uint256 deadline, uint256 field, uint256 seed)
        internal
        view
        returns (IAgentRegistry.AgentRegistration memory t, address creator, uint256 tamperedDeadline)
    {
        t = _copy(r);
        creator = developer;
        tamperedDeadline = deadline;
        string memory suffix = vm.toString(seed);
        if (field == 0) {
            t.agentURI = string.concat(r.agentURI, suffix);
        } else if (field == 1) {
            t.metadataHash = r.metadataHash ^ bytes32(bound(seed, 1, type(uint256).max));
        } else if (field == 2) {
            t.tokenName = string.concat(r.tokenName, suffix);
        } else if (field == 3) {
            t.tokenSymbol = string.concat(r.tokenSymbol, suffix);
        } else if (field == 4) {
            t.tokenSupply = r.tokenSupply ^ uint96(bound(seed, 1, type(uint96).max));
        } else if (field == 5) {
            t.creatorShareBps = r.creatorShareBps ^ uint16(bound(seed, 1, type(uint16).max));
        } else if (field == 6) {
            t.feePerExecution = r.feePerExecution ^ uint96(bound(seed, 1, type(uint96).max));
        } else if (field == 7) {
            t.gpuMultiplierBps = r.gpuMultiplierBps ^ uint32(bound(seed, 1, type(uint32).max));
        } else if (field == 8) {
            t.metadata[seed % 2].metadataKey = string.concat(r.metadata[seed % 2].metadataKey, suffix);
        } else if (field == 9) {
            t.metadata[seed % 2].metadataValue =
                bytes.concat(r.metadata[seed % 2].metadataValue, bytes(suffix));
        } else if (field == 10) {
            (t.metadata[0], t.metadata[1]) = (t.metadata[1], t.metadata[0]);
        } else if (field == 11) {
            IIdentityRegistry.MetadataEntry[] memory one = new IIdentityRegistry.MetadataEntry[](1);
            one[0] = t.metadata[seed % 2];
            t.metadata = one;
        } else if (field == 12) {
            IIdentityRegistry.MetadataEntry[] memory three = new IIdentityRegistry.MetadataEntry[](3);
            (three[0], three[1]) = (t.metadata[0], t.metadata[1]);
            three[2] = IIdentityRegistry.MetadataEntry(suffix, bytes(suffix));
            t.metadata = three;
        } else if (field == 13) {
            creator = vm.addr(bound(seed, 1, 1e30));
            if (creator == developer) creator = bob;
        } else {
            tamperedDeadline = deadline + bound(seed, 1, 365 days);
        }
    }

    function _setFee(uint256 fee) internal {
        vm.prank(admin);
        registry.setRegistrationFee(fee);
    }

    function _requireKyc() internal {
        vm.prank(admin);
        registry.setKycRequired(true);
    }

    function _attest(address who, uint64 expiresAt) internal {
        vm.prank(attester);
        kyc.attest(who, expiresAt, keccak256("applicant"));
    }

    function _storageBase() internal pure returns (bytes32) {
        return
            keccak256(abi.encode(uint256(keccak256("cr8.storage.AgentRegistry")) - 1))
                & ~bytes32(uint256(0xff));
    }

    function _entries2() internal pure returns (IIdentityRegistry.MetadataEntry[] memory entries) {
        entries = new IIdentityRegistry.MetadataEntry[](2);
        entries[0] = IIdentityRegistry.MetadataEntry("model", bytes("gpt-oss-120b"));
        entries[1] = IIdentityRegistry.MetadataEntry("endpoint", abi.encode(uint256(42)));
    }

    // ---------------------------------------------------------------------------------------------
    // Deployment
    // ---------------------------------------------------------------------------------------------

    function test_initialize_setsState_succeeds() public view {
        assertEq(registry.name(), "CR8 Agents");
        assertEq(registry.symbol(), "CR8AGENT");
        assertEq(registry.version(), "1.0.0");
        assertTrue(registry.hasRole(registry.DEFAULT_ADMIN_ROLE(), admin));
        assertTrue(registry.hasRole(registry.GUARDIAN_ROLE(), guardian));
        assertFalse(registry.hasRole(registry.GUARDIAN_ROLE(), admin));
        assertFalse(registry.hasRole(registry.DEFAULT_ADMIN_ROLE(), guardian));
        assertEq(registry.registrationFee(), 0);
        assertFalse(registry.kycRequired());
        assertFalse(registry.paused());
        assertEq(registry.totalAgents(), 0);
        assertEq(address(registry.TOKEN_FACTORY()), address(tokenFactory));
        assertEq(address(registry.MARKET()), address(market));
        assertEq(address(registry.KYC_REGISTRY()), address(kyc));

        (, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            registry.eip712Domain();
        assertEq(name, "ERC8004IdentityRegistry");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifyingContract, address(registry));
    }

    function test_initialize_fromConfig_succeeds() public {
        Config memory config = defaultConfig(admin, guardian, treasury, attester);
        config.registrationFee = 3e18;
        config.kycRequired = true;
        AgentRegistry other = deployCR8(config).registry;
        assertEq(other.registrationFee(), 3e18);
        assertTrue(other.kycRequired());
    }

    function test_initialize_again_reverts() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        registry.initialize(alice, alice, 0, false);
    }

    function test_initialize_implementation_reverts() public {
        AgentRegistry implementation = new AgentRegistry(
            IAgentTokenFactory(address(tokenFactory)),
            IAgentMarket(address(market)),
            IKycRegistry(address(kyc))
        );
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(alice, alice, 0, false);
    }

    function test_initialize_zeroAdminOrGuardian_reverts() public {
        AgentRegistry implementation = new AgentRegistry(
            IAgentTokenFactory(address(tokenFactory)),
            IAgentMarket(address(market)),
            IKycRegistry(address(kyc))
        );
        address[2][2] memory pairs = [[address(0), guardian], [admin, address(0)]];
        for (uint256 i; i < pairs.length; ++i) {
            PredeployProxy proxy = new PredeployProxy(address(this));
            vm.expectRevert(
                abi.encodeWithSelector(
                    IPredeployProxy.UpgradeCallFailed.selector,
                    abi.encodeWithSelector(ICommon.ZeroAddress.selector)
                )
            );
            proxy.upgradeToAndCall(
                address(implementation),
                abi.encodeCall(AgentRegistry.initialize, (pairs[i][0], pairs[i][1], 0, false))
            );
        }
    }

    function test_constructor_zeroAddress_reverts() public {
        IAgentTokenFactory f = IAgentTokenFactory(address(tokenFactory));
        IAgentMarket m = IAgentMarket(address(market));
        IKycRegistry k = IKycRegistry(address(kyc));
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new AgentRegistry(IAgentTokenFactory(address(0)), m, k);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new AgentRegistry(f, IAgentMarket(address(0)), k);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new AgentRegistry(f, m, IKycRegistry(address(0)));
    }

    /// @dev The namespaced storage constant matches its ERC-7201 formula: slot 0 packs
    ///      lastAgentId (64 bits), kycRequired (8) and registrationFee (128).
    function test_storageLocation_matchesErc7201_succeeds() public {
        _setFee(5);
        _requireKyc();
        _attest(alice, uint64(block.timestamp + 1 days));
        vm.prank(alice);
        registry.register{value: 5}();
        uint256 word = uint256(vm.load(address(registry), _storageBase()));
        assertEq(uint64(word), 1);
        assertEq(uint8(word >> 64), 1);
        assertEq(uint128(word >> 72), 5);
    }

    // ---------------------------------------------------------------------------------------------
    // register (ERC-8004 overloads)
    // ---------------------------------------------------------------------------------------------

    function test_register_noArguments_succeeds() public {
        uint96 creatorAllocation = uint96(uint256(registry.DEFAULT_TOKEN_SUPPLY()) * 1000 / BPS);
        address predicted = _predictToken(1, "CR8 Agent #1", "AGENT1", 1_000_000_000e18, creatorAllocation);

        vm.expectEmit(address(registry));
        emit IIdentityRegistry.Registered(1, "", alice);
        vm.expectEmit(address(registry));
        emit IAgentRegistry.AgentRegistered(
            1, alice, predicted, bytes32(0), 1_000_000_000e18, 100_000_000e18, 0, 10_000
        );
        vm.expectEmit(address(registry));
        emit IERC721.Transfer(address(0), alice, 1);
        vm.prank(alice);
        uint256 agentId = registry.register();

        assertEq(agentId, 1);
        assertEq(registry.totalAgents(), 1);
        assertEq(registry.ownerOf(1), alice);
        assertEq(registry.balanceOf(alice), 1);
        assertEq(registry.tokenURI(1), "");
        assertEq(registry.getAgentWallet(1), alice);
        assertTrue(registry.exists(1));
        assertTrue(registry.isActive(1));
        assertEq(registry.executionFee(1), 0);

        IAgentRegistry.AgentInfo memory info = registry.agent(1);
        assertEq(info.owner, alice);
        assertEq(info.creator, alice);
        assertEq(info.token, predicted);
        assertEq(info.metadataHash, bytes32(0));
        assertEq(info.tokenSupply, 1_000_000_000e18);
        assertEq(info.liquidity, 0);
        assertTrue(info.active);
        assertEq(info.feePerExecution, 0);
        assertEq(info.gpuMultiplierBps, 10_000);
        assertEq(info.registeredAt, block.timestamp);
        assertEq(info.agentURI, "");

        AgentToken token = AgentToken(predicted);
        assertEq(registry.agentToken(1), predicted);
        assertEq(token.name(), "CR8 Agent #1");
        assertEq(token.symbol(), "AGENT1");
        assertEq(token.totalSupply(), 1_000_000_000e18);
        assertEq(token.agentId(), 1);
        assertEq(token.balanceOf(alice), 100_000_000e18);
        assertEq(token.balanceOf(address(market)), 900_000_000e18);
    }

    function test_register_defaultConstants_succeeds() public view {
        assertEq(registry.DEFAULT_TOKEN_SUPPLY(), 1_000_000_000e18);
        assertEq(registry.DEFAULT_CREATOR_SHARE_BPS(), 1000);
        assertEq(registry.DEFAULT_GPU_MULTIPLIER_BPS(), 10_000);
        assertEq(registry.MIN_TOKEN_SUPPLY(), 1e18);
        assertEq(registry.MAX_TOKEN_SUPPLY(), type(uint96).max);
        assertEq(registry.MAX_CREATOR_SHARE_BPS(), 5000);
        assertEq(registry.MAX_GPU_MULTIPLIER_BPS(), 1_000_000);
    }

    function test_register_withUri_succeeds() public {
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.Registered(1, CARD_URI, bob);
        vm.prank(bob);
        uint256 agentId = registry.register(CARD_URI);

        assertEq(agentId, 1);
        assertEq(registry.ownerOf(1), bob);
        assertEq(registry.tokenURI(1), CARD_URI);
        assertEq(registry.agent(1).metadataHash, CARD_DIGEST);
        assertEq(registry.agent(1).agentURI, CARD_URI);
        assertEq(AgentToken(registry.agentToken(1)).name(), "CR8 Agent #1");
    }

    function test_register_withHttpsUri_succeeds() public {
        vm.prank(bob);
        uint256 agentId = registry.register(HTTPS_URI);
        assertEq(registry.tokenURI(agentId), HTTPS_URI);
        assertEq(registry.agent(agentId).metadataHash, bytes32(0));
    }

    function test_register_withUriAndMetadata_succeeds() public {
        IIdentityRegistry.MetadataEntry[] memory entries = _entries2();
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.MetadataSet(1, "model", "model", bytes("gpt-oss-120b"));
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.MetadataSet(1, "endpoint", "endpoint", abi.encode(uint256(42)));
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.Registered(1, CARD_URI, carol);
        vm.prank(carol);
        uint256 agentId = registry.register(CARD_URI, entries);

        assertEq(agentId, 1);
        assertEq(registry.getMetadata(1, "model"), bytes("gpt-oss-120b"));
        assertEq(registry.getMetadata(1, "endpoint"), abi.encode(uint256(42)));
        assertEq(registry.getMetadata(1, "unset"), bytes(""));
        assertEq(registry.tokenURI(1), CARD_URI);
    }

    function test_register_duplicateMetadataKeys_lastWins_succeeds() public {
        IIdentityRegistry.MetadataEntry[] memory entries = new IIdentityRegistry.MetadataEntry[](2);
        entries[0] = IIdentityRegistry.MetadataEntry("k", bytes("first"));
        entries[1] = IIdentityRegistry.MetadataEntry("k", bytes("second"));
        vm.prank(alice);
        uint256 agentId = registry.register("", entries);
        assertEq(registry.getMetadata(agentId, "k"), bytes("second"));
    }

    function test_register_reservedMetadataKey_reverts() public {
        IIdentityRegistry.MetadataEntry[] memory entries = _entries2();
        entries[1].metadataKey = WALLET_KEY;
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.ReservedMetadataKey.selector, WALLET_KEY));
        vm.prank(alice);
        registry.register(CARD_URI, entries);
        assertEq(registry.totalAgents(), 0);
    }

    function test_register_idsStartAtOneAndIncrement_succeeds() public {
        assertFalse(registry.exists(0));
        vm.prank(alice);
        assertEq(registry.register(), 1);
        vm.prank(bob);
        assertEq(registry.register(CARD_URI), 2);
        (uint256 third,) = registerAgent(carol);
        assertEq(third, 3);
        vm.prank(alice);
        assertEq(registry.register(HTTPS_URI, _entries2()), 4);

        assertEq(registry.totalAgents(), 4);
        assertEq(registry.balanceOf(alice), 2);
        assertEq(registry.ownerOf(2), bob);
        assertEq(registry.ownerOf(3), carol);
        // Default token names follow the id the registration gets, even after a custom one.
        assertEq(AgentToken(registry.agentToken(2)).name(), "CR8 Agent #2");
        assertEq(AgentToken(registry.agentToken(2)).symbol(), "AGENT2");
        assertEq(AgentToken(registry.agentToken(3)).name(), "Research Agent");
        assertEq(AgentToken(registry.agentToken(4)).name(), "CR8 Agent #4");
        assertEq(AgentToken(registry.agentToken(4)).symbol(), "AGENT4");
        for (uint256 id = 1; id <= 4; ++id) {
            assertTrue(registry.exists(id));
            assertEq(AgentToken(registry.agentToken(id)).agentId(), id);
        }
        assertFalse(registry.exists(0));
        assertFalse(registry.exists(5));
    }

    /// @dev lastAgentId is a uint64; the default name of the last possible id still fits 31 bytes.
    function test_register_largestAgentId_succeeds() public {
        vm.store(address(registry), _storageBase(), bytes32(uint256(type(uint64).max - 1)));
        vm.prank(alice);
        uint256 agentId = registry.register();
        assertEq(agentId, type(uint64).max);
        AgentToken token = AgentToken(registry.agentToken(agentId));
        assertEq(token.name(), "CR8 Agent #18446744073709551615");
        assertEq(bytes(token.name()).length, 31);
        assertEq(token.agentId(), type(uint64).max);

        vm.expectRevert(stdError.arithmeticError);
        vm.prank(alice);
        registry.register();
    }

    function test_register_toContractWithoutReceiver_reverts() public {
        NonReceiverCreator creator = new NonReceiverCreator();
        vm.expectRevert(
            abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(creator))
        );
        creator.register(registry);
    }

    function test_register_toReceiverWithWrongAnswer_reverts() public {
        ContractCreator creator = new ContractCreator(bytes4(0xdeadbeef));
        vm.expectRevert(
            abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(creator))
        );
        creator.register(registry);
    }

    function test_register_toReceiverContract_succeeds() public {
        ContractCreator creator = new ContractCreator(IERC721Receiver.onERC721Received.selector);
        uint256 agentId = creator.register(registry);
        assertEq(registry.ownerOf(agentId), address(creator));
        assertEq(registry.creatorOf(agentId), address(creator));
        assertEq(registry.getAgentWallet(agentId), address(creator));
    }

    // ---------------------------------------------------------------------------------------------
    // registerAgent (custom terms)
    // ---------------------------------------------------------------------------------------------

    function test_registerAgent_customTerms_succeeds() public {
        IAgentRegistry.AgentRegistration memory r = _terms("Solidity Auditor", "AUDIT", 21_000_000e18, 2500);
        r.feePerExecution = 0.02e18;
        r.gpuMultiplierBps = 15_000;
        address predicted = _predictToken(1, "Solidity Auditor", "AUDIT", 21_000_000e18, 5_250_000e18);

        vm.expectEmit(address(tokenFactory));
        emit IAgentTokenFactory.AgentTokenCreated(1, predicted, alice, 21_000_000e18, 5_250_000e18);
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.Registered(1, CARD_URI, alice);
        vm.expectEmit(address(registry));
        emit IAgentRegistry.AgentRegistered(
            1, alice, predicted, CARD_DIGEST, 21_000_000e18, 5_250_000e18, 0.02e18, 15_000
        );
        vm.prank(alice);
        (uint256 agentId, address tokenAddress) = registry.registerAgent(r);

        assertEq(agentId, 1);
        assertEq(tokenAddress, predicted);
        AgentToken token = AgentToken(tokenAddress);
        assertEq(token.name(), "Solidity Auditor");
        assertEq(token.symbol(), "AUDIT");
        assertEq(token.decimals(), 18);
        assertEq(token.totalSupply(), 21_000_000e18);
        assertEq(token.creatorAllocation(), 5_250_000e18);
        assertEq(token.marketAllocation(), 15_750_000e18);
        assertEq(token.balanceOf(alice), 5_250_000e18);
        assertEq(token.balanceOf(address(market)), 15_750_000e18);
        assertEq(token.agentId(), 1);

        IAgentRegistry.AgentInfo memory info = registry.agent(1);
        assertEq(info.token, tokenAddress);
        assertEq(info.metadataHash, CARD_DIGEST);
        assertEq(info.tokenSupply, 21_000_000e18);
        assertEq(info.feePerExecution, 0.02e18);
        assertEq(info.gpuMultiplierBps, 15_000);
        assertEq(info.agentURI, CARD_URI);
        assertEq(registry.executionFee(1), 0.03e18);
    }

    function test_registerAgent_boundaryTerms_succeeds() public {
        // Smallest supply, no creator share, smallest multiplier, 1-byte name and symbol.
        IAgentRegistry.AgentRegistration memory r = _terms("A", "B", 1e18, 0);
        r.gpuMultiplierBps = 1;
        (uint256 first, AgentToken low) = _registerAs(alice, r);
        assertEq(low.totalSupply(), 1e18);
        assertEq(low.balanceOf(alice), 0);
        assertEq(low.balanceOf(address(market)), 1e18);
        assertEq(registry.agent(first).gpuMultiplierBps, 1);

        // Largest supply, largest share, largest multiplier, 31-byte name and symbol.
        r = _terms(
            "abcdefghijklmnopqrstuvwxyz01234", "ABCDEFGHIJKLMNOPQRSTUVWXYZ01234", type(uint96).max, 5000
        );
        r.gpuMultiplierBps = 1_000_000;
        r.feePerExecution = type(uint96).max;
        (uint256 second, AgentToken high) = _registerAs(bob, r);
        assertEq(high.totalSupply(), type(uint96).max);
        assertEq(high.balanceOf(bob), uint256(type(uint96).max) / 2);
        assertEq(high.balanceOf(address(market)), uint256(type(uint96).max) - uint256(type(uint96).max) / 2);
        assertEq(high.name(), "abcdefghijklmnopqrstuvwxyz01234");
        assertEq(high.symbol(), "ABCDEFGHIJKLMNOPQRSTUVWXYZ01234");
        assertEq(registry.executionFee(second), uint256(type(uint96).max) * 100);
    }

    function testFuzz_registerAgent_terms_succeeds(uint96 supply, uint16 shareBps, uint96 fee, uint32 gpuBps)
        public
    {
        supply = uint96(bound(supply, 1e18, type(uint96).max));
        shareBps = uint16(bound(shareBps, 0, 5000));
        gpuBps = uint32(bound(gpuBps, 1, 1_000_000));
        IAgentRegistry.AgentRegistration memory r = _terms("Fuzz Agent", "FUZZ", supply, shareBps);
        r.feePerExecution = fee;
        r.gpuMultiplierBps = gpuBps;
        (uint256 agentId, AgentToken token) = _registerAs(alice, r);

        uint256 creatorAllocation = uint256(supply) * shareBps / BPS;
        assertEq(token.totalSupply(), supply);
        assertEq(token.creatorAllocation(), creatorAllocation);
        assertEq(token.marketAllocation(), supply - creatorAllocation);
        assertEq(token.balanceOf(alice), creatorAllocation);
        assertEq(token.balanceOf(address(market)), supply - creatorAllocation);
        assertEq(token.balanceOf(alice) + token.balanceOf(address(market)), supply);
        assertEq(registry.executionFee(agentId), uint256(fee) * gpuBps / BPS);
        assertEq(registry.agent(agentId).feePerExecution, fee);
    }

    function test_registerAgent_supplyTooSmall_reverts() public {
        IAgentRegistry.AgentRegistration memory r = _terms("Agent", "AG", 1e18 - 1, 1000);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidTokenSupply.selector, 1e18 - 1));
        vm.prank(alice);
        registry.registerAgent(r);

        r.tokenSupply = 0;
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidTokenSupply.selector, 0));
        vm.prank(alice);
        registry.registerAgent(r);
    }

    function testFuzz_registerAgent_supplyTooSmall_reverts(uint96 supply) public {
        supply = uint96(bound(supply, 0, 1e18 - 1));
        IAgentRegistry.AgentRegistration memory r = _terms("Agent", "AG", supply, 1000);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidTokenSupply.selector, supply));
        vm.prank(alice);
        registry.registerAgent(r);
    }

    function testFuzz_registerAgent_creatorShareTooHigh_reverts(uint16 shareBps) public {
        shareBps = uint16(bound(shareBps, 5001, type(uint16).max));
        IAgentRegistry.AgentRegistration memory r = _terms("Agent", "AG", SUPPLY, shareBps);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidCreatorShare.selector, shareBps));
        vm.prank(alice);
        registry.registerAgent(r);
    }

    function test_registerAgent_creatorShareTooHigh_reverts() public {
        IAgentRegistry.AgentRegistration memory r = _terms("Agent", "AG", SUPPLY, 5001);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidCreatorShare.selector, 5001));
        vm.prank(alice);
        registry.registerAgent(r);
    }

    function test_registerAgent_invalidGpuMultiplier_reverts() public {
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        r.gpuMultiplierBps = 0;
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidGpuMultiplier.selector, 0));
        vm.prank(alice);
        registry.registerAgent(r);

        r.gpuMultiplierBps = 1_000_001;
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidGpuMultiplier.selector, 1_000_001));
        vm.prank(alice);
        registry.registerAgent(r);
    }

    function testFuzz_registerAgent_gpuMultiplierTooHigh_reverts(uint32 gpuBps) public {
        gpuBps = uint32(bound(gpuBps, 1_000_001, type(uint32).max));
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        r.gpuMultiplierBps = gpuBps;
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidGpuMultiplier.selector, gpuBps));
        vm.prank(alice);
        registry.registerAgent(r);
    }

    function test_registerAgent_invalidTokenName_reverts() public {
        string memory tooLong = "abcdefghijklmnopqrstuvwxyz012345"; // 32 bytes
        assertEq(bytes(tooLong).length, 32);

        IAgentRegistry.AgentRegistration memory r = _terms("", "AG", SUPPLY, 1000);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidTokenName.selector, ""));
        vm.prank(alice);
        registry.registerAgent(r);

        r = _terms(tooLong, "AG", SUPPLY, 1000);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidTokenName.selector, tooLong));
        vm.prank(alice);
        registry.registerAgent(r);

        r = _terms("Agent", "", SUPPLY, 1000);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidTokenName.selector, ""));
        vm.prank(alice);
        registry.registerAgent(r);

        r = _terms("Agent", tooLong, SUPPLY, 1000);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidTokenName.selector, tooLong));
        vm.prank(alice);
        registry.registerAgent(r);
    }

    function testFuzz_registerAgent_nameLength_succeeds(uint256 nameLength, uint256 symbolLength) public {
        nameLength = bound(nameLength, 0, 40);
        symbolLength = bound(symbolLength, 0, 40);
        string memory name = string(_repeat("n", nameLength));
        string memory symbol = string(_repeat("S", symbolLength));
        IAgentRegistry.AgentRegistration memory r = _terms(name, symbol, SUPPLY, 1000);
        if (nameLength == 0 || nameLength > 31) {
            vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidTokenName.selector, name));
        } else if (symbolLength == 0 || symbolLength > 31) {
            vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidTokenName.selector, symbol));
        }
        vm.prank(alice);
        (, address token) = registry.registerAgent(r);
        if (nameLength != 0 && nameLength <= 31 && symbolLength != 0 && symbolLength <= 31) {
            assertEq(AgentToken(token).name(), name);
            assertEq(AgentToken(token).symbol(), symbol);
        }
    }

    function test_registerAgent_multiByteName_succeeds() public {
        // 10 three-byte characters: 30 bytes.
        string memory name = unicode"代理代理代理代理代理";
        assertEq(bytes(name).length, 30);
        (, AgentToken token) = _registerAs(alice, _terms(name, unicode"代", SUPPLY, 1000));
        assertEq(token.name(), name);
        assertEq(token.symbol(), unicode"代");
    }

    function test_registerAgent_metadataHashMatchesCid_succeeds() public {
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        r.metadataHash = CARD_DIGEST;
        (uint256 agentId,) = _registerAs(alice, r);
        assertEq(registry.agent(agentId).metadataHash, CARD_DIGEST);
        assertEq(registry.tokenURI(agentId), CARD_URI);
    }

    function test_registerAgent_metadataHashMismatch_reverts() public {
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        r.metadataHash = keccak256("another card");
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentRegistry.MetadataHashMismatch.selector, keccak256("another card"), CARD_DIGEST
            )
        );
        vm.prank(alice);
        registry.registerAgent(r);
    }

    function testFuzz_registerAgent_metadataHashMismatch_reverts(bytes32 given) public {
        vm.assume(given != bytes32(0) && given != DAG_PB_DIGEST);
        IAgentRegistry.AgentRegistration memory r = registration(DAG_PB_URI);
        r.metadataHash = given;
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.MetadataHashMismatch.selector, given, DAG_PB_DIGEST)
        );
        vm.prank(alice);
        registry.registerAgent(r);
    }

    function test_registerAgent_httpsUri_succeeds() public {
        IAgentRegistry.AgentRegistration memory r = registration(HTTPS_URI);
        r.metadataHash = keccak256("card bytes");
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.Registered(1, HTTPS_URI, alice);
        (uint256 agentId,) = _registerAs(alice, r);
        assertEq(registry.tokenURI(agentId), HTTPS_URI);
        assertEq(registry.agent(agentId).agentURI, HTTPS_URI);
        // Not a CID: the given hash is kept as is.
        assertEq(registry.agent(agentId).metadataHash, keccak256("card bytes"));
    }

    function test_registerAgent_nonCanonicalIpfsUri_storedAsString_succeeds() public {
        // CIDv0 and an uppercase CIDv1 are valid IPFS links but not the canonical form: kept verbatim,
        // and the given hash is not checked against them.
        string[2] memory uris = [
            "ipfs://QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG",
            "ipfs://BAFYBEIGDYRZT5SFP7UDM7HU76UH7Y26NF3EFUYLQABF3OCLGTQY55FBZDI"
        ];
        for (uint256 i; i < uris.length; ++i) {
            IAgentRegistry.AgentRegistration memory r = registration(uris[i]);
            r.metadataHash = keccak256(bytes(uris[i]));
            (uint256 agentId,) = _registerAs(alice, r);
            assertEq(registry.tokenURI(agentId), uris[i]);
            assertEq(registry.agent(agentId).metadataHash, keccak256(bytes(uris[i])));
        }
    }

    function test_registerAgent_emptyUriWithHash_succeeds() public {
        IAgentRegistry.AgentRegistration memory r = registration("");
        r.metadataHash = keccak256("card");
        (uint256 agentId,) = _registerAs(alice, r);
        assertEq(registry.tokenURI(agentId), "");
        assertEq(registry.agent(agentId).metadataHash, keccak256("card"));
    }

    function testFuzz_registerAgent_anyUri_roundTrips_succeeds(string memory uri) public {
        (uint256 agentId,) = _registerAs(alice, registration(uri));
        assertEq(registry.tokenURI(agentId), uri);
        assertEq(registry.agent(agentId).agentURI, uri);
    }

    function test_registerAgent_withMetadata_succeeds() public {
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        r.metadata = _entries2();
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.MetadataSet(1, "model", "model", bytes("gpt-oss-120b"));
        (uint256 agentId,) = _registerAs(alice, r);
        assertEq(registry.getMetadata(agentId, "model"), bytes("gpt-oss-120b"));
        assertEq(registry.getMetadata(agentId, "endpoint"), abi.encode(uint256(42)));
    }

    function test_registerAgent_reservedMetadataKey_reverts() public {
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        r.metadata = new IIdentityRegistry.MetadataEntry[](1);
        r.metadata[0] = IIdentityRegistry.MetadataEntry(WALLET_KEY, abi.encodePacked(bob));
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.ReservedMetadataKey.selector, WALLET_KEY));
        vm.prank(alice);
        registry.registerAgent(r);
    }

    function test_registerAgent_sameTermsTwice_distinctTokens_succeeds() public {
        (uint256 first, AgentToken a) = registerAgent(alice);
        (uint256 second, AgentToken b) = registerAgent(alice);
        assertEq(first, 1);
        assertEq(second, 2);
        assertTrue(address(a) != address(b));
        assertEq(a.agentId(), 1);
        assertEq(b.agentId(), 2);
        assertEq(a.balanceOf(alice), b.balanceOf(alice));
    }

    // ---------------------------------------------------------------------------------------------
    // registerAgentFor (relayed, EIP-712 signed by the creator)
    // ---------------------------------------------------------------------------------------------

    function test_registerAgentFor_relayerPaysCreatorOwns_succeeds() public {
        _setFee(1.5e18);
        IAgentRegistry.AgentRegistration memory r = _fullRegistration();
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _developerSignature(r, deadline);
        address predicted = _predictToken(1, "Solidity Auditor", "AUDIT", 21_000_000e18, 5_250_000e18);
        uint256 relayerBalance = relayer.balance;
        assertEq(registry.registrationNonce(developer), 0);
        assertEq(developer.balance, 0);

        vm.expectEmit(address(tokenFactory));
        emit IAgentTokenFactory.AgentTokenCreated(1, predicted, developer, 21_000_000e18, 5_250_000e18);
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.MetadataSet(1, "model", "model", bytes("gpt-oss-120b"));
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.MetadataSet(1, "endpoint", "endpoint", abi.encode(uint256(42)));
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.Registered(1, HTTPS_URI, developer);
        vm.expectEmit(address(registry));
        emit IAgentRegistry.AgentRegistered(
            1, developer, predicted, keccak256("agent card"), 21_000_000e18, 5_250_000e18, 0.02e18, 15_000
        );
        vm.expectEmit(address(registry));
        emit IERC721.Transfer(address(0), developer, 1);
        (uint256 agentId, address tokenAddress) = _relay(r, developer, deadline, signature);

        assertEq(agentId, 1);
        assertEq(tokenAddress, predicted);
        assertEq(registry.registrationNonce(developer), 1);
        // The relayer paid the fee and owns nothing; the developer paid nothing and owns everything.
        assertEq(relayer.balance, relayerBalance - 1.5e18);
        assertEq(address(registry).balance, 1.5e18);
        assertEq(developer.balance, 0);
        assertEq(registry.ownerOf(1), developer);
        assertEq(registry.balanceOf(relayer), 0);
        assertEq(registry.creatorOf(1), developer);
        assertEq(registry.getAgentWallet(1), developer);
        assertEq(AgentToken(tokenAddress).balanceOf(developer), 5_250_000e18);
        assertEq(AgentToken(tokenAddress).balanceOf(relayer), 0);

        IAgentRegistry.AgentInfo memory info = registry.agent(1);
        assertEq(info.owner, developer);
        assertEq(info.creator, developer);
        assertEq(info.metadataHash, keccak256("agent card"));
        assertEq(info.tokenSupply, 21_000_000e18);
        assertEq(info.feePerExecution, 0.02e18);
        assertEq(info.gpuMultiplierBps, 15_000);
        assertEq(info.agentURI, HTTPS_URI);
        assertEq(registry.getMetadata(1, "model"), bytes("gpt-oss-120b"));
        assertEq(registry.getMetadata(1, "endpoint"), abi.encode(uint256(42)));
    }

    function test_registerAgentFor_sameRecordAsRegisterAgent_succeeds() public {
        IAgentRegistry.AgentRegistration memory r = _fullRegistration();
        vm.prank(developer);
        registry.registerAgent(r);
        // registerAgent leaves the nonce alone.
        assertEq(registry.registrationNonce(developer), 0);
        uint256 deadline = block.timestamp;
        _relay(r, developer, deadline, _developerSignature(r, deadline));

        IAgentRegistry.AgentInfo memory direct = registry.agent(1);
        IAgentRegistry.AgentInfo memory relayed = registry.agent(2);
        assertEq(relayed.owner, direct.owner);
        assertEq(relayed.creator, direct.creator);
        assertEq(relayed.metadataHash, direct.metadataHash);
        assertEq(relayed.tokenSupply, direct.tokenSupply);
        assertEq(relayed.feePerExecution, direct.feePerExecution);
        assertEq(relayed.gpuMultiplierBps, direct.gpuMultiplierBps);
        assertEq(relayed.agentURI, direct.agentURI);
        assertEq(relayed.registeredAt, direct.registeredAt);
        assertEq(
            AgentToken(relayed.token).balanceOf(developer), AgentToken(direct.token).balanceOf(developer)
        );
    }

    function test_registerAgentFor_noncesInOrder_succeeds() public {
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        uint256 deadline = block.timestamp + 1 days;
        bytes memory first = signDigest(developerKey, registerAgentDigest(r, developer, 0, deadline));
        bytes memory second = signDigest(developerKey, registerAgentDigest(r, developer, 1, deadline));

        // The second signature is not valid until the first is used.
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidCreatorSignature.selector, developer));
        vm.prank(relayer);
        registry.registerAgentFor(r, developer, deadline, second);

        _relay(r, developer, deadline, first);
        _relay(r, developer, deadline, second);
        assertEq(registry.registrationNonce(developer), 2);
        assertEq(registry.balanceOf(developer), 2);
        // Nonces are per creator.
        assertEq(registry.registrationNonce(alice), 0);
    }

    function test_registerAgentFor_wrongSigner_reverts() public {
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        uint256 deadline = block.timestamp + 1 hours;
        (address stranger, uint256 strangerKey) = makeAddrAndKey("stranger");

        // A stranger's signature for the developer.
        bytes memory signature = signDigest(strangerKey, registerAgentDigest(r, developer, 0, deadline));
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidCreatorSignature.selector, developer));
        vm.prank(relayer);
        registry.registerAgentFor(r, developer, deadline, signature);

        // The developer's signature, claimed for the stranger.
        signature = signDigest(developerKey, registerAgentDigest(r, developer, 0, deadline));
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidCreatorSignature.selector, stranger));
        vm.prank(relayer);
        registry.registerAgentFor(r, stranger, deadline, signature);

        // Signed by the stranger for the stranger: valid, and the stranger is the creator.
        signature = signDigest(strangerKey, registerAgentDigest(r, stranger, 0, deadline));
        (uint256 agentId,) = _relay(r, stranger, deadline, signature);
        assertEq(registry.ownerOf(agentId), stranger);
        assertEq(registry.registrationNonce(developer), 0);
    }

    function test_registerAgentFor_badSignatures_reverts() public {
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(REGISTER_AGENT_TYPEHASH, registrationStructHash(r), developer, uint256(0), deadline)
        );
        bytes[6] memory signatures = [
            // Signed for the next nonce.
            signDigest(developerKey, registerAgentDigest(r, developer, 1, deadline)),
            // Signed for another registry.
            signDigest(
                developerKey,
                keccak256(
                    abi.encodePacked(
                        "\x19\x01", registryDomainSeparator(address(1), block.chainid), structHash
                    )
                )
            ),
            // Signed for another chain.
            signDigest(
                developerKey,
                keccak256(
                    abi.encodePacked(
                        "\x19\x01", registryDomainSeparator(address(registry), block.chainid + 1), structHash
                    )
                )
            ),
            // A raw (non-EIP-712) hash of the struct.
            signDigest(developerKey, structHash),
            // Empty.
            bytes(""),
            // Malformed.
            bytes(hex"1234")
        ];
        for (uint256 i; i < signatures.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IAgentRegistry.InvalidCreatorSignature.selector, developer)
            );
            vm.prank(relayer);
            registry.registerAgentFor(r, developer, deadline, signatures[i]);
        }
        assertEq(registry.totalAgents(), 0);
        assertEq(registry.registrationNonce(developer), 0);
    }

    function test_registerAgentFor_tamperedField_reverts() public {
        IAgentRegistry.AgentRegistration memory r = _fullRegistration();
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _developerSignature(r, deadline);
        for (uint256 field; field < TAMPERABLE_FIELDS; ++field) {
            (IAgentRegistry.AgentRegistration memory t, address creator, uint256 d) =
                _tamper(r, deadline, field, 7);
            vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidCreatorSignature.selector, creator));
            vm.prank(relayer);
            registry.registerAgentFor(t, creator, d, signature);
        }
        assertEq(registry.totalAgents(), 0);
        // The untampered registration still goes through.
        _relay(r, developer, deadline, signature);
        assertEq(registry.ownerOf(1), developer);
    }

    function testFuzz_registerAgentFor_tamperedField_reverts(uint256 field, uint256 seed) public {
        field = bound(field, 0, TAMPERABLE_FIELDS - 1);
        IAgentRegistry.AgentRegistration memory r = _fullRegistration();
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _developerSignature(r, deadline);
        (IAgentRegistry.AgentRegistration memory t, address creator, uint256 d) =
            _tamper(r, deadline, field, seed);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidCreatorSignature.selector, creator));
        vm.prank(relayer);
        registry.registerAgentFor(t, creator, d, signature);
        assertEq(registry.registrationNonce(developer), 0);
    }

    function testFuzz_registerAgentFor_anyContent_succeeds(
        string memory uriPath,
        bytes32 metadataHash,
        string memory key,
        bytes memory value,
        uint8 entries,
        uint96 fee
    ) public {
        vm.assume(keccak256(bytes(key)) != keccak256(bytes(WALLET_KEY)));
        IAgentRegistry.AgentRegistration memory r = registration(string.concat("https://", uriPath));
        r.metadataHash = metadataHash;
        r.feePerExecution = fee;
        r.metadata = new IIdentityRegistry.MetadataEntry[](bound(entries, 0, 3));
        for (uint256 i; i < r.metadata.length; ++i) {
            r.metadata[i] = IIdentityRegistry.MetadataEntry(
                string.concat(key, vm.toString(i)), bytes.concat(value, bytes32(i))
            );
        }
        uint256 deadline = block.timestamp + 1;
        (uint256 agentId,) = _relay(r, developer, deadline, _developerSignature(r, deadline));

        assertEq(registry.ownerOf(agentId), developer);
        assertEq(registry.tokenURI(agentId), r.agentURI);
        assertEq(registry.agent(agentId).metadataHash, metadataHash);
        assertEq(registry.agent(agentId).feePerExecution, fee);
        for (uint256 i; i < r.metadata.length; ++i) {
            assertEq(registry.getMetadata(agentId, r.metadata[i].metadataKey), r.metadata[i].metadataValue);
        }
    }

    function test_registerAgentFor_deadlineExpired_reverts() public {
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        uint256 deadline = block.timestamp - 1;
        bytes memory signature = _developerSignature(r, deadline);
        vm.expectRevert(abi.encodeWithSelector(ICommon.DeadlineExpired.selector, deadline, block.timestamp));
        vm.prank(relayer);
        registry.registerAgentFor(r, developer, deadline, signature);

        // Signed in time, submitted too late.
        deadline = block.timestamp + 1 hours;
        signature = _developerSignature(r, deadline);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(ICommon.DeadlineExpired.selector, deadline, deadline + 1));
        vm.prank(relayer);
        registry.registerAgentFor(r, developer, deadline, signature);
        assertEq(registry.registrationNonce(developer), 0);
    }

    function test_registerAgentFor_deadlineBounds_succeeds() public {
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        // A deadline of now is still valid.
        uint256 deadline = block.timestamp;
        _relay(r, developer, deadline, _developerSignature(r, deadline));
        // Unlike the agent wallet's, the deadline has no upper bound: the nonce makes it single-use.
        deadline = type(uint256).max;
        _relay(r, developer, deadline, _developerSignature(r, deadline));
        assertEq(registry.registrationNonce(developer), 2);
    }

    function test_registerAgentFor_replay_reverts() public {
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _developerSignature(r, deadline);
        _relay(r, developer, deadline, signature);

        // Neither the same relayer nor anyone else can use it again.
        bytes memory err = abi.encodeWithSelector(IAgentRegistry.InvalidCreatorSignature.selector, developer);
        vm.expectRevert(err);
        vm.prank(relayer);
        registry.registerAgentFor(r, developer, deadline, signature);
        vm.expectRevert(err);
        vm.prank(alice);
        registry.registerAgentFor(r, developer, deadline, signature);
        assertEq(registry.totalAgents(), 1);
        assertEq(registry.registrationNonce(developer), 1);
    }

    function test_registerAgentFor_erc1271Creator_succeeds() public {
        MockSmartAccount account = new MockSmartAccount(developer);
        IAgentRegistry.AgentRegistration memory r = _fullRegistration();
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature =
            signDigest(developerKey, registerAgentDigest(r, address(account), 0, deadline));

        vm.expectEmit(address(registry));
        emit IIdentityRegistry.Registered(1, HTTPS_URI, address(account));
        (uint256 agentId,) = _relay(r, address(account), deadline, signature);

        assertEq(registry.ownerOf(agentId), address(account));
        assertEq(registry.creatorOf(agentId), address(account));
        assertEq(registry.registrationNonce(address(account)), 1);
        // The account's key signs for the account only, not as a creator of its own.
        assertEq(registry.registrationNonce(developer), 0);
    }

    function test_registerAgentFor_erc1271WrongSigner_reverts() public {
        MockSmartAccount account = new MockSmartAccount(developer);
        (, uint256 strangerKey) = makeAddrAndKey("stranger");
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature =
            signDigest(strangerKey, registerAgentDigest(r, address(account), 0, deadline));
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.InvalidCreatorSignature.selector, address(account))
        );
        vm.prank(relayer);
        registry.registerAgentFor(r, address(account), deadline, signature);

        // A wallet whose check reverts is a wrong signature, not a bubbled revert.
        RevertingERC1271Wallet reverting = new RevertingERC1271Wallet();
        signature = signDigest(developerKey, registerAgentDigest(r, address(reverting), 0, deadline));
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.InvalidCreatorSignature.selector, address(reverting))
        );
        vm.prank(relayer);
        registry.registerAgentFor(r, address(reverting), deadline, signature);
    }

    function test_registerAgentFor_zeroCreator_reverts() public {
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        uint256 deadline = block.timestamp + 1 hours;
        // No signature recovers to the zero address.
        bytes memory signature = signDigest(developerKey, registerAgentDigest(r, address(0), 0, deadline));
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidCreatorSignature.selector, address(0)));
        vm.prank(relayer);
        registry.registerAgentFor(r, address(0), deadline, signature);
    }

    function test_registerAgentFor_kycUnverifiedCreator_reverts() public {
        _requireKyc();
        // The relayer's verification does not count: the gate checks the creator.
        _attest(relayer, uint64(block.timestamp + 365 days));
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _developerSignature(r, deadline);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.CreatorNotVerified.selector, developer));
        vm.prank(relayer);
        registry.registerAgentFor(r, developer, deadline, signature);
        assertEq(registry.registrationNonce(developer), 0);

        // Once the developer is verified, the same signature goes through.
        _attest(developer, uint64(block.timestamp + 365 days));
        (uint256 agentId,) = _relay(r, developer, deadline, signature);
        assertEq(registry.ownerOf(agentId), developer);
    }

    function test_registerAgentFor_incorrectFee_reverts() public {
        _setFee(1e18);
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _developerSignature(r, deadline);
        uint256[3] memory wrong = [uint256(0), 1e18 - 1, 1e18 + 1];
        for (uint256 i; i < wrong.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IAgentRegistry.IncorrectRegistrationFee.selector, wrong[i], 1e18)
            );
            vm.prank(relayer);
            registry.registerAgentFor{value: wrong[i]}(r, developer, deadline, signature);
        }
        assertEq(registry.registrationNonce(developer), 0);
        assertEq(address(registry).balance, 0);
        _relay(r, developer, deadline, signature);
        assertEq(address(registry).balance, 1e18);
    }

    function test_registerAgentFor_paused_reverts() public {
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _developerSignature(r, deadline);
        vm.prank(guardian);
        registry.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vm.prank(relayer);
        registry.registerAgentFor(r, developer, deadline, signature);

        vm.prank(guardian);
        registry.unpause();
        _relay(r, developer, deadline, signature);
        assertEq(registry.registrationNonce(developer), 1);
    }

    function test_registerAgentFor_invalidTerms_reverts() public {
        // A signed registration is still validated like registerAgent's.
        IAgentRegistry.AgentRegistration memory r = registration(CARD_URI);
        r.creatorShareBps = 5001;
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature = _developerSignature(r, deadline);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidCreatorShare.selector, 5001));
        vm.prank(relayer);
        registry.registerAgentFor(r, developer, deadline, signature);
    }

    // ---------------------------------------------------------------------------------------------
    // Registration fee
    // ---------------------------------------------------------------------------------------------

    function test_setRegistrationFee_succeeds() public {
        vm.expectEmit(address(registry));
        emit IAgentRegistry.RegistrationFeeUpdated(2e18);
        vm.prank(admin);
        registry.setRegistrationFee(2e18);
        assertEq(registry.registrationFee(), 2e18);
    }

    function testFuzz_setRegistrationFee_succeeds(uint128 fee) public {
        _setFee(fee);
        assertEq(registry.registrationFee(), fee);
    }

    function test_setRegistrationFee_aboveUint128_reverts() public {
        uint256 fee = uint256(type(uint128).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.RegistrationFeeTooLarge.selector, fee, type(uint128).max)
        );
        vm.prank(admin);
        registry.setRegistrationFee(fee);
    }

    function test_setRegistrationFee_notAdmin_reverts() public {
        address[2] memory callers = [bob, guardian];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IAccessControl.AccessControlUnauthorizedAccount.selector, callers[i], bytes32(0)
                )
            );
            vm.prank(callers[i]);
            registry.setRegistrationFee(1);
        }
        assertEq(registry.registrationFee(), 0);
    }

    function test_register_exactFee_succeeds() public {
        _setFee(1.5e18);
        vm.startPrank(alice);
        registry.register{value: 1.5e18}();
        registry.register{value: 1.5e18}(CARD_URI);
        registry.register{value: 1.5e18}(CARD_URI, _entries2());
        registry.registerAgent{value: 1.5e18}(registration(CARD_URI));
        vm.stopPrank();
        assertEq(registry.totalAgents(), 4);
        assertEq(address(registry).balance, 6e18);
    }

    function test_register_incorrectFee_reverts() public {
        _setFee(1e18);
        uint256[3] memory wrong = [uint256(0), 1e18 - 1, 1e18 + 1];
        vm.startPrank(alice);
        for (uint256 i; i < wrong.length; ++i) {
            bytes memory err =
                abi.encodeWithSelector(IAgentRegistry.IncorrectRegistrationFee.selector, wrong[i], 1e18);
            vm.expectRevert(err);
            registry.register{value: wrong[i]}();
            vm.expectRevert(err);
            registry.register{value: wrong[i]}(CARD_URI);
            vm.expectRevert(err);
            registry.register{value: wrong[i]}(CARD_URI, _entries2());
            vm.expectRevert(err);
            registry.registerAgent{value: wrong[i]}(registration(CARD_URI));
        }
        vm.stopPrank();
        assertEq(registry.totalAgents(), 0);
    }

    function test_register_valueWhenFree_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.IncorrectRegistrationFee.selector, 1, 0));
        vm.prank(alice);
        registry.register{value: 1}();
    }

    function testFuzz_registerAgent_fee_succeeds(uint128 fee, uint256 sent) public {
        fee = uint128(bound(fee, 0, 1000e18));
        sent = bound(sent, 0, 1000e18);
        _setFee(fee);
        if (sent != fee) {
            vm.expectRevert(
                abi.encodeWithSelector(IAgentRegistry.IncorrectRegistrationFee.selector, sent, fee)
            );
        }
        vm.prank(alice);
        registry.registerAgent{value: sent}(registration(CARD_URI));
        assertEq(registry.totalAgents(), sent == fee ? 1 : 0);
        assertEq(address(registry).balance, sent == fee ? fee : 0);
    }

    function test_withdrawRegistrationFees_succeeds() public {
        _setFee(1e18);
        vm.prank(alice);
        registry.register{value: 1e18}();
        vm.prank(bob);
        registry.register{value: 1e18}();

        vm.expectEmit(address(registry));
        emit IAgentRegistry.RegistrationFeesWithdrawn(treasury, 0.5e18);
        vm.prank(admin);
        registry.withdrawRegistrationFees(treasury, 0.5e18);
        assertEq(treasury.balance, 0.5e18);
        assertEq(address(registry).balance, 1.5e18);

        vm.prank(admin);
        registry.withdrawRegistrationFees(treasury, 1.5e18);
        assertEq(treasury.balance, 2e18);
        assertEq(address(registry).balance, 0);
    }

    function testFuzz_withdrawRegistrationFees_succeeds(uint128 fee, uint256 amount) public {
        fee = uint128(bound(fee, 1, 1000e18));
        amount = bound(amount, 1, uint256(fee) * 2);
        _setFee(fee);
        vm.deal(alice, uint256(fee) * 2);
        vm.startPrank(alice);
        registry.register{value: fee}();
        registry.register{value: fee}();
        vm.stopPrank();

        uint256 before = treasury.balance;
        vm.prank(admin);
        registry.withdrawRegistrationFees(treasury, amount);
        assertEq(treasury.balance - before, amount);
        assertEq(address(registry).balance, uint256(fee) * 2 - amount);
    }

    function test_withdrawRegistrationFees_notAdmin_reverts() public {
        _setFee(1e18);
        vm.prank(alice);
        registry.register{value: 1e18}();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, guardian, bytes32(0)
            )
        );
        vm.prank(guardian);
        registry.withdrawRegistrationFees(guardian, 1e18);
        assertEq(address(registry).balance, 1e18);
    }

    function test_withdrawRegistrationFees_zeroAmount_reverts() public {
        vm.expectRevert(ICommon.ZeroAmount.selector);
        vm.prank(admin);
        registry.withdrawRegistrationFees(treasury, 0);
    }

    function test_withdrawRegistrationFees_insufficientFees_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InsufficientFees.selector, 0, 1));
        vm.prank(admin);
        registry.withdrawRegistrationFees(treasury, 1);

        _setFee(1e18);
        vm.prank(alice);
        registry.register{value: 1e18}();
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InsufficientFees.selector, 1e18, 1e18 + 1));
        vm.prank(admin);
        registry.withdrawRegistrationFees(treasury, 1e18 + 1);
    }

    function test_withdrawRegistrationFees_zeroAddress_reverts() public {
        _setFee(1e18);
        vm.prank(alice);
        registry.register{value: 1e18}();
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vm.prank(admin);
        registry.withdrawRegistrationFees(address(0), 1e18);
    }

    function test_withdrawRegistrationFees_recipientRejects_reverts() public {
        _setFee(1e18);
        vm.prank(alice);
        registry.register{value: 1e18}();
        NonReceiverCreator rejecting = new NonReceiverCreator();
        vm.expectRevert(
            abi.encodeWithSelector(ICommon.NativeTransferFailed.selector, address(rejecting), 1e18)
        );
        vm.prank(admin);
        registry.withdrawRegistrationFees(address(rejecting), 1e18);
    }

    // ---------------------------------------------------------------------------------------------
    // KYC gate
    // ---------------------------------------------------------------------------------------------

    function test_setKycRequired_succeeds() public {
        vm.expectEmit(address(registry));
        emit IAgentRegistry.KycRequirementUpdated(true);
        vm.prank(admin);
        registry.setKycRequired(true);
        assertTrue(registry.kycRequired());

        vm.expectEmit(address(registry));
        emit IAgentRegistry.KycRequirementUpdated(false);
        vm.prank(admin);
        registry.setKycRequired(false);
        assertFalse(registry.kycRequired());
    }

    function test_setKycRequired_notAdmin_reverts() public {
        address[3] memory callers = [bob, guardian, attester];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IAccessControl.AccessControlUnauthorizedAccount.selector, callers[i], bytes32(0)
                )
            );
            vm.prank(callers[i]);
            registry.setKycRequired(true);
        }
        assertFalse(registry.kycRequired());
    }

    function test_register_kycUnverified_reverts() public {
        _requireKyc();
        bytes memory err = abi.encodeWithSelector(IAgentRegistry.CreatorNotVerified.selector, alice);
        vm.startPrank(alice);
        vm.expectRevert(err);
        registry.register();
        vm.expectRevert(err);
        registry.register(CARD_URI);
        vm.expectRevert(err);
        registry.register(CARD_URI, _entries2());
        vm.expectRevert(err);
        registry.registerAgent(registration(CARD_URI));
        vm.stopPrank();
    }

    function test_register_kycVerified_succeeds() public {
        _requireKyc();
        _attest(alice, uint64(block.timestamp + 365 days));
        vm.startPrank(alice);
        registry.register();
        registry.register(CARD_URI);
        registry.register(CARD_URI, _entries2());
        registry.registerAgent(registration(CARD_URI));
        vm.stopPrank();
        assertEq(registry.totalAgents(), 4);

        // The gate checks the caller, who becomes the creator: bob holds no verification.
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.CreatorNotVerified.selector, bob));
        vm.prank(bob);
        registry.register();
    }

    function test_register_kycExpired_reverts() public {
        _requireKyc();
        uint64 expiresAt = uint64(block.timestamp + 30 days);
        _attest(alice, expiresAt);

        vm.warp(expiresAt - 1);
        vm.prank(alice);
        registry.register();

        vm.warp(expiresAt);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.CreatorNotVerified.selector, alice));
        vm.prank(alice);
        registry.registerAgent(registration(CARD_URI));
        assertEq(registry.totalAgents(), 1);
    }

    function test_register_kycRevoked_reverts() public {
        _requireKyc();
        _attest(alice, uint64(block.timestamp + 30 days));
        vm.prank(attester);
        kyc.revoke(alice);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.CreatorNotVerified.selector, alice));
        vm.prank(alice);
        registry.register(CARD_URI);
    }

    function test_register_kycGateOff_succeeds() public {
        assertFalse(kyc.isVerified(alice));
        vm.prank(alice);
        registry.register();
        _requireKyc();
        vm.prank(admin);
        registry.setKycRequired(false);
        vm.prank(alice);
        registry.register();
        assertEq(registry.totalAgents(), 2);
    }

    // ---------------------------------------------------------------------------------------------
    // Pause
    // ---------------------------------------------------------------------------------------------

    function test_pause_blocksRegistration_reverts() public {
        vm.expectEmit(address(registry));
        emit PausableUpgradeable.Paused(guardian);
        vm.prank(guardian);
        registry.pause();
        assertTrue(registry.paused());

        vm.startPrank(alice);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        registry.register();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        registry.register(CARD_URI);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        registry.register(CARD_URI, _entries2());
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        registry.registerAgent(registration(CARD_URI));
        vm.stopPrank();

        vm.prank(guardian);
        registry.unpause();
        assertFalse(registry.paused());
        vm.prank(alice);
        assertEq(registry.register(), 1);
    }

    function test_pause_notGuardian_reverts() public {
        bytes32 role = registry.GUARDIAN_ROLE();
        address[2] memory callers = [bob, admin];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IAccessControl.AccessControlUnauthorizedAccount.selector, callers[i], role
                )
            );
            vm.prank(callers[i]);
            registry.pause();
        }
        assertFalse(registry.paused());

        vm.prank(guardian);
        registry.pause();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, role)
        );
        vm.prank(bob);
        registry.unpause();
        assertTrue(registry.paused());
    }

    /// @dev Only registration moves money; managing existing agents keeps working while paused.
    function test_pause_agentManagementStillWorks_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.prank(guardian);
        registry.pause();
        vm.startPrank(alice);
        registry.setAgentURI(agentId, HTTPS_URI);
        registry.setPricing(agentId, 1, 20_000);
        registry.setActive(agentId, false);
        registry.setMetadata(agentId, "k", "v");
        registry.transferFrom(alice, bob, agentId);
        vm.stopPrank();
        assertEq(registry.tokenURI(agentId), HTTPS_URI);
        assertEq(registry.executionFee(agentId), 2);
        assertFalse(registry.isActive(agentId));
        assertEq(registry.ownerOf(agentId), bob);
    }

    // ---------------------------------------------------------------------------------------------
    // setAgentURI
    // ---------------------------------------------------------------------------------------------

    function test_setAgentURI_cidToString_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.URIUpdated(agentId, HTTPS_URI, alice);
        vm.expectEmit(address(registry));
        emit IAgentRegistry.MetadataHashUpdated(agentId, bytes32(0));
        vm.prank(alice);
        registry.setAgentURI(agentId, HTTPS_URI);
        assertEq(registry.tokenURI(agentId), HTTPS_URI);
        assertEq(registry.agent(agentId).metadataHash, bytes32(0));
    }

    function test_setAgentCard_stringWithHash_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        bytes32 cardHash = keccak256("https card");
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.URIUpdated(agentId, HTTPS_URI, alice);
        vm.expectEmit(address(registry));
        emit IAgentRegistry.MetadataHashUpdated(agentId, cardHash);
        vm.prank(alice);
        registry.setAgentCard(agentId, HTTPS_URI, cardHash);
        assertEq(registry.tokenURI(agentId), HTTPS_URI);
        assertEq(registry.agent(agentId).metadataHash, cardHash);
    }

    function test_setAgentCard_cidWithMatchingHash_succeeds() public {
        (uint256 agentId,) = _registerAs(alice, registration(HTTPS_URI));
        vm.prank(alice);
        registry.setAgentCard(agentId, CARD_URI, CARD_DIGEST);
        assertEq(registry.tokenURI(agentId), CARD_URI);
        assertEq(registry.agent(agentId).metadataHash, CARD_DIGEST);
    }

    function test_setAgentCard_cidWithOtherHash_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        bytes32 wrong = keccak256("not the card");
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.MetadataHashMismatch.selector, wrong, CARD_DIGEST)
        );
        vm.prank(alice);
        registry.setAgentCard(agentId, CARD_URI, wrong);
    }

    function test_setAgentCard_notOperator_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.NotAgentOperator.selector, agentId, bob));
        vm.prank(bob);
        registry.setAgentCard(agentId, HTTPS_URI, bytes32(uint256(1)));
    }

    function test_setAgentURI_stringToCid_succeeds() public {
        (uint256 agentId,) = _registerAs(alice, registration(HTTPS_URI));
        bytes32 uriSlot = keccak256(abi.encode(agentId, uint256(_storageBase()) + 2));
        assertTrue(vm.load(address(registry), uriSlot) != bytes32(0));

        vm.expectEmit(address(registry));
        emit IIdentityRegistry.URIUpdated(agentId, DAG_PB_URI, alice);
        vm.expectEmit(address(registry));
        emit IAgentRegistry.MetadataHashUpdated(agentId, DAG_PB_DIGEST);
        vm.prank(alice);
        registry.setAgentURI(agentId, DAG_PB_URI);

        assertEq(registry.tokenURI(agentId), DAG_PB_URI);
        assertEq(registry.agent(agentId).metadataHash, DAG_PB_DIGEST);
        // The stale string was deleted (its slot refunds gas).
        assertEq(vm.load(address(registry), uriSlot), bytes32(0));
    }

    function test_setAgentURI_cidToCid_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.prank(alice);
        registry.setAgentURI(agentId, DAG_PB_URI);
        assertEq(registry.tokenURI(agentId), DAG_PB_URI);
        assertEq(registry.agent(agentId).metadataHash, DAG_PB_DIGEST);
        vm.prank(alice);
        registry.setAgentURI(agentId, CARD_URI);
        assertEq(registry.tokenURI(agentId), CARD_URI);
        assertEq(registry.agent(agentId).metadataHash, CARD_DIGEST);
    }

    function test_setAgentURI_toEmpty_succeeds() public {
        (uint256 agentId,) = _registerAs(alice, registration(HTTPS_URI));
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.URIUpdated(agentId, "", alice);
        vm.prank(alice);
        registry.setAgentURI(agentId, "");
        assertEq(registry.tokenURI(agentId), "");
        assertEq(registry.agent(agentId).metadataHash, bytes32(0));

        vm.prank(alice);
        registry.setAgentURI(agentId, CARD_URI);
        vm.prank(alice);
        registry.setAgentURI(agentId, "");
        assertEq(registry.tokenURI(agentId), "");
    }

    function testFuzz_setAgentURI_roundTrips_succeeds(string memory first, string memory second) public {
        (uint256 agentId,) = registerAgent(alice);
        vm.startPrank(alice);
        registry.setAgentURI(agentId, first);
        assertEq(registry.tokenURI(agentId), first);
        registry.setAgentURI(agentId, second);
        assertEq(registry.tokenURI(agentId), second);
        vm.stopPrank();
        assertEq(registry.agent(agentId).agentURI, second);
    }

    function test_setAgentURI_notOperator_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.NotAgentOperator.selector, agentId, bob));
        vm.prank(bob);
        registry.setAgentURI(agentId, HTTPS_URI);
        assertEq(registry.tokenURI(agentId), CARD_URI);
    }

    function test_setAgentURI_unknownAgent_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, 7));
        vm.prank(alice);
        registry.setAgentURI(7, HTTPS_URI);
    }

    function test_setAgentURI_approvedOperators_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.startPrank(alice);
        registry.approve(bob, agentId);
        registry.setApprovalForAll(carol, true);
        vm.stopPrank();

        vm.expectEmit(address(registry));
        emit IIdentityRegistry.URIUpdated(agentId, HTTPS_URI, bob);
        vm.prank(bob);
        registry.setAgentURI(agentId, HTTPS_URI);
        assertEq(registry.tokenURI(agentId), HTTPS_URI);

        vm.prank(carol);
        registry.setAgentURI(agentId, DAG_PB_URI);
        assertEq(registry.tokenURI(agentId), DAG_PB_URI);

        // Revoking the operator takes its rights away.
        vm.prank(alice);
        registry.setApprovalForAll(carol, false);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.NotAgentOperator.selector, agentId, carol));
        vm.prank(carol);
        registry.setAgentURI(agentId, CARD_URI);
    }

    function test_setAgentURI_afterTransfer_previousOwner_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.prank(alice);
        registry.transferFrom(alice, bob, agentId);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.NotAgentOperator.selector, agentId, alice));
        vm.prank(alice);
        registry.setAgentURI(agentId, HTTPS_URI);
        vm.prank(bob);
        registry.setAgentURI(agentId, HTTPS_URI);
        assertEq(registry.tokenURI(agentId), HTTPS_URI);
    }

    // ---------------------------------------------------------------------------------------------
    // setMetadata / getMetadata
    // ---------------------------------------------------------------------------------------------

    function test_setMetadata_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.MetadataSet(agentId, "endpoint", "endpoint", bytes("https://a.example"));
        vm.prank(alice);
        registry.setMetadata(agentId, "endpoint", bytes("https://a.example"));
        assertEq(registry.getMetadata(agentId, "endpoint"), bytes("https://a.example"));

        vm.prank(alice);
        registry.setMetadata(agentId, "endpoint", bytes("https://b.example"));
        assertEq(registry.getMetadata(agentId, "endpoint"), bytes("https://b.example"));

        vm.prank(alice);
        registry.setMetadata(agentId, "endpoint", "");
        assertEq(registry.getMetadata(agentId, "endpoint"), bytes(""));
    }

    function test_setMetadata_isPerAgent_succeeds() public {
        (uint256 first,) = registerAgent(alice);
        (uint256 second,) = registerAgent(alice);
        vm.prank(alice);
        registry.setMetadata(first, "k", "one");
        assertEq(registry.getMetadata(first, "k"), bytes("one"));
        assertEq(registry.getMetadata(second, "k"), bytes(""));
    }

    function testFuzz_setMetadata_succeeds(string memory key, bytes memory value) public {
        vm.assume(keccak256(bytes(key)) != keccak256(bytes(WALLET_KEY)));
        (uint256 agentId,) = registerAgent(alice);
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.MetadataSet(agentId, key, key, value);
        vm.prank(alice);
        registry.setMetadata(agentId, key, value);
        assertEq(registry.getMetadata(agentId, key), value);
    }

    function test_setMetadata_reservedKey_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.ReservedMetadataKey.selector, WALLET_KEY));
        vm.prank(alice);
        registry.setMetadata(agentId, WALLET_KEY, abi.encodePacked(bob));
        assertEq(registry.getAgentWallet(agentId), alice);
    }

    /// @dev Only the exact key is reserved.
    function test_setMetadata_similarKeys_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.startPrank(alice);
        registry.setMetadata(agentId, "AgentWallet", "x");
        registry.setMetadata(agentId, "agentWallet ", "y");
        vm.stopPrank();
        assertEq(registry.getMetadata(agentId, "AgentWallet"), bytes("x"));
        assertEq(registry.getMetadata(agentId, "agentWallet "), bytes("y"));
        assertEq(registry.getMetadata(agentId, WALLET_KEY), abi.encodePacked(alice));
    }

    function test_setMetadata_notOperator_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.NotAgentOperator.selector, agentId, bob));
        vm.prank(bob);
        registry.setMetadata(agentId, "k", "v");
    }

    function test_setMetadata_unknownAgent_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, 1));
        vm.prank(alice);
        registry.setMetadata(1, "k", "v");
    }

    function test_setMetadata_approvedOperator_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.prank(alice);
        registry.approve(bob, agentId);
        vm.prank(bob);
        registry.setMetadata(agentId, "k", "v");
        assertEq(registry.getMetadata(agentId, "k"), bytes("v"));
    }

    function test_getMetadata_agentWallet_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        assertEq(registry.getMetadata(agentId, WALLET_KEY), abi.encodePacked(alice));
        assertEq(registry.getMetadata(agentId, WALLET_KEY).length, 20);
        // Unknown agents have no wallet.
        assertEq(registry.getMetadata(99, WALLET_KEY), bytes(""));
        vm.prank(alice);
        registry.transferFrom(alice, bob, agentId);
        assertEq(registry.getMetadata(agentId, WALLET_KEY), bytes(""));
    }

    // ---------------------------------------------------------------------------------------------
    // Agent wallet
    // ---------------------------------------------------------------------------------------------

    function test_getAgentWallet_defaultsToRegistrant_succeeds() public {
        vm.prank(bob);
        uint256 agentId = registry.register();
        assertEq(registry.getAgentWallet(agentId), bob);
    }

    function test_getAgentWallet_unknownAgent_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 3));
        registry.getAgentWallet(3);
    }

    function test_transferFrom_clearsAgentWallet_succeeds() public {
        (uint256 agentId, AgentToken token) = registerAgent(alice);
        vm.expectEmit(address(registry));
        emit IERC721.Transfer(alice, bob, agentId);
        vm.expectEmit(address(registry));
        emit IIdentityRegistry.MetadataSet(agentId, WALLET_KEY, WALLET_KEY, "");
        vm.prank(alice);
        registry.transferFrom(alice, bob, agentId);

        assertEq(registry.ownerOf(agentId), bob);
        assertEq(registry.getAgentWallet(agentId), address(0));
        // The creator (who earns the creator share) does not move with the NFT.
        assertEq(registry.creatorOf(agentId), alice);
        (address feeToken, address creator) = registry.feeRecipientsOf(agentId);
        assertEq(feeToken, address(token));
        assertEq(creator, alice);
        IAgentRegistry.AgentInfo memory info = registry.agent(agentId);
        assertEq(info.owner, bob);
        assertEq(info.creator, alice);

        // Moving it back to the creator does not restore the wallet either.
        vm.prank(bob);
        registry.transferFrom(bob, alice, agentId);
        assertEq(registry.getAgentWallet(agentId), address(0));
    }

    function test_safeTransferFrom_clearsExplicitWallet_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        uint256 deadline = block.timestamp + 60;
        bytes memory signature = _walletSignature(agentId, wallet, alice, deadline);
        vm.prank(alice);
        registry.setAgentWallet(agentId, wallet, deadline, signature);
        assertEq(registry.getAgentWallet(agentId), wallet);

        vm.expectEmit(address(registry));
        emit IIdentityRegistry.MetadataSet(agentId, WALLET_KEY, WALLET_KEY, "");
        vm.prank(alice);
        registry.safeTransferFrom(alice, carol, agentId);
        assertEq(registry.getAgentWallet(agentId), address(0));
        assertEq(registry.getMetadata(agentId, WALLET_KEY), bytes(""));
        // The stored address itself is deleted.
        bytes32 walletSlot = keccak256(abi.encode(agentId, uint256(_storageBase()) + 3));
        assertEq(vm.load(address(registry), walletSlot), bytes32(0));
    }

    function test_transferFrom_walletAlreadyCleared_emitsNoMetadataSet_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.prank(alice);
        registry.transferFrom(alice, bob, agentId);

        vm.recordLogs();
        vm.prank(bob);
        registry.transferFrom(bob, carol, agentId);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 metadataEvents;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == IIdentityRegistry.MetadataSet.selector) ++metadataEvents;
        }
        assertEq(metadataEvents, 0);
        assertEq(logs.length, 1); // the ERC-721 Transfer only
    }

    function test_setAgentWallet_eoaSignature_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        uint256 deadline = block.timestamp + 5 minutes;
        bytes memory signature = _walletSignature(agentId, wallet, alice, deadline);

        vm.expectEmit(address(registry));
        emit IIdentityRegistry.MetadataSet(agentId, WALLET_KEY, WALLET_KEY, abi.encodePacked(wallet));
        vm.prank(alice);
        registry.setAgentWallet(agentId, wallet, deadline, signature);

        assertEq(registry.getAgentWallet(agentId), wallet);
        assertEq(registry.getMetadata(agentId, WALLET_KEY), abi.encodePacked(wallet));
        // Setting the wallet does not touch the creator.
        assertEq(registry.creatorOf(agentId), alice);
    }

    function test_setAgentWallet_replaceWallet_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        uint256 deadline = block.timestamp + 10;
        vm.prank(alice);
        registry.setAgentWallet(agentId, wallet, deadline, _walletSignature(agentId, wallet, alice, deadline));

        (address other, uint256 otherKey) = makeAddrAndKey("otherWallet");
        bytes memory signature = _sign(otherKey, _walletDigest(agentId, other, alice, deadline));
        vm.prank(alice);
        registry.setAgentWallet(agentId, other, deadline, signature);
        assertEq(registry.getAgentWallet(agentId), other);
    }

    function test_setAgentWallet_erc1271Wallet_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        MockERC1271Wallet contractWallet = new MockERC1271Wallet(wallet);
        uint256 deadline = block.timestamp + 120;
        bytes memory signature = _walletSignature(agentId, address(contractWallet), alice, deadline);

        vm.expectEmit(address(registry));
        emit IIdentityRegistry.MetadataSet(
            agentId, WALLET_KEY, WALLET_KEY, abi.encodePacked(address(contractWallet))
        );
        vm.prank(alice);
        registry.setAgentWallet(agentId, address(contractWallet), deadline, signature);
        assertEq(registry.getAgentWallet(agentId), address(contractWallet));
    }

    function test_setAgentWallet_erc1271WrongSigner_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        (, uint256 strangerKey) = makeAddrAndKey("stranger");
        MockERC1271Wallet contractWallet = new MockERC1271Wallet(wallet);
        uint256 deadline = block.timestamp + 120;
        bytes memory signature =
            _sign(strangerKey, _walletDigest(agentId, address(contractWallet), alice, deadline));
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.InvalidWalletSignature.selector, address(contractWallet))
        );
        vm.prank(alice);
        registry.setAgentWallet(agentId, address(contractWallet), deadline, signature);
        assertEq(registry.getAgentWallet(agentId), alice);
    }

    function test_setAgentWallet_erc1271Reverting_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        RevertingERC1271Wallet contractWallet = new RevertingERC1271Wallet();
        uint256 deadline = block.timestamp + 120;
        bytes memory signature = _walletSignature(agentId, address(contractWallet), alice, deadline);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.InvalidWalletSignature.selector, address(contractWallet))
        );
        vm.prank(alice);
        registry.setAgentWallet(agentId, address(contractWallet), deadline, signature);
    }

    function test_setAgentWallet_invalidSignature_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        (uint256 otherAgent,) = registerAgent(alice);
        (, uint256 strangerKey) = makeAddrAndKey("stranger");
        uint256 deadline = block.timestamp + 60;
        bytes memory err = abi.encodeWithSelector(IAgentRegistry.InvalidWalletSignature.selector, wallet);

        bytes[6] memory signatures = [
            // Signed by another key.
            _sign(strangerKey, _walletDigest(agentId, wallet, alice, deadline)),
            // Signed for another agent.
            _walletSignature(otherAgent, wallet, alice, deadline),
            // Signed for another owner.
            _walletSignature(agentId, wallet, bob, deadline),
            // Signed for another deadline.
            _walletSignature(agentId, wallet, alice, deadline - 1),
            // A raw (non-EIP-712) hash of the struct.
            _sign(
                walletKey, keccak256(abi.encode(AGENT_WALLET_SET_TYPEHASH, agentId, wallet, alice, deadline))
            ),
            // Malformed.
            bytes(hex"1234")
        ];
        vm.startPrank(alice);
        for (uint256 i; i < signatures.length; ++i) {
            vm.expectRevert(err);
            registry.setAgentWallet(agentId, wallet, deadline, signatures[i]);
        }
        vm.stopPrank();
        assertEq(registry.getAgentWallet(agentId), alice);
    }

    function test_setAgentWallet_signatureForOtherRegistry_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        uint256 deadline = block.timestamp + 60;
        bytes32 foreignDomain = keccak256(
            abi.encode(
                EIP712_DOMAIN_TYPEHASH,
                keccak256("ERC8004IdentityRegistry"),
                keccak256("1"),
                block.chainid,
                address(1)
            )
        );
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01",
                foreignDomain,
                keccak256(abi.encode(AGENT_WALLET_SET_TYPEHASH, agentId, wallet, alice, deadline))
            )
        );
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidWalletSignature.selector, wallet));
        vm.prank(alice);
        registry.setAgentWallet(agentId, wallet, deadline, _sign(walletKey, digest));
    }

    function test_setAgentWallet_afterTransfer_staleSignature_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        uint256 deadline = block.timestamp + 60;
        bytes memory signedForAlice = _walletSignature(agentId, wallet, alice, deadline);
        vm.prank(alice);
        registry.transferFrom(alice, bob, agentId);

        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidWalletSignature.selector, wallet));
        vm.prank(bob);
        registry.setAgentWallet(agentId, wallet, deadline, signedForAlice);

        vm.prank(bob);
        registry.setAgentWallet(agentId, wallet, deadline, _walletSignature(agentId, wallet, bob, deadline));
        assertEq(registry.getAgentWallet(agentId), wallet);
    }

    function test_setAgentWallet_deadlineExpired_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        uint256 deadline = block.timestamp - 1;
        bytes memory signature = _walletSignature(agentId, wallet, alice, deadline);
        vm.expectRevert(abi.encodeWithSelector(ICommon.DeadlineExpired.selector, deadline, block.timestamp));
        vm.prank(alice);
        registry.setAgentWallet(agentId, wallet, deadline, signature);
    }

    function test_setAgentWallet_deadlinePassedBeforeSubmission_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        uint256 deadline = block.timestamp + 5 minutes;
        bytes memory signature = _walletSignature(agentId, wallet, alice, deadline);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(ICommon.DeadlineExpired.selector, deadline, deadline + 1));
        vm.prank(alice);
        registry.setAgentWallet(agentId, wallet, deadline, signature);
    }

    function test_setAgentWallet_deadlineTooFar_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        uint256 deadline = block.timestamp + 5 minutes + 1;
        bytes memory signature = _walletSignature(agentId, wallet, alice, deadline);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentRegistry.DeadlineTooFar.selector, deadline, block.timestamp + 5 minutes
            )
        );
        vm.prank(alice);
        registry.setAgentWallet(agentId, wallet, deadline, signature);
    }

    function test_setAgentWallet_deadlineBounds_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        // A deadline of now is still valid.
        uint256 deadline = block.timestamp;
        vm.prank(alice);
        registry.setAgentWallet(agentId, wallet, deadline, _walletSignature(agentId, wallet, alice, deadline));
        assertEq(registry.getAgentWallet(agentId), wallet);

        // A deadline exactly 5 minutes ahead too.
        (address other, uint256 otherKey) = makeAddrAndKey("otherWallet");
        deadline = block.timestamp + 5 minutes;
        vm.prank(alice);
        registry.setAgentWallet(
            agentId, other, deadline, _sign(otherKey, _walletDigest(agentId, other, alice, deadline))
        );
        assertEq(registry.getAgentWallet(agentId), other);
    }

    function testFuzz_setAgentWallet_deadline_succeeds(uint256 deadline) public {
        deadline = bound(deadline, block.timestamp - 1 days, block.timestamp + 1 days);
        (uint256 agentId,) = registerAgent(alice);
        bytes memory signature = _walletSignature(agentId, wallet, alice, deadline);
        if (deadline < block.timestamp) {
            vm.expectRevert(
                abi.encodeWithSelector(ICommon.DeadlineExpired.selector, deadline, block.timestamp)
            );
        } else if (deadline > block.timestamp + 5 minutes) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IAgentRegistry.DeadlineTooFar.selector, deadline, block.timestamp + 5 minutes
                )
            );
        }
        vm.prank(alice);
        registry.setAgentWallet(agentId, wallet, deadline, signature);
        bool valid = deadline >= block.timestamp && deadline <= block.timestamp + 5 minutes;
        assertEq(registry.getAgentWallet(agentId), valid ? wallet : alice);
    }

    function testFuzz_setAgentWallet_anyKey_succeeds(uint256 key) public {
        key = bound(
            key,
            1,
            115_792_089_237_316_195_423_570_985_008_687_907_852_837_564_279_074_904_382_605_163_141_518_161_494_336
        );
        address newWallet = vm.addr(key);
        (uint256 agentId,) = registerAgent(alice);
        uint256 deadline = block.timestamp + 1;
        vm.prank(alice);
        registry.setAgentWallet(
            agentId, newWallet, deadline, _sign(key, _walletDigest(agentId, newWallet, alice, deadline))
        );
        assertEq(registry.getAgentWallet(agentId), newWallet);
    }

    function test_setAgentWallet_zeroAddress_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vm.prank(alice);
        registry.setAgentWallet(agentId, address(0), block.timestamp, "");
    }

    function test_setAgentWallet_notOperator_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        uint256 deadline = block.timestamp + 60;
        bytes memory signature = _walletSignature(agentId, wallet, alice, deadline);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.NotAgentOperator.selector, agentId, bob));
        vm.prank(bob);
        registry.setAgentWallet(agentId, wallet, deadline, signature);
        // Not even the wallet itself.
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.NotAgentOperator.selector, agentId, wallet));
        vm.prank(wallet);
        registry.setAgentWallet(agentId, wallet, deadline, signature);
    }

    function test_setAgentWallet_unknownAgent_reverts() public {
        uint256 deadline = block.timestamp + 60;
        bytes memory signature = _walletSignature(5, wallet, alice, deadline);
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, 5));
        vm.prank(alice);
        registry.setAgentWallet(5, wallet, deadline, signature);
    }

    /// @dev An approved operator submits; the signed `owner` is the NFT owner, not the caller.
    function test_setAgentWallet_approvedOperator_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.prank(alice);
        registry.setApprovalForAll(carol, true);
        uint256 deadline = block.timestamp + 60;

        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidWalletSignature.selector, wallet));
        vm.prank(carol);
        registry.setAgentWallet(agentId, wallet, deadline, _walletSignature(agentId, wallet, carol, deadline));

        vm.prank(carol);
        registry.setAgentWallet(agentId, wallet, deadline, _walletSignature(agentId, wallet, alice, deadline));
        assertEq(registry.getAgentWallet(agentId), wallet);
    }

    // ---------------------------------------------------------------------------------------------
    // setPricing / setActive
    // ---------------------------------------------------------------------------------------------

    function test_setPricing_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.expectEmit(address(registry));
        emit IAgentRegistry.PricingUpdated(agentId, 0.5e18, 25_000);
        vm.prank(alice);
        registry.setPricing(agentId, 0.5e18, 25_000);
        IAgentRegistry.AgentInfo memory info = registry.agent(agentId);
        assertEq(info.feePerExecution, 0.5e18);
        assertEq(info.gpuMultiplierBps, 25_000);
        assertEq(registry.executionFee(agentId), 1.25e18);

        vm.prank(alice);
        registry.setPricing(agentId, 0, 1);
        assertEq(registry.executionFee(agentId), 0);
    }

    function test_executionFee_roundsDown_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.prank(alice);
        registry.setPricing(agentId, 3, 3333);
        assertEq(registry.executionFee(agentId), 0); // 3 * 3333 / 10000 = 0.9999
        vm.prank(alice);
        registry.setPricing(agentId, 7, 15_000);
        assertEq(registry.executionFee(agentId), 10); // 10.5
    }

    function testFuzz_setPricing_succeeds(uint96 fee, uint32 gpuBps) public {
        gpuBps = uint32(bound(gpuBps, 1, 1_000_000));
        (uint256 agentId,) = registerAgent(alice);
        vm.prank(alice);
        registry.setPricing(agentId, fee, gpuBps);
        assertEq(registry.executionFee(agentId), uint256(fee) * gpuBps / BPS);
        assertEq(registry.agent(agentId).feePerExecution, fee);
        assertEq(registry.agent(agentId).gpuMultiplierBps, gpuBps);
        // Other fields are untouched.
        assertEq(registry.creatorOf(agentId), alice);
        assertTrue(registry.isActive(agentId));
        assertEq(registry.tokenURI(agentId), CARD_URI);
    }

    function test_setPricing_invalidMultiplier_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidGpuMultiplier.selector, 0));
        vm.prank(alice);
        registry.setPricing(agentId, 1, 0);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidGpuMultiplier.selector, 1_000_001));
        vm.prank(alice);
        registry.setPricing(agentId, 1, 1_000_001);
    }

    function testFuzz_setPricing_invalidMultiplier_reverts(uint32 gpuBps) public {
        vm.assume(gpuBps == 0 || gpuBps > 1_000_000);
        (uint256 agentId,) = registerAgent(alice);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.InvalidGpuMultiplier.selector, gpuBps));
        vm.prank(alice);
        registry.setPricing(agentId, 1, gpuBps);
    }

    function test_setPricing_notOperator_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.NotAgentOperator.selector, agentId, bob));
        vm.prank(bob);
        registry.setPricing(agentId, 1, 10_000);
    }

    function test_setPricing_unknownAgent_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, 2));
        vm.prank(alice);
        registry.setPricing(2, 1, 10_000);
    }

    function test_setPricing_approvedOperator_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.prank(alice);
        registry.approve(bob, agentId);
        vm.prank(bob);
        registry.setPricing(agentId, 5, 20_000);
        assertEq(registry.executionFee(agentId), 10);
    }

    function test_setActive_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.expectEmit(address(registry));
        emit IAgentRegistry.AgentStatusChanged(agentId, false, alice);
        vm.prank(alice);
        registry.setActive(agentId, false);
        assertFalse(registry.isActive(agentId));
        assertFalse(registry.agent(agentId).active);
        assertTrue(registry.exists(agentId));
        // The other flags (URI form, wallet) are untouched.
        assertEq(registry.tokenURI(agentId), CARD_URI);
        assertEq(registry.getAgentWallet(agentId), alice);

        // Idempotent.
        vm.prank(alice);
        registry.setActive(agentId, false);
        assertFalse(registry.isActive(agentId));

        vm.expectEmit(address(registry));
        emit IAgentRegistry.AgentStatusChanged(agentId, true, alice);
        vm.prank(alice);
        registry.setActive(agentId, true);
        assertTrue(registry.isActive(agentId));
        assertEq(registry.tokenURI(agentId), CARD_URI);
    }

    function test_setActive_approvedOperator_succeeds() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.prank(alice);
        registry.setApprovalForAll(bob, true);
        vm.expectEmit(address(registry));
        emit IAgentRegistry.AgentStatusChanged(agentId, false, bob);
        vm.prank(bob);
        registry.setActive(agentId, false);
        assertFalse(registry.isActive(agentId));
    }

    function test_setActive_notOperator_reverts() public {
        (uint256 agentId,) = registerAgent(alice);
        vm.expectRevert(abi.encodeWithSelector(IAgentRegistry.NotAgentOperator.selector, agentId, bob));
        vm.prank(bob);
        registry.setActive(agentId, false);
        assertTrue(registry.isActive(agentId));
    }

    function test_setActive_unknownAgent_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommon.UnknownAgent.selector, 4));
        vm.prank(alice);
        registry.setActive(4, true);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    function test_agent_afterTrading_succeeds() public {
        uint256 registeredAt = block.timestamp;
        (uint256 agentId, AgentToken token) = registerAgent(alice);
        vm.warp(block.timestamp + 1 days);
        buyTokens(bob, agentId, 10e18);

        IAgentRegistry.AgentInfo memory info = registry.agent(agentId);
        assertEq(info.owner, alice);
        assertEq(info.creator, alice);
        assertEq(info.token, address(token));
        assertEq(info.metadataHash, CARD_DIGEST);
        assertEq(info.tokenSupply, SUPPLY);
        assertGt(info.liquidity, 0);
        assertEq(info.liquidity, market.liquidityOf(agentId));
        assertTrue(info.active);
        assertEq(info.feePerExecution, FEE_PER_EXECUTION);
        assertEq(info.gpuMultiplierBps, 10_000);
        assertEq(info.registeredAt, registeredAt);
        assertEq(info.agentURI, CARD_URI);
        assertEq(registry.executionFee(agentId), FEE_PER_EXECUTION);
        (address feeToken, address creator) = registry.feeRecipientsOf(agentId);
        assertEq(feeToken, address(token));
        assertEq(creator, alice);
    }

    function test_views_unknownAgent_reverts() public {
        registerAgent(alice);
        uint256[2] memory ids = [uint256(0), 2];
        for (uint256 i; i < ids.length; ++i) {
            bytes memory err = abi.encodeWithSelector(ICommon.UnknownAgent.selector, ids[i]);
            vm.expectRevert(err);
            registry.agent(ids[i]);
            vm.expectRevert(err);
            registry.agentToken(ids[i]);
            vm.expectRevert(err);
            registry.creatorOf(ids[i]);
            vm.expectRevert(err);
            registry.feeRecipientsOf(ids[i]);
            vm.expectRevert(err);
            registry.executionFee(ids[i]);
            vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, ids[i]));
            registry.tokenURI(ids[i]);
            assertFalse(registry.exists(ids[i]));
            assertFalse(registry.isActive(ids[i]));
        }
    }

    function test_supportsInterface_succeeds() public view {
        assertTrue(registry.supportsInterface(type(IERC165).interfaceId));
        assertTrue(registry.supportsInterface(type(IERC721).interfaceId));
        assertTrue(registry.supportsInterface(type(IERC721Metadata).interfaceId));
        assertTrue(registry.supportsInterface(type(IAccessControl).interfaceId));
        assertFalse(registry.supportsInterface(0xffffffff));
        assertFalse(registry.supportsInterface(type(IERC1271).interfaceId));
    }

    // ---------------------------------------------------------------------------------------------
    // Utilities
    // ---------------------------------------------------------------------------------------------

    function _repeat(bytes1 c, uint256 length) internal pure returns (bytes memory out) {
        out = new bytes(length);
        for (uint256 i; i < length; ++i) {
            out[i] = c;
        }
    }
}
