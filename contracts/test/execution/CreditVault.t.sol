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

/// @dev Accepts no native CR8.
contract RejectingRecipient {}

/// @dev A payer contract whose receive hook tries to withdraw again, and records how that attempt failed.
contract ReentrantPayer {
    CreditVault internal immutable vault;
    bytes public reentryError;
    uint256 public received;

    constructor(CreditVault vault_) {
        vault = vault_;
    }

    function deposit() external payable {
        vault.deposit{value: msg.value}();
    }

    function requestWithdrawal(uint256 amount) external {
        vault.requestWithdrawal(amount);
    }

    function withdraw() external returns (uint256) {
        return vault.withdraw(address(this));
    }

    receive() external payable {
        received += msg.value;
        try vault.withdraw(address(this)) {}
        catch (bytes memory reason) {
            reentryError = reason;
        }
    }
}

/// @notice CreditVault: deposits, delayed withdrawals, charges only as far as each payer signed (EOAs and
///         ERC-1271 wallets), refunds, pausing, initialization and the EIP-712 domain.
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

    /// @dev Charges as the settlement contract (the receipts proxy), as `postBatch` does.
    function _settle(address orchestrator_, ICreditVault.Charge[] memory charges) internal returns (uint256) {
        vm.prank(settlement);
        return vault.charge(orchestrator_, charges);
    }

    function _request(address payer, uint256 amount) internal {
        vm.prank(payer);
        vault.requestWithdrawal(amount);
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

    /// @dev The namespaced storage constant matches its ERC-7201 formula, and the layout is the one
    ///      the interface describes: accounts, then channels, then totalBalances.
    function test_storageLocation_matchesErc7201_succeeds() public {
        ICreditVault.Charge[] memory charges = _one(charge(payerA, 6e18, 20e18, true));
        _settle(orchestrator, charges);
        _request(payerA, 10e18);
        bytes32 base = keccak256(abi.encode(uint256(keccak256("cr8.storage.CreditVault")) - 1))
            & ~bytes32(uint256(0xff));
        assertEq(base, 0x3ce5e75b1662298ef24aa99ea185ded434ae3b674841ea36117030a21d655b00);
        // Slot 0: accounts[payerA] = {balance | withdrawalAmount << 128}, {withdrawableAt}.
        bytes32 account = keccak256(abi.encode(payerA, uint256(base)));
        assertEq(uint256(vm.load(address(vault), account)), (uint256(10e18) << 128) | (DEPOSIT - 6e18));
        assertEq(
            uint256(vm.load(address(vault), bytes32(uint256(account) + 1))),
            block.timestamp + WITHDRAWAL_DELAY
        );
        // Slot 1: channels[payerA][orchestrator] = {authorized | charged << 128}.
        bytes32 channel =
            keccak256(abi.encode(orchestrator, keccak256(abi.encode(payerA, uint256(base) + 1))));
        assertEq(uint256(vm.load(address(vault), channel)), (uint256(6e18) << 128) | 20e18);
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

    function test_deposit_creditsCallerAndEmits_succeeds() public {
        uint256 total = vault.totalBalances();
        vm.expectEmit(address(vault));
        emit ICreditVault.Deposited(carol, carol, 5e18);
        vm.prank(carol);
        vault.deposit{value: 5e18}();

        ICreditVault.Account memory account = vault.accountOf(carol);
        assertEq(account.balance, 5e18);
        assertEq(account.withdrawalAmount, 0);
        assertEq(account.withdrawableAt, 0);
        assertEq(vault.totalBalances(), total + 5e18);
        _assertSolvent();
    }

    function test_deposit_accumulates_succeeds() public {
        vm.deal(payerA, 3e18);
        vm.prank(payerA);
        vault.deposit{value: 1e18}();
        vm.prank(payerA);
        vault.deposit{value: 2e18}();
        assertEq(vault.accountOf(payerA).balance, DEPOSIT + 3e18);
        assertEq(vault.totalBalances(), 2 * DEPOSIT + 3e18);
        _assertSolvent();
    }

    function test_deposit_zeroAmount_reverts() public {
        vm.prank(carol);
        vm.expectRevert(ICommon.ZeroAmount.selector);
        vault.deposit();
    }

    function test_deposit_balanceAbove128Bits_reverts() public {
        uint256 max = type(uint128).max;
        vm.deal(carol, max + 1);
        vm.prank(carol);
        vault.deposit{value: max}();
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(ICreditVault.AmountTooLarge.selector, max + 1));
        vault.deposit{value: 1}();
    }

    function test_depositFor_creditsPayerAndEmits_succeeds() public {
        uint256 total = vault.totalBalances();
        vm.expectEmit(address(vault));
        emit ICreditVault.Deposited(payerA, carol, 4e18);
        vm.prank(carol);
        vault.depositFor{value: 4e18}(payerA);

        assertEq(vault.accountOf(payerA).balance, DEPOSIT + 4e18);
        assertEq(vault.accountOf(carol).balance, 0);
        assertEq(vault.totalBalances(), total + 4e18);
        _assertSolvent();
    }

    function test_depositFor_zeroAddress_reverts() public {
        vm.prank(carol);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vault.depositFor{value: 1e18}(address(0));
    }

    function test_depositFor_zeroAmount_reverts() public {
        vm.prank(carol);
        vm.expectRevert(ICommon.ZeroAmount.selector);
        vault.depositFor(payerA);
    }

    // ---------------------------------------------------------------------------------------------
    // requestWithdrawal
    // ---------------------------------------------------------------------------------------------

    function test_requestWithdrawal_recordsAndEmits_succeeds() public {
        uint64 withdrawableAt = uint64(block.timestamp) + WITHDRAWAL_DELAY;
        vm.expectEmit(address(vault));
        emit ICreditVault.WithdrawalRequested(payerA, 40e18, withdrawableAt);
        vm.prank(payerA);
        vault.requestWithdrawal(40e18);

        ICreditVault.Account memory account = vault.accountOf(payerA);
        assertEq(account.balance, DEPOSIT); // still chargeable until withdrawn
        assertEq(account.withdrawalAmount, 40e18);
        assertEq(account.withdrawableAt, withdrawableAt);
        assertEq(vault.totalBalances(), 2 * DEPOSIT);
    }

    function test_requestWithdrawal_wholeBalance_succeeds() public {
        _request(payerA, DEPOSIT);
        assertEq(vault.accountOf(payerA).withdrawalAmount, DEPOSIT);
    }

    function test_requestWithdrawal_replacesEarlierRequest_succeeds() public {
        _request(payerA, 10e18);
        vm.warp(block.timestamp + 12 hours);
        uint64 withdrawableAt = uint64(block.timestamp) + WITHDRAWAL_DELAY;
        vm.expectEmit(address(vault));
        emit ICreditVault.WithdrawalRequested(payerA, 20e18, withdrawableAt);
        _request(payerA, 20e18);
        ICreditVault.Account memory account = vault.accountOf(payerA);
        assertEq(account.withdrawalAmount, 20e18);
        assertEq(account.withdrawableAt, withdrawableAt); // the delay starts again
    }

    function test_requestWithdrawal_moreThanBalance_reverts() public {
        vm.prank(payerA);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.InsufficientCredit.selector, payerA, DEPOSIT, DEPOSIT + 1)
        );
        vault.requestWithdrawal(DEPOSIT + 1);
    }

    function test_requestWithdrawal_withoutDeposit_reverts() public {
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(ICreditVault.InsufficientCredit.selector, carol, 0, 1));
        vault.requestWithdrawal(1);
    }

    function test_requestWithdrawal_zero_reverts() public {
        vm.prank(payerA);
        vm.expectRevert(ICommon.ZeroAmount.selector);
        vault.requestWithdrawal(0);
    }

    function test_requestWithdrawal_above128Bits_reverts() public {
        uint256 amount = uint256(type(uint128).max) + 1;
        vm.prank(payerA);
        vm.expectRevert(abi.encodeWithSelector(ICreditVault.AmountTooLarge.selector, amount));
        vault.requestWithdrawal(amount);
    }

    // ---------------------------------------------------------------------------------------------
    // withdraw
    // ---------------------------------------------------------------------------------------------

    function test_withdraw_withoutRequest_reverts() public {
        vm.prank(payerA);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.WithdrawalNotReady.selector, payerA, 0, block.timestamp)
        );
        vault.withdraw(payerA);
    }

    function test_withdraw_beforeDelay_reverts() public {
        _request(payerA, 40e18);
        uint64 withdrawableAt = uint64(block.timestamp) + WITHDRAWAL_DELAY;
        vm.warp(withdrawableAt - 1);
        vm.prank(payerA);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICreditVault.WithdrawalNotReady.selector, payerA, withdrawableAt, withdrawableAt - 1
            )
        );
        vault.withdraw(payerA);
    }

    function test_withdraw_afterDelay_paysAndEmits_succeeds() public {
        _request(payerA, 40e18);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY); // exactly at withdrawableAt
        uint256 bobBefore = bob.balance;
        uint256 payerBefore = payerA.balance;

        vm.expectEmit(address(vault));
        emit ICreditVault.Withdrawn(payerA, bob, 40e18);
        vm.prank(payerA);
        uint256 paid = vault.withdraw(bob);

        assertEq(paid, 40e18);
        assertEq(bob.balance - bobBefore, 40e18);
        assertEq(payerA.balance, payerBefore);
        ICreditVault.Account memory account = vault.accountOf(payerA);
        assertEq(account.balance, DEPOSIT - 40e18);
        assertEq(account.withdrawalAmount, 0);
        assertEq(account.withdrawableAt, 0);
        assertEq(vault.totalBalances(), 2 * DEPOSIT - 40e18);
        _assertSolvent();
    }

    function test_withdraw_chargedDuringDelay_paysOnlyTheRest_succeeds() public {
        _request(payerA, DEPOSIT);
        ICreditVault.Charge[] memory charges = _one(charge(payerA, 30e18, 30e18, true));
        _settle(orchestrator, charges);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        uint256 before = payerA.balance;

        vm.expectEmit(address(vault));
        emit ICreditVault.Withdrawn(payerA, payerA, DEPOSIT - 30e18);
        vm.prank(payerA);
        uint256 paid = vault.withdraw(payerA);

        assertEq(paid, DEPOSIT - 30e18);
        assertEq(payerA.balance - before, DEPOSIT - 30e18);
        assertEq(vault.accountOf(payerA).balance, 0);
        assertEq(vault.totalBalances(), DEPOSIT);
        _assertSolvent();
    }

    function test_withdraw_chargedBelowRequestButAbove_paysRequest_succeeds() public {
        // A charge that leaves more than requested does not reduce the withdrawal.
        _request(payerA, 50e18);
        ICreditVault.Charge[] memory charges = _one(charge(payerA, 30e18, 30e18, true));
        _settle(orchestrator, charges);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        vm.prank(payerA);
        assertEq(vault.withdraw(payerA), 50e18);
        assertEq(vault.accountOf(payerA).balance, DEPOSIT - 80e18);
        _assertSolvent();
    }

    function test_withdraw_chargedToZero_paysNothing_succeeds() public {
        _request(payerA, 10e18);
        ICreditVault.Charge[] memory charges = _one(charge(payerA, uint128(DEPOSIT), uint128(DEPOSIT), true));
        _settle(orchestrator, charges);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        uint256 before = payerA.balance;

        vm.expectEmit(address(vault));
        emit ICreditVault.Withdrawn(payerA, payerA, 0);
        vm.prank(payerA);
        assertEq(vault.withdraw(payerA), 0);
        assertEq(payerA.balance, before);
        // The request is used up: another withdraw needs another request.
        assertEq(vault.accountOf(payerA).withdrawalAmount, 0);
        _assertSolvent();
    }

    function test_withdraw_twice_reverts() public {
        _request(payerA, 10e18);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        vm.prank(payerA);
        vault.withdraw(payerA);
        vm.prank(payerA);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.WithdrawalNotReady.selector, payerA, 0, block.timestamp)
        );
        vault.withdraw(payerA);
    }

    function test_withdraw_zeroRecipient_reverts() public {
        _request(payerA, 10e18);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        vm.prank(payerA);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vault.withdraw(address(0));
    }

    function test_withdraw_recipientRejects_reverts() public {
        address rejecting = address(new RejectingRecipient());
        _request(payerA, 10e18);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        vm.prank(payerA);
        vm.expectRevert(abi.encodeWithSelector(ICommon.NativeTransferFailed.selector, rejecting, 10e18));
        vault.withdraw(rejecting);
        // Nothing changed: the request still stands.
        assertEq(vault.accountOf(payerA).withdrawalAmount, 10e18);
        assertEq(vault.accountOf(payerA).balance, DEPOSIT);
    }

    function test_withdraw_reentrantWithdraw_reverts() public {
        ReentrantPayer payer = new ReentrantPayer(vault);
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
        assertEq(vault.accountOf(address(payer)).balance, 6e18);
        _assertSolvent();
    }

    // ---------------------------------------------------------------------------------------------
    // charge
    // ---------------------------------------------------------------------------------------------

    function test_charge_debitsPayersAndPaysSettlement_succeeds() public {
        ICreditVault.Charge[] memory charges =
            _two(charge(payerA, 6e18, 20e18, true), charge(payerB, 4e18, 4e18, true));
        uint256 settlementBefore = settlement.balance;

        vm.expectEmit(address(vault));
        emit ICreditVault.Charged(payerA, 6e18, 6e18);
        vm.expectEmit(address(vault));
        emit ICreditVault.Charged(payerB, 4e18, 4e18);
        uint256 total = _settle(orchestrator, charges);

        assertEq(total, 10e18);
        assertEq(settlement.balance - settlementBefore, 10e18);
        assertEq(vault.accountOf(payerA).balance, DEPOSIT - 6e18);
        assertEq(vault.accountOf(payerB).balance, DEPOSIT - 4e18);
        ICreditVault.Channel memory channel = vault.channelOf(payerA, orchestrator);
        assertEq(channel.authorized, 20e18);
        assertEq(channel.charged, 6e18);
        channel = vault.channelOf(payerB, orchestrator);
        assertEq(channel.authorized, 4e18);
        assertEq(channel.charged, 4e18);
        assertEq(vault.totalBalances(), 2 * DEPOSIT - 10e18);
        _assertSolvent();
    }

    function test_charge_withinStoredAuthorization_needsNoSignature_succeeds() public {
        ICreditVault.Charge[] memory first = _one(charge(payerA, 6e18, 20e18, true));
        _settle(orchestrator, first);
        ICreditVault.Charge[] memory second = _one(charge(payerA, 20e18, 0, false));
        vm.expectEmit(address(vault));
        emit ICreditVault.Charged(payerA, 14e18, 20e18);
        assertEq(_settle(orchestrator, second), 14e18);
        assertEq(vault.channelOf(payerA, orchestrator).charged, 20e18);
        assertEq(vault.channelOf(payerA, orchestrator).authorized, 20e18);
        _assertSolvent();
    }

    function test_charge_raisedAuthorization_succeeds() public {
        ICreditVault.Charge[] memory first = _one(charge(payerA, 6e18, 10e18, true));
        _settle(orchestrator, first);
        ICreditVault.Charge[] memory second = _one(charge(payerA, 15e18, 30e18, true));
        assertEq(_settle(orchestrator, second), 9e18);
        assertEq(vault.channelOf(payerA, orchestrator).authorized, 30e18);
        assertEq(vault.channelOf(payerA, orchestrator).charged, 15e18);
    }

    function test_charge_samePayerTwiceInBatch_succeeds() public {
        ICreditVault.Charge[] memory charges =
            _two(charge(payerA, 3e18, 10e18, true), charge(payerA, 5e18, 0, false));
        vm.expectEmit(address(vault));
        emit ICreditVault.Charged(payerA, 3e18, 3e18);
        vm.expectEmit(address(vault));
        emit ICreditVault.Charged(payerA, 2e18, 5e18);
        assertEq(_settle(orchestrator, charges), 5e18);
        assertEq(vault.accountOf(payerA).balance, DEPOSIT - 5e18);
    }

    function test_charge_emptyBatch_returnsZero_succeeds() public {
        ICreditVault.Charge[] memory charges = new ICreditVault.Charge[](0);
        uint256 before = settlement.balance;
        assertEq(_settle(orchestrator, charges), 0);
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
        ICreditVault.Charge[] memory first = _one(chargeFor(orchestrator, payerA, 7e18, 10e18, true));
        ICreditVault.Charge[] memory second = _one(chargeFor(orchestrator2, payerA, 5e18, 5e18, true));
        _settle(orchestrator, first);
        vm.expectEmit(address(vault));
        emit ICreditVault.Charged(payerA, 5e18, 5e18);
        _settle(orchestrator2, second);

        ICreditVault.Channel memory one = vault.channelOf(payerA, orchestrator);
        ICreditVault.Channel memory two = vault.channelOf(payerA, orchestrator2);
        assertEq(one.authorized, 10e18);
        assertEq(one.charged, 7e18);
        assertEq(two.authorized, 5e18);
        assertEq(two.charged, 5e18);
        assertEq(vault.accountOf(payerA).balance, DEPOSIT - 12e18);

        // orchestrator's authorization is not orchestrator2's: it cannot go past its own 5 without one.
        ICreditVault.Charge[] memory beyond = _one(chargeFor(orchestrator2, payerA, 8e18, 10e18, false));
        beyond[0].signature = authorize(payerA, orchestrator, 10e18);
        vm.prank(settlement);
        vm.expectRevert(
            abi.encodeWithSelector(ICreditVault.InvalidAuthorization.selector, payerA, orchestrator2, 10e18)
        );
        vault.charge(orchestrator2, beyond);

        // ...while orchestrator still charges up to its 10 without a new signature.
        ICreditVault.Charge[] memory rest = _one(chargeFor(orchestrator, payerA, 10e18, 0, false));
        assertEq(_settle(orchestrator, rest), 3e18);
        assertEq(vault.channelOf(payerA, orchestrator2).charged, 5e18);
        _assertSolvent();
    }

    function test_charge_contractWallet_succeeds() public {
        (address owner, uint256 ownerKey) = makeAddrAndKey("walletOwner");
        address wallet = address(new OwnerSignedWallet(owner));
        vm.prank(carol);
        vault.depositFor{value: 10e18}(wallet);

        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ownerKey, authorizationDigest(wallet, orchestrator, 8e18));
        ICreditVault.Charge[] memory charges = _one(
            ICreditVault.Charge({
                payer: wallet,
                authorizedCumulative: 8e18,
                chargeTo: 3e18,
                signature: abi.encodePacked(r, s, v)
            })
        );
        vm.expectEmit(address(vault));
        emit ICreditVault.Charged(wallet, 3e18, 3e18);
        assertEq(_settle(orchestrator, charges), 3e18);
        assertEq(vault.accountOf(wallet).balance, 7e18);
        assertEq(vault.channelOf(wallet, orchestrator).authorized, 8e18);
        _assertSolvent();
    }

    function test_charge_contractWalletNotApproving_reverts() public {
        (, uint256 strangerKey) = makeAddrAndKey("stranger");
        address wallet = address(new OwnerSignedWallet(makeAddr("walletOwner")));
        vm.prank(carol);
        vault.depositFor{value: 10e18}(wallet);
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
        vm.prank(carol);
        vault.depositFor{value: 10e18}(payer);
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
        assertEq(vault.accountOf(payerB).balance, DEPOSIT);
        assertEq(vault.channelOf(payerB, orchestrator).authorized, 0);
    }

    function test_charge_whilePaused_succeeds() public {
        _pause();
        ICreditVault.Charge[] memory charges = _one(charge(payerA, 2e18, 2e18, true));
        assertEq(_settle(orchestrator, charges), 2e18);
        assertEq(vault.accountOf(payerA).balance, DEPOSIT - 2e18);
        _assertSolvent();
    }

    // ---------------------------------------------------------------------------------------------
    // refund
    // ---------------------------------------------------------------------------------------------

    function test_refund_creditsPayer_succeeds() public {
        vm.deal(settlement, 3e18);
        vm.expectEmit(address(vault));
        emit ICreditVault.Refunded(payerA, 3e18);
        vm.prank(settlement);
        vault.refund{value: 3e18}(payerA);
        assertEq(vault.accountOf(payerA).balance, DEPOSIT + 3e18);
        assertEq(vault.totalBalances(), 2 * DEPOSIT + 3e18);
        _assertSolvent();
    }

    function test_refund_newPayer_succeeds() public {
        vm.deal(settlement, 1e18);
        vm.prank(settlement);
        vault.refund{value: 1e18}(carol);
        assertEq(vault.accountOf(carol).balance, 1e18);
        _assertSolvent();
    }

    function test_refund_byOthers_reverts() public {
        address[3] memory callers = [orchestrator, payerA, address(orchestrators)];
        for (uint256 i; i < callers.length; ++i) {
            vm.deal(callers[i], callers[i].balance + 1e18);
            vm.prank(callers[i]);
            vm.expectRevert(abi.encodeWithSelector(ICreditVault.OnlySettlement.selector, callers[i]));
            vault.refund{value: 1e18}(payerA);
        }
    }

    function test_refund_zeroPayer_reverts() public {
        vm.deal(settlement, 1e18);
        vm.prank(settlement);
        vm.expectRevert(ICommon.ZeroAddress.selector);
        vault.refund{value: 1e18}(address(0));
    }

    function test_refund_zeroValue_reverts() public {
        vm.prank(settlement);
        vm.expectRevert(ICommon.ZeroAmount.selector);
        vault.refund(payerA);
    }

    function test_refund_whilePaused_succeeds() public {
        _pause();
        vm.deal(settlement, 1e18);
        vm.prank(settlement);
        vault.refund{value: 1e18}(payerA);
        assertEq(vault.accountOf(payerA).balance, DEPOSIT + 1e18);
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
        vm.prank(carol);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vault.deposit{value: 1e18}();
    }

    function test_depositFor_whilePaused_reverts() public {
        _pause();
        vm.prank(carol);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vault.depositFor{value: 1e18}(payerA);
    }

    function test_requestWithdrawal_whilePaused_reverts() public {
        _pause();
        vm.prank(payerA);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vault.requestWithdrawal(1e18);
    }

    function test_withdraw_whilePaused_reverts() public {
        _request(payerA, 10e18);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        _pause();
        vm.prank(payerA);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vault.withdraw(payerA);

        // Charges go on while paused; after unpausing the payer withdraws what is left of its request.
        ICreditVault.Charge[] memory charges = _one(charge(payerA, 95e18, 95e18, true));
        _settle(orchestrator, charges);
        vm.prank(guardian);
        vault.unpause();
        vm.prank(payerA);
        assertEq(vault.withdraw(payerA), 5e18);
        _assertSolvent();
    }

    // ---------------------------------------------------------------------------------------------
    // Fuzz
    // ---------------------------------------------------------------------------------------------

    /// @dev Deposits (own or on behalf), one signed charge within the charged payer's balance, a refund
    ///      and a withdrawal of the rest: the vault's native balance tracks totalBalances throughout.
    function testFuzz_depositsAndCharge_balanceEqualsTotalBalances_succeeds(
        uint96[6] memory amounts,
        bool[6] memory onBehalf,
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
            if (onBehalf[i]) {
                vm.deal(carol, amount);
                vm.prank(carol);
                vault.depositFor{value: amount}(payer);
            } else {
                vm.deal(payer, amount);
                vm.prank(payer);
                vault.deposit{value: amount}();
            }
            expectedTotal += amount;
            assertEq(vault.totalBalances(), expectedTotal);
            _assertSolvent();
        }

        address charged = fuzzPayers[bound(chargedIndex, 0, fuzzPayers.length - 1)];
        uint256 balance = vault.accountOf(charged).balance;
        uint128 chargeTo = uint128(bound(chargeSeed, 1, balance));
        ICreditVault.Charge[] memory charges = _one(charge(charged, chargeTo, chargeTo, true));
        assertEq(_settle(orchestrator, charges), chargeTo);
        expectedTotal -= chargeTo;
        assertEq(vault.totalBalances(), expectedTotal);
        assertEq(vault.accountOf(charged).balance, balance - chargeTo);
        _assertSolvent();

        uint256 refunded = bound(refundAmount, 1, 1e24);
        vm.deal(settlement, refunded);
        vm.prank(settlement);
        vault.refund{value: refunded}(charged);
        expectedTotal += refunded;
        _assertSolvent();

        uint256 rest = vault.accountOf(charged).balance;
        _request(charged, rest);
        vm.warp(block.timestamp + WITHDRAWAL_DELAY);
        vm.prank(charged);
        assertEq(vault.withdraw(charged), rest);
        expectedTotal -= rest;
        assertEq(vault.totalBalances(), expectedTotal);
        assertEq(vault.accountOf(charged).balance, 0);
        _assertSolvent();
    }
}
