extension TransferResult {
    /// Settles the body's file once the transfer is over: an ok transfer's `.part` is
    /// renamed to its final name (the record gets its `path`), any other's is removed.
    /// A rename that fails makes the record an `output` failure.
    mutating func settleBody(in sink: BodySink) {
        guard let file = sink.file else { return }
        guard isOK else {
            file.discard()
            return
        }
        switch file.keep() {
        case .success(let saved): path = saved
        case .failure(let problem):
            errorOverride = problem.errorClass
            message = problem.message
        }
    }
}
