print("DecompressBenchmark: not yet implemented")
