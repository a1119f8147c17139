print("AddTasksBenchmark: not yet implemented")
