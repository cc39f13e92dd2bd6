import Console
import ReadModel
import DispatchEngine
import Foundation
import Scenario

/// A console on the built-in Friday night, two hours in: a deterministic floor to test against.
final class ConsoleFixture {
    let floor: Floor
    var state: ConsoleState
    var size: (width: Int, height: Int)

    init(hours: Double = 2, width: Int = 120, height: Int = 40, glyphs: Glyphs = .unicode, role: Role = .dispatcher,
         scenario: Scenario = Scenario.builtInDefault()) {
        let simulation = Simulation(config: scenario.config)
        floor = Floor(simulation: simulation, scenarioName: scenario.name)
        simulation.advance(to: SimTime(hours * Double(Clock.hour)))
        state = ConsoleState(glyphs: glyphs)
        state.role = role
        size = (width, height)
        if role.handlesCalls { Effects.carryOut([.callSeat(true)], &state, floor) }
    }

    /// Keys in, a frame drawn after each (as the live console draws between keys it waits for).
    @discardableResult
    func press(_ keys: Key...) -> [ConsoleEffect] {
        keys.flatMap { key in
            defer { Update.drawn(&state, floor) }
            return Update.handle(key, &state, floor, size: size)
        }
    }

    /// Keys in, and what they ask of the engine carried out after each, as the live console does.
    @discardableResult
    func act(_ keys: Key...) -> [ConsoleEffect] {
        keys.flatMap { key in
            let effects = Update.handle(key, &state, floor, size: size)
            Effects.carryOut(effects.filter { $0 != .quit }, &state, floor)
            Update.drawn(&state, floor)
            return effects
        }
    }

    @discardableResult
    func actTyping(_ text: String) -> [ConsoleEffect] {
        text.flatMap { act(.character($0)) }
    }

    /// Runs the night on until a call rings at the person's seat.
    func waitForRinging() {
        while floor.ringingCalls().isEmpty { _ = floor.simulation.step(limit: floor.config.duration) }
    }

    func advance(seconds: Int) {
        floor.simulation.advance(to: floor.now + SimTime(seconds) * Clock.second)
        Update.settle(&state, floor)
    }

    @discardableResult
    func type(_ text: String) -> [ConsoleEffect] {
        text.flatMap { Update.handle(.character($0), &state, floor, size: size) }
    }

    /// `:command` then Enter.
    @discardableResult
    func command(_ line: String) -> [ConsoleEffect] {
        press(.character(":")) + type(line) + press(.enter)
    }

    var frame: Frame { Render.frame(state, floor, width: size.width, height: size.height) }
    var screen: String { frame.text }
}
