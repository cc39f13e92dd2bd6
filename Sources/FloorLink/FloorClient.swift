import DispatchEngine
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

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
    public let address: FloorAddress

    /// Connects to the floor's socket at `path`; throws a sentence when nothing answers there.
    public convenience init(path: String, group: MultiThreadedEventLoopGroup? = nil) throws {
        try self.init(address: .socket(path), certificate: nil, group: group)
    }

    /// Connects to the floor at `address`: over TLS showing `certificate` (a floor from its
    /// authority required). Throws a sentence when nothing answers there.
    public init(address: FloorAddress, certificate: ConsoleCertificate?, group: MultiThreadedEventLoopGroup? = nil) throws {
        self.address = address
        path = address.description
        self.group = group ?? MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let box = InboxBox()
        // Set before connecting: the handler delivers nothing before the hello is answered, but
        // the connection may fail at once.
        box.client = self
        var tls: NIOSSLClientHandler?
        if case .tls = address {
            guard let certificate else {
                if group == nil { try? self.group.syncShutdownGracefully() }
                throw FloorUnreachable(path: path, detail: "a floor over TLS needs this console's certificate: join with --certificate FILE (controlroom floor certificate NAME writes one)")
            }
            tls = try certificate.handler()
        }
        let bootstrap = ClientBootstrap(group: self.group)
            .connectTimeout(.seconds(3))
            .channelInitializer { channel in
                var handlers: [ChannelHandler] = [
                    ByteToMessageHandler(FrameDecoder<FloorMessage>(limit: FrameCodec.floorLimit)),
                    FloorHandler(box: box),
                ]
                if let tls { handlers.insert(tls, at: 0) }
                return channel.pipeline.addHandlers(handlers)
            }
        do {
            switch address {
            case .socket(let path): channel = try bootstrap.connect(unixDomainSocketPath: path).wait()
            case let .tls(host, port):
                channel = try bootstrap.channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1).connect(host: host, port: port).wait()
            }
        } catch {
            if group == nil { try? self.group.syncShutdownGracefully() }
            // Said as the room would: nothing there, or a socket nobody answers (a floor that died).
            switch address {
            case .socket(let path):
                var info = stat()
                throw FloorUnreachable(path: path, detail: lstat(path, &info) != 0 ? "there is no socket there"
                                       : info.st_mode & S_IFMT == S_IFSOCK ? "nothing answers it" : "it is not a socket")
            case .tls:
                let timedOut = "\(error)".contains("connectTimeout") || "\(error)".lowercased().contains("timed out")
                throw FloorUnreachable(path: path, detail: timedOut ? "no answer within 3 s" : "nothing answers there: the connection was refused")
            }
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

    /// Whether a floor may answer at `address`: its socket answers; over TLS, perhaps (tried
    /// when joining, with a deadline).
    static func mayAnswer(_ address: FloorAddress) -> Bool {
        if case .socket(let path) = address { return answers(path) }
        return true
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
    public var description: String {
        if path.lowercased().hasPrefix("tls://") {
            return "no floor at \(path) (\(detail)): is the floor running there, and is that its --listen address? Ask your supervisor"
        }
        // HOST:PORT given without tls:// is taken as a socket's path: say what was meant.
        let looksLikeHost = !path.contains("/") && path.split(separator: ":").last.map { Int($0) != nil } == true
        return "no floor on \(path) (\(detail)); " + (looksLikeHost ? "for a floor on another host, write tls://\(path)"
            : "start one with: controlroom floor start FILE, or resume one with: controlroom floor resume JOURNAL")
    }
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
        deliver(.lost(error is NIOSSLError || error is BoringSSLError ? FloorTLS.words(error, at: .console) : "\(error)"))
        context.close(promise: nil)
    }
}
