// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Guarded} from "../access/Guarded.sol";
import {IAgentMarket} from "../interfaces/IAgentMarket.sol";
import {IAgentRegistry} from "../interfaces/IAgentRegistry.sol";
import {IAgentToken} from "../interfaces/IAgentToken.sol";
import {IFeeDistributor} from "../interfaces/IFeeDistributor.sol";
import {NativeTransfer} from "../libraries/NativeTransfer.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title AgentMarket
/// @notice Constant-product curves with a virtual CR8 reserve, one per agent token. See {IAgentMarket}.
/// @dev A pool costs nothing at registration: it is set up (virtual reserve fixed, allocation and token
///      cached) by its first trade. Solvency: with `x = virtualReserve + reserve` and
///      `y = allocation - tokensSold`, every trade rounds so that `x * y` never decreases, hence
///      selling all `tokensSold` back returns at most `x - virtualReserve = reserve`.
/// @custom:proxied true
contract AgentMarket is IAgentMarket, Guarded, ReentrancyGuardTransient {
    /// @notice The trading fee can never exceed 10%.
    uint16 public constant MAX_TRADE_FEE_BPS = 1000;

    /// @notice Bounds the virtual reserve so curve products stay far inside 256 bits.
    uint256 public constant MAX_VIRTUAL_RESERVE = 1 << 100;

    uint256 private constant BPS = 10_000;

    /// @notice Resolves agents to their tokens and tells whether they are active.
    IAgentRegistry public immutable REGISTRY;

    /// @notice Receives the trading fees.
    IFeeDistributor public immutable FEE_DISTRIBUTOR;

    /// @custom:storage-location erc7201:cr8.storage.AgentMarket
    struct AgentMarketStorage {
        uint16 tradeFeeBps;
        uint128 virtualReserve;
        mapping(uint256 agentId => Pool) pools;
        mapping(uint256 agentId => IAgentToken) tokens;
    }

    // keccak256(abi.encode(uint256(keccak256("cr8.storage.AgentMarket")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION =
        0x17281ff2db1b35f4c157837239a423ae11f3347db9e9312035cc2afcb43dbf00;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor(IAgentRegistry registry, IFeeDistributor feeDistributor) {
        if (address(registry) == address(0) || address(feeDistributor) == address(0)) revert ZeroAddress();
        REGISTRY = registry;
        FEE_DISTRIBUTOR = feeDistributor;
        _disableInitializers();
    }

    /// @param admin Governance.
    /// @param guardian May pause trading.
    /// @param tradeFeeBps_ The trading fee.
    /// @param virtualReserve_ The virtual CR8 reserve new pools start with.
    function initialize(address admin, address guardian, uint16 tradeFeeBps_, uint128 virtualReserve_)
        external
        initializer
    {
        __Guarded_init(admin, guardian);
        _setTradeFee(tradeFeeBps_);
        _setVirtualReserve(virtualReserve_);
    }

    // ---------------------------------------------------------------------------------------------
    // Trading
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IAgentMarket
    function buy(uint256 agentId, uint256 minTokensOut, uint256 deadline)
        external
        payable
        nonReentrant
        whenNotPaused
        returns (uint256 tokensOut)
    {
        _checkDeadline(deadline);
        if (msg.value == 0) revert ZeroAmount();
        (Pool memory p, IAgentToken token) = _loadPool(agentId);
        if (!REGISTRY.isActive(agentId)) revert AgentInactive(agentId);

        uint256 fee;
        (tokensOut, fee) = _quoteBuy(p, msg.value);
        if (tokensOut == 0) revert TradeTooSmall(msg.value);
        if (tokensOut < minTokensOut) revert SlippageExceeded(tokensOut, minTokensOut);

        // Cannot overflow: the reserve is bounded by the CR8 supply, tokensSold by the allocation.
        p.reserve += uint128(msg.value - fee);
        p.tokensSold += uint128(tokensOut);
        _storage().pools[agentId] = p;

        token.transfer(msg.sender, tokensOut);
        if (fee != 0) FEE_DISTRIBUTOR.distribute{value: fee}(agentId, address(0));
        emit TokensBought(agentId, msg.sender, msg.value, fee, tokensOut, p.reserve, p.tokensSold);
    }

    /// @inheritdoc IAgentMarket
    function sell(uint256 agentId, uint256 tokensIn, uint256 minCr8Out, uint256 deadline)
        external
        nonReentrant
        whenNotPaused
        returns (uint256 cr8Out)
    {
        _checkDeadline(deadline);
        if (tokensIn == 0) revert ZeroAmount();
        (Pool memory p, IAgentToken token) = _loadPool(agentId);
        if (tokensIn > p.tokensSold) revert ExceedsTokensSold(tokensIn, p.tokensSold);

        (uint256 gross, uint256 fee) = _quoteSellGross(p, tokensIn);
        cr8Out = gross - fee;
        if (cr8Out == 0) revert TradeTooSmall(tokensIn);
        if (cr8Out < minCr8Out) revert SlippageExceeded(cr8Out, minCr8Out);

        // Cannot underflow: gross <= reserve (solvency, see the contract notes); tokensIn <= tokensSold.
        p.reserve -= uint128(gross);
        p.tokensSold -= uint128(tokensIn);
        _storage().pools[agentId] = p;

        token.marketTransferFrom(msg.sender, tokensIn);
        if (fee != 0) FEE_DISTRIBUTOR.distribute{value: fee}(agentId, address(0));
        NativeTransfer.send(msg.sender, cr8Out);
        emit TokensSold(agentId, msg.sender, tokensIn, fee, cr8Out, p.reserve, p.tokensSold);
    }

    // ---------------------------------------------------------------------------------------------
    // Quotes
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IAgentMarket
    function quoteBuy(uint256 agentId, uint256 cr8In) external view returns (uint256 tokensOut, uint256 fee) {
        (Pool memory p,) = _viewPool(agentId);
        return _quoteBuy(p, cr8In);
    }

    /// @inheritdoc IAgentMarket
    function quoteSell(uint256 agentId, uint256 tokensIn)
        external
        view
        returns (uint256 cr8Out, uint256 fee)
    {
        (Pool memory p,) = _viewPool(agentId);
        if (tokensIn > p.tokensSold) revert ExceedsTokensSold(tokensIn, p.tokensSold);
        uint256 gross;
        (gross, fee) = _quoteSellGross(p, tokensIn);
        cr8Out = gross - fee;
    }

    /// @inheritdoc IAgentMarket
    function spotPrice(uint256 agentId) external view returns (uint256) {
        (Pool memory p,) = _viewPool(agentId);
        return (uint256(p.virtualReserve) + p.reserve) * 1e18 / (p.allocation - p.tokensSold);
    }

    /// @inheritdoc IAgentMarket
    function pool(uint256 agentId) external view returns (Pool memory p) {
        (p,) = _viewPool(agentId);
    }

    /// @inheritdoc IAgentMarket
    function liquidityOf(uint256 agentId) external view returns (uint256) {
        return _storage().pools[agentId].reserve;
    }

    /// @inheritdoc IAgentMarket
    function tradeFeeBps() external view returns (uint16) {
        return _storage().tradeFeeBps;
    }

    /// @inheritdoc IAgentMarket
    function virtualReserve() external view returns (uint128) {
        return _storage().virtualReserve;
    }

    // ---------------------------------------------------------------------------------------------
    // Governance
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IAgentMarket
    function setTradeFee(uint16 tradeFeeBps_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTradeFee(tradeFeeBps_);
    }

    /// @inheritdoc IAgentMarket
    /// @dev Pools that already traded keep the virtual reserve they started with: changing it would move
    ///      their curve and break solvency.
    function setVirtualReserve(uint128 virtualReserve_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setVirtualReserve(virtualReserve_);
    }

    /// @notice The implementation's version.
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    function _quoteBuy(Pool memory p, uint256 cr8In) private view returns (uint256 tokensOut, uint256 fee) {
        fee = cr8In * _storage().tradeFeeBps / BPS;
        uint256 net = cr8In - fee;
        uint256 x = uint256(p.virtualReserve) + p.reserve;
        uint256 y = p.allocation - p.tokensSold;
        // Rounded down, so x * y never decreases.
        tokensOut = y * net / (x + net);
    }

    function _quoteSellGross(Pool memory p, uint256 tokensIn)
        private
        view
        returns (uint256 gross, uint256 fee)
    {
        uint256 x = uint256(p.virtualReserve) + p.reserve;
        uint256 y = p.allocation - p.tokensSold;
        // Rounded down, so x * y never decreases.
        gross = x * tokensIn / (y + tokensIn);
        fee = gross * _storage().tradeFeeBps / BPS;
    }

    /// @dev The pool of `agentId`, set up from the registry and the current virtual reserve on first use.
    function _loadPool(uint256 agentId) private returns (Pool memory p, IAgentToken token) {
        AgentMarketStorage storage $ = _storage();
        p = $.pools[agentId];
        if (p.virtualReserve != 0) return (p, $.tokens[agentId]);
        (p, token) = _viewPool(agentId);
        $.tokens[agentId] = token;
    }

    function _viewPool(uint256 agentId) private view returns (Pool memory p, IAgentToken token) {
        AgentMarketStorage storage $ = _storage();
        p = $.pools[agentId];
        if (p.virtualReserve != 0) return (p, $.tokens[agentId]);
        token = IAgentToken(REGISTRY.agentToken(agentId)); // reverts with UnknownAgent
        p.virtualReserve = $.virtualReserve;
        p.allocation = uint128(token.marketAllocation());
    }

    function _checkDeadline(uint256 deadline) private view {
        if (block.timestamp > deadline) revert DeadlineExpired(deadline, block.timestamp);
    }

    function _setTradeFee(uint16 tradeFeeBps_) private {
        if (tradeFeeBps_ > MAX_TRADE_FEE_BPS) revert InvalidTradeFee(tradeFeeBps_);
        _storage().tradeFeeBps = tradeFeeBps_;
        emit TradeFeeUpdated(tradeFeeBps_);
    }

    function _setVirtualReserve(uint128 virtualReserve_) private {
        if (virtualReserve_ == 0 || virtualReserve_ > MAX_VIRTUAL_RESERVE) {
            revert InvalidVirtualReserve(virtualReserve_);
        }
        _storage().virtualReserve = virtualReserve_;
        emit VirtualReserveUpdated(virtualReserve_);
    }

    function _storage() private pure returns (AgentMarketStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
