/// What a running benchmark tells its caller, for a progress display.
public enum BenchEvent: Sendable {
    /// A child run is about to start.
    case runStarting(BenchStep)
    /// The last child run has ended; the report and trace are written next.
    case runsFinished
}
