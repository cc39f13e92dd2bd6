import FloorLink
import Foundation
import Journal
import NIOCore
import NIOPosix
import NIOSSL
import Testing
import TmuxHarness

/// Consoles from other hosts: the floor on TCP with TLS, each operator known by the console
/// certificate its own authority issued, through the real binary in real terminals.
@Suite("Consoles over TLS", .serialized)
struct FloorOverTLSTests {
    static func freePort(on host: String = "127.0.0.1") -> Int { FloorAddress.freePort(on: host) }

    /// `floor certificate NAME` through the binary, into `folder`.
    static func certificate(_ name: String, authority: String, folder: String) -> String {
        let file = folder + "/\(name).pem"
        let made = Spawn.run([ConsoleEndToEndTests.binary, "floor", "certificate", name, "--authority", authority, "--out", file])
        #expect(made.status == 0 && made.output.contains("Issued \(name)'s console certificate"), "\(made.output)")
        return file
    }

    /// A console on the floor at `address` in a terminal of its own.
    static func join(_ address: String, _ arguments: [String], folder: String, name: String) -> TmuxSession {
        TmuxSession(binary: ConsoleEndToEndTests.binary, ["join", address] + arguments, width: 130, height: 40,
                    env: ["XDG_STATE_HOME": folder + "/state-\(name)", "HOME": folder])
    }

    @Test("A console joins over TLS with its certificate and is seated as the roster's person for the account it names, and acts; a certificate whose person the roster does not give the seat, or who is not on it, is refused; verify and audit pass")
    func consoleByCertificate() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let roster = folder + "/roster.yaml"
        try """
            people:
              - account: lee
                name: Lee Jones
                seats: [dispatcher]
              - account: sam
                name: Sam Patel
                seats: [call-handler]
            """.write(toFile: roster, atomically: true, encoding: .utf8)
        chmod(roster, 0o600)
        let authority = folder + "/authority"
        let lee = Self.certificate("lee", authority: authority, folder: folder)
        let sam = Self.certificate("sam", authority: authority, folder: folder)
        let kit = Self.certificate("kit", authority: authority, folder: folder)
        let port = Self.freePort()
        let address = "tls://127.0.0.1:\(port)"
        let floor = try FloorProcess(["start", "default", "--from", "1h", "--roster", roster, "--listen", address, "--authority", authority], folder: folder)
        #expect(floor.wait(for: "consoles from other hosts on \(address)"), "\(floor.log)")

        // The name typed is not who the floor seats: the certificate's account is.
        let t = Self.join(address, ["--seat", "dispatcher", "--certificate", lee], folder: folder, name: "lee")
        #expect(t.wait(for: "FLOOR · Lee Jones, dispatcher", timeout: 20), "\(t.screen())")
        #expect(floor.wait(for: "Lee Jones joined as dispatcher from lee (certificate "), "\(floor.log)")
        t.keys("Space", "Enter")
        #expect(t.wait(for: "Recommended units (1-9 to send)"), "\(t.screen())")
        let sent = try ConsoleEndToEndTests.sendFirstRecommended(t)
        t.keys("Escape")

        let samAsDispatcher = Self.join(address, ["--seat", "dispatcher", "--certificate", sam], folder: folder, name: "sam")
        let refused = samAsDispatcher.wait(timeout: 20) { $0.contains("[exit") }
        #expect(refused.contains("the roster does not give Sam Patel the dispatcher seat") && refused.contains("[exit 1]"), "\(refused)")
        let stranger = Self.join(address, ["--seat", "call-handler", "--certificate", kit], folder: folder, name: "kit")
        let notOn = stranger.wait(timeout: 20) { $0.contains("[exit") }
        #expect(notOn.contains("kit (certificate") && notOn.contains("is not on this floor's roster") && notOn.contains("[exit 1]"), "\(notOn)")

        t.keys("q")
        #expect(t.wait(for: "Quit"), "\(t.screen())")
        t.keys("y")
        #expect(t.wait(for: "[exit 0]"), "\(t.screen())")
        let stop = Spawn.run([ConsoleEndToEndTests.binary, "floor", "stop", floor.socket])
        #expect(stop.status == 0, "\(stop.output)")
        #expect(floor.waitForExit(10), "\(floor.log)")
        let journal = try Journal.open(at: floor.journal, readOnly: true)
        let sends = try journal.actions().filter { if case .command(.assign) = $0.action { $0.refusal == nil } else { false } }
        #expect(sends.map(\.person) == ["Lee Jones"], "\(sends)")
        #expect(try journal.actions().allSatisfy { $0.person != "Sam Patel" && $0.person != "kit" })
        let events = folder + "/events.csv"
        _ = Spawn.run([ConsoleEndToEndTests.binary, "export", floor.journal, "--events", events])
        #expect(((try? String(contentsOfFile: events, encoding: .utf8)) ?? "").contains(sent))
        StandbyFloorTests.expectVerifiedAndAudited(floor.journal)
    }

    @Test("Refused before it joins: no certificate, an expired one, one from another authority; a console file from another floor's authority does not trust this floor; a key others may read is not used; nothing is journalled")
    func refusals() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let authority = folder + "/authority"
        let good = Self.certificate("lee", authority: authority, folder: folder)
        let elsewhere = Self.certificate("mallory", authority: folder + "/other", folder: folder)
        let floorAuthority = try #require(try FloorAuthority.open(folder: authority))
        let otherAuthority = try #require(try FloorAuthority.open(folder: folder + "/other"))
        let now = Date()
        // Expired yesterday, from the floor's own authority.
        let expired = folder + "/expired.pem"
        try SecretFile.create(expired, floorAuthority.issue("pat", for: .console, notBefore: now - 10 * 86_400, notAfter: now - 86_400)
            .bundle(authority: floorAuthority.certificate))
        // Signed by another authority but trusting this floor's: what a made-up certificate is.
        let forged = folder + "/forged.pem"
        try SecretFile.create(forged, otherAuthority.issue("lee", for: .console, notBefore: now - 60, notAfter: now + 86_400)
            .bundle(authority: floorAuthority.certificate))
        let port = Self.freePort()
        let address = "tls://127.0.0.1:\(port)"
        let floor = try FloorProcess(["start", "default", "--listen", address, "--authority", authority], folder: folder)
        #expect(floor.wait(for: "consoles from other hosts on \(address)"), "\(floor.log)")

        func refusedJoin(_ certificate: String, _ name: String) -> String {
            let t = Self.join(address, ["--seat", "dispatcher", "--name", "Someone", "--certificate", certificate], folder: folder, name: name)
            return t.wait(timeout: 20) { $0.contains("[exit") }
        }
        let old = refusedJoin(expired, "expired")
        #expect(old.contains("refused this console's certificate") && old.contains("expired on") && old.contains("[exit 1]"), "\(old)")
        #expect(floor.wait(for: "before it joined: a certificate that expired on"), "\(floor.log)")
        let made = refusedJoin(forged, "forged")
        #expect(made.contains("refused this console's certificate") && made.contains("[exit 1]"), "\(made)")
        #expect(floor.wait(for: "before it joined: a certificate from another authority"), "\(floor.log)")
        let otherFloor = refusedJoin(elsewhere, "elsewhere")
        #expect(otherFloor.contains("does not trust that floor") && otherFloor.contains("[exit 1]"), "\(otherFloor)")

        // No certificate at all: a TLS client of the test's own (the binary will not join without one).
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        let context = try NIOSSLContext(configuration: configuration)
        let answered = Counted()
        let channel = try ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: nil))
                    try channel.pipeline.syncOperations.addHandler(Counter(answered))
                }
            }
            .connect(host: "127.0.0.1", port: port).wait()
        // A hello a floor would answer with a welcome, were it read.
        try? channel.writeAndFlush(ByteBuffer(bytes: FrameCodec.encode(ConsoleMessage.hello(name: "Nobody", seat: "dispatcher", version: FloorProtocol.version)))).wait()
        #expect((try? channel.closeFuture.wait()) != nil)
        #expect(answered.value == 0, "the floor sent something to a console with no certificate")
        #expect(floor.wait(for: "before it joined: it showed no certificate"), "\(floor.log)")
        #expect(!floor.log.contains("Nobody"), "the hello of a console with no certificate was read: \(floor.log)")

        chmod(good, 0o644)
        let readable = Self.join(address, ["--seat", "dispatcher", "--name", "Lee", "--certificate", good], folder: folder, name: "readable")
        let notUsed = readable.wait(timeout: 20) { $0.contains("[exit") }
        #expect(notUsed.contains("others may read") && notUsed.contains("chmod 600") && notUsed.contains("[exit 2]"), "\(notUsed)")

        // Nothing at an address: said as such, with what to ask; floor stop is for the socket.
        let nowhere = Self.join("tls://127.0.0.1:\(Self.freePort())", ["--seat", "dispatcher", "--name", "Lee", "--certificate", expired], folder: folder, name: "nowhere")
        let nothing = nowhere.wait(timeout: 20) { $0.contains("[exit") }
        #expect(nothing.contains("nothing answers there") && nothing.contains("[exit 1]"), "\(nothing)")
        let stopByAddress = Spawn.run([ConsoleEndToEndTests.binary, "floor", "stop", address])
        #expect(stopByAddress.status == 1 && stopByAddress.output.contains("takes the floor's socket on its own host"), "\(stopByAddress.output)")

        let stop = Spawn.run([ConsoleEndToEndTests.binary, "floor", "stop", floor.socket])
        #expect(stop.status == 0, "\(stop.output)")
        #expect(floor.waitForExit(10), "\(floor.log)")
        let seats = try Journal.open(at: floor.journal, readOnly: true).actions().filter { if case .tookSeat = $0.action { true } else { false } }
        #expect(seats.isEmpty, "\(seats)")
    }
}

/// How many reads came from the floor (on the connection's thread, read by the test after).
private final class Counted: @unchecked Sendable {
    private let lock = NSLock()
    private var reads = 0
    var value: Int { lock.withLock { reads } }
    func add() { lock.withLock { reads += 1 } }
}

/// Counts what the floor sends on a connection.
private final class Counter: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let count: Counted
    init(_ count: Counted) { self.count = count }
    func channelRead(context: ChannelHandlerContext, data: NIOAny) { count.add() }
    func errorCaught(context: ChannelHandlerContext, error: Error) { context.close(promise: nil) }
}
