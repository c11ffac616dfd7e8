/// How large a receive buffer (`CURLOPT_BUFFERSIZE`) each transfer gets. A large one reads
/// a bulk body in fewer `recv` calls and write callbacks; but curl 7.88 allocates it for
/// every transfer (`Curl_preconnect`) and frees it when the transfer ends (`multi_done`),
/// so a loop's transfers in flight hold one each: the size is a budget shared by them.
enum ReceiveBuffer {
    /// What the buffers of one loop's transfers in flight may take together.
    static let budget = 8 << 20
    /// curl's default (`CURL_MAX_WRITE_SIZE`): never less than curl would use.
    static let smallest = 16 << 10
    /// Past this a larger buffer reads no faster on loopback: `recv` rarely has more to
    /// give. (curl 7.88 takes up to `CURL_MAX_READ_SIZE`, 10 MiB.)
    static let largest = 512 << 10

    /// The size for each of `concurrentTransfers` transfers in flight: `budget` shared,
    /// within `smallest`…`largest` (16 KiB from 512 transfers on, 512 KiB up to 16).
    static func size(concurrentTransfers: Int) -> Int {
        min(largest, max(smallest, budget / max(1, concurrentTransfers)))
    }
}
