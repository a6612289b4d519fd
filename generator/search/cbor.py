"""Two pieces of CBOR that the index merge writes and reads by hand, byte for byte."""

from __future__ import annotations


def item_head(major: int, value: int) -> bytes:
    """A CBOR item header (the encoding Pagefind and cbor2 both use: shortest form)."""
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError(value)


def array_length(data: bytes, offset: int) -> tuple[int, int]:
    """Length of the CBOR array whose header is at ``offset``, and where its items start."""
    info = data[offset] & 0x1F
    if info < 24:
        return info, offset + 1
    size = 1 << (info - 24)
    return int.from_bytes(data[offset + 1 : offset + 1 + size], "big"), offset + 1 + size
