// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICR8Token} from "../../src/interfaces/ICR8Token.sol";
import {ICommon} from "../../src/interfaces/ICommon.sol";
import {CR8Token} from "../../src/token/CR8Token.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {Test} from "forge-std/Test.sol";

/// @notice CR8Token: ERC-20 + permit + votes + cap + minter role.
contract CR8TokenTest is Test {
    uint256 internal constant CAP = 1_000_000_000e18;
    uint256 internal constant INITIAL_SUPPLY = 400_000_000e18;

    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
    bytes32 internal constant DELEGATION_TYPEHASH =
        keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)");
    bytes32 internal constant EIP712_DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    address internal admin = makeAddr("admin");
    address internal minter = makeAddr("minter");
    address internal holder = makeAddr("holder");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal signer;
    uint256 internal signerKey;

    CR8Token internal token;
    bytes32 internal minterRole;

    function setUp() public {
        (signer, signerKey) = makeAddrAndKey("signer");
        token = new CR8Token(admin, CAP, holder, INITIAL_SUPPLY);
        minterRole = token.MINTER_ROLE();
        vm.prank(admin);
        token.grantRole(minterRole, minter);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    function _domainSeparator(address verifyingContract) internal view returns (bytes32) {
        return keccak256(
            abi.encode(
                EIP712_DOMAIN_TYPEHASH, keccak256("CR8"), keccak256("1"), block.chainid, verifyingContract
            )
        );
    }

    function _digest(bytes32 structHash) internal view returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", _domainSeparator(address(token)), structHash));
    }

    function _signPermit(
        uint256 key,
        address owner,
        address spender,
        uint256 value,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        return vm.sign(
            key, _digest(keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline)))
        );
    }

    function _signDelegation(uint256 key, address delegatee, uint256 nonce, uint256 expiry)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        return vm.sign(key, _digest(keccak256(abi.encode(DELEGATION_TYPEHASH, delegatee, nonce, expiry))));
    }

    // ---------------------------------------------------------------------------------------------
    // constructor
    // ---------------------------------------------------------------------------------------------

    function test_constructor_setsMetadataCapAndInitialSupply_succeeds() public view {
        assertEq(token.name(), "CR8");
        assertEq(token.symbol(), "CR8");
        assertEq(token.decimals(), 18);
        assertEq(token.cap(), CAP);
        assertEq(token.totalSupply(), INITIAL_SUPPLY);
        assertEq(token.balanceOf(holder), INITIAL_SUPPLY);
    }

    function test_constructor_grantsAdminRoleOnly_succeeds() public {
        CR8Token fresh = new CR8Token(admin, CAP, holder, 1);
        assertTrue(fresh.hasRole(fresh.DEFAULT_ADMIN_ROLE(), admin));
        assertFalse(fresh.hasRole(fresh.MINTER_ROLE(), admin));
        assertEq(fresh.getRoleAdmin(fresh.MINTER_ROLE()), fresh.DEFAULT_ADMIN_ROLE());
        assertEq(fresh.MINTER_ROLE(), keccak256("cr8.role.minter"));
    }

    function test_constructor_zeroInitialSupply_succeeds() public {
        vm.recordLogs();
        CR8Token fresh = new CR8Token(admin, CAP, address(0), 0);
        assertEq(fresh.totalSupply(), 0);
        // No Transfer was emitted: only the RoleGranted of the admin.
        assertEq(vm.getRecordedLogs().length, 1);
    }

    function test_constructor_initialSupplyAtCap_succeeds() public {
        CR8Token fresh = new CR8Token(admin, CAP, holder, CAP);
        assertEq(fresh.totalSupply(), CAP);
        assertEq(fresh.balanceOf(holder), CAP);
    }

    function test_constructor_emitsTransferFromZero_succeeds() public {
        vm.expectEmit(true, true, false, true);
        emit IERC20.Transfer(address(0), holder, 7e18);
        new CR8Token(admin, CAP, holder, 7e18);
    }

    function test_constructor_zeroCap_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ERC20Capped.ERC20InvalidCap.selector, 0));
        new CR8Token(admin, 0, holder, 0);
    }

    function test_constructor_initialSupplyAboveCap_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ERC20Capped.ERC20ExceededCap.selector, CAP + 1, CAP));
        new CR8Token(admin, CAP, holder, CAP + 1);
    }

    function test_constructor_zeroInitialHolderWithSupply_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        new CR8Token(admin, CAP, address(0), 1);
    }

    // ---------------------------------------------------------------------------------------------
    // mint
    // ---------------------------------------------------------------------------------------------

    function test_mint_byMinter_succeeds() public {
        vm.expectEmit(true, true, false, true, address(token));
        emit IERC20.Transfer(address(0), bob, 5e18);
        vm.prank(minter);
        token.mint(bob, 5e18);
        assertEq(token.balanceOf(bob), 5e18);
        assertEq(token.totalSupply(), INITIAL_SUPPLY + 5e18);
    }

    function test_mint_upToExactlyCap_succeeds() public {
        uint256 room = CAP - token.totalSupply();
        vm.prank(minter);
        token.mint(bob, room);
        assertEq(token.totalSupply(), CAP);
    }

    function test_mint_aboveCap_reverts() public {
        uint256 room = CAP - token.totalSupply();
        vm.expectRevert(abi.encodeWithSelector(ERC20Capped.ERC20ExceededCap.selector, CAP + 1, CAP));
        vm.prank(minter);
        token.mint(bob, room + 1);
    }

    function test_mint_atCapThenOneMore_reverts() public {
        vm.startPrank(minter);
        token.mint(bob, CAP - token.totalSupply());
        vm.expectRevert(abi.encodeWithSelector(ERC20Capped.ERC20ExceededCap.selector, CAP + 1, CAP));
        token.mint(bob, 1);
        vm.stopPrank();
    }

    function test_mint_notMinter_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, minterRole)
        );
        vm.prank(bob);
        token.mint(bob, 1);
    }

    function test_mint_adminWithoutMinterRole_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, admin, minterRole
            )
        );
        vm.prank(admin);
        token.mint(admin, 1);
    }

    function test_mint_afterRoleRevoked_reverts() public {
        vm.prank(admin);
        token.revokeRole(minterRole, minter);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, minter, minterRole
            )
        );
        vm.prank(minter);
        token.mint(bob, 1);
    }

    function test_mint_toZeroAddress_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        vm.prank(minter);
        token.mint(address(0), 1);
    }

    function test_constructor_capAboveVotesLimit_reverts() public {
        // ERC20Votes cannot checkpoint more than 2**208 - 1, so a larger cap would silently not be the cap.
        vm.expectRevert(
            abi.encodeWithSelector(
                ICR8Token.InvalidCap.selector, uint256(type(uint208).max) + 1, type(uint208).max
            )
        );
        new CR8Token(admin, uint256(type(uint208).max) + 1, holder, 0);
    }

    function test_constructor_zeroAdmin_reverts() public {
        // No admin means no minter could ever be added.
        vm.expectRevert(abi.encodeWithSelector(ICommon.ZeroAddress.selector));
        new CR8Token(address(0), CAP, holder, 0);
    }

    function test_mint_atVotesLimitCap_reverts() public {
        // At the largest allowed cap, the cap and the votes ceiling coincide (ERC20Votes checks first).
        CR8Token full = new CR8Token(admin, type(uint208).max, holder, type(uint208).max);
        vm.startPrank(admin);
        full.grantRole(minterRole, admin);
        vm.expectRevert(
            abi.encodeWithSelector(
                ERC20Votes.ERC20ExceededSafeSupply.selector, uint256(type(uint208).max) + 1, type(uint208).max
            )
        );
        full.mint(bob, 1);
        vm.stopPrank();
    }

    function testFuzz_mint_withinCap_succeeds(uint256 amount) public {
        amount = bound(amount, 0, CAP - INITIAL_SUPPLY);
        vm.prank(minter);
        token.mint(bob, amount);
        assertEq(token.balanceOf(bob), amount);
        assertEq(token.totalSupply(), INITIAL_SUPPLY + amount);
        assertLe(token.totalSupply(), token.cap());
    }

    function testFuzz_mint_aboveCap_reverts(uint256 amount) public {
        // Above 2**208 - 1 ERC20Votes' own bound trips first (see test_mint_capAboveSafeVotesSupply_reverts).
        amount = bound(amount, CAP - INITIAL_SUPPLY + 1, type(uint208).max - INITIAL_SUPPLY);
        vm.expectRevert(
            abi.encodeWithSelector(ERC20Capped.ERC20ExceededCap.selector, INITIAL_SUPPLY + amount, CAP)
        );
        vm.prank(minter);
        token.mint(bob, amount);
    }

    function testFuzz_mint_anyCapAndSplit_succeeds(uint256 supplyCap, uint256 first, uint256 second) public {
        supplyCap = bound(supplyCap, 1, type(uint208).max);
        first = bound(first, 0, supplyCap);
        second = bound(second, 0, supplyCap);
        CR8Token fresh = new CR8Token(admin, supplyCap, holder, first);
        vm.prank(admin);
        fresh.grantRole(minterRole, minter);
        if (first + second > type(uint208).max) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ERC20Votes.ERC20ExceededSafeSupply.selector, first + second, type(uint208).max
                )
            );
        } else if (first + second > supplyCap) {
            vm.expectRevert(
                abi.encodeWithSelector(ERC20Capped.ERC20ExceededCap.selector, first + second, supplyCap)
            );
        }
        vm.prank(minter);
        fresh.mint(bob, second);
        assertLe(fresh.totalSupply(), supplyCap);
        assertEq(fresh.totalSupply(), first + second > supplyCap ? first : first + second);
    }

    // ---------------------------------------------------------------------------------------------
    // burn
    // ---------------------------------------------------------------------------------------------

    function test_burn_reducesBalanceAndSupply_succeeds() public {
        vm.expectEmit(true, true, false, true, address(token));
        emit IERC20.Transfer(holder, address(0), 1e18);
        vm.prank(holder);
        token.burn(1e18);
        assertEq(token.balanceOf(holder), INITIAL_SUPPLY - 1e18);
        assertEq(token.totalSupply(), INITIAL_SUPPLY - 1e18);
    }

    function test_burn_freesRoomUnderCap_succeeds() public {
        vm.prank(minter);
        token.mint(bob, CAP - INITIAL_SUPPLY);
        vm.prank(bob);
        token.burn(10e18);
        vm.prank(minter);
        token.mint(carol, 10e18);
        assertEq(token.totalSupply(), CAP);
        assertEq(token.balanceOf(carol), 10e18);
    }

    function test_burn_moreThanBalance_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, bob, 0, 1));
        vm.prank(bob);
        token.burn(1);
    }

    function test_burn_reducesDelegatedVotes_succeeds() public {
        vm.prank(holder);
        token.delegate(holder);
        vm.prank(holder);
        token.burn(100e18);
        assertEq(token.getVotes(holder), INITIAL_SUPPLY - 100e18);
    }

    function testFuzz_burn_anyAmount_succeeds(uint256 amount) public {
        amount = bound(amount, 0, INITIAL_SUPPLY);
        vm.prank(holder);
        token.burn(amount);
        assertEq(token.balanceOf(holder), INITIAL_SUPPLY - amount);
        assertEq(token.totalSupply(), INITIAL_SUPPLY - amount);
    }

    // ---------------------------------------------------------------------------------------------
    // ERC-20 transfers and allowances
    // ---------------------------------------------------------------------------------------------

    function test_transfer_movesBalance_succeeds() public {
        vm.prank(holder);
        assertTrue(token.transfer(bob, 3e18));
        assertEq(token.balanceOf(bob), 3e18);
        assertEq(token.balanceOf(holder), INITIAL_SUPPLY - 3e18);
    }

    function test_transfer_insufficientBalance_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, bob, 0, 1));
        vm.prank(bob);
        token.transfer(carol, 1);
    }

    function test_transfer_toZeroAddress_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        vm.prank(holder);
        token.transfer(address(0), 1);
    }

    function test_approve_setsAllowance_succeeds() public {
        vm.expectEmit(true, true, false, true, address(token));
        emit IERC20.Approval(holder, bob, 9e18);
        vm.prank(holder);
        assertTrue(token.approve(bob, 9e18));
        assertEq(token.allowance(holder, bob), 9e18);
    }

    function test_approve_zeroSpender_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidSpender.selector, address(0)));
        vm.prank(holder);
        token.approve(address(0), 1);
    }

    function test_transferFrom_spendsAllowance_succeeds() public {
        vm.prank(holder);
        token.approve(bob, 10e18);
        vm.prank(bob);
        assertTrue(token.transferFrom(holder, carol, 4e18));
        assertEq(token.balanceOf(carol), 4e18);
        assertEq(token.allowance(holder, bob), 6e18);
    }

    function test_transferFrom_infiniteAllowanceNotSpent_succeeds() public {
        vm.prank(holder);
        token.approve(bob, type(uint256).max);
        vm.prank(bob);
        token.transferFrom(holder, carol, 4e18);
        assertEq(token.allowance(holder, bob), type(uint256).max);
    }

    function test_transferFrom_insufficientAllowance_reverts() public {
        vm.prank(holder);
        token.approve(bob, 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, bob, 1e18, 1e18 + 1)
        );
        vm.prank(bob);
        token.transferFrom(holder, carol, 1e18 + 1);
    }

    // ---------------------------------------------------------------------------------------------
    // permit
    // ---------------------------------------------------------------------------------------------

    function test_DOMAIN_SEPARATOR_matchesNameCR8Version1_succeeds() public view {
        assertEq(token.DOMAIN_SEPARATOR(), _domainSeparator(address(token)));
        (, string memory name, string memory version, uint256 chainId, address verifying,,) =
            token.eip712Domain();
        assertEq(name, "CR8");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifying, address(token));
    }

    function test_DOMAIN_SEPARATOR_followsChainId_succeeds() public {
        bytes32 before = token.DOMAIN_SEPARATOR();
        vm.chainId(block.chainid + 1);
        assertNotEq(token.DOMAIN_SEPARATOR(), before);
        assertEq(token.DOMAIN_SEPARATOR(), _domainSeparator(address(token)));
    }

    function test_permit_validSignature_succeeds() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(signerKey, signer, bob, 50e18, 0, deadline);
        vm.expectEmit(true, true, false, true, address(token));
        emit IERC20.Approval(signer, bob, 50e18);
        vm.prank(carol); // anyone may submit
        token.permit(signer, bob, 50e18, deadline, v, r, s);
        assertEq(token.allowance(signer, bob), 50e18);
        assertEq(token.nonces(signer), 1);
    }

    function test_permit_thenTransferFrom_succeeds() public {
        vm.prank(holder);
        token.transfer(signer, 20e18);
        uint256 deadline = block.timestamp;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(signerKey, signer, bob, 20e18, 0, deadline);
        token.permit(signer, bob, 20e18, deadline, v, r, s);
        vm.prank(bob);
        token.transferFrom(signer, carol, 20e18);
        assertEq(token.balanceOf(carol), 20e18);
        assertEq(token.allowance(signer, bob), 0);
    }

    function test_permit_expiredDeadline_reverts() public {
        uint256 deadline = block.timestamp;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(signerKey, signer, bob, 1, 0, deadline);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        token.permit(signer, bob, 1, deadline, v, r, s);
    }

    function test_permit_wrongSigner_reverts() public {
        (address other, uint256 otherKey) = makeAddrAndKey("other");
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(otherKey, signer, bob, 1, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, other, signer));
        token.permit(signer, bob, 1, deadline, v, r, s);
    }

    function test_permit_replay_reverts() public {
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(signerKey, signer, bob, 1, 0, deadline);
        token.permit(signer, bob, 1, deadline, v, r, s);
        // The nonce moved on, so the same signature now recovers some other address.
        bytes32 digest = _digest(keccak256(abi.encode(PERMIT_TYPEHASH, signer, bob, 1, 1, deadline)));
        address recovered = ecrecover(digest, v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, signer));
        token.permit(signer, bob, 1, deadline, v, r, s);
    }

    function test_permit_tamperedValue_reverts() public {
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(signerKey, signer, bob, 1, 0, deadline);
        bytes32 digest = _digest(keccak256(abi.encode(PERMIT_TYPEHASH, signer, bob, 2, 0, deadline)));
        address recovered = ecrecover(digest, v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, signer));
        token.permit(signer, bob, 2, deadline, v, r, s);
    }

    function test_permit_otherTokenDomain_reverts() public {
        CR8Token other = new CR8Token(admin, CAP, holder, 0);
        uint256 deadline = block.timestamp + 1;
        // Signed for `other`, submitted to `token`.
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, signer, bob, 1, 0, deadline));
        bytes32 otherDigest =
            keccak256(abi.encodePacked("\x19\x01", _domainSeparator(address(other)), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(signerKey, otherDigest);
        address recovered = ecrecover(_digest(structHash), v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, signer));
        token.permit(signer, bob, 1, deadline, v, r, s);
    }

    function test_permit_malformedSignature_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ECDSA.ECDSAInvalidSignature.selector));
        token.permit(signer, bob, 1, block.timestamp, 27, bytes32(0), bytes32(0));
    }

    function testFuzz_permit_anyValueAndDeadline_succeeds(uint256 value, uint256 deadline) public {
        deadline = bound(deadline, block.timestamp, type(uint256).max);
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(signerKey, signer, bob, value, 0, deadline);
        token.permit(signer, bob, value, deadline, v, r, s);
        assertEq(token.allowance(signer, bob), value);
        assertEq(token.nonces(signer), 1);
    }

    // ---------------------------------------------------------------------------------------------
    // votes: delegation and checkpoints
    // ---------------------------------------------------------------------------------------------

    function test_clock_isBlockNumber_succeeds() public {
        vm.roll(1234);
        assertEq(token.clock(), 1234);
        assertEq(token.CLOCK_MODE(), "mode=blocknumber&from=default");
    }

    function test_getVotes_undelegatedBalanceHasNoVotes_succeeds() public view {
        assertEq(token.balanceOf(holder), INITIAL_SUPPLY);
        assertEq(token.getVotes(holder), 0);
        assertEq(token.delegates(holder), address(0));
    }

    function test_delegate_self_succeeds() public {
        vm.expectEmit(true, true, true, true, address(token));
        emit IVotes.DelegateChanged(holder, address(0), holder);
        vm.expectEmit(true, false, false, true, address(token));
        emit IVotes.DelegateVotesChanged(holder, 0, INITIAL_SUPPLY);
        vm.prank(holder);
        token.delegate(holder);
        assertEq(token.delegates(holder), holder);
        assertEq(token.getVotes(holder), INITIAL_SUPPLY);
        assertEq(token.numCheckpoints(holder), 1);
        Checkpoints.Checkpoint208 memory checkpoint = token.checkpoints(holder, 0);
        assertEq(checkpoint._key, block.number);
        assertEq(checkpoint._value, INITIAL_SUPPLY);
    }

    function test_delegate_redelegateMovesVotes_succeeds() public {
        vm.startPrank(holder);
        token.delegate(bob);
        assertEq(token.getVotes(bob), INITIAL_SUPPLY);
        token.delegate(carol);
        vm.stopPrank();
        assertEq(token.getVotes(bob), 0);
        assertEq(token.getVotes(carol), INITIAL_SUPPLY);
    }

    function test_delegate_transfersMoveVotesBetweenDelegates_succeeds() public {
        vm.prank(holder);
        token.delegate(holder);
        vm.prank(bob);
        token.delegate(carol);
        vm.prank(holder);
        token.transfer(bob, 100e18);
        assertEq(token.getVotes(holder), INITIAL_SUPPLY - 100e18);
        assertEq(token.getVotes(carol), 100e18);
        assertEq(token.getVotes(bob), 0);
    }

    function test_delegate_mintAddsVotes_succeeds() public {
        vm.prank(bob);
        token.delegate(bob);
        vm.prank(minter);
        token.mint(bob, 8e18);
        assertEq(token.getVotes(bob), 8e18);
    }

    function test_getPastVotes_readsCheckpoints_succeeds() public {
        vm.roll(100);
        vm.prank(holder);
        token.delegate(holder);
        vm.roll(110);
        vm.prank(holder);
        token.transfer(bob, 1e18);
        vm.roll(120);
        assertEq(token.getPastVotes(holder, 99), 0);
        assertEq(token.getPastVotes(holder, 100), INITIAL_SUPPLY);
        assertEq(token.getPastVotes(holder, 109), INITIAL_SUPPLY);
        assertEq(token.getPastVotes(holder, 110), INITIAL_SUPPLY - 1e18);
        assertEq(token.getPastVotes(holder, 119), INITIAL_SUPPLY - 1e18);
        assertEq(token.numCheckpoints(holder), 2);
    }

    function test_getPastTotalSupply_readsCheckpoints_succeeds() public {
        uint256 deployBlock = block.number;
        vm.roll(deployBlock + 10);
        vm.prank(minter);
        token.mint(bob, 5e18);
        vm.roll(deployBlock + 20);
        vm.prank(holder);
        token.burn(2e18);
        vm.roll(deployBlock + 30);
        assertEq(token.getPastTotalSupply(deployBlock), INITIAL_SUPPLY);
        assertEq(token.getPastTotalSupply(deployBlock + 10), INITIAL_SUPPLY + 5e18);
        assertEq(token.getPastTotalSupply(deployBlock + 20), INITIAL_SUPPLY + 3e18);
    }

    function test_getPastVotes_currentBlock_reverts() public {
        vm.roll(50);
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, 50, uint48(50)));
        token.getPastVotes(holder, 50);
    }

    function test_getPastTotalSupply_futureBlock_reverts() public {
        vm.roll(50);
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, 51, uint48(50)));
        token.getPastTotalSupply(51);
    }

    function test_delegateBySig_validSignature_succeeds() public {
        vm.prank(holder);
        token.transfer(signer, 30e18);
        uint256 expiry = block.timestamp + 1 days;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(signerKey, bob, 0, expiry);
        vm.expectEmit(true, true, true, true, address(token));
        emit IVotes.DelegateChanged(signer, address(0), bob);
        vm.prank(carol);
        token.delegateBySig(bob, 0, expiry, v, r, s);
        assertEq(token.delegates(signer), bob);
        assertEq(token.getVotes(bob), 30e18);
        assertEq(token.nonces(signer), 1);
    }

    function test_delegateBySig_expired_reverts() public {
        uint256 expiry = block.timestamp;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(signerKey, bob, 0, expiry);
        vm.warp(expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(IVotes.VotesExpiredSignature.selector, expiry));
        token.delegateBySig(bob, 0, expiry, v, r, s);
    }

    function test_delegateBySig_wrongNonce_reverts() public {
        uint256 expiry = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(signerKey, bob, 5, expiry);
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, signer, 0));
        token.delegateBySig(bob, 5, expiry, v, r, s);
    }

    function test_delegateBySig_replay_reverts() public {
        uint256 expiry = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(signerKey, bob, 0, expiry);
        token.delegateBySig(bob, 0, expiry, v, r, s);
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, signer, 1));
        token.delegateBySig(bob, 0, expiry, v, r, s);
    }

    function test_delegateBySig_sharesNonceWithPermit_reverts() public {
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(signerKey, signer, bob, 1, 0, deadline);
        token.permit(signer, bob, 1, deadline, v, r, s);
        (v, r, s) = _signDelegation(signerKey, bob, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, signer, 1));
        token.delegateBySig(bob, 0, deadline, v, r, s);
    }

    function testFuzz_delegate_votesFollowBalances_succeeds(uint256 sent, uint256 burned) public {
        sent = bound(sent, 0, INITIAL_SUPPLY);
        burned = bound(burned, 0, INITIAL_SUPPLY - sent);
        vm.prank(holder);
        token.delegate(carol);
        vm.prank(bob);
        token.delegate(bob);
        vm.startPrank(holder);
        token.transfer(bob, sent);
        token.burn(burned);
        vm.stopPrank();
        assertEq(token.getVotes(carol), INITIAL_SUPPLY - sent - burned);
        assertEq(token.getVotes(bob), sent);
        assertEq(token.getVotes(carol) + token.getVotes(bob), token.totalSupply());
    }

    // ---------------------------------------------------------------------------------------------
    // access control
    // ---------------------------------------------------------------------------------------------

    function test_grantRole_notAdmin_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, bob, token.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(bob);
        token.grantRole(minterRole, bob);
    }

    function test_grantRole_byAdmin_succeeds() public {
        vm.expectEmit(true, true, true, true, address(token));
        emit IAccessControl.RoleGranted(minterRole, bob, admin);
        vm.prank(admin);
        token.grantRole(minterRole, bob);
        assertTrue(token.hasRole(minterRole, bob));
    }

    function test_revokeRole_notAdmin_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, minter, token.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(minter);
        token.revokeRole(minterRole, minter);
    }

    function test_renounceRole_self_succeeds() public {
        vm.prank(minter);
        token.renounceRole(minterRole, minter);
        assertFalse(token.hasRole(minterRole, minter));
    }

    function test_renounceRole_forOther_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlBadConfirmation.selector));
        vm.prank(admin);
        token.renounceRole(minterRole, minter);
    }

    function test_supportsInterface_accessControlAndErc165_succeeds() public view {
        assertTrue(token.supportsInterface(type(IAccessControl).interfaceId));
        assertTrue(token.supportsInterface(type(IERC165).interfaceId));
        assertFalse(token.supportsInterface(type(ICR8Token).interfaceId));
        assertFalse(token.supportsInterface(0xffffffff));
    }
}
