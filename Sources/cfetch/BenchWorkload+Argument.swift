import ArgumentParser
import FetchBench

/// `--workload latency|throughput|mixed`: the workload's own names are the values.
extension BenchWorkload: ExpressibleByArgument {}
