import DispatchEngine
import Foundation
import Journal
import NIOCore
import NIOPosix
import NIOSSL

/// The floor on its Unix domain socket and, with `tls`, on TCP addresses for consoles on other
/// hosts (SwiftNIO, NIOSSL): one event loop runs the room, every connection and the clock's tick,
/// so the engine is only ever touched on that one thread. A
/// console that sends something unreadable or oversized is logged and disconnected; the floor
/// goes on. (`@unchecked Sendable`: what other threads call, `stop` and `halt`, hops onto the
/// loop; `wait` only waits on a semaphore.)
public final class FloorServer: @unchecked Sendable {
    public let room: FloorRoom
    public let socketPath: String
    let group: MultiThreadedEventLoopGroup
    let loop: EventLoop
    private var channels: [FloorRoom.Connection: Channel] = [:]
    /// Bytes written to each console and not yet taken by it; and what it may hold unread (its
    /// welcome, then `unreadLimit` more). A console that does not read is dropped (it may
    /// rejoin): the floor never keeps an unbounded queue for one member.
    private var unread: [FloorRoom.Connection: Int] = [:]
    private var allowance: [FloorRoom.Connection: Int] = [:]
    /// The uid at the other end of each connection, from the kernel (SO_PEERCRED); its account
    /// looked up once per uid, when a console says hello (not for every connection made).
    private var uids: [FloorRoom.Connection: UInt32] = [:]
    private var accountOf: [UInt32: PeerAccount] = [:]
    /// Over TLS: the person each console's certificate names, once the floor has checked it; and
    /// where each connection came from, for the log.
    private var certified: [FloorRoom.Connection: PeerAccount] = [:]
    private var remote: [FloorRoom.Connection: String] = [:]
    /// With `tls`, the floor also listens on these TCP addresses for consoles on other hosts.
    public var tls: FloorTLS?
    public var tlsAddresses: [(host: String, port: Int)] = []
    private var tlsChannels: [Channel] = []
    /// TLS connections not yet shown a good certificate, at most `uncheckedLimit`, each for at
    /// most `handshakeSeconds`.
    private var handshaking: Set<FloorRoom.Connection> = []
    static let uncheckedLimit = 128
    static let handshakeSeconds: Int64 = 10
    public static let unreadLimit = 256 * 1024
    private var nextConnection = 1
    private var trimDue = false
    /// glibc's malloc_trim (not in Swift's Glibc module): memory freed goes back to the system.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
    private var serverChannel: Channel?
    private var lastTick = DispatchTime.now().uptimeNanoseconds
    private var lastStatus = Date().timeIntervalSince1970
    private let stopped = DispatchSemaphore(value: 0)
    /// Wall seconds between status lines in the log.
    public var statusEvery = 60.0
    public let log: (String) -> Void

    public init(room: FloorRoom, socketPath: String, log: @escaping (String) -> Void) {
        self.room = room
        self.socketPath = socketPath
        self.log = log
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        loop = group.next()
        room.log = log
        room.send = { [unowned self] to, message in self.send(to, message) }
    }

    /// Why the socket cannot be made at `path`, if it cannot: a floor already answers there, or
    /// something that is not a socket is in the way (never removed).
    public static func checkPlace(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            return "\(path) exists and is not a socket; it is left alone: name another with --socket"
        }
        if FloorClient.answers(path) { return "a floor is already running on \(path): controlroom floor stop \(path) first" }
        // A socket left by a floor that died: nothing answers it, so it is taken again.
        unlink(path)
        return nil
    }

    /// Binds the socket (mode 0660: access to the floor is the socket's permissions) and starts
    /// the clock.
    public func start() throws {
        try openListeners().wait()
        if let resumed = room.resumeSummary { log(resumed) }
        log("floor open on \(socketPath); journal \(room.recorder.journal.path)")
        if let tls, !tlsAddresses.isEmpty {
            log("consoles from other hosts on " + tlsAddresses.map { FloorAddress.tls(host: $0.host, port: $0.port).description }.joined(separator: ", ")
                + " (TLS 1.3, each with a certificate from the authority \(tls.authority.subject); this floor's certificate names it \(tls.name))")
        }
        log(room.status())
        loop.scheduleRepeatedTask(initialDelay: .milliseconds(40), delay: .milliseconds(40)) { [unowned self] _ in self.tick() }
    }

    /// The socket and the TLS addresses, bound (at start, and again, on the loop, once a floor
    /// that stood down can write its journal): all of them, or none.
    private func openListeners() -> EventLoopFuture<Void> {
        let previous = umask(0o117)
        defer { umask(previous) }
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .childChannelInitializer { [unowned self] channel in
                let id = self.nextConnection
                self.nextConnection += 1
                self.channels[id] = channel
                // Read on the loop at once (the socket's option is there from connect), so it is
                // known before the console's hello.
                if let read = Self.peerUID(channel) {
                    read.whenSuccess { uid in self.uids[id] = uid }
                    read.whenFailure { error in self.log("connection \(id): its account could not be read (\(error)); it is seated only on a floor without a roster") }
                } else {
                    self.log("connection \(id): not a socket whose account can be read; it is seated only on a floor without a roster")
                }
                return channel.pipeline.addHandlers([
                    ByteToMessageHandler(FrameDecoder<ConsoleMessage>(limit: FrameCodec.consoleLimit)),
                    ConsoleHandler(server: self, connection: id),
                ])
            }
        let socket = bootstrap.bind(unixDomainSocketPath: socketPath, cleanupExistingSocketFile: false)
        let addresses = tls.map { tls in
            tlsAddresses.map { address in
                tlsBootstrap(tls).bind(host: address.host, port: address.port).flatMapErrorThrowing { error in
                    throw FloorAddressProblem("\(FloorAddress.tls(host: address.host, port: address.port)) could not be opened (\(error))")
                }
            }
        } ?? []
        let all = [socket] + addresses
        return EventLoopFuture.whenAllComplete(all, on: loop).flatMapThrowing { [unowned self] results in
            let bound = results.compactMap { try? $0.get() }
            guard bound.count == results.count else {
                for channel in bound { channel.close(promise: nil) }
                if (try? results[0].get()) != nil { unlink(self.socketPath) }
                for case .failure(let error) in results { throw error }
                return
            }
            chmod(self.socketPath, 0o660)
            self.serverChannel = bound[0]
            self.tlsChannels = Array(bound.dropFirst())
        }
    }

    /// TCP with TLS: the floor's certificate shown, the console's checked by the floor before
    /// anything it sends is read; what it is then is the certificate's person.
    private func tlsBootstrap(_ tls: FloorTLS) -> ServerBootstrap {
        ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { [unowned self] channel in
                let from = channel.remoteAddress.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "an unknown address"
                // Connections not yet shown a good certificate are few and short-lived: anyone
                // can reach the port, and none may hold the floor's descriptors.
                guard self.handshaking.count < Self.uncheckedLimit else {
                    self.log("refused a console from \(from) before it joined: \(Self.uncheckedLimit) connections are already showing their certificates")
                    return channel.close()
                }
                let id = self.nextConnection
                self.nextConnection += 1
                self.channels[id] = channel
                self.remote[id] = from
                self.handshaking.insert(id)
                channel.eventLoop.scheduleTask(in: .seconds(Self.handshakeSeconds)) { [weak self] in
                    guard let self, self.certified[id] == nil, let open = self.channels[id] else { return }
                    self.log("refused a console from \(from) before it joined: no certificate shown within \(Self.handshakeSeconds) s")
                    open.close(promise: nil)
                }
                // A connection that closes before its check (refused, or gone) is forgotten with it.
                channel.closeFuture.whenComplete { [weak self] _ in self?.handshaking.remove(id) }
                let ssl = tls.handler { [unowned self] verdict in
                    switch verdict {
                    case let .accepted(name, serial):
                        self.certified[id] = PeerAccount(certificate: name, serial: serial)
                        self.handshaking.remove(id)
                    case .refused(let why): self.log("refused a console from \(from) before it joined: \(why)")
                    }
                }
                return channel.pipeline.addHandlers([
                    ssl,
                    ByteToMessageHandler(FrameDecoder<ConsoleMessage>(limit: FrameCodec.consoleLimit)),
                    ConsoleHandler(server: self, connection: id),
                ])
            }
    }

    /// The uid of the process at the other end of a Unix socket connection, as the kernel
    /// recorded it when it connected: what a console cannot choose.
    static func peerUID(_ channel: Channel) -> EventLoopFuture<UInt32>? {
        guard let provider = channel as? SocketOptionProvider else { return nil }
        let credentials: EventLoopFuture<PeerCredentials> = provider.unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        return credentials.map(\.uid)
    }

    /// Linux's `struct ucred` (hidden from Swift's Glibc without _GNU_SOURCE), as SO_PEERCRED fills it.
    struct PeerCredentials: Sendable {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }

    private func tick() {
        if trimDue {
            // What dropped consoles held is handed back to the system, not kept by the allocator
            // for a console that has gone.
            trimDue = false
            Self.trim?(0)
        }
        let now = DispatchTime.now().uptimeNanoseconds
        room.tick(elapsed: Double(now - lastTick) / 1e6)
        lastTick = now
        if case .leaseLost(_, let holder)? = room.recorder.failure, !lostLease {
            // Another floor has the session (this one was cut off and the standby took it):
            // this one acts no more, writes nothing, and lets its consoles go to that one.
            lostLease = true
            log("this floor's lease on the session was taken by \(holder): it stops acting; its consoles go to that floor")
            for channel in channels.values { channel.close(promise: nil) }
            closeListeners()
            stopped.signal()
            return
        }
        standDownIfCutOff()
        let wall = Date().timeIntervalSince1970
        if wall - lastStatus >= statusEvery {
            lastStatus = wall
            log(room.status())
        }
    }

    /// When the journal was last known written (each tick it is, at most 40 ms ago).
    private var lastWritten = Date().timeIntervalSince1970
    /// Opening again after standing down: under way, and when last tried.
    private var reopening = false
    private var lastReopen = 0.0
    /// Whether this floor has closed its doors, cut off from its journal's database.
    private var stoodDown = false
    /// Only a floor whose journal is in a database stands down (a standby may take its session).
    private lazy var journalInDatabase = Journal.inDatabase(room.recorder.journal.location)

    /// A floor whose journal is in a database and has not been written for a lease's lapse may
    /// no longer be the acting floor: a standby may have taken the session. It closes its socket,
    /// its addresses and its consoles' connections, so the consoles look for the floor that holds
    /// the session; once it can write again (its lease still its own) it opens them again.
    private func standDownIfCutOff() {
        guard journalInDatabase else { return }
        let now = Date().timeIntervalSince1970
        guard room.recorder.failure != nil else {
            lastWritten = now
            if stoodDown && !reopening && now - lastReopen >= 1 {
                // Bound on this loop without waiting on it (a loop never waits on itself).
                reopening = true
                lastReopen = now
                openListeners().whenComplete { [unowned self] result in
                    reopening = false
                    switch result {
                    case .success:
                        stoodDown = false
                        log("the journal is written again and the lease is still this floor's: consoles are taken again")
                    case .failure(let error):
                        log("the floor's socket or addresses could not be opened again (\(error)); tried again each second")
                    }
                }
            }
            return
        }
        // Counted from the last write known done: a write that waited its full patience counts.
        guard !stoodDown, now - lastWritten >= FloorLease.lapse else { return }
        stoodDown = true
        log("the journal has not been written for \(Int(FloorLease.lapse)) s, so this floor's lease has lapsed and a standby may take the session: "
            + "its consoles are let go to find the floor that holds it, and none taken until this one can write again")
        for channel in channels.values { channel.close(promise: nil) }
        closeListeners()
    }

    private func send(_ to: [FloorRoom.Connection], _ message: FloorMessage) {
        let bytes = FrameCodec.encode(message)
        let count = bytes.count
        for c in to {
            guard let channel = channels[c] else { continue }
            if case .welcome = message { allowance[c] = count }
            let held = unread[c, default: 0]
            guard held <= allowance[c, default: 0] + Self.unreadLimit else {
                log("connection \(c) is not reading (\(held / 1024) KB unread): dropped; it may join again")
                drop(c)
                continue
            }
            unread[c] = held + count
            outgoing[c, default: channel.allocator.buffer(capacity: count)].writeBytes(bytes)
        }
        if !outgoing.isEmpty && !flushDue {
            flushDue = true
            loop.execute { [unowned self] in flushOutgoing() }
        }
    }

    /// What each console is sent in one turn of the loop (every action acted on in it, a run
    /// mark), written to it as one: one write, one TLS record, one segment, not one a message.
    /// Sent after the turn's work, so nothing waits for a later turn.
    private var outgoing: [FloorRoom.Connection: ByteBuffer] = [:]
    private var flushDue = false

    private func flushOutgoing() {
        flushDue = false
        // Taken first: a write may find its console gone and close it at once, and what the
        // others are then told (who is away) goes into a new batch, sent next, not dropped.
        let batch = outgoing
        outgoing = [:]
        for (c, buffer) in batch {
            guard let channel = channels[c] else { continue }
            let size = buffer.readableBytes
            let written = loop.makePromise(of: Void.self)
            written.futureResult.whenComplete { [weak self] _ in
                guard let self, let left = self.unread[c] else { return }
                self.unread[c] = left - size
            }
            channel.writeAndFlush(buffer, promise: written)
        }
    }

    /// Forgets a console at once: nothing more is sent to it or kept for it.
    private func drop(_ c: FloorRoom.Connection) {
        let channel = channels.removeValue(forKey: c)
        trimDue = true
        unread[c] = nil
        outgoing[c] = nil
        forget(c)
        room.gone(c)
        channel?.close(mode: .all, promise: nil)
    }

    private func forget(_ c: FloorRoom.Connection) {
        uids[c] = nil
        allowance[c] = nil
        certified[c] = nil
        remote[c] = nil
        handshaking.remove(c)
    }

    private func closeListeners() {
        // The path is this floor's only while its socket is open: a floor stood down may find
        // another bound there since.
        if let serverChannel {
            serverChannel.close(promise: nil)
            unlink(socketPath)
        }
        serverChannel = nil
        for channel in tlsChannels { channel.close(promise: nil) }
        tlsChannels = []
    }

    /// Who connection `c` is: the person its certificate names (over TLS), else its account as
    /// the kernel said.
    private func account(_ c: FloorRoom.Connection) -> PeerAccount? {
        if let certificate = certified[c] { return certificate }
        guard let uid = uids[c] else { return nil }
        if let known = accountOf[uid] { return known }
        let account = PeerAccount(uid: uid)
        accountOf[uid] = account
        return account
    }

    fileprivate func received(_ message: ConsoleMessage, from c: FloorRoom.Connection) {
        switch message {
        case let .hello(name, seat, version): room.hello(c, name: name, seat: seat, version: version, account: account(c))
        case let .act(id, action): room.act(c, id: id, action)
        case let .actAcross(id, action): room.act(c, id: id, action, across: true)
        case let .clock(id, paused, speed): room.clock(c, id: id, paused: paused, speed: speed)
        case let .debrief(id, width): room.debrief(c, id: id, width: width)
        case let .foresee(id): room.foresee(c, id: id)
        case .bye:
            room.gone(c, bye: true)
            channels[c]?.close(promise: nil)
        case .stop:
            guard room.mayStop(account(c)) else {
                let who = account(c)?.described ?? "an unknown account"
                log("stop refused: asked by \(who), who is not the floor's account, root, or a supervisor on the roster")
                send([c], .refused("\(who) may not end this floor: the floor's own account, root, or a supervisor or instructor on its roster may"))
                return
            }
            log("stop asked on the socket" + (account(c).map { " by \($0.described)" } ?? ""))
            stop()
        }
    }

    fileprivate func closed(_ c: FloorRoom.Connection) {
        guard channels.removeValue(forKey: c) != nil else { return }
        unread[c] = nil
        outgoing[c] = nil
        forget(c)
        room.gone(c)
    }

    fileprivate func failed(_ c: FloorRoom.Connection, _ error: Error) {
        if error is NIOSSLError || error is BoringSSLError, certified[c] == nil, let from = remote[c] {
            // Refused before it joined; a certificate the floor checked and refused is said already.
            if !"\(error)".contains("CERTIFICATE_VERIFY_FAILED") { log("refused a console from \(from) before it joined: " + FloorTLS.words(error, at: .floor)) }
            channels[c]?.close(promise: nil)
            return
        }
        log("connection \(c) closed: " + ((error as? FrameCodec.Problem)?.description ?? (error is NIOSSLError ? FloorTLS.words(error, at: .floor) : "\(error)")))
        channels[c]?.close(promise: nil)
    }

    /// Ends the session (the journal finished), closes every console and the socket.
    public func stop() {
        loop.execute { [self] in
            room.stop()
            flushOutgoing()
            // Let the last messages out before the connections close.
            loop.scheduleTask(in: .milliseconds(100)) {
                for channel in self.channels.values { channel.close(promise: nil) }
                self.closeListeners()
                self.stopped.signal()
            }
        }
    }

    /// Stops without ending the session (a signal, a shutdown): what is held is written, the
    /// journal left resumable.
    public func halt() {
        loop.execute { [self] in
            room.recorder.flush()
            log("floor halted; resume it with: controlroom floor resume \(room.recorder.journal.path)")
            closeListeners()
            stopped.signal()
        }
    }

    /// Whether this floor stopped because another took its lease.
    public private(set) var lostLease = false

    /// Blocks until the floor is stopped or halted.
    public func wait() {
        stopped.wait()
        try? group.syncShutdownGracefully()
    }
}

/// One console's connection: decoded messages to the server on its loop.
private final class ConsoleHandler: ChannelInboundHandler {
    typealias InboundIn = ConsoleMessage
    unowned let server: FloorServer
    let connection: FloorRoom.Connection
    init(server: FloorServer, connection: FloorRoom.Connection) { self.server = server; self.connection = connection }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        server.received(unwrapInboundIn(data), from: connection)
    }

    func channelInactive(context: ChannelHandlerContext) {
        server.closed(connection)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        server.failed(connection, error)
    }
}
