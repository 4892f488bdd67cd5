// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AgentToken} from "../../src/token/AgentToken.sol";
import {CR8Test} from "../utils/CR8Test.sol";
import {FeeHandler} from "./handlers/FeeHandler.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";

/// @title FeeConservationInvariants
/// @notice Fee conservation: per agent, everything claimed plus everything still claimable by all holders
///         equals everything distributed (rounding at most 1 wei per holder), under random transfers,
///         trades, distributions, claims, sweeps and split changes. Also: every share has its owner, the
///         distributor always holds what it owes, and each holder's fees match its exact rational share.
/// @dev Rounding bound: a holder's claimed + withdrawable is `floor(exact - epsilon)` where epsilon (the
///      accumulator's flooring, < supply / 2**128 wei per accrual, plus < 2**-64 wei per transfer or claim)
///      is far below a wei over any run; so each holder is at most one wei short and never over, and the
///      holders together are short by at most one wei each.
contract FeeConservationInvariants is CR8Test {
    uint256 internal constant ACTORS = 8;
    uint256 internal constant AGENTS = 2;

    FeeHandler internal handler;
    uint256 internal stakingBaseline;

    function setUp() public override {
        super.setUp();

        address[] memory actors = new address[](ACTORS);
        for (uint256 i; i < ACTORS; ++i) {
            actors[i] = makeAddr(string.concat("actor", vm.toString(i)));
        }
        address[] memory orchestrators = new address[](2);
        orchestrators[0] = orchestrator;
        orchestrators[1] = makeAddr("orchestrator2");

        // Actors 0 and 1 create the agents and hand part of their allocation to every other actor; the
        // rest of the tokens reach actors through market buys.
        uint256[] memory ids = new uint256[](AGENTS);
        AgentToken[] memory tokens = new AgentToken[](AGENTS);
        address[] memory creators = new address[](AGENTS);
        for (uint256 a; a < AGENTS; ++a) {
            creators[a] = actors[a];
            (ids[a], tokens[a]) = registerAgent(creators[a]);
            uint256 gift = tokens[a].creatorAllocation() / (2 * ACTORS);
            for (uint256 i; i < ACTORS; ++i) {
                if (actors[i] == creators[a]) continue;
                vm.prank(creators[a]);
                tokens[a].transfer(actors[i], gift * (i + 1) / 4);
            }
        }

        // Someone stakes, so the stakers' share is paid out rather than queued.
        vm.prank(carol);
        staking.stake{value: 1000e18}();
        stakingBaseline = address(staking).balance;

        handler = new FeeHandler(
            feeDistributor, market, address(staking), admin, ids, tokens, creators, actors, orchestrators
        );

        bytes4[] memory selectors = new bytes4[](10);
        selectors[0] = FeeHandler.transfer.selector;
        selectors[1] = FeeHandler.transferFrom.selector;
        selectors[2] = FeeHandler.distribute.selector;
        selectors[3] = FeeHandler.buy.selector;
        selectors[4] = FeeHandler.sell.selector;
        selectors[5] = FeeHandler.claimHolderFees.selector;
        selectors[6] = FeeHandler.claimHolderFeesBatch.selector;
        selectors[7] = FeeHandler.claim.selector;
        selectors[8] = FeeHandler.sweepUnsoldShare.selector;
        selectors[9] = FeeHandler.setFeeSplit.selector;
        targetSelector(StdInvariant.FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    // ---------------------------------------------------------------------------------------------
    // Invariant
    // ---------------------------------------------------------------------------------------------

    /// @notice The fee-conservation invariant, checked after every call. One campaign checks every part
    ///         (each part's assertion messages say which failed), so the default profile stays fast.
    /// forge-config: default.invariant.fail-on-revert = true
    /// forge-config: long.invariant.fail-on-revert = true
    function invariant_feeConservation() public view {
        _checkHandlerExpectationsHeld();
        _checkHolderFeesConserved();
        _checkHolderFeesExactPerHolder();
        _checkDistributorSolvent();
        _checkSplitConserved();
    }

    /// @notice Per agent: distributed - (claimed + sum of every holder's withdrawable) is in [0, holders].
    function _checkHolderFeesConserved() internal view {
        address[] memory holders = handler.holders();
        for (uint256 a; a < AGENTS; ++a) {
            (uint256 distributed, uint256 claimed) = feeDistributor.holderFeeTotals(handler.agentIdAt(a));
            uint256 outstanding = _outstanding(handler.tokenAt(a), holders);
            assertLe(claimed + outstanding, distributed, "holders credited more than distributed");
            assertLe(distributed - claimed - outstanding, holders.length, "more than 1 wei per holder lost");
            // The ledger agrees with the model of what was distributed and paid out.
            assertEq(distributed, handler.ghostHolderShares(a), "distributed != holders' shares");
            uint256 paid;
            for (uint256 i; i < holders.length; ++i) {
                paid += handler.holderPaid(a, holders[i]);
            }
            assertEq(claimed, paid, "claimed != paid out to holders and swept");
        }
    }

    /// @notice Each holder (the market included) got, in claims plus what it can still withdraw, its exact
    ///         share of every accrual at the balance it held then: never more, at most one wei less.
    function _checkHolderFeesExactPerHolder() internal view {
        address[] memory holders = handler.holders();
        for (uint256 a; a < AGENTS; ++a) {
            AgentToken token = handler.tokenAt(a);
            uint256 supply = token.totalSupply();
            uint256 balances;
            for (uint256 i; i < holders.length; ++i) {
                uint256 got = handler.holderPaid(a, holders[i]) + token.withdrawableFeesOf(holders[i]);
                uint256 exact = handler.earnedNumerator(a, holders[i]) / supply;
                assertLe(got, exact, "holder credited more than its exact share");
                assertGe(got + 1, exact, "holder credited more than 1 wei below its exact share");
                balances += token.balanceOf(holders[i]);
            }
            assertEq(balances, supply, "the holder set misses tokens");
        }
    }

    /// @notice The distributor holds exactly what it owes: the pulled balances plus the holders' unclaimed
    ///         fees (which cover every holder's withdrawable amount).
    function _checkDistributorSolvent() internal view {
        address[] memory holders = handler.holders();
        uint256 owed = _claimables();
        uint256 unclaimed;
        uint256 withdrawable;
        for (uint256 a; a < AGENTS; ++a) {
            (uint256 distributed, uint256 claimed) = feeDistributor.holderFeeTotals(handler.agentIdAt(a));
            unclaimed += distributed - claimed;
            withdrawable += _outstanding(handler.tokenAt(a), holders);
        }
        uint256 balance = address(feeDistributor).balance;
        assertGe(balance, owed + withdrawable, "distributor cannot pay what is claimable");
        assertEq(balance, owed + unclaimed, "distributor balance != claimables + unclaimed holder fees");
    }

    /// @notice Every distributed wei has an owner: creator/orchestrator/treasury balances (claimed or not,
    ///         sweeps aside) + holders' shares + what the stakers were sent == everything distributed, and
    ///         each party's balance is exactly the shares the split gives it.
    function _checkSplitConserved() internal view {
        uint256 holderShares;
        for (uint256 a; a < AGENTS; ++a) {
            (uint256 distributed,) = feeDistributor.holderFeeTotals(handler.agentIdAt(a));
            holderShares += distributed;
        }
        uint256 stakersSent = address(staking).balance - stakingBaseline;
        assertEq(stakersSent, handler.ghostStakersExpected(), "stakers were not sent their share");
        assertEq(
            _claimables() + handler.ghostClaimedViaClaim() - handler.ghostSwept() + holderShares
                + stakersSent,
            handler.ghostTotalDistributed(),
            "shares do not sum to what was distributed"
        );
        address[] memory claimants = handler.claimants();
        for (uint256 i; i < claimants.length; ++i) {
            assertEq(
                feeDistributor.claimableOf(claimants[i]) + handler.claimedBy(claimants[i]),
                handler.expectedClaimable(claimants[i]),
                "a party's balance differs from its shares"
            );
        }
    }

    /// @notice Every handler action behaved as specified (amounts paid, errors raised).
    function _checkHandlerExpectationsHeld() internal view {
        assertEq(handler.violations(), 0, handler.lastViolation());
    }

    /// @notice After every run, everyone withdraws everything: the distributor keeps at most one wei per
    ///         holder per agent, and exactly the holders' rounding dust.
    function afterInvariant() external {
        address[] memory holders = handler.holders();
        uint256[] memory ids = new uint256[](AGENTS);
        for (uint256 a; a < AGENTS; ++a) {
            ids[a] = handler.agentIdAt(a);
            if (handler.tokenAt(a).withdrawableFeesOf(address(market)) != 0) {
                feeDistributor.sweepUnsoldShare(ids[a]);
            }
        }
        for (uint256 i; i < holders.length - 1; ++i) {
            uint256 due;
            for (uint256 a; a < AGENTS; ++a) {
                due += handler.tokenAt(a).withdrawableFeesOf(holders[i]);
            }
            if (due == 0) continue;
            vm.prank(holders[i]);
            assertEq(feeDistributor.claimHolderFeesBatch(ids, holders[i]), due);
        }
        address[] memory claimants = handler.claimants();
        for (uint256 i; i < claimants.length; ++i) {
            uint256 due = feeDistributor.claimableOf(claimants[i]);
            if (due == 0) continue;
            vm.prank(claimants[i]);
            assertEq(feeDistributor.claim(claimants[i]), due);
        }
        uint256 dust;
        for (uint256 a; a < AGENTS; ++a) {
            (uint256 distributed, uint256 claimed) = feeDistributor.holderFeeTotals(ids[a]);
            assertLe(distributed - claimed, holders.length, "more than 1 wei per holder left behind");
            dust += distributed - claimed;
        }
        assertEq(address(feeDistributor).balance, dust, "distributor kept more than the holders' dust");
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    function _outstanding(AgentToken token, address[] memory holders) internal view returns (uint256 sum) {
        for (uint256 i; i < holders.length; ++i) {
            sum += token.withdrawableFeesOf(holders[i]);
        }
    }

    function _claimables() internal view returns (uint256 sum) {
        address[] memory claimants = handler.claimants();
        for (uint256 i; i < claimants.length; ++i) {
            sum += feeDistributor.claimableOf(claimants[i]);
        }
    }
}
