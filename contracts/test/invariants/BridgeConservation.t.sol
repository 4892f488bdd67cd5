// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CR8L3Bridge} from "../../src/bridge/CR8L3Bridge.sol";
import {CR8ParentBridge} from "../../src/bridge/CR8ParentBridge.sol";
import {Predeploys} from "../../src/libraries/Predeploys.sol";
import {CR8Token} from "../../src/token/CR8Token.sol";
import {L3Predeploys} from "../utils/L3Predeploys.sol";
import {BridgeHandler, RelayPortal} from "./handlers/BridgeHandler.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";

/// @title BridgeConservationInvariants
/// @notice The CR8 gas bridge never creates or loses CR8, under random deposits (approve and permit),
///         relays, L3 transfers, withdrawals, out-of-order finalizations and attacks. Both chains run in one
///         EVM: CR8Token and CR8ParentBridge with a relaying portal shim, and on the "L3" the real
///         LiquidityController, NativeAssetLiquidity (holding the genesis supply) and CR8L3Bridge behind
///         their predeploy proxies, with OP's compiled L2ToL1MessagePasser.
/// @dev With in-flight deposits D (escrowed, not yet executed on the L3) and in-flight withdrawals W
///      (burned on the L3, not yet finalized on the parent):
///        escrow = totalMinted + D - (totalBurned - W)        (minted minus burned-and-finalized)
///        genesis supply = vault balance + native CR8 held by the actors, and the actors hold
///        totalMinted - totalBurned
///        every actor's CR8 and native CR8 are exactly what its own actions give it, and
///        sum(CR8) + sum(native CR8) + D + W = the actors' initial CR8.
contract BridgeConservationInvariants is L3Predeploys {
    CR8Token internal token;
    CR8ParentBridge internal parentBridge;
    CR8L3Bridge internal l3Bridge;
    RelayPortal internal portal;
    BridgeHandler internal handler;
    address[] internal actors;

    function setUp() public {
        placeCgtPredeploys();
        placeMessagePasser();
        token = new CR8Token(makeAddr("tokenAdmin"), type(uint208).max, address(this), 0);
        portal = new RelayPortal();
        parentBridge = new CR8ParentBridge(token, portal);
        l3Bridge = placeL3Bridge(address(parentBridge));
        handler = new BridgeHandler(token, parentBridge, l3Bridge, portal);
        actors = handler.actors();

        bytes32 minterRole = token.MINTER_ROLE();
        vm.prank(makeAddr("tokenAdmin"));
        token.grantRole(minterRole, address(this));
        for (uint256 i; i < actors.length; ++i) {
            token.mint(actors[i], handler.INITIAL_CR8());
            vm.prank(actors[i]);
            token.approve(address(parentBridge), type(uint256).max);
        }

        bytes4[] memory selectors = new bytes4[](9);
        selectors[0] = BridgeHandler.deposit.selector;
        selectors[1] = BridgeHandler.depositWithPermit.selector;
        selectors[2] = BridgeHandler.transferCR8.selector;
        selectors[3] = BridgeHandler.finalizeWithdrawal.selector;
        selectors[4] = BridgeHandler.relayDeposit.selector;
        selectors[5] = BridgeHandler.withdraw.selector;
        selectors[6] = BridgeHandler.transferNative.selector;
        selectors[7] = BridgeHandler.attack.selector;
        selectors[8] = BridgeHandler.relayDeposit.selector; // twice: deposits mostly arrive
        targetSelector(StdInvariant.FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
        // The fuzzer sets tx.origin to the sender it picks; the parent bridge as tx.origin (impossible on a
        // real chain: it has no key) would make the portal skip aliasing its deposits.
        excludeSender(address(parentBridge));
    }

    // ---------------------------------------------------------------------------------------------
    // Invariant
    // ---------------------------------------------------------------------------------------------

    /// @notice The bridge-conservation invariant, checked after every call (each part's messages say which
    ///         failed).
    /// forge-config: default.invariant.fail-on-revert = true
    /// forge-config: long.invariant.fail-on-revert = true
    function invariant_bridgeConservation() public view {
        _checkHandlerExpectationsHeld();
        _checkEscrowMatchesL3Supply();
        _checkNativeSupplyConserved();
        _checkNobodysCR8Lost();
    }

    /// @notice escrow = minted - (burned and finalized) + deposits in flight, and the bridge holds it.
    function _checkEscrowMatchesL3Supply() internal view {
        uint256 escrow = parentBridge.totalEscrowed();
        assertEq(token.balanceOf(address(parentBridge)), escrow, "bridge balance != totalEscrowed");
        assertEq(escrow, handler.ghostDeposited() - handler.ghostReleased(), "escrow != deposited - released");
        uint256 minted = l3Bridge.totalMinted();
        uint256 burned = l3Bridge.totalBurned();
        uint256 inFlightWithdrawals = handler.ghostWithdrawalsInFlight();
        assertEq(burned - inFlightWithdrawals, handler.ghostReleased(), "burned and finalized != released");
        assertEq(
            escrow,
            minted - (burned - inFlightWithdrawals) + handler.ghostDepositsInFlight(),
            "escrow != minted - burned-and-finalized + deposits in flight"
        );
        uint256 pendingDeposits;
        for (uint256 i = portal.nextDeposit(); i < portal.nextDeposit() + portal.pendingDeposits(); ++i) {
            (,, uint256 amount) = _depositArgs(portal.depositAt(i).data);
            pendingDeposits += amount;
        }
        assertEq(pendingDeposits, handler.ghostDepositsInFlight(), "queued deposits != deposits in flight");
    }

    /// @notice Native CR8 only moves between the vault and circulation: vault + circulating = genesis.
    function _checkNativeSupplyConserved() internal view {
        uint256 circulating;
        for (uint256 i; i < actors.length; ++i) {
            circulating += actors[i].balance;
        }
        uint256 vault = address(liquidity).balance;
        assertEq(vault + circulating, GENESIS_LIQUIDITY, "vault + circulating != genesis supply");
        assertEq(
            circulating, l3Bridge.totalMinted() - l3Bridge.totalBurned(), "circulating != minted - burned"
        );
        assertEq(address(controller).balance, 0, "controller keeps native CR8");
        assertEq(address(l3Bridge).balance, 0, "L3 bridge keeps native CR8");
        assertEq(Predeploys.L2_TO_L1_MESSAGE_PASSER.balance, 0, "value sent to the message passer");
    }

    /// @notice Each actor holds exactly what its actions give it, on both chains, and all CR8 is accounted
    ///         for: held as CR8, held as native CR8, or in flight.
    function _checkNobodysCR8Lost() internal view {
        uint256 held;
        for (uint256 i; i < actors.length; ++i) {
            assertEq(token.balanceOf(actors[i]), handler.expectedCR8(actors[i]), "an actor's CR8");
            assertEq(actors[i].balance, handler.expectedNative(actors[i]), "an actor's native CR8");
            held += token.balanceOf(actors[i]) + actors[i].balance;
        }
        assertEq(
            held + handler.ghostDepositsInFlight() + handler.ghostWithdrawalsInFlight(),
            handler.ACTORS() * handler.INITIAL_CR8(),
            "CR8 created or lost"
        );
    }

    function _checkHandlerExpectationsHeld() internal view {
        assertEq(handler.violations(), 0, handler.lastViolation());
    }

    /// @notice After every run, everything in flight lands and everyone withdraws everything: the escrow
    ///         empties, the vault is whole again and every actor's CR8 is back on the parent chain.
    function afterInvariant() external {
        while (portal.pendingDeposits() != 0) {
            handler.relayDeposit();
        }
        for (uint256 i; i < actors.length; ++i) {
            // An odd seed at the top of the range bounds to the whole balance.
            if (actors[i].balance != 0) handler.withdraw(i, i, type(uint256).max);
            assertEq(actors[i].balance, 0, "an actor could not withdraw everything");
        }
        for (uint256 i; i < handler.withdrawalCount(); ++i) {
            handler.finalizeWithdrawal(i);
        }
        assertEq(handler.violations(), 0, handler.lastViolation());
        assertEq(parentBridge.totalEscrowed(), 0, "escrow left after everything was withdrawn");
        assertEq(address(liquidity).balance, GENESIS_LIQUIDITY, "vault not whole");
        uint256 total;
        for (uint256 i; i < actors.length; ++i) {
            total += token.balanceOf(actors[i]);
        }
        assertEq(total, handler.ACTORS() * handler.INITIAL_CR8(), "CR8 lost in a round trip");
    }

    function _depositArgs(bytes memory data)
        internal
        pure
        returns (address from, address to, uint256 amount)
    {
        assembly {
            from := mload(add(data, 36))
            to := mload(add(data, 68))
            amount := mload(add(data, 100))
        }
    }
}
