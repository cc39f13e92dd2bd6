import Foundation
import Testing
import TmuxHarness

/// Keys and pastes through the real binary in a real terminal: what arrives as an escape
/// sequence is one key or none, and a paste is text, never keys.
@Suite("Keys and pastes in a terminal", .serialized)
struct KeysEndToEndTests {
    static let binary = ConsoleEndToEndTests.binary

    /// What the person did, as the journal has it: every action but taking the seat, carried out
    /// or refused, and the events the person caused.
    static func personActions(_ journal: String) -> [String] {
        let actions = Spawn.run(["sqlite3", journal, "select action from action"]).output
            .split(separator: "\n").map(String.init).filter { !$0.contains("Seat\"") }
        let csv = Spawn.run([binary, "export", journal, "--events", "-"]).output
        let events = csv.split(separator: "\n").dropFirst().compactMap { line -> String? in
            let actor = line.split(separator: ",", omittingEmptySubsequences: false).dropFirst(4).first.map(String.init) ?? ""
            return actor == "world" || actor.hasPrefix("engine:") ? nil : String(line)
        }
        return actions + events
    }

    /// PgDn, Home, F10 and Alt-6 on the resource board, as each terminal sends them: none books
    /// a state or stands a unit down (under TERM=vt100 PgDn used to book state 6 at scene).
    @Test("PgDn, Home, F10 and Alt-6 on the board change nothing, under TERM=vt100 and xterm", arguments: ["vt100", "xterm"])
    func boardKeys(term: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = folder + "/session.journal"
        let t = TmuxSession(binary: Self.binary, ["run", "--from", "2h", "--journal", journal], env: ["TERM": term])
        #expect(t.wait(for: "Resources"), "\(t.screen())")
        t.keys("Space", "Tab")   // paused, the resource board in focus with a unit selected
        #expect(t.wait(for: "Paused."))
        for sequence in ["1b 5b 36 7e", "1b 4f 48", "1b 5b 31 7e", "1b 5b 32 31 7e", "6e", "1b 36", "1b 5b 36 3b 32 7e", "1b 5b 39 39 7e"] {
            t.bytes(sequence)   // PgDn, Home (SS3 and VT220), F10 then n (not quitting), Alt-6, Shift-PgDn, unknown
        }
        // Every key before has been read once the command after them has answered.
        t.keys(":nosuchcommand", "Enter")
        let screen = t.wait { $0.contains("nosuchcommand") && $0.contains("Unknown") }
        #expect(screen.contains("Unknown"), "\(screen)")
        #expect(!screen.contains("No key '~'") && !screen.contains("No key '6'"), "\(screen)")
        t.keys("q", "y")
        #expect(t.wait(for: "[exit 0]"))
        #expect(Self.personActions(journal) == [], "a key sequence acted for the dispatcher")
    }

    @Test("A paste of an escape-laden line lands in the command line as text, and runs nothing")
    func bracketedPaste() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paste-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = folder + "/session.journal"
        let t = TmuxSession(binary: Self.binary, ["run", "--from", "2h", "--journal", journal])
        #expect(t.wait(for: "Incidents"))
        t.keys("Space", "Enter")   // an incident's record open: 1-9 would send a unit
        #expect(t.wait(for: "Recommended units"))
        // With no line open, a paste is refused, not typed as keys.
        t.paste("13")
        #expect(t.wait(for: "Paste ignored"), "\(t.screen())")
        t.keys(":")
        t.paste("msg NF11 X\u{1B}[31mRED 31\r")
        let typed = t.wait { $0.contains(":msg NF11 X[31mRED 31") }
        #expect(typed.contains(":msg NF11 X[31mRED 31"), "\(typed)")
        // Esc and a key sent together are Alt with the key, as from a terminal: one at a time.
        t.keys("Escape")
        #expect(!t.wait { !$0.contains(":msg NF11") }.contains(":msg NF11"))
        t.keys("Escape")
        #expect(!t.wait { !$0.contains("Recommended units") }.contains("Recommended units"))
        t.keys("q", "y")
        #expect(t.wait(for: "[exit 0]"))
        #expect(Self.personActions(journal) == [], "the paste ran as keys")
    }

    @Test("A mistaken state on a unit at scene, undone with u: journalled as new actions, the unit back at scene")
    func undoMistakenState() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("undo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = folder + "/session.journal"
        let t = TmuxSession(binary: Self.binary, ["run", "--from", "2h", "--journal", journal], width: 160, height: 45)
        #expect(t.wait(for: "Resources"))
        t.keys("Space")
        #expect(t.wait(for: "Paused."))
        let before = t.screen()
        // Any unit at scene on the board will do: the first one listed.
        let atScene = before.split(separator: "\n").compactMap { line -> String? in
            guard let match = line.firstMatch(of: /([A-Z]+[0-9]+) +\S+ +6 at scene/) else { return nil }
            return String(match.1)
        }.first
        let unit = try #require(atScene, "a unit at scene on the board: \(before)")
        t.keys(":state \(unit) 2", "Enter")
        #expect(t.wait { s in s.split(separator: "\n").contains { $0.contains(unit) && $0.contains("2 on patrol") } }.contains(unit), "\(t.screen())")
        t.keys("u")
        let undone = t.wait { $0.contains("Undone: \(unit) state 2") }
        #expect(undone.contains("Undone: \(unit) state 2"), "\(undone)")
        #expect(undone.split(separator: "\n").contains { $0.contains(unit) && $0.contains("6 at scene") }, "back at scene: \(undone)")
        t.keys("q", "y")
        #expect(t.wait(for: "[exit 0]"))
        let actions = Self.personActions(journal).filter { $0.hasPrefix("{") }
        #expect(actions.count == 3, "\(actions)")
        #expect(actions.first?.contains("setStatus") == true)
        #expect(actions.dropFirst().first?.contains("reattach") == true)
        #expect(actions.last?.contains("Undone: ") == true)
    }

    /// A console of its own, paused, with a unit sent to a waiting incident from some minutes
    /// away and its state 6 asked about: the question is on the screen.
    static func askedAboutSix(_ journal: String, before: (TmuxSession) -> Void = { _ in }) throws -> (TmuxSession, reference: String, unit: String) {
        let t = TmuxSession(binary: binary, ["run", "--from", "2h", "--speed", "60", "--journal", journal], width: 160, height: 45)
        // The person dispatches every area: the next incident waits for them.
        let waiting = t.wait(timeout: 60) { $0.range(of: #"(\d{4}) G[123] .* new "#, options: .regularExpression) != nil }
        t.keys("Space")
        #expect(t.wait(for: "Paused."))
        before(t)
        let row = try #require(t.screen().split(separator: "\n").first { $0.range(of: #"(\d{4}) G[123] .* new "#, options: .regularExpression) != nil }, "\(waiting)")
        let reference = String(row[row.range(of: #"\d{4}"#, options: .regularExpression)!])
        t.keys(":", "open \(reference)", "Enter")
        let record = t.wait { $0.contains("Recommended units (1-9 to send)") }
        // A free unit some minutes away.
        let pick = record.split(separator: "\n").compactMap { line -> String? in
            guard let m = line.firstMatch(of: /│ \d  ([A-Z]+\d+) +\S+ +eta (\d+):(\d\d) .* state [23]\s/), Int(m.2)! >= 3 else { return nil }
            return String(m.1)
        }.first
        let unit = try #require(pick, "a free unit minutes away: \(record)")
        t.keys("Escape")
        // Closed before anything else is typed: a digit typed over a record sends a unit.
        #expect(!t.wait { !$0.contains("Recommended units") }.contains("Recommended units"))
        t.keys(":", "assign \(unit) \(reference)", "Enter")
        ConsoleEndToEndTests.goAheadIfAsked(t)
        t.keys(":", "st \(unit) 6", "Enter")
        return (t, reference, unit)
    }

    @Test("Sent, booked 6 while minutes away (asked first), then u: the state is undone, the record has no attendance that never was, and the audit agrees with every view")
    func bookedSixAskedAndUndone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("six-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = folder + "/session.journal"
        let (t, reference, unit) = try Self.askedAboutSix(journal)
        let asked = t.wait { $0.contains("book it at scene anyway") }
        #expect(asked.contains("\(unit) is ") && asked.contains(" km and "), "\(asked)")
        t.keys("y")
        #expect(t.wait(for: "\(unit) state 6 at scene"), "\(t.screen())")
        t.keys("u")
        #expect(t.wait(for: "Undone: \(unit) state 6 on \(reference)"), "\(t.screen())")
        t.keys(":", "open \(reference)", "Enter")
        let after = t.wait { $0.contains("Timeline") && $0.contains("Status") }
        let status = try #require(after.split(separator: "\n").first { $0.contains("Status") }, "\(after)")
        #expect(!status.contains("attended"), "no attendance that never was: \(status)")
        #expect(!after.contains("booked by control"), "the booking withdrawn from the record: \(after)")
        #expect(after.contains("booked at scene in error: still on its way (UNDONE)"), "\(after)")
        t.keys("Escape")
        _ = t.wait { !$0.contains("Recommended units") }
        t.keys("q")
        #expect(t.wait(for: "Quit"), "\(t.screen())")
        t.keys("y")
        #expect(t.wait(for: "[exit 0]"), "\(t.screen())")
        let audit = Spawn.run([Self.binary, "audit", journal])
        #expect(audit.status == 0 && audit.output.contains(" 0 disagreements"), "\(audit.output)")
        let events = Spawn.run([Self.binary, "export", journal, "--events", "-"]).output
        #expect(events.contains(",arrivalBooked,") && events.contains(",arrivalWithdrawn,"), "booked, then the booking withdrawn")
    }

    @Test("A risky send (another area's unit) through the real binary asks; y sends it and the record shows the question before the send; the audit counts every risky send of the session and finds each asked first")
    func riskySendAskedOnTheRecord() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("risky-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = folder + "/session.journal"
        // At 20:00 on the built-in Friday (the clock at 1x barely moves while the test types),
        // Ashby's AY11 is free and 0001 is in Northfield Town.
        let t = TmuxSession(binary: Self.binary, ["run", "--from", "2h", "--journal", journal], width: 160, height: 45)
        #expect(t.wait(for: "0001 G1"), "\(t.screen())")
        t.keys("Space")
        #expect(t.wait(for: "Paused."))
        t.keys(":", "assign AY11 0001", "Enter")
        let question = t.wait { $0.contains("y to go ahead") }
        #expect(question.contains("AY11 is Ashby's, sent into Northfield Town"), "\(question)")
        t.keys("y")
        #expect(t.wait { !$0.contains("y to go ahead") }.contains("AY11"), "\(t.screen())")
        t.keys("q")
        #expect(t.wait(for: "Quit"), "\(t.screen())")
        t.keys("y")
        #expect(t.wait(for: "[exit 0]"), "\(t.screen())")
        let actions = Spawn.run(["sqlite3", journal, "select action from action"]).output.split(separator: "\n").map(String.init)
        let yes = try #require(actions.firstIndex { $0.contains("askedFirst") && $0.contains("sent into") }, "\(actions)")
        #expect(actions.indices.contains(yes + 1) && actions[yes + 1].contains("assign"), "the send follows the yes: \(actions)")
        let audit = Spawn.run([Self.binary, "audit", journal])
        #expect(audit.status == 0 && audit.output.contains(" 0 disagreements"), "\(audit.output)")
        let counted = try #require(audit.output.firstMatch(of: /(\d+) risky sends?, (\d+) asked first/), "\(audit.output)")
        #expect(Int(counted.1)! >= 1 && counted.1 == counted.2, "\(audit.output)")
    }

    @Test("A question keeps its keys: a command typed over it is not run as board keys (its 6 never books a unit at scene); :speed keeps a paused clock paused")
    func questionKeepsItsKeys() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("question-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = folder + "/session.journal"
        let (t, _, unit) = try Self.askedAboutSix(journal) { t in
            t.keys(":", "speed 10", "Enter")
            #expect(t.wait(for: "still paused"), "\(t.screen())")
        }
        #expect(t.wait { $0.contains("book it at scene anyway") }.contains("book it at scene anyway"))
        // Not an answer: the same command typed again. It goes into the command line and asks
        // again; its 6 is not a board key.
        t.keys(":", "st \(unit) 6", "Enter")
        #expect(t.wait { $0.contains("book it at scene anyway") }.contains("book it at scene anyway"), "\(t.screen())")
        t.keys("n")
        #expect(t.wait(for: "Not sent."), "\(t.screen())")
        t.keys("q")
        #expect(t.wait(for: "Quit"), "\(t.screen())")
        t.keys("y")
        #expect(t.wait(for: "[exit 0]"), "\(t.screen())")
        let events = Spawn.run([Self.binary, "export", journal, "--events", "-"]).output
        #expect(!events.contains(",arrivalBooked,"), "nothing booked at scene")
    }

    @Test("A site's config file remaps keys through the real binary; a bad one is refused with its problems located")
    func siteConfig() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/controlroom", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "keys:\n  floor: {quit: [Q]}\ntheme:\n  colours: mono\n".write(toFile: folder + "/controlroom/config.yaml", atomically: true, encoding: .utf8)
        let t = TmuxSession(binary: Self.binary, ["run", "--from", "2h"], env: ["XDG_CONFIG_HOME": folder])
        #expect(t.wait(for: "Incidents"))
        t.keys("q")
        #expect(t.wait(for: "No key 'q' here"), "\(t.screen())")
        t.keys("?")
        #expect(t.wait { $0.contains("Q") && $0.contains("quit (asks first)") }.contains("quit (asks first)"))
        t.keys("Escape")
        #expect(!t.wait { !$0.contains("quit (asks first)") }.contains("quit (asks first)"))
        t.keys("Q", "y")
        #expect(t.wait(for: "[exit 0]"), "\(t.screen())")

        try "keys:\n  floor: {quit: [j]}\n".write(toFile: folder + "/controlroom/config.yaml", atomically: true, encoding: .utf8)
        let bad = TmuxSession(binary: Self.binary, ["run"], env: ["XDG_CONFIG_HOME": folder])
        #expect(bad.wait(for: "[exit 2]"), "\(bad.screen())")
        #expect(bad.screen().replacingOccurrences(of: "\n", with: "").contains("config.yaml:2:18: j already does 'move down' on floor"), "\(bad.screen())")
    }

    @Test("1 pressed twice in an incident's record sends the unit shown first, then asks about or refuses the second: never a unit not seen")
    func oneTwice() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("twice-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = folder + "/session.journal"
        let t = TmuxSession(binary: Self.binary, ["run", "--from", "2h", "--journal", journal], width: 160, height: 45)
        #expect(t.wait(for: "Incidents"))
        t.keys("Space")
        #expect(t.wait(for: "Paused."))
        t.keys("Enter")
        let record = t.wait { $0.contains("Recommended units (1-9 to send)") }
        let first = try #require(record.split(separator: "\n").first { $0.contains("│1  ") || $0.contains(" 1  ") }, "\(record)")
        let callsign = String(first.split(separator: " ").dropFirst().first { !$0.isEmpty && $0 != "1" } ?? "")
        t.keys("1", "1")
        let answered = t.wait { $0.contains("already sent") || $0.contains("y to go ahead") || $0.contains("Not sent") }
        #expect(answered.contains("already sent") || answered.contains("y to go ahead") || answered.contains("Not sent"), "\(answered)")
        if answered.contains("y to go ahead") { t.keys("n") }
        t.keys("Escape")
        #expect(!t.wait { !$0.contains("Recommended units") }.contains("Recommended units"))
        t.keys("q", "y")
        #expect(t.wait(for: "[exit 0]"))
        let sends = Self.personActions(journal).filter { $0.hasPrefix("{") && ($0.contains("assign") || $0.contains("divert")) }
        #expect(sends.count <= 1, "\(sends)")
        let events = Spawn.run([Self.binary, "export", journal, "--radio", "-"]).output
        let deployed = events.split(separator: "\n").filter { ($0.contains("deploy") || $0.contains("divert")) && $0.contains(",CONTROL,") }
        // The one unit sent is the one shown first.
        if sends.count == 1 { #expect(deployed.last?.contains(callsign) == true, "shown first: \(callsign); \(deployed.suffix(2))") }
    }

    @Test("A grade 1 arriving rings the terminal's bell and shows the alert on the status bar")
    func bellForGradeOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bell-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let root = #filePath.components(separatedBy: "/Tests/")[0]
        let t = TmuxSession(binary: Self.binary, ["run", root + "/scenarios/training/06-street-fight.yaml", "--trainee", "Sam",
                                                  "--journal", folder + "/s.journal", "--speed", "10"], width: 160, height: 45)
        #expect(t.wait(for: "TRAINING: Sam"), "\(t.screen())")
        func bell() -> Bool {
            Spawn.run(["tmux", "-L", t.socket, "display-message", "-p", "#{window_bell_flag}"]).output.hasPrefix("1")
        }
        #expect(!bell(), "no bell before anything happened")
        // The instructor injects the fight: the engine's call handler grades it 1.
        t.keys("I")
        #expect(t.wait(for: "Instructor: inject a scripted event now"))
        t.keys("Enter")
        #expect(t.wait(for: "Injected: 23:35 call: fight."))
        var rang = false
        let alert = t.wait(timeout: 30) { screen in
            rang = rang || bell()
            return rang && screen.split(separator: "\n").first?.contains("New grade 1:") == true
        }
        #expect(rang, "the bell rang")
        #expect(alert.split(separator: "\n").first?.contains("New grade 1: 0001") == true, "\(alert)")
        // The alert is read whole; the free units stay in view (the open counts may give way: the list has them).
        #expect(alert.split(separator: "\n").first?.contains("New grade 1: 0001 violence (not domestic) at Market Square") == true, "\(alert)")
        #expect(alert.split(separator: "\n").first?.contains("free ") == true, "\(alert)")
        t.keys(":alerts", "Enter")
        #expect(t.wait(for: "alert(s) this session"), "\(t.screen())")
    }
}
