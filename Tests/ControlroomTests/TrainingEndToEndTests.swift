import Foundation
import Testing
import TmuxHarness

/// A training session through the real binary: the banner, an injected event, the debrief.
@Suite("Training through the real binary", .serialized)
struct TrainingEndToEndTests {
    static let binary = ConsoleEndToEndTests.binary
    static let root = #filePath.components(separatedBy: "/Tests/")[0]

    @Test("A trainee's session: TRAINING banner, the instructor injects an event, D shows the debrief; the journal debriefs and verifies")
    func trainingSession() throws {
        let journal = JournalEndToEndTests.temporaryJournal()
        let t = TmuxSession(binary: Self.binary, ["run", Self.root + "/scenarios/training/06-street-fight.yaml", "--trainee", "Sam",
                                                  "--journal", journal, "--speed", "10"], width: 130, height: 40)
        #expect(t.wait(for: "TRAINING: Sam"), "\(t.screen())")
        t.keys("I")
        #expect(t.wait(for: "Instructor: inject a scripted event now"))
        t.keys("Enter")
        #expect(t.wait(for: "Injected: 23:35 call: fight."))
        // The engine's call handler takes it and creates the incident: the debrief sees it.
        // (On the list: the status bar's open counts give way to the alert it raises.)
        #expect(t.wait(timeout: 30) { $0.contains("0001 G1 ") }.contains("0001 G1 "), "\(t.screen())")
        t.keys("D")
        let debrief = t.wait { $0.contains("SCORE") }
        #expect(debrief.contains("DEBRIEF: A street fight, several callers, trainee Sam"), "\(debrief)")
        // Graded by the engine's call handler: named as theirs, no points for Sam in the dispatcher's seat.
        #expect(debrief.contains("fight (0001): graded 1: given grade 1"), "\(debrief)")
        #expect(debrief.contains("by the engine's call handler"), "\(debrief)")
        t.keys("Escape")   // on its own: with q after it in one write it would be Alt-q
        #expect(!t.wait { !$0.contains("SCORE") }.contains("SCORE"))
        t.keys("q", "y")
        #expect(t.wait(for: "[exit 0]"))

        let markdown = Spawn.run([Self.binary, "debrief", journal, "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.output.contains("# Debrief: A street fight, several callers"))
        #expect(markdown.output.contains("| other seat: met | call handling | fight | 0001 | graded 1 |"), "\(markdown.output)")
        let verify = Spawn.run([Self.binary, "verify", journal])
        #expect(verify.status == 0, "the injected event replays where it happened: \(verify.output)")
    }

    @Test("practice proves a training scenario; a scenario without a script is refused")
    func practice() {
        let journal = JournalEndToEndTests.temporaryJournal()
        let run = Spawn.run([Self.binary, "practice", Self.root + "/scenarios/training/05-lost-handbag.yaml", "--journal", journal])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("SCORE 100/100 (40 of 40 points)"))
        #expect(run.output.contains("handbag (0001): resolved without deploying: resolved as advice by you (grade 4)"))
        let plain = Spawn.run([Self.binary, "practice", Self.root + "/scenarios/quiet-town.yaml"])
        #expect(plain.status == 2)
        #expect(plain.output.contains("has no script: practice needs a training scenario"))
    }
}
