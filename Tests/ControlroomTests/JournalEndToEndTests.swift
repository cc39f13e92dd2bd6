import DispatchEngine
import Foundation
import Journal
import Testing
import TmuxHarness

/// The journal through the real binary: kills, recovery, watching, and the read-back commands.
@Suite("Journal through the real binary", .serialized)
struct JournalEndToEndTests {
    static let binary = ConsoleEndToEndTests.binary

    static func temporaryJournal() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)").path + "/session.journal"
    }

    func controlroom(_ arguments: [String]) -> (status: Int32, output: String) {
        Spawn.run([Self.binary] + arguments)
    }

    @Test("kill -9 at random moments of a busy run: each restart resumes where the journal left off, nothing acknowledged is lost, and the record verifies")
    func killAndRecover() throws {
        let journal = Self.temporaryJournal()
        var random = SystemRandomNumberGenerator()
        var sent: [String] = []
        for life in 0..<4 {
            let arguments = life == 0 ? ["run", "--journal", journal, "--from", "2h", "--speed", "60"]
                                      : ["run", "--journal", journal, "--speed", "60"]
            let t = TmuxSession(binary: Self.binary, arguments, width: 160, height: 48)
            #expect(t.wait(for: life == 0 ? "Journal:" : "Resumed", timeout: 20), "life \(life): \(t.screen())")
            // Acknowledged actions: a message on the radio, seen on screen (refused or carried out).
            for n in 0..<2 {
                let text = "check \(life)-\(n)"
                t.keys(":msg NF11 \(text)", "Enter")
                let shown = t.wait { $0.contains(text) || $0.contains("Refused") }
                #expect(shown.contains(text) || shown.contains("Refused"), "life \(life): \(shown)")
                sent.append(text)
                t.runsOn(seconds: Int.random(in: 3...24, using: &random))
            }
            // The kill lands at a random moment of the run, mid-tick or not: after a random
            // stretch of the clock (60x: 6 to 90 simulated seconds are 0.1 to 1.5 s).
            t.runsOn(seconds: Int.random(in: 6...90, using: &random))
            #expect(t.signal(SIGKILL), "life \(life): the program was not running")
            #expect(t.wait(for: "[exit 137]"), "life \(life) was not killed: \(t.screen())")
        }
        // A last start, then quit properly.
        let t = TmuxSession(binary: Self.binary, ["run", "--journal", journal], width: 160, height: 48)
        #expect(t.wait(for: "Resumed", timeout: 20))
        t.keys("q", "y")
        #expect(t.wait(for: "[exit 0]"))

        let verify = controlroom(["verify", journal])
        #expect(verify.status == 0, "\(verify.output)")
        #expect(verify.output.contains("the replay matches the record event for event"))
        let opened = try Journal.open(at: journal, readOnly: true)
        let messages = try opened.actions().compactMap { action -> String? in
            if case .command(.message(_, let text)) = action.action { return text }
            return nil
        }
        #expect(messages == sent, "every acknowledged message is in the journal, in order")
        #expect(try opened.progress().ended)
    }

    @Test("A supervisor watches a live session from a second terminal: read-only, following it")
    func watchALiveSession() throws {
        let journal = Self.temporaryJournal()
        let live = TmuxSession(binary: Self.binary, ["run", "--journal", journal, "--from", "2h", "--speed", "10"], width: 140, height: 40)
        #expect(live.wait(for: "Incidents"))
        let watcher = TmuxSession(binary: Self.binary, ["watch", journal], width: 140, height: 40)
        #expect(watcher.wait(for: "WATCHING"), "\(watcher.screen())")
        // Waited for, not read at once: the status bar can be on screen before the rest of the
        // first frame (seen once in CI).
        #expect(watcher.wait(for: "Supervisor"), "\(watcher.screen())")
        // The seat watched, as it is now: the live console dispatches every area.
        #expect(watcher.screen().contains("(dispatcher of every area)"), "\(watcher.screen())")
        // Pause the live session: the watcher catches up to the very same second.
        live.keys("Space")
        #expect(live.wait(for: "PAUSED"))
        // The paused clock, read until two looks agree (the PAUSED frame may be drawn first).
        var liveClock = live.clock()
        live.wait { _ in
            let again = live.clock()
            defer { liveClock = again }
            return again != nil && again == liveClock
        }
        let caught = watcher.wait(timeout: 5) { _ in watcher.clock() == liveClock }
        #expect(watcher.clock() == liveClock, "\(caught)")
        // The watcher cannot act.
        watcher.keys(":msg NF11 hello", "Enter")
        #expect(watcher.wait(for: "Watching: read-only, nothing was changed."))
        // The session ends: the watcher is told.
        live.keys("q", "y")
        #expect(watcher.wait(for: "The session has ended"))
        watcher.keys("q", "y")
        #expect(watcher.wait(for: "[exit 0]"))
    }

    @Test("report, export and verify read a journal; a bad journal gets a clear error and status 2")
    func readBackCommands() throws {
        let journal = Self.temporaryJournal()
        let live = TmuxSession(binary: Self.binary, ["run", "--journal", journal, "--from", "2h", "--speed", "60"], width: 140, height: 40)
        #expect(live.wait(for: "Incidents"))
        // About two simulated minutes of the night go on record.
        live.runsOn(seconds: 120)
        live.keys("q", "y")
        #expect(live.wait(for: "[exit 0]"))
        #expect(live.screen().contains("Session recorded in \(journal)"))

        // Played back: the REPLAY mark, the clock moved by ] and by :seek, and nothing can be done.
        let replay = TmuxSession(binary: Self.binary, ["replay", journal, "--speed", "1"], width: 140, height: 40)
        #expect(replay.wait(for: "REPLAY of"), "\(replay.screen())")
        replay.keys("Space")
        #expect(replay.wait(for: "PAUSED"))
        func clockReaches(_ range: ClosedRange<Int>) -> Bool {
            _ = replay.wait { _ in replay.clock().map { range ~= $0 } ?? false }
            return replay.clock().map { range ~= $0 } ?? false
        }
        // The record runs from 20:00 (where the person sat down) to about 20:02; seeking back
        // rebuilds the night from its start.
        replay.keys(":seek 19:40", "Enter")
        #expect(clockReaches((19 * 3600 + 40 * 60)...(19 * 3600 + 40 * 60 + 5)), "\(replay.screen())")
        replay.keys("]")
        #expect(clockReaches((19 * 3600 + 50 * 60)...(19 * 3600 + 50 * 60 + 5)), "\(replay.screen())")
        replay.keys("[", "[")
        #expect(clockReaches((19 * 3600 + 30 * 60)...(19 * 3600 + 30 * 60 + 5)), "\(replay.screen())")
        // Forward past the end of the record stops at its end.
        replay.keys(":seek +1h", "Enter")
        #expect(replay.wait(for: "End of the record at"))
        replay.keys(":msg NF11 hello", "Enter")
        #expect(replay.wait(for: "Replay: read-only, nothing was changed."))
        replay.keys("q", "y")
        #expect(replay.wait(for: "[exit 0]"))

        let report = controlroom(["report", journal])
        #expect(report.status == 0)
        #expect(report.output.contains("Session"))
        #expect(report.output.contains("ended by the operator"))
        let json = controlroom(["report", journal, "--json"])
        #expect(json.output.contains("\"session\": {"))
        let csv = (journal as NSString).deletingLastPathComponent + "/incidents.csv"
        let export = controlroom(["export", journal, "--incidents", csv])
        #expect(export.status == 0)
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(text.hasPrefix("reference,opened,line,call,type"))
        #expect(controlroom(["export", journal]).status != 0, "one of --incidents, --radio, --events is needed")

        let notes = (journal as NSString).deletingLastPathComponent + "/notes.txt"
        try String(repeating: "handover notes\n", count: 100).write(toFile: notes, atomically: true, encoding: .utf8)
        for command in ["report", "verify", "replay", "watch"] {
            let bad = controlroom([command, notes])
            #expect(bad.status == 2, "\(command): \(bad.output)")
            #expect(bad.output.contains("not a controlroom journal (not an SQLite database)"), "\(command): \(bad.output)")
            #expect(!bad.output.contains("Fatal error"))
        }
        let missing = controlroom(["report", "/nonexistent/x.journal"])
        #expect(missing.output.contains("no such journal"))
    }
}
