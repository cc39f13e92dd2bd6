import Console
import ReadModel
import DispatchEngine
import Foundation
import Scenario
import Testing

@Suite("Training in the console: the instructor's menu and the debrief")
struct InstructorTests {
    static let root = #filePath.components(separatedBy: "/Tests/")[0]

    func console(training: Bool) throws -> (Floor, ConsoleState) {
        let scenario = try Scenario.load(path: Self.root + "/scenarios/training/06-street-fight.yaml")
        let floor = Floor(simulation: Simulation(config: scenario.config), scenarioName: scenario.name)
        var state = ConsoleState()
        state.training = training
        return (floor, state)
    }

    @Test("I opens the menu of scripted events; j and Enter inject the second one now; it rings at once")
    func injectFromTheMenu() throws {
        var (floor, state) = try console(training: true)
        floor.simulation.advance(to: Clock.minute)
        #expect(Update.handle(.character("I"), &state, floor, size: (120, 40)).isEmpty)
        #expect(state.mode == .instructor)
        let screen = Render.frame(state, floor, width: 120, height: 40).text
        #expect(screen.contains("Instructor: inject a scripted event now"))
        #expect(screen.contains("> 1. 23:35 call: fight"))
        #expect(screen.contains("2. 23:41 call: fight-door-staff"))
        _ = Update.handle(.character("j"), &state, floor, size: (120, 40))
        let effects = Update.handle(.enter, &state, floor, size: (120, 40))
        #expect(effects == [.inject(1)])
        Effects.carryOut(effects, &state, floor)
        #expect(state.message == "Injected: 23:41 call: fight-door-staff.")
        #expect(floor.world.calls.count == 1, "the call rings now")
        // A call already rung cannot ring again.
        Effects.carryOut([.inject(1)], &state, floor)
        #expect(state.message == "Refused: that scripted call has already rung")
    }

    @Test(":inject N fires event N; a bad number is explained; outside training the menu is refused")
    func injectCommand() throws {
        var (floor, state) = try console(training: true)
        func command(_ line: String) -> [ConsoleEffect] {
            _ = Update.handle(.character(":"), &state, floor, size: (120, 40))
            for c in line { _ = Update.handle(.character(c), &state, floor, size: (120, 40)) }
            return Update.handle(.enter, &state, floor, size: (120, 40))
        }
        #expect(command("inject 3") == [.inject(2)])
        #expect(command("inject 9").isEmpty)
        #expect(state.message == "inject takes the number of a scripted event, 1 to 4 (I lists them)")
        #expect(command("debrief") == [.debrief])
        var (other, plain) = try console(training: false)
        #expect(Update.handle(.character("I"), &plain, other, size: (120, 40)).isEmpty)
        #expect(plain.message?.hasPrefix("The instructor's menu is for training sessions") == true)
        #expect(Update.handle(.character("D"), &plain, other, size: (120, 40)).isEmpty)
        #expect(plain.messageIsError)
        _ = other
    }

    @Test("The debrief overlay shows the lines it was given, missed ones marked, and scrolls")
    func debriefOverlay() throws {
        var (floor, state) = try console(training: true)
        state.debriefLines = ["DEBRIEF: test", "", "Missed", "  - fight (0001): first unit sent within 10:00"] + (1...60).map { "  line \($0)" }
        state.mode = .debrief
        let screen = Render.frame(state, floor, width: 120, height: 40).text
        #expect(screen.contains("Debrief  (Esc to close, j/k to scroll)"))
        #expect(screen.contains("- fight (0001): first unit sent within 10:00"))
        _ = Update.handle(.character("j"), &state, floor, size: (120, 40))
        #expect(!Render.frame(state, floor, width: 120, height: 40).text.contains("DEBRIEF: test"))
        _ = Update.handle(.escape, &state, floor, size: (120, 40))
        #expect(state.mode == .normal)
    }
}
