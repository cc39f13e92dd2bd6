import Foundation
import Journal
import PostgresLink
import Testing
import TmuxHarness

/// A floor whose journal is in PostgreSQL, through the real binary: started, acted on, killed,
/// resumed from the database, and every reader run on the database's address.
@Suite("A floor on PostgreSQL", .serialized,
       .enabled(if: ProcessInfo.processInfo.environment["CONTROLROOM_TEST_POSTGRES"] != nil,
                "needs a PostgreSQL server: CONTROLROOM_TEST_POSTGRES (.ci/postgres start)"))
struct FloorOnPostgresTests {
    @Test("floor start --journal postgres://...: a dispatcher's send is journalled in the database; the floor killed (-9) resumes from it and the console rejoins; verify, audit, report and export read the database")
    func floorOnPostgres() throws {
        let schema = "floor_" + String(UInt64.random(in: 0..<UInt64.max), radix: 36)
        let url = ProcessInfo.processInfo.environment["CONTROLROOM_TEST_POSTGRES"]! + "?schema=" + schema
        let address = try PostgresAddress(parsing: url)
        defer {
            if let link = try? PostgresLink.connect(address) { try? link.execute(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema) CASCADE") }
        }
        let floor = try FloorProcess(["start", "default", "--from", "1h"], journal: url)
        #expect(floor.wait(for: "floor open on"), "\(floor.log)")
        #expect(floor.log.contains("journal \(url)"), "\(floor.log)")
        // A second floor on the same journal is refused: one writer.
        let second = Spawn.run([ConsoleEndToEndTests.binary, "floor", "resume", url, "--socket", floor.folder + "/second.sock"])
        #expect(second.status == 2 && second.output.contains("acts on this session (its lease runs"), "\(second.output)")

        let lee = floor.join(seat: "dispatcher", name: "Lee")
        #expect(lee.wait(for: "FLOOR · Lee, dispatcher"), "\(lee.screen())")
        lee.keys("Space", "Enter")
        #expect(lee.wait(for: "Recommended units (1-9 to send)"), "\(lee.screen())")
        let callsign = try ConsoleEndToEndTests.sendFirstRecommended(lee)
        lee.keys("Escape")

        // Acknowledged, so in the database already: the floor dies and nothing of it is lost.
        floor.kill(SIGKILL)
        #expect(lee.wait(for: "FLOOR LOST"), "\(lee.screen())")
        let sent = try Journal.open(at: url, readOnly: true).actions().filter { $0.person == "Lee" && $0.refusal == nil }
        #expect(sent.contains { if case .command(.assign) = $0.action { true } else { false } }, "\(sent)")

        try floor.start(["floor", "resume", url, "--socket", floor.socket])
        #expect(floor.wait(for: "resumed"), "\(floor.log)")
        #expect(floor.wait(for: "Lee rejoined as dispatcher"), "\(floor.log)")
        #expect(!lee.wait(timeout: 20) { !$0.contains("FLOOR LOST") }.contains("FLOOR LOST"))
        lee.keys("q")
        #expect(lee.wait(for: "Quit"), "\(lee.screen())")
        lee.keys("y")
        #expect(lee.wait(for: "[exit 0]"), "\(lee.screen())")
        let stop = Spawn.run([ConsoleEndToEndTests.binary, "floor", "stop", floor.socket])
        #expect(stop.status == 0, "\(stop.output)")
        #expect(floor.waitForExit(10), "\(floor.log)")

        let verify = Spawn.run([ConsoleEndToEndTests.binary, "verify", url])
        #expect(verify.status == 0 && verify.output.contains("the replay matches the record event for event"), "\(verify.output)")
        let audit = Spawn.run([ConsoleEndToEndTests.binary, "audit", url])
        #expect(audit.status == 0 && audit.output.contains(", 0 disagreements"), "\(audit.output)")
        let report = Spawn.run([ConsoleEndToEndTests.binary, "report", url, "--json"])
        #expect(report.status == 0 && report.output.contains("\"lee\": {"), "\(report.output.prefix(1500))")
        let events = floor.folder + "/events.csv"
        let export = Spawn.run([ConsoleEndToEndTests.binary, "export", url, "--events", events])
        let csv = (try? String(contentsOfFile: events, encoding: .utf8)) ?? ""
        #expect(export.status == 0 && csv.contains(callsign) && csv.contains("person:Lee"), "\(export.output)")
        // Ended: resume refuses it, as a file's.
        // (A floor of the test's own, ended by it should it open after all: never left running.)
        let again = try FloorProcess(["resume", url], folder: floor.folder + "/again")
        #expect(again.waitForExit(30) && again.process.terminationStatus == 2 && again.log.contains("that session was ended"), "\(again.log)")
    }
}
