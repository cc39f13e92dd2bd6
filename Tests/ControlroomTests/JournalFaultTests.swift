import Foundation
import Testing
import TmuxHarness

/// The journal failing under a live console: a full disk, the file removed, made immutable, or
/// given to a second console. In each, notes are added one at a time and every answer is read
/// off the screen; then every note the console acknowledged must be in the journal. The counts
/// are printed for the issue's note.
@Suite("The journal failing under a live console", .serialized)
struct JournalFaultTests {
    static let binary = ConsoleEndToEndTests.binary

    /// How a run of notes went: acknowledged, refused, held (taken but not acknowledged), and
    /// acknowledged but not in the journal.
    struct Tally: CustomStringConvertible {
        var acknowledged = 0, refused = 0, held = 0, lost = 0
        /// The notes the console acknowledged, by their text.
        var acknowledgedNotes: [String] = []

        /// Counts the acknowledged notes the journal does not hold; returns the notes it holds.
        @discardableResult
        mutating func countLost(in journal: String) -> Set<String> {
            let kept = Set(JournalFaultTests.notesInJournal(journal))
            lost = acknowledgedNotes.filter { !kept.contains($0) }.count
            return kept
        }
        var description: String { "acknowledged \(acknowledged), refused \(refused), not acknowledged \(held), acknowledged and lost \(lost)" }
    }

    static let acknowledgement = "Note added to 0001."
    static let refusal = "Refused: the journal cannot be written"
    static let notAcknowledged = "NOT ACKNOWLEDGED"

    /// Adds notes `label-0`... one at a time, reading each answer off the bottom line.
    static func addNotes(_ t: TmuxSession, _ label: String, count: Int, into tally: inout Tally) {
        for n in 0..<count {
            let text = "\(label)-\(n)"
            t.keys(":note 0001 \(text)", "Enter")
            let screen = t.wait { s in
                let bottom = s.split(separator: "\n").last.map(String.init) ?? ""
                return [acknowledgement, refusal, notAcknowledged].contains { bottom.contains($0) }
            }
            let bottom = screen.split(separator: "\n").last.map(String.init) ?? ""
            if bottom.contains(acknowledgement) { tally.acknowledged += 1; tally.acknowledgedNotes.append(text) }
            else if bottom.contains(refusal) { tally.refused += 1 }
            else if bottom.contains(notAcknowledged) { tally.held += 1 }
            else { Issue.record("no answer to note \(text): \(bottom)") }
            // Esc clears the answer, so the next one is told from this one (and the next ':' is
            // not read as Alt-: with it).
            t.keys("Escape")
            let idle = t.wait { ($0.split(separator: "\n").last.map(String.init) ?? "").contains("? help  : command") }
            #expect(idle.contains("? help  : command"), "\(idle)")
        }
    }

    /// The notes the journal holds.
    static func notesInJournal(_ journal: String) -> [String] {
        Spawn.run(["sqlite3", journal, "select action from action where action like '%addNote%'"]).output
            .split(separator: "\n").compactMap { line in
                guard let range = line.range(of: #""_1":"([^"]*)""#, options: .regularExpression) else { return nil }
                return String(line[range].dropFirst(6).dropLast())
            }
    }

    static func folder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fault-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Opens a console on a new journal, paused two hours in, ready for notes.
    static func console(_ journal: String) -> TmuxSession {
        let t = TmuxSession(binary: binary, ["run", "--from", "2h", "--journal", journal], width: 160, height: 45)
        #expect(t.wait(for: "Journal:"), "\(t.screen())")
        t.keys("Space")
        #expect(t.wait(for: "Paused."))
        return t
    }

    static func quit(_ t: TmuxSession) {
        t.keys("q")
        t.wait { $0.contains("Quit?") }
        t.keys("y")
        #expect(t.wait(for: "[exit "), "\(t.screen())")
    }

    /// Whether this machine lets the test mount a small tmpfs of its own (root, not in a
    /// restricted container).
    static let canMount: Bool = {
        guard let folder = try? folder() else { return false }
        defer { Spawn.run(["umount", folder]); try? FileManager.default.removeItem(atPath: folder) }
        return Spawn.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", folder]).status == 0
    }()

    @Test("A full disk: the clock stops, actions are refused, and once there is space again nothing acknowledged is lost",
          .enabled(if: canMount, "needs to mount a tmpfs (root)"))
    func diskFull() throws {
        let folder = try Self.folder()
        let disk = folder + "/disk"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        #expect(Spawn.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", disk]).status == 0)
        defer {
            Spawn.run(["umount", "-l", disk])
            try? FileManager.default.removeItem(atPath: folder)
        }
        let journal = disk + "/session.journal"
        var tally = Tally()
        do {
            let t = Self.console(journal)
            Self.addNotes(t, "before", count: 2, into: &tally)
            // Fill the disk to the last block.
            Spawn.run(["dd", "if=/dev/zero", "of=\(disk)/filler", "bs=4k"])
            #expect(t.wait(for: "JOURNAL NOT WRITTEN: the disk is full"), "\(t.screen())")
            Self.addNotes(t, "full", count: 10, into: &tally)
            unlink(disk + "/filler")
            #expect(t.wait(for: "The journal is written again: nothing lost"), "\(t.screen())")
            Self.addNotes(t, "after", count: 2, into: &tally)
            Self.quit(t)
        }
        tally.countLost(in: journal)
        print("disk full: \(tally)")
        #expect(tally.lost == 0)
        #expect(tally.refused + tally.held >= 9, "the full disk refused the notes: \(tally)")
        #expect(tally.acknowledged >= 4)
        #expect(Spawn.run([Self.binary, "verify", journal]).status == 0)
    }

    @Test("The journal removed mid-session: it is written back at its path and nothing acknowledged is lost")
    func removed() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = folder + "/session.journal"
        var tally = Tally()
        do {
            let t = Self.console(journal)
            Self.addNotes(t, "before", count: 2, into: &tally)
            for file in [journal, journal + "-wal", journal + "-shm"] { unlink(file) }
            Self.addNotes(t, "removed", count: 10, into: &tally)
            Self.quit(t)
            #expect(t.wait(for: "Session recorded in"))
        }
        let kept = tally.countLost(in: journal)
        print("journal removed: \(tally)")
        #expect(tally.lost == 0)
        #expect(kept.count == tally.acknowledged + tally.held)
        #expect(Spawn.run([Self.binary, "verify", journal]).status == 0)
    }

    @Test("A second console on the same journal is refused at start, and the first loses nothing")
    func twoConsoles() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = folder + "/session.journal"
        var tally = Tally()
        do {
            let first = Self.console(journal)
            let second = TmuxSession(binary: Self.binary, ["run", "--journal", journal])
            #expect(second.wait(for: "another console is writing"), "\(second.screen())")
            #expect(second.wait(for: "[exit 2]"))
            Self.addNotes(first, "first", count: 10, into: &tally)
            Self.quit(first)
        }
        tally.countLost(in: journal)
        print("two consoles: \(tally)")
        #expect(tally.lost == 0 && tally.acknowledged == 10)
    }

    @Test("The journal made immutable: refused, never a SIGBUS; once writable again nothing acknowledged is lost",
          .enabled(if: Self.canChattr, "needs chattr on a file system that has it (root)"))
    func immutable() throws {
        let folder = try Self.folder()
        let journal = folder + "/session.journal"
        let files = [journal, journal + "-wal", journal + "-shm"]
        defer {
            Spawn.run(["chattr", "-i"] + files)
            try? FileManager.default.removeItem(atPath: folder)
        }
        var tally = Tally()
        do {
            let t = Self.console(journal)
            Self.addNotes(t, "before", count: 2, into: &tally)
            #expect(Spawn.run(["chattr", "+i"] + files).status == 0)
            #expect(t.wait(for: "JOURNAL NOT WRITTEN"), "\(t.screen())")
            Self.addNotes(t, "immutable", count: 10, into: &tally)
            #expect(t.programPID != nil, "the console is still running")
            Spawn.run(["chattr", "-i"] + files)
            #expect(t.wait(for: "The journal is written again"), "\(t.screen())")
            Self.quit(t)
            #expect(t.wait(for: "[exit 0]"))
        }
        tally.countLost(in: journal)
        print("journal immutable: \(tally)")
        #expect(tally.lost == 0)
        #expect(tally.refused + tally.held == 10)
    }

    @Test("A recording console killed: its watcher says so within 2 s, and carries on when the session is resumed")
    func watcherSeesDeadWriter() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = folder + "/session.journal"
        let live = TmuxSession(binary: Self.binary, ["run", "--from", "2h", "--journal", journal], width: 160, height: 45)
        #expect(live.wait(for: "Journal:"))
        let watcher = TmuxSession(binary: Self.binary, ["watch", journal], width: 160, height: 45)
        #expect(watcher.wait(for: "WATCHING"), "\(watcher.screen())")
        #expect(watcher.holds(for: 1) { !$0.contains("NOT ANSWERING") }, "a live writer is answering")
        #expect(live.signal(SIGKILL))
        let killed = Date()
        let said = watcher.wait(timeout: 5) { $0.contains("stopped answering at") }
        let seconds = Date().timeIntervalSince(killed)
        print("watcher saw the killed writer after \(String(format: "%.2f", seconds)) s")
        #expect(said.contains("the session did not end"), "\(said)")
        #expect(said.contains("NOT ANSWERING"))
        // When, in 24-hour form, saying whose clock: the wall's, and the room's beside it.
        let hour = Calendar(identifier: .gregorian).component(.hour, from: killed)
        #expect(said.range(of: String(format: "stopped answering at %02d:[0-5][0-9]:[0-5][0-9] by the wall clock", hour), options: .regularExpression) != nil
                || said.range(of: "stopped answering at [0-2][0-9]:[0-5][0-9]:[0-5][0-9] by the wall clock", options: .regularExpression) != nil, "\(said)")
        #expect(said.contains("(the room's clock: "), "\(said)")
        #expect(seconds < 2)
        let resumed = TmuxSession(binary: Self.binary, ["resume", journal], width: 160, height: 45)
        #expect(resumed.wait(for: "Resumed"), "\(resumed.screen())")
        #expect(watcher.wait(for: "answering again"), "\(watcher.screen())")
        Self.quit(resumed)
    }

    static let canChattr: Bool = {
        guard let folder = try? folder() else { return false }
        let file = folder + "/probe"
        defer { Spawn.run(["chattr", "-i", file]); try? FileManager.default.removeItem(atPath: folder) }
        FileManager.default.createFile(atPath: file, contents: Data())
        return Spawn.run(["chattr", "+i", file]).status == 0
    }()
}

/// A journal that opens but is not the record of its own scenario: every command that reads it
/// says so and exits 1; none trips a precondition.
@Suite("A journal that does not replay, through the real binary", .serialized)
struct UnreplayableJournalTests {
    static let binary = ConsoleEndToEndTests.binary

    /// Each of the commands that read a journal, on `journal`: exit 1 and `says`, never a crash.
    static func everyCommand(_ journal: String, says: String) {
        for command in ["verify", "report", "debrief"] {
            let result = Spawn.run([Self.binary, command, journal])
            #expect(result.status == 1, "\(command): \(result.output)")
            #expect(result.output.contains(says), "\(command): \(result.output)")
            #expect(!result.output.contains("Precondition") && !result.output.contains("Fatal error"), "\(command): \(result.output)")
        }
        for command in [["resume", journal], ["replay", journal], ["watch", journal]] {
            let t = TmuxSession(binary: Self.binary, command)
            #expect(t.wait(for: "[exit 1]"), "\(command[0]): \(t.screen())")
            #expect(t.screen().replacingOccurrences(of: "\n", with: "").contains(says), "\(command[0]): \(t.screen())")
        }
    }

    static func practiceJournal(_ folder: String) -> String {
        let journal = folder + "/practice.journal"
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let practice = Spawn.run([Self.binary, "practice", root + "/scenarios/training/06-street-fight.yaml", "--journal", journal])
        #expect(practice.status == 0, "\(practice.output)")
        return journal
    }

    @Test("Its scenario text edited: verify, report, debrief, resume, replay and watch each refuse it and exit 1")
    func scenarioEdited() throws {
        let folder = try JournalFaultTests.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = Self.practiceJournal(folder)
        // The police station moved four kilometres.
        let edit = Spawn.run(["sqlite3", journal, "UPDATE session SET ended = 0, scenario_source = replace(scenario_source, 'at: [0, 0]', 'at: [4, 0]')"])
        #expect(edit.status == 0, "\(edit.output)")
        Self.everyCommand(journal, says: "not intact")
    }

    @Test("An action moved back in time, links cleared as in an old journal: each command says it does not replay and exits 1")
    func doesNotReplay() throws {
        let folder = try JournalFaultTests.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = Self.practiceJournal(folder)
        // The last action said to be taken at the start of the night (the world is long past it:
        // "the clock never runs backwards" used to end every reader here).
        let edit = Spawn.run(["sqlite3", journal, """
            UPDATE session SET chain_head = NULL, ended = 0; UPDATE event SET link = NULL; UPDATE action SET link = NULL;
            PRAGMA user_version = 1;
            UPDATE action SET sim_time = 0 WHERE seq = (SELECT max(seq) FROM action);
            """])
        #expect(edit.status == 0, "\(edit.output)")
        Self.everyCommand(journal, says: "does not replay")
    }

    @Test("Its progress edited to a negative point or one far past the scenario's end: every reader refuses it with a message, none crashes or runs on")
    func impossibleProgress() throws {
        for (edit, says) in [("progress_step = -5, progress_time = -1000", "which no session reaches"),
                             ("progress_time = 9000000000000000, progress_step = 9000000000000000", "days past its last row")] {
            let folder = try JournalFaultTests.folder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let journal = Self.practiceJournal(folder)
            let change = Spawn.run(["sqlite3", journal, "UPDATE session SET chain_head = NULL, ended = 0, \(edit); UPDATE event SET link = NULL; UPDATE action SET link = NULL; PRAGMA user_version = 1;"])
            #expect(change.status == 0, "\(change.output)")
            for command in [["verify"], ["report"], ["debrief"], ["export", "--incidents", "-"]] {
                // A reader that ran on would be ended here, and fail.
                let result = Spawn.run(["timeout", "120", Self.binary, command[0], journal] + command.dropFirst())
                #expect(result.status == 1 || result.status == 2, "\(command): \(result.status) \(result.output.prefix(300))")
                #expect(result.output.contains(says), "\(command): \(result.output.prefix(300))")
                #expect(!result.output.contains("Fatal error") && !result.output.contains("Precondition"), "\(command)")
            }
        }
    }

    @Test("Every link and the chain's head set to NULL and a refused action marked as carried out: verify says the links were removed and exits 1, not that it is an old journal")
    func linksRemoved() throws {
        let folder = try JournalFaultTests.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = Self.practiceJournal(folder)
        let edit = Spawn.run(["sqlite3", journal, """
            UPDATE session SET chain_head = NULL; UPDATE event SET link = NULL; UPDATE action SET link = NULL;
            UPDATE action SET refusal = NULL WHERE seq = (SELECT max(seq) FROM action);
            """])
        #expect(edit.status == 0, "\(edit.output)")
        let verify = Spawn.run([Self.binary, "verify", journal])
        #expect(verify.status == 1 && verify.output.contains("its links and head are gone"), "\(verify.output)")
    }
}
