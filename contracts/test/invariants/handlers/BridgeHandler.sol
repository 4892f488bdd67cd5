// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CR8L3Bridge} from "../../../src/bridge/CR8L3Bridge.sol";
import {CR8ParentBridge} from "../../../src/bridge/CR8ParentBridge.sol";
import {LiquidityController} from "../../../src/cgt/LiquidityController.sol";
import {ICR8L3Bridge} from "../../../src/interfaces/ICR8L3Bridge.sol";
import {ICR8ParentBridge} from "../../../src/interfaces/ICR8ParentBridge.sol";
import {IDepositPortal} from "../../../src/interfaces/IDepositPortal.sol";
import {IL2ToL1MessagePasser} from "../../../src/interfaces/IL2ToL1MessagePasser.sol";
import {Predeploys} from "../../../src/libraries/Predeploys.sol";
import {CR8Token} from "../../../src/token/CR8Token.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @title RelayPortal
/// @notice Both chains' messaging in one EVM. On the parent side it is the portal the parent bridge
///         deposits through; it queues each deposit and, when asked, executes it as the L3 would: from the
///         sender's alias, with the deposit's gas limit less the transaction's intrinsic gas. For
///         withdrawals it plays the portal after proof and finalization: it relays only messages that
///         OP's L2ToL1MessagePasser really recorded, once each, with `l2Sender` set to their L3 sender
///         and exactly their gas limit.
contract RelayPortal is IDepositPortal, CommonBase {
    address internal constant DEFAULT_L2_SENDER = 0x000000000000000000000000000000000000dEaD;
    IL2ToL1MessagePasser internal constant MESSAGE_PASSER =
        IL2ToL1MessagePasser(Predeploys.L2_TO_L1_MESSAGE_PASSER);

    struct Deposit {
        address from;
        address to;
        uint64 gasLimit;
        bytes data;
    }

    struct Withdrawal {
        uint256 nonce;
        address sender;
        address target;
        uint256 gasLimit;
        bytes data;
    }

    Deposit[] internal _deposits;
    uint256 public nextDeposit;
    mapping(bytes32 withdrawalHash => bool) public finalized;

    /// @inheritdoc IDepositPortal
    address public l2Sender = DEFAULT_L2_SENDER;

    /// @inheritdoc IDepositPortal
    function depositTransaction(
        address _to,
        uint256 _value,
        uint64 _gasLimit,
        bool _isCreation,
        bytes memory _data
    ) external payable {
        require(msg.value == 0 && _value == 0 && !_isCreation, "RelayPortal: the bridge sends plain calls");
        address from = msg.sender;
        if (msg.sender != tx.origin) {
            unchecked {
                from = address(uint160(msg.sender) + Predeploys.ALIAS_OFFSET);
            }
        }
        _deposits.push(Deposit({from: from, to: _to, gasLimit: _gasLimit, data: _data}));
    }

    function pendingDeposits() external view returns (uint256) {
        return _deposits.length - nextDeposit;
    }

    function depositAt(uint256 index) external view returns (Deposit memory) {
        return _deposits[index];
    }

    /// @notice Executes the oldest queued deposit on the "L3".
    function relayNextDeposit() external returns (bool success, Deposit memory deposit) {
        deposit = _deposits[nextDeposit++];
        // What a deposit transaction has left after its intrinsic gas (16 per byte: an upper bound).
        uint256 executionGas = deposit.gasLimit - 21_000 - 16 * deposit.data.length;
        vm.prank(deposit.from);
        (success,) = deposit.to.call{gas: executionGas}(deposit.data);
    }

    /// @notice Relays an L3 withdrawal as OptimismPortal's finalization would, if the message passer has it.
    function finalizeWithdrawal(Withdrawal calldata w) external returns (bool success) {
        bytes32 withdrawalHash =
            keccak256(abi.encode(w.nonce, w.sender, w.target, uint256(0), w.gasLimit, w.data));
        require(MESSAGE_PASSER.sentMessages(withdrawalHash), "RelayPortal: not an L3 withdrawal");
        require(!finalized[withdrawalHash], "RelayPortal: already finalized");
        finalized[withdrawalHash] = true;
        l2Sender = w.sender;
        (success,) = w.target.call{gas: w.gasLimit}(w.data);
        l2Sender = DEFAULT_L2_SENDER;
        // As the devnet portal: a failed call leaves the withdrawal finalizable.
        if (!success) finalized[withdrawalHash] = false;
    }
}

/// @title BridgeHandler
/// @notice Drives the CR8 gas bridge for the conservation invariants: actors deposit CR8 on the parent
///         chain (with approvals and with permits) to themselves or each other, deposits arrive on the L3
///         in order when relayed, actors move native CR8 on the L3 and withdraw it to any actor, pending
///         withdrawals finalize in any order, and attackers try every shortcut (calling the bridges and the
///         controller directly, and forging a bridge message through the message passer themselves).
/// @dev Every action is bounded to succeed; a broken expectation increments `violations` and records why.
///      Ghost model, per actor: the CR8 (ERC-20) and native CR8 it should hold; in flight: deposits
///      escrowed but not yet relayed, withdrawals burned but not yet finalized.
contract BridgeHandler is CommonBase, StdCheats, StdUtils {
    uint256 public constant ACTORS = 4;
    uint256 public constant INITIAL_CR8 = 1_000_000e18;
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    CR8Token public immutable token;
    CR8ParentBridge public immutable parentBridge;
    CR8L3Bridge public immutable l3Bridge;
    RelayPortal public immutable portal;

    address[] internal _actors;
    uint256[] internal _keys;
    RelayPortal.Withdrawal[] internal _withdrawals;
    bool[] internal _withdrawalDone;

    mapping(address account => uint256) public expectedCR8;
    mapping(address account => uint256) public expectedNative;
    uint256 public ghostDeposited;
    uint256 public ghostReleased;
    uint256 public ghostDepositsInFlight;
    uint256 public ghostWithdrawalsInFlight;
    uint256 public violations;
    string public lastViolation;
    mapping(string action => uint256) public calls;

    constructor(CR8Token token_, CR8ParentBridge parentBridge_, CR8L3Bridge l3Bridge_, RelayPortal portal_) {
        token = token_;
        parentBridge = parentBridge_;
        l3Bridge = l3Bridge_;
        portal = portal_;
        for (uint256 i; i < ACTORS; ++i) {
            (address actor, uint256 key) = makeAddrAndKey(string.concat("bridgeActor", vm.toString(i)));
            _actors.push(actor);
            _keys.push(key);
            expectedCR8[actor] = INITIAL_CR8;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Parent chain
    // ---------------------------------------------------------------------------------------------

    function deposit(uint256 actorSeed, uint256 toSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        uint256 balance = token.balanceOf(actor);
        if (balance == 0) return;
        amount = _amount(amount, balance);
        address to = _actor(toSeed);
        vm.prank(actor);
        try parentBridge.deposit(to, amount) {
            _deposited(actor, amount);
        } catch {
            _violation("deposit reverted");
        }
        ++calls["deposit"];
    }

    function depositWithPermit(uint256 actorSeed, uint256 toSeed, uint256 amount) external {
        uint256 index = actorSeed % ACTORS;
        address actor = _actors[index];
        uint256 balance = token.balanceOf(actor);
        if (balance == 0) return;
        amount = _amount(amount, balance);
        address to = _actor(toSeed);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(PERMIT_TYPEHASH, actor, address(parentBridge), amount, token.nonces(actor), deadline)
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            _keys[index], keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash))
        );
        vm.prank(actor);
        try parentBridge.depositWithPermit(to, amount, deadline, v, r, s) {
            _deposited(actor, amount);
        } catch {
            _violation("depositWithPermit reverted");
        }
        // The permit replaced the standing approval; restore it for plain deposits.
        vm.prank(actor);
        token.approve(address(parentBridge), type(uint256).max);
        ++calls["depositWithPermit"];
    }

    function transferCR8(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        uint256 balance = token.balanceOf(from);
        if (balance == 0) return;
        amount = _amount(amount, balance);
        vm.prank(from);
        token.transfer(to, amount);
        expectedCR8[from] -= amount;
        expectedCR8[to] += amount;
        ++calls["transferCR8"];
    }

    /// @notice Finalizes a pending withdrawal (any one, not necessarily the oldest).
    function finalizeWithdrawal(uint256 seed) external {
        uint256 count = _withdrawals.length;
        if (count == 0) return;
        uint256 start = seed % count;
        for (uint256 i; i < count; ++i) {
            uint256 index = (start + i) % count;
            if (_withdrawalDone[index]) continue;
            RelayPortal.Withdrawal memory w = _withdrawals[index];
            (, address to, uint256 amount) = abi.decode(_tail(w.data), (address, address, uint256));
            uint256 escrowBefore = parentBridge.totalEscrowed();
            if (!portal.finalizeWithdrawal(w)) {
                _violation("a genuine withdrawal failed on the parent bridge");
                return;
            }
            if (parentBridge.totalEscrowed() != escrowBefore - amount) _violation("escrow not released");
            _withdrawalDone[index] = true;
            expectedCR8[to] += amount;
            ghostReleased += amount;
            ghostWithdrawalsInFlight -= amount;
            ++calls["finalizeWithdrawal"];
            return;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // L3
    // ---------------------------------------------------------------------------------------------

    /// @notice Executes the oldest deposit not yet executed on the L3.
    function relayDeposit() external {
        if (portal.pendingDeposits() == 0) return;
        (bool success, RelayPortal.Deposit memory d) = portal.relayNextDeposit();
        if (!success) {
            _violation("a deposit failed on the L3 (its CR8 would be stranded)");
            return;
        }
        (, address to, uint256 amount) = abi.decode(_tail(d.data), (address, address, uint256));
        expectedNative[to] += amount;
        ghostDepositsInFlight -= amount;
        ++calls["relayDeposit"];
    }

    function withdraw(uint256 actorSeed, uint256 toSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        uint256 balance = actor.balance;
        if (balance == 0) return;
        amount = _amount(amount, balance);
        address to = _actor(toSeed);
        uint256 nonce = IL2ToL1MessagePasser(Predeploys.L2_TO_L1_MESSAGE_PASSER).messageNonce();
        vm.prank(actor);
        try l3Bridge.withdraw{value: amount}(to) {
            _withdrawals.push(
                RelayPortal.Withdrawal({
                    nonce: nonce,
                    sender: address(l3Bridge),
                    target: address(parentBridge),
                    gasLimit: l3Bridge.WITHDRAWAL_GAS_LIMIT(),
                    data: abi.encodeCall(ICR8ParentBridge.finalizeWithdrawal, (actor, to, amount))
                })
            );
            _withdrawalDone.push(false);
            expectedNative[actor] -= amount;
            ghostWithdrawalsInFlight += amount;
        } catch {
            _violation("withdraw reverted");
        }
        ++calls["withdraw"];
    }

    function transferNative(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        uint256 balance = from.balance;
        if (balance == 0) return;
        amount = _amount(amount, balance);
        vm.prank(from);
        (bool sent,) = to.call{value: amount}("");
        if (!sent) {
            _violation("native transfer failed");
            return;
        }
        expectedNative[from] -= amount;
        expectedNative[to] += amount;
        ++calls["transferNative"];
    }

    // ---------------------------------------------------------------------------------------------
    // Attacks: each must fail and move nothing
    // ---------------------------------------------------------------------------------------------

    function attack(uint256 actorSeed, uint256 kind, uint256 amount) external {
        address attacker = _actor(actorSeed);
        amount = bound(amount, 1, 1_000_000e18);
        kind %= 4;
        bool succeeded;
        if (kind == 0) {
            // Mint on the L3 without a deposit.
            vm.prank(attacker);
            try l3Bridge.finalizeDeposit(attacker, attacker, amount) {
                succeeded = true;
            } catch {}
        } else if (kind == 1) {
            // Release escrow on the parent chain without a withdrawal.
            vm.prank(attacker);
            try parentBridge.finalizeWithdrawal(attacker, attacker, amount) {
                succeeded = true;
            } catch {}
        } else if (kind == 2) {
            // Mint straight from the controller.
            vm.prank(attacker);
            try LiquidityController(Predeploys.LIQUIDITY_CONTROLLER).mint(attacker, amount) {
                succeeded = true;
            } catch {}
        } else {
            // A real L3 message to the parent bridge, but sent by the attacker rather than the L3 bridge:
            // the portal relays it (it is a genuine withdrawal), and the parent bridge must refuse it.
            uint256 nonce = IL2ToL1MessagePasser(Predeploys.L2_TO_L1_MESSAGE_PASSER).messageNonce();
            bytes memory data =
                abi.encodeCall(ICR8ParentBridge.finalizeWithdrawal, (attacker, attacker, amount));
            vm.prank(attacker);
            IL2ToL1MessagePasser(Predeploys.L2_TO_L1_MESSAGE_PASSER)
                .initiateWithdrawal(address(parentBridge), 300_000, data);
            succeeded = portal.finalizeWithdrawal(
                RelayPortal.Withdrawal({
                    nonce: nonce,
                    sender: attacker,
                    target: address(parentBridge),
                    gasLimit: 300_000,
                    data: data
                })
            );
        }
        if (succeeded) _violation("an attack succeeded");
        ++calls["attack"];
    }

    // ---------------------------------------------------------------------------------------------
    // Views for the invariants
    // ---------------------------------------------------------------------------------------------

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function withdrawalCount() external view returns (uint256) {
        return _withdrawals.length;
    }

    function withdrawalDone(uint256 index) external view returns (bool) {
        return _withdrawalDone[index];
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    function _deposited(address actor, uint256 amount) internal {
        expectedCR8[actor] -= amount;
        ghostDeposited += amount;
        ghostDepositsInFlight += amount;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % ACTORS];
    }

    /// @dev Half of the time dust (down to one wei), otherwise up to everything available.
    function _amount(uint256 seed, uint256 available) internal pure returns (uint256) {
        return seed % 2 == 0 ? _bound(seed, 1, available < 1e9 ? available : 1e9) : _bound(seed, 1, available);
    }

    /// @dev The arguments of an encoded call (everything after the selector).
    function _tail(bytes memory data) internal pure returns (bytes memory tail) {
        tail = new bytes(data.length - 4);
        for (uint256 i; i < tail.length; ++i) {
            tail[i] = data[i + 4];
        }
    }

    function _violation(string memory reason) internal {
        ++violations;
        lastViolation = reason;
    }
}
