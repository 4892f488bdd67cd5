// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Guarded} from "../access/Guarded.sol";
import {ICreditVault} from "../interfaces/ICreditVault.sol";
import {NativeTransfer} from "../libraries/NativeTransfer.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @title CreditVault
/// @notice Users' prepaid native CR8 for agent executions, charged only as far as each payer signed.
///         See {ICreditVault}.
/// @dev Gas per payer in a batch is what settlement costs at scale: one signature check and one write to
///      the payer's channel with the orchestrator (balance and cumulative charge share the slot). No
///      authorization is stored: the batch carries the latest one, which is checked every time, so nothing
///      but `charged` has to be remembered between batches. Contract wallets sign through ERC-1271.
/// @custom:proxied true
/// @custom:predeploy 0xC800000000000000000000000000000000000010
contract CreditVault is ICreditVault, Guarded, ReentrancyGuardTransient {
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant NAME_HASH = keccak256("CR8 CreditVault");
    bytes32 private constant VERSION_HASH = keccak256("1");
    /// @notice What a payer signs: `orchestrator` may charge it up to `cumulativeAmount` in total, ever.
    bytes32 public constant SPENDING_AUTHORIZATION_TYPEHASH =
        keccak256("SpendingAuthorization(address payer,address orchestrator,uint256 cumulativeAmount)");

    /// @inheritdoc ICreditVault
    address public immutable SETTLEMENT;

    /// @inheritdoc ICreditVault
    uint64 public immutable WITHDRAWAL_DELAY;

    /// @custom:storage-location erc7201:cr8.storage.CreditVault
    struct CreditVaultStorage {
        mapping(address payer => mapping(address orchestrator => Channel)) channels;
        mapping(address payer => mapping(address orchestrator => Withdrawal)) withdrawals;
        uint256 totalBalances;
    }

    // keccak256(abi.encode(uint256(keccak256("cr8.storage.CreditVault")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION =
        0x3ce5e75b1662298ef24aa99ea185ded434ae3b674841ea36117030a21d655b00;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(address settlement, uint64 withdrawalDelay) {
        if (settlement == address(0)) revert ZeroAddress();
        if (withdrawalDelay == 0) revert ZeroAmount();
        SETTLEMENT = settlement;
        WITHDRAWAL_DELAY = withdrawalDelay;
        _disableInitializers();
    }

    /// @param admin Governance (no powers over balances).
    /// @param guardian May pause deposits and withdrawals (charges and refunds continue).
    function initialize(address admin, address guardian) external initializer {
        __Guarded_init(admin, guardian);
    }

    // ---------------------------------------------------------------------------------------------
    // Payers
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ICreditVault
    function deposit(address orchestrator) external payable whenNotPaused {
        _deposit(msg.sender, orchestrator);
    }

    /// @inheritdoc ICreditVault
    function depositFor(address payer, address orchestrator) external payable whenNotPaused {
        if (payer == address(0)) revert ZeroAddress();
        _deposit(payer, orchestrator);
    }

    /// @inheritdoc ICreditVault
    function requestWithdrawal(address orchestrator, uint256 amount) external whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        if (amount > type(uint128).max) revert AmountTooLarge(amount);
        CreditVaultStorage storage $ = _storage();
        uint128 balance = $.channels[msg.sender][orchestrator].balance;
        if (amount > balance) revert InsufficientCredit(msg.sender, balance, amount);
        uint64 withdrawableAt = uint64(block.timestamp) + WITHDRAWAL_DELAY;
        $.withdrawals[msg.sender][orchestrator] = Withdrawal(uint128(amount), withdrawableAt);
        emit WithdrawalRequested(msg.sender, orchestrator, amount, withdrawableAt);
    }

    /// @inheritdoc ICreditVault
    function withdraw(address orchestrator, address to)
        external
        nonReentrant
        whenNotPaused
        returns (uint256 amount)
    {
        if (to == address(0)) revert ZeroAddress();
        CreditVaultStorage storage $ = _storage();
        Withdrawal memory request = $.withdrawals[msg.sender][orchestrator];
        if (request.amount == 0 || block.timestamp < request.withdrawableAt) {
            revert WithdrawalNotReady(msg.sender, request.withdrawableAt, block.timestamp);
        }
        // Charges settled during the delay may have left less than was requested.
        Channel storage channel = $.channels[msg.sender][orchestrator];
        uint128 balance = channel.balance;
        uint128 withdrawn = request.amount < balance ? request.amount : balance;
        channel.balance = balance - withdrawn;
        delete $.withdrawals[msg.sender][orchestrator];
        $.totalBalances -= withdrawn;
        amount = withdrawn;
        emit Withdrawn(msg.sender, orchestrator, to, amount);
        if (amount != 0) NativeTransfer.send(to, amount);
    }

    // ---------------------------------------------------------------------------------------------
    // Settlement
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ICreditVault
    /// @dev Never paused: pausing would let payers who were served avoid paying (withdrawals pause too).
    function charge(address orchestrator, Charge[] calldata charges)
        external
        nonReentrant
        returns (uint256 total, bytes32 chargesHash)
    {
        if (msg.sender != SETTLEMENT) revert OnlySettlement(msg.sender);
        CreditVaultStorage storage $ = _storage();
        bytes32 domainSeparator = _domainSeparator();
        // (payer, chargeTo) of each charge, as two ABI words, hashed once at the end.
        bytes memory chargedTo = new bytes(charges.length * 64);
        for (uint256 i; i < charges.length; ++i) {
            Charge calldata item = charges[i];
            total += _chargeOne($, domainSeparator, orchestrator, item);
            (address payer, uint128 chargeTo) = (item.payer, item.chargeTo);
            assembly ("memory-safe") {
                let entry := add(add(chargedTo, 0x20), shl(6, i))
                mstore(entry, payer)
                mstore(add(entry, 0x20), chargeTo)
            }
        }
        chargesHash = keccak256(chargedTo);
        $.totalBalances -= total;
        if (total != 0) NativeTransfer.send(msg.sender, total);
    }

    /// @inheritdoc ICreditVault
    function refund(address payer, address orchestrator) external payable nonReentrant {
        if (msg.sender != SETTLEMENT) revert OnlySettlement(msg.sender);
        if (payer == address(0)) revert ZeroAddress();
        if (msg.value == 0) revert ZeroAmount();
        _credit(payer, orchestrator, msg.value);
        emit Refunded(payer, orchestrator, msg.value);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ICreditVault
    function authorizationDigest(address payer, address orchestrator, uint256 authorizedCumulative)
        external
        view
        returns (bytes32)
    {
        return _authorizationDigest(_domainSeparator(), payer, orchestrator, authorizedCumulative);
    }

    /// @inheritdoc ICreditVault
    function channelOf(address payer, address orchestrator) external view returns (Channel memory) {
        return _storage().channels[payer][orchestrator];
    }

    /// @inheritdoc ICreditVault
    function withdrawalOf(address payer, address orchestrator) external view returns (Withdrawal memory) {
        return _storage().withdrawals[payer][orchestrator];
    }

    /// @inheritdoc ICreditVault
    function totalBalances() external view returns (uint256) {
        return _storage().totalBalances;
    }

    /// @inheritdoc ICreditVault
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparator();
    }

    /// @notice The implementation's version.
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    /// @dev One payer of a batch: checks its signed authorization covers `chargeTo`, then takes the
    ///      difference between `chargeTo` and what was charged so far from its channel.
    function _chargeOne(
        CreditVaultStorage storage $,
        bytes32 domainSeparator,
        address orchestrator,
        Charge calldata item
    ) private returns (uint128 amount) {
        address payer = item.payer;
        uint128 chargeTo = item.chargeTo;
        Channel storage channel = $.channels[payer][orchestrator];
        (uint128 balance, uint128 charged) = (channel.balance, channel.charged);
        if (chargeTo <= charged) revert ChargeNotAdvancing(payer, chargeTo, charged);
        uint128 authorized = item.authorizedCumulative;
        if (chargeTo > authorized) revert ChargeExceedsAuthorization(payer, chargeTo, authorized);
        bytes32 digest = _authorizationDigest(domainSeparator, payer, orchestrator, authorized);
        if (!_isPayersSignature(payer, digest, item.signature)) {
            revert InvalidAuthorization(payer, orchestrator, authorized);
        }
        // Cannot underflow: `chargeTo > charged` was checked above.
        unchecked {
            amount = chargeTo - charged;
        }
        if (amount > balance) revert InsufficientCredit(payer, balance, amount);
        // Cannot underflow: checked just above.
        unchecked {
            (channel.balance, channel.charged) = (balance - amount, chargeTo);
        }
    }

    /// @dev The payer's key first (ECDSA), its ERC-1271 contract only if that fails: checking for code
    ///      first, as SignatureChecker does, costs every EOA payer of every batch a cold EXTCODESIZE (2,600
    ///      gas), and would refuse the key of an EIP-7702 account. A contract has no key, so no ECDSA
    ///      signature can recover to its address.
    function _isPayersSignature(address payer, bytes32 digest, bytes calldata signature)
        private
        view
        returns (bool)
    {
        (address recovered, ECDSA.RecoverError error,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (error == ECDSA.RecoverError.NoError && recovered == payer) return true;
        return SignatureChecker.isValidERC1271SignatureNowCalldata(payer, digest, signature);
    }

    function _deposit(address payer, address orchestrator) private {
        if (orchestrator == address(0)) revert ZeroAddress();
        if (msg.value == 0) revert ZeroAmount();
        _credit(payer, orchestrator, msg.value);
        emit Deposited(payer, orchestrator, msg.sender, msg.value);
    }

    function _credit(address payer, address orchestrator, uint256 amount) private {
        CreditVaultStorage storage $ = _storage();
        Channel storage channel = $.channels[payer][orchestrator];
        uint256 balance = channel.balance + amount;
        if (balance > type(uint128).max) revert AmountTooLarge(balance);
        channel.balance = uint128(balance);
        $.totalBalances += amount;
    }

    /// @dev Built per call from the proxy's own address (this code runs behind a predeploy proxy).
    function _domainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    /// @dev The EIP-712 digest, hashed in scratch memory: `abi.encode` would allocate fresh memory for
    ///      every payer of a batch, and the memory grows (quadratically priced) with the batch.
    function _authorizationDigest(
        bytes32 domainSeparator,
        address payer,
        address orchestrator,
        uint256 authorizedCumulative
    ) private pure returns (bytes32 digest) {
        bytes32 typeHash = SPENDING_AUTHORIZATION_TYPEHASH;
        bytes32 structHash;
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, typeHash)
            mstore(add(m, 0x20), payer)
            mstore(add(m, 0x40), orchestrator)
            mstore(add(m, 0x60), authorizedCumulative)
            structHash := keccak256(m, 0x80)
        }
        return MessageHashUtils.toTypedDataHash(domainSeparator, structHash);
    }

    function _storage() private pure returns (CreditVaultStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
