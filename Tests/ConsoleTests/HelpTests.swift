@testable import Console
import DispatchEngine
import Testing

/// The help lists the keys the seat can use: a call handler is not shown the dispatcher's, nor a
/// dispatcher the call handler's, nor anyone the instructor's outside training.
@Suite("The help")
struct HelpTests {
    func help(_ role: Role, training: Bool = false, clockIsFloors: Bool = false) -> [String] {
        let c = ConsoleFixture(role: role)
        c.state.training = training
        c.state.clockIsFloors = clockIsFloors
        c.press(.character("?"))
        #expect(c.state.mode == .help)
        let lines = HelpOverlay.lines(for: c.state.helpFor, c.state.keys, usable: { HelpOverlay.usable($0, c.state) }, seat: c.state.role.rawValue)
        // The keys only: the commands after them are listed for every seat.
        return Array(lines.prefix { !$0.hasPrefix("Commands") })
    }

    @Test("Each seat's help lists its own keys and says the others are left out; the console that plays every seat lists both")
    func bySeat() {
        let answer = "answer the next call", undo = "undo your last action", instructor = "the instructor's menu"
        let handler = help(.callHandler)
        #expect(handler.first == "The keys this seat can use (call-handler); the rest are left out.")
        #expect(handler.contains { $0.contains(answer) } && !handler.contains { $0.contains(undo) })
        let dispatcher = help(.dispatcher)
        #expect(dispatcher.contains { $0.contains(undo) } && !dispatcher.contains { $0.contains(answer) })
        #expect(!dispatcher.contains { $0.contains(instructor) })
        let both = help(.all)
        #expect(both.contains { $0.contains(answer) } && both.contains { $0.contains(undo) })
        #expect(help(.dispatcher, training: true).contains { $0.contains(instructor) })
    }

    @Test("On a floor the clock and the script's events are the instructor's: a trainee's help leaves them out, the instructor's keeps them; a call handler is not shown the emergency's acknowledgement")
    func floorSeats() {
        let pause = "pause or resume the simulation", faster = "faster (1x", instructor = "the instructor's menu", ack = "acknowledge the emergency"
        let trainee = help(.dispatcher, training: true, clockIsFloors: true)
        #expect(!trainee.contains { $0.contains(pause) || $0.contains(faster) || $0.contains(instructor) }, "\(trainee)")
        #expect(trainee.contains { $0.contains(ack) })
        let teacher = help(.supervisor, training: true, clockIsFloors: false)
        #expect(teacher.contains { $0.contains(pause) } && teacher.contains { $0.contains(instructor) })
        #expect(!help(.callHandler).contains { $0.contains(ack) })
        // A console of its own runs its own clock.
        #expect(help(.dispatcher).contains { $0.contains(pause) })
    }

    @Test("On a floor a trainee's I says the script's events are the instructor's and opens nothing")
    func traineeCannotOpenTheMenu() {
        let c = ConsoleFixture(role: .dispatcher)
        c.state.training = true
        c.state.clockIsFloors = true
        c.press(.character("I"))
        #expect(c.state.mode == .normal)
        #expect(c.state.messageIsError && c.state.message == "The script's events are the instructor's: only they inject them.")
    }
}
