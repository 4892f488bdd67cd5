// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IpfsUri} from "../../src/libraries/IpfsUri.sol";
import {CR8Test} from "../utils/CR8Test.sol";

/// @notice Exposes the internal IpfsUri functions as external calls.
contract IpfsUriHarness {
    function parse(string memory uri) external pure returns (bool ok, uint16 codec, bytes32 digest) {
        return IpfsUri.parse(uri);
    }

    function format(uint16 codec, bytes32 digest) external pure returns (string memory) {
        return IpfsUri.format(codec, digest);
    }
}

/// @dev The library is pure, so these tests skip CR8Test's deployment (setUp is overridden); they only
///      borrow its known agent card vector. Every expectation comes from an independent, naive
///      CID/base32 encoder below (bit by bit, RFC 4648 lowercase, no padding).
contract IpfsUriTest is CR8Test {
    IpfsUriHarness internal harness;

    /// @dev The IPFS docs' example dag-pb (0x70) CIDv1.
    string internal constant DAG_PB_URI =
        "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
    bytes32 internal constant DAG_PB_DIGEST =
        0xc3c4733ec8affd06cf9e9ff50ffc6bcd2ec85a6170004bb709669c31de94391a;
    /// @dev The raw (0x55) CIDv1 of the empty file: its digest is sha256("").
    string internal constant EMPTY_RAW_URI =
        "ipfs://bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";

    uint256 internal constant MAX_CODEC = (1 << 14) - 1;

    function setUp() public override {
        harness = new IpfsUriHarness();
    }

    // ---------------------------------------------------------------------------------------------
    // Reference encoder
    // ---------------------------------------------------------------------------------------------

    function _base32(bytes memory data) internal pure returns (string memory) {
        bytes memory alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        uint256 bits = data.length * 8;
        uint256 characters = (bits + 4) / 5;
        bytes memory out = new bytes(characters);
        for (uint256 i; i < characters; ++i) {
            uint256 value;
            for (uint256 j; j < 5; ++j) {
                uint256 bit = i * 5 + j;
                value <<= 1;
                if (bit < bits && (uint8(data[bit / 8]) >> (7 - bit % 8)) & 1 == 1) value |= 1;
            }
            out[i] = alphabet[value];
        }
        return string(out);
    }

    function _varint(uint256 value) internal pure returns (bytes memory out) {
        while (value >= 0x80) {
            out = bytes.concat(out, bytes1(uint8(value & 0x7f) | 0x80));
            value >>= 7;
        }
        out = bytes.concat(out, bytes1(uint8(value)));
    }

    function _uri(bytes memory cid) internal pure returns (string memory) {
        return string.concat("ipfs://b", _base32(cid));
    }

    function _cidUri(uint256 codec, bytes32 digest) internal pure returns (string memory) {
        return _uri(abi.encodePacked(uint8(1), _varint(codec), uint16(0x1220), digest));
    }

    function _withChar(string memory uri, uint256 index, bytes1 c) internal pure returns (string memory) {
        bytes memory b = bytes(uri);
        b[index] = c;
        return string(b);
    }

    function _assertRejected(string memory uri) internal view {
        (bool ok, uint16 codec, bytes32 digest) = harness.parse(uri);
        assertFalse(ok, uri);
        assertEq(codec, 0);
        assertEq(digest, bytes32(0));
    }

    // ---------------------------------------------------------------------------------------------
    // Known vectors
    // ---------------------------------------------------------------------------------------------

    function test_referenceEncoder_cardUri_succeeds() public pure {
        // Sanity of the reference encoder itself against the Helia-printed vector.
        assertEq(
            _cidUri(0x0200, 0x93a23971a914e5eacbf0a8d25154cda309c3c1c72fbb9914d47c60f3cb681588),
            "ipfs://bagaaierasords4njcts6vs7qvdjfcvgnume4hqohf65zsfguprqphs3icwea"
        );
    }

    function test_parse_cardUri_succeeds() public view {
        (bool ok, uint16 codec, bytes32 digest) = harness.parse(CARD_URI);
        assertTrue(ok);
        assertEq(codec, CARD_CODEC);
        assertEq(codec, 0x0200);
        assertEq(digest, CARD_DIGEST);
    }

    function test_parse_dagPbUri_succeeds() public view {
        (bool ok, uint16 codec, bytes32 digest) = harness.parse(DAG_PB_URI);
        assertTrue(ok);
        assertEq(codec, 0x70);
        assertEq(digest, DAG_PB_DIGEST);
    }

    function test_parse_emptyRawUri_succeeds() public view {
        (bool ok, uint16 codec, bytes32 digest) = harness.parse(EMPTY_RAW_URI);
        assertTrue(ok);
        assertEq(codec, 0x55);
        assertEq(digest, sha256(""));
    }

    function test_format_knownVectors_succeeds() public view {
        assertEq(harness.format(CARD_CODEC, CARD_DIGEST), CARD_URI);
        assertEq(harness.format(0x70, DAG_PB_DIGEST), DAG_PB_URI);
        assertEq(harness.format(0x55, sha256("")), EMPTY_RAW_URI);
    }

    function test_format_codecBoundaries_succeeds() public view {
        bytes32 digest = keccak256("card");
        uint16[6] memory codecs = [uint16(0), 0x7f, 0x80, 0xff, 0x100, uint16(MAX_CODEC)];
        for (uint256 i; i < codecs.length; ++i) {
            string memory uri = harness.format(codecs[i], digest);
            assertEq(bytes(uri).length, codecs[i] < 0x80 ? 66 : 68);
            assertEq(uri, _cidUri(codecs[i], digest));
            (bool ok, uint16 codec, bytes32 parsed) = harness.parse(uri);
            assertTrue(ok);
            assertEq(codec, codecs[i]);
            assertEq(parsed, digest);
        }
    }

    function testFuzz_format_codecAboveVarintRange_reverts(uint16 codec) public {
        codec = uint16(bound(codec, MAX_CODEC + 1, type(uint16).max));
        vm.expectRevert(abi.encodeWithSelector(IpfsUri.CodecTooLarge.selector, codec));
        harness.format(codec, keccak256("card"));
    }

    function test_format_extremeDigests_succeeds() public view {
        bytes32[3] memory digests = [bytes32(0), bytes32(type(uint256).max), bytes32(uint256(1))];
        for (uint256 i; i < digests.length; ++i) {
            for (uint256 c; c < 2; ++c) {
                uint16 codec = c == 0 ? 0x55 : 0x0200;
                string memory uri = harness.format(codec, digests[i]);
                assertEq(uri, _cidUri(codec, digests[i]));
                (bool ok, uint16 parsedCodec, bytes32 digest) = harness.parse(uri);
                assertTrue(ok);
                assertEq(parsedCodec, codec);
                assertEq(digest, digests[i]);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Round trips
    // ---------------------------------------------------------------------------------------------

    function testFuzz_format_roundTrips_succeeds(uint16 codec, bytes32 digest) public view {
        codec = uint16(bound(codec, 0, MAX_CODEC));
        string memory uri = harness.format(codec, digest);
        assertEq(uri, _cidUri(codec, digest));
        (bool ok, uint16 parsedCodec, bytes32 parsedDigest) = harness.parse(uri);
        assertTrue(ok);
        assertEq(parsedCodec, codec);
        assertEq(parsedDigest, digest);
    }

    /// @dev Any 36- or 37-byte CID-shaped buffer: `parse` accepts exactly the canonical ones, and
    ///      then `format` gives the URI back unchanged.
    function testFuzz_parse_acceptsExactlyCanonicalCids_succeeds(
        bool twoByteCodec,
        uint8 version,
        uint8 b0,
        uint8 b1,
        uint16 multihash,
        bytes32 digest
    ) public view {
        // Bias towards the interesting header values so that every branch is hit often.
        if (version % 4 != 0) version = 1;
        if (multihash % 4 != 0) multihash = 0x1220;
        bytes memory cid = twoByteCodec
            ? abi.encodePacked(version, b0, b1, multihash, digest)
            : abi.encodePacked(version, b0, multihash, digest);
        string memory uri = _uri(cid);

        bool canonicalVarint = twoByteCodec ? (b0 >= 0x80 && b1 != 0 && b1 < 0x80) : b0 < 0x80;
        bool expected = version == 1 && multihash == 0x1220 && canonicalVarint;

        (bool ok, uint16 codec, bytes32 parsed) = harness.parse(uri);
        assertEq(ok, expected);
        if (ok) {
            assertEq(codec, twoByteCodec ? (uint16(b0) & 0x7f) | (uint16(b1) << 7) : b0);
            assertEq(parsed, digest);
            assertEq(harness.format(codec, parsed), uri);
        } else {
            assertEq(codec, 0);
            assertEq(parsed, bytes32(0));
        }
    }

    /// @dev Random strings over the base32 alphabet of the two accepted lengths.
    function testFuzz_parse_randomBase32_roundTripsWhenAccepted_succeeds(bytes32 seed, bool long)
        public
        view
    {
        bytes memory alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        uint256 characters = long ? 60 : 58;
        bytes memory body = new bytes(characters);
        for (uint256 i; i < characters; ++i) {
            body[i] = alphabet[uint256(keccak256(abi.encode(seed, i))) % 32];
        }
        string memory uri = string.concat("ipfs://b", string(body));
        (bool ok, uint16 codec, bytes32 digest) = harness.parse(uri);
        if (ok) assertEq(harness.format(codec, digest), uri);
        else assertEq(digest, bytes32(0));
    }

    function testFuzz_parse_arbitraryString_roundTripsWhenAccepted_succeeds(string memory uri) public view {
        (bool ok, uint16 codec, bytes32 digest) = harness.parse(uri);
        if (ok) assertEq(harness.format(codec, digest), uri);
        else assertEq(codec, 0);
    }

    // ---------------------------------------------------------------------------------------------
    // Rejections
    // ---------------------------------------------------------------------------------------------

    function test_parse_wrongPrefix_fails() public view {
        string memory body = "afybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
        _assertRejected(string.concat("ipfs://B", body));
        _assertRejected(string.concat("ipfs:/bb", body));
        _assertRejected(string.concat("IPFS://b", body));
        _assertRejected(string.concat("ipns://b", body));
        _assertRejected(string.concat("ipfs//bb", body));
        _assertRejected(string.concat("xipfs://", body));
        // Every single prefix byte matters.
        for (uint256 i; i < 8; ++i) {
            _assertRejected(_withChar(DAG_PB_URI, i, bytes1(uint8(bytes(DAG_PB_URI)[i]) ^ 0x01)));
        }
    }

    function test_parse_httpsUriOfCanonicalLength_fails() public view {
        // 66 bytes, like a CID URI with a one-byte codec.
        string memory uri = "https://example.com/agents/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json";
        assertEq(bytes(uri).length, 66);
        _assertRejected(uri);
    }

    function test_parse_wrongLength_fails() public view {
        _assertRejected("");
        _assertRejected("ipfs://b");
        // One character short or long of each accepted length.
        _assertRejected(string.concat(DAG_PB_URI, "a"));
        _assertRejected(string(_slice(bytes(DAG_PB_URI), 65)));
        _assertRejected(string(_slice(bytes(CARD_URI), 67)));
        _assertRejected(string.concat(CARD_URI, "a"));
        // A CIDv1 with a one-byte codec padded out to the two-byte length.
        _assertRejected(string.concat(DAG_PB_URI, "aa"));
        // CIDv0 (base58btc "Qm...") is not a CIDv1 base32 URI.
        _assertRejected("ipfs://QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG");
    }

    function test_parse_uppercase_fails() public view {
        bytes memory b = bytes(DAG_PB_URI);
        for (uint256 i = 8; i < b.length; ++i) {
            if (b[i] >= "a" && b[i] <= "z") {
                _assertRejected(_withChar(DAG_PB_URI, i, bytes1(uint8(b[i]) - 32)));
            }
        }
        // All-uppercase body.
        _assertRejected("ipfs://bAFYBEIGDYRZT5SFP7UDM7HU76UH7Y26NF3EFUYLQABF3OCLGTQY55FBZDI");
    }

    function test_parse_invalidCharacters_fails() public view {
        bytes memory invalid = hex"00011718192f303138393d3f40605b7b7e7f80e1ff";
        for (uint256 i; i < invalid.length; ++i) {
            // Inside the body, at its start and at its end.
            _assertRejected(_withChar(DAG_PB_URI, 8, invalid[i]));
            _assertRejected(_withChar(DAG_PB_URI, 40, invalid[i]));
            _assertRejected(_withChar(DAG_PB_URI, 65, invalid[i]));
            _assertRejected(_withChar(CARD_URI, 67, invalid[i]));
        }
    }

    function testFuzz_parse_invalidCharacter_fails(uint8 c, uint256 index) public view {
        vm.assume(!(c >= 0x61 && c <= 0x7a) && !(c >= 0x32 && c <= 0x37));
        index = bound(index, 8, 65);
        _assertRejected(_withChar(DAG_PB_URI, index, bytes1(c)));
    }

    function test_parse_nonZeroPaddingBits_fails() public view {
        // The last character carries 2 (one-byte codec) or 4 (two-byte codec) padding bits.
        bytes32 digest = keccak256("padding");
        string memory shortUri = _cidUri(0x55, digest);
        string memory longUri = _cidUri(0x0200, digest);
        bytes memory alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        uint256 lastShort = _indexOf(alphabet, bytes(shortUri)[65]);
        uint256 lastLong = _indexOf(alphabet, bytes(longUri)[67]);
        assertEq(lastShort & 3, 0);
        assertEq(lastLong & 15, 0);
        for (uint256 pad = 1; pad < 4; ++pad) {
            _assertRejected(_withChar(shortUri, 65, alphabet[lastShort | pad]));
        }
        for (uint256 pad = 1; pad < 16; ++pad) {
            _assertRejected(_withChar(longUri, 67, alphabet[lastLong | pad]));
        }
    }

    function test_parse_cidVersionNotOne_fails() public view {
        bytes32 digest = keccak256("version");
        uint8[4] memory versions = [uint8(0), 2, 3, 0x81];
        for (uint256 i; i < versions.length; ++i) {
            _assertRejected(_uri(abi.encodePacked(versions[i], uint8(0x55), uint16(0x1220), digest)));
            _assertRejected(_uri(abi.encodePacked(versions[i], uint16(0x8004), uint16(0x1220), digest)));
        }
    }

    function test_parse_nonSha256Multihash_fails() public view {
        bytes32 digest = keccak256("multihash");
        // sha2-512 code, a 64-byte length, blake2b-256 style code, identity, keccak-256 (0x1b).
        uint16[5] memory headers = [uint16(0x1320), 0x1240, 0xa020, 0x0020, 0x1b20];
        for (uint256 i; i < headers.length; ++i) {
            _assertRejected(_uri(abi.encodePacked(uint8(1), uint8(0x55), headers[i], digest)));
            _assertRejected(_uri(abi.encodePacked(uint8(1), uint16(0x8004), headers[i], digest)));
        }
    }

    function test_parse_nonCanonicalVarint_fails() public view {
        bytes32 digest = keccak256("varint");
        // One byte with the continuation bit set: a truncated varint.
        _assertRejected(_uri(abi.encodePacked(uint8(1), uint8(0x80), uint16(0x1220), digest)));
        _assertRejected(_uri(abi.encodePacked(uint8(1), uint8(0xd5), uint16(0x1220), digest)));
        // Two bytes with a zero final byte: codec 0x55 written in two bytes.
        _assertRejected(_uri(abi.encodePacked(uint8(1), uint8(0xd5), uint8(0x00), uint16(0x1220), digest)));
        _assertRejected(_uri(abi.encodePacked(uint8(1), uint8(0x80), uint8(0x00), uint16(0x1220), digest)));
        // Two bytes whose first has no continuation bit.
        _assertRejected(_uri(abi.encodePacked(uint8(1), uint8(0x55), uint8(0x01), uint16(0x1220), digest)));
        // A final byte with the continuation bit set: a three-byte varint (codec >= 2**14).
        _assertRejected(_uri(abi.encodePacked(uint8(1), uint8(0x80), uint8(0x80), uint16(0x1220), digest)));
        _assertRejected(_uri(abi.encodePacked(uint8(1), uint8(0xff), uint8(0xff), uint16(0x1220), digest)));
        // The genuine three-byte varint of 2**14 (38-byte CID, 61 characters).
        _assertRejected(_cidUri(1 << 14, digest));
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    function _slice(bytes memory b, uint256 length) internal pure returns (bytes memory out) {
        out = new bytes(length);
        for (uint256 i; i < length; ++i) {
            out[i] = b[i];
        }
    }

    function _indexOf(bytes memory alphabet, bytes1 c) internal pure returns (uint256) {
        for (uint256 i; i < alphabet.length; ++i) {
            if (alphabet[i] == c) return i;
        }
        revert("not in alphabet");
    }
}
