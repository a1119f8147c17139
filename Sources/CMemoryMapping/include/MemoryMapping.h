#ifndef C_MEMORY_MAPPING_H
#define C_MEMORY_MAPPING_H

#include <stddef.h>

/// Grows (or shrinks) the anonymous mapping at `address` from `old_size` to `new_size` bytes with
/// `mremap(MREMAP_MAYMOVE)`: the kernel moves the pages, nothing is copied. Returns the new address, or NULL when
/// the call failed or the platform has no `mremap` (Swift cannot call the variadic `mremap` itself).
void *c_memory_mapping_remap(void *address, size_t old_size, size_t new_size);

#endif
