// Byte-class bitmasks of 64-byte blocks for the CSV kernel: bit i of each mask describes byte i of the block.
//
// Swift's SIMD types have no `movemask`, and emulating it costs about as much as the compares themselves; these
// static inline functions give Swift the one instruction (SSE2 `pmovmskb`, in the x86-64 baseline) and are
// inlined into the Swift caller. Other architectures get a NEON or portable version with the same results.
#ifndef BYTE_CLASSIFIER_H
#define BYTE_CLASSIFIER_H

#include <stdint.h>

// The record scanner builds on these masks; included here so that a build that cached this module sees it.
#include "RecordScanner.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__aarch64__)
#include <arm_neon.h>
#endif

/// The three masks of one block.
typedef struct {
    /// Delimiters and line feeds.
    uint64_t separators;
    /// Line feeds.
    uint64_t newlines;
    /// Quote bytes.
    uint64_t quotes;
} ByteClassMasks;

#if defined(__aarch64__)
static inline uint64_t byte_classifier_pack(uint8x16_t mask) {
    // Each byte's top bit, weighted by its lane, then summed per 8-byte half.
    static const uint8_t weights[16] = {1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128};
    uint8x16_t bits = vandq_u8(mask, vld1q_u8(weights));
    return (uint64_t)vaddv_u8(vget_low_u8(bits)) | ((uint64_t)vaddv_u8(vget_high_u8(bits)) << 8);
}
#endif

/// Classifies the 64 bytes at `block` (all must be readable).
static inline ByteClassMasks byte_classifier_classify(const uint8_t *block, uint8_t delimiter, uint8_t quote) {
    ByteClassMasks masks = {0, 0, 0};
#if defined(__SSE2__)
    const __m128i delimiters = _mm_set1_epi8((char)delimiter);
    const __m128i lineFeeds = _mm_set1_epi8('\n');
    const __m128i quotes = _mm_set1_epi8((char)quote);
    for (int lane = 0; lane < 4; lane++) {
        __m128i bytes = _mm_loadu_si128((const __m128i *)(block + 16 * lane));
        __m128i lineFeed = _mm_cmpeq_epi8(bytes, lineFeeds);
        __m128i separator = _mm_or_si128(lineFeed, _mm_cmpeq_epi8(bytes, delimiters));
        masks.newlines |= (uint64_t)(uint16_t)_mm_movemask_epi8(lineFeed) << (16 * lane);
        masks.separators |= (uint64_t)(uint16_t)_mm_movemask_epi8(separator) << (16 * lane);
        masks.quotes |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, quotes)) << (16 * lane);
    }
#elif defined(__aarch64__)
    for (int lane = 0; lane < 4; lane++) {
        uint8x16_t bytes = vld1q_u8(block + 16 * lane);
        uint8x16_t lineFeed = vceqq_u8(bytes, vdupq_n_u8('\n'));
        uint8x16_t separator = vorrq_u8(lineFeed, vceqq_u8(bytes, vdupq_n_u8(delimiter)));
        masks.newlines |= byte_classifier_pack(lineFeed) << (16 * lane);
        masks.separators |= byte_classifier_pack(separator) << (16 * lane);
        masks.quotes |= byte_classifier_pack(vceqq_u8(bytes, vdupq_n_u8(quote))) << (16 * lane);
    }
#else
    for (int index = 0; index < 64; index++) {
        uint64_t bit = (uint64_t)1 << index;
        uint8_t byte = block[index];
        if (byte == '\n') masks.newlines |= bit;
        if (byte == '\n' || byte == delimiter) masks.separators |= bit;
        if (byte == quote) masks.quotes |= bit;
    }
#endif
    return masks;
}

#endif
