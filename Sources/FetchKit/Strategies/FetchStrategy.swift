/// A way of running `context.workers` workers that pull jobs from the shared queue until
/// it is drained, emitting exactly one record per job taken.
protocol FetchStrategy {
    /// Runs the workers and returns when every one of them has finished.
    func run(_ context: RunContext) throws
}

extension StrategyKind {
    func implementation(greenStackSize: Int) -> FetchStrategy {
        switch self {
        case .blocking: BlockingStrategy()
        case .callback: CallbackStrategy()
        case .future: FutureStrategy()
        case .green: GreenStrategy(stackSize: greenStackSize)
        case .structured: StructuredStrategy()
        }
    }
}
