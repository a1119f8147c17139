#!/usr/bin/env python3
"""Regenerates the CompressionCodecs test fixtures with the system bzip2/gzip tools and Python's zlib.

Run from this folder: python3 make_fixtures.py. The large plaintext is not stored: tests rebuild it with the
same generator (FixtureText.swift mirrors `generated_text`).
"""
import gzip, os, struct, subprocess, zlib

WORDS = ["2007", "ORD", "ATL", "DFW", "NA", "WN", "AA", "UA", "-5", "12", "1450", "0", "LAX", "SFO", "N712SW", "37"]

def generated_text(size, seed):
    """CSV-like lines from a 31-bit LCG; mirrored by FixtureText.generated(size:seed:)."""
    x = seed
    out = bytearray()
    while len(out) < size:
        fields = []
        for _ in range(8):
            x = (x * 1103515245 + 12345) & 0x7FFFFFFF
            fields.append(WORDS[(x >> 16) % len(WORDS)])
        out += (",".join(fields) + "\n").encode()
    return bytes(out[:size])

def tool(args, data):
    return subprocess.run(args, input=data, stdout=subprocess.PIPE, check=True).stdout

def write(name, data):
    with open(name, "wb") as f:
        f.write(data)

text = open("sample.txt", "rb").read()
runs = b"a" * 1000 + b"bbbb" + b"c" * 4 + b"d" * 259 + bytes(range(256)) * 3 + b"\x00" * 5000
write("runs.txt", runs)
big = generated_text(250_000, 7)

write("sample.txt.bz2", tool(["bzip2", "-9", "-c"], text))
write("empty.bz2", tool(["bzip2", "-c"], b""))
write("runs.txt.bz2", tool(["bzip2", "-c"], runs))
write("generated-250k-level1.bz2", tool(["bzip2", "-1", "-c"], big))
write("concatenated.bz2", tool(["bzip2", "-1", "-c"], big[:120_000]) + tool(["bzip2", "-9", "-c"], big[120_000:]))

# A block that repeats one line: its inverse-BWT rows form one cycle per repeat, not one cycle in all.
write("periodic.bz2", tool(["bzip2", "-9", "-c"], b"2007,1,1,ORD,ATL,-5,12\n" * 3000))

# pbzip2-style: one single-block stream per 60 kB piece.
write("pbzip2-style.bz2", b"".join(tool(["bzip2", "-1", "-c"], big[i:i + 60_000]) for i in range(0, len(big), 60_000)))

write("sample.txt.gz", tool(["gzip", "-9", "-c", "-n"], text))
write("generated-250k.gz", tool(["gzip", "-6", "-c", "-n"], big))
write("multimember.gz", tool(["gzip", "-1", "-c", "-n"], big[:100_000]) + tool(["gzip", "-9", "-c", "-n"], big[100_000:]))

def raw_deflate(data, level=6, strategy=zlib.Z_DEFAULT_STRATEGY):
    c = zlib.compressobj(level, zlib.DEFLATED, -15, 9, strategy)
    return c.compress(data) + c.flush()

def member(data, body, flags=0, extra=b"", name=b"", comment=b""):
    header = bytearray(b"\x1f\x8b\x08" + bytes([flags]) + struct.pack("<I", 0) + b"\x00\xff")
    if flags & 4: header += struct.pack("<H", len(extra)) + extra
    if flags & 8: header += name + b"\x00"
    if flags & 16: header += comment + b"\x00"
    if flags & 2: header += struct.pack("<H", zlib.crc32(bytes(header)) & 0xFFFF)
    return bytes(header) + body + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)

write("all-header-fields.gz", member(text, raw_deflate(text), flags=2 | 4 | 8 | 16, extra=b"AB\x02\x00hi", name=b"sample.txt", comment=b"fixture"))
write("stored.gz", member(text, raw_deflate(text, level=0)))
write("fixed-huffman.gz", member(text, raw_deflate(text, strategy=zlib.Z_FIXED)))
write("empty.gz", member(b"", raw_deflate(b"")))
assert gzip.decompress(open("all-header-fields.gz", "rb").read()) == text

# --- bzip2 fixtures for the decoder's less common paths ---------------------------------------------------------

def bzip2_crc(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) & 0xFFFFFFFF if crc & 0x80000000 else (crc << 1) & 0xFFFFFFFF
    return crc ^ 0xFFFFFFFF

class MSBWriter:
    def __init__(self):
        self.bits = []
    def put(self, value, count):
        self.bits += [(value >> (count - 1 - i)) & 1 for i in range(count)]
    def bytes(self):
        padded = self.bits + [0] * (-len(self.bits) % 8)
        return bytes(int("".join(map(str, padded[i:i + 8])), 2) for i in range(0, len(padded), 8))

def randomiser_gaps():
    """The format's 512-entry table, read from the decoder's source; the result is checked by the system bzip2."""
    source = open("../../../Sources/CompressionCodecs/Bzip2/Bzip2Randomiser.swift").read()
    table = source[source.index("gaps: [UInt16] = [") + 18:]
    gaps = [int(n) for n in table[:table.index("]")].replace(",", " ").split()]
    assert len(gaps) == 512
    return gaps

def rle1(data):
    out, i = bytearray(), 0
    while i < len(data):
        run = 1
        while i + run < len(data) and data[i + run] == data[i] and run < 255:
            run += 1
        out += bytes([data[i]]) * min(run, 4) + (bytes([run - 4]) if run >= 4 else b"")
        i += run
    return bytes(out)

def encode_block(writer, data, randomised):
    """One block as bzip2 0.9.0 could write it: RLE1, optional randomisation, naive BWT, MTF/RLE2, two fixed-length
    Huffman groups used alternately. Small inputs only (the BWT sorts whole rotations)."""
    block = bytearray(rle1(data))
    if randomised:
        gaps, to_go, index = randomiser_gaps(), 0, 0
        for i in range(len(block)):
            if to_go == 0:
                to_go, index = gaps[index], (index + 1) % 512
            to_go -= 1
            block[i] ^= 1 if to_go == 1 else 0
    n = len(block)
    rotations = sorted(range(n), key=lambda k: bytes(block[k:] + block[:k]))
    origin = rotations.index(0)
    last = [block[(k - 1) % n] for k in rotations]
    used = sorted(set(block))
    order = list(used)
    symbols, zeros = [], 0
    def flush_zeros():
        nonlocal zeros
        while zeros > 0:
            symbols.append(0 if zeros & 1 else 1)
            zeros = (zeros - 1) // 2 if zeros & 1 else (zeros - 2) // 2
    for byte in last:
        position = order.index(byte)
        if position == 0:
            zeros += 1
            continue
        flush_zeros()
        order.insert(0, order.pop(position))
        symbols.append(position + 1)
    flush_zeros()
    alphabet = len(used) + 2
    symbols.append(alphabet - 1)
    length = max(1, (alphabet - 1).bit_length())

    writer.put(0x314159265359, 48)
    writer.put(bzip2_crc(data), 32)
    writer.put(1 if randomised else 0, 1)
    writer.put(origin, 24)
    ranges = [r for r in range(16) if any(r * 16 <= b < r * 16 + 16 for b in used)]
    writer.put(sum(0x8000 >> r for r in ranges), 16)
    for r in ranges:
        writer.put(sum(0x8000 >> (b - r * 16) for b in used if r * 16 <= b < r * 16 + 16), 16)
    selectors = [(i // 50) % 2 for i in range(0, len(symbols), 50)]
    writer.put(2, 3)
    writer.put(len(selectors), 15)
    groups = [0, 1]
    for group in selectors:
        rank = groups.index(group)
        writer.put((1 << (rank + 1)) - 2, rank + 1)  # rank ones, then a zero
        groups.insert(0, groups.pop(rank))
    for _ in range(2):
        writer.put(length, 5)
        for _ in range(alphabet):
            writer.put(0, 1)
    for symbol in symbols:
        writer.put(symbol, length)
    return bzip2_crc(data)

def encode_stream(blocks, randomised, level=9):
    writer = MSBWriter()
    writer.put(int.from_bytes(b"BZh" + str(level).encode(), "big"), 32)
    combined = 0
    for data in blocks:
        crc = encode_block(writer, data, randomised)
        combined = (((combined << 1) | (combined >> 31)) & 0xFFFFFFFF) ^ crc
    writer.put(0x177245385090, 48)
    writer.put(combined, 32)
    return writer.bytes()

# Randomised blocks (bzip2 0.9.0): runs long enough to cross RLE1, both parities of block length, 3 blocks.
random_source = generated_text(3000, 11) + b"x" * 300 + b"\x00" * 7
random_blocks = [random_source[:1601], random_source[1601:2900], random_source[2900:]]
write("randomised.bz2", encode_stream(random_blocks, randomised=True))
write("randomised.txt", random_source)
assert tool(["bzip2", "-dc"], open("randomised.bz2", "rb").read()) == random_source

# Tiny blocks: one stream per length 1…9 (odd and even block lengths), concatenated.
tiny = b"".join(tool(["bzip2", "-9", "-c"], big[:k]) for k in range(1, 10))
write("tiny-streams.bz2", tiny)

# Maximum-size blocks: 1 MB of the generated text repeated (long repeats keep the file small) at level 9, so the
# first block holds the full 900,000 symbols.
write("full-blocks.bz2", tool(["bzip2", "-9", "-c"], big * 4))
