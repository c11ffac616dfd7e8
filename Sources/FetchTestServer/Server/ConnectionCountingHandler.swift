import NIOCore

/// Counts open TCP connections; sits first in every accepted channel's pipeline.
final class ConnectionCountingHandler: ChannelInboundHandler {
    typealias InboundIn = NIOAny

    private let counters: ServerCounters
    // channelInactive can only follow channelActive, but a channel that fails during
    // registration never becomes active; the flag keeps the count from going negative.
    private var isCounted = false

    init(counters: ServerCounters) {
        self.counters = counters
    }

    func channelActive(context: ChannelHandlerContext) {
        if !isCounted {
            isCounted = true
            counters.connectionOpened()
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if isCounted {
            isCounted = false
            counters.connectionClosed()
        }
        context.fireChannelInactive()
    }
}
