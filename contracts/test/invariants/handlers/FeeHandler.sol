// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FeeDistributor} from "../../../src/fees/FeeDistributor.sol";
import {IFeeDistributor} from "../../../src/interfaces/IFeeDistributor.sol";
import {AgentMarket} from "../../../src/market/AgentMarket.sol";
import {AgentToken} from "../../../src/token/AgentToken.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @title FeeHandler
/// @notice Drives the fee system for the fee-conservation invariants: a fixed set of actors hold the
///         tokens of a few agents, transfer them, trade them on the market, pay fees with or without an
///         orchestrator, claim holder fees (one agent or a batch), claim their creator, orchestrator or
///         treasury balances, sweep the market's unsold share and change the split.
/// @dev Every action is bounded so it should succeed (or is expected to revert with `NothingToClaim`).
///      The handler never reverts on purpose: a broken expectation increments `violations` and records a
///      reason, so the invariant test sees it whatever the `fail_on_revert` setting.
///
///      Ghost model, per agent and holder (the market included): `earnedNumerator` is the exact holder
///      share `sum(holdersShare * balanceAtAccrual)`, to be divided by the supply; `holderPaid` is what
///      the holder was paid (the market: what was swept). For creator, orchestrators and treasury:
///      `expectedClaimable` sums the shares the spec gives them (the treasury also every sweep), and
///      `claimedBy` what they withdrew.
contract FeeHandler is CommonBase, StdUtils {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant MAX_FEE = 1000e18;
    uint256 internal constant MAX_BUY = 50e18;

    FeeDistributor public immutable distributor;
    AgentMarket public immutable market;
    address public immutable staking;
    address public immutable admin;
    address public immutable treasury;
    address public immutable payer;

    uint256[] internal _agentIds;
    AgentToken[] internal _tokens;
    address[] internal _creators;
    address[] internal _actors;
    address[] internal _orchestrators;
    /// @dev Every account that can hold a claimable balance: creators, orchestrators, treasury.
    address[] internal _claimants;

    // Ghosts ---------------------------------------------------------------------------------------

    uint256 public ghostTotalDistributed;
    uint256 public ghostStakersExpected;
    uint256 public ghostClaimedViaClaim;
    uint256 public ghostSwept;
    mapping(uint256 agentIndex => uint256) public ghostHolderShares;
    mapping(uint256 agentIndex => mapping(address holder => uint256)) public earnedNumerator;
    mapping(uint256 agentIndex => mapping(address holder => uint256)) public holderPaid;
    mapping(address account => uint256) public expectedClaimable;
    mapping(address account => uint256) public claimedBy;

    uint256 public violations;
    string public lastViolation;
    mapping(string action => uint256) public calls;

    constructor(
        FeeDistributor distributor_,
        AgentMarket market_,
        address staking_,
        address admin_,
        uint256[] memory agentIds_,
        AgentToken[] memory tokens_,
        address[] memory creators_,
        address[] memory actors_,
        address[] memory orchestrators_
    ) {
        distributor = distributor_;
        market = market_;
        staking = staking_;
        admin = admin_;
        treasury = distributor_.treasury();
        payer = address(uint160(uint256(keccak256("cr8.invariant.payer"))));
        _agentIds = agentIds_;
        _tokens = tokens_;
        _creators = creators_;
        _actors = actors_;
        _orchestrators = orchestrators_;
        for (uint256 i; i < creators_.length; ++i) {
            _claimants.push(creators_[i]);
        }
        for (uint256 i; i < orchestrators_.length; ++i) {
            _claimants.push(orchestrators_[i]);
        }
        _claimants.push(treasury);
    }

    // ---------------------------------------------------------------------------------------------
    // Views for the invariant test
    // ---------------------------------------------------------------------------------------------

    function agentCount() external view returns (uint256) {
        return _agentIds.length;
    }

    function agentIdAt(uint256 i) external view returns (uint256) {
        return _agentIds[i];
    }

    function tokenAt(uint256 i) external view returns (AgentToken) {
        return _tokens[i];
    }

    /// @notice Every account that may hold tokens of any agent: the actors, then the market.
    function holders() public view returns (address[] memory list) {
        list = new address[](_actors.length + 1);
        for (uint256 i; i < _actors.length; ++i) {
            list[i] = _actors[i];
        }
        list[_actors.length] = address(market);
    }

    function claimants() external view returns (address[] memory) {
        return _claimants;
    }

    // ---------------------------------------------------------------------------------------------
    // Actions
    // ---------------------------------------------------------------------------------------------

    function transfer(uint256 agentSeed, uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        AgentToken token = _tokens[agentSeed % _tokens.length];
        address from = _actor(fromSeed);
        address to = _actor(toSeed); // self-transfers included
        amount = _amount(amount, token.balanceOf(from));
        vm.prank(from);
        try token.transfer(to, amount) returns (bool ok) {
            if (!ok) _violation("transfer returned false");
        } catch {
            _violation("transfer reverted");
        }
        ++calls["transfer"];
    }

    function transferFrom(
        uint256 agentSeed,
        uint256 ownerSeed,
        uint256 spenderSeed,
        uint256 toSeed,
        uint256 amount
    ) external {
        AgentToken token = _tokens[agentSeed % _tokens.length];
        address owner = _actor(ownerSeed);
        address spender = _actor(spenderSeed);
        address to = _actor(toSeed);
        amount = _amount(amount, token.balanceOf(owner));
        // Alternate exact and infinite approvals.
        uint256 approval = amount % 2 == 0 ? type(uint256).max : amount;
        vm.prank(owner);
        token.approve(spender, approval);
        vm.prank(spender);
        try token.transferFrom(owner, to, amount) {
            uint256 left = token.allowance(owner, spender);
            if (left != (approval == type(uint256).max ? approval : 0)) {
                _violation("allowance not spent as expected");
            }
        } catch {
            _violation("transferFrom reverted");
        }
        ++calls["transferFrom"];
    }

    function distribute(uint256 agentSeed, uint256 value, uint256 orchestratorSeed) external {
        uint256 a = agentSeed % _agentIds.length;
        value = _bound(value, 1, MAX_FEE);
        address orch =
            orchestratorSeed % 3 == 0 ? address(0) : _orchestrators[orchestratorSeed % _orchestrators.length];
        IFeeDistributor.FeeSplit memory split = distributor.feeSplit();
        vm.deal(payer, value);
        vm.prank(payer);
        try distributor.distribute{value: value}(_agentIds[a], orch) {
            _booked(a, value, orch, split);
        } catch {
            _violation("distribute reverted");
        }
        ++calls["distribute"];
    }

    function buy(uint256 agentSeed, uint256 actorSeed, uint256 cr8In) external {
        uint256 a = agentSeed % _agentIds.length;
        address buyer = _actor(actorSeed);
        cr8In = _bound(cr8In, 1e12, MAX_BUY);
        (uint256 tokensOut, uint256 fee) = market.quoteBuy(_agentIds[a], cr8In);
        if (tokensOut == 0) return;
        IFeeDistributor.FeeSplit memory split = distributor.feeSplit();
        vm.deal(buyer, buyer.balance + cr8In);
        vm.prank(buyer);
        try market.buy{value: cr8In}(_agentIds[a], tokensOut, block.timestamp) {
            // The buyer holds its tokens when the fee of its own buy is credited.
            if (fee != 0) _booked(a, fee, address(0), split);
        } catch {
            _violation("buy reverted");
        }
        ++calls["buy"];
    }

    function sell(uint256 agentSeed, uint256 actorSeed, uint256 amount) external {
        uint256 a = agentSeed % _agentIds.length;
        address seller = _actor(actorSeed);
        uint256 sold = market.pool(_agentIds[a]).tokensSold;
        uint256 held = _tokens[a].balanceOf(seller);
        amount = _amount(amount, held < sold ? held : sold);
        if (amount == 0) return;
        (uint256 cr8Out, uint256 fee) = market.quoteSell(_agentIds[a], amount);
        if (cr8Out == 0) return;
        IFeeDistributor.FeeSplit memory split = distributor.feeSplit();
        vm.prank(seller);
        try market.sell(_agentIds[a], amount, cr8Out, block.timestamp) {
            // The seller's tokens are back in the market when the fee is credited.
            if (fee != 0) _booked(a, fee, address(0), split);
        } catch {
            _violation("sell reverted");
        }
        ++calls["sell"];
    }

    function claimHolderFees(uint256 agentSeed, uint256 actorSeed, uint256 toSeed) external {
        uint256 a = agentSeed % _agentIds.length;
        address holder = _actor(actorSeed);
        address to = toSeed % 4 == 0 ? _actor(toSeed >> 2) : holder;
        uint256 expected = _tokens[a].withdrawableFeesOf(holder);
        uint256 before = to.balance;
        vm.prank(holder);
        try distributor.claimHolderFees(_agentIds[a], to) returns (uint256 paid) {
            if (expected == 0) _violation("claimHolderFees paid nothing");
            if (paid != expected || to.balance - before != expected) _violation("claimHolderFees amount");
            if (_tokens[a].withdrawableFeesOf(holder) != 0) _violation("claimHolderFees left fees");
            holderPaid[a][holder] += paid;
            ++calls["claimHolderFees"];
        } catch (bytes memory reason) {
            _expectNothingToClaim(expected, reason, holder, "claimHolderFees");
            ++calls["claimHolderFees (nothing)"];
        }
    }

    function claimHolderFeesBatch(uint256 actorSeed) external {
        address holder = _actor(actorSeed);
        uint256[] memory ids = _agentIds;
        uint256[] memory expected = new uint256[](ids.length);
        uint256 total;
        for (uint256 i; i < ids.length; ++i) {
            expected[i] = _tokens[i].withdrawableFeesOf(holder);
            total += expected[i];
        }
        uint256 before = holder.balance;
        vm.prank(holder);
        try distributor.claimHolderFeesBatch(ids, holder) returns (uint256 paid) {
            if (paid != total || holder.balance - before != total) _violation("claimHolderFeesBatch amount");
            for (uint256 i; i < ids.length; ++i) {
                holderPaid[i][holder] += expected[i];
            }
            ++calls["claimHolderFeesBatch"];
        } catch (bytes memory reason) {
            _expectNothingToClaim(total, reason, holder, "claimHolderFeesBatch");
            ++calls["claimHolderFeesBatch (nothing)"];
        }
    }

    function claim(uint256 claimantSeed) external {
        address account = _claimants[claimantSeed % _claimants.length];
        uint256 expected = distributor.claimableOf(account);
        uint256 before = account.balance;
        vm.prank(account);
        try distributor.claim(account) returns (uint256 paid) {
            if (paid != expected || account.balance - before != expected) _violation("claim amount");
            if (distributor.claimableOf(account) != 0) _violation("claim left a balance");
            ghostClaimedViaClaim += paid;
            claimedBy[account] += paid;
            ++calls["claim"];
        } catch (bytes memory reason) {
            _expectNothingToClaim(expected, reason, account, "claim");
            ++calls["claim (nothing)"];
        }
    }

    function sweepUnsoldShare(uint256 agentSeed, uint256 callerSeed) external {
        uint256 a = agentSeed % _agentIds.length;
        uint256 expected = _tokens[a].withdrawableFeesOf(address(market));
        uint256 treasuryBefore = distributor.claimableOf(treasury);
        vm.prank(_actor(callerSeed));
        try distributor.sweepUnsoldShare(_agentIds[a]) returns (uint256 swept) {
            if (swept != expected) _violation("sweep amount");
            if (distributor.claimableOf(treasury) - treasuryBefore != expected) {
                _violation("sweep not credited");
            }
            holderPaid[a][address(market)] += swept;
            expectedClaimable[treasury] += swept;
            ghostSwept += swept;
            ++calls["sweepUnsoldShare"];
        } catch (bytes memory reason) {
            _expectNothingToClaim(expected, reason, address(market), "sweepUnsoldShare");
            ++calls["sweepUnsoldShare (nothing)"];
        }
    }

    function setFeeSplit(uint256 cutA, uint256 cutB, uint256 cutC, uint256 cutD) external {
        uint256[4] memory cuts = [cutA % (BPS + 1), cutB % (BPS + 1), cutC % (BPS + 1), cutD % (BPS + 1)];
        for (uint256 i; i < 4; ++i) {
            for (uint256 j = i + 1; j < 4; ++j) {
                if (cuts[j] < cuts[i]) (cuts[i], cuts[j]) = (cuts[j], cuts[i]);
            }
        }
        IFeeDistributor.FeeSplit memory split = IFeeDistributor.FeeSplit({
            holdersBps: uint16(cuts[0]),
            stakersBps: uint16(cuts[1] - cuts[0]),
            creatorBps: uint16(cuts[2] - cuts[1]),
            orchestratorBps: uint16(cuts[3] - cuts[2]),
            treasuryBps: uint16(BPS - cuts[3])
        });
        vm.prank(admin);
        try distributor.setFeeSplit(split) {}
        catch {
            _violation("setFeeSplit reverted");
        }
        ++calls["setFeeSplit"];
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    /// @dev Books a distribution of `amount` for agent `a` the way the spec splits it, with the balances
    ///      the holders have right after the call (the moment the fee is credited in every path).
    function _booked(uint256 a, uint256 amount, address orch, IFeeDistributor.FeeSplit memory split) private {
        uint256 holdersShare = amount * split.holdersBps / BPS;
        uint256 stakersShare = amount * split.stakersBps / BPS;
        uint256 creatorShare = amount * split.creatorBps / BPS;
        uint256 orchestratorShare = orch == address(0) ? 0 : amount * split.orchestratorBps / BPS;
        ghostTotalDistributed += amount;
        ghostStakersExpected += stakersShare;
        ghostHolderShares[a] += holdersShare;
        expectedClaimable[_creators[a]] += creatorShare;
        if (orch != address(0)) expectedClaimable[orch] += orchestratorShare;
        expectedClaimable[treasury] += amount - holdersShare - stakersShare - creatorShare - orchestratorShare;
        if (holdersShare == 0) return;
        address[] memory list = holders();
        for (uint256 i; i < list.length; ++i) {
            earnedNumerator[a][list[i]] += holdersShare * _tokens[a].balanceOf(list[i]);
        }
    }

    function _expectNothingToClaim(
        uint256 expected,
        bytes memory reason,
        address account,
        string memory action
    ) private {
        if (expected != 0) {
            _violation(string.concat(action, " reverted with fees to pay"));
        } else if (
            keccak256(reason)
                != keccak256(abi.encodeWithSelector(IFeeDistributor.NothingToClaim.selector, account))
        ) {
            _violation(string.concat(action, " reverted with the wrong error"));
        }
    }

    /// @dev An amount in [0, max], biased towards the edges (0, max) a quarter of the time.
    function _amount(uint256 seed, uint256 max) private pure returns (uint256) {
        uint256 edge = seed % 8;
        if (edge == 0) return 0;
        if (edge == 1) return max;
        return _bound(seed >> 3, 0, max);
    }

    function _actor(uint256 seed) private view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _violation(string memory reason) private {
        ++violations;
        lastViolation = reason;
    }
}
