import NIOCore
import NIOHTTP1

/// A `/drip` body spread over time: tick `k` of `ticks` is due at `start + duration·k/ticks`
/// and brings the bytes sent up to `total·k/ticks`, so timer lateness never accumulates.
struct DripSchedule {
    let total: Int
    let ticks: Int
    let start: NIODeadline
    let duration: TimeAmount
    var ticksDone = 0
    var sent = 0

    /// At most one write per 10 ms and per byte: "10 bytes over 1000 ms" is a byte every
    /// 100 ms, "1 MiB over 1000 ms" is 100 writes, not a million timers.
    static func ticks(bytes: Int, milliseconds: Int64) -> Int {
        min(bytes, max(1, Int(milliseconds / 10)))
    }

    var nextDeadline: NIODeadline {
        start + .nanoseconds(duration.nanoseconds * Int64(ticksDone + 1) / Int64(ticks))
    }
}

extension HTTPExchangeHandler {
    func startDrip(bytes: Int, milliseconds: Int64, context: ChannelHandlerContext) {
        let headers: HTTPHeaders = [
            "content-type": SimpleResponse.textContentType,
            "content-length": String(bytes),
        ]
        writeHead(.ok, headers: headers, context: context)
        guard exchange?.sendsBody == true, bytes > 0 else {
            finishResponse(context: context)
            return
        }
        context.flush()
        drip = DripSchedule(
            total: bytes,
            ticks: DripSchedule.ticks(bytes: bytes, milliseconds: milliseconds),
            start: .now(),
            duration: .milliseconds(milliseconds)
        )
        scheduleDripTick(context: context)
    }

    private func scheduleDripTick(context: ChannelHandlerContext) {
        guard let drip else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: drip.nextDeadline) {
            self.timer = nil
            self.dripTick(context: context)
        }
    }

    private func dripTick(context: ChannelHandlerContext) {
        guard var drip, context.channel.isActive else { return }
        drip.ticksDone += 1
        let target = drip.total * drip.ticksDone / drip.ticks
        writePatternBody(offset: UInt64(drip.sent), length: target - drip.sent, context: context)
        drip.sent = target
        if drip.ticksDone == drip.ticks {
            self.drip = nil
            finishResponse(context: context)
        } else {
            self.drip = drip
            context.flush()
            scheduleDripTick(context: context)
        }
    }
}
