#ifndef C_MEMORY_MAPPING_H
#define C_MEMORY_MAPPING_H

#include <stddef.h>

/// Grows (or shrinks) the anonymous mapping at `address` from `old_size` to `new_size` bytes with
/// `mremap(MREMAP_MAYMOVE)`: the kernel moves the pages, nothing is copied. Returns the new address, or NULL when
/// the call failed or the platform has no `mremap` (Swift cannot call the variadic `mremap` itself).
void *c_memory_mapping_remap(void *address, size_t old_size, size_t new_size);

/// Asks for the cache line holding `address` ahead of a read (Swift has no prefetch intrinsic): the group table's
/// hash probes land at random addresses, and a lookup known a few rows early can have its line on the way.
static inline void c_memory_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

/// The same ahead of a write (the line is fetched for ownership).
static inline void c_memory_prefetch_write(const void *address) { __builtin_prefetch(address, 1, 3); }

#endif
