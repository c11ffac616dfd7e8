import ArgumentParser
import FetchKit

extension StrategyKind: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}
