// The CSV kernel's record scanner: one pass over a chunk that finds each record's end and the offsets of the
// separators around the fields a query reads, with quotes (RFC 4180) respected.
//
// Two builds of one body (RecordScannerBody.h): a portable one (SSE2 or NEON compares, popcount and select in
// plain C) and, on x86-64 CPUs with AVX2, BMI1/2, POPCNT and PCLMULQDQ, one compiled for those (two 32-byte
// compares per 64-byte block, hardware popcount, `pdep` select, carry-less multiply for the quote mask). The
// baseline x86-64 target has no POPCNT, so Swift code cannot get these instructions without build flags that a
// package consumed as a dependency may not set; the choice is made once, at run time, from CPUID.
#ifndef RECORD_SCANNER_H
#define RECORD_SCANNER_H

#include <stdint.h>

/// One record found by the scanner.
typedef struct {
    /// Chunk offset of the record's first byte.
    int64_t start;
    /// Chunk offset of the line feed (outside quotes) that ends it.
    int64_t newline;
    /// Separators (delimiters and the line feed, outside quotes) from `start` through `newline`: the field count.
    int64_t fields;
} csv_record;

/// A scan over one chunk: its bytes and dialect, the separators wanted per record, and where results go.
typedef struct {
    /// The chunk; 64 bytes past `end` must be readable (their values do not matter).
    const uint8_t *base;
    /// The chunk's length: scanning stops there.
    int64_t end;
    uint8_t delimiter;
    uint8_t quote;
    /// Ascending ordinals (0 = the separator after field 0) of the separators whose offsets are wanted per record.
    const int32_t *boundaries;
    int32_t boundaryCount;
    /// Room for `capacity` records, and `capacity * boundaryCount` offsets (record r's at `r * boundaryCount`;
    /// -1 for a separator the record does not have).
    csv_record *records;
    int64_t *offsets;
    int32_t capacity;
    /// Set when a quote byte was seen at or after the scanned start (accumulates over calls).
    int32_t sawQuote;
    /// Line feeds inside quotes in the records returned (accumulates over calls).
    int64_t quotedLineFeeds;
} csv_scan;

/// Scans from chunk offset `start` (a record's first byte, outside quotes) and returns the number of records that
/// end before `end`, up to `capacity`; `*resume` is where the first record not returned starts.
int32_t csv_scan_records(csv_scan *scan, int64_t start, int64_t *resume);

/// The portable build, whatever the CPU (for tests that compare both builds).
int32_t csv_scan_records_portable(csv_scan *scan, int64_t start, int64_t *resume);

/// Whether `csv_scan_records` uses the AVX2/BMI2 build on this CPU.
int csv_scan_uses_avx2(void);

#endif
