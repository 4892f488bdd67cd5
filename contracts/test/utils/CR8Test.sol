// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CR8Deployer} from "../../script/CR8Deployer.sol";
import {FeeDistributor} from "../../src/fees/FeeDistributor.sol";
import {IAgentRegistry} from "../../src/interfaces/IAgentRegistry.sol";
import {IIdentityRegistry} from "../../src/interfaces/IIdentityRegistry.sol";
import {KycRegistry} from "../../src/kyc/KycRegistry.sol";
import {AgentMarket} from "../../src/market/AgentMarket.sol";
import {AgentRegistry} from "../../src/registry/AgentRegistry.sol";
import {CR8Staking} from "../../src/staking/CR8Staking.sol";
import {AgentToken} from "../../src/token/AgentToken.sol";
import {AgentTokenFactory} from "../../src/token/AgentTokenFactory.sol";
import {Test} from "forge-std/Test.sol";

/// @title CR8Test
/// @notice The base of every CR8 contract test: deploys the whole system behind its proxies (the same
///         path `make dev` uses), names the actors, and registers agents in one call.
abstract contract CR8Test is Test, CR8Deployer {
    /// @dev A real CIDv1 (codec json 0x0200, sha2-256) as Helia prints it, and its digest.
    string internal constant CARD_URI =
        "ipfs://bagaaierasords4njcts6vs7qvdjfcvgnume4hqohf65zsfguprqphs3icwea";
    bytes32 internal constant CARD_DIGEST =
        0x93a23971a914e5eacbf0a8d25154cda309c3c1c72fbb9914d47c60f3cb681588;
    uint16 internal constant CARD_CODEC = 0x0200;

    uint96 internal constant SUPPLY = 1_000_000_000e18;
    uint16 internal constant CREATOR_SHARE_BPS = 1000;
    uint96 internal constant FEE_PER_EXECUTION = 0.001e18;

    /// @dev The EIP-712 types of `registerAgentFor`, written out here rather than read from the registry.
    bytes32 internal constant METADATA_ENTRY_TYPEHASH =
        keccak256("MetadataEntry(string metadataKey,bytes metadataValue)");
    bytes32 internal constant AGENT_REGISTRATION_TYPEHASH = keccak256(
        "AgentRegistration(string agentURI,bytes32 metadataHash,string tokenName,string tokenSymbol,"
        "uint96 tokenSupply,uint16 creatorShareBps,uint96 feePerExecution,uint32 gpuMultiplierBps,"
        "MetadataEntry[] metadata)MetadataEntry(string metadataKey,bytes metadataValue)"
    );
    bytes32 internal constant REGISTER_AGENT_TYPEHASH = keccak256(
        "RegisterAgent(AgentRegistration registration,address creator,uint256 nonce,uint256 deadline)"
        "AgentRegistration(string agentURI,bytes32 metadataHash,string tokenName,string tokenSymbol,"
        "uint96 tokenSupply,uint16 creatorShareBps,uint96 feePerExecution,uint32 gpuMultiplierBps,"
        "MetadataEntry[] metadata)MetadataEntry(string metadataKey,bytes metadataValue)"
    );

    address internal admin = makeAddr("admin");
    address internal guardian = makeAddr("guardian");
    address internal treasury = makeAddr("treasury");
    address internal attester = makeAddr("attester");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal orchestrator = makeAddr("orchestrator");

    Deployment internal deployment;
    AgentRegistry internal registry;
    AgentTokenFactory internal tokenFactory;
    AgentMarket internal market;
    FeeDistributor internal feeDistributor;
    CR8Staking internal staking;
    KycRegistry internal kyc;

    function setUp() public virtual {
        deployment = deployCR8(defaultConfig(admin, guardian, treasury, attester));
        registry = deployment.registry;
        tokenFactory = deployment.tokenFactory;
        market = deployment.market;
        feeDistributor = deployment.feeDistributor;
        staking = deployment.staking;
        kyc = deployment.kycRegistry;
        vm.deal(alice, 1_000_000e18);
        vm.deal(bob, 1_000_000e18);
        vm.deal(carol, 1_000_000e18);
    }

    /// @notice A registration with the test defaults and the given URI.
    function registration(string memory agentURI)
        internal
        pure
        returns (IAgentRegistry.AgentRegistration memory r)
    {
        r.agentURI = agentURI;
        r.tokenName = "Research Agent";
        r.tokenSymbol = "RSRCH";
        r.tokenSupply = SUPPLY;
        r.creatorShareBps = CREATOR_SHARE_BPS;
        r.feePerExecution = FEE_PER_EXECUTION;
        r.gpuMultiplierBps = 10_000;
        r.metadata = new IIdentityRegistry.MetadataEntry[](0);
    }

    /// @notice Registers an agent for `creator` with the test defaults.
    function registerAgent(address creator) internal returns (uint256 agentId, AgentToken token) {
        vm.prank(creator);
        (uint256 id, address tokenAddress) = registry.registerAgent(registration(CARD_URI));
        return (id, AgentToken(tokenAddress));
    }

    /// @notice The registry's EIP-712 domain separator, built from scratch for `verifyingContract`.
    function registryDomainSeparator(address verifyingContract, uint256 chainId)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(
            abi.encode(
                keccak256(
                    "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
                ),
                keccak256("ERC8004IdentityRegistry"),
                keccak256("1"),
                chainId,
                verifyingContract
            )
        );
    }

    /// @notice The EIP-712 struct hash of `r` (`AgentRegistration`), built from scratch with abi.encode.
    function registrationStructHash(IAgentRegistry.AgentRegistration memory r)
        internal
        pure
        returns (bytes32)
    {
        bytes32[] memory entryHashes = new bytes32[](r.metadata.length);
        for (uint256 i; i < r.metadata.length; ++i) {
            entryHashes[i] = keccak256(
                abi.encode(
                    METADATA_ENTRY_TYPEHASH,
                    keccak256(bytes(r.metadata[i].metadataKey)),
                    keccak256(r.metadata[i].metadataValue)
                )
            );
        }
        bytes memory head = abi.encode(
            AGENT_REGISTRATION_TYPEHASH,
            keccak256(bytes(r.agentURI)),
            r.metadataHash,
            keccak256(bytes(r.tokenName)),
            keccak256(bytes(r.tokenSymbol))
        );
        bytes memory tail = abi.encode(
            r.tokenSupply,
            r.creatorShareBps,
            r.feePerExecution,
            r.gpuMultiplierBps,
            keccak256(abi.encodePacked(entryHashes))
        );
        return keccak256(bytes.concat(head, tail));
    }

    /// @notice The EIP-712 digest `creator` signs to let a relayer register `r` on the test registry.
    function registerAgentDigest(
        IAgentRegistry.AgentRegistration memory r,
        address creator,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(REGISTER_AGENT_TYPEHASH, registrationStructHash(r), creator, nonce, deadline)
        );
        return keccak256(
            abi.encodePacked(
                "\x19\x01", registryDomainSeparator(address(registry), block.chainid), structHash
            )
        );
    }

    /// @notice An ECDSA signature (r, s, v) of `digest` by `key`.
    function signDigest(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @notice Buys agent tokens on the market for `buyer` with `cr8In` CR8.
    function buyTokens(address buyer, uint256 agentId, uint256 cr8In) internal returns (uint256 tokensOut) {
        vm.deal(buyer, buyer.balance + cr8In);
        vm.prank(buyer);
        return market.buy{value: cr8In}(agentId, 0, block.timestamp);
    }
}
