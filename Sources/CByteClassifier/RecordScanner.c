#include "RecordScanner.h"
#include "ByteClassifier.h"

// MARK: portable build

static inline uint64_t scan_prefix_xor_portable(uint64_t mask) {
    mask ^= mask << 1;
    mask ^= mask << 2;
    mask ^= mask << 4;
    mask ^= mask << 8;
    mask ^= mask << 16;
    mask ^= mask << 32;
    return mask;
}

/// Offset of the set bit of rank `rank` (0 = the lowest); it must exist.
static inline unsigned scan_select_portable(uint64_t bits, unsigned rank) {
    while (rank-- > 0) bits &= bits - 1;
    return (unsigned)__builtin_ctzll(bits);
}

#define SCAN_NAME csv_scan_records_portable
#define SCAN_TARGET
#define SCAN_CLASSIFY byte_classifier_classify
#define SCAN_PREFIX_XOR scan_prefix_xor_portable
#define SCAN_POPCOUNT __builtin_popcountll
#define SCAN_SELECT scan_select_portable
#include "RecordScannerBody.h"
#undef SCAN_NAME
#undef SCAN_TARGET
#undef SCAN_CLASSIFY
#undef SCAN_PREFIX_XOR
#undef SCAN_POPCOUNT
#undef SCAN_SELECT

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <cpuid.h>
#include <immintrin.h>

#define SCAN_AVX2_TARGET __attribute__((target("avx2,bmi,bmi2,popcnt,pclmul")))

static inline SCAN_AVX2_TARGET ByteClassMasks scan_classify_avx2(const uint8_t *block, uint8_t delimiter,
                                                                 uint8_t quote) {
    const __m256i lineFeeds = _mm256_set1_epi8('\n');
    const __m256i delimiters = _mm256_set1_epi8((char)delimiter);
    const __m256i quotes = _mm256_set1_epi8((char)quote);
    __m256i low = _mm256_loadu_si256((const __m256i *)block);
    __m256i high = _mm256_loadu_si256((const __m256i *)(block + 32));
    __m256i lowFeeds = _mm256_cmpeq_epi8(low, lineFeeds);
    __m256i highFeeds = _mm256_cmpeq_epi8(high, lineFeeds);
    __m256i lowSeparators = _mm256_or_si256(lowFeeds, _mm256_cmpeq_epi8(low, delimiters));
    __m256i highSeparators = _mm256_or_si256(highFeeds, _mm256_cmpeq_epi8(high, delimiters));
    ByteClassMasks masks;
    masks.newlines = (uint64_t)(uint32_t)_mm256_movemask_epi8(lowFeeds)
                     | ((uint64_t)(uint32_t)_mm256_movemask_epi8(highFeeds) << 32);
    masks.separators = (uint64_t)(uint32_t)_mm256_movemask_epi8(lowSeparators)
                       | ((uint64_t)(uint32_t)_mm256_movemask_epi8(highSeparators) << 32);
    masks.quotes = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(low, quotes))
                   | ((uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(high, quotes)) << 32);
    return masks;
}

/// The prefix XOR as one carry-less multiply by all ones.
static inline SCAN_AVX2_TARGET uint64_t scan_prefix_xor_clmul(uint64_t mask) {
    __m128i product = _mm_clmulepi64_si128(_mm_set_epi64x(0, (long long)mask), _mm_set1_epi8((char)0xFF), 0);
    return (uint64_t)_mm_cvtsi128_si64(product);
}

static inline SCAN_AVX2_TARGET unsigned scan_select_bmi2(uint64_t bits, unsigned rank) {
    return (unsigned)_tzcnt_u64(_pdep_u64((uint64_t)1 << rank, bits));
}

static inline SCAN_AVX2_TARGET int64_t scan_popcount_hardware(uint64_t bits) { return _mm_popcnt_u64(bits); }

#define SCAN_NAME csv_scan_records_avx2
#define SCAN_TARGET SCAN_AVX2_TARGET static
#define SCAN_CLASSIFY scan_classify_avx2
#define SCAN_PREFIX_XOR scan_prefix_xor_clmul
#define SCAN_POPCOUNT scan_popcount_hardware
#define SCAN_SELECT scan_select_bmi2
#include "RecordScannerBody.h"

/// AVX2, BMI1, BMI2, POPCNT and PCLMULQDQ, and an OS that saves the YMM registers.
static int scan_detect_avx2(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned pclmul = 1u << 1, popcnt = 1u << 23, osxsave = 1u << 27, avx = 1u << 28;
    if ((ecx & (pclmul | popcnt | osxsave | avx)) != (pclmul | popcnt | osxsave | avx)) return 0;
    unsigned xcrLow, xcrHigh;
    __asm__("xgetbv" : "=a"(xcrLow), "=d"(xcrHigh) : "c"(0));
    if ((xcrLow & 0x6) != 0x6) return 0;  // XMM and YMM state
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    const unsigned bmi1 = 1u << 3, avx2 = 1u << 5, bmi2 = 1u << 8;
    return (ebx & (bmi1 | avx2 | bmi2)) == (bmi1 | avx2 | bmi2);
}

// 0 unknown, 1 portable, 2 AVX2; a benign race: every thread computes the same value.
static volatile int scan_level = 0;

int csv_scan_uses_avx2(void) {
    int level = scan_level;
    if (level == 0) {
        level = scan_detect_avx2() ? 2 : 1;
        scan_level = level;
    }
    return level == 2;
}

int32_t csv_scan_records(csv_scan *scan, int64_t start, int64_t *resume) {
    if (csv_scan_uses_avx2()) return csv_scan_records_avx2(scan, start, resume);
    return csv_scan_records_portable(scan, start, resume);
}

#else

int csv_scan_uses_avx2(void) { return 0; }

int32_t csv_scan_records(csv_scan *scan, int64_t start, int64_t *resume) {
    return csv_scan_records_portable(scan, start, resume);
}

#endif
