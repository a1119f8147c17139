// The seeded SplitMix64 (`SeededRandom`) and the airline data generator live in the SyntheticAirlineData target,
// which benchmarks and examples share; test targets reach them through TestSupport, so there is one generator.
@_exported import SyntheticAirlineData
