import NIOCore
import NIOHTTP1
import NIOPosix

extension ServerBootstrap {
    /// Socket options and the per-connection pipeline of a ``TestServer``:
    /// connection counter → NIO's HTTP/1.1 server pipeline → ``ForwardProxyHandler`` →
    /// ``HTTPExchangeHandler``.
    /// One bootstrap per listening port: its connections count and obey rules as port `port`.
    static func forTestServer(
        group: MultiThreadedEventLoopGroup,
        counters: ServerCounters,
        rules: PortRules,
        port: Int
    ) -> ServerBootstrap {
        ServerBootstrap(group: group)
            // Tests open 10,000 connections in a burst; the kernel caps this at somaxconn.
            .serverChannelOption(.backlog, value: 4096)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            // Accept up to 64 connections per wake-up so a burst drains quickly.
            .serverChannelOption(.maxMessagesPerRead, value: 64)
            // Small responses and raw partial heads (slow-headers) must leave at once.
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 4)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(ConnectionCountingHandler(counters: counters))
                    try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true)
                    try pipeline.addHandler(ForwardProxyHandler(counters: counters))
                    try pipeline.addHandler(HTTPExchangeHandler(counters: counters, rules: rules, port: port))
                }
            }
    }
}
