// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Guarded} from "../access/Guarded.sol";
import {ICreditVault} from "../interfaces/ICreditVault.sol";
import {NativeTransfer} from "../libraries/NativeTransfer.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @title CreditVault
/// @notice Users' prepaid native CR8 for agent executions, charged only as far as each payer signed.
///         See {ICreditVault}.
/// @dev Gas per payer in a batch is what settlement costs at scale: one write to the payer's balance,
///      one to its channel with the orchestrator (authorized and charged share a slot), and a signature
///      check only when the batch raises the authorized amount. Contract wallets sign through ERC-1271.
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
        mapping(address payer => Account) accounts;
        mapping(address payer => mapping(address orchestrator => Channel)) channels;
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
    function deposit() external payable whenNotPaused {
        _deposit(msg.sender);
    }

    /// @inheritdoc ICreditVault
    function depositFor(address payer) external payable whenNotPaused {
        if (payer == address(0)) revert ZeroAddress();
        _deposit(payer);
    }

    /// @inheritdoc ICreditVault
    function requestWithdrawal(uint256 amount) external whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        if (amount > type(uint128).max) revert AmountTooLarge(amount);
        Account storage account = _storage().accounts[msg.sender];
        if (amount > account.balance) revert InsufficientCredit(msg.sender, account.balance, amount);
        uint64 withdrawableAt = uint64(block.timestamp) + WITHDRAWAL_DELAY;
        (account.withdrawalAmount, account.withdrawableAt) = (uint128(amount), withdrawableAt);
        emit WithdrawalRequested(msg.sender, amount, withdrawableAt);
    }

    /// @inheritdoc ICreditVault
    function withdraw(address to) external nonReentrant whenNotPaused returns (uint256 amount) {
        if (to == address(0)) revert ZeroAddress();
        CreditVaultStorage storage $ = _storage();
        Account storage account = $.accounts[msg.sender];
        uint64 withdrawableAt = account.withdrawableAt;
        if (account.withdrawalAmount == 0 || block.timestamp < withdrawableAt) {
            revert WithdrawalNotReady(msg.sender, withdrawableAt, block.timestamp);
        }
        // Charges settled during the delay may have left less than was requested.
        uint128 balance = account.balance;
        uint128 withdrawn = account.withdrawalAmount < balance ? account.withdrawalAmount : balance;
        (account.balance, account.withdrawalAmount, account.withdrawableAt) = (balance - withdrawn, 0, 0);
        $.totalBalances -= withdrawn;
        amount = withdrawn;
        emit Withdrawn(msg.sender, to, amount);
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
        returns (uint256 total)
    {
        if (msg.sender != SETTLEMENT) revert OnlySettlement(msg.sender);
        CreditVaultStorage storage $ = _storage();
        bytes32 domainSeparator = _domainSeparator();
        for (uint256 i; i < charges.length; ++i) {
            total += _chargeOne($, domainSeparator, orchestrator, charges[i]);
        }
        $.totalBalances -= total;
        if (total != 0) NativeTransfer.send(msg.sender, total);
    }

    /// @inheritdoc ICreditVault
    function refund(address payer) external payable nonReentrant {
        if (msg.sender != SETTLEMENT) revert OnlySettlement(msg.sender);
        if (payer == address(0)) revert ZeroAddress();
        if (msg.value == 0) revert ZeroAmount();
        _credit(payer, msg.value);
        emit Refunded(payer, msg.value);
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
    function accountOf(address payer) external view returns (Account memory) {
        return _storage().accounts[payer];
    }

    /// @inheritdoc ICreditVault
    function channelOf(address payer, address orchestrator) external view returns (Channel memory) {
        return _storage().channels[payer][orchestrator];
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

    /// @dev One payer of a batch: raises its channel's authorization when the batch brings a larger signed
    ///      one, then takes the difference between `chargeTo` and what was charged so far from its balance.
    function _chargeOne(
        CreditVaultStorage storage $,
        bytes32 domainSeparator,
        address orchestrator,
        Charge calldata item
    ) private returns (uint128 amount) {
        address payer = item.payer;
        uint128 chargeTo = item.chargeTo;
        Channel memory channel = $.channels[payer][orchestrator];
        if (chargeTo <= channel.charged) revert ChargeNotAdvancing(payer, chargeTo, channel.charged);
        if (chargeTo > channel.authorized) {
            uint128 authorized = item.authorizedCumulative;
            if (chargeTo > authorized) revert ChargeExceedsAuthorization(payer, chargeTo, authorized);
            bytes32 digest = _authorizationDigest(domainSeparator, payer, orchestrator, authorized);
            if (!_isPayersSignature(payer, digest, item.signature)) {
                revert InvalidAuthorization(payer, orchestrator, authorized);
            }
            channel.authorized = authorized;
        }
        amount = chargeTo - channel.charged;
        Account storage account = $.accounts[payer];
        uint128 balance = account.balance;
        if (amount > balance) revert InsufficientCredit(payer, balance, amount);
        // Cannot underflow: checked just above.
        unchecked {
            account.balance = balance - amount;
        }
        channel.charged = chargeTo;
        $.channels[payer][orchestrator] = channel;
        emit Charged(payer, amount, chargeTo);
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

    function _deposit(address payer) private {
        if (msg.value == 0) revert ZeroAmount();
        _credit(payer, msg.value);
        emit Deposited(payer, msg.sender, msg.value);
    }

    function _credit(address payer, uint256 amount) private {
        CreditVaultStorage storage $ = _storage();
        uint256 balance = $.accounts[payer].balance + amount;
        if (balance > type(uint128).max) revert AmountTooLarge(balance);
        $.accounts[payer].balance = uint128(balance);
        $.totalBalances += amount;
    }

    /// @dev Built per call from the proxy's own address (this code runs behind a predeploy proxy).
    function _domainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    function _authorizationDigest(
        bytes32 domainSeparator,
        address payer,
        address orchestrator,
        uint256 authorizedCumulative
    ) private pure returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(SPENDING_AUTHORIZATION_TYPEHASH, payer, orchestrator, authorizedCumulative)
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }

    function _storage() private pure returns (CreditVaultStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
