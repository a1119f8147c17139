// Placeholder: the CompressionCodecs module is filled in by its issue.
