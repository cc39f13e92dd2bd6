import DispatchEngine
import Foundation
import NIOCore
import NIOPosix

/// A console's connection to the floor: what the floor sends waits in an inbox the console's
/// own thread empties each tick, in order; an action waits for its acknowledgement (the
/// messages before it are applied on the way, so the replica has performed it when it returns).
public final class FloorClient: @unchecked Sendable {
    public enum Incoming: Sendable, Equatable {
        case message(FloorMessage)
        /// The connection is gone (the floor died or stopped).
        case lost(String)
    }

    private let group: MultiThreadedEventLoopGroup
    private var channel: Channel?
    private let condition = NSCondition()
    private var inbox: [Incoming] = []
    private var nextID: UInt64 = 1
    public let path: String

    /// Connects to the floor at `path`; throws a sentence when nothing answers there.
    public init(path: String, group: MultiThreadedEventLoopGroup? = nil) throws {
        self.path = path
        self.group = group ?? MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let box = InboxBox()
        // Set before connecting: the handler delivers nothing before the hello is answered, but
        // the connection may fail at once.
        box.client = self
        let bootstrap = ClientBootstrap(group: self.group)
            .channelInitializer { channel in
                channel.pipeline.addHandlers([
                    ByteToMessageHandler(FrameDecoder<FloorMessage>(limit: FrameCodec.floorLimit)),
                    FloorHandler(box: box),
                ])
            }
        do {
            channel = try bootstrap.connect(unixDomainSocketPath: path).wait()
        } catch {
            if group == nil { try? self.group.syncShutdownGracefully() }
            // Said as the room would: nothing there, or a socket nobody answers (a floor that died).
            var info = stat()
            throw FloorUnreachable(path: path, detail: lstat(path, &info) != 0 ? "there is no socket there"
                                   : info.st_mode & S_IFMT == S_IFSOCK ? "nothing answers it" : "it is not a socket")
        }
    }

    fileprivate func deliver(_ incoming: Incoming) {
        condition.lock()
        inbox.append(incoming)
        condition.signal()
        condition.unlock()
    }

    public func send(_ message: ConsoleMessage) {
        guard let channel else { return }
        channel.writeAndFlush(channel.allocator.buffer(bytes: FrameCodec.encode(message)), promise: nil)
    }

    /// A new id for a request.
    public func ask() -> UInt64 {
        condition.lock()
        defer { condition.unlock() }
        nextID += 1
        return nextID
    }

    /// Everything that has come, in order.
    public func take() -> [Incoming] {
        condition.lock()
        defer { condition.unlock() }
        let out = inbox
        inbox.removeAll()
        return out
    }

    /// Waits up to `within` seconds for the next message (nil: none came).
    public func next(within: Double) -> Incoming? {
        let deadline = Date(timeIntervalSinceNow: within)
        condition.lock()
        defer { condition.unlock() }
        while inbox.isEmpty {
            if !condition.wait(until: deadline) { return nil }
        }
        return inbox.removeFirst()
    }

    /// Closes the connection (a bye is sent first when leaving on purpose).
    public func close(bye: Bool) {
        if bye, let channel {
            _ = try? channel.writeAndFlush(channel.allocator.buffer(bytes: FrameCodec.encode(ConsoleMessage.bye))).wait()
        }
        _ = try? channel?.close().wait()
        channel = nil
    }

    public func shutdown() {
        close(bye: false)
        try? group.syncShutdownGracefully()
    }

    /// Whether a floor answers on `path` (a quick connect and close, no NIO).
    public static func answers(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { Foundation.close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return result == 0
    }
}

public struct FloorUnreachable: Error, CustomStringConvertible {
    public var path: String
    public var detail: String
    public var description: String { "no floor on \(path) (\(detail)); start one with: controlroom floor start FILE, or resume one with: controlroom floor resume JOURNAL" }
}

/// Holds the client weakly for the handler (set before the connection is made, never after).
private final class InboxBox: @unchecked Sendable {
    weak var client: FloorClient?
}

private final class FloorHandler: ChannelInboundHandler {
    typealias InboundIn = FloorMessage
    let box: InboxBox
    init(box: InboxBox) { self.box = box }

    private func deliver(_ incoming: FloorClient.Incoming) { box.client?.deliver(incoming) }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) { deliver(.message(unwrapInboundIn(data))) }
    func channelInactive(context: ChannelHandlerContext) {
        deliver(.lost("the floor closed the connection"))
        context.fireChannelInactive()
    }
    func errorCaught(context: ChannelHandlerContext, error: Error) {
        deliver(.lost("\(error)"))
        context.close(promise: nil)
    }
}
