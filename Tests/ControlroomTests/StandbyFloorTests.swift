import Foundation
import Journal
import PostgresLink
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

    @Test("kill -9 of the live floor: the standby takes the session over at the last journalled action, the console joined to both rejoins it by itself and acts; nothing acknowledged is missing; verify and audit pass")
    func takeOverAfterKill() throws {
        let session = Session()
        let live = try FloorProcess(["start", "default", "--from", "1h"], journal: session.url)
        #expect(live.wait(for: "floor open on"), "\(live.log)")
        let standby = try FloorProcess(["standby", "--journal", session.url, "--name", "standby-b"])
        #expect(standby.wait(for: "following the floor"), "\(standby.log)")
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
        let verify = Spawn.run([ConsoleEndToEndTests.binary, "verify", session.url])
        #expect(verify.status == 0, "\(verify.output)")
        let audit = Spawn.run([ConsoleEndToEndTests.binary, "audit", session.url])
        #expect(audit.status == 0 && audit.output.contains(", 0 disagreements"), "\(audit.output)")
    }

    @Test("A floor cut off (stopped) past its lease: the standby takes over; the old floor, woken, finds its lease taken, writes nothing and stops (exit 1); never two floors acting")
    func cutOffFloorStops() throws {
        let session = Session()
        let live = try FloorProcess(["start", "default", "--from", "1h"], journal: session.url)
        #expect(live.wait(for: "floor open on"), "\(live.log)")
        let standby = try FloorProcess(["standby", "--journal", session.url, "--name", "standby-b"])
        #expect(standby.wait(for: "following the floor"), "\(standby.log)")
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
