// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IGuarded} from "./IGuarded.sol";
import {IIdentityRegistry} from "./IIdentityRegistry.sol";

/// @title IAgentRegistry
/// @notice CR8's agent registry: an ERC-8004 identity registry (agents are ERC-721 tokens) that also
///         keeps what CR8 needs on-chain for each agent: its creator, the hash of its agent card, its
///         agent token (created in the same transaction as the registration and listed on the
///         AgentMarket), its pricing and whether it is active.
/// @dev The ERC-8004 `register` overloads create the agent token with the default parameters below;
///      `registerAgent` lets the creator choose them, and `registerAgentFor` lets a relayer submit (and pay
///      for) a registration the creator signed.
interface IAgentRegistry is IGuarded, IIdentityRegistry {
    /// @notice What a creator chooses when registering an agent.
    /// @param agentURI The agent card, ideally `ipfs://<CIDv1 base32, sha2-256>`; then `metadataHash`
    ///        must be zero or equal the CID's digest, and the URI costs one storage slot.
    /// @param metadataHash The hash of the agent card when `agentURI` is not an IPFS CIDv1 (else zero).
    /// @param tokenName The agent token's name (1 to 31 bytes).
    /// @param tokenSymbol The agent token's symbol (1 to 31 bytes).
    /// @param tokenSupply The agent token's fixed total supply, in its smallest unit (18 decimals).
    /// @param creatorShareBps The part of the supply minted to the creator; the rest goes to the market.
    /// @param feePerExecution The fee one execution of the agent costs, in wei of CR8.
    /// @param gpuMultiplierBps The multiplier on GPU cost for this agent, in basis points (10,000 = 1x).
    /// @param metadata ERC-8004 metadata entries.
    struct AgentRegistration {
        string agentURI;
        bytes32 metadataHash;
        string tokenName;
        string tokenSymbol;
        uint96 tokenSupply;
        uint16 creatorShareBps;
        uint96 feePerExecution;
        uint32 gpuMultiplierBps;
        MetadataEntry[] metadata;
    }

    /// @notice Everything the registry knows about one agent.
    struct AgentInfo {
        address owner;
        address creator;
        address token;
        bytes32 metadataHash;
        uint256 tokenSupply;
        uint256 liquidity;
        bool active;
        uint96 feePerExecution;
        uint32 gpuMultiplierBps;
        uint40 registeredAt;
        string agentURI;
    }

    /// @notice Agent `agentId` was registered by `creator` with agent token `token`.
    event AgentRegistered(
        uint256 indexed agentId,
        address indexed creator,
        address indexed token,
        bytes32 metadataHash,
        uint256 tokenSupply,
        uint256 creatorAllocation,
        uint96 feePerExecution,
        uint32 gpuMultiplierBps
    );

    /// @notice The agent card of `agentId` changed; `metadataHash` is the new card's hash.
    event MetadataHashUpdated(uint256 indexed agentId, bytes32 metadataHash);

    /// @notice The owner of `agentId` changed its pricing.
    event PricingUpdated(uint256 indexed agentId, uint96 feePerExecution, uint32 gpuMultiplierBps);

    /// @notice `agentId` was activated or deactivated by `by`.
    event AgentStatusChanged(uint256 indexed agentId, bool active, address indexed by);

    /// @notice Governance set the registration fee.
    event RegistrationFeeUpdated(uint256 fee);

    /// @notice Governance turned the KYC gate on or off.
    event KycRequirementUpdated(bool required);

    /// @notice Governance withdrew `amount` of collected registration fees to `to`.
    event RegistrationFeesWithdrawn(address indexed to, uint256 amount);

    /// @notice `msg.value` differs from the registration fee.
    error IncorrectRegistrationFee(uint256 sent, uint256 required);

    /// @notice The registration fee does not fit 128 bits.
    error RegistrationFeeTooLarge(uint256 fee, uint256 maxFee);

    /// @notice The KYC gate is on and `creator` holds no valid verification.
    error CreatorNotVerified(address creator);

    /// @notice `caller` is neither the owner of `agentId` nor approved for it.
    error NotAgentOperator(uint256 agentId, address caller);

    /// @notice The token supply is outside [MIN_TOKEN_SUPPLY, MAX_TOKEN_SUPPLY].
    error InvalidTokenSupply(uint256 supply);

    /// @notice The creator share is above MAX_CREATOR_SHARE_BPS.
    error InvalidCreatorShare(uint256 creatorShareBps);

    /// @notice The GPU multiplier is zero or above MAX_GPU_MULTIPLIER_BPS.
    error InvalidGpuMultiplier(uint256 gpuMultiplierBps);

    /// @notice The token name or symbol is empty or longer than 31 bytes.
    error InvalidTokenName(string value);

    /// @notice `metadataHash` disagrees with the digest of the IPFS CID in `agentURI`.
    error MetadataHashMismatch(bytes32 given, bytes32 cidDigest);

    /// @notice The metadata key `agentWallet` is reserved for `setAgentWallet`.
    error ReservedMetadataKey(string metadataKey);

    /// @notice The agent wallet deadline is more than 5 minutes ahead.
    error DeadlineTooFar(uint256 deadline, uint256 maxDeadline);

    /// @notice The agent wallet signature does not come from `wallet`.
    error InvalidWalletSignature(address wallet);

    /// @notice A withdrawal asked for more than the collected fees.
    error InsufficientFees(uint256 available, uint256 requested);

    /// @notice The registration signature does not come from `creator` (for its current nonce).
    error InvalidCreatorSignature(address creator);

    /// @notice Registers an agent with the creator's chosen token, pricing and card, creates its
    ///         agent token and lists it on the market. `msg.value` must equal the registration fee.
    function registerAgent(AgentRegistration calldata registration)
        external
        payable
        returns (uint256 agentId, address token);

    /// @notice Registers an agent on behalf of `creator`, who authorized exactly this registration with an
    ///         EIP-712 signature; the caller (a relayer) pays the gas and the registration fee
    ///         (`msg.value`). Everything else is as in `registerAgent` with `creator` as the caller: the
    ///         KYC gate checks `creator`, who becomes the agent's creator and owner and receives the
    ///         creator share of the token. Consumes the creator's `registrationNonce`.
    /// @dev The domain is the registry's (`eip712Domain()`: name "ERC8004IdentityRegistry", version "1",
    ///      the chain id, the registry's address). The signed struct, with its referenced types appended
    ///      in alphabetical order as EIP-712 requires, is
    ///      `RegisterAgent(AgentRegistration registration,address creator,uint256 nonce,uint256 deadline)`
    ///      `AgentRegistration(string agentURI,bytes32 metadataHash,string tokenName,string tokenSymbol,`
    ///      `uint96 tokenSupply,uint16 creatorShareBps,uint96 feePerExecution,uint32 gpuMultiplierBps,`
    ///      `MetadataEntry[] metadata)MetadataEntry(string metadataKey,bytes metadataValue)`
    ///      (one string, no spaces or line breaks). Strings and `bytes` are hashed with keccak256, the
    ///      `metadata` array is the keccak256 of its entries' struct hashes concatenated. `nonce` is
    ///      `registrationNonce(creator)` when the call runs. A contract creator answers ERC-1271.
    ///      Reverts with `DeadlineExpired` after `deadline` and `InvalidCreatorSignature` for any other
    ///      signer, registration, creator, nonce, deadline, chain or registry; then as `registerAgent`.
    /// @param registration The registration, exactly as signed.
    /// @param creator The agent's creator and first owner, the signer.
    /// @param deadline The last timestamp at which the signature is valid.
    /// @param signature The creator's signature over the EIP-712 digest (65-byte ECDSA for an account,
    ///        whatever its `isValidSignature` accepts for a contract).
    function registerAgentFor(
        AgentRegistration calldata registration,
        address creator,
        uint256 deadline,
        bytes calldata signature
    ) external payable returns (uint256 agentId, address token);

    /// @notice The nonce `creator`'s next `registerAgentFor` signature must commit to. Each relayed
    ///         registration of `creator` increments it, so a signature registers at most one agent and
    ///         signatures for the same nonce exclude each other.
    function registrationNonce(address creator) external view returns (uint256);

    /// @notice Points the agent at a new card and records its hash (ERC-8004's `setAgentURI` with the hash
    ///         CR8 keeps on-chain). For an `ipfs://` CIDv1 the hash must be zero or the CID's digest; for
    ///         any other URI it is the card's hash as the owner states it. Owner or approved operator only.
    function setAgentCard(uint256 agentId, string calldata agentURI, bytes32 metadataHash) external;

    /// @notice Sets the per-execution fee and GPU multiplier. Owner or approved operator only.
    function setPricing(uint256 agentId, uint96 feePerExecution, uint32 gpuMultiplierBps) external;

    /// @notice Activates or deactivates an agent. Owner or approved operator only.
    function setActive(uint256 agentId, bool active) external;

    /// @notice Governance: sets the registration fee (wei of CR8).
    function setRegistrationFee(uint256 fee) external;

    /// @notice Governance: turns the KYC gate on or off.
    function setKycRequired(bool required) external;

    /// @notice Governance: withdraws collected registration fees.
    function withdrawRegistrationFees(address to, uint256 amount) external;

    /// @notice Everything about `agentId`; reverts with `UnknownAgent` if it does not exist.
    function agent(uint256 agentId) external view returns (AgentInfo memory);

    /// @notice The agent token of `agentId`; reverts with `UnknownAgent` if it does not exist.
    function agentToken(uint256 agentId) external view returns (address);

    /// @notice The creator of `agentId` (who earns the creator share; fixed at registration).
    function creatorOf(uint256 agentId) external view returns (address);

    /// @notice The agent token and the creator in one call, for the FeeDistributor.
    function feeRecipientsOf(uint256 agentId) external view returns (address token, address creator);

    /// @notice Whether `agentId` exists and is active.
    function isActive(uint256 agentId) external view returns (bool);

    /// @notice Whether `agentId` exists.
    function exists(uint256 agentId) external view returns (bool);

    /// @notice The fee of one execution: feePerExecution scaled by the GPU multiplier, in wei.
    function executionFee(uint256 agentId) external view returns (uint256);

    /// @notice The number of agents registered so far (ids run from 1 to this number).
    function totalAgents() external view returns (uint256);

    /// @notice The registration fee in wei of CR8.
    function registrationFee() external view returns (uint256);

    /// @notice Whether creators must hold a valid KYC verification to register.
    function kycRequired() external view returns (bool);
}
