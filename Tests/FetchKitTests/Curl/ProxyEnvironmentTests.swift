import Testing

@testable import FetchKit

/// The proxy a run sets on its handles, read from the environment once, as libcurl 7.88
/// would read it per transfer (`url.c`). The end-to-end `ProxyTests` check the same rules
/// through real transfers.
@Suite("Proxy environment")
struct ProxyEnvironmentTests {
    private func environment(_ variables: [String: String]) -> ProxyEnvironment {
        ProxyEnvironment { variables[$0] }
    }

    @Test("per scheme: http_proxy (not HTTP_PROXY); https_proxy, then HTTPS_PROXY; then all_proxy, ALL_PROXY")
    func lookupOrder() {
        #expect(environment([:]) == ProxyEnvironment(lookup: { _ in nil }))
        #expect(environment(["HTTP_PROXY": "h"]).http == nil)
        #expect(environment(["http_proxy": "h", "ALL_PROXY": "a"]).http == "h")
        #expect(environment(["ALL_PROXY": "A"]).http == "A")
        #expect(environment(["all_proxy": "a", "ALL_PROXY": "A"]).https == "a")
        #expect(environment(["HTTPS_PROXY": "S", "all_proxy": "a"]).https == "S")
        #expect(environment(["https_proxy": "s", "HTTPS_PROXY": "S"]).https == "s")
        #expect(environment(["no_proxy": "n", "NO_PROXY": "N"]).noProxy == "n")
        #expect(environment(["NO_PROXY": "N"]).noProxy == "N")
    }

    @Test("a variable set empty counts as unset, as curl_getenv has it")
    func emptyIsUnset() {
        let read = environment(["https_proxy": "", "HTTPS_PROXY": "S", "http_proxy": "", "no_proxy": ""])
        #expect(read.https == "S" && read.http == nil && read.noProxy == nil)
    }

    @Test("-x wins; one proxy for both schemes (or none) is fixed; two differ by scheme, or go to curl with -L")
    func choice() {
        let split = environment(["http_proxy": "h", "https_proxy": "s"])
        #expect(ProxyChoice(proxy: "", environment: split, followsRedirects: true) == .fixed(""))
        #expect(ProxyChoice(proxy: nil, environment: environment([:]), followsRedirects: true) == .fixed(""))
        let same = environment(["ALL_PROXY": "a"])
        #expect(ProxyChoice(proxy: nil, environment: same, followsRedirects: true) == .fixed("a"))
        let bySchemeChoice = ProxyChoice(proxy: nil, environment: split, followsRedirects: false)
        #expect(bySchemeChoice == .byScheme(http: "h", https: "s"))
        #expect(bySchemeChoice.perTransfer(url: "HTTPS://x.example/") == "s")
        #expect(bySchemeChoice.perTransfer(url: "http://x.example/") == "h")
        #expect(bySchemeChoice.perHandle == nil)
        #expect(ProxyChoice(proxy: nil, environment: split, followsRedirects: true) == .leftToCurl)
        #expect(ProxyChoice.leftToCurl.perTransfer(url: "http://x.example/") == nil)
    }

    @Test("https is told from http in any case, and nothing else is https")
    func scheme() {
        #expect(URLScheme.isHTTPS("https://a/") && URLScheme.isHTTPS("HtTpS://a/"))
        #expect(!URLScheme.isHTTPS("http://a/") && !URLScheme.isHTTPS("https") && !URLScheme.isHTTPS("httpsx://a/"))
    }
}

/// The receive buffer each transfer gets: a budget shared by the transfers in flight.
@Suite("Receive buffer")
struct ReceiveBufferTests {
    @Test("512 KiB for a few transfers, 16 KiB (curl's own) for thousands, the budget shared between")
    func sizes() {
        #expect(ReceiveBuffer.size(concurrentTransfers: 0) == 512 << 10)
        #expect(ReceiveBuffer.size(concurrentTransfers: 4) == 512 << 10)
        #expect(ReceiveBuffer.size(concurrentTransfers: 64) == 128 << 10)
        #expect(ReceiveBuffer.size(concurrentTransfers: 10_000) == 16 << 10)
        for count in [1, 50, 100, 1000, 100_000] {
            #expect(ReceiveBuffer.size(concurrentTransfers: count) * min(count, 512) <= ReceiveBuffer.budget)
        }
    }
}
