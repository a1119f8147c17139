print("BlobTransferBenchmark: not yet implemented")
