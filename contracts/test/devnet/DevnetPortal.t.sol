// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CR8ParentBridge} from "../../src/bridge/CR8ParentBridge.sol";
import {DevnetOutputOracle} from "../../src/devnet/DevnetOutputOracle.sol";
import {DevnetPortal} from "../../src/devnet/DevnetPortal.sol";
import {ICR8ParentBridge} from "../../src/interfaces/ICR8ParentBridge.sol";
import {ICommon} from "../../src/interfaces/ICommon.sol";
import {IDevnetOutputOracle} from "../../src/interfaces/IDevnetOutputOracle.sol";
import {IDevnetPortal} from "../../src/interfaces/IDevnetPortal.sol";
import {Predeploys} from "../../src/libraries/Predeploys.sol";
import {CR8Token} from "../../src/token/CR8Token.sol";
import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";

/// @dev A withdrawal target that records what the portal showed it, and can be told to refuse.
contract WithdrawalTarget {
    error Refused(uint256 marker);

    IDevnetPortal internal immutable PORTAL;
    bool public refuse;
    uint256 public calls;
    address public seenCaller;
    address public seenL2Sender;
    uint256 public seenGas;

    constructor(IDevnetPortal portal) {
        PORTAL = portal;
    }

    function setRefuse(bool refuse_) external {
        refuse = refuse_;
    }

    function hit(uint256 marker) external {
        uint256 gasAtEntry = gasleft();
        if (refuse) revert Refused(marker);
        ++calls;
        seenCaller = msg.sender;
        seenL2Sender = PORTAL.l2Sender();
        seenGas = gasAtEntry;
    }

    function reenter(IDevnetPortal.WithdrawalTransaction calldata other) external {
        PORTAL.finalizeWithdrawalTransaction(other);
    }

    function revertWithLongReason() external pure {
        bytes memory reason = new bytes(2000);
        reason[0] = 0xde;
        reason[1] = 0xad;
        reason[1999] = 0xff;
        assembly {
            revert(add(reason, 0x20), mload(reason))
        }
    }
}

/// @dev Calls the portals as a contract would (so its deposits are aliased).
contract DepositCaller {
    function deposit(
        address portal,
        address to,
        uint256 value,
        uint64 gasLimit,
        bool isCreation,
        bytes calldata data
    ) external {
        IDevnetPortal(portal).depositTransaction(to, value, gasLimit, isCreation, data);
    }
}

/// @notice DevnetPortal: deposits byte for byte as OptimismPortal emits them (checked against OP's own
///         compiled portal), withdrawal proofs (a real eth_getProof proof from the fixture that
///         make-withdrawal-proof.ts writes with anvil and viem, forged variants, and one-leaf tries built
///         here), the finalization rules, the deliberate revert on a failing withdrawal call, and the CR8
///         bridge end to end.
contract DevnetPortalTest is Test {
    address internal constant DEFAULT_L2_SENDER = 0x000000000000000000000000000000000000dEaD;
    bytes32 internal constant EMPTY_TRIE_ROOT =
        0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421;
    uint256 internal constant PERIOD = 1 hours;
    string internal constant FIXTURE = "test/fixtures/withdrawal-proof.json";
    string internal constant OP_PORTAL_ARTIFACT =
        "lib/@eth-optimism/contracts-bedrock/forge-artifacts/OptimismPortal.sol/OptimismPortal.json";

    address internal proposer = makeAddr("proposer");
    address internal alice = makeAddr("alice");
    DevnetOutputOracle internal oracle;
    DevnetPortal internal portal;
    WithdrawalTarget internal target;
    uint256 internal nextL2Block = 1;

    function setUp() public {
        vm.warp(1_700_000_000);
        oracle = new DevnetOutputOracle(proposer, PERIOD, 2, 10);
        portal = new DevnetPortal(oracle);
        target = new WithdrawalTarget(portal);
    }

    // ---------------------------------------------------------------------------------------------
    // Constructor and views
    // ---------------------------------------------------------------------------------------------

    function test_constructor_setsOracleAndIdleSender_succeeds() public view {
        assertEq(address(portal.l2Oracle()), address(oracle));
        assertEq(address(portal.L2_ORACLE()), address(oracle));
        assertEq(portal.l2Sender(), DEFAULT_L2_SENDER);
    }

    function test_constructor_zeroOracle_reverts() public {
        vm.expectRevert(ICommon.ZeroAddress.selector);
        new DevnetPortal(IDevnetOutputOracle(address(0)));
    }

    function test_version_majorBelowThree_succeeds() public view {
        // viem's OP Stack actions take the L2OutputOracle path for a portal major version below 3.
        assertEq(portal.version(), "2.8.0");
    }

    function test_minimumGasLimit_fortyPerByte_succeeds() public view {
        assertEq(portal.minimumGasLimit(0), 21_000);
        assertEq(portal.minimumGasLimit(100), 25_000);
        assertEq(portal.minimumGasLimit(120_000), 4_821_000);
    }

    function test_isOutputFinalized_afterPeriod_succeeds() public {
        _propose(bytes32("root"));
        assertFalse(portal.isOutputFinalized(0));
        vm.warp(block.timestamp + PERIOD);
        assertFalse(portal.isOutputFinalized(0));
        vm.warp(block.timestamp + 1);
        assertTrue(portal.isOutputFinalized(0));
    }

    function test_isOutputFinalized_missingOutput_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDevnetOutputOracle.OutputNotFound.selector, 0));
        portal.isOutputFinalized(0);
    }

    function test_hashWithdrawal_opEncoding_succeeds() public view {
        IDevnetPortal.WithdrawalTransaction memory wtx = _tx(address(target), 70_000, hex"1234");
        assertEq(
            portal.hashWithdrawal(wtx),
            keccak256(abi.encode(wtx.nonce, wtx.sender, wtx.target, 0, 70_000, hex"1234"))
        );
    }

    // ---------------------------------------------------------------------------------------------
    // depositTransaction
    // ---------------------------------------------------------------------------------------------

    function test_depositTransaction_fromEoaNotAliased_succeeds() public {
        bytes memory opaqueData =
            abi.encodePacked(uint256(0), uint256(0), uint64(100_000), false, hex"c0ffee");
        vm.expectEmit(true, true, true, true, address(portal));
        emit IDevnetPortal.TransactionDeposited(alice, address(target), 0, opaqueData);
        vm.prank(alice, alice);
        portal.depositTransaction(address(target), 0, 100_000, false, hex"c0ffee");
    }

    function test_depositTransaction_fromContractAliased_succeeds() public {
        DepositCaller caller = new DepositCaller();
        address aliased =
            address(uint160(address(caller)) + uint160(0x1111000000000000000000000000000000001111));
        vm.expectEmit(true, true, true, false, address(portal));
        emit IDevnetPortal.TransactionDeposited(aliased, alice, 0, "");
        caller.deposit(address(portal), alice, 0, 21_000, false, "");
    }

    function test_depositTransaction_valueOnChildChain_succeeds() public {
        // `_value` moves the sender's own native CR8 on the L3; only minting (msg.value) is refused.
        bytes memory opaqueData = abi.encodePacked(uint256(0), uint256(7e18), uint64(21_000), false, "");
        vm.expectEmit(true, true, true, true, address(portal));
        emit IDevnetPortal.TransactionDeposited(alice, alice, 0, opaqueData);
        vm.prank(alice, alice);
        portal.depositTransaction(alice, 7e18, 21_000, false, "");
    }

    function test_depositTransaction_creation_succeeds() public {
        bytes memory opaqueData = abi.encodePacked(uint256(0), uint256(0), uint64(100_000), true, hex"6000");
        vm.expectEmit(true, true, true, true, address(portal));
        emit IDevnetPortal.TransactionDeposited(alice, address(0), 0, opaqueData);
        vm.prank(alice, alice);
        portal.depositTransaction(address(0), 0, 100_000, true, hex"6000");
    }

    function test_depositTransaction_maxDataAndGas_succeeds() public {
        vm.prank(alice, alice);
        portal.depositTransaction(alice, 0, 20_000_000, false, new bytes(120_000));
    }

    function test_depositTransaction_withMsgValue_reverts() public {
        vm.deal(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IDevnetPortal.ValueNotSupported.selector, 1 ether));
        vm.prank(alice, alice);
        portal.depositTransaction{value: 1 ether}(alice, 0, 100_000, false, "");
    }

    function test_depositTransaction_creationWithTarget_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDevnetPortal.BadTarget.selector, alice));
        vm.prank(alice, alice);
        portal.depositTransaction(alice, 0, 100_000, true, hex"6000");
    }

    function test_depositTransaction_gasBelowMinimum_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDevnetPortal.GasLimitTooLow.selector, 24_999, 25_000));
        vm.prank(alice, alice);
        portal.depositTransaction(alice, 0, 24_999, false, new bytes(100));
    }

    function test_depositTransaction_gasAboveMaximum_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IDevnetPortal.GasLimitTooHigh.selector, 20_000_001, 20_000_000)
        );
        vm.prank(alice, alice);
        portal.depositTransaction(alice, 0, 20_000_001, false, "");
    }

    function test_depositTransaction_dataTooLarge_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDevnetPortal.DataTooLarge.selector, 120_001, 120_000));
        vm.prank(alice, alice);
        portal.depositTransaction(alice, 0, 10_000_000, false, new bytes(120_001));
    }

    /// @notice The event's opaque data splits exactly as viem's opaqueDataToDepositData (and op-node) read
    ///         it: mint 32 bytes, value 32, gas 8, isCreation 1, then the data.
    function testFuzz_depositTransaction_opaqueDataLayout_succeeds(
        address to,
        uint256 value,
        uint64 gasLimit,
        bool isCreation,
        bytes calldata data
    ) public {
        vm.assume(data.length <= 4000);
        if (isCreation) to = address(0);
        gasLimit = uint64(bound(gasLimit, 21_000 + 40 * data.length, 20_000_000));
        vm.recordLogs();
        vm.prank(alice, alice);
        portal.depositTransaction(to, value, gasLimit, isCreation, data);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 1);
        assertEq(logs[0].topics[0], IDevnetPortal.TransactionDeposited.selector);
        assertEq(logs[0].topics[1], bytes32(uint256(uint160(alice))));
        assertEq(logs[0].topics[2], bytes32(uint256(uint160(to))));
        assertEq(logs[0].topics[3], bytes32(0));
        bytes memory opaque = abi.decode(logs[0].data, (bytes));
        assertEq(opaque.length, 73 + data.length);
        assertEq(uint256(bytes32(this.slice(opaque, 0, 32))), 0, "mint");
        assertEq(uint256(bytes32(this.slice(opaque, 32, 64))), value, "value");
        assertEq(uint64(bytes8(this.slice(opaque, 64, 72))), gasLimit, "gas");
        assertEq(uint8(opaque[72]), isCreation ? 1 : 0, "isCreation");
        assertEq(this.slice(opaque, 73, opaque.length), data, "data");
    }

    /// @notice The same deposit through OP's own OptimismPortal (v2.8, compiled by OP, from the
    ///         contracts-bedrock package) emits the identical event: topics and opaque data, byte for byte.
    function testFuzz_depositTransaction_matchesOptimismPortal_succeeds(
        address to,
        uint256 value,
        uint64 gasLimit,
        bool isCreation,
        bytes calldata data,
        bool fromContract
    ) public {
        vm.assume(data.length <= 2000);
        if (isCreation) to = address(0);
        // OP's portal burns parent-chain gas for the whole gas limit; a low ceiling keeps the run fast (the
        // layout test above covers the full range).
        gasLimit = uint64(bound(gasLimit, 21_000 + 40 * data.length, 500_000));
        address opPortal = _deployOptimismPortal();
        DepositCaller caller = new DepositCaller();

        Vm.Log memory ours =
            _depositLog(address(portal), caller, fromContract, to, value, gasLimit, isCreation, data);
        Vm.Log memory theirs =
            _depositLog(opPortal, caller, fromContract, to, value, gasLimit, isCreation, data);
        assertEq(ours.topics.length, 4);
        for (uint256 i; i < 4; ++i) {
            assertEq(ours.topics[i], theirs.topics[i]);
        }
        assertEq(ours.data, theirs.data);
    }

    // ---------------------------------------------------------------------------------------------
    // proveWithdrawalTransaction: the real proof from the fixture
    // ---------------------------------------------------------------------------------------------

    function test_proveWithdrawalTransaction_viemFixtureProof_succeeds() public {
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes[] memory proof) =
            _fixtureWithdrawal("bridgeWithdrawal");
        IDevnetPortal.OutputRootProof memory outputRootProof = _proposeFixtureOutput();
        bytes32 withdrawalHash = vm.parseJsonBytes32(_fixture(), ".bridgeWithdrawal.withdrawalHash");
        assertEq(portal.hashWithdrawal(wtx), withdrawalHash);
        assertGt(proof.length, 2, "a proof through branch nodes, not a lone leaf");

        vm.expectEmit(true, true, true, false, address(portal));
        emit IDevnetPortal.WithdrawalProven(withdrawalHash, Predeploys.CR8_L3_BRIDGE, wtx.target);
        portal.proveWithdrawalTransaction(wtx, 0, outputRootProof, proof);

        (bytes32 outputRoot, uint128 timestamp, uint128 index) = portal.provenWithdrawals(withdrawalHash);
        assertEq(outputRoot, vm.parseJsonBytes32(_fixture(), ".outputRoot"));
        assertEq(timestamp, block.timestamp);
        assertEq(index, 0);
    }

    function test_proveWithdrawalTransaction_otherFixtureWithdrawal_succeeds() public {
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes[] memory proof) =
            _fixtureWithdrawal("otherWithdrawal");
        IDevnetPortal.OutputRootProof memory outputRootProof = _proposeFixtureOutput();
        portal.proveWithdrawalTransaction(wtx, 0, outputRootProof, proof);
        (, uint128 timestamp,) = portal.provenWithdrawals(portal.hashWithdrawal(wtx));
        assertEq(timestamp, block.timestamp);
    }

    function test_proveWithdrawalTransaction_extraTrailingNode_succeeds() public {
        // viem's maybeAddProofNode may append the inline leaf of a final branch node as an extra proof node;
        // extra nodes that the path never references are ignored.
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes[] memory proof) =
            _fixtureWithdrawal("bridgeWithdrawal");
        IDevnetPortal.OutputRootProof memory outputRootProof = _proposeFixtureOutput();
        bytes[] memory longer = new bytes[](proof.length + 1);
        for (uint256 i; i < proof.length; ++i) {
            longer[i] = proof[i];
        }
        longer[proof.length] = hex"e2a0200000000000000000000000000000000000000000000000000000000000000001";
        portal.proveWithdrawalTransaction(wtx, 0, outputRootProof, longer);
    }

    function test_proveWithdrawalTransaction_flippedByteInBranch_reverts() public {
        _assertForgedProofReverts(0, 40);
    }

    function test_proveWithdrawalTransaction_flippedByteInLeaf_reverts() public {
        _assertForgedProofReverts(2, 10);
    }

    function test_proveWithdrawalTransaction_flippedValueByte_reverts() public {
        // The leaf's value byte (0x01) is the node's last byte.
        (, bytes[] memory proof) = _fixtureWithdrawal("bridgeWithdrawal");
        _assertForgedProofReverts(proof.length - 1, proof[proof.length - 1].length - 1);
    }

    function test_proveWithdrawalTransaction_wrongKey_reverts() public {
        // The same proof for a different withdrawal (another amount): its slot is not on the proven path.
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes[] memory proof) =
            _fixtureWithdrawal("bridgeWithdrawal");
        IDevnetPortal.OutputRootProof memory outputRootProof = _proposeFixtureOutput();
        wtx.data = abi.encodeCall(ICR8ParentBridge.finalizeWithdrawal, (alice, alice, 500e18));
        vm.expectRevert(
            abi.encodeWithSelector(IDevnetPortal.InvalidWithdrawalProof.selector, portal.hashWithdrawal(wtx))
        );
        portal.proveWithdrawalTransaction(wtx, 0, outputRootProof, proof);
    }

    function test_proveWithdrawalTransaction_proofOfAnotherWithdrawal_reverts() public {
        (IDevnetPortal.WithdrawalTransaction memory wtx,) = _fixtureWithdrawal("bridgeWithdrawal");
        (, bytes[] memory otherProof) = _fixtureWithdrawal("otherWithdrawal");
        IDevnetPortal.OutputRootProof memory outputRootProof = _proposeFixtureOutput();
        vm.expectRevert(
            abi.encodeWithSelector(IDevnetPortal.InvalidWithdrawalProof.selector, portal.hashWithdrawal(wtx))
        );
        portal.proveWithdrawalTransaction(wtx, 0, outputRootProof, otherProof);
    }

    function test_proveWithdrawalTransaction_wrongStorageRoot_reverts() public {
        // An output whose message-passer root is not the one the proof nodes hang from.
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes[] memory proof) =
            _fixtureWithdrawal("bridgeWithdrawal");
        IDevnetPortal.OutputRootProof memory outputRootProof = _fixtureOutputRootProof();
        outputRootProof.messagePasserStorageRoot = keccak256("another storage root");
        _propose(_hashOutputRootProof(outputRootProof));
        vm.expectRevert(
            abi.encodeWithSelector(IDevnetPortal.InvalidWithdrawalProof.selector, portal.hashWithdrawal(wtx))
        );
        portal.proveWithdrawalTransaction(wtx, 0, outputRootProof, proof);
    }

    function test_proveWithdrawalTransaction_truncatedProof_reverts() public {
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes[] memory proof) =
            _fixtureWithdrawal("bridgeWithdrawal");
        IDevnetPortal.OutputRootProof memory outputRootProof = _proposeFixtureOutput();
        bytes[] memory shorter = new bytes[](proof.length - 1);
        for (uint256 i; i < shorter.length; ++i) {
            shorter[i] = proof[i];
        }
        vm.expectRevert(
            abi.encodeWithSelector(IDevnetPortal.InvalidWithdrawalProof.selector, portal.hashWithdrawal(wtx))
        );
        portal.proveWithdrawalTransaction(wtx, 0, outputRootProof, shorter);
    }

    function test_proveWithdrawalTransaction_emptyProof_reverts() public {
        (IDevnetPortal.WithdrawalTransaction memory wtx,) = _fixtureWithdrawal("bridgeWithdrawal");
        IDevnetPortal.OutputRootProof memory outputRootProof = _proposeFixtureOutput();
        vm.expectRevert(
            abi.encodeWithSelector(IDevnetPortal.InvalidWithdrawalProof.selector, portal.hashWithdrawal(wtx))
        );
        portal.proveWithdrawalTransaction(wtx, 0, outputRootProof, new bytes[](0));
    }

    function test_proveWithdrawalTransaction_beforeOutputExists_reverts() public {
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes[] memory proof) =
            _fixtureWithdrawal("bridgeWithdrawal");
        vm.expectRevert(abi.encodeWithSelector(IDevnetOutputOracle.OutputNotFound.selector, 0));
        portal.proveWithdrawalTransaction(wtx, 0, _fixtureOutputRootProof(), proof);
    }

    function test_proveWithdrawalTransaction_outputRootMismatch_reverts() public {
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes[] memory proof) =
            _fixtureWithdrawal("bridgeWithdrawal");
        IDevnetPortal.OutputRootProof memory outputRootProof = _proposeFixtureOutput();
        outputRootProof.latestBlockhash = keccak256("another block");
        vm.expectRevert(
            abi.encodeWithSelector(
                IDevnetPortal.OutputRootMismatch.selector,
                vm.parseJsonBytes32(_fixture(), ".outputRoot"),
                _hashOutputRootProof(outputRootProof)
            )
        );
        portal.proveWithdrawalTransaction(wtx, 0, outputRootProof, proof);
    }

    function test_proveWithdrawalTransaction_unsupportedVersion_reverts() public {
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes[] memory proof) =
            _fixtureWithdrawal("bridgeWithdrawal");
        IDevnetPortal.OutputRootProof memory outputRootProof = _proposeFixtureOutput();
        outputRootProof.version = bytes32(uint256(1));
        vm.expectRevert(
            abi.encodeWithSelector(IDevnetPortal.UnsupportedOutputVersion.selector, bytes32(uint256(1)))
        );
        portal.proveWithdrawalTransaction(wtx, 0, outputRootProof, proof);
    }

    function test_proveWithdrawalTransaction_portalAsTarget_reverts() public {
        IDevnetPortal.WithdrawalTransaction memory wtx = _tx(address(portal), 100_000, "");
        vm.expectRevert(abi.encodeWithSelector(IDevnetPortal.BadTarget.selector, address(portal)));
        portal.proveWithdrawalTransaction(wtx, 0, _fixtureOutputRootProof(), new bytes[](0));
    }

    function test_proveWithdrawalTransaction_withValue_reverts() public {
        IDevnetPortal.WithdrawalTransaction memory wtx = _tx(address(target), 100_000, "");
        wtx.value = 1;
        vm.expectRevert(abi.encodeWithSelector(IDevnetPortal.ValueNotSupported.selector, 1));
        portal.proveWithdrawalTransaction(wtx, 0, _fixtureOutputRootProof(), new bytes[](0));
    }

    // ---------------------------------------------------------------------------------------------
    // proveWithdrawalTransaction: re-proving
    // ---------------------------------------------------------------------------------------------

    function test_proveWithdrawalTransaction_twice_reverts() public {
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes32 withdrawalHash) = _proveTarget(100_000);
        (IDevnetPortal.OutputRootProof memory outputRootProof, bytes[] memory proof) =
            _leafProof(withdrawalHash, 1);
        _propose(_hashOutputRootProof(outputRootProof));
        vm.expectRevert(abi.encodeWithSelector(IDevnetPortal.AlreadyProven.selector, withdrawalHash));
        portal.proveWithdrawalTransaction(wtx, 1, outputRootProof, proof);
    }

    function test_proveWithdrawalTransaction_afterOutputReplaced_succeeds() public {
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes32 withdrawalHash) = _proveTarget(100_000);
        vm.warp(block.timestamp + 100);
        // The proposer replaces output 0 with a different root over the same message-passer storage.
        vm.prank(proposer);
        oracle.deleteL2Outputs(0);
        (IDevnetPortal.OutputRootProof memory outputRootProof, bytes[] memory proof) =
            _leafProof(withdrawalHash, 7);
        _propose(_hashOutputRootProof(outputRootProof));
        portal.proveWithdrawalTransaction(wtx, 0, outputRootProof, proof);
        (bytes32 outputRoot, uint128 timestamp,) = portal.provenWithdrawals(withdrawalHash);
        assertEq(outputRoot, _hashOutputRootProof(outputRootProof));
        assertEq(timestamp, block.timestamp, "the period restarts");
    }

    function test_proveWithdrawalTransaction_afterOutputDeleted_succeeds() public {
        // Proven against output 1; output 1 is deleted and not proposed again: the withdrawal can be proven
        // against output 0 (OptimismPortal would wait for index 1 to exist again).
        bytes32 withdrawalHash = portal.hashWithdrawal(_tx(address(target), 100_000, ""));
        (IDevnetPortal.OutputRootProof memory first, bytes[] memory proof) = _leafProof(withdrawalHash, 1);
        (IDevnetPortal.OutputRootProof memory second,) = _leafProof(withdrawalHash, 2);
        _propose(_hashOutputRootProof(first));
        _propose(_hashOutputRootProof(second));
        portal.proveWithdrawalTransaction(_tx(address(target), 100_000, ""), 1, second, proof);
        vm.prank(proposer);
        oracle.deleteL2Outputs(1);
        portal.proveWithdrawalTransaction(_tx(address(target), 100_000, ""), 0, first, proof);
        (,, uint128 index) = portal.provenWithdrawals(withdrawalHash);
        assertEq(index, 0);
    }

    // ---------------------------------------------------------------------------------------------
    // isWithdrawalIncluded
    // ---------------------------------------------------------------------------------------------

    function test_isWithdrawalIncluded_fixtureProof_succeeds() public view {
        (, bytes[] memory proof) = _fixtureWithdrawal("bridgeWithdrawal");
        bytes32 storageHash = vm.parseJsonBytes32(_fixture(), ".storageHash");
        bytes32 withdrawalHash = vm.parseJsonBytes32(_fixture(), ".bridgeWithdrawal.withdrawalHash");
        assertTrue(portal.isWithdrawalIncluded(storageHash, withdrawalHash, proof));
    }

    function test_isWithdrawalIncluded_otherKeyAtLeaf_succeeds() public view {
        // The proof reaches a leaf for another key: not included, and no revert.
        (bytes32 storageRoot, bytes[] memory proof) = _leaf(keccak256("withdrawal A"));
        assertTrue(portal.isWithdrawalIncluded(storageRoot, keccak256("withdrawal A"), proof));
        assertFalse(portal.isWithdrawalIncluded(storageRoot, keccak256("withdrawal B"), proof));
    }

    function test_isWithdrawalIncluded_emptyTrie_succeeds() public view {
        assertFalse(portal.isWithdrawalIncluded(EMPTY_TRIE_ROOT, keccak256("any"), new bytes[](0)));
    }

    function test_isWithdrawalIncluded_valueOtherThanTrue_succeeds() public view {
        // A leaf holding 2 for the right key is not a sent message.
        bytes32 key = keccak256(abi.encode(keccak256(abi.encode(keccak256("w"), uint256(0)))));
        bytes[] memory proof = new bytes[](1);
        proof[0] = abi.encodePacked(hex"e3a120", key, hex"02");
        assertFalse(portal.isWithdrawalIncluded(keccak256(proof[0]), keccak256("w"), proof));
    }

    function test_isWithdrawalIncluded_missingNode_reverts() public {
        vm.expectRevert("Incomplete Proof!");
        portal.isWithdrawalIncluded(keccak256("root"), keccak256("any"), new bytes[](0));
    }

    // ---------------------------------------------------------------------------------------------
    // finalizeWithdrawalTransaction
    // ---------------------------------------------------------------------------------------------

    function test_finalizeWithdrawalTransaction_afterPeriod_succeeds() public {
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes32 withdrawalHash) = _proveTarget(100_000);
        vm.warp(block.timestamp + PERIOD + 1);
        vm.expectEmit(true, false, false, true, address(portal));
        emit IDevnetPortal.WithdrawalFinalized(withdrawalHash, true);
        portal.finalizeWithdrawalTransaction(wtx);
        assertTrue(portal.finalizedWithdrawals(withdrawalHash));
        assertEq(target.calls(), 1);
        assertEq(target.seenCaller(), address(portal));
        assertEq(target.seenL2Sender(), wtx.sender, "l2Sender names the L3 sender during the call");
        assertEq(portal.l2Sender(), DEFAULT_L2_SENDER, "and is reset afterwards");
    }

    function test_finalizeWithdrawalTransaction_givesAtLeastGasLimit_succeeds() public {
        (IDevnetPortal.WithdrawalTransaction memory wtx,) = _proveTarget(1_000_000);
        vm.warp(block.timestamp + PERIOD + 1);
        portal.finalizeWithdrawalTransaction{gas: 1_300_000}(wtx);
        assertGe(target.seenGas(), 1_000_000);
    }

    function test_finalizeWithdrawalTransaction_tooLittleGas_reverts() public {
        (IDevnetPortal.WithdrawalTransaction memory wtx,) = _proveTarget(1_000_000);
        vm.warp(block.timestamp + PERIOD + 1);
        vm.expectRevert(abi.encodeWithSelector(IDevnetPortal.InsufficientGas.selector, 1_000_000));
        portal.finalizeWithdrawalTransaction{gas: 1_000_000}(wtx);
        assertEq(target.calls(), 0);
    }

    function test_finalizeWithdrawalTransaction_absurdGasLimit_reverts() public {
        uint256 gasLimit = uint256(type(uint128).max) + 1;
        (IDevnetPortal.WithdrawalTransaction memory wtx,) = _proveTarget(gasLimit);
        vm.warp(block.timestamp + PERIOD + 1);
        vm.expectRevert(abi.encodeWithSelector(IDevnetPortal.InsufficientGas.selector, gasLimit));
        portal.finalizeWithdrawalTransaction(wtx);
    }

    function test_finalizeWithdrawalTransaction_beforeProofMatures_reverts() public {
        (IDevnetPortal.WithdrawalTransaction memory wtx,) = _proveTarget(100_000);
        uint256 provenAt = block.timestamp;
        vm.warp(provenAt + PERIOD);
        vm.expectRevert(
            abi.encodeWithSelector(IDevnetPortal.FinalizationWindowNotElapsed.selector, provenAt + PERIOD + 1)
        );
        portal.finalizeWithdrawalTransaction(wtx);
    }

    function test_finalizeWithdrawalTransaction_outputReproposedLater_reverts() public {
        // The output is deleted and proposed again with the same root after the proof: the proof is still
        // valid, but the output's own period restarted.
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes32 withdrawalHash) = _proveTarget(100_000);
        (bytes32 provenRoot,,) = portal.provenWithdrawals(withdrawalHash);
        vm.warp(block.timestamp + PERIOD / 2);
        vm.startPrank(proposer);
        oracle.deleteL2Outputs(0);
        oracle.proposeL2Output(provenRoot, 1, bytes32(0), 0);
        vm.stopPrank();
        uint256 reproposedAt = block.timestamp;
        vm.warp(reproposedAt + PERIOD);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDevnetPortal.FinalizationWindowNotElapsed.selector, reproposedAt + PERIOD + 1
            )
        );
        portal.finalizeWithdrawalTransaction(wtx);
        vm.warp(reproposedAt + PERIOD + 1);
        portal.finalizeWithdrawalTransaction(wtx);
        assertEq(target.calls(), 1);
    }

    function test_finalizeWithdrawalTransaction_outputDeleted_reverts() public {
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes32 withdrawalHash) = _proveTarget(100_000);
        (bytes32 provenRoot,,) = portal.provenWithdrawals(withdrawalHash);
        vm.prank(proposer);
        oracle.deleteL2Outputs(0);
        vm.warp(block.timestamp + PERIOD + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IDevnetPortal.OutputRootMismatch.selector, provenRoot, bytes32(0))
        );
        portal.finalizeWithdrawalTransaction(wtx);
    }

    function test_finalizeWithdrawalTransaction_outputReplaced_reverts() public {
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes32 withdrawalHash) = _proveTarget(100_000);
        (bytes32 provenRoot,,) = portal.provenWithdrawals(withdrawalHash);
        vm.startPrank(proposer);
        oracle.deleteL2Outputs(0);
        oracle.proposeL2Output(bytes32("replacement"), 1, bytes32(0), 0);
        vm.stopPrank();
        vm.warp(block.timestamp + PERIOD + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDevnetPortal.OutputRootMismatch.selector, provenRoot, bytes32("replacement")
            )
        );
        portal.finalizeWithdrawalTransaction(wtx);
    }

    function test_finalizeWithdrawalTransaction_unproven_reverts() public {
        IDevnetPortal.WithdrawalTransaction memory wtx = _tx(address(target), 100_000, "");
        vm.expectRevert(abi.encodeWithSelector(IDevnetPortal.NotProven.selector, portal.hashWithdrawal(wtx)));
        portal.finalizeWithdrawalTransaction(wtx);
    }

    function test_finalizeWithdrawalTransaction_twice_reverts() public {
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes32 withdrawalHash) = _proveTarget(100_000);
        vm.warp(block.timestamp + PERIOD + 1);
        portal.finalizeWithdrawalTransaction(wtx);
        vm.expectRevert(abi.encodeWithSelector(IDevnetPortal.AlreadyFinalized.selector, withdrawalHash));
        portal.finalizeWithdrawalTransaction(wtx);
        assertEq(target.calls(), 1);
    }

    function test_finalizeWithdrawalTransaction_withValue_reverts() public {
        IDevnetPortal.WithdrawalTransaction memory wtx = _tx(address(target), 100_000, "");
        wtx.value = 5;
        vm.expectRevert(abi.encodeWithSelector(IDevnetPortal.ValueNotSupported.selector, 5));
        portal.finalizeWithdrawalTransaction(wtx);
    }

    function test_finalizeWithdrawalTransaction_failingCallStaysFinalizable_succeeds() public {
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes32 withdrawalHash) = _proveTarget(100_000);
        vm.warp(block.timestamp + PERIOD + 1);
        target.setRefuse(true);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDevnetPortal.WithdrawalCallFailed.selector,
                withdrawalHash,
                abi.encodeWithSelector(WithdrawalTarget.Refused.selector, 42)
            )
        );
        portal.finalizeWithdrawalTransaction(wtx);
        assertFalse(portal.finalizedWithdrawals(withdrawalHash), "OP would have lost it here");
        assertEq(portal.l2Sender(), DEFAULT_L2_SENDER);

        target.setRefuse(false);
        portal.finalizeWithdrawalTransaction(wtx);
        assertTrue(portal.finalizedWithdrawals(withdrawalHash));
        assertEq(target.calls(), 1);
    }

    function test_finalizeWithdrawalTransaction_longRevertReasonTruncated_reverts() public {
        IDevnetPortal.WithdrawalTransaction memory wtx =
            _tx(address(target), 100_000, abi.encodeCall(WithdrawalTarget.revertWithLongReason, ()));
        bytes32 withdrawalHash = _prove(wtx);
        vm.warp(block.timestamp + PERIOD + 1);
        bytes memory prefix = new bytes(1024); // the first 1,024 of the 2,000 bytes
        prefix[0] = 0xde;
        prefix[1] = 0xad;
        vm.expectRevert(
            abi.encodeWithSelector(IDevnetPortal.WithdrawalCallFailed.selector, withdrawalHash, prefix)
        );
        portal.finalizeWithdrawalTransaction(wtx);
    }

    function test_finalizeWithdrawalTransaction_reentrantFinalize_reverts() public {
        // The target tries to finalize another proven withdrawal from inside its own call.
        IDevnetPortal.WithdrawalTransaction memory inner =
            _tx(address(target), 100_000, abi.encodeCall(WithdrawalTarget.hit, (1)));
        inner.nonce = 99;
        _prove(inner);
        IDevnetPortal.WithdrawalTransaction memory outer =
            _tx(address(target), 500_000, abi.encodeCall(WithdrawalTarget.reenter, (inner)));
        bytes32 outerHash = _prove(outer);
        vm.warp(block.timestamp + PERIOD + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDevnetPortal.WithdrawalCallFailed.selector,
                outerHash,
                abi.encodeWithSelector(IDevnetPortal.FinalizationInProgress.selector)
            )
        );
        portal.finalizeWithdrawalTransaction(outer);
        // Each can still be finalized on its own.
        portal.finalizeWithdrawalTransaction(inner);
        assertEq(target.calls(), 1);
    }

    function test_finalizeWithdrawalTransaction_callToAccountWithoutCode_succeeds() public {
        IDevnetPortal.WithdrawalTransaction memory wtx = _tx(alice, 21_000, hex"abcd");
        bytes32 withdrawalHash = _prove(wtx);
        vm.warp(block.timestamp + PERIOD + 1);
        portal.finalizeWithdrawalTransaction(wtx);
        assertTrue(portal.finalizedWithdrawals(withdrawalHash));
    }

    /// @notice Any proven withdrawal finalizes exactly once, and only after both periods.
    function testFuzz_finalizeWithdrawalTransaction_onceAfterPeriod_succeeds(uint256 nonce, uint256 wait)
        public
    {
        wait = bound(wait, 0, 3 * PERIOD);
        IDevnetPortal.WithdrawalTransaction memory wtx =
            _tx(address(target), 100_000, abi.encodeCall(WithdrawalTarget.hit, (nonce)));
        wtx.nonce = nonce;
        bytes32 withdrawalHash = _prove(wtx);
        uint256 provenAt = block.timestamp;
        vm.warp(provenAt + wait);
        if (wait <= PERIOD) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IDevnetPortal.FinalizationWindowNotElapsed.selector, provenAt + PERIOD + 1
                )
            );
            portal.finalizeWithdrawalTransaction(wtx);
            return;
        }
        portal.finalizeWithdrawalTransaction(wtx);
        vm.expectRevert(abi.encodeWithSelector(IDevnetPortal.AlreadyFinalized.selector, withdrawalHash));
        portal.finalizeWithdrawalTransaction(wtx);
    }

    // ---------------------------------------------------------------------------------------------
    // End to end: the fixture's CR8 bridge withdrawal releases escrowed CR8
    // ---------------------------------------------------------------------------------------------

    function test_bridgeWithdrawal_proveAndFinalize_releasesEscrow_succeeds() public {
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes[] memory proof) =
            _fixtureWithdrawal("bridgeWithdrawal");
        (address from, address to, uint256 amount) =
            abi.decode(this.slice(wtx.data, 4, wtx.data.length), (address, address, uint256));

        // The parent bridge at the address the fixture's withdrawal targets, with CR8 escrowed by a deposit.
        CR8Token token = new CR8Token(makeAddr("tokenAdmin"), 1_000_000e18, alice, 1000e18);
        vm.etch(wtx.target, address(new CR8ParentBridge(token, portal)).code);
        CR8ParentBridge bridge = CR8ParentBridge(wtx.target);
        vm.startPrank(alice);
        token.approve(address(bridge), amount);
        bridge.deposit(alice, amount);
        vm.stopPrank();

        IDevnetPortal.OutputRootProof memory outputRootProof = _proposeFixtureOutput();
        portal.proveWithdrawalTransaction(wtx, 0, outputRootProof, proof);
        vm.warp(block.timestamp + PERIOD + 1);
        vm.expectEmit(true, true, false, true, address(bridge));
        emit ICR8ParentBridge.WithdrawalFinalized(from, to, amount);
        vm.expectEmit(true, false, false, true, address(portal));
        emit IDevnetPortal.WithdrawalFinalized(portal.hashWithdrawal(wtx), true);
        portal.finalizeWithdrawalTransaction(wtx);

        assertEq(token.balanceOf(to), amount);
        assertEq(bridge.totalEscrowed(), 0);
        assertEq(wtx.gasLimit, 300_000, "the fixture carries CR8L3Bridge.WITHDRAWAL_GAS_LIMIT");
    }

    function test_bridgeWithdrawal_emptyEscrow_staysFinalizable_succeeds() public {
        // Released before anything was escrowed: the bridge refuses, the portal reverts, nothing is lost.
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes[] memory proof) =
            _fixtureWithdrawal("bridgeWithdrawal");
        CR8Token token = new CR8Token(makeAddr("tokenAdmin"), 1_000_000e18, alice, 1000e18);
        vm.etch(wtx.target, address(new CR8ParentBridge(token, portal)).code);
        portal.proveWithdrawalTransaction(wtx, 0, _proposeFixtureOutput(), proof);
        vm.warp(block.timestamp + PERIOD + 1);
        vm.expectPartialRevert(IDevnetPortal.WithdrawalCallFailed.selector);
        portal.finalizeWithdrawalTransaction(wtx);
        assertFalse(portal.finalizedWithdrawals(portal.hashWithdrawal(wtx)));
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    function slice(bytes calldata data, uint256 start, uint256 end) external pure returns (bytes memory) {
        return data[start:end];
    }

    function _fixture() internal view returns (string memory) {
        return vm.readFile(FIXTURE);
    }

    function _fixtureWithdrawal(string memory name)
        internal
        view
        returns (IDevnetPortal.WithdrawalTransaction memory wtx, bytes[] memory proof)
    {
        string memory json = _fixture();
        string memory key = string.concat(".", name);
        wtx = IDevnetPortal.WithdrawalTransaction({
            nonce: vm.parseJsonUint(json, string.concat(key, ".nonce")),
            sender: vm.parseJsonAddress(json, string.concat(key, ".sender")),
            target: vm.parseJsonAddress(json, string.concat(key, ".target")),
            value: vm.parseJsonUint(json, string.concat(key, ".value")),
            gasLimit: vm.parseJsonUint(json, string.concat(key, ".gasLimit")),
            data: vm.parseJsonBytes(json, string.concat(key, ".data"))
        });
        proof = vm.parseJsonBytesArray(json, string.concat(key, ".withdrawalProof"));
    }

    function _fixtureOutputRootProof() internal view returns (IDevnetPortal.OutputRootProof memory) {
        string memory json = _fixture();
        return IDevnetPortal.OutputRootProof({
            version: bytes32(0),
            stateRoot: vm.parseJsonBytes32(json, ".stateRoot"),
            messagePasserStorageRoot: vm.parseJsonBytes32(json, ".storageHash"),
            latestBlockhash: vm.parseJsonBytes32(json, ".blockHash")
        });
    }

    /// @dev Proposes the fixture's output root at its L3 block, as the devnet proposer would.
    function _proposeFixtureOutput() internal returns (IDevnetPortal.OutputRootProof memory outputRootProof) {
        outputRootProof = _fixtureOutputRootProof();
        bytes32 outputRoot = vm.parseJsonBytes32(_fixture(), ".outputRoot");
        assertEq(_hashOutputRootProof(outputRootProof), outputRoot, "fixture output root");
        vm.prank(proposer);
        oracle.proposeL2Output(outputRoot, vm.parseJsonUint(_fixture(), ".l2BlockNumber"), bytes32(0), 0);
    }

    function _assertForgedProofReverts(uint256 node, uint256 byteIndex) internal {
        (IDevnetPortal.WithdrawalTransaction memory wtx, bytes[] memory proof) =
            _fixtureWithdrawal("bridgeWithdrawal");
        IDevnetPortal.OutputRootProof memory outputRootProof = _proposeFixtureOutput();
        proof[node][byteIndex] = bytes1(uint8(proof[node][byteIndex]) ^ 0x01);
        vm.expectRevert(
            abi.encodeWithSelector(IDevnetPortal.InvalidWithdrawalProof.selector, portal.hashWithdrawal(wtx))
        );
        portal.proveWithdrawalTransaction(wtx, 0, outputRootProof, proof);
    }

    function _hashOutputRootProof(IDevnetPortal.OutputRootProof memory p) internal pure returns (bytes32) {
        return keccak256(abi.encode(p.version, p.stateRoot, p.messagePasserStorageRoot, p.latestBlockhash));
    }

    function _propose(bytes32 outputRoot) internal {
        vm.prank(proposer);
        oracle.proposeL2Output(outputRoot, nextL2Block++, bytes32(0), 0);
    }

    function _tx(address to, uint256 gasLimit, bytes memory data)
        internal
        pure
        returns (IDevnetPortal.WithdrawalTransaction memory)
    {
        return IDevnetPortal.WithdrawalTransaction({
            nonce: 1 << 240,
            sender: Predeploys.CR8_L3_BRIDGE,
            target: to,
            value: 0,
            gasLimit: gasLimit,
            data: data
        });
    }

    /// @dev A storage trie holding only this withdrawal's `sentMessages` slot: its root node is the leaf
    ///      rlp([0x20 ‖ keccak256(slot), 0x01]), i.e. 0xe3 0xa1 0x20 ‖ key ‖ 0x01.
    function _leaf(bytes32 withdrawalHash) internal pure returns (bytes32 storageRoot, bytes[] memory proof) {
        bytes32 key = keccak256(abi.encode(keccak256(abi.encode(withdrawalHash, uint256(0)))));
        proof = new bytes[](1);
        proof[0] = abi.encodePacked(hex"e3a120", key, hex"01");
        storageRoot = keccak256(proof[0]);
    }

    /// @dev An output root proof over the one-leaf trie of `withdrawalHash`; `salt` varies the other fields.
    function _leafProof(bytes32 withdrawalHash, uint256 salt)
        internal
        pure
        returns (IDevnetPortal.OutputRootProof memory outputRootProof, bytes[] memory proof)
    {
        bytes32 storageRoot;
        (storageRoot, proof) = _leaf(withdrawalHash);
        outputRootProof = IDevnetPortal.OutputRootProof({
            version: bytes32(0),
            stateRoot: keccak256(abi.encode("state", salt)),
            messagePasserStorageRoot: storageRoot,
            latestBlockhash: keccak256(abi.encode("block", salt))
        });
    }

    /// @dev Proposes an output holding only `wtx` and proves it against it.
    function _prove(IDevnetPortal.WithdrawalTransaction memory wtx)
        internal
        returns (bytes32 withdrawalHash)
    {
        withdrawalHash = portal.hashWithdrawal(wtx);
        (IDevnetPortal.OutputRootProof memory outputRootProof, bytes[] memory proof) =
            _leafProof(withdrawalHash, nextL2Block);
        uint256 index = oracle.nextOutputIndex();
        _propose(_hashOutputRootProof(outputRootProof));
        portal.proveWithdrawalTransaction(wtx, index, outputRootProof, proof);
    }

    function _proveTarget(uint256 gasLimit)
        internal
        returns (IDevnetPortal.WithdrawalTransaction memory wtx, bytes32 withdrawalHash)
    {
        wtx = _tx(address(target), gasLimit, abi.encodeCall(WithdrawalTarget.hit, (42)));
        withdrawalHash = _prove(wtx);
    }

    /// @dev OP's OptimismPortal (the implementation, initialized by its constructor) wired to a mocked
    ///      SystemConfig that reports ETH as the gas token and OP's default resource config.
    function _deployOptimismPortal() internal returns (address opPortal) {
        opPortal = deployCode(OP_PORTAL_ARTIFACT);
        address systemConfig = makeAddr("systemConfig");
        vm.store(opPortal, bytes32(uint256(55)), bytes32(uint256(uint160(systemConfig)))); // `systemConfig` slot
        vm.mockCall(
            systemConfig,
            abi.encodeWithSignature("gasPayingToken()"),
            abi.encode(0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE, uint8(18))
        );
        vm.mockCall(
            systemConfig,
            abi.encodeWithSignature("resourceConfig()"),
            abi.encode(
                uint32(20_000_000), uint8(10), uint8(8), uint32(1 gwei), uint32(1_000_000), type(uint128).max
            )
        );
    }

    function _depositLog(
        address portal_,
        DepositCaller caller,
        bool fromContract,
        address to,
        uint256 value,
        uint64 gasLimit,
        bool isCreation,
        bytes calldata data
    ) internal returns (Vm.Log memory) {
        vm.recordLogs();
        if (fromContract) {
            caller.deposit(portal_, to, value, gasLimit, isCreation, data);
        } else {
            vm.prank(alice, alice);
            IDevnetPortal(portal_).depositTransaction(to, value, gasLimit, isCreation, data);
        }
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 1);
        return logs[0];
    }
}
