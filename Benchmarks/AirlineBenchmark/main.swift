print("AirlineBenchmark: not yet implemented")
