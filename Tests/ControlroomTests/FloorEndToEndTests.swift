import Foundation
import Testing
import TmuxHarness

/// A floor process of the test's own, started by its pid and ended by it.
final class FloorProcess {
    let folder: String
    let socket: String
    let journal: String
    private(set) var process: Process
    let logPath: String

    /// `journal`: where the floor's journal goes (a file in the folder without it; a database's address).
    init(_ arguments: [String], folder: String? = nil, journal: String? = nil) throws {
        let folder = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("floor-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        self.folder = folder
        socket = folder + "/floor.sock"
        self.journal = journal ?? folder + "/floor.journal"
        logPath = folder + "/floor.log"
        process = Process()
        try start(["floor"] + arguments + ["--socket", socket] + (arguments.first == "start" ? ["--journal", self.journal] : []))
    }

    func start(_ arguments: [String]) throws {
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        process = Process()
        process.executableURL = URL(fileURLWithPath: ConsoleEndToEndTests.binary)
        process.arguments = arguments
        process.environment = ["XDG_STATE_HOME": folder + "/state", "PATH": "/usr/bin:/bin", "HOME": folder]
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    /// The floor's log so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Waits (with a deadline) until the log says `text`.
    func wait(for text: String, timeout: Double = 20) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while Date() < deadline {
            if log.contains(text) { return true }
            _ = waitForExit(0.05)
        }
        return log.contains(text)
    }

    /// Waits up to `seconds` for the process to end; whether it has.
    @discardableResult
    func waitForExit(_ seconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while process.isRunning && Date() < deadline { RunLoop.current.run(until: Date(timeIntervalSinceNow: 0.02)) }
        return !process.isRunning
    }

    /// A console joining this floor in a terminal of its own.
    func join(seat: String, name: String, width: Int = 130, height: Int = 40) -> TmuxSession {
        TmuxSession(binary: ConsoleEndToEndTests.binary, ["join", socket, "--seat", seat, "--name", name],
                    width: width, height: height, env: ["XDG_STATE_HOME": folder + "/state-\(name)"])
    }

    func kill(_ signal: Int32) {
        if process.isRunning { Foundation.kill(process.processIdentifier, signal) }
        waitForExit(10)
    }

    deinit {
        kill(SIGKILL)
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// The floor through the real binary: a floor process and consoles in terminals of their own.
@Suite("A floor of many consoles, through the real binary", .serialized)
struct FloorEndToEndTests {
    static let root = #filePath.components(separatedBy: "/Tests/")[0]
    static let intruders = root + "/scenarios/training/03-intruders-at-night.yaml"

    @Test("A call handler and a dispatcher on one floor: the 999 call becomes an incident the dispatcher sees and sends a unit to; the call handler sees the unit; a supervisor sees both people's workload")
    func callHandlerAndDispatcher() throws {
        let floor = try FloorProcess(["start", Self.intruders, "--from", "9m50s"])
        #expect(floor.wait(for: "floor open on"), "\(floor.log)")
        let handler = floor.join(seat: "call-handler", name: "Alex")
        #expect(handler.wait(for: "FLOOR · Alex, call handler"), "\(handler.screen())")
        let dispatcher = floor.join(seat: "dispatcher", name: "Lee")
        #expect(dispatcher.wait(for: "FLOOR · Lee, dispatcher"), "\(dispatcher.screen())")
        // A second dispatcher of every area is refused, with who holds the seat.
        let kim = floor.join(seat: "dispatcher:Hartley", name: "Kim")
        let refused = kim.wait { $0.contains("[exit") }
        #expect(refused.contains("taken by Lee") && refused.contains("[exit 1]"), "\(refused)")
        // Without a terminal a console is refused before it joins: no seat taken and given back.
        let headless = Spawn.run([ConsoleEndToEndTests.binary, "join", floor.socket, "--seat", "watch", "--name", "Kim"])
        #expect(headless.status == 2 && headless.output.contains("a console needs a terminal"), "\(headless.output)")
        #expect(!floor.log.contains("Kim joined"), "\(floor.log)")

        // The scripted 999 rings at the call handler's seat.
        #expect(handler.wait(timeout: 30) { $0.contains("\u{25B6}999") }.contains("\u{25B6}999"), "\(handler.screen())")
        handler.keys("n")
        #expect(handler.wait(for: "on the line"), "\(handler.screen())")
        handler.keys("Old Rectory", "Tab", "Enter", "burglary", "Tab", "Enter", "1", "intruders downstairs")
        for _ in 0..<5 { handler.keys("Down", "none") }
        #expect(handler.wait(for: "The Old Rectory, Church Lane"), "\(handler.screen())")
        handler.keys("F2")
        let created = handler.wait { $0.contains("Incident created") && $0.contains("Ref ") }
        let line = try #require(created.split(separator: "\n").last { $0.contains("Ref ") }, "\(created)")
        let reference = String(line[line.range(of: "Ref ")!.upperBound...].prefix(4))

        // The dispatcher has it, opens it and sends the first recommended unit.
        #expect(dispatcher.wait { $0.contains(reference + " G1 burglary") }.contains(reference), "\(dispatcher.screen())")
        dispatcher.keys(":", "open \(reference)", "Enter")
        #expect(dispatcher.wait(for: "Recommended units (1-9 to send)"), "\(dispatcher.screen())")
        dispatcher.keys("1")
        ConsoleEndToEndTests.goAheadIfAsked(dispatcher)
        let sent = dispatcher.wait { $0.contains("Sending ") }
        let words = try #require(sent.split(separator: "\n").last { $0.contains("Sending ") }, "\(sent)").split(separator: " ")
        let callsign = String(words[words.firstIndex { $0 == "Sending" }! + 1])
        dispatcher.keys("Escape")
        #expect(!dispatcher.wait { !$0.contains("Recommended units") }.contains("Recommended units"))

        // The call handler sees the unit on the incident.
        handler.keys("Escape")
        let seen = handler.wait { screen in
            screen.split(separator: "\n").contains { $0.contains(reference + " G1") && $0.contains(callsign) }
        }
        #expect(seen.split(separator: "\n").contains { $0.contains(reference + " G1") && $0.contains(callsign) }, "\(seen)")

        // A supervisor watching sees both people's workload, by name.
        let supervisor = floor.join(seat: "supervisor", name: "Pat")
        let overview = supervisor.wait { $0.contains("Alex call handler") && $0.contains("Lee dispatcher") }
        let alex = try #require(overview.split(separator: "\n").first { $0.contains("Alex call handler") }, "\(overview)")
        let lee = try #require(overview.split(separator: "\n").first { $0.contains("Lee dispatcher") }, "\(overview)")
        #expect(alex.split(separator: " ").contains("1"), "Alex took one call: \(alex)")
        #expect(lee.split(separator: " ").contains("1"), "Lee first dispatched one incident: \(lee)")

        // The journal names each action's person.
        for t in [handler, dispatcher, supervisor] {
            t.keys("q")
            #expect(t.wait(for: "Quit"), "\(t.screen())")
            t.keys("y")
            #expect(t.wait(for: "[exit 0]"), "\(t.screen())")
        }
        let stop = Spawn.run([ConsoleEndToEndTests.binary, "floor", "stop", floor.socket])
        #expect(stop.status == 0, "\(stop.output)")
        #expect(floor.waitForExit(10), "\(floor.log)")
        let events = floor.folder + "/events.csv"
        let export = Spawn.run([ConsoleEndToEndTests.binary, "export", floor.journal, "--events", events])
        let csv = (try? String(contentsOfFile: events, encoding: .utf8)) ?? ""
        #expect(csv.contains("person:Alex") && csv.contains("person:Lee"), "\(export.output)")
        let verify = Spawn.run([ConsoleEndToEndTests.binary, "verify", floor.journal])
        #expect(verify.status == 0, "the floor's journal replays: \(verify.output)")
        // The report says what each person did, by name; the audit agrees with every view.
        let report = Spawn.run([ConsoleEndToEndTests.binary, "report", floor.journal, "--json"])
        #expect(report.output.contains("\"alex\": {") && report.output.contains("\"lee\": {"), "\(report.output.prefix(1500))")
        #expect(report.output.contains("\"calls_taken\": 1"), "\(report.output.prefix(1500))")
        let audit = Spawn.run([ConsoleEndToEndTests.binary, "audit", floor.journal])
        #expect(audit.status == 0, "\(audit.output)")
    }

    @Test("Two supervisors on one floor see the same look ahead, with its intervals: the floor makes it")
    func oneForesight() throws {
        let floor = try FloorProcess(["start", "default"])
        #expect(floor.wait(for: "floor open on"), "\(floor.log)")
        let pat = floor.join(seat: "supervisor", name: "Pat", width: 140, height: 60)
        let sam = floor.join(seat: "supervisor", name: "Sam", width: 140, height: 60)
        for t in [pat, sam] { #expect(t.wait(for: "supervisor"), "\(t.screen())") }
        pat.keys(":", "foresee", "Enter")
        func chance(_ t: TmuxSession) -> String? {
            t.screen().split(separator: "\n").first { $0.contains("grade 1 late chance") && $0.contains("(") }.map(String.init)
        }
        let seenByPat = pat.wait(timeout: 240) { _ in chance(pat) != nil }
        let seenBySam = sam.wait(timeout: 30) { _ in chance(sam) != nil }
        let a = try #require(chance(pat), "\(seenByPat)"), b = try #require(chance(sam), "\(seenBySam)")
        #expect(a.range(of: #"\d+% \(\d+-\d+\)"#, options: .regularExpression) != nil, "a chance with its 95 % interval: \(a)")
        #expect(a.split(separator: "│").dropFirst().first == b.split(separator: "│").dropFirst().first, "the same figures on both consoles:\n\(a)\n\(b)")
        #expect(sam.screen().contains("the floor's look, the same on every console"))
    }

    @Test("A training floor: the instructor alone runs the clock and injects; the injected 999 rings for the trainee in the call-handler seat; each trainee gets a debrief of their own")
    func trainingFloor() throws {
        let floor = try FloorProcess(["start", Self.root + "/scenarios/training/06-street-fight.yaml", "--training"])
        #expect(floor.wait(for: "floor open on"), "\(floor.log)")
        let instructor = floor.join(seat: "instructor", name: "Jo")
        #expect(instructor.wait(for: "TRAINING FLOOR · Jo, instructor"), "\(instructor.screen())")
        let sam = floor.join(seat: "call-handler", name: "Sam")
        #expect(sam.wait(for: "TRAINING FLOOR · Sam, call handler"), "\(sam.screen())")
        let ash = floor.join(seat: "dispatcher", name: "Ash")
        #expect(ash.wait(for: "TRAINING FLOOR · Ash, dispatcher"), "\(ash.screen())")

        // Only the instructor changes the speed, for everyone.
        sam.keys("+")
        #expect(sam.wait(for: "the instructor's"), "\(sam.screen())")
        instructor.keys("+")
        #expect(instructor.wait(for: "for everyone"), "\(instructor.screen())")
        #expect(ash.wait { $0.contains("\u{25B6} 2x") }.contains("\u{25B6} 2x"), "\(ash.screen())")

        // The instructor injects the scripted call (from the floor screen: the overview has no
        // menu): it rings at Sam's seat.
        instructor.keys("Escape")
        #expect(instructor.wait(for: "Resources"), "\(instructor.screen())")
        instructor.keys("I")
        #expect(instructor.wait(for: "Instructor: inject a scripted event now"), "\(instructor.screen())")
        instructor.keys("Enter")
        #expect(instructor.wait(for: "Injected: 23:35 call: fight."), "\(instructor.screen())")
        #expect(sam.wait(timeout: 20) { $0.contains("\u{25B6}999") }.contains("\u{25B6}999"), "\(sam.screen())")
        // A trainee's I is told the events are the instructor's, and no menu opens (the floor
        // would refuse its inject).
        ash.keys("I")
        #expect(ash.wait(for: "only they inject them"), "\(ash.screen())")
        #expect(!ash.screen().contains("Instructor: inject"))
        sam.keys("n")
        #expect(sam.wait(for: "on the line"), "\(sam.screen())")
        // Esc leaves the form's typing, Esc again the call's screen (each on its own).
        let typing = sam.screen()
        sam.keys("Escape")
        _ = sam.wait { $0 != typing }
        sam.keys("Escape")
        #expect(sam.wait(for: "Still on the call"), "\(sam.screen())")

        // Each trainee's own debrief.
        for (t, name) in [(sam, "Sam"), (ash, "Ash")] {
            t.keys("D")
            let debrief = t.wait { $0.contains("SCORE") }
            #expect(debrief.contains("trainee \(name)"), "\(debrief)")
        }
        floor.kill(SIGTERM)
        let sam2 = Spawn.run([ConsoleEndToEndTests.binary, "debrief", floor.journal, "--person", "Sam"])
        #expect(sam2.status == 0 && sam2.output.contains("trainee Sam"), "\(sam2.output.prefix(300))")
        #expect(sam2.output.contains("your calls taken"), "\(sam2.output)")
    }

    @Test("A bay of three trainees and an instructor: each debrief credits only that trainee's own actions and the scores differ as they played (60, 100, and 0 of the idle dispatcher's 30 points); the instructor's mark reaches every console and debrief; the instructor's D is the bay report; an unknown name exits 2 with the people there")
    func bayOfThree() throws {
        let floor = try FloorProcess(["start", Self.root + "/scenarios/training/06-street-fight.yaml", "--training"])
        #expect(floor.wait(for: "floor open on"), "\(floor.log)")
        // One after another, so the bay lists them in this order (the order they joined).
        func seated(_ seat: String, _ name: String, _ banner: String) -> TmuxSession {
            let t = floor.join(seat: seat, name: name)
            #expect(t.wait(for: "TRAINING FLOOR · " + banner), "\(t.screen())")
            return t
        }
        let jo = seated("instructor", "Jo", "Jo, instructor"), ann = seated("call-handler", "Ann", "Ann, call handler")
        let ben = seated("call-handler", "Ben", "Ben, call handler"), cat = seated("dispatcher", "Cat", "Cat, dispatcher")
        jo.keys("Space")
        #expect(jo.wait { $0.contains("\u{25B6} 1x") }.contains("\u{25B6} 1x"), "\(jo.screen())")
        jo.keys("Escape")
        #expect(jo.wait(for: "Resources"), "\(jo.screen())")
        func inject(_ n: Int, _ said: String) {
            jo.keys(":", "inject \(n)", "Enter")
            #expect(jo.wait(for: "Injected: " + said), "\(jo.screen())")
        }
        func answer(_ t: TmuxSession) {
            #expect(t.wait(timeout: 20) { $0.contains("\u{25B6}999") }.contains("\u{25B6}999"), "\(t.screen())")
            t.keys("n")
            #expect(t.wait(for: "on the line"), "\(t.screen())")
        }
        /// A grade 1 fight in the market square, every THRIVE line considered.
        func gradeFight(_ t: TmuxSession, reference: String) {
            t.keys("Market Squ", "Tab")
            #expect(t.wait(for: "Location    Market Square, Hartley"), "\(t.screen())")
            t.keys("Enter", "violence", "Tab", "Enter", "1", "group fighting")
            for _ in 0..<5 { t.keys("Down", "none") }
            #expect(t.wait(for: "E engage    none"), "\(t.screen())")
            t.keys("F2")
            #expect(t.wait(for: "Incident created, grade 1. Ref " + reference), "\(t.screen())")
        }

        // Ann takes the fight and grades it 1; the instructor marks the moment.
        inject(1, "23:35 call: fight.")
        answer(ann)
        gradeFight(ann, reference: "0001")
        jo.keys(":", "mark Ann graded it before the caller finished", "Enter")
        #expect(jo.wait(for: "for the debrief"), "\(jo.screen())")
        #expect(cat.wait(for: "Jo: Ann graded it before the caller finished"), "every console hears the mark: \(cat.screen())")
        // Ben takes the door staff and links them to the fight.
        inject(2, "23:41 call: fight-door-staff.")
        answer(ben)
        ben.keys("Red Lion", "Tab")
        #expect(ben.wait(for: "Duplicates (Esc, 1-5 links)"), "\(ben.screen())")
        ben.keys("Escape")
        // (Waiting for the call's actions also keeps Esc and 1 apart: together they are Alt-1.)
        #expect(ben.wait(for: "c create  s stay on"), "\(ben.screen())")
        ben.keys("1")
        #expect(ben.wait(for: "Call linked to 0001 as a further caller."), "\(ben.screen())")
        // Ann makes the taxi driver's call a second incident; Cat, the dispatcher, sends nobody.
        inject(3, "23:43 call: fight-taxi.")
        answer(ann)
        gradeFight(ann, reference: "0002")

        // Each trainee's own debrief, on their own console.
        for (t, name, score, line) in [(ann, "Ann", "SCORE 60/100 (15 of 25 points)", "given grade 1 at"),
                                       (ben, "Ben", "SCORE 100/100 (10 of 10 points)", "by Ann"),
                                       (cat, "Cat", "SCORE 0/100 (0 of 30 points)", "no unit was sent")] {
            t.keys("D")
            let debrief = t.wait { $0.contains("SCORE") && $0.contains(line) }
            #expect(debrief.contains("trainee \(name)") && debrief.contains(score) && debrief.contains(line), "\(debrief)")
        }
        // The instructor's D is the bay side by side.
        jo.keys("D")
        let bay = jo.wait { $0.contains("BAY REPORT") && $0.contains("0 (0/30)") }
        #expect(bay.contains("60 (15/25)") && bay.contains("100 (10/10)") && bay.contains("0 (0/30)"), "\(bay)")

        // The session over, from the journal: the same, and a name nobody had is refused.
        let stop = Spawn.run([ConsoleEndToEndTests.binary, "floor", "stop", floor.socket])
        #expect(stop.status == 0, "\(stop.output)")
        #expect(floor.waitForExit(10), "\(floor.log)")
        let nobody = Spawn.run([ConsoleEndToEndTests.binary, "debrief", floor.journal, "--person", "Nobody Here"])
        #expect(nobody.status == 2 && nobody.output.contains("its people: Jo, Ann, Ben, Cat"), "\(nobody.output)")
        let report = Spawn.run([ConsoleEndToEndTests.binary, "debrief", floor.journal, "--bay", "--format", "markdown"])
        #expect(report.status == 0 && report.output.contains("| **score** | **60 (15/25)** | **100 (10/10)** | **0 (0/30)** |"), "\(report.output)")
        let catAfter = Spawn.run([ConsoleEndToEndTests.binary, "debrief", floor.journal, "--person", "Cat"])
        #expect(catAfter.output.contains("SCORE 0/100 (0 of 30 points)") && catAfter.output.contains("M ") && catAfter.output.contains("Ann graded it"), "\(catAfter.output)")
        let audit = Spawn.run([ConsoleEndToEndTests.binary, "audit", floor.journal])
        #expect(audit.status == 0 && audit.output.contains(" 0 disagreements"), "\(audit.output)")
    }

    @Test("The floor killed (-9): every console says so at once and goes read-only; floor resume brings it back and they rejoin by themselves, in their seats")
    func floorKilledAndResumed() throws {
        let floor = try FloorProcess(["start", "default"])
        #expect(floor.wait(for: "floor open on"), "\(floor.log)")
        let dispatcher = floor.join(seat: "dispatcher:Ashby", name: "Lee")
        #expect(dispatcher.wait(for: "FLOOR · Lee, dispatcher Ashby"), "\(dispatcher.screen())")
        let watcher = floor.join(seat: "watch", name: "Viv")
        #expect(watcher.wait(for: "FLOOR · Viv"), "\(watcher.screen())")
        #expect(floor.wait(for: "Viv joined"), "\(floor.log)")
        floor.kill(SIGKILL)
        for t in [dispatcher, watcher] {
            #expect(t.wait(for: "FLOOR LOST"), "\(t.screen())")
            #expect(t.screen().contains("Incidents"), "the last screen kept")
        }
        // Read-only meanwhile: a command is refused, nothing pretended.
        dispatcher.keys(":", "stack 0001", "Enter")
        #expect(dispatcher.wait(for: "read-only"), "\(dispatcher.screen())")
        try floor.start(["floor", "resume", floor.journal, "--socket", floor.socket])
        #expect(floor.wait(for: "resumed"), "\(floor.log)")
        for t in [dispatcher, watcher] {
            // The banner says the floor is lost until the console is back (the status line may
            // already carry the next notice, another console back in its seat).
            let back = t.wait(timeout: 20) { !$0.contains("FLOOR LOST") }
            #expect(!back.contains("FLOOR LOST"), "\(back)")
        }
        #expect(floor.wait(for: "Lee rejoined as dispatcher:Ashby"), "\(floor.log)")
        #expect(floor.wait(for: "Viv rejoined as watch"), "\(floor.log)")
    }

    @Test("A 999 caller never stranded: the call handler's console dies mid-call; the supervisor sees the caller held by an absent handler; after the grace the call is back in the queue and taken, and the export names both holders")
    func strandedCaller() throws {
        let floor = try FloorProcess(["start", Self.intruders, "--from", "9m50s", "--seat-grace", "4"])
        #expect(floor.wait(for: "floor open on"), "\(floor.log)")
        let handler = floor.join(seat: "call-handler", name: "Alex")
        #expect(handler.wait(for: "FLOOR · Alex, call handler"), "\(handler.screen())")
        let supervisor = floor.join(seat: "supervisor", name: "Pat", width: 160, height: 50)
        #expect(supervisor.wait(for: "FLOOR · Pat, supervisor"), "\(supervisor.screen())")
        #expect(handler.wait(timeout: 30) { $0.contains("\u{25B6}999") }.contains("\u{25B6}999"), "\(handler.screen())")
        handler.keys("n")
        #expect(handler.wait(for: "on the line"), "\(handler.screen())")
        // The console dies with the caller on the line.
        #expect(handler.signal(SIGKILL))
        #expect(floor.wait(for: "Alex's console is gone"), "\(floor.log)")
        let held = supervisor.wait(timeout: 10) { $0.contains("HELD BY AN ABSENT HANDLER") }
        #expect(held.contains("999 CALLER HELD BY AN ABSENT HANDLER: Alex's console gone"), "\(held)")
        // The grace over: the seat freed, the caller back in the queue and taken by the engine.
        #expect(floor.wait(for: "Alex did not come back within 4 s; the call-handler seat is free"), "\(floor.log)")
        let after = supervisor.wait(timeout: 10) { !$0.contains("HELD BY AN ABSENT HANDLER") }
        #expect(!after.contains("HELD BY AN ABSENT HANDLER"), "\(after)")
        let stop = Spawn.run([ConsoleEndToEndTests.binary, "floor", "stop", floor.socket])
        #expect(stop.status == 0, "\(stop.output)")
        #expect(floor.waitForExit(10))
        let calls = Spawn.run([ConsoleEndToEndTests.binary, "export", floor.journal, "--calls", "-"])
        #expect(calls.output.contains("person:Alex then engine:call-handler-"), "\(calls.output.prefix(2000))")
        #expect(calls.output.contains("back in the queue: Alex's console was lost"))
        let audit = Spawn.run([ConsoleEndToEndTests.binary, "audit", floor.journal])
        #expect(audit.status == 0 && audit.output.contains(" 0 disagreements"), "\(audit.output)")
    }

    @Test("The session's life is in the journal: a training floor waits paused for its instructor; the instructor's clock comes back after a kill and resume; floor stop ends the session, and resume refuses it")
    func sessionLife() throws {
        let floor = try FloorProcess(["start", Self.root + "/scenarios/training/06-street-fight.yaml", "--training"])
        #expect(floor.wait(for: "floor open on"), "\(floor.log)")
        let sam = floor.join(seat: "call-handler", name: "Sam")
        let waiting = sam.wait { $0.contains("TRAINING FLOOR · Sam") && $0.contains("PAUSED") }
        #expect(waiting.contains("PAUSED") && waiting.contains("The clock starts when the instructor starts it"), "\(waiting)")
        let clock = sam.clock()
        let instructor = floor.join(seat: "instructor", name: "Jo")
        #expect(instructor.wait(for: "space starts the clock"), "\(instructor.screen())")
        instructor.keys("Space")
        #expect(floor.wait(for: "Jo: running at x1"), "\(floor.log)")
        #expect(sam.wait { !$0.contains("PAUSED") }.contains("1x"), "\(sam.screen())")
        #expect(sam.runsOn(seconds: 2), "the clock runs once the instructor starts it (was \(String(describing: clock)))")
        // At x5, then paused: both journalled as Jo's; kill -9 and resume: still paused at x5.
        instructor.keys("+", "+")
        #expect(floor.wait(for: "Jo: running at x5"), "\(floor.log)")
        instructor.keys("Space")
        #expect(floor.wait(for: "Jo: paused"), "\(floor.log)")
        floor.kill(SIGKILL)
        try floor.start(["floor", "resume", floor.journal, "--socket", floor.socket])
        #expect(floor.wait(for: "resumed"), "\(floor.log)")
        let back = sam.wait(timeout: 20) { !$0.contains("FLOOR LOST") && $0.contains("PAUSED") }
        #expect(back.contains("PAUSED"), "the instructor's pause survives the crash: \(back)")
        // floor stop ends it for good.
        let stop = Spawn.run([ConsoleEndToEndTests.binary, "floor", "stop", floor.socket])
        #expect(stop.status == 0, "\(stop.output)")
        #expect(floor.waitForExit(10))
        let report = Spawn.run([ConsoleEndToEndTests.binary, "report", floor.journal])
        #expect(report.output.contains("ended by the operator                     yes"), "\(report.output.prefix(800))")
        let resume = Spawn.run([ConsoleEndToEndTests.binary, "floor", "resume", floor.journal, "--socket", floor.socket + "2"])
        #expect(resume.status == 2 && resume.output.contains("that session was ended"), "\(resume.output)")
    }

    @Test("Garbage on the socket (an oversized length, bytes that are not JSON, an unknown message) closes that connection and is logged; the floor goes on and a console joins")
    func badMessages() throws {
        let floor = try FloorProcess(["start", "default"])
        #expect(floor.wait(for: "floor open on"), "\(floor.log)")
        for bytes: [UInt8] in [[0x3B, 0x9A, 0xCA, 0x00], [0, 0, 0, 5] + Array("xxxxx".utf8), [0, 0, 0, 2] + Array("{}".utf8)] {
            #expect(Self.sendRaw(bytes, to: floor.socket), "connected to \(floor.socket)")
        }
        #expect(floor.wait(for: "over the limit of 65536"), "\(floor.log)")
        #expect(floor.wait(for: "not JSON"), "\(floor.log)")
        #expect(floor.wait(for: "not a message the floor knows"), "\(floor.log)")
        let watcher = floor.join(seat: "watch", name: "Viv")
        #expect(watcher.wait(for: "FLOOR · Viv"), "\(watcher.screen())")
    }

    /// Connects to a Unix socket, writes `bytes` and closes.
    static func sendRaw(_ bytes: [UInt8], to path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let name = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in name.enumerated() { raw[i] = b }
            raw[name.count] = 0
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { return false }
        return bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count
    }
}

