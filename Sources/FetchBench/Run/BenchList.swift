/// The URL list of a benchmark. Every child run reads it anew, so the children always
/// get a file: stdin, which could be read only once, is copied to one first.
public enum BenchList: Sendable {
    /// LIST files as the user gave them; `-` is stdin, copied once to a temporary file
    /// (removed when the benchmark ends) that every child run reads.
    case files([String])
    /// A generated list (the built-in workload): written to a temporary file for the
    /// children, and removed when the benchmark ends.
    case generated([String])
}
