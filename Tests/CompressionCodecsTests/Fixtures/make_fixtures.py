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
