// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Guarded} from "../access/Guarded.sol";
import {IAgentMarket} from "../interfaces/IAgentMarket.sol";
import {IAgentRegistry} from "../interfaces/IAgentRegistry.sol";
import {IAgentTokenFactory} from "../interfaces/IAgentTokenFactory.sol";
import {IIdentityRegistry} from "../interfaces/IIdentityRegistry.sol";
import {IKycRegistry} from "../interfaces/IKycRegistry.sol";
import {IpfsUri} from "../libraries/IpfsUri.sol";
import {NativeTransfer} from "../libraries/NativeTransfer.sol";
import {
    AccessControlUpgradeable
} from "@openzeppelin/contracts-upgradeable/access/AccessControlUpgradeable.sol";
import {ERC721Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC721/ERC721Upgradeable.sol";
import {
    EIP712Upgradeable
} from "@openzeppelin/contracts-upgradeable/utils/cryptography/EIP712Upgradeable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @title AgentRegistry
/// @notice Agents as ERC-721 identities (ERC-8004 identity registry) with CR8's on-chain agent record.
///         Registering creates the agent's token and lists it on the AgentMarket in the same transaction.
///         See {IAgentRegistry}.
/// @dev Gas: an `ipfs://` CIDv1 agent URI is stored as its multicodec and digest (the digest is the
///      agent's metadata hash, so it costs no extra slot); the agent wallet defaults to the registrant
///      through a flag rather than a written address; the agent record packs into three slots.
/// @custom:proxied true
contract AgentRegistry is IAgentRegistry, Guarded, ERC721Upgradeable, EIP712Upgradeable {
    /// @notice Agent token supply bounds, in the token's smallest unit (18 decimals).
    uint256 public constant MIN_TOKEN_SUPPLY = 1e18;
    uint256 public constant MAX_TOKEN_SUPPLY = type(uint96).max;

    /// @notice At most half of an agent token's supply goes to its creator; the rest is the market's.
    uint256 public constant MAX_CREATOR_SHARE_BPS = 5000;

    /// @notice GPU multiplier bounds: above zero, at most 100x.
    uint256 public constant MAX_GPU_MULTIPLIER_BPS = 1_000_000;

    /// @notice What the ERC-8004 `register` overloads use: 1 billion tokens, 10% to the creator, 1x GPU.
    uint96 public constant DEFAULT_TOKEN_SUPPLY = 1_000_000_000e18;
    uint16 public constant DEFAULT_CREATOR_SHARE_BPS = 1000;
    uint32 public constant DEFAULT_GPU_MULTIPLIER_BPS = 10_000;

    uint256 private constant BPS = 10_000;
    uint256 private constant MAX_WALLET_DEADLINE_DELAY = 5 minutes;
    bytes32 private constant AGENT_WALLET_SET_TYPEHASH =
        keccak256("AgentWalletSet(uint256 agentId,address newWallet,address owner,uint256 deadline)");
    bytes32 private constant AGENT_WALLET_KEY_HASH = keccak256("agentWallet");
    bytes32 private constant METADATA_ENTRY_TYPEHASH =
        keccak256("MetadataEntry(string metadataKey,bytes metadataValue)");
    bytes32 private constant AGENT_REGISTRATION_TYPEHASH = keccak256(
        "AgentRegistration(string agentURI,bytes32 metadataHash,string tokenName,string tokenSymbol,"
        "uint96 tokenSupply,uint16 creatorShareBps,uint96 feePerExecution,uint32 gpuMultiplierBps,"
        "MetadataEntry[] metadata)MetadataEntry(string metadataKey,bytes metadataValue)"
    );
    bytes32 private constant REGISTER_AGENT_TYPEHASH = keccak256(
        "RegisterAgent(AgentRegistration registration,address creator,uint256 nonce,uint256 deadline)"
        "AgentRegistration(string agentURI,bytes32 metadataHash,string tokenName,string tokenSymbol,"
        "uint96 tokenSupply,uint16 creatorShareBps,uint96 feePerExecution,uint32 gpuMultiplierBps,"
        "MetadataEntry[] metadata)MetadataEntry(string metadataKey,bytes metadataValue)"
    );

    uint8 private constant FLAG_ACTIVE = 1;
    /// @dev The agent wallet is the registrant (ERC-8004's default), until a transfer clears it.
    uint8 private constant FLAG_WALLET_IS_CREATOR = 2;
    /// @dev The agent wallet was set explicitly and lives in `agentWallets`.
    uint8 private constant FLAG_WALLET_SET = 4;
    /// @dev The agent URI is not a canonical IPFS CIDv1 and lives in `agentUris`.
    uint8 private constant FLAG_URI_STRING = 8;
    /// @dev The agent URI is the IPFS CIDv1 (cidCodec, metadataHash).
    uint8 private constant FLAG_URI_CID = 16;

    /// @notice The AgentTokenFactory that creates each agent's token.
    IAgentTokenFactory public immutable TOKEN_FACTORY;

    /// @notice The AgentMarket every agent token trades on.
    IAgentMarket public immutable MARKET;

    /// @notice The KycRegistry consulted when the KYC gate is on.
    IKycRegistry public immutable KYC_REGISTRY;

    /// @notice One agent's on-chain record, packed in three slots.
    struct Agent {
        address creator;
        uint96 feePerExecution;
        address token;
        uint32 gpuMultiplierBps;
        uint16 cidCodec;
        uint8 flags;
        uint40 registeredAt;
        bytes32 metadataHash;
    }

    /// @notice The pricing and token terms of a registration, after defaults are applied.
    struct Terms {
        string tokenName;
        string tokenSymbol;
        uint96 tokenSupply;
        uint16 creatorShareBps;
        uint96 feePerExecution;
        uint32 gpuMultiplierBps;
    }

    /// @custom:storage-location erc7201:cr8.storage.AgentRegistry
    struct AgentRegistryStorage {
        uint64 lastAgentId;
        bool kycRequired;
        uint128 registrationFee;
        mapping(uint256 agentId => Agent) agents;
        mapping(uint256 agentId => string) agentUris;
        mapping(uint256 agentId => address) agentWallets;
        mapping(uint256 agentId => mapping(string metadataKey => bytes)) metadata;
        mapping(address creator => uint256) registrationNonces;
    }

    // keccak256(abi.encode(uint256(keccak256("cr8.storage.AgentRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION =
        0xd2300a75ff3f943dcaa1290b195e0d1218f18e50b3426e9c437f6c87467d9300;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(IAgentTokenFactory tokenFactory, IAgentMarket agentMarket, IKycRegistry kycRegistry) {
        if (
            address(tokenFactory) == address(0) || address(agentMarket) == address(0)
                || address(kycRegistry) == address(0)
        ) revert ZeroAddress();
        TOKEN_FACTORY = tokenFactory;
        MARKET = agentMarket;
        KYC_REGISTRY = kycRegistry;
        _disableInitializers();
    }

    /// @param admin Governance.
    /// @param guardian May pause registrations.
    /// @param registrationFee_ The registration fee in wei of CR8.
    /// @param kycRequired_ Whether creators must be KYC-verified.
    function initialize(address admin, address guardian, uint128 registrationFee_, bool kycRequired_)
        external
        initializer
    {
        __Guarded_init(admin, guardian);
        __ERC721_init("CR8 Agents", "CR8AGENT");
        __EIP712_init("ERC8004IdentityRegistry", "1");
        AgentRegistryStorage storage $ = _storage();
        $.registrationFee = registrationFee_;
        $.kycRequired = kycRequired_;
    }

    modifier onlyAgentOperator(uint256 agentId) {
        _checkOperator(agentId);
        _;
    }

    // ---------------------------------------------------------------------------------------------
    // Registration
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IIdentityRegistry
    function register() external payable returns (uint256 agentId) {
        MetadataEntry[] memory none;
        (agentId,) = _register(msg.sender, "", bytes32(0), _defaultTerms(), none);
    }

    /// @inheritdoc IIdentityRegistry
    function register(string calldata agentURI) external payable returns (uint256 agentId) {
        MetadataEntry[] memory none;
        (agentId,) = _register(msg.sender, agentURI, bytes32(0), _defaultTerms(), none);
    }

    /// @inheritdoc IIdentityRegistry
    function register(string calldata agentURI, MetadataEntry[] calldata metadata)
        external
        payable
        returns (uint256 agentId)
    {
        (agentId,) = _register(msg.sender, agentURI, bytes32(0), _defaultTerms(), metadata);
    }

    /// @inheritdoc IAgentRegistry
    function registerAgent(AgentRegistration calldata registration)
        external
        payable
        returns (uint256 agentId, address token)
    {
        return _registerAgent(msg.sender, registration);
    }

    /// @inheritdoc IAgentRegistry
    function registerAgentFor(
        AgentRegistration calldata registration,
        address creator,
        uint256 deadline,
        bytes calldata signature
    ) external payable returns (uint256 agentId, address token) {
        if (block.timestamp > deadline) {
            revert DeadlineExpired(deadline, block.timestamp);
        }
        uint256 nonce;
        unchecked {
            // One increment per relayed registration: the nonce cannot reach 2**256.
            nonce = _storage().registrationNonces[creator]++;
        }
        bytes32 structHash = keccak256(
            abi.encode(REGISTER_AGENT_TYPEHASH, _hashRegistration(registration), creator, nonce, deadline)
        );
        if (!_isSignedBy(creator, structHash, signature)) revert InvalidCreatorSignature(creator);
        return _registerAgent(creator, registration);
    }

    /// @inheritdoc IAgentRegistry
    function registrationNonce(address creator) external view returns (uint256) {
        return _storage().registrationNonces[creator];
    }

    /// @dev The one path of `registerAgent` and `registerAgentFor`, once the creator is known.
    function _registerAgent(address creator, AgentRegistration calldata registration)
        private
        returns (uint256 agentId, address token)
    {
        Terms memory terms = Terms({
            tokenName: registration.tokenName,
            tokenSymbol: registration.tokenSymbol,
            tokenSupply: registration.tokenSupply,
            creatorShareBps: registration.creatorShareBps,
            feePerExecution: registration.feePerExecution,
            gpuMultiplierBps: registration.gpuMultiplierBps
        });
        return
            _register(creator, registration.agentURI, registration.metadataHash, terms, registration.metadata);
    }

    /// @dev The EIP-712 struct hash of `AgentRegistration` (see `IAgentRegistry.registerAgentFor`), read
    ///      straight from calldata: Solidity's per-field decoding costs about 450 more bytes of code, and
    ///      the registry is within 1.3 KB of the EIP-170 limit. A field encoded off the ABI (dirty high
    ///      bits, an offset out of bounds) only yields a digest no creator signed, and `_registerAgent`
    ///      rejects such calldata anyway.
    function _hashRegistration(AgentRegistration calldata r) private pure returns (bytes32 structHash) {
        bytes32 registrationTypehash = AGENT_REGISTRATION_TYPEHASH;
        bytes32 entryTypehash = METADATA_ENTRY_TYPEHASH;
        assembly ("memory-safe") {
            // keccak256 of the string or bytes whose offset from `base` is at `head`, copied to `scratch`.
            function hashTail(base, head, scratch) -> digest {
                let data := add(base, calldataload(head))
                let length := calldataload(data)
                calldatacopy(scratch, add(data, 0x20), length)
                digest := keccak256(scratch, length)
            }
            // Free memory is scratch space here: nothing outlives this block.
            let m := mload(0x40)
            // metadata: keccak256 of the concatenated MetadataEntry struct hashes.
            let entries := add(r, calldataload(add(r, 0x100)))
            let size := shl(5, calldataload(entries))
            entries := add(entries, 0x20)
            let scratch := add(m, size)
            for { let i := 0 } lt(i, size) { i := add(i, 0x20) } {
                let entry := add(entries, calldataload(add(entries, i)))
                let keyHash := hashTail(entry, entry, scratch)
                let valueHash := hashTail(entry, add(entry, 0x20), scratch)
                mstore(scratch, entryTypehash)
                mstore(add(scratch, 0x20), keyHash)
                mstore(add(scratch, 0x40), valueHash)
                mstore(add(m, i), keccak256(scratch, 0x60))
            }
            let metadataHash := keccak256(m, size)
            // AgentRegistration: the typehash, then the nine fields in order.
            scratch := add(m, 0x140)
            mstore(m, registrationTypehash)
            mstore(add(m, 0x20), hashTail(r, r, scratch)) // agentURI
            mstore(add(m, 0x40), calldataload(add(r, 0x20))) // metadataHash
            mstore(add(m, 0x60), hashTail(r, add(r, 0x40), scratch)) // tokenName
            mstore(add(m, 0x80), hashTail(r, add(r, 0x60), scratch)) // tokenSymbol
            calldatacopy(add(m, 0xa0), add(r, 0x80), 0x80) // tokenSupply .. gpuMultiplierBps
            mstore(add(m, 0x120), metadataHash)
            structHash := keccak256(m, 0x140)
        }
    }

    function _register(
        address creator,
        string memory agentURI,
        bytes32 metadataHash,
        Terms memory terms,
        MetadataEntry[] memory metadata
    ) private whenNotPaused returns (uint256 agentId, address token) {
        AgentRegistryStorage storage $ = _storage();
        if (msg.value != $.registrationFee) revert IncorrectRegistrationFee(msg.value, $.registrationFee);
        if ($.kycRequired && !KYC_REGISTRY.isVerified(creator)) revert CreatorNotVerified(creator);
        _validateTerms(terms);

        agentId = ++$.lastAgentId;

        uint8 flags = FLAG_ACTIVE | FLAG_WALLET_IS_CREATOR;
        uint16 cidCodec;
        (flags, cidCodec, metadataHash) = _storeUri($, agentId, agentURI, metadataHash, flags, true);

        uint96 creatorAllocation = uint96(uint256(terms.tokenSupply) * terms.creatorShareBps / BPS);
        token = TOKEN_FACTORY.createAgentToken(
            agentId, creator, terms.tokenName, terms.tokenSymbol, terms.tokenSupply, creatorAllocation
        );

        $.agents[agentId] = Agent({
            creator: creator,
            feePerExecution: terms.feePerExecution,
            token: token,
            gpuMultiplierBps: terms.gpuMultiplierBps,
            cidCodec: cidCodec,
            flags: flags,
            registeredAt: uint40(block.timestamp),
            metadataHash: metadataHash
        });

        for (uint256 i; i < metadata.length; ++i) {
            _setMetadata($, agentId, metadata[i].metadataKey, metadata[i].metadataValue);
        }

        emit Registered(agentId, agentURI, creator);
        emit AgentRegistered(
            agentId,
            creator,
            token,
            metadataHash,
            terms.tokenSupply,
            creatorAllocation,
            terms.feePerExecution,
            terms.gpuMultiplierBps
        );
        _safeMint(creator, agentId);
    }

    function _defaultTerms() private view returns (Terms memory) {
        // The id this registration will get; the name and symbol only need to be unique and readable.
        string memory id = Strings.toString(_storage().lastAgentId + 1);
        return Terms({
            tokenName: string.concat("CR8 Agent #", id),
            tokenSymbol: string.concat("AGENT", id),
            tokenSupply: DEFAULT_TOKEN_SUPPLY,
            creatorShareBps: DEFAULT_CREATOR_SHARE_BPS,
            feePerExecution: 0,
            gpuMultiplierBps: DEFAULT_GPU_MULTIPLIER_BPS
        });
    }

    function _validateTerms(Terms memory terms) private pure {
        if (terms.tokenSupply < MIN_TOKEN_SUPPLY) revert InvalidTokenSupply(terms.tokenSupply);
        if (terms.creatorShareBps > MAX_CREATOR_SHARE_BPS) revert InvalidCreatorShare(terms.creatorShareBps);
        _validateMultiplier(terms.gpuMultiplierBps);
        uint256 nameLength = bytes(terms.tokenName).length;
        if (nameLength == 0 || nameLength > 31) revert InvalidTokenName(terms.tokenName);
        uint256 symbolLength = bytes(terms.tokenSymbol).length;
        if (symbolLength == 0 || symbolLength > 31) revert InvalidTokenName(terms.tokenSymbol);
    }

    function _validateMultiplier(uint32 gpuMultiplierBps) private pure {
        if (gpuMultiplierBps == 0 || gpuMultiplierBps > MAX_GPU_MULTIPLIER_BPS) {
            revert InvalidGpuMultiplier(gpuMultiplierBps);
        }
    }

    /// @dev Records `uri` compactly when it is a canonical IPFS CIDv1, else as a string.
    ///      Returns the updated flags, the CID's codec (0 if none) and the metadata hash to keep.
    function _storeUri(
        AgentRegistryStorage storage $,
        uint256 agentId,
        string memory uri,
        bytes32 givenHash,
        uint8 flags,
        bool fresh
    ) private returns (uint8, uint16 cidCodec, bytes32 metadataHash) {
        flags &= ~(FLAG_URI_STRING | FLAG_URI_CID);
        if (!fresh) delete $.agentUris[agentId];
        if (bytes(uri).length == 0) return (flags, 0, givenHash);
        (bool isCid, uint16 codec, bytes32 digest) = IpfsUri.parse(uri);
        if (isCid) {
            if (givenHash != bytes32(0) && givenHash != digest) {
                revert MetadataHashMismatch(givenHash, digest);
            }
            return (flags | FLAG_URI_CID, codec, digest);
        }
        $.agentUris[agentId] = uri;
        return (flags | FLAG_URI_STRING, 0, givenHash);
    }

    // ---------------------------------------------------------------------------------------------
    // ERC-8004 identity
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IIdentityRegistry
    /// @dev For a URI that is not an IPFS CIDv1 the metadata hash becomes zero (unknown); `setAgentCard`
    ///      sets such a URI together with its hash.
    function setAgentURI(uint256 agentId, string calldata newURI) external onlyAgentOperator(agentId) {
        _setAgentCard(agentId, newURI, bytes32(0));
    }

    /// @inheritdoc IAgentRegistry
    function setAgentCard(uint256 agentId, string calldata agentURI, bytes32 metadataHash)
        external
        onlyAgentOperator(agentId)
    {
        _setAgentCard(agentId, agentURI, metadataHash);
    }

    function _setAgentCard(uint256 agentId, string calldata newURI, bytes32 givenHash) private {
        AgentRegistryStorage storage $ = _storage();
        Agent storage record = $.agents[agentId];
        (uint8 flags, uint16 cidCodec, bytes32 metadataHash) =
            _storeUri($, agentId, newURI, givenHash, record.flags, false);
        record.flags = flags;
        record.cidCodec = cidCodec;
        record.metadataHash = metadataHash;
        emit URIUpdated(agentId, newURI, msg.sender);
        emit MetadataHashUpdated(agentId, metadataHash);
    }

    /// @inheritdoc IIdentityRegistry
    function setMetadata(uint256 agentId, string calldata metadataKey, bytes calldata metadataValue)
        external
        onlyAgentOperator(agentId)
    {
        _setMetadata(_storage(), agentId, metadataKey, metadataValue);
    }

    /// @inheritdoc IIdentityRegistry
    function getMetadata(uint256 agentId, string calldata metadataKey) external view returns (bytes memory) {
        if (keccak256(bytes(metadataKey)) == AGENT_WALLET_KEY_HASH) {
            address wallet = _agentWallet(agentId);
            return wallet == address(0) ? bytes("") : abi.encodePacked(wallet);
        }
        return _storage().metadata[agentId][metadataKey];
    }

    /// @inheritdoc IIdentityRegistry
    function getAgentWallet(uint256 agentId) external view returns (address) {
        _requireOwned(agentId);
        return _agentWallet(agentId);
    }

    /// @inheritdoc IIdentityRegistry
    function setAgentWallet(uint256 agentId, address newWallet, uint256 deadline, bytes calldata signature)
        external
        onlyAgentOperator(agentId)
    {
        if (newWallet == address(0)) revert ZeroAddress();
        if (block.timestamp > deadline) revert DeadlineExpired(deadline, block.timestamp);
        if (deadline > block.timestamp + MAX_WALLET_DEADLINE_DELAY) {
            revert DeadlineTooFar(deadline, block.timestamp + MAX_WALLET_DEADLINE_DELAY);
        }
        bytes32 structHash =
            keccak256(abi.encode(AGENT_WALLET_SET_TYPEHASH, agentId, newWallet, _ownerOf(agentId), deadline));
        if (!_isSignedBy(newWallet, structHash, signature)) revert InvalidWalletSignature(newWallet);
        AgentRegistryStorage storage $ = _storage();
        $.agentWallets[agentId] = newWallet;
        $.agents[agentId].flags = ($.agents[agentId].flags & ~FLAG_WALLET_IS_CREATOR) | FLAG_WALLET_SET;
        emit MetadataSet(agentId, "agentWallet", "agentWallet", abi.encodePacked(newWallet));
    }

    /// @notice The agent card URI (ERC-8004's agentURI) of `agentId`.
    function tokenURI(uint256 agentId) public view override returns (string memory) {
        _requireOwned(agentId);
        return _agentUri(agentId);
    }

    // ---------------------------------------------------------------------------------------------
    // Agent management
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IAgentRegistry
    function setPricing(uint256 agentId, uint96 feePerExecution, uint32 gpuMultiplierBps)
        external
        onlyAgentOperator(agentId)
    {
        _validateMultiplier(gpuMultiplierBps);
        Agent storage record = _storage().agents[agentId];
        record.feePerExecution = feePerExecution;
        record.gpuMultiplierBps = gpuMultiplierBps;
        emit PricingUpdated(agentId, feePerExecution, gpuMultiplierBps);
    }

    /// @inheritdoc IAgentRegistry
    function setActive(uint256 agentId, bool active) external onlyAgentOperator(agentId) {
        Agent storage record = _storage().agents[agentId];
        record.flags = active ? record.flags | FLAG_ACTIVE : record.flags & ~FLAG_ACTIVE;
        emit AgentStatusChanged(agentId, active, msg.sender);
    }

    // ---------------------------------------------------------------------------------------------
    // Governance
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IAgentRegistry
    function setRegistrationFee(uint256 fee) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (fee > type(uint128).max) revert RegistrationFeeTooLarge(fee, type(uint128).max);
        _storage().registrationFee = uint128(fee);
        emit RegistrationFeeUpdated(fee);
    }

    /// @inheritdoc IAgentRegistry
    function setKycRequired(bool required) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _storage().kycRequired = required;
        emit KycRequirementUpdated(required);
    }

    /// @inheritdoc IAgentRegistry
    function withdrawRegistrationFees(address to, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (amount == 0) revert ZeroAmount();
        if (amount > address(this).balance) revert InsufficientFees(address(this).balance, amount);
        NativeTransfer.send(to, amount);
        emit RegistrationFeesWithdrawn(to, amount);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IAgentRegistry
    function agent(uint256 agentId) external view returns (AgentInfo memory info) {
        Agent storage record = _existing(agentId);
        info.owner = _ownerOf(agentId);
        info.creator = record.creator;
        info.token = record.token;
        info.metadataHash = record.metadataHash;
        info.tokenSupply = IERC20(record.token).totalSupply();
        info.liquidity = MARKET.liquidityOf(agentId);
        info.active = record.flags & FLAG_ACTIVE != 0;
        info.feePerExecution = record.feePerExecution;
        info.gpuMultiplierBps = record.gpuMultiplierBps;
        info.registeredAt = record.registeredAt;
        info.agentURI = _agentUri(agentId);
    }

    /// @inheritdoc IAgentRegistry
    function agentToken(uint256 agentId) external view returns (address) {
        return _existing(agentId).token;
    }

    /// @inheritdoc IAgentRegistry
    function creatorOf(uint256 agentId) external view returns (address) {
        return _existing(agentId).creator;
    }

    /// @inheritdoc IAgentRegistry
    function feeRecipientsOf(uint256 agentId) external view returns (address token, address creator) {
        Agent storage record = _existing(agentId);
        return (record.token, record.creator);
    }

    /// @inheritdoc IAgentRegistry
    function isActive(uint256 agentId) external view returns (bool) {
        return _storage().agents[agentId].flags & FLAG_ACTIVE != 0;
    }

    /// @inheritdoc IAgentRegistry
    function exists(uint256 agentId) external view returns (bool) {
        return _storage().agents[agentId].creator != address(0);
    }

    /// @inheritdoc IAgentRegistry
    function executionFee(uint256 agentId) external view returns (uint256) {
        Agent storage record = _existing(agentId);
        return uint256(record.feePerExecution) * record.gpuMultiplierBps / BPS;
    }

    /// @inheritdoc IAgentRegistry
    function totalAgents() external view returns (uint256) {
        return _storage().lastAgentId;
    }

    /// @inheritdoc IAgentRegistry
    function registrationFee() external view returns (uint256) {
        return _storage().registrationFee;
    }

    /// @inheritdoc IAgentRegistry
    function kycRequired() external view returns (bool) {
        return _storage().kycRequired;
    }

    /// @notice The implementation's version.
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    /// @inheritdoc ERC721Upgradeable
    function supportsInterface(bytes4 interfaceId)
        public
        view
        override(ERC721Upgradeable, AccessControlUpgradeable)
        returns (bool)
    {
        return ERC721Upgradeable.supportsInterface(interfaceId)
            || AccessControlUpgradeable.supportsInterface(interfaceId);
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    /// @dev ERC-8004: a transfer clears the agent wallet; the new owner proves a new one.
    function _update(address to, uint256 agentId, address auth) internal override returns (address from) {
        from = super._update(to, agentId, auth);
        if (from != address(0) && to != address(0)) {
            AgentRegistryStorage storage $ = _storage();
            Agent storage record = $.agents[agentId];
            if (record.flags & (FLAG_WALLET_IS_CREATOR | FLAG_WALLET_SET) != 0) {
                record.flags &= ~(FLAG_WALLET_IS_CREATOR | FLAG_WALLET_SET);
                delete $.agentWallets[agentId];
                emit MetadataSet(agentId, "agentWallet", "agentWallet", "");
            }
        }
    }

    function _setMetadata(
        AgentRegistryStorage storage $,
        uint256 agentId,
        string memory key,
        bytes memory value
    ) private {
        if (keccak256(bytes(key)) == AGENT_WALLET_KEY_HASH) {
            revert ReservedMetadataKey(key);
        }
        $.metadata[agentId][key] = value;
        emit MetadataSet(agentId, key, key, value);
    }

    function _agentWallet(uint256 agentId) private view returns (address) {
        AgentRegistryStorage storage $ = _storage();
        Agent storage record = $.agents[agentId];
        uint8 flags = record.flags;
        if (flags & FLAG_WALLET_SET != 0) return $.agentWallets[agentId];
        if (flags & FLAG_WALLET_IS_CREATOR != 0) return record.creator;
        return address(0);
    }

    function _agentUri(uint256 agentId) private view returns (string memory) {
        AgentRegistryStorage storage $ = _storage();
        Agent storage record = $.agents[agentId];
        uint8 flags = record.flags;
        if (flags & FLAG_URI_CID != 0) return IpfsUri.format(record.cidCodec, record.metadataHash);
        if (flags & FLAG_URI_STRING != 0) return $.agentUris[agentId];
        return "";
    }

    /// @dev Whether `signer` signed the EIP-712 struct `structHash` under the registry's domain (ECDSA, or
    ///      ERC-1271 for a contract). One call site for both signed operations keeps the code small.
    function _isSignedBy(address signer, bytes32 structHash, bytes calldata signature)
        private
        view
        returns (bool)
    {
        return SignatureChecker.isValidSignatureNow(signer, _hashTypedDataV4(structHash), signature);
    }

    function _checkOperator(uint256 agentId) private view {
        address owner = _ownerOf(agentId);
        if (owner == address(0)) revert UnknownAgent(agentId);
        if (!_isAuthorized(owner, msg.sender, agentId)) revert NotAgentOperator(agentId, msg.sender);
    }

    function _existing(uint256 agentId) private view returns (Agent storage record) {
        record = _storage().agents[agentId];
        if (record.creator == address(0)) revert UnknownAgent(agentId);
    }

    function _storage() private pure returns (AgentRegistryStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
