// Everything is `static inline` in include/ByteClassifier.h, so Swift callers inline it; SwiftPM needs a source.
#include "ByteClassifier.h"
