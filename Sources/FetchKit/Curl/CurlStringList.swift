import CLinuxCurl

/// A `curl_slist` built once from strings and freed with its owner: curl keeps only the
/// pointer of a list option (`CURLOPT_RESOLVE`, `CURLOPT_CONNECT_TO`), so the list must
/// outlive every handle it is set on.
final class CurlStringList: @unchecked Sendable {  // guarded: immutable after init; curl only reads the list
    let pointer: UnsafeMutablePointer<curl_slist>

    /// nil for no strings: curl takes a NULL list as "none".
    init?(_ strings: [String]) {
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for string in strings {
            list = curl_slist_append(list, string)
        }
        guard let list else { return nil }
        pointer = list
    }

    deinit { curl_slist_free_all(pointer) }
}
