/// What a running benchmark tells its caller, for a progress display.
public enum BenchEvent: Sendable {
    /// Before the first run: how many runs there will be, and the tools left out, each
    /// with why ("aria2c: not installed (apt-get install aria2)").
    case planned(runs: Int, leftOut: [String])
    /// A child run is about to start.
    case runStarting(BenchStep)
    /// The last child run has ended; the report and trace are written next.
    case runsFinished
}
