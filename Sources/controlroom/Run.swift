import ArgumentParser
import Console
import Foundation
import DispatchEngine
import Scenario
import Terminal

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the console on a scenario, with the simulation running live.",
        discussion: "Without a file, the built-in Friday night. Press ? in the console for every key.")

    @Argument(help: "The scenario file (YAML); 'default' or nothing for the built-in Friday night.")
    var file: String?

    @Option(help: "Random seed (default: the scenario's seed).")
    var seed: UInt64?

    @Option(help: "Open the console this far into the scenario (such as 2h), the night so far already run (default: the scenario's console_from).")
    var from: String?

    @Option(help: .hidden)
    var traceFrames: String?

    @Option(help: "Start at this speed: 1, 2, 5, 10 or 60.")
    var speed: Int = 1

    @Option(help: "The seat you take: call-handler, dispatcher, supervisor or all. The engine plays the rest.")
    var role: String = "dispatcher"

    @Option(help: "As dispatcher, dispatch only this area; the engine dispatches the others.")
    var area: String?

    func validate() throws {
        guard [1, 2, 5, 10, 60].contains(speed) else { throw ValidationError("--speed takes 1, 2, 5, 10 or 60") }
        guard Role(rawValue: role) != nil else {
            throw ValidationError("--role takes " + Role.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let from {
            guard let t = DurationText.parse(from), t <= 400 * Clock.day else {
                throw ValidationError("--from '\(from)' is not a duration; expected such as 30m or 2h")
            }
        }
    }

    func run() throws {
        let scenario = file == nil || file == "default" ? ScenarioFiles.builtIn() : ScenarioFiles.load(file!)
        var areas: Set<Int> = []
        if let area {
            guard let i = scenario.config.areas.firstIndex(where: { $0.name.lowercased() == area.lowercased() }) else {
                Failure.fail("no area '\(area)' in the scenario; its areas: " + scenario.config.areas.map(\.name).joined(separator: ", "))
            }
            areas = [i]
        }
        guard Terminal.isInteractive else {
            Failure.fail("the console needs a terminal; for a report without one, run: controlroom sim \(file ?? "default")")
        }
        throw ExitCode(LiveConsole.run(scenario, seed: seed, from: from.flatMap(DurationText.parse) ?? scenario.consoleFrom,
                                       speed: speed, trace: traceFrames, role: Role(rawValue: role)!, areas: areas))
    }
}
