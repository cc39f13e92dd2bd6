import DispatchEngine
import FloorLink
import Foundation
import Testing
import TmuxHarness

/// One member cannot take the floor down by not reading: the floor keeps a bounded amount for
/// each console and drops one that does not read (it may join again).
@Suite("A floor that one member cannot break, through the real binary", .serialized)
struct FloorFloodTests {
    /// A raw connection to the floor's socket: frames in, nothing ever read.
    final class RawConsole {
        let fd: Int32
        init?(_ path: String) {
            fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return nil }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (i, b) in path.utf8.prefix(raw.count - 1).enumerated() { raw[i] = b }
            }
            let ok = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard ok == 0 else { close(fd); return nil }
        }
        func send(_ message: ConsoleMessage) {
            let bytes = FrameCodec.encode(message)
            // MSG_NOSIGNAL: a connection the floor dropped is an error here, not SIGPIPE.
            _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
        /// Reads (and throws away) whatever comes, on a thread of its own, until the floor closes.
        func drain() {
            let fd = self.fd
            Thread.detachNewThread {
                var buffer = [UInt8](repeating: 0, count: 65_536)
                while buffer.withUnsafeMutableBytes({ recv(fd, $0.baseAddress, $0.count, 0) }) > 0 {}
            }
        }
        deinit { close(fd) }
    }

    /// The floor process's resident memory, in MB.
    static func residentMB(_ pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return nil }
        return line.split(separator: " ").compactMap { Int($0) }.first.map { $0 / 1024 }
    }

    static let watchers = 300

    @Test("Three hundred consoles that never read while a dispatcher talks to units without pause: each is dropped once it holds too much unread, and the floor stays under 100 MB")
    func watchersWhoNeverRead() throws {
        let floor = try FloorProcess(["start", "default"])
        #expect(floor.wait(for: "floor open on"), "\(floor.log)")
        var watchers: [RawConsole] = []
        for i in 0..<Self.watchers {
            guard let c = RawConsole(floor.socket) else { continue }
            c.send(.hello(name: "Watcher \(i + 1)", seat: "watch", version: FloorProtocol.version))
            watchers.append(c)
        }
        #expect(watchers.count == Self.watchers)
        #expect(floor.wait(for: "Watcher \(Self.watchers) joined", timeout: 60), "\(floor.log.suffix(2000))")
        // A dispatcher (who reads) talks to a unit: every message goes to everyone.
        let lee = try #require(RawConsole(floor.socket))
        lee.drain()
        lee.send(.hello(name: "Lee Jones", seat: "dispatcher", version: FloorProtocol.version))
        #expect(floor.wait(for: "Lee Jones joined"))
        let words = String(repeating: "Control to all units, stand by. ", count: 14)
        for id in 1...3_000 { lee.send(.act(id: UInt64(id), action: .command(.message(0, words)))) }
        #expect(floor.wait(for: "is not reading", timeout: 60), "\(floor.log.suffix(2000))")
        let dropped = { floor.log.components(separatedBy: "is not reading").count - 1 }
        let deadline = Date(timeIntervalSinceNow: 60)
        while dropped() < Self.watchers && Date() < deadline { _ = floor.waitForExit(0.2) }
        #expect(dropped() >= Self.watchers, "every watcher dropped: \(dropped())")
        let mb = try #require(Self.residentMB(floor.process.processIdentifier))
        #expect(mb < 100, "the floor holds \(mb) MB")
        print("floor flood: \(Self.watchers) non-reading consoles dropped; the floor holds \(mb) MB after")
        floor.kill(SIGTERM)
    }
}

/// The record cannot be quietly cut: the floor signs a checkpoint each minute and at the end.
@Suite("A signed record, through the real binary", .serialized)
struct SignedRecordTests {
    @Test("Rows cut from the end and the head reset to the new last link: verify exits 1 (a signed checkpoint holds more); verify --key names the signer, and refuses another key")
    func cutTail() throws {
        let floor = try FloorProcess(["start", FloorEndToEndTests.root + "/scenarios/training/03-intruders-at-night.yaml", "--from", "20m"])
        #expect(floor.wait(for: "floor open on"), "\(floor.log)")
        let stop = Spawn.run([ConsoleEndToEndTests.binary, "floor", "stop", floor.socket])
        #expect(stop.status == 0 && floor.waitForExit(10), "\(stop.output)")
        // The floor's key, as its account exports it.
        let key = floor.folder + "/floor.pub"
        let export = Spawn.run(["/usr/bin/env", "XDG_STATE_HOME=\(floor.folder)/state", ConsoleEndToEndTests.binary, "key", "--export", key])
        #expect(export.status == 0, "\(export.output)")
        let intact = Spawn.run([ConsoleEndToEndTests.binary, "verify", floor.journal, "--key", key])
        #expect(intact.status == 0 && intact.output.contains("signed every checkpoint"), "\(intact.output)")
        // Another key is not the signer.
        let other = floor.folder + "/other.pub"
        #expect(Spawn.run(["/usr/bin/env", "XDG_STATE_HOME=\(floor.folder)/other", ConsoleEndToEndTests.binary, "key", "--export", other]).status == 0)
        let wrong = Spawn.run([ConsoleEndToEndTests.binary, "verify", floor.journal, "--key", other])
        #expect(wrong.status == 1 && wrong.output.contains("not signed by"), "\(wrong.output)")
        // Cut the last half of the events; the head and progress put where the new end is (no
        // hash to compute): the chain alone would hold.
        let cut = Spawn.run(["sqlite3", floor.journal, """
            DELETE FROM event WHERE seq > (SELECT max(seq) / 2 FROM event);
            DELETE FROM action WHERE event_seq > (SELECT max(seq) FROM event);
            UPDATE session SET ended = 0,
              chain_head = (SELECT link FROM event WHERE seq = (SELECT max(seq) FROM event)),
              progress_step = (SELECT step FROM event WHERE seq = (SELECT max(seq) FROM event)),
              progress_time = (SELECT sim_time FROM event WHERE seq = (SELECT max(seq) FROM event));
            """])
        #expect(cut.status == 0, "\(cut.output)")
        let verify = Spawn.run([ConsoleEndToEndTests.binary, "verify", floor.journal])
        #expect(verify.status == 1 && verify.output.contains("rows were cut from the record's end"), "\(verify.output)")
    }
}
