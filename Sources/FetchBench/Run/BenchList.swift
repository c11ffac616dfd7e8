/// The URL list of a benchmark. Every child run reads it anew, so it is always a file:
/// stdin could be read only once.
public enum BenchList: Sendable {
    /// LIST files as the user gave them.
    case files([String])
    /// A generated list (the built-in workload): written to a temporary file for the
    /// children, and removed when the benchmark ends.
    case generated([String])
}
