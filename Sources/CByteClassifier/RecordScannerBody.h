// The body of one record scanner build. The including file defines SCAN_NAME, SCAN_TARGET (function attributes),
// SCAN_CLASSIFY (64 bytes -> ByteClassMasks), SCAN_PREFIX_XOR, SCAN_POPCOUNT and SCAN_SELECT (offset of the k-th
// set bit), so each build gets its own instructions. No include guard: it is included once per build.

SCAN_TARGET int32_t SCAN_NAME(csv_scan *scan, int64_t start, int64_t *resume) {
    const uint8_t *base = scan->base;
    const int64_t end = scan->end;
    const uint8_t delimiter = scan->delimiter;
    const uint8_t quote = scan->quote;
    const int32_t *wanted = scan->boundaries;
    const int32_t wantedCount = scan->boundaryCount;
    csv_record *records = scan->records;
    int64_t *recordOffsets = scan->offsets;
    const int32_t capacity = scan->capacity;
    int32_t count = 0;
    int64_t recordStart = start;
    // Separators of the current record before the bits being looked at, and the next wanted one.
    int64_t ordinal = 0;
    int32_t next = 0;
    uint64_t inside = 0;
    uint64_t anyQuote = 0;
    int64_t quotedLineFeeds = 0;
    int64_t pendingLineFeeds = 0;
    *resume = start;
    if (start >= end || capacity <= 0) return 0;
    int64_t blockStart = start & ~(int64_t)63;
    // Bytes of the first block before `start` belong to an earlier record.
    uint64_t kept = ~(uint64_t)0 << (start & 63);
    for (; blockStart < end; blockStart += 64) {
        ByteClassMasks masks = SCAN_CLASSIFY(base + blockStart, delimiter, quote);
        uint64_t separators = masks.separators & kept;
        uint64_t newlines = masks.newlines & kept;
        uint64_t quotes = masks.quotes & kept;
        kept = ~(uint64_t)0;
        if (end - blockStart < 64) {
            uint64_t valid = ((uint64_t)1 << (end - blockStart)) - 1;
            separators &= valid;
            newlines &= valid;
            quotes &= valid;
        }
        anyQuote |= quotes;
        uint64_t quotedNewlines = 0;
        if ((quotes | inside) != 0) {
            uint64_t quoted = SCAN_PREFIX_XOR(quotes) ^ inside;
            inside = (uint64_t)((int64_t)quoted >> 63);
            quotedNewlines = newlines & quoted;
            separators &= ~quoted;
            newlines &= ~quoted;
        }
        for (;;) {
            // The bits through the first newline belong to the current record.
            uint64_t through = newlines != 0 ? (newlines ^ (newlines - 1)) : ~(uint64_t)0;
            uint64_t bits = separators & through;
            int64_t present = SCAN_POPCOUNT(bits);
            while (next < wantedCount && wanted[next] < ordinal + present) {
                recordOffsets[next] = blockStart + SCAN_SELECT(bits, (unsigned)(wanted[next] - ordinal));
                next++;
            }
            ordinal += present;
            if (newlines == 0) break;
            if (quotedNewlines != 0) {
                pendingLineFeeds += SCAN_POPCOUNT(quotedNewlines & through);
                quotedNewlines &= ~through;
            }
            while (next < wantedCount) recordOffsets[next++] = -1;
            int64_t newline = blockStart + __builtin_ctzll(newlines);
            records[count].start = recordStart;
            records[count].newline = newline;
            records[count].fields = ordinal;
            quotedLineFeeds += pendingLineFeeds;
            pendingLineFeeds = 0;
            count++;
            recordStart = newline + 1;
            if (count == capacity) goto done;
            recordOffsets += wantedCount;
            ordinal = 0;
            next = 0;
            separators &= ~through;
            newlines &= ~through;
        }
        pendingLineFeeds += SCAN_POPCOUNT(quotedNewlines);
    }
done:
    *resume = recordStart;
    if (anyQuote != 0) scan->sawQuote = 1;
    scan->quotedLineFeeds += quotedLineFeeds;
    return count;
}
