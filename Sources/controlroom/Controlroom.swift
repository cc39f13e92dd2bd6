import ArgumentParser

@main
struct Controlroom: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controlroom",
        abstract: "A police control room: dispatch console, simulator and trainer.",
        discussion: """
        With no subcommand, runs the built-in Friday night (scenarios/default.yaml) headless and \
        prints how the night went.
        """,
        subcommands: [Sim.self, Validate.self, Bench.self])

    func run() throws {
        let scenario = ScenarioFiles.builtIn()
        let report = Runner.run(scenario, seed: nil, until: nil)
        print(report.table(), terminator: "")
    }
}
