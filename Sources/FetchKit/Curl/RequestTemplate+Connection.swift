import CLinuxCurl

/// The lists of `--resolve` and `--connect-to`, built once per run and kept alive by the
/// template that sets them on every handle.
struct ConnectionLists: Sendable {
    let resolve: CurlStringList?
    let connectTo: CurlStringList?

    init(_ settings: ConnectionSettings) {
        resolve = CurlStringList(settings.resolve)
        connectTo = CurlStringList(settings.connectTo)
    }
}

extension RequestTemplate {
    /// Sets `options.connection` on a handle and returns curl's answer to each option set:
    /// the user asked for each of them, so a libcurl that refuses one never starts a run
    /// (`checkGuarantees`). Options not asked for stay curl's defaults, but for the proxy:
    /// without `-x` and `--noproxy` the environment's, read once (`ProxyChoice`), so that
    /// libcurl does not read `http_proxy`, `https_proxy`, `ALL_PROXY` and `NO_PROXY` itself
    /// with a `getenv` each per transfer. Per scheme it chooses as curl would.
    func applyConnection(to handle: UnsafeMutableRawPointer) -> [(option: String, code: CURLcode)] {
        let settings = options.connection
        var answers: [(option: String, code: CURLcode)] = []
        func set(_ name: String, _ option: CURLoption, _ value: String?) {
            guard let value else { return }
            answers.append((name, cfetch_easy_setopt_string(handle, option, value)))
        }
        set("CURLOPT_PROXY", CURLOPT_PROXY, settings.proxy)
        set("CURLOPT_NOPROXY", CURLOPT_NOPROXY, settings.noProxy)
        if settings.proxy == nil, let proxy = proxy.perHandle {
            cfetch_easy_setopt_string(handle, CURLOPT_PROXY, proxy)
        }
        if settings.noProxy == nil {
            cfetch_easy_setopt_string(handle, CURLOPT_NOPROXY, noProxy)
        }
        if let resolve = connectionLists.resolve {
            answers.append(("CURLOPT_RESOLVE", cfetch_easy_setopt_slist(handle, CURLOPT_RESOLVE, resolve.pointer)))
        }
        if let connectTo = connectionLists.connectTo {
            answers.append(
                ("CURLOPT_CONNECT_TO", cfetch_easy_setopt_slist(handle, CURLOPT_CONNECT_TO, connectTo.pointer)))
        }
        set("CURLOPT_CAINFO", CURLOPT_CAINFO, settings.caCertificates)
        set("CURLOPT_CAPATH", CURLOPT_CAPATH, settings.caDirectory)
        set("CURLOPT_SSLCERT", CURLOPT_SSLCERT, settings.clientCertificate)
        set("CURLOPT_SSLCERTTYPE", CURLOPT_SSLCERTTYPE, settings.clientCertificateType?.uppercased())
        set("CURLOPT_SSLKEY", CURLOPT_SSLKEY, settings.clientKey)
        set("CURLOPT_SSLKEYTYPE", CURLOPT_SSLKEYTYPE, settings.clientKeyType?.uppercased())
        set("CURLOPT_KEYPASSWD", CURLOPT_KEYPASSWD, settings.keyPassword)
        return answers
    }
}
