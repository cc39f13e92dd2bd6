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

        \(ExitStatuses.help)
        """,
        subcommands: [Run.self, Resume.self, FloorCommand.self, Join.self, Sim.self, Validate.self, Watch.self, Replay.self, ReportCommand.self, Export.self, Verify.self, KeyCommand.self, DebriefCommand.self, PracticeCommand.self, AuditCommand.self, DemandCommand.self, DistrictCommand.self, Bench.self])

    func run() throws {
        let scenario = ScenarioFiles.builtIn()
        if Terminal.isInteractive {
            try Run.parse([]).run()
        }
        let report = Runner.run(scenario, seed: nil, until: nil)
        Output.print(report.table(), terminator: "")
    }
}
