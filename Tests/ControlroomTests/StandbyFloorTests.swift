import DispatchEngine
import FloorLink
import Foundation
import Journal
import PostgresLink
import ReadModel
import Testing
import TmuxHarness

/// A floor and its standby on one session in PostgreSQL, through the real binary.
@Suite("A standby floor", .serialized,
       .enabled(if: ProcessInfo.processInfo.environment["CONTROLROOM_TEST_POSTGRES"] != nil,
                "needs a PostgreSQL server: CONTROLROOM_TEST_POSTGRES (.ci/postgres start)"))
struct StandbyFloorTests {
    /// A session's address in a schema of the test's own, dropped after.
    final class Session {
        let schema = "standby_" + String(UInt64.random(in: 0..<UInt64.max), radix: 36)
        var url: String { ProcessInfo.processInfo.environment["CONTROLROOM_TEST_POSTGRES"]! + "?schema=" + schema }
        deinit {
            if let link = try? PostgresLink.connect(PostgresAddress(parsing: url)) {
                try? link.execute(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema) CASCADE")
            }
        }
    }

    /// A floor on the session, opened `from` into the scenario, and a standby following it;
    /// each also on its `listen` address, if given.
    static func floorAndStandby(_ session: Session, from: String, listen: (live: [String], standby: [String]) = ([], [])) throws -> (live: FloorProcess, standby: FloorProcess) {
        let live = try FloorProcess(["start", "default", "--from", from] + listen.live, journal: session.url)
        #expect(live.wait(for: "floor open on"), "\(live.log)")
        let standby = try FloorProcess(["standby", "--journal", session.url, "--name", "standby-b"] + listen.standby)
        #expect(standby.wait(for: "following the floor"), "\(standby.log)")
        return (live, standby)
    }

    /// `verify` and `audit` of the session's journal, through the binary.
    static func expectVerifiedAndAudited(_ session: Session) { expectVerifiedAndAudited(session.url) }

    /// `verify` and `audit` of the journal at `location` (a file or a database), through the binary.
    static func expectVerifiedAndAudited(_ location: String) {
        let verify = Spawn.run([ConsoleEndToEndTests.binary, "verify", location])
        #expect(verify.status == 0, "\(verify.output)")
        let audit = Spawn.run([ConsoleEndToEndTests.binary, "audit", location])
        #expect(audit.status == 0 && audit.output.contains(", 0 disagreements"), "\(audit.output)")
    }

    @Test("kill -9 of the live floor: the standby takes the session over at the last journalled action, the console joined to both rejoins it by itself and acts; nothing acknowledged is missing; verify and audit pass")
    func takeOverAfterKill() throws {
        let session = Session()
        let (live, standby) = try Self.floorAndStandby(session, from: "1h")
        // The standby opens no socket while it follows: the console finds the live floor.
        let lee = TmuxSession(binary: ConsoleEndToEndTests.binary, ["join", live.socket + "," + standby.socket, "--seat", "dispatcher", "--name", "Lee"],
                              width: 130, height: 40, env: ["XDG_STATE_HOME": live.folder + "/state-Lee"])
        #expect(lee.wait(for: "FLOOR · Lee, dispatcher"), "\(lee.screen())")
        lee.keys("Space", "Enter")
        #expect(lee.wait(for: "Recommended units (1-9 to send)"), "\(lee.screen())")
        let first = try ConsoleEndToEndTests.sendFirstRecommended(lee)
        lee.keys("Escape")

        live.kill(SIGKILL)
        #expect(standby.wait(for: "took over from", timeout: 30), "\(standby.log)")
        #expect(standby.wait(for: "Lee rejoined as dispatcher"), "\(standby.log)")
        #expect(!lee.wait(timeout: 20) { !$0.contains("FLOOR LOST") }.contains("FLOOR LOST"), "\(lee.screen())")
        // On the standby, Lee acts again: acknowledged there.
        lee.keys("Space", "Enter")
        #expect(lee.wait(for: "Recommended units (1-9 to send)"), "\(lee.screen())")
        let second = try ConsoleEndToEndTests.sendFirstRecommended(lee)
        lee.keys("Escape")
        #expect(!lee.wait { !$0.contains("Recommended units") }.contains("Recommended units"), "\(lee.screen())")
        lee.keys("q")
        #expect(lee.wait(for: "Quit"), "\(lee.screen())")
        lee.keys("y")
        #expect(lee.wait(for: "[exit 0]"), "\(lee.screen())")
        let stop = Spawn.run([ConsoleEndToEndTests.binary, "floor", "stop", standby.socket])
        #expect(stop.status == 0, "\(stop.output)")
        #expect(standby.waitForExit(10), "\(standby.log)")

        // Both sends, before and after the takeover, are in the record, by Lee.
        let sent = try Journal.open(at: session.url, readOnly: true).actions().filter {
            if case .command(.assign) = $0.action { $0.person == "Lee" && $0.refusal == nil } else { false }
        }
        #expect(sent.count == 2, "\(sent)")
        let events = live.folder + "/events.csv"
        _ = Spawn.run([ConsoleEndToEndTests.binary, "export", session.url, "--events", events])
        let csv = (try? String(contentsOfFile: events, encoding: .utf8)) ?? ""
        #expect(csv.contains(first) && csv.contains(second), "\(first), \(second)")
        Self.expectVerifiedAndAudited(session)
    }

    @Test("60 consoles acting over TLS on a floor and its standby at two loopback addresses: the floor killed (-9), the standby takes over, every console rejoins it by itself and acts again; no acknowledged action is missing from the journal; verify and audit pass")
    func sixtyConsolesRejoin() throws {
        let session = Session()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tls-standby-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let authority = folder + "/authority"
        let certificate = try ConsoleCertificate.load(FloorOverTLSTests.certificate("console", authority: authority, folder: folder))
        let a = "tls://127.0.0.1:\(FloorOverTLSTests.freePort())", b = "tls://127.0.0.2:\(FloorOverTLSTests.freePort(on: "127.0.0.2"))"
        let (live, standby) = try Self.floorAndStandby(session, from: "30m", listen: (["--listen", a, "--authority", authority], ["--listen", b, "--authority", authority]))
        #expect(live.wait(for: "consoles from other hosts on \(a)"), "\(live.log)")
        let both = a + "," + b
        var consoles: [FloorSession] = []
        for i in 1...60 { consoles.append(try FloorSession.join(path: both, name: "console-\(i)", seat: "supervisor", certificate: certificate)) }
        var acknowledged: Set<String> = []
        var answers: [String] = []
        func everyoneActs(_ round: String) {
            for (i, console) in consoles.enumerated() {
                _ = console.pump()
                let world = console.floor.world
                guard let slot = (0..<world.incidents.slots).first(where: { world.incidents.record(slot: $0) != nil }) else {
                    answers.append("\(round) \(i + 1): no open incident in its world (\(world.incidents.slots) slots, at \(world.now))")
                    continue
                }
                let incident = IncidentID(slot: Int32(slot), generation: world.incidents.generations[slot])
                let text = "\(round) \(i + 1)"
                let answer = console.act(.command(.addNote(incident, text)))
                if case .done = answer { acknowledged.insert(text) } else { answers.append("\(text): \(answer)") }
            }
        }
        everyoneActs("before")
        #expect(acknowledged.count == 60)
        live.kill(SIGKILL)
        #expect(standby.wait(for: "took over from", timeout: 30), "\(standby.log)")
        #expect(standby.wait(for: "consoles from other hosts on \(b)"), "\(standby.log)")
        // Each console finds its floor gone, then the standby, by itself (it tries its floors once a second).
        var back: Set<Int> = []
        let deadline = Date(timeIntervalSinceNow: 120)
        while back.count < consoles.count && Date() < deadline {
            for (i, console) in consoles.enumerated() where console.pump().contains(.back) { back.insert(i) }
            // Paced by the standby itself: a standby that dies ends the wait.
            if standby.waitForExit(0.05) { break }
        }
        #expect(back.count == 60 && consoles.allSatisfy { $0.lost == nil }, "\(60 - back.count) consoles not back")
        everyoneActs("after")
        #expect(acknowledged.count == 120, "\(answers.prefix(5))")
        for console in consoles { console.leave() }
        let stop = Spawn.run([ConsoleEndToEndTests.binary, "floor", "stop", standby.socket])
        #expect(stop.status == 0, "\(stop.output)")
        #expect(standby.waitForExit(20), "\(standby.log)")
        var journalled: Set<String> = []
        for action in try Journal.open(at: session.url, readOnly: true).actions() {
            if case .command(.addNote(_, let text)) = action.action, action.refusal == nil { journalled.insert(text) }
        }
        #expect(acknowledged.subtracting(journalled).isEmpty, "acknowledged, not journalled: \(acknowledged.subtracting(journalled).sorted())")
        Self.expectVerifiedAndAudited(session)
    }

    @Test("A floor cut off (stopped) past its lease: the standby takes over; the old floor, woken, finds its lease taken, writes nothing and stops (exit 1); never two floors acting")
    func cutOffFloorStops() throws {
        let session = Session()
        let (live, standby) = try Self.floorAndStandby(session, from: "1h")
        kill(live.process.processIdentifier, SIGSTOP)
        #expect(standby.wait(for: "took over from", timeout: 30), "\(standby.log)")
        let taken = try #require(try Journal.open(at: session.url, readOnly: true).lease())
        kill(live.process.processIdentifier, SIGCONT)
        #expect(live.wait(for: "lease on the session was taken by standby-b"), "\(live.log)")
        #expect(live.waitForExit(10) && live.process.terminationStatus == 1, "\(live.log)")
        // The standby still holds the session: the woken floor took nothing back.
        #expect(try Journal.open(at: session.url, readOnly: true).lease()?.term == taken.term)
        let stop = Spawn.run([ConsoleEndToEndTests.binary, "floor", "stop", standby.socket])
        #expect(stop.status == 0, "\(stop.output)")
        #expect(standby.waitForExit(10))
        let verify = Spawn.run([ConsoleEndToEndTests.binary, "verify", session.url])
        #expect(verify.status == 0, "\(verify.output)")
    }

    @Test("A floor that cannot write its journal for a lease's lapse lets its consoles go (they look for the floor holding the session) and takes them again once it can; the write whose answer was lost meanwhile is not written twice; verify passes")
    func cutOffFromDatabase() throws {
        let session = Session()
        let live = try FloorProcess(["start", "default", "--from", "30m"], journal: session.url)
        #expect(live.wait(for: "floor open on"), "\(live.log)")
        let lee = try FloorSession.join(path: live.socket, name: "Lee", seat: "supervisor")
        func note(_ text: String) -> FloorAnswer {
            _ = lee.pump()
            let world = lee.floor.world
            guard let slot = (0..<world.incidents.slots).first(where: { world.incidents.record(slot: $0) != nil }) else { return .notTaken("no open incident") }
            return lee.act(.command(.addNote(IncidentID(slot: Int32(slot), generation: world.incidents.generations[slot]), text)))
        }
        #expect(note("before") == .done)
        // Actions held up by another transaction: the floor's write of Lee's next action waits at
        // the server, and the floor stops waiting for it after its patience (5 s), the statement
        // still queued there.
        let blocker = try PostgresLink.connect(PostgresAddress(parsing: session.url))
        try blocker.execute(unsafeSQL: "BEGIN")
        try blocker.execute(unsafeSQL: "LOCK TABLE \(session.schema).action IN SHARE MODE")
        let during = note("during")
        #expect(during != .done, "acknowledged while its journal could not be written: \(during)")
        #expect(live.wait(for: "its consoles are let go", timeout: 30), "\(live.log)")
        #expect(!FloorClient.answers(live.socket), "the floor still takes consoles")
        // Let go: the queued write commits at the server, its answer lost to the floor.
        try blocker.execute(unsafeSQL: "ROLLBACK")
        #expect(live.wait(for: "consoles are taken again", timeout: 30), "\(live.log)")
        var back = false
        let deadline = Date(timeIntervalSinceNow: 30)
        while !back && Date() < deadline && !live.waitForExit(0.05) { back = lee.pump(waiting: 0.1).contains(.back) }
        #expect(back, "Lee's console did not come back: \(lee.lost ?? "")")
        #expect(note("after") == .done)
        lee.leave()
        let stop = Spawn.run([ConsoleEndToEndTests.binary, "floor", "stop", live.socket])
        #expect(stop.status == 0, "\(stop.output)")
        #expect(live.waitForExit(10), "\(live.log)")
        let notes = try Journal.open(at: session.url, readOnly: true).actions().compactMap { action -> String? in
            if case .command(.addNote(_, let text)) = action.action, action.refusal == nil { text } else { nil }
        }
        // Said as not acknowledged, it was nevertheless committed once: there, once, and the chain whole.
        #expect(notes == ["before", "during", "after"], "\(notes)")
        Self.expectVerifiedAndAudited(session)
    }

    @Test("A standby refuses a file's journal, says when it cannot reach the database, and a second floor cannot resume a session whose lease runs")
    func refusals() throws {
        let onFile = Spawn.run([ConsoleEndToEndTests.binary, "floor", "standby", "--journal", "/tmp/some.journal", "--socket", "/tmp/x.sock"])
        #expect(onFile.status == 2 && onFile.output.contains("a standby follows a journal in PostgreSQL"), "\(onFile.output)")
        let away = Spawn.run([ConsoleEndToEndTests.binary, "floor", "standby", "--journal", "postgres://someone@127.0.0.1:9/db", "--socket", "/tmp/x.sock"])
        #expect(away.status == 2 && away.output.contains("cannot reach the journal's database"), "\(away.output)")
        let session = Session()
        let live = try FloorProcess(["start", "default"], journal: session.url)
        #expect(live.wait(for: "floor open on"), "\(live.log)")
        let second = Spawn.run([ConsoleEndToEndTests.binary, "floor", "resume", session.url, "--socket", live.folder + "/second.sock"])
        #expect(second.status == 2 && second.output.contains("acts on this session (its lease runs"), "\(second.output)")
        live.kill(SIGTERM)
    }
}
