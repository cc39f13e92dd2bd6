import Foundation
import Journal
import Testing
import TmuxHarness
import DispatchEngine
import Scenario

/// The real binary in a real terminal (tmux): what a person sees and does.
@Suite("Console in a terminal", .serialized)
struct ConsoleEndToEndTests {
    static let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/controlroom").path
    static let panes = ["Incidents", "Resources", "Radio"]
    static let signals: [String: Int32] = ["TERM": SIGTERM, "INT": SIGINT, "HUP": SIGHUP, "QUIT": SIGQUIT, "SEGV": SIGSEGV, "ABRT": SIGABRT,
                                           "USR1": SIGUSR1, "ALRM": SIGALRM, "PIPE": SIGPIPE]

    @Test("The first frame shows the three panes and the status bar")
    func firstFrame() {
        let t = TmuxSession(binary: Self.binary, ["run"])
        let screen = t.wait { s in Self.panes.allSatisfy { s.contains($0) } }
        #expect(Self.panes.allSatisfy { screen.contains($0) }, "\(screen)")
        // The default scenario opens at 19:30 (console_from) with the evening's jobs running.
        #expect(screen.contains("Fri 27 Nov 19:30"))
        #expect(screen.contains("free"))
        #expect(screen.contains("0001"), "the first frame should show incidents already open")
    }

    @Test("Keys move the selection and open the incident's full record; Esc backs out")
    func selectAndOpen() {
        let t = TmuxSession(binary: Self.binary, ["run", "--from", "2h"])
        #expect(t.wait(for: "0003"))
        t.keys("Space", "j", "Enter")
        let detail = t.wait { $0.contains("Narrative") }
        #expect(detail.contains("Incident 0"))
        #expect(detail.contains("Caller"))
        #expect(detail.contains("Timeline"))
        t.keys("Escape")
        #expect(t.wait { !$0.contains("Narrative") && $0.contains("Resources") }.contains("Resources"))
    }

    @Test("As dispatcher: open an incident, press 1, and the recommended unit is deployed on the radio")
    func dispatchFromDetail() throws {
        let t = TmuxSession(binary: Self.binary, ["run", "--from", "2h"], width: 140, height: 45)
        #expect(t.wait(for: "Incidents"))
        t.keys("Space", "Enter")
        #expect(t.wait(for: "Recommended units (1-9 to send)"))
        t.keys("1")
        Self.goAheadIfAsked(t)
        let screen = t.wait { $0.contains("Sending ") || $0.contains("Diverting ") || $0.contains("No recommendation") }
        let line = try #require(screen.split(separator: "\n").last { $0.contains("Sending ") || $0.contains("Diverting ") }, "\(screen)")
        // "Sending NF33 to 0012." -> the callsign and the reference.
        let words = line.split(separator: " ")
        let callsign = String(words[words.firstIndex { $0 == "Sending" || $0 == "Diverting" }! + 1])
        let reference = String(words[words.firstIndex(of: "to")! + 1].dropLast())
        t.keys("Escape")
        #expect(t.wait { $0.contains("→ \(callsign)") && $0.contains("\(reference) deploy") }.contains("\(reference) deploy"))
    }

    @Test("An emergency button: the alarm outranks everything until the dispatcher acknowledges it")
    func emergencyAcknowledged() throws {
        // A Friday night (by seed) on which an emergency button is pressed, and when (the engine
        // in every seat, as before the console opens).
        var found: (seed: UInt64, at: SimTime)?
        for seed in UInt64(1)...200 where found == nil {
            var config = Scenario.builtInDefault().config
            config.seed = seed
            let simulation = Simulation(config: config)
            simulation.observers.append { time, event in
                if case let .radio(t) = event, t.message == .urgentAssistance, found == nil { found = (seed, time) }
            }
            while found == nil, simulation.step(limit: config.duration) {}
        }
        let (seed, at) = try #require(found, "no emergency on 200 Friday nights")
        // Open the console five seconds later, before anyone has acknowledged it.
        let t = TmuxSession(binary: Self.binary, ["run", "--seed", "\(seed)", "--from", "\(at / 1000 + 5)s"], width: 140, height: 45)
        let alarm = t.wait { $0.contains("URGENT ASSISTANCE") && $0.contains("pressed at") }
        #expect(alarm.contains("a: acknowledge"), "\(alarm)")
        // The clock runs on and the alarm stays up: nobody has acknowledged it.
        let raisedAt = try #require(t.clock())
        t.wait { _ in (t.clock() ?? 0) >= raisedAt + 2 }
        #expect(t.screen().contains("URGENT ASSISTANCE"), "still raised: nobody acknowledged")
        t.keys("a")
        let after = t.wait { !$0.contains("a: acknowledge") }
        #expect(!after.contains("a: acknowledge"))
        #expect(after.contains("emergency acknowledged"), "\(after)")
        // Urgent assistance is its own kind: its record says so, with no grade's target, and a
        // unit sent to it hears it in its own words.
        let row = try #require(after.split(separator: "\n").first { $0.contains("URGENT ASSISTANCE") && $0.range(of: #"\d{4}"#, options: .regularExpression) != nil && $0.contains("UA") }, "\(after)")
        let reference = String(row[row.range(of: #"\d{4}"#, options: .regularExpression)!])
        t.keys(":", "open \(reference)", "Enter")
        let record = t.wait { $0.contains("URGENT ASSISTANCE for") }
        #expect(record.contains("(emergency button)") && !record.contains("attendance target"), "\(record)")
        let callsign = try Self.sendFirstRecommended(t)
        t.keys("Escape")
        // The radio log: the unit sent to the officer in urgent assistance's own words.
        let radio = t.wait { $0.contains("CTRL \u{2192} \(callsign)") && $0.contains("deploy, URGENT ASSISTANCE") }
        #expect(radio.contains("deploy, URGENT ASSISTANCE"), "\(radio)")
        #expect(!radio.split(separator: "\n").contains { $0.contains("CTRL \u{2192} \(callsign)") && $0.contains("deploy, grade 1") }, "not a grade 1's words")
    }

    @Test("A grade 1 past its target with nobody there: the overview counts it missed at once, never 100 % while it waits")
    func overviewCountsTheMissAtOnce() throws {
        // The person dispatches every area and sends nobody: the next grade 1 waits past its target.
        let t = TmuxSession(binary: Self.binary, ["run", "--from", "2h", "--speed", "60"], width: 160, height: 60)
        #expect(t.wait(for: "Incidents"))
        t.keys("S")
        let listed = /overdue: [1-9][0-9]*  .*[0-9]{4} G1/
        let overdue = t.wait(timeout: 150) { screen in screen.split(separator: "\n").contains { $0.contains(listed) } }
        let line = try #require(overdue.split(separator: "\n").first { $0.contains("grade 1 attended within target") }, "\(overdue)")
        let match = try #require(line.firstMatch(of: /within target (\d+\.\d)%/), "\(line)")
        #expect(Double(match.1)! < 100, "a grade 1 waits past its target: \(line)")
    }

    @Test("As call handler and dispatcher: take a 999 call, create and grade the incident, send the recommended unit, see it en route and at scene, close it")
    func takeACallThroughToClose() throws {
        let t = TmuxSession(binary: Self.binary, ["run", "--role", "all", "--speed", "60"], width: 140, height: 45)
        // Calls ring at the person's seat first: wait for a 999 call at the head of the queue.
        #expect(t.wait(timeout: 90) { $0.contains("\u{25B6}999") }.contains("\u{25B6}999"), "no 999 call rang")
        t.keys("n")
        #expect(t.wait(for: "on the line"), "\(t.screen())")
        #expect(t.wait(timeout: 5) { $0.contains("Caller: ") || $0.contains("Silent") }.contains("Incident"))
        // The form: place from the gazetteer, type, grade 1, a line of THRIVE; F2 creates it.
        t.keys("High", "Tab", "Enter", "theft", "Tab", "Enter", "1", "shop worker threatened")
        // A grade 1: every THRIVE line considered.
        for _ in 0..<5 { t.keys("Down", "none") }
        #expect(t.wait(for: "High Street, Northfield"))
        t.keys("F2")
        let created = t.wait { $0.contains("Incident created") && $0.contains("Ref ") }
        let line = try #require(created.split(separator: "\n").last { $0.contains("Ref ") }, "\(created)")
        let reference = String(line[line.range(of: "Ref ")!.upperBound...].prefix(4))
        // The dispatcher's side: open it and send the first recommended unit.
        t.keys(":", "open \(reference)", "Enter")
        #expect(t.wait(for: "Recommended units (1-9 to send)"), "\(t.screen())")
        #expect(t.screen().contains("High Street, Northfield"))
        let callsign = try Self.sendFirstRecommended(t)
        t.keys("Escape")
        // The radio log: deployed, en route, then at scene.
        #expect(t.wait { $0.contains("\(callsign) \u{2192} CTRL   \(reference) state 5 en route") || $0.contains("\(reference) state 5 en route") }.contains("state 5 en route"))
        #expect(t.wait(timeout: 60) { $0.contains("\(reference) state 6 at scene") }.contains("state 6 at scene"), "\(t.screen())")
        // Close it: stand the unit down, then close with a result.
        t.keys(":", "standdown \(callsign) \(reference)", "Enter")
        t.keys(":", "close \(reference) dealt_with", "Enter")
        let closed = t.wait { $0.contains("\(reference) closed") }
        #expect(closed.contains("\(reference) closed"), "\(closed)")
        #expect(!closed.contains("Refused"), "\(closed)")
    }

    @Test("Help opens with ? and closes with Esc")
    func help() {
        let t = TmuxSession(binary: Self.binary, ["run"])
        #expect(t.wait(for: "Incidents"))
        t.keys("?")
        #expect(t.wait(for: "this help"))
        #expect(t.screen().contains("acknowledge the emergency button alarm"))
        t.keys("Escape")
        #expect(t.wait { !$0.contains("this help") }.contains("Incidents"))
    }

    @Test("Resizing to 80x24 and back re-lays out at once")
    func resize() {
        let t = TmuxSession(binary: Self.binary, ["run", "--from", "1h"])
        #expect(t.wait(for: "Radio"))
        t.resize(80, 24)
        let small = t.wait { s in s.split(separator: "\n").count <= 24 && s.contains("free") && Self.panes.allSatisfy { s.contains($0) } }
        #expect(Self.panes.allSatisfy { small.contains($0) }, "\(small)")
        t.resize(70, 20)
        #expect(t.wait(for: "terminal too small (need 80x24)"))
        t.resize(160, 50)
        let large = t.wait { s in Self.panes.allSatisfy { s.contains($0) } && s.contains("Nov") }
        #expect(Self.panes.allSatisfy { large.contains($0) })
    }

    @Test("Space pauses the clock; + speeds it up")
    func pauseAndSpeed() {
        let t = TmuxSession(binary: Self.binary, ["run"])
        #expect(t.wait(for: "Incidents"))
        t.keys("Space")
        #expect(t.wait(for: "PAUSED"))
        let paused = t.clock()
        #expect(t.holds(for: 1.2) { _ in t.clock() == paused }, "the clock moved while paused")
        t.keys("+", "+", "+", "+", "+", "+")
        #expect(t.wait(for: "60x"))
        // Unpaused at 60x: a simulated minute and a half goes by in a second and a half.
        let before = t.clock() ?? 0
        let started = Date()
        t.wait(timeout: 20) { _ in (t.clock() ?? 0) - before >= 90 }
        let took = Date().timeIntervalSince(started)
        #expect((t.clock() ?? 0) - before >= 90, "the clock did not run on")
        #expect(took < 15, "90 simulated seconds took \(took) s of wall time at 60x")
    }

    @Test("q asks, y quits with status 0 and the terminal echoes again")
    func quit() {
        let t = TmuxSession(binary: Self.binary, ["run"])
        #expect(t.wait(for: "Incidents"))
        t.keys("q")
        #expect(t.wait(for: "Quit?"))
        t.keys("y")
        let after = t.wait { $0.contains("[tty") }
        #expect(after.contains("[exit 0]"))
        #expect(after.contains("[tty echo]"))
        #expect(!after.contains("Resources"))
    }

    @Test("SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGALRM and SIGPIPE end it cleanly and restore the terminal (cursor shown, out of the alternate screen)",
          arguments: ["TERM", "INT", "HUP", "QUIT", "USR1", "ALRM", "PIPE"])
    func stopSignals(signal: String) {
        let t = TmuxSession(binary: Self.binary, ["run", "--seed", "\(signal.count)"])
        #expect(t.wait(for: "Incidents"))
        #expect(t.signal(Self.signals[signal]!), "the program was not running")
        let after = t.wait { $0.contains("[tty") }
        #expect(after.contains("[exit 0]"), "\(after)")
        #expect(after.contains("[tty echo]"))
        #expect(!after.contains("Resources"), "out of the alternate screen: \(after)")
        let modes = Spawn.run(["tmux", "-L", t.socket, "display-message", "-p", "#{cursor_flag} #{alternate_on}"]).output
        #expect(modes.hasPrefix("1 0"), "cursor shown, normal screen: \(modes)")
        // Not ended by the operator: the journal is left for `controlroom resume`.
        let journal = t.journals.first.flatMap { try? Journal.open(at: $0, readOnly: true) }
        #expect((try? journal?.progress().ended) == false)
    }

    @Test("A crash still leaves the terminal usable", arguments: ["SEGV", "ABRT"])
    func crash(signal: String) {
        let t = TmuxSession(binary: Self.binary, ["run", "--seed", "\(signal.count + 10)"])
        #expect(t.wait(for: "Incidents"))
        #expect(t.signal(Self.signals[signal]!), "the program was not running")
        let after = t.wait { $0.contains("[tty") }
        #expect(!after.contains("[exit 0]"), "a crash is not a clean exit: \(after)")
        #expect(after.contains("[tty echo]"))
        #expect(!after.contains("Resources"))
        // One line says what happened; the cursor is shown again, bracketed paste is off.
        #expect(after.contains("controlroom: crashed ("), "\(after)")
        let modes = Spawn.run(["tmux", "-L", t.socket, "display-message", "-p", "#{cursor_flag} #{keypad_cursor_flag} #{keypad_flag}"]).output
        #expect(modes.hasPrefix("1 0 0"), "cursor shown, cursor keys and keypad in normal mode: \(modes)")
    }

    @Test("Works under xterm-256color, screen and vt100; NO_COLOR means no colour", arguments: ["xterm-256color", "screen", "vt100"])
    func terminals(term: String) {
        let t = TmuxSession(binary: Self.binary, ["run"], env: ["TERM": term])
        let screen = t.wait { s in Self.panes.allSatisfy { s.contains($0) } }
        #expect(Self.panes.allSatisfy { screen.contains($0) }, "\(term): \(screen)")
        #expect(Self.hasColour(t.screen(colours: true)) == (term != "vt100"), "\(term)")
        let plain = TmuxSession(binary: Self.binary, ["run"], env: ["TERM": term, "NO_COLOR": "1"])
        #expect(plain.wait(for: "Resources"))
        #expect(!Self.hasColour(plain.screen(colours: true)), "\(term) with NO_COLOR")
    }

    /// A risky choice (alone at violence, end of shift) asks first: go ahead. Waits for either
    /// the question or the answer, so a choice that is not risky costs no time.
    /// On an open record: 1 sends the first recommended unit (going ahead if asked); its callsign.
    static func sendFirstRecommended(_ t: TmuxSession) throws -> String {
        t.keys("1")
        goAheadIfAsked(t)
        let sent = t.wait { $0.contains("Sending ") || $0.contains("Diverting ") }
        let words = try #require(sent.split(separator: "\n").last { $0.contains("Sending ") || $0.contains("Diverting ") }, "\(sent)").split(separator: " ")
        return String(words[words.firstIndex { $0 == "Sending" || $0 == "Diverting" }! + 1])
    }

    static func goAheadIfAsked(_ t: TmuxSession) {
        let answered = t.wait { $0.contains("y to go ahead") || $0.contains("Sending ") || $0.contains("Diverting ") || $0.contains("No recommendation") }
        if answered.contains("y to go ahead") { t.keys("y") }
    }

    /// Whether an SGR sequence sets a foreground colour (30-37 or 38;5;N); 39 is only a reset.
    static func hasColour(_ screen: String) -> Bool {
        for sequence in screen.components(separatedBy: "\u{1B}[").dropFirst() {
            guard let end = sequence.firstIndex(of: "m") else { continue }
            let params = sequence[..<end].split(separator: ";").compactMap { Int($0) }
            if params.contains(where: { (30...37).contains($0) }) || params.starts(with: [38, 5]) { return true }
        }
        return false
    }

    @Test("Without a UTF-8 locale the console draws its boxes in ASCII")
    func asciiLocale() {
        let t = TmuxSession(binary: Self.binary, ["run"], env: ["LANG": "C", "LC_ALL": "C"])
        let screen = t.wait { $0.contains("Resources") }
        #expect(screen.contains("+-"), "\(screen)")
        #expect(!screen.contains("┌"))
    }

    @Test("An unknown terminal type gets a clear message, not a broken screen")
    func unknownTerminal() {
        let t = TmuxSession(binary: Self.binary, ["run"], env: ["TERM": "no-such-terminal"])
        let after = t.wait { $0.contains("[tty") }
        #expect(after.contains("the terminal type 'no-such-terminal' is not one this machine knows"))
        #expect(after.contains("[exit 2]"))
        #expect(after.contains("[tty echo]"))
        #expect(t.journals.isEmpty, "a console that could not start leaves no journal")
    }

    @Test("A storm of resizes down to 1x1 at top speed, and the console still answers")
    func resizeStorm() {
        let t = TmuxSession(binary: Self.binary, ["run"], width: 120, height: 40)
        #expect(t.wait(for: "Incidents"))
        t.keys("+", "+", "+", "+", "+", "+")
        var seed: UInt64 = 42
        for _ in 0..<40 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let w = Int(seed >> 33) % 200 + 1, h = Int(seed >> 45) % 60 + 1
            t.resize(w, h)
        }
        t.resize(1, 1)
        t.resize(120, 40)
        t.keys("?")
        #expect(t.wait(for: "this help"))
        // Esc and q sent together would be Alt-q, as from a terminal: Esc first, on its own.
        t.keys("Escape")
        #expect(!t.wait { !$0.contains("this help") }.contains("this help"))
        t.keys("q", "y")
        #expect(t.wait(for: "[exit 0]"))
    }
}
