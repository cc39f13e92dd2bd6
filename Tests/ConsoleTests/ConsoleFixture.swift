import Console
import DispatchEngine
import Foundation
import Scenario

/// A console on the built-in Friday night, two hours in: a deterministic floor to test against.
final class ConsoleFixture {
    let floor: Floor
    var state: ConsoleState
    var size: (width: Int, height: Int)

    init(hours: Double = 2, width: Int = 120, height: Int = 40, glyphs: Glyphs = .unicode) {
        let scenario = Scenario.builtInDefault()
        let simulation = Simulation(config: scenario.config)
        floor = Floor(simulation: simulation, scenarioName: scenario.name)
        simulation.advance(to: SimTime(hours * Double(Clock.hour)))
        state = ConsoleState(glyphs: glyphs)
        size = (width, height)
    }

    @discardableResult
    func press(_ keys: Key...) -> [ConsoleEffect] {
        keys.flatMap { Update.handle($0, &state, floor, size: size) }
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
