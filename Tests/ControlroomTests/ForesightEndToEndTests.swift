import Foundation
import Testing
import TmuxHarness

/// Foresight through the real binary: the supervisor's seat opens on the overview, the futures
/// are worked out in the background while the console keeps answering, and `:foresee` asks again.
@Suite("Foresight in a terminal", .serialized)
struct ForesightEndToEndTests {
    static let binary = ConsoleEndToEndTests.binary

    @Test("The supervisor's overview fills in its foresight while keys are answered; :foresee looks again and says the chance")
    func overview() throws {
        let t = TmuxSession(binary: Self.binary, ["run", "--from", "2h", "--role", "supervisor"], width: 120, height: 64)
        #expect(t.wait(for: "Supervisor overview"), "\(t.screen())")
        // The console answers keys while the futures are worked out.
        t.keys("Space")
        #expect(t.wait(for: "Paused"), "\(t.screen())")
        let shown = t.wait(timeout: 180) { $0.contains("Foresight: the next 2 hours in 200 futures from 20:00") }
        #expect(shown.contains("as things are") && shown.contains("grade 1 late chance") && shown.contains("999 within 10 s"), "\(shown)")
        t.keys(":", "foresee", "Enter")
        #expect(t.wait(for: "Looking 2 hours ahead in 200 futures"), "\(t.screen())")
        let said = t.wait(timeout: 180) { $0.contains("Foresight from 20:00: a grade 1 late in the next 2 hours") }
        #expect(said.contains("S for the overview."), "\(said)")
        t.keys("Escape")
        #expect(t.wait { !$0.contains("Supervisor overview") }.contains("Incidents"), "\(t.screen())")
        t.keys("q")
        #expect(t.wait(for: "Quit"), "\(t.screen())")
        t.keys("y")
        #expect(t.wait(for: "[exit 0]"))
    }
}
