// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentToken} from "../interfaces/IAgentToken.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Bytes} from "@openzeppelin/contracts/utils/Bytes.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title AgentToken
/// @notice The implementation every agent token clone delegates to. See {IAgentToken}.
/// @dev Why not OpenZeppelin's ERC20: a holder's balance and fee correction must share one storage slot,
///      or every transfer to a new holder pays a second zero-to-non-zero SSTORE (~22k gas) and the token
///      costs ~1.6x a plain ERC-20 transfer. OpenZeppelin keeps balances in its own uint256 mapping, so
///      this contract implements the (small) ERC-20 core itself, with OpenZeppelin's interfaces and
///      EIP-6093 errors.
///
///      Fee accounting (ERC-2222 style): `magnifiedFeesPerShare` grows by `amount * 2**128 / supply` on
///      every accrual. A holder's claimable fees are `(magnifiedFeesPerShare * balance + correction) / 2**128`,
///      where the correction moves by `-/+ magnifiedFeesPerShare * amount` when tokens arrive or leave, and by
///      `-claimed * 2**128` on a claim. Corrections are stored in units of 2**64 (so they fit an int160
///      beside a uint96 balance), rounded so that a holder is never credited more than it earned; each
///      rounding costs the holder less than 2**-64 wei.
///
///      The supply is fixed at creation (so the accumulator's denominator never changes). The market's
///      share is minted to the market, which stores it inverted: its `balance` field holds the tokens it
///      has sold, so creating a token writes no market slot.
///
///      Each clone carries its parameters as immutable arguments after the ERC-1167 code (OpenZeppelin
///      Clones), packed because every byte of a clone's code costs 200 gas at creation: agentId (8 bytes),
///      supply (12), creator allocation (12), then name and symbol, each as a length byte and its bytes.
contract AgentToken is IAgentToken, IERC20Errors {
    using SafeCast for uint256;
    using SafeCast for int256;

    /// @notice Fees per share are scaled by 2**128.
    uint256 private constant MAGNITUDE_BITS = 128;

    /// @notice Corrections are stored in units of 2**64 of the magnified amount.
    uint256 private constant CORRECTION_UNIT_BITS = 64;

    /// @notice `magnifiedFeesPerShare * supply` must stay below 2**223 so every correction fits an int160.
    uint256 private constant ACCUMULATOR_LIMIT_BITS = 223;

    /// @notice Offset of the immutable arguments in a clone's code (after the 45-byte ERC-1167 body).
    uint256 private constant ARGS_OFFSET = 0x2d;

    /// @notice The account that creates clones and initializes them.
    address public immutable FACTORY;

    /// @notice The only account that may accrue fees and record claims.
    address public immutable FEE_DISTRIBUTOR;

    /// @notice The AgentMarket: holds the market allocation and may take tokens for sales.
    address public immutable MARKET;

    /// @notice One holder: its balance (for the market: the tokens it has sold) and fee correction.
    struct Account {
        uint96 balance;
        int160 feeCorrection;
    }

    /// @custom:storage-location erc7201:cr8.storage.AgentToken
    struct AgentTokenStorage {
        uint256 magnifiedFeesPerShare;
        mapping(address account => Account) accounts;
        mapping(address owner => mapping(address spender => uint256)) allowances;
    }

    // keccak256(abi.encode(uint256(keccak256("cr8.storage.AgentToken")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION =
        0x8766456164599877e96f289c05eaec061783727e12b39768c11db28b515a9200;

    constructor(address factory, address feeDistributor, address agentMarket) {
        if (factory == address(0) || feeDistributor == address(0) || agentMarket == address(0)) {
            revert ZeroAddress();
        }
        FACTORY = factory;
        FEE_DISTRIBUTOR = feeDistributor;
        MARKET = agentMarket;
    }

    modifier onlyFrom(address platform) {
        if (msg.sender != platform) revert OnlyPlatform(msg.sender);
        _;
    }

    // ---------------------------------------------------------------------------------------------
    // Creation
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IAgentToken
    /// @dev The factory calls this once, in the transaction that creates the clone; a second call finds
    ///      the creator's slot written and reverts.
    function initialize(address creator) external onlyFrom(FACTORY) {
        if (creator == address(0)) revert ZeroAddress();
        Account storage account = _storage().accounts[creator];
        if (account.balance != 0 || account.feeCorrection != 0) revert AlreadyInitialized();
        uint96 creatorShare = uint96(_creatorAllocation());
        account.balance = creatorShare;
        emit Transfer(address(0), creator, creatorShare);
        emit Transfer(address(0), MARKET, _supply() - creatorShare);
    }

    // ---------------------------------------------------------------------------------------------
    // ERC-20
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IERC20Metadata
    function name() external view returns (string memory) {
        (string memory tokenName,) = _nameAndSymbol();
        return tokenName;
    }

    /// @inheritdoc IERC20Metadata
    function symbol() external view returns (string memory) {
        (, string memory tokenSymbol) = _nameAndSymbol();
        return tokenSymbol;
    }

    /// @inheritdoc IERC20Metadata
    function decimals() external pure returns (uint8) {
        return 18;
    }

    /// @inheritdoc IERC20
    function totalSupply() external view returns (uint256) {
        return _supply();
    }

    /// @inheritdoc IERC20
    function balanceOf(address account) public view returns (uint256) {
        uint256 stored = _storage().accounts[account].balance;
        return account == MARKET ? _marketAllocation() - stored : stored;
    }

    /// @inheritdoc IERC20
    function allowance(address owner, address spender) external view returns (uint256) {
        return _storage().allowances[owner][spender];
    }

    /// @inheritdoc IERC20
    function approve(address spender, uint256 value) external returns (bool) {
        _approve(msg.sender, spender, value);
        return true;
    }

    /// @inheritdoc IERC20
    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    /// @inheritdoc IERC20
    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        _spendAllowance(from, msg.sender, value);
        _transfer(from, to, value);
        return true;
    }

    // ---------------------------------------------------------------------------------------------
    // Platform hooks
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IAgentToken
    function marketTransferFrom(address from, uint256 amount) external onlyFrom(MARKET) {
        _move(from, MARKET, amount);
    }

    /// @inheritdoc IAgentToken
    function accrueFees(uint256 amount) external onlyFrom(FEE_DISTRIBUTOR) {
        if (amount == 0) revert ZeroAmount();
        AgentTokenStorage storage $ = _storage();
        uint256 supply = _supply();
        uint256 accumulator = $.magnifiedFeesPerShare + Math.mulDiv(amount, 1 << MAGNITUDE_BITS, supply);
        if (accumulator >= (1 << ACCUMULATOR_LIMIT_BITS) / supply) {
            revert FeeAccumulatorOverflow(accumulator);
        }
        $.magnifiedFeesPerShare = accumulator;
        emit FeesAccrued(amount, accumulator);
    }

    /// @inheritdoc IAgentToken
    function recordFeeClaim(address holder) external onlyFrom(FEE_DISTRIBUTOR) returns (uint256 amount) {
        if (holder == MARKET) revert UnsoldShareNotClaimable();
        return _recordClaim(holder);
    }

    /// @inheritdoc IAgentToken
    function recordUnsoldShareClaim() external onlyFrom(FEE_DISTRIBUTOR) returns (uint256 amount) {
        return _recordClaim(MARKET);
    }

    function _recordClaim(address holder) private returns (uint256 amount) {
        AgentTokenStorage storage $ = _storage();
        Account storage account = $.accounts[holder];
        amount = _withdrawable($.magnifiedFeesPerShare, balanceOf(holder), account.feeCorrection);
        if (amount != 0) {
            // amount <= 2**95 (the accumulator limit), so amount << 64 fits an int160.
            account.feeCorrection =
                (int256(account.feeCorrection) - int256(amount << CORRECTION_UNIT_BITS)).toInt160();
            emit FeesClaimRecorded(holder, amount);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IAgentToken
    function withdrawableFeesOf(address holder) external view returns (uint256) {
        AgentTokenStorage storage $ = _storage();
        return _withdrawable($.magnifiedFeesPerShare, balanceOf(holder), $.accounts[holder].feeCorrection);
    }

    /// @inheritdoc IAgentToken
    function magnifiedFeesPerShare() external view returns (uint256) {
        return _storage().magnifiedFeesPerShare;
    }

    /// @inheritdoc IAgentToken
    function agentId() external view returns (uint256) {
        return uint256(_argWord(0)) >> 192;
    }

    /// @inheritdoc IAgentToken
    function marketAllocation() external view returns (uint256) {
        return _marketAllocation();
    }

    /// @inheritdoc IAgentToken
    function creatorAllocation() external view returns (uint256) {
        return _creatorAllocation();
    }

    /// @inheritdoc IAgentToken
    function market() external view returns (address) {
        return MARKET;
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    function _transfer(address from, address to, uint256 amount) private {
        if (to == MARKET) revert DirectTransferToMarket();
        _move(from, to, amount);
    }

    /// @dev Moves `amount` and the matching fee corrections: the sender keeps what it earned on the
    ///      tokens it sends, the receiver earns nothing on them for the fees already accrued.
    function _move(address from, address to, uint256 amount) private {
        if (from == address(0)) revert ERC20InvalidSender(address(0));
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        AgentTokenStorage storage $ = _storage();
        uint256 accumulator = $.magnifiedFeesPerShare;
        // accumulator * amount < 2**223 because amount <= supply (see accrueFees).
        uint256 magnified = accumulator * amount;

        Account memory sender = $.accounts[from];
        if (from == MARKET) {
            uint256 available = _marketAllocation() - sender.balance;
            if (amount > available) revert ERC20InsufficientBalance(from, available, amount);
            // Cannot overflow: sold + amount <= market allocation <= supply < 2**96.
            sender.balance += uint96(amount);
        } else {
            if (amount > sender.balance) revert ERC20InsufficientBalance(from, sender.balance, amount);
            // Cannot underflow: checked just above.
            sender.balance -= uint96(amount);
        }
        // Round the sender's credit down so it is never paid for more than it earned.
        sender.feeCorrection =
            (int256(sender.feeCorrection) + int256(magnified >> CORRECTION_UNIT_BITS)).toInt160();
        $.accounts[from] = sender;

        Account memory receiver = $.accounts[to];
        if (to == MARKET) {
            // Only sales reach here (`_transfer` rejects plain transfers to the market), and the market
            // never buys back more than it sold, so this cannot underflow.
            receiver.balance -= uint96(amount);
        } else {
            // Cannot overflow: every balance is part of a supply below 2**96.
            receiver.balance += uint96(amount);
        }
        // Round the receiver's debit up, for the same reason.
        receiver.feeCorrection = (int256(receiver.feeCorrection)
                - int256(Math.ceilDiv(magnified, 1 << CORRECTION_UNIT_BITS)))
        .toInt160();
        $.accounts[to] = receiver;

        emit Transfer(from, to, amount);
    }

    function _withdrawable(uint256 accumulator, uint256 balance, int160 correction)
        private
        pure
        returns (uint256)
    {
        int256 magnified = int256(accumulator * balance) + (int256(correction) << CORRECTION_UNIT_BITS);
        return magnified <= 0 ? 0 : uint256(magnified) >> MAGNITUDE_BITS;
    }

    function _approve(address owner, address spender, uint256 value) private {
        if (spender == address(0)) revert ERC20InvalidSpender(address(0));
        _storage().allowances[owner][spender] = value;
        emit Approval(owner, spender, value);
    }

    function _spendAllowance(address owner, address spender, uint256 value) private {
        uint256 current = _storage().allowances[owner][spender];
        if (current == type(uint256).max) return; // an infinite approval is never decremented
        if (current < value) revert ERC20InsufficientAllowance(spender, current, value);
        unchecked {
            // Cannot underflow: checked just above.
            _storage().allowances[owner][spender] = current - value;
        }
    }

    function _supply() private view returns (uint256) {
        return uint256(_argWord(8)) >> 160;
    }

    function _creatorAllocation() private view returns (uint256) {
        return uint256(_argWord(20)) >> 160;
    }

    /// @dev Name and symbol follow the fixed arguments at offset 32, each as a length byte and its bytes.
    function _nameAndSymbol() private view returns (string memory tokenName, string memory tokenSymbol) {
        bytes memory args = Clones.fetchCloneArgs(address(this));
        uint256 nameLength = uint8(args[32]);
        uint256 symbolLength = uint8(args[33 + nameLength]);
        tokenName = string(Bytes.slice(args, 33, 33 + nameLength));
        tokenSymbol = string(Bytes.slice(args, 34 + nameLength, 34 + nameLength + symbolLength));
    }

    function _marketAllocation() private view returns (uint256) {
        return _supply() - _creatorAllocation();
    }

    /// @dev Reads 32 bytes of this clone's immutable arguments, starting `offset` bytes in.
    function _argWord(uint256 offset) private view returns (bytes32 word) {
        assembly ("memory-safe") {
            extcodecopy(address(), 0x00, add(ARGS_OFFSET, offset), 0x20)
            word := mload(0x00)
        }
    }

    function _storage() private pure returns (AgentTokenStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
