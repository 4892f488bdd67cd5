// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CreditVault} from "../../src/execution/CreditVault.sol";
import {ICommon} from "../../src/interfaces/ICommon.sol";
import {ICreditVault} from "../../src/interfaces/ICreditVault.sol";
import {IPredeployProxy} from "../../src/interfaces/IPredeployProxy.sol";
import {PredeployProxy} from "../../src/proxy/PredeployProxy.sol";
import {ExecutionTest} from "./ExecutionTest.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Vm} from "forge-std/Vm.sol";

/// @dev A minimal ERC-1271 contract wallet: a digest is approved when its owner's key signed it.
contract OwnerSignedWallet is IERC1271 {
    address public immutable owner;

    constructor(address owner_) {
        owner = owner_;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecover(hash, signature);
        return err == ECDSA.RecoverError.NoError && recovered == owner
            ? IERC1271.isValidSignature.selector
            : bytes4(0xffffffff);
    }
}

/// @dev An ERC-1271 wallet that approves digests on-chain beforehand (as Safe's `signMessage` does) and
///      then accepts them with any signature, an empty one included.
contract PreApprovingWallet is IERC1271 {
    mapping(bytes32 digest => bool) public approved;

    function approve(bytes32 digest) external {
        approved[digest] = true;
    }

    function isValidSignature(bytes32 hash, bytes calldata) external view returns (bytes4) {
        return approved[hash] ? IERC1271.isValidSignature.selector : bytes4(0xffffffff);
    }
}

/// @dev Accepts no native CR8.
contract RejectingRecipient {}

/// @dev A payer contract whose receive hook tries to withdraw again, and records how that attempt failed.
contract ReentrantPayer {
    CreditVault internal immutable vault;
    address internal immutable orchestrator;
    bytes public reentryError;
    uint256 public received;

    constructor(CreditVault vault_, address orchestrator_) {
        (vault, orchestrator) = (vault_, orchestrator_);
    }

    function deposit() external payable {
        vault.deposit{value: msg.value}(orchestrator);
    }

    function requestWithdrawal(uint256 amount) external {
        vault.requestWithdrawal(orchestrator, amount);
    }

    function withdraw() external returns (uint256) {
        return vault.withdraw(orchestrator, address(this));
    }

    receive() external payable {
        received += msg.value;
        try vault.withdraw(orchestrator, address(this)) {}
        catch (bytes memory reason) {
            reentryError = reason;
        }
    }
}

/// @notice CreditVault: deposits into payer-orchestrator channels, delayed withdrawals per channel, charges
///         only as far as each payer signed (EOAs and ERC-1271 wallets, a signature on every charge), the
///         batch's charges hash, refunds into the slashed orchestrator's channel, pausing, initialization
///         and the EIP-712 domain.
contract CreditVaultTest is ExecutionTest {
    /// @dev The order of secp256k1: `n - s` is the other (high-s) signature of the same message.
    uint256 internal constant SECP256K1_N =
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    address internal payerA;
    address internal payerB;
    address internal settlement;
    address internal orchestrator2 = makeAddr("orchestrator2");

    function setUp() public override {
        super.setUp();
        makePayers(2);
        (payerA, payerB) = (payers[0], payers[1]);
        settlement = address(receipts);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    function _one(ICreditVault.Charge memory item) internal pure returns (ICreditVault.Charge[] memory list) {
        list = new ICreditVault.Charge[](1);
        list[0] = item;
    }

    function _two(ICreditVault.Charge memory a, ICreditVault.Charge memory b)
        internal
        pure
        returns (ICreditVault.Charge[] memory list)
    {
        list = new ICreditVault.Charge[](2);
        list[0] = a;
        list[1] = b;
    }

    /// @dev Charges as the settlement contract (the receipts proxy), as `postBatch` does; returns the total.
    function _settle(address orchestrator_, ICreditVault.Charge[] memory charges)
        internal
        returns (uint256 total)
    {
        vm.prank(settlement);
        (total,) = vault.charge(orchestrator_, charges);
    }

    /// @dev `payer` puts `amount` into its channel with `orchestrator_`.
    function _deposit(address payer, address orchestrator_, uint256 amount) internal {
        vm.deal(payer, payer.balance + amount);
        vm.prank(payer);
        vault.deposit{value: amount}(orchestrator_);
    }

    function _request(address payer, address orchestrator_, uint256 amount) internal {
        vm.prank(payer);
        vault.requestWithdrawal(orchestrator_, amount);
    }

    function _balanceOf(address payer, address orchestrator_) internal view returns (uint256) {
        return vault.channelOf(payer, orchestrator_).balance;
    }

    function _pause() internal {
        vm.prank(guardian);
        vault.pause();
    }

    function _assertSolvent() internal view {
        assertEq(address(vault).balance, vault.totalBalances(), "vault balance != totalBalances");
    }

    // ---------------------------------------------------------------------------------------------
    // constructor / initialize / views
    // ---------------------------------------------------------------------------------------------

    function test_constructor_setsImmutables_succeeds() public view {
        assertEq(vault.SETTLEMENT(), address(receipts));
        assertEq(vault.WITHDRAWAL_DELAY(), WITHDRAWAL_DELAY);
    }

    function test_constructor_zeroSettlement_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new CreditVault(address(0), WITHDRAWAL_DELAY);
    }

    function test_constructor_zeroDelay_reverts() public {
        vm.expectRevert(ICommon.ZeroAmount.selector);
        new CreditVault(settlement, 0);
    }

    function test_initialize_setsRoles_succeeds() public view {
        assertTrue(vault.hasRole(vault.DEFAULT_ADMIN_ROLE(), admin));
        assertTrue(vault.hasRole(vault.GUARDIAN_ROLE(), guardian));
        assertFalse(vault.hasRole(vault.GUARDIAN_ROLE(), admin));
        assertFalse(vault.hasRole(vault.DEFAULT_ADMIN_ROLE(), guardian));
        assertFalse(vault.hasRole(vault.DEFAULT_ADMIN_ROLE(), settlement));
        assertFalse(vault.paused());
    }

    function test_initialize_twice_reverts() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        vault.initialize(alice, alice);
    }

    function test_initialize_onImplementation_reverts() public {
        CreditVault implementation = new CreditVault(settlement, WITHDRAWAL_DELAY);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(admin, guardian);
    }

    function test_initialize_zeroAddress_reverts() public {
        CreditVault implementation = new CreditVault(settlement, WITHDRAWAL_DELAY);
        address[2][2] memory pairs = [[address(0), guardian], [admin, address(0)]];
        for (uint256 i; i < pairs.length; ++i) {
            PredeployProxy proxy = new PredeployProxy(address(this));
            bytes memory data = abi.encodeCall(CreditVault.initialize, (pairs[i][0], pairs[i][1]));
            vm.expectRevert(
                abi.encodeWithSelector(
                    IPredeployProxy.UpgradeCallFailed.selector,
                    abi.encodeWithSelector(ICommon.ZeroAddress.selector)
                )
            );
            proxy.upgradeToAndCall(address(implementation), data);
        }
    }

    function test_version_returns100_succeeds() public view {
        assertEq(vault.version(), "1.0.0");
    }

    function test_domainSeparator_matchesSpec_succeeds() public {
        bytes32 expected = keccak256(
            abi.encode(
                keccak256(
                    "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
                ),
                keccak256("CR8 CreditVault"),
                keccak256("1"),
                block.chainid,
                address(vault)
            )
        );
        assertEq(vault.DOMAIN_SEPARATOR(), expected);
        assertEq(
            vault.SPENDING_AUTHORIZATION_TYPEHASH(),
            keccak256("SpendingAuthorization(address payer,address orchestrator,uint256 cumulativeAmount)")
        );
        assertEq(
            vault.authorizationDigest(payerA, orchestrator, 7e18),
            keccak256(
                abi.encodePacked(
                    "\x19\x01",
                    expected,
                    keccak256(abi.encode(vault.SPENDING_AUTHORIZATION_TYPEHASH(), payerA, orchestrator, 7e18))
                )
            )
        );
        assertEq(
            vault.authorizationDigest(payerA, orchestrator, 7e18),
            authorizationDigest(payerA, orchestrator, 7e18)
        );

        // Built per call: after a chain split the old chain id no longer verifies.
        vm.chainId(block.chainid + 1);
        assertNotEq(vault.DOMAIN_SEPARATOR(), expected);
        assertEq(
            vault.DOMAIN_SEPARATOR(),
            keccak256(
                abi.encode(
                    keccak256(
                        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
                    ),
                    keccak256("CR8 CreditVault"),
                    keccak256("1"),
                    block.chainid,
                    address(vault)
                )
            )
        );
    }

    /// @dev The digest, hashed in scratch memory by the vault, is the EIP-712 one for any payer, orchestrator
    ///      and amount (the full uint256 range, though charges carry 128-bit amounts).
    function testFuzz_authorizationDigest_matchesSpec_succeeds(
        address payer,
        address orchestrator_,
        uint256 amount
    ) public view {
        assertEq(
            vault.authorizationDigest(payer, orchestrator_, amount),
            authorizationDigest(payer, orchestrator_, amount)
        );
    }

    /// @dev The namespaced storage constant matches its ERC-7201 formula, and the layout is the one
    ///      the source declares: channels, then withdrawals, then totalBalances.
    function test_storageLocation_matchesErc7201_succeeds() public {
        ICreditVault.Charge[] memory charges = _one(charge(payerA, 6e18, 20e18, true));
        _settle(orchestrator, charges);
        _request(payerA, orchestrator, 10e18);
        bytes32 base = keccak256(abi.encode(uint256(keccak256("cr8.storage.CreditVault")) - 1))
            & ~bytes32(uint256(0xff));
        assertEq(base, 0x3ce5e75b1662298ef24aa99ea185ded434ae3b674841ea36117030a21d655b00);
        // Slot 0: channels[payerA][orchestrator] = {balance | charged << 128}.
        bytes32 channel = keccak256(abi.encode(orchestrator, keccak256(abi.encode(payerA, uint256(base)))));
        assertEq(uint256(vm.load(address(vault), channel)), (uint256(6e18) << 128) | (DEPOSIT - 6e18));
        // Slot 1: withdrawals[payerA][orchestrator] = {amount | withdrawableAt << 128}.
        bytes32 withdrawal =
            keccak256(abi.encode(orchestrator, keccak256(abi.encode(payerA, uint256(base) + 1))));
        assertEq(
            uint256(vm.load(address(vault), withdrawal)),
            ((block.timestamp + WITHDRAWAL_DELAY) << 128) | 10e18
        );
        // Slot 2: totalBalances.
        assertEq(uint256(vm.load(address(vault), bytes32(uint256(base) + 2))), 2 * DEPOSIT - 6e18);
    }

    function test_receive_plainTransfer_reverts() public {
        uint256 before = address(vault).balance;
        vm.prank(carol);
        (bool ok,) = address(vault).call{value: 1e18}("");
        assertFalse(ok);
        assertEq(address(vault).balance, before);
        _assertSolvent();
    }

    // ---------------------------------------------------------------------------------------------
    // deposit / depositFor
    // ---------------------------------------------------------------------------------------------

    function test_deposit_creditsChannelAndEmits_succeeds() public {
        uint256 total = vault.totalBalances();
        vm.deal(carol, 5e18);
        vm.expectEmit(address(vault));
        emit ICreditVault.Deposited(carol, orchestrator, carol, 5e18);
        vm.prank(carol);
        vault.deposit{value: 5e18}(orchestrator);

        ICreditVault.Channel memory channel = vault.channelOf(carol, orchestrator);
        assertEq(channel.balance, 5e18);
        assertEq(channel.charged, 0);
        ICreditVault.Withdrawal memory withdrawal = vault.withdrawalOf(carol, orchestrator);
        assertEq(withdrawal.amount, 0);
        assertEq(withdrawal.withdrawableAt, 0);
        assertEq(vault.totalBalances(), total + 5e18);
        _assertSolvent();
    }

    function test_deposit_accumulates_succeeds() public {
        _deposit(payerA, orchestrator, 1e18);
        _deposit(payerA, orchestrator, 2e18);
        assertEq(_balanceOf(payerA, orchestrator), DEPOSIT + 3e18);
        assertEq(vault.totalBalances(), 2 * DEPOSIT + 3e18);
        _assertSolvent();
    }

    function test_deposit_twoOrchestrators_separateChannels_succeeds() public {
        vm.deal(payerA, 3e18);
        vm.expectEmit(address(vault));
        emit ICreditVault.Deposited(payerA, orchestrator2, payerA, 3e18);
        vm.prank(payerA);
        vault.deposit{value: 3e18}(orchestrator2);

        assertEq(_balanceOf(payerA, orchestrator), DEPOSIT);
        assertEq(_balanceOf(payerA, orchestrator2), 3e18);
        assertEq(_balanceOf(payerB, orchestrator2), 0);
        assertEq(vault.totalBalances(), 2 * DEPOSIT + 3e18);
        _assertSolvent();
    }

    function test_deposit_zeroAmount_reverts() public {
        vm.prank(carol);
        vm.expectRevert(ICommon.ZeroAmount.selector);
        vault.deposit(orchestrator);
    }

    function test_deposit_zeroOrchestrator_reverts() public {
        vm.deal(carol, 1e18);
        vm.prank(carol);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vault.deposit{value: 1e18}(address(0));
    }

    function test_deposit_channelAbove128Bits_reverts() public {
        uint256 max = type(uint128).max;
        vm.deal(carol, max + 1);
        vm.prank(carol);
        vault.deposit{value: max}(orchestrator);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(ICreditVault.AmountTooLarge.selector, max + 1));
        vault.deposit{value: 1}(orchestrator);

        // The bound is per channel: another channel of the same payer still takes it.
        vm.prank(carol);
        vault.deposit{value: 1}(orchestrator2);
        assertEq(_balanceOf(carol, orchestrator2), 1);
        _assertSolvent();
    }

    function test_depositFor_creditsPayerChannelAndEmits_succeeds() public {
        uint256 total = vault.totalBalances();
        vm.deal(carol, 4e18);
        vm.expectEmit(address(vault));
        emit ICreditVault.Deposited(payerA, orchestrator2, carol, 4e18);
        vm.prank(carol);
        vault.depositFor{value: 4e18}(payerA, orchestrator2);

        assertEq(_balanceOf(payerA, orchestrator2), 4e18);
        assertEq(_balanceOf(payerA, orchestrator), DEPOSIT);
        assertEq(_balanceOf(carol, orchestrator2), 0);
        assertEq(vault.totalBalances(), total + 4e18);
        _assertSolvent();
    }

    function test_depositFor_zeroAddress_reverts() public {
        vm.deal(carol, 2e18);
        vm.prank(carol);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vault.depositFor{value: 1e18}(address(0), orchestrator);
        vm.prank(carol);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vault.depositFor{value: 1e18}(payerA, address(0));
    }

    function test_depositFor_zeroAmount_reverts() public {
        vm.prank(carol);
        vm.expectRevert(ICommon.ZeroAmount.selector);
        vault.depositFor(payerA, orchestrator);
    }

    // ---------------------------------------------------------------------------------------------
    // requestWithdrawal
    // ---------------------------------------------------------------------------------------------

    function test_requestWithdrawal_recordsAndEmits_succeeds() public {
        uint64 withdrawableAt = uint64(block.timestamp) + WITHDRAWAL_DELAY;
        vm.expectEmit(address(vault));
        emit ICreditVault.WithdrawalRequested(payerA, orchestrator, 40e18, withdrawableAt);
        vm.prank(payerA);
        vault.requestWithdrawal(orchestrator, 40e18);

        ICreditVault.Withdrawal memory withdrawal = vault.withdrawalOf(payerA, orchestrator);
        assertEq(withdrawal.amount, 40e18);
        assertEq(withdrawal.withdrawableAt, withdrawableAt);
        assertEq(_balanceOf(payerA, orchestrator), DEPOSIT); // still chargeable until withdrawn
        assertEq(vault.totalBalances(), 2 * DEPOSIT);
    }

    function test_requestWithdrawal_wholeBalance_succeeds() public {
        _request(payerA, orchestrator, DEPOSIT);
        assertEq(vault.withdrawalOf(payerA, orchestrator).amount, DEPOSIT);
    }

    function test_requestWithdrawal_replacesEarlierRequest_succeeds() public {
        _request(payerA, orchestrator, 10e18);
        vm.warp(block.timestamp + 12 hours);
        uint64 withdrawableAt = uint64(block.timestamp) + WITHDRAWAL_DELAY;
        vm.expectEmit(address(vault));
        emit ICreditVault.WithdrawalRequested(payerA, orchestrator, 20e18, withdrawableAt);
        _request(payerA, orchestrator, 20e18);
        ICreditVault.Withdrawal memory withdrawal = vault.withdrawalOf(payerA, orchestrator);
        assertEq(withdrawal.amount, 20e18);
        assertEq(withdrawal.withdrawableAt, withdrawableAt); // the delay starts again
    }

    function test_requestWithdrawal_perChannel_succeeds() public {
        _deposit(payerA, orchestrator2, 5e18);
        _request(payerA, orchestrator, 10e18);
        uint64 firstAt = uint64(block.timestamp) + WITHDRAWAL_DELAY;
        vm.warp(block.timestamp + 1 hours);
        _request(payerA, orchestrator2, 5e18);

        // A request on one channel neither replaces nor restarts the other's.
        ICreditVault.Withdrawal memory one = vault.withdrawalOf(payerA, orchestrator);
        ICreditVault.Withdrawal memory two = vault.withdrawalOf(payerA, orchestrator2);
        assertEq(one.amount, 10e18);
        assertEq(one.withdrawableAt, firstAt);
        assertEq(two.amount, 5e18);
        assertEq(two.withdrawableAt, block.timestamp + WITHDRAWAL_DELAY);
    }

    function test_requestWithdrawal_moreThanChannelBalance_reverts() public {
        vm.prank(payerA);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.InsufficientCredit.selector, payerA, DEPOSIT, DEPOSIT + 1)
        );
        vault.requestWithdrawal(orchestrator, DEPOSIT + 1);

        // payerA's credit with orchestrator is not its credit with orchestrator2.
        _deposit(payerA, orchestrator2, 2e18);
        vm.prank(payerA);
        vm.expectRevert(abi.encodeWithSelector(ICreditVault.InsufficientCredit.selector, payerA, 2e18, 3e18));
        vault.requestWithdrawal(orchestrator2, 3e18);
    }

    function test_requestWithdrawal_withoutDeposit_reverts() public {
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(ICreditVault.InsufficientCredit.selector, carol, 0, 1));
        vault.requestWithdrawal(orchestrator, 1);
    }

    function test_requestWithdrawal_zero_reverts() public {
        vm.prank(payerA);
        vm.expectRevert(ICommon.ZeroAmount.selector);
        vault.requestWithdrawal(orchestrator, 0);
    }

    function test_requestWithdrawal_above128Bits_reverts() public {
        uint256 amount = uint256(type(uint128).max) + 1;
        vm.prank(payerA);
        vm.expectRevert(abi.encodeWithSelector(ICreditVault.AmountTooLarge.selector, amount));
        vault.requestWithdrawal(orchestrator, amount);
    }

    // ---------------------------------------------------------------------------------------------
    // withdraw
    // ---------------------------------------------------------------------------------------------

    function test_withdraw_withoutRequest_reverts() public {
        vm.prank(payerA);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.WithdrawalNotReady.selector, payerA, 0, block.timestamp)
        );
        vault.withdraw(orchestrator, payerA);
    }

    function test_withdraw_beforeDelay_reverts() public {
        _request(payerA, orchestrator, 40e18);
        uint64 withdrawableAt = uint64(block.timestamp) + WITHDRAWAL_DELAY;
        vm.warp(withdrawableAt - 1);
        vm.prank(payerA);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICreditVault.WithdrawalNotReady.selector, payerA, withdrawableAt, withdrawableAt - 1
            )
        );
        vault.withdraw(orchestrator, payerA);
    }

    function test_withdraw_afterDelay_paysAndEmits_succeeds() public {
        _request(payerA, orchestrator, 40e18);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY); // exactly at withdrawableAt
        uint256 bobBefore = bob.balance;
        uint256 payerBefore = payerA.balance;

        vm.expectEmit(address(vault));
        emit ICreditVault.Withdrawn(payerA, orchestrator, bob, 40e18);
        vm.prank(payerA);
        uint256 paid = vault.withdraw(orchestrator, bob);

        assertEq(paid, 40e18);
        assertEq(bob.balance - bobBefore, 40e18);
        assertEq(payerA.balance, payerBefore);
        assertEq(_balanceOf(payerA, orchestrator), DEPOSIT - 40e18);
        ICreditVault.Withdrawal memory withdrawal = vault.withdrawalOf(payerA, orchestrator);
        assertEq(withdrawal.amount, 0);
        assertEq(withdrawal.withdrawableAt, 0);
        assertEq(vault.totalBalances(), 2 * DEPOSIT - 40e18);
        _assertSolvent();
    }

    function test_withdraw_onlyItsChannel_succeeds() public {
        _deposit(payerA, orchestrator2, 5e18);
        _request(payerA, orchestrator2, 5e18);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);

        // No request on the channel with orchestrator: orchestrator2's request does not count there.
        vm.prank(payerA);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.WithdrawalNotReady.selector, payerA, 0, block.timestamp)
        );
        vault.withdraw(orchestrator, payerA);

        vm.expectEmit(address(vault));
        emit ICreditVault.Withdrawn(payerA, orchestrator2, payerA, 5e18);
        vm.prank(payerA);
        assertEq(vault.withdraw(orchestrator2, payerA), 5e18);
        assertEq(_balanceOf(payerA, orchestrator2), 0);
        assertEq(_balanceOf(payerA, orchestrator), DEPOSIT);
        assertEq(vault.totalBalances(), 2 * DEPOSIT);
        _assertSolvent();
    }

    function test_withdraw_chargedDuringDelay_paysOnlyTheRest_succeeds() public {
        _request(payerA, orchestrator, DEPOSIT);
        ICreditVault.Charge[] memory charges = _one(charge(payerA, 30e18, 30e18, true));
        _settle(orchestrator, charges);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        uint256 before = payerA.balance;

        vm.expectEmit(address(vault));
        emit ICreditVault.Withdrawn(payerA, orchestrator, payerA, DEPOSIT - 30e18);
        vm.prank(payerA);
        uint256 paid = vault.withdraw(orchestrator, payerA);

        assertEq(paid, DEPOSIT - 30e18);
        assertEq(payerA.balance - before, DEPOSIT - 30e18);
        assertEq(_balanceOf(payerA, orchestrator), 0);
        assertEq(vault.channelOf(payerA, orchestrator).charged, 30e18);
        assertEq(vault.totalBalances(), DEPOSIT);
        _assertSolvent();
    }

    function test_withdraw_chargedBelowRequestButAbove_paysRequest_succeeds() public {
        // A charge that leaves more than requested does not reduce the withdrawal.
        _request(payerA, orchestrator, 50e18);
        ICreditVault.Charge[] memory charges = _one(charge(payerA, 30e18, 30e18, true));
        _settle(orchestrator, charges);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        vm.prank(payerA);
        assertEq(vault.withdraw(orchestrator, payerA), 50e18);
        assertEq(_balanceOf(payerA, orchestrator), DEPOSIT - 80e18);
        _assertSolvent();
    }

    function test_withdraw_chargedInOtherChannel_paysRequest_succeeds() public {
        // orchestrator emptying its channel during the delay leaves the request on orchestrator2's whole.
        _deposit(payerA, orchestrator2, 10e18);
        _request(payerA, orchestrator2, 10e18);
        ICreditVault.Charge[] memory charges = _one(charge(payerA, uint128(DEPOSIT), uint128(DEPOSIT), true));
        _settle(orchestrator, charges);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        vm.prank(payerA);
        assertEq(vault.withdraw(orchestrator2, payerA), 10e18);
        assertEq(_balanceOf(payerA, orchestrator), 0);
        _assertSolvent();
    }

    function test_withdraw_chargedToZero_paysNothing_succeeds() public {
        _request(payerA, orchestrator, 10e18);
        ICreditVault.Charge[] memory charges = _one(charge(payerA, uint128(DEPOSIT), uint128(DEPOSIT), true));
        _settle(orchestrator, charges);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        uint256 before = payerA.balance;

        vm.expectEmit(address(vault));
        emit ICreditVault.Withdrawn(payerA, orchestrator, payerA, 0);
        vm.prank(payerA);
        assertEq(vault.withdraw(orchestrator, payerA), 0);
        assertEq(payerA.balance, before);
        // The request is used up: another withdraw needs another request.
        assertEq(vault.withdrawalOf(payerA, orchestrator).amount, 0);
        _assertSolvent();
    }

    function test_withdraw_twice_reverts() public {
        _request(payerA, orchestrator, 10e18);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        vm.prank(payerA);
        vault.withdraw(orchestrator, payerA);
        vm.prank(payerA);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.WithdrawalNotReady.selector, payerA, 0, block.timestamp)
        );
        vault.withdraw(orchestrator, payerA);
    }

    function test_withdraw_zeroRecipient_reverts() public {
        _request(payerA, orchestrator, 10e18);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        vm.prank(payerA);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vault.withdraw(orchestrator, address(0));
    }

    function test_withdraw_recipientRejects_reverts() public {
        address rejecting = address(new RejectingRecipient());
        _request(payerA, orchestrator, 10e18);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        vm.prank(payerA);
        vm.expectRevert(abi.encodeWithSelector(ICommon.NativeTransferFailed.selector, rejecting, 10e18));
        vault.withdraw(orchestrator, rejecting);
        // Nothing changed: the request still stands.
        assertEq(vault.withdrawalOf(payerA, orchestrator).amount, 10e18);
        assertEq(_balanceOf(payerA, orchestrator), DEPOSIT);
    }

    function test_withdraw_reentrantWithdraw_reverts() public {
        ReentrantPayer payer = new ReentrantPayer(vault, orchestrator);
        vm.deal(address(this), 10e18);
        payer.deposit{value: 10e18}();
        payer.requestWithdrawal(4e18);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        assertEq(payer.withdraw(), 4e18);
        assertEq(payer.received(), 4e18);
        assertEq(
            payer.reentryError(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)
        );
        assertEq(_balanceOf(address(payer), orchestrator), 6e18);
        _assertSolvent();
    }

    // ---------------------------------------------------------------------------------------------
    // charge
    // ---------------------------------------------------------------------------------------------

    function test_charge_debitsChannelsAndPaysSettlement_succeeds() public {
        ICreditVault.Charge[] memory charges =
            _two(charge(payerA, 6e18, 20e18, true), charge(payerB, 4e18, 4e18, true));
        uint256 settlementBefore = settlement.balance;

        vm.recordLogs();
        vm.prank(settlement);
        (uint256 total, bytes32 chargesHash) = vault.charge(orchestrator, charges);

        assertEq(total, 10e18);
        assertEq(chargesHash, chargesHashOf(charges));
        assertEq(settlement.balance - settlementBefore, 10e18);
        ICreditVault.Channel memory channel = vault.channelOf(payerA, orchestrator);
        assertEq(channel.balance, DEPOSIT - 6e18);
        assertEq(channel.charged, 6e18);
        channel = vault.channelOf(payerB, orchestrator);
        assertEq(channel.balance, DEPOSIT - 4e18);
        assertEq(channel.charged, 4e18);
        assertEq(vault.totalBalances(), 2 * DEPOSIT - 10e18);
        _assertSolvent();

        // No event per payer: the vault logs nothing for a batch.
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            assertNotEq(logs[i].emitter, address(vault), "charge emitted an event");
        }
    }

    function test_charge_returnsChargesHash_succeeds() public {
        // Three charges, one payer twice: the hash covers every entry in order, as ABI words.
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](3);
        charges[0] = charge(payerB, 1e18, 5e18, true);
        charges[1] = charge(payerA, 2e18, 9e18, true);
        charges[2] = charge(payerA, 7e18, 9e18, true);
        bytes32 expected = keccak256(
            abi.encodePacked(
                bytes32(uint256(uint160(payerB))),
                bytes32(uint256(1e18)),
                bytes32(uint256(uint160(payerA))),
                bytes32(uint256(2e18)),
                bytes32(uint256(uint160(payerA))),
                bytes32(uint256(7e18))
            )
        );
        assertEq(chargesHashOf(charges), expected); // the helper agrees with the spelled-out words
        // ...and with abi.encode of the ChargedTo[] minus its offset and length words.
        bytes memory encoded = abi.encode(chargedTo(charges));
        bytes memory words = new bytes(encoded.length - 64);
        for (uint256 i; i < words.length; ++i) {
            words[i] = encoded[i + 64];
        }
        assertEq(keccak256(words), expected);

        vm.prank(settlement);
        (uint256 total, bytes32 chargesHash) = vault.charge(orchestrator, charges);
        assertEq(total, 8e18);
        assertEq(chargesHash, expected);
        // Not the hash of the full Charge entries (signatures included), nor of the array's encoding.
        assertNotEq(chargesHash, keccak256(abi.encode(charges)));
        assertNotEq(chargesHash, keccak256(encoded));
    }

    /// @dev The hash depends on each entry's payer and chargeTo and on their order.
    function test_charge_chargesHashFollowsOrder_succeeds() public {
        ICreditVault.Charge[] memory charges =
            _two(charge(payerA, 1e18, 1e18, true), charge(payerB, 1e18, 1e18, true));
        ICreditVault.Charge[] memory swapped = _two(charges[1], charges[0]);
        vm.prank(settlement);
        (, bytes32 chargesHash) = vault.charge(orchestrator, charges);
        assertEq(chargesHash, chargesHashOf(charges));
        assertNotEq(chargesHash, chargesHashOf(swapped));
    }

    function test_charge_reusedEarlierSignature_succeeds() public {
        // No authorization is stored: the orchestrator presents the payer's signature every time, and an
        // older one still works as long as it covers chargeTo.
        bytes memory signed20 = authorize(payerA, orchestrator, 20e18);
        ICreditVault.Charge[] memory first = _one(charge(payerA, 6e18, 20e18, true));
        assertEq(_settle(orchestrator, first), 6e18);
        ICreditVault.Charge[] memory second = _one(charge(payerA, 15e18, 30e18, true));
        assertEq(_settle(orchestrator, second), 9e18);

        ICreditVault.Charge[] memory third = _one(
            ICreditVault.Charge({
                payer: payerA, authorizedCumulative: 20e18, chargeTo: 18e18, signature: signed20
            })
        );
        vm.prank(settlement);
        (uint256 total, bytes32 chargesHash) = vault.charge(orchestrator, third);
        assertEq(total, 3e18);
        assertEq(chargesHash, chargesHashOf(third));
        ICreditVault.Channel memory channel = vault.channelOf(payerA, orchestrator);
        assertEq(channel.charged, 18e18);
        assertEq(channel.balance, DEPOSIT - 18e18);

        // ...but never past what that signature covers, whatever was signed since.
        ICreditVault.Charge[] memory beyond = _one(
            ICreditVault.Charge({
                payer: payerA, authorizedCumulative: 20e18, chargeTo: 21e18, signature: signed20
            })
        );
        vm.prank(settlement);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.ChargeExceedsAuthorization.selector, payerA, 21e18, 20e18)
        );
        vault.charge(orchestrator, beyond);
        _assertSolvent();
    }

    function test_charge_emptySignature_reverts() public {
        // Even a charge within what the payer signed before needs the signature again.
        ICreditVault.Charge[] memory first = _one(charge(payerA, 6e18, 20e18, true));
        _settle(orchestrator, first);
        ICreditVault.Charge[] memory second = _one(charge(payerA, 8e18, 20e18, false));
        assertEq(second[0].signature.length, 0);
        vm.prank(settlement);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.InvalidAuthorization.selector, payerA, orchestrator, 20e18)
        );
        vault.charge(orchestrator, second);

        // The same for a payer's first charge.
        ICreditVault.Charge[] memory fresh = _one(charge(payerB, 1e18, 1e18, false));
        vm.prank(settlement);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.InvalidAuthorization.selector, payerB, orchestrator, 1e18)
        );
        vault.charge(orchestrator, fresh);
        assertEq(vault.channelOf(payerA, orchestrator).charged, 6e18);
        assertEq(vault.channelOf(payerB, orchestrator).charged, 0);
    }

    function test_charge_raisedAuthorization_succeeds() public {
        ICreditVault.Charge[] memory first = _one(charge(payerA, 6e18, 10e18, true));
        _settle(orchestrator, first);
        ICreditVault.Charge[] memory second = _one(charge(payerA, 15e18, 30e18, true));
        assertEq(_settle(orchestrator, second), 9e18);
        assertEq(vault.channelOf(payerA, orchestrator).charged, 15e18);
        assertEq(_balanceOf(payerA, orchestrator), DEPOSIT - 15e18);
    }

    function test_charge_samePayerTwiceInBatch_succeeds() public {
        ICreditVault.Charge[] memory charges =
            _two(charge(payerA, 3e18, 10e18, true), charge(payerA, 5e18, 10e18, true));
        vm.prank(settlement);
        (uint256 total, bytes32 chargesHash) = vault.charge(orchestrator, charges);
        assertEq(total, 5e18);
        assertEq(chargesHash, chargesHashOf(charges));
        assertEq(_balanceOf(payerA, orchestrator), DEPOSIT - 5e18);
        assertEq(vault.channelOf(payerA, orchestrator).charged, 5e18);
    }

    function test_charge_emptyBatch_returnsZero_succeeds() public {
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](0);
        uint256 before = settlement.balance;
        vm.prank(settlement);
        (uint256 total, bytes32 chargesHash) = vault.charge(orchestrator, charges);
        assertEq(total, 0);
        assertEq(chargesHash, keccak256(""));
        assertEq(settlement.balance, before);
        _assertSolvent();
    }

    function test_charge_byOthers_reverts() public {
        ICreditVault.Charge[] memory charges = _one(charge(payerA, 1e18, 1e18, true));
        address[5] memory callers = [orchestrator, payerA, admin, guardian, address(orchestrators)];
        for (uint256 i; i < callers.length; ++i) {
            vm.prank(callers[i]);
            vm.expectRevert(abi.encodeWithSelector(ICreditVault.OnlySettlement.selector, callers[i]));
            vault.charge(orchestrator, charges);
        }
        vm.expectRevert(abi.encodeWithSelector(ICreditVault.OnlySettlement.selector, address(this)));
        vault.charge(orchestrator, charges);
    }

    function test_charge_twoOrchestrators_keepSeparateChannels_succeeds() public {
        _deposit(payerA, orchestrator2, 10e18);
        ICreditVault.Charge[] memory first = _one(chargeFor(orchestrator, payerA, 7e18, 10e18, true));
        ICreditVault.Charge[] memory second = _one(chargeFor(orchestrator2, payerA, 5e18, 5e18, true));
        assertEq(_settle(orchestrator, first), 7e18);
        assertEq(_settle(orchestrator2, second), 5e18);

        ICreditVault.Channel memory one = vault.channelOf(payerA, orchestrator);
        ICreditVault.Channel memory two = vault.channelOf(payerA, orchestrator2);
        assertEq(one.balance, DEPOSIT - 7e18);
        assertEq(one.charged, 7e18);
        assertEq(two.balance, 5e18);
        assertEq(two.charged, 5e18);

        // orchestrator's authorization is not orchestrator2's: it cannot go past its own 5 with it.
        ICreditVault.Charge[] memory beyond = _one(chargeFor(orchestrator2, payerA, 8e18, 10e18, false));
        beyond[0].signature = authorize(payerA, orchestrator, 10e18);
        vm.prank(settlement);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.InvalidAuthorization.selector, payerA, orchestrator2, 10e18)
        );
        vault.charge(orchestrator2, beyond);

        // ...while orchestrator still charges up to its 10 by presenting that signature again.
        ICreditVault.Charge[] memory rest = _one(chargeFor(orchestrator, payerA, 10e18, 10e18, true));
        assertEq(_settle(orchestrator, rest), 3e18);
        assertEq(vault.channelOf(payerA, orchestrator2).charged, 5e18);
        assertEq(_balanceOf(payerA, orchestrator2), 5e18);
        _assertSolvent();
    }

    function test_charge_otherOrchestratorsChannelUntouched_succeeds() public {
        // orchestrator empties payerA's channel with it; payerA's channel with orchestrator2 keeps every wei.
        _deposit(payerA, orchestrator2, 10e18);
        ICreditVault.Charge[] memory all =
            _one(charge(payerA, uint128(DEPOSIT), uint128(DEPOSIT + 10e18), true));
        assertEq(_settle(orchestrator, all), DEPOSIT);
        ICreditVault.Channel memory other = vault.channelOf(payerA, orchestrator2);
        assertEq(other.balance, 10e18);
        assertEq(other.charged, 0);

        // The payer signed enough for one more wei, but its channel with orchestrator is empty: the
        // other channel's credit is not reachable.
        ICreditVault.Charge[] memory more =
            _one(charge(payerA, uint128(DEPOSIT + 1), uint128(DEPOSIT + 10e18), true));
        vm.prank(settlement);
        vm.expectRevert(abi.encodeWithSelector(ICreditVault.InsufficientCredit.selector, payerA, 0, 1));
        vault.charge(orchestrator, more);
        assertEq(_balanceOf(payerA, orchestrator2), 10e18);
        _assertSolvent();
    }

    function test_charge_beyondChannelBalance_reverts() public {
        // payerA has DEPOSIT with orchestrator but only 3 with orchestrator2.
        _deposit(payerA, orchestrator2, 3e18);
        ICreditVault.Charge[] memory charges = _one(chargeFor(orchestrator2, payerA, 4e18, 4e18, true));
        vm.prank(settlement);
        vm.expectRevert(abi.encodeWithSelector(ICreditVault.InsufficientCredit.selector, payerA, 3e18, 4e18));
        vault.charge(orchestrator2, charges);
        assertEq(_balanceOf(payerA, orchestrator), DEPOSIT);
        assertEq(_balanceOf(payerA, orchestrator2), 3e18);
    }

    function test_charge_contractWallet_succeeds() public {
        (address owner, uint256 ownerKey) = makeAddrAndKey("walletOwner");
        address wallet = address(new OwnerSignedWallet(owner));
        vm.deal(carol, 10e18);
        vm.prank(carol);
        vault.depositFor{value: 10e18}(wallet, orchestrator);

        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ownerKey, authorizationDigest(wallet, orchestrator, 8e18));
        ICreditVault.Charge[] memory charges = _one(
            ICreditVault.Charge({
                payer: wallet,
                authorizedCumulative: 8e18,
                chargeTo: 3e18,
                signature: abi.encodePacked(r, s, v)
            })
        );
        assertEq(_settle(orchestrator, charges), 3e18);
        assertEq(_balanceOf(wallet, orchestrator), 7e18);
        assertEq(vault.channelOf(wallet, orchestrator).charged, 3e18);
        _assertSolvent();
    }

    function test_charge_contractWalletApprovesWithoutSignature_succeeds() public {
        // An empty signature is the wallet's call under ERC-1271: one that approved the digest on-chain
        // accepts it, one that did not refuses it.
        PreApprovingWallet wallet = new PreApprovingWallet();
        vm.deal(carol, 10e18);
        vm.prank(carol);
        vault.depositFor{value: 10e18}(address(wallet), orchestrator);
        ICreditVault.Charge[] memory charges = _one(
            ICreditVault.Charge({
                payer: address(wallet), authorizedCumulative: 4e18, chargeTo: 4e18, signature: ""
            })
        );
        vm.prank(settlement);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICreditVault.InvalidAuthorization.selector, address(wallet), orchestrator, 4e18
            )
        );
        vault.charge(orchestrator, charges);

        wallet.approve(authorizationDigest(address(wallet), orchestrator, 4e18));
        assertEq(_settle(orchestrator, charges), 4e18);
        assertEq(_balanceOf(address(wallet), orchestrator), 6e18);
    }

    function test_charge_contractWalletNotApproving_reverts() public {
        (, uint256 strangerKey) = makeAddrAndKey("stranger");
        address wallet = address(new OwnerSignedWallet(makeAddr("walletOwner")));
        vm.deal(carol, 10e18);
        vm.prank(carol);
        vault.depositFor{value: 10e18}(wallet, orchestrator);
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(strangerKey, authorizationDigest(wallet, orchestrator, 8e18));
        ICreditVault.Charge[] memory charges = _one(
            ICreditVault.Charge({
                payer: wallet,
                authorizedCumulative: 8e18,
                chargeTo: 3e18,
                signature: abi.encodePacked(r, s, v)
            })
        );
        vm.prank(settlement);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.InvalidAuthorization.selector, wallet, orchestrator, 8e18)
        );
        vault.charge(orchestrator, charges);
    }

    function test_charge_payerWithoutIsValidSignature_reverts() public {
        // A contract payer that does not implement ERC-1271: even its deployer's key cannot authorize.
        address payer = address(new RejectingRecipient());
        vm.deal(carol, 10e18);
        vm.prank(carol);
        vault.depositFor{value: 10e18}(payer, orchestrator);
        ICreditVault.Charge[] memory charges = _one(
            ICreditVault.Charge({
                payer: payer,
                authorizedCumulative: 1e18,
                chargeTo: 1e18,
                signature: authorize(payerA, orchestrator, 1e18)
            })
        );
        vm.prank(settlement);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.InvalidAuthorization.selector, payer, orchestrator, 1e18)
        );
        vault.charge(orchestrator, charges);
    }

    function test_charge_malleableSignature_reverts() public {
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(keyOf[payerA], authorizationDigest(payerA, orchestrator, 10e18));
        // The high-s twin recovers the same signer, but OpenZeppelin's ECDSA rejects it.
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        uint8 twinV = v == 27 ? 28 : 27;
        assertEq(ecrecover(authorizationDigest(payerA, orchestrator, 10e18), twinV, r, highS), payerA);
        bytes memory twin = abi.encodePacked(r, highS, twinV);
        ICreditVault.Charge[] memory charges = _one(charge(payerA, 1e18, 10e18, false));
        charges[0].signature = twin;
        vm.prank(settlement);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.InvalidAuthorization.selector, payerA, orchestrator, 10e18)
        );
        vault.charge(orchestrator, charges);
    }

    function test_charge_garbageSignature_reverts() public {
        bytes[4] memory garbage = [
            bytes(""),
            bytes("not a signature"),
            abi.encodePacked(bytes32(uint256(1)), bytes32(uint256(2)), uint8(27)),
            abi.encodePacked(keccak256("r"), keccak256("s")) // 64 bytes (EIP-2098 length)
        ];
        for (uint256 i; i < garbage.length; ++i) {
            ICreditVault.Charge[] memory charges = _one(charge(payerA, 1e18, 10e18, false));
            charges[0].signature = garbage[i];
            vm.prank(settlement);
            vm.expectRevert(
                abi.encodeWithSelector(
                    ICreditVault.InvalidAuthorization.selector, payerA, orchestrator, 10e18
                )
            );
            vault.charge(orchestrator, charges);
        }
    }

    function test_charge_signatureForOtherAmount_reverts() public {
        // Signed 5, claims 10.
        ICreditVault.Charge[] memory charges = _one(charge(payerA, 1e18, 10e18, false));
        charges[0].signature = authorize(payerA, orchestrator, 5e18);
        vm.prank(settlement);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.InvalidAuthorization.selector, payerA, orchestrator, 10e18)
        );
        vault.charge(orchestrator, charges);
    }

    function test_charge_signatureOfOtherPayer_reverts() public {
        // payerB's signature presented for payerA's charge (payerB signed the digest naming payerA).
        ICreditVault.Charge[] memory charges = _one(charge(payerA, 1e18, 10e18, false));
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(keyOf[payerB], authorizationDigest(payerA, orchestrator, 10e18));
        charges[0].signature = abi.encodePacked(r, s, v);
        vm.prank(settlement);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.InvalidAuthorization.selector, payerA, orchestrator, 10e18)
        );
        vault.charge(orchestrator, charges);
    }

    function test_charge_signatureFromOtherChain_reverts() public {
        uint256 chainId = block.chainid;
        vm.chainId(chainId + 1);
        bytes memory signature = authorize(payerA, orchestrator, 10e18);
        vm.chainId(chainId);
        ICreditVault.Charge[] memory charges = _one(charge(payerA, 1e18, 10e18, false));
        charges[0].signature = signature;
        vm.prank(settlement);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.InvalidAuthorization.selector, payerA, orchestrator, 10e18)
        );
        vault.charge(orchestrator, charges);
    }

    function test_charge_exceedsAuthorization_reverts() public {
        ICreditVault.Charge[] memory charges = _one(charge(payerA, 11e18, 10e18, true));
        vm.prank(settlement);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.ChargeExceedsAuthorization.selector, payerA, 11e18, 10e18)
        );
        vault.charge(orchestrator, charges);
    }

    function test_charge_notAdvancing_reverts() public {
        ICreditVault.Charge[] memory zero = _one(charge(payerA, 0, 10e18, true));
        vm.prank(settlement);
        vm.expectRevert(abi.encodeWithSelector(ICreditVault.ChargeNotAdvancing.selector, payerA, 0, 0));
        vault.charge(orchestrator, zero);

        ICreditVault.Charge[] memory first = _one(charge(payerA, 6e18, 10e18, true));
        _settle(orchestrator, first);
        ICreditVault.Charge[] memory again = _one(charge(payerA, 6e18, 10e18, true));
        vm.prank(settlement);
        vm.expectRevert(abi.encodeWithSelector(ICreditVault.ChargeNotAdvancing.selector, payerA, 6e18, 6e18));
        vault.charge(orchestrator, again);
        ICreditVault.Charge[] memory back = _one(charge(payerA, 5e18, 10e18, true));
        vm.prank(settlement);
        vm.expectRevert(abi.encodeWithSelector(ICreditVault.ChargeNotAdvancing.selector, payerA, 5e18, 6e18));
        vault.charge(orchestrator, back);
    }

    function test_charge_insufficientCredit_reverts() public {
        ICreditVault.Charge[] memory charges = _two(
            charge(payerB, 1e18, 1e18, true), charge(payerA, uint128(DEPOSIT + 1), uint128(DEPOSIT + 1), true)
        );
        vm.prank(settlement);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.InsufficientCredit.selector, payerA, DEPOSIT, DEPOSIT + 1)
        );
        vault.charge(orchestrator, charges);
        // The whole batch reverted, payerB's charge included.
        assertEq(_balanceOf(payerB, orchestrator), DEPOSIT);
        assertEq(vault.channelOf(payerB, orchestrator).charged, 0);
    }

    function test_charge_whilePaused_succeeds() public {
        _pause();
        ICreditVault.Charge[] memory charges = _one(charge(payerA, 2e18, 2e18, true));
        assertEq(_settle(orchestrator, charges), 2e18);
        assertEq(_balanceOf(payerA, orchestrator), DEPOSIT - 2e18);
        _assertSolvent();
    }

    // ---------------------------------------------------------------------------------------------
    // refund
    // ---------------------------------------------------------------------------------------------

    function test_refund_creditsChannel_succeeds() public {
        _deposit(payerA, orchestrator2, 1e18);
        ICreditVault.Charge[] memory charges = _one(charge(payerA, 5e18, 5e18, true));
        _settle(orchestrator, charges);
        vm.deal(settlement, 3e18);
        vm.expectEmit(address(vault));
        emit ICreditVault.Refunded(payerA, orchestrator, 3e18);
        vm.prank(settlement);
        vault.refund{value: 3e18}(payerA, orchestrator);

        // Into the channel with the refunding orchestrator; its cumulative charge stays where it was.
        ICreditVault.Channel memory channel = vault.channelOf(payerA, orchestrator);
        assertEq(channel.balance, DEPOSIT - 5e18 + 3e18);
        assertEq(channel.charged, 5e18);
        assertEq(_balanceOf(payerA, orchestrator2), 1e18);
        assertEq(vault.totalBalances(), 2 * DEPOSIT + 1e18 - 5e18 + 3e18);
        _assertSolvent();
    }

    function test_refund_newPayer_succeeds() public {
        vm.deal(settlement, 1e18);
        vm.prank(settlement);
        vault.refund{value: 1e18}(carol, orchestrator);
        assertEq(_balanceOf(carol, orchestrator), 1e18);
        assertEq(_balanceOf(carol, orchestrator2), 0);
        _assertSolvent();
    }

    function test_refund_byOthers_reverts() public {
        address[3] memory callers = [orchestrator, payerA, address(orchestrators)];
        for (uint256 i; i < callers.length; ++i) {
            vm.deal(callers[i], callers[i].balance + 1e18);
            vm.prank(callers[i]);
            vm.expectRevert(abi.encodeWithSelector(ICreditVault.OnlySettlement.selector, callers[i]));
            vault.refund{value: 1e18}(payerA, orchestrator);
        }
    }

    function test_refund_zeroPayer_reverts() public {
        vm.deal(settlement, 1e18);
        vm.prank(settlement);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vault.refund{value: 1e18}(address(0), orchestrator);
    }

    function test_refund_zeroValue_reverts() public {
        vm.prank(settlement);
        vm.expectRevert(ICommon.ZeroAmount.selector);
        vault.refund(payerA, orchestrator);
    }

    function test_refund_channelAbove128Bits_reverts() public {
        uint256 max = type(uint128).max;
        vm.deal(carol, max);
        vm.prank(carol);
        vault.deposit{value: max}(orchestrator);
        vm.deal(settlement, 1);
        vm.prank(settlement);
        vm.expectRevert(abi.encodeWithSelector(ICreditVault.AmountTooLarge.selector, max + 1));
        vault.refund{value: 1}(carol, orchestrator);
    }

    function test_refund_whilePaused_succeeds() public {
        _pause();
        vm.deal(settlement, 1e18);
        vm.prank(settlement);
        vault.refund{value: 1e18}(payerA, orchestrator);
        assertEq(_balanceOf(payerA, orchestrator), DEPOSIT + 1e18);
        _assertSolvent();
    }

    // ---------------------------------------------------------------------------------------------
    // pause
    // ---------------------------------------------------------------------------------------------

    function test_pause_byNonGuardian_reverts() public {
        bytes32 role = vault.GUARDIAN_ROLE();
        vm.prank(admin);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, role)
        );
        vault.pause();
    }

    function test_deposit_whilePaused_reverts() public {
        _pause();
        vm.deal(carol, 1e18);
        vm.prank(carol);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vault.deposit{value: 1e18}(orchestrator);
    }

    function test_depositFor_whilePaused_reverts() public {
        _pause();
        vm.deal(carol, 1e18);
        vm.prank(carol);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vault.depositFor{value: 1e18}(payerA, orchestrator);
    }

    function test_requestWithdrawal_whilePaused_reverts() public {
        _pause();
        vm.prank(payerA);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vault.requestWithdrawal(orchestrator, 1e18);
    }

    function test_withdraw_whilePaused_reverts() public {
        _request(payerA, orchestrator, 10e18);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        _pause();
        vm.prank(payerA);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vault.withdraw(orchestrator, payerA);

        // Charges go on while paused; after unpausing the payer withdraws what is left of its request.
        ICreditVault.Charge[] memory charges = _one(charge(payerA, 95e18, 95e18, true));
        _settle(orchestrator, charges);
        vm.prank(guardian);
        vault.unpause();
        vm.prank(payerA);
        assertEq(vault.withdraw(orchestrator, payerA), 5e18);
        _assertSolvent();
    }

    // ---------------------------------------------------------------------------------------------
    // Fuzz
    // ---------------------------------------------------------------------------------------------

    /// @dev Deposits (own or on behalf) into channels with two orchestrators, one signed charge within the
    ///      charged channel's balance, a refund and a withdrawal of the rest: the vault's native balance
    ///      tracks totalBalances, which is the sum of the channel balances, and the channels the charge
    ///      did not name keep their balances.
    function testFuzz_depositsAndCharge_balanceEqualsTotalBalances_succeeds(
        uint96[6] memory amounts,
        bool[6] memory onBehalf,
        bool[6] memory toSecond,
        uint256 chargedIndex,
        uint256 chargeSeed,
        uint96 refundAmount
    ) public {
        address[] memory fuzzPayers = new address[](amounts.length);
        uint256 expectedTotal = vault.totalBalances();
        for (uint256 i; i < amounts.length; ++i) {
            (address payer, uint256 key) = makeAddrAndKey(string.concat("fuzzPayer", vm.toString(i)));
            fuzzPayers[i] = payer;
            keyOf[payer] = key;
            uint256 amount = bound(amounts[i], 1, 1e27);
            // Every payer has a channel with orchestrator; some also one with orchestrator2.
            address target = toSecond[i] ? orchestrator2 : orchestrator;
            if (onBehalf[i]) {
                vm.deal(carol, amount);
                vm.prank(carol);
                vault.depositFor{value: amount}(payer, target);
            } else {
                _deposit(payer, target, amount);
            }
            if (toSecond[i]) _deposit(payer, orchestrator, amount);
            expectedTotal += toSecond[i] ? 2 * amount : amount;
            assertEq(vault.totalBalances(), expectedTotal);
            _assertSolvent();
        }
        assertEq(_sumOfChannels(fuzzPayers), vault.totalBalances());

        address charged = fuzzPayers[bound(chargedIndex, 0, fuzzPayers.length - 1)];
        uint256 balance = _balanceOf(charged, orchestrator);
        uint256 otherBalance = _balanceOf(charged, orchestrator2);
        uint128 chargeTo = uint128(bound(chargeSeed, 1, balance));
        ICreditVault.Charge[] memory charges = _one(charge(charged, chargeTo, chargeTo, true));
        assertEq(_settle(orchestrator, charges), chargeTo);
        expectedTotal -= chargeTo;
        assertEq(vault.totalBalances(), expectedTotal);
        assertEq(_balanceOf(charged, orchestrator), balance - chargeTo);
        assertEq(_balanceOf(charged, orchestrator2), otherBalance);
        assertEq(_sumOfChannels(fuzzPayers), vault.totalBalances());
        _assertSolvent();

        uint256 refunded = bound(refundAmount, 1, 1e24);
        vm.deal(settlement, refunded);
        vm.prank(settlement);
        vault.refund{value: refunded}(charged, orchestrator);
        expectedTotal += refunded;
        assertEq(_balanceOf(charged, orchestrator), balance - chargeTo + refunded);
        _assertSolvent();

        uint256 rest = _balanceOf(charged, orchestrator);
        _request(charged, orchestrator, rest);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        vm.prank(charged);
        assertEq(vault.withdraw(orchestrator, charged), rest);
        expectedTotal -= rest;
        assertEq(vault.totalBalances(), expectedTotal);
        assertEq(_balanceOf(charged, orchestrator), 0);
        assertEq(_balanceOf(charged, orchestrator2), otherBalance);
        assertEq(_sumOfChannels(fuzzPayers), vault.totalBalances());
        _assertSolvent();
    }

    /// @dev Σ channel balances over the setUp payers and `list`, with both orchestrators.
    function _sumOfChannels(address[] memory list) internal view returns (uint256 sum) {
        for (uint256 i; i < payers.length; ++i) {
            sum += _balanceOf(payers[i], orchestrator) + _balanceOf(payers[i], orchestrator2);
        }
        for (uint256 i; i < list.length; ++i) {
            sum += _balanceOf(list[i], orchestrator) + _balanceOf(list[i], orchestrator2);
        }
    }
}
