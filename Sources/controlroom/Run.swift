import ArgumentParser
import Foundation
import Terminal

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the console on a scenario, with the simulation running live.",
        discussion: "Without a file, the built-in Friday night. Press ? in the console for every key.")

    @Argument(help: "The scenario file (YAML); 'default' or nothing for the built-in Friday night.")
    var file: String?

    @Option(help: "Random seed (default: the scenario's seed).")
    var seed: UInt64?

    func run() throws {
        let scenario = file == nil || file == "default" ? ScenarioFiles.builtIn() : ScenarioFiles.load(file!)
        guard Terminal.isInteractive else {
            Failure.fail("the console needs a terminal; for a report without one, run: controlroom sim \(file ?? "default")")
        }
        throw ExitCode(LiveConsole.run(scenario, seed: seed))
    }
}
