/// What curl reports about a finished transfer's last attempt.
struct TransferInfo: Sendable {
    var status: Int?
    var httpVersion: String?
    var contentType: String?
    var effectiveURL: String?
    var phases = PhaseTimes()
}
