// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IpfsUri
/// @notice Converts between an `ipfs://` URI holding a CIDv1 in lowercase base32 (the form Helia and
///         IPFS tools print, e.g. `ipfs://bagaaiera...`) and its compact parts: the multicodec and the
///         sha2-256 digest. The registry stores an agent card URI as these 34 bytes instead of a
///         66-byte string, and the digest doubles as the card's on-chain metadata hash.
/// @dev Only canonical forms are accepted: version 1, a codec below 2**14 (one or two varint bytes),
///      multihash sha2-256 (0x12, 32 bytes), base32 lowercase without padding and with zero trailing
///      bits. `format(parse(uri)) == uri` for every URI `parse` accepts, so nothing is lost.
///
///      The CID is `0x01 || varint(codec) || 0x12 0x20 || digest`: 36 bytes (288 bits) with a one-byte
///      codec, 37 (296 bits) with a two-byte one. Base32 turns it into 58 (or 60) characters, i.e. 290
///      (300) bits with 2 (4) zero bits of padding. Both directions treat those bits as one 512-bit
///      number `(hi, lo)`, so each character costs a few shifts instead of byte-array bookkeeping.
library IpfsUri {
    /// @notice `codec` does not fit the one- or two-byte varint this library encodes.
    error CodecTooLarge(uint256 codec);

    /// @dev "ipfs://b" as a big-endian uint64.
    uint256 private constant _PREFIX = 0x697066733a2f2f62;
    uint256 private constant _PREFIX_LENGTH = 8;
    /// @dev The multihash header: sha2-256 (0x12), 32 bytes (0x20).
    uint256 private constant _SHA2_256_HEADER = 0x1220;

    /// @notice Splits `uri` into its multicodec and digest; `ok` is false when `uri` is not canonical.
    function parse(string memory uri) internal pure returns (bool ok, uint16 codec, bytes32 digest) {
        uint256 length = bytes(uri).length;
        uint256 padBits;
        if (length == _PREFIX_LENGTH + 58) padBits = 2;
        else if (length == _PREFIX_LENGTH + 60) padBits = 4;
        else return (false, 0, bytes32(0));

        uint256 hi;
        uint256 lo;
        bool malformed;
        assembly ("memory-safe") {
            let start := add(uri, 0x20)
            malformed := iszero(eq(shr(192, mload(start)), _PREFIX))
            let end := add(start, length)
            for { let p := add(start, _PREFIX_LENGTH) } lt(p, end) { p := add(p, 1) } {
                let c := byte(0, mload(p))
                let value := sub(c, 0x61) // 'a'..'z' -> 0..25
                if gt(value, 25) {
                    value := sub(c, 0x18) // '2'..'7' -> 26..31
                    if or(lt(value, 26), gt(value, 31)) { malformed := 1 }
                }
                hi := or(shl(5, hi), shr(251, lo))
                lo := or(shl(5, lo), and(value, 31))
            }
        }
        // Canonical base32 leaves the padding bits zero.
        if (malformed || lo & ((1 << padBits) - 1) != 0) return (false, 0, bytes32(0));

        digest = bytes32((lo >> padBits) | (hi << (256 - padBits)));
        uint256 header = hi >> padBits;
        if (header & 0xffff != _SHA2_256_HEADER) return (false, 0, bytes32(0));
        if (padBits == 2) {
            // 0x01 codec 0x12 0x20
            uint256 single = (header >> 16) & 0xff;
            if (header >> 24 != 0x01 || single >= 0x80) return (false, 0, bytes32(0));
            codec = uint16(single);
        } else {
            // 0x01 low high 0x12 0x20: a two-byte varint with a non-zero final byte
            uint256 low = (header >> 24) & 0xff;
            uint256 high = (header >> 16) & 0xff;
            if (header >> 32 != 0x01 || low < 0x80 || high == 0 || high >= 0x80) {
                return (false, 0, bytes32(0));
            }
            codec = uint16((low & 0x7f) | (high << 7));
        }
        ok = true;
    }

    /// @notice The canonical `ipfs://` URI of the CIDv1 with `codec` and sha2-256 `digest`.
    function format(uint16 codec, bytes32 digest) internal pure returns (string memory uri) {
        if (codec >= 1 << 14) revert CodecTooLarge(codec);
        uint256 header;
        uint256 padBits;
        uint256 characters;
        if (codec < 0x80) {
            header = (0x01 << 24) | (uint256(codec) << 16) | _SHA2_256_HEADER;
            (padBits, characters) = (2, 58);
        } else {
            uint256 varint = ((uint256(codec) & 0x7f | 0x80) << 8) | (uint256(codec) >> 7);
            header = (0x01 << 32) | (varint << 16) | _SHA2_256_HEADER;
            (padBits, characters) = (4, 60);
        }
        uint256 lo = uint256(digest) << padBits;
        uint256 hi = (header << padBits) | (uint256(digest) >> (256 - padBits));
        uri = new string(_PREFIX_LENGTH + characters);
        assembly ("memory-safe") {
            let start := add(uri, 0x20)
            mstore(start, or(shl(192, _PREFIX), and(mload(start), sub(shl(192, 1), 1))))
            // lowercase RFC 4648 alphabet, indexed from the right of the word by byte(31 - value)
            let alphabet := "abcdefghijklmnopqrstuvwxyz234567"
            let out := add(start, _PREFIX_LENGTH)
            for { let i := 0 } lt(i, characters) { i := add(i, 1) } {
                // The (characters - 1 - i)-th 5-bit group from the bottom of (hi, lo).
                let shift := mul(sub(sub(characters, 1), i), 5)
                let group
                switch lt(shift, 256)
                case 1 { group := or(shr(shift, lo), shl(sub(256, shift), hi)) }
                default { group := shr(sub(shift, 256), hi) }
                mstore8(add(out, i), byte(and(group, 31), alphabet))
            }
        }
    }
}
