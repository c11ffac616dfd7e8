import CLinuxCurl

extension FetchRecord {
    /// The record failed the way `--retry` retries (a timeout, a refused or reset
    /// connection, a lookup failure, 408, 429, 500, 502, 503 or 504), after whatever retries
    /// the run made: worth another delivery in queue mode, perhaps by another machine. A
    /// cancel, a bad line, robots.txt, a body too large or a 404 would only fail the same.
    public var isTransientFailure: Bool {
        guard !ok, error != .cancelled, error != .poisoned, let code = UInt32(exactly: curlCode) else { return false }
        return TransferResult.isTransient(curlCode: CURLcode(code), status: status)
    }
}
