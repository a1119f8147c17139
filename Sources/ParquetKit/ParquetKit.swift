// Placeholder: the ParquetKit module is filled in by its issue.
