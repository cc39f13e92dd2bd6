import ArgumentParser
import Terminal

@main
struct Controlroom: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controlroom",
        abstract: "A police control room: dispatch console, simulator and trainer.",
        discussion: """
        With no subcommand, opens the console on the built-in Friday night (scenarios/default.yaml). \
        Without a terminal (output piped or redirected) it runs the night headless and prints the report.
        """,
        subcommands: [Run.self, Sim.self, Validate.self, Bench.self])

    func run() throws {
        let scenario = ScenarioFiles.builtIn()
        if Terminal.isInteractive {
            throw ExitCode(LiveConsole.run(scenario, seed: nil, from: scenario.consoleFrom))
        }
        let report = Runner.run(scenario, seed: nil, until: nil)
        print(report.table(), terminator: "")
    }
}
